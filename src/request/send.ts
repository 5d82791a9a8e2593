// The one place a request leaves: CopySnapshot through the SDK's EC2 client.
// The SDK serializes, signs, retries and parses; we add what botocore does
// and the SDK does differently: the body's parameter order and the
// PresignedUrl/DestinationRegion injection (see presign.ts, wire-order.ts).
import { CopySnapshot$, CopySnapshotCommand, getEndpointPlugin, makeBuilder } from './sdk.js';
import type { BuildMiddleware, HttpRequest } from '@smithy/types';
import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-ec2';
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import { presignCopySnapshot } from './presign.js';
import { formatFormBody, parseQueryBody, setPair } from './query-encoding.js';
import { connectEc2, translateSdkError, type ClientOptions } from './client.js';
import { orderLikeBotocore } from './wire-order.js';

/** CopySnapshot as the SDK builds it, minus the SDK's own presign step (ours is botocore's). */
const CopySnapshotBotocoreStyle = makeBuilder(
  CopySnapshotCommand.getEndpointParameterInstructions(),
  'AmazonEC2',
  'EC2Client',
  getEndpointPlugin,
)({}, () => [], 'CopySnapshot', CopySnapshot$);

export interface SendOptions extends ClientOptions {
  readonly params: Record<string, unknown>;
}

function requestUrl(request: HttpRequest): string {
  const port = request.port ? `:${request.port}` : '';
  return `${request.protocol}//${request.hostname}${port}${request.path}`;
}

function botocoreBody(options: SendOptions): BuildMiddleware<ServiceInputTypes, ServiceOutputTypes> {
  return (next) => async (args) => {
    const request = args.request as HttpRequest;
    let pairs = orderLikeBotocore(parseQueryBody(String(request.body ?? '')), options.params, COPY_SNAPSHOT.input);
    if (!('PresignedUrl' in options.params)) {
      const presignedUrl = await presignCopySnapshot({
        endpoint: requestUrl(request),
        clientRegion: options.region,
        sourceRegion: String(options.params.SourceRegion ?? ''),
        pairs,
        credentials: options.credentials ? await options.credentials() : undefined,
      });
      pairs = setPair(setPair(pairs, 'PresignedUrl', presignedUrl), 'DestinationRegion', options.region);
    }
    request.body = formatFormBody(pairs);
    request.headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    return next(args);
  };
}

export async function sendCopySnapshot(options: SendOptions): Promise<Record<string, unknown>> {
  const connection = await connectEc2(options);
  connection.client.middlewareStack.add(botocoreBody(options), { step: 'build', priority: 'high', name: 'botocoreBodyMiddleware' });
  try {
    const output: unknown = await connection.client.send(new CopySnapshotBotocoreStyle(options.params as never));
    return output as Record<string, unknown>;
  } catch (error) {
    throw translateSdkError(error, COPY_SNAPSHOT.name, connection);
  } finally {
    connection.client.destroy();
  }
}
