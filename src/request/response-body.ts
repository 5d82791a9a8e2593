// Reading a raw response body once, and leaving an identical stream behind
// for the SDK's parser. Bodies are capped before anything parses them: the
// SDK's XML parser takes dozens of times a document's size in memory, and no
// EC2 answer to CopySnapshot or DescribeSnapshots comes anywhere near the cap.
import { Readable } from 'node:stream';
import type { HttpResponse } from '@smithy/types';
import { CliError } from '../errors.js';

/** 4 MiB: a thousand times a real answer; the most parsed (at most a few hundred MB of parser memory). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

function tooLarge(limit: number): CliError {
  return new CliError('general', `Response too large: the endpoint sent more than ${limit} bytes, more than any answer to this request can be; it was not parsed.`);
}

export async function takeBody(response: HttpResponse, limit = MAX_RESPONSE_BYTES): Promise<Buffer> {
  const body = response.body as Readable | Uint8Array | string | undefined;
  let bytes: Buffer;
  if (body === undefined || body === null) bytes = Buffer.alloc(0);
  else if (typeof body === 'string' || body instanceof Uint8Array) bytes = Buffer.from(body);
  else {
    const declared = Number(response.headers['content-length'] ?? response.headers['Content-Length']);
    if (declared > limit) {
      body.destroy();
      throw tooLarge(limit);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Uint8Array).length;
      if (size > limit) {
        // Leaving the loop destroys the stream (and its connection): nothing more is read.
        throw tooLarge(limit);
      }
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    bytes = Buffer.concat(chunks, size);
  }
  if (bytes.length > limit) throw tooLarge(limit);
  response.body = Readable.from([bytes]);
  return bytes;
}
