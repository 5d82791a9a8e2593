// The one place a request leaves: CopySnapshot through the SDK's EC2 client.
// The SDK serializes, signs, retries and parses; we add what botocore does
// and the SDK does differently: the body's parameter order and the
// PresignedUrl/DestinationRegion injection (see presign.ts, wire-order.ts).
import { CopySnapshot$, CopySnapshotCommand, EC2Client } from '@aws-sdk/client-ec2';
import { state as sdkVersionWarning } from '@aws-sdk/core/client';
import { makeBuilder } from '@smithy/core/client';
import { getEndpointPlugin } from '@smithy/core/endpoints';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider, BuildMiddleware, HttpRequest } from '@smithy/types';
import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-ec2';
import { CliError, ServiceError } from '../errors.js';
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import { presignCopySnapshot } from './presign.js';
import { formatFormBody, parseQueryBody, setPair } from './query-encoding.js';
import { orderLikeBotocore } from './wire-order.js';

// The SDK warns on stderr about Node < 22; the AWS CLI prints no such thing.
sdkVersionWarning.warningEmitted = true;

/** CopySnapshot as the SDK builds it, minus the SDK's own presign step (ours is botocore's). */
const CopySnapshotBotocoreStyle = makeBuilder(
  CopySnapshotCommand.getEndpointParameterInstructions(),
  'AmazonEC2',
  'EC2Client',
  getEndpointPlugin,
)({}, () => [], 'CopySnapshot', CopySnapshot$);

export interface SendOptions {
  readonly params: Record<string, unknown>;
  readonly region: string;
  /** The endpoint named in connection errors (`https://ec2.<region>.amazonaws.com`, or the user's). */
  readonly endpoint: string;
  readonly customEndpoint: boolean;
  /** Undefined sends the request unsigned. */
  readonly credentials: AwsCredentialIdentityProvider | undefined;
  readonly maxAttempts: number;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
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

function endpointUrlForMessages(endpoint: string): string {
  return endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
}

/** botocore shows a missing <Message> as Unknown and an empty one as None (Python's null). */
function serviceMessage(message: string | undefined): string {
  if (message === undefined) return 'Unknown';
  return message === '' ? 'None' : message;
}

function translateError(error: unknown, options: SendOptions): CliError {
  if (error instanceof CliError) return error;
  const e = error as {
    name?: string;
    message?: string;
    code?: string;
    $metadata?: { attempts?: number };
    $fault?: string;
    Error?: { Code?: string; Message?: string };
  };
  const url = endpointUrlForMessages(options.endpoint);
  if (e.$fault !== undefined && e.$metadata) {
    const attempts = e.$metadata.attempts ?? 1;
    const exhausted = attempts >= options.maxAttempts && options.maxAttempts > 1 ? attempts - 1 : undefined;
    return new ServiceError(e.Error?.Code ?? e.name ?? 'Unknown', serviceMessage(e.Error?.Message), COPY_SNAPSHOT.name, exhausted);
  }
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') {
    return new CliError('connection', `Read timeout on endpoint URL: "${url}"`);
  }
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH'].includes(e.code ?? '')) {
    return new CliError('connection', `Could not connect to the endpoint URL: "${url}"`);
  }
  return new CliError('general', e.message ?? String(error));
}

export async function sendCopySnapshot(options: SendOptions): Promise<Record<string, unknown>> {
  const client = new EC2Client({
    region: options.region,
    endpoint: options.customEndpoint ? options.endpoint : undefined,
    credentials: options.credentials ?? { accessKeyId: 'unsigned', secretAccessKey: 'unsigned' },
    maxAttempts: options.maxAttempts,
    retryMode: 'standard',
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectTimeoutMs,
      requestTimeout: options.readTimeoutMs,
    }),
  });
  if (!options.credentials) client.middlewareStack.remove('httpSigningMiddleware');
  client.middlewareStack.add(botocoreBody(options), { step: 'build', priority: 'high', name: 'botocoreBodyMiddleware' });
  try {
    const output: unknown = await client.send(new CopySnapshotBotocoreStyle(options.params as never));
    return output as Record<string, unknown>;
  } catch (error) {
    throw translateError(error, options);
  } finally {
    client.destroy();
  }
}
