// The one place a request leaves: CopySnapshot through the SDK's EC2 client.
// The SDK serializes, signs, retries and parses; we add what botocore does
// and the SDK does differently: the body's parameter order and the
// PresignedUrl/DestinationRegion injection (see presign.ts, wire-order.ts).
import { CopySnapshotBotocoreStyle, HttpRequest, RETRY_MIDDLEWARE, SIGNING_MIDDLEWARE } from './sdk.js';
import type { BuildMiddleware, FinalizeRequestMiddleware } from '@smithy/types';
import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-ec2';
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import { presignCopySnapshot } from './presign.js';
import { formatFormBody, parseQueryBody, setPair } from './query-encoding.js';
import { connectEc2, translateSdkError, type ClientOptions, type Ec2Connection } from './client.js';
import { orderLikeBotocore } from './wire-order.js';

export interface SendOptions extends ClientOptions {
  readonly params: Record<string, unknown>;
}

/** The body in botocore's parameter order (build step: once per call). */
function botocoreOrder(options: SendOptions): BuildMiddleware<ServiceInputTypes, ServiceOutputTypes> {
  return (next) => async (args) => {
    const request = args.request as HttpRequest;
    request.body = formatFormBody(orderLikeBotocore(parseQueryBody(String(request.body ?? '')), options.params, COPY_SNAPSHOT.input));
    request.headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    return next(args);
  };
}

/**
 * botocore's PresignedUrl and DestinationRegion, appended to the body. It
 * runs for each attempt, just before the request is signed, and pins the
 * instant both signatures are made at: the header's X-Amz-Date and the
 * PresignedUrl's are always the same.
 */
function botocorePresign(options: SendOptions, connection: Ec2Connection): FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> {
  return (next) => async (args) => {
    const request = args.request as HttpRequest;
    const pairs = parseQueryBody(String(request.body ?? ''));
    const signingDate = new Date(Math.floor(Date.now() / 1000) * 1000);
    const presignedUrl = await presignCopySnapshot({
      url: connection.url,
      clientRegion: options.region,
      sourceRegion: String(options.params.SourceRegion ?? ''),
      pairs,
      credentials: options.credentials ? await options.credentials() : undefined,
      signingDate,
    });
    const attempt = HttpRequest.clone(request);
    attempt.body = formatFormBody(setPair(setPair(pairs, 'PresignedUrl', presignedUrl), 'DestinationRegion', options.region));
    for (const name of Object.keys(attempt.headers)) {
      if (name.toLowerCase() === 'content-length') attempt.headers[name] = String(Buffer.byteLength(attempt.body as string));
    }
    connection.signingDate.current = signingDate;
    try {
      return await next({ ...args, request: attempt });
    } finally {
      connection.signingDate.current = undefined;
    }
  };
}

export async function sendCopySnapshot(options: SendOptions): Promise<Record<string, unknown>> {
  const connection = await connectEc2(options);
  const stack = connection.client.middlewareStack;
  stack.add(botocoreOrder(options), { step: 'build', priority: 'high', name: 'botocoreOrderMiddleware' });
  if (!('PresignedUrl' in options.params)) {
    const presign = botocorePresign(options, connection);
    // Inside the retry loop, before the signature (or, unsigned, after the retry step).
    if (options.credentials) stack.addRelativeTo(presign, { name: 'botocorePresignMiddleware', relation: 'before', toMiddleware: SIGNING_MIDDLEWARE });
    else stack.addRelativeTo(presign, { name: 'botocorePresignMiddleware', relation: 'after', toMiddleware: RETRY_MIDDLEWARE });
  }
  try {
    const output: unknown = await connection.client.send(new CopySnapshotBotocoreStyle(options.params as never));
    return output as Record<string, unknown>;
  } catch (error) {
    throw translateSdkError(error, COPY_SNAPSHOT.name, connection);
  } finally {
    connection.client.destroy();
  }
}
