// The SDK's EC2 client as AWS CLI v1 would configure it: Region, endpoint,
// credentials (or none), v1's retry rules and the transport; and the
// translation of whatever the SDK throws into v1's error texts.
import { EC2Client, sdkVersionWarning } from './sdk.js';
import type { EC2ClientConfig } from '@aws-sdk/client-ec2';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { CliError, ServiceError } from '../errors.js';
import type { DebugLogger } from '../debug.js';
import { makeTransport, transportError, type Transport } from './transport.js';
import { PinnedDateSigner, type SigningDateSlot } from './signing-date.js';
import { logExchange } from './debug-exchange.js';
import { takeBody } from './response-body.js';
import { plainXml, readXmlBytes } from './xml-check.js';
import { errorDocumentError } from './error-document.js';
import { BotocoreRetryStrategy, reachedMaxAttempts, type RetryMode } from './retry-rules.js';
import { reprBytes } from '../python/repr.js';
import { STATUS_CODES } from 'node:http';
import packageInfo from '../../package.json' with { type: 'json' };
import { Readable } from 'node:stream';
import type { DeserializeMiddleware, HttpResponse } from '@smithy/types';
import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-ec2';

/** Appended to the SDK's User-Agent of every request. */
export const USER_AGENT_SUFFIX = `copy-snapshot/${packageInfo.version}`;

// The SDK warns on stderr about Node < 22; the AWS CLI prints no such thing.
sdkVersionWarning.warningEmitted = true;

export interface ClientOptions {
  readonly region: string;
  /** The endpoint named in connection errors (`https://ec2.<region>.amazonaws.com`, or the user's). */
  readonly endpoint: string;
  readonly customEndpoint: boolean;
  /** Undefined sends requests unsigned. */
  readonly credentials: AwsCredentialIdentityProvider | undefined;
  readonly maxAttempts: number;
  /** legacy (v1's default), standard or adaptive. */
  readonly retryMode: RetryMode;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly verifySsl: boolean;
  readonly caBundle: string | undefined;
  /** --debug: log the HTTP exchange (secrets masked by the logger). */
  readonly debug?: DebugLogger;
}

export interface Ec2Connection {
  readonly client: EC2Client;
  readonly transport: Transport;
  readonly options: ClientOptions;
  /** The instant the next signature is made at, when a step pins one (see signing-date.ts). */
  readonly signingDate: SigningDateSlot;
}

/** botocore shows a missing <Message> as Unknown and an empty one as None (Python's null). */
export function serviceMessage(message: string | undefined): string {
  if (message === undefined) return 'Unknown';
  return message === '' ? 'None' : message;
}

interface SdkServiceError {
  name?: string;
  /** A message botocore made up itself (the HTTP reason phrase), shown as it is. */
  $reason?: string;
  $metadata?: { attempts?: number; httpStatusCode?: number };
  $fault?: string;
  Error?: { Code?: string; Message?: string };
}

function serviceError(e: SdkServiceError, operation: string, options: ClientOptions): ServiceError {
  const code = e.Error?.Code ?? 'Unknown';
  const attempts = e.$metadata?.attempts ?? 1;
  const failure = { status: e.$metadata?.httpStatusCode, code: e.Error?.Code, transport: false };
  const exhausted = reachedMaxAttempts(options.retryMode, failure, attempts, options.maxAttempts) ? attempts - 1 : undefined;
  return new ServiceError(code, e.$reason ?? serviceMessage(e.Error?.Message), operation, exhausted);
}

/** Python's http.client reason phrases where Node's differ. */
const PYTHON_REASONS: Record<number, string> = {
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Long',
  416: 'Requested Range Not Satisfiable',
  // Not in Python's http.HTTPStatus.
  509: '',
};

export function reasonPhrase(status: number): string {
  return PYTHON_REASONS[status] ?? STATUS_CODES[status] ?? '';
}

/**
 * What botocore does before parsing: a 5xx whose body is empty or an HTML
 * page is an error named after the status (retried like any 5xx); any other
 * body must be well-formed XML, or the answer is unparsable (not retried).
 */
const checkResponseBody: DeserializeMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next) => async (args) => {
  const result = await next(args);
  const response = result.response as HttpResponse;
  const bytes = await takeBody(response);
  const status = response.statusCode;
  const stripped = bytes.toString('latin1').replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, '');
  if (status >= 500 && (stripped === '' || stripped.startsWith('<html>'))) {
    const reason = reasonPhrase(status);
    throw Object.assign(new Error(reason), {
      name: String(status),
      $fault: 'server',
      $metadata: { httpStatusCode: status },
      $reason: reason,
      Error: { Code: String(status) },
    });
  }
  const { root, problem } = readXmlBytes(bytes);
  // An error answer is read as botocore reads it (error-document.ts); any other, as a plain document of the tree botocore reads.
  if (root && status >= 300) throw errorDocumentError(root, status);
  if (root) response.body = Readable.from([Buffer.from(plainXml(root), 'utf8')]);
  if (problem) {
    throw new CliError(
      'general',
      `Unable to parse response (${problem.message}), invalid XML received. Further retries may succeed:\n${reprBytes(new Uint8Array(bytes))}`,
    );
  }
  return result;
};

/**
 * The SDK would keep an identity until 5 minutes before it expires; botocore
 * refreshes from 15 minutes before, and tolerates a failed refresh until 10.
 * Our provider keeps the keys valid itself (credentials/refreshing.ts), so
 * the SDK is told the provider is memoized already: it asks before every
 * request, and gets the same keys until they need refreshing.
 */
function askEveryTime(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  const asked: AwsCredentialIdentityProvider = (options) => provider(options);
  return Object.assign(asked, { memoized: true });
}

export async function connectEc2(options: ClientOptions): Promise<Ec2Connection> {
  const transport = await makeTransport(options);
  const signingDate: SigningDateSlot = { current: undefined };
  const config: EC2ClientConfig = {
    region: options.region,
    endpoint: options.customEndpoint ? options.endpoint : undefined,
    credentials: options.credentials ? askEveryTime(options.credentials) : { accessKeyId: 'unsigned', secretAccessKey: 'unsigned' },
    // v1 signs with the local clock and never re-sends with a corrected one.
    disableClockSkewCorrection: true,
    signerConstructor: PinnedDateSigner,
    maxAttempts: options.maxAttempts,
    retryStrategy: new BotocoreRetryStrategy(options.retryMode, options.maxAttempts),
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    // settings.ts already chose the endpoint with v1's rules; the SDK must not look again.
    ignoreConfiguredEndpointUrls: true,
    requestHandler: transport.handler,
    // As the AWS CLI appends aws-cli/<version>: a copy made by us can be told apart in CloudTrail.
    customUserAgent: USER_AGENT_SUFFIX,
  };
  // The SDK hands its whole configuration to the signer's constructor: the slot reaches PinnedDateSigner that way.
  const client = new EC2Client(Object.assign(config, { signingDateSlot: signingDate }));
  if (!options.credentials) client.middlewareStack.remove('httpSigningMiddleware');
  client.middlewareStack.add(checkResponseBody, { name: 'botocoreResponseChecks', step: 'deserialize', priority: 'low' });
  if (options.debug) logExchange(client, options.debug, options.credentials);
  return { client, transport, options, signingDate };
}

/** Anything the SDK threw for `operation`, as AWS CLI v1 words it. */
export function translateSdkError(error: unknown, operation: string, connection: Ec2Connection): CliError {
  if (error instanceof CliError) return error;
  const e = error as SdkServiceError;
  if (e.$fault !== undefined && e.$metadata) return serviceError(e, operation, connection.options);
  return (
    transportError(error, connection.options.endpoint, connection.transport.proxy) ??
    new CliError('general', (error as Error).message ?? String(error))
  );
}
