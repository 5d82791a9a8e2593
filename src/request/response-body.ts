// Reading a raw response body once, and leaving an identical stream behind
// for the SDK's parser.
import { Readable } from 'node:stream';
import type { HttpResponse } from '@smithy/types';

export async function takeBody(response: HttpResponse): Promise<Buffer> {
  const body = response.body as Readable | Uint8Array | string | undefined;
  let bytes: Buffer;
  if (body === undefined || body === null) bytes = Buffer.alloc(0);
  else if (typeof body === 'string' || body instanceof Uint8Array) bytes = Buffer.from(body);
  else {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    bytes = Buffer.concat(chunks);
  }
  response.body = Readable.from([bytes]);
  return bytes;
}
