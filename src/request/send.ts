// The one place a request leaves: CopySnapshot through the SDK's EC2 client.
// The SDK serializes, signs, retries and parses; we add what botocore does
// and the SDK does differently: the body's parameter order and the
// PresignedUrl/DestinationRegion injection (see presign.ts, wire-order.ts).
import { CopySnapshot$, CopySnapshotCommand, EC2Client } from '@aws-sdk/client-ec2';
import { state as sdkVersionWarning } from '@aws-sdk/core/client';
import { makeBuilder } from '@smithy/core/client';
import { getEndpointPlugin } from '@smithy/core/endpoints';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AwsCredentialIdentityProvider, BuildMiddleware, HttpRequest } from '@smithy/types';
import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-ec2';
import { CliError, ServiceError } from '../errors.js';
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import { presignCopySnapshot } from './presign.js';
import { formatFormBody, parseQueryBody, setPair } from './query-encoding.js';
import { makeTransport, transportError } from './transport.js';
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
  /** legacy (v1's default), standard or adaptive. */
  readonly retryMode: string;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly verifySsl: boolean;
  readonly caBundle: string | undefined;
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

/** botocore shows a missing <Message> as Unknown and an empty one as None (Python's null). */
function serviceMessage(message: string | undefined): string {
  if (message === undefined) return 'Unknown';
  return message === '' ? 'None' : message;
}

/** The errors AWS CLI v1's retry rules (botocore's _retry.json) retry. */
const RETRIED_STATUS = new Set([429, 500, 502, 503, 504, 509]);
const RETRIED_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'EC2ThrottledException',
]);

interface SdkServiceError {
  name?: string;
  $metadata?: { attempts?: number; httpStatusCode?: number };
  $fault?: string;
  Error?: { Code?: string; Message?: string };
}

function serviceError(e: SdkServiceError, maxAttempts: number): ServiceError {
  const code = e.Error?.Code ?? e.name ?? 'Unknown';
  const attempts = e.$metadata?.attempts ?? 1;
  const retried = RETRIED_STATUS.has(e.$metadata?.httpStatusCode ?? 0) || RETRIED_CODES.has(code);
  const exhausted = retried && attempts >= maxAttempts ? attempts - 1 : undefined;
  return new ServiceError(code, serviceMessage(e.Error?.Message), COPY_SNAPSHOT.name, exhausted);
}

/** v1's legacy backoff: rand() * 2^(n-1) seconds before retry n. */
function legacyRetryStrategy(maxAttempts: number): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(maxAttempts, (attempt) => Math.random() * 2 ** Math.max(0, attempt - 1) * 1000);
}

export async function sendCopySnapshot(options: SendOptions): Promise<Record<string, unknown>> {
  const transport = makeTransport({
    endpoint: options.endpoint,
    verifySsl: options.verifySsl,
    caBundle: options.caBundle,
    connectTimeoutMs: options.connectTimeoutMs,
    readTimeoutMs: options.readTimeoutMs,
  });
  const client = new EC2Client({
    region: options.region,
    endpoint: options.customEndpoint ? options.endpoint : undefined,
    credentials: options.credentials ?? { accessKeyId: 'unsigned', secretAccessKey: 'unsigned' },
    ...(options.retryMode === 'legacy'
      ? { retryStrategy: legacyRetryStrategy(options.maxAttempts) }
      : { maxAttempts: options.maxAttempts, retryMode: options.retryMode }),
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    requestHandler: transport.handler,
  });
  if (!options.credentials) client.middlewareStack.remove('httpSigningMiddleware');
  client.middlewareStack.add(botocoreBody(options), { step: 'build', priority: 'high', name: 'botocoreBodyMiddleware' });
  try {
    const output: unknown = await client.send(new CopySnapshotBotocoreStyle(options.params as never));
    return output as Record<string, unknown>;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const e = error as SdkServiceError;
    if (e.$fault !== undefined && e.$metadata) throw serviceError(e, options.maxAttempts);
    throw transportError(error, options.endpoint, transport.proxy) ?? new CliError('general', (error as Error).message ?? String(error));
  } finally {
    client.destroy();
  }
}
