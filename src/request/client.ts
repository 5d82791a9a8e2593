// The SDK's EC2 client as AWS CLI v1 would configure it: Region, endpoint,
// credentials (or none), v1's retry rules and the transport; and the
// translation of whatever the SDK throws into v1's error texts.
import { EC2Client, SIGNING_MIDDLEWARE, silenceNodeVersionWarning } from './sdk.js';
import { canonicalQueryOfUrl, endpointOrigin, requestTarget, requestUrl, urlsplit } from './endpoint-url.js';
import type { EC2ClientConfig } from '@aws-sdk/client-ec2';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { CliError, ServiceError } from '../errors.js';
import type { DebugLogger } from '../debug.js';
import type { Env } from './settings.js';
import { makeTransport, transportError, type Transport } from './transport.js';
import { PinnedDateSigner, type SigningDateSlot } from './signing-date.js';
import { logExchange } from './debug-exchange.js';
import { takeBody } from './response-body.js';
import { plainXml, readXmlBytes } from './xml-check.js';
import { errorDocumentError } from './error-document.js';
import { BotocoreRetryStrategy, reachedMaxAttempts, type RetryMode } from './retry-rules.js';
import { reprBytes } from '../python/repr.js';
import { STATUS_CODES } from 'node:http';
import { USER_AGENT_PRODUCT } from './user-agent.js';
import { Readable } from 'node:stream';
import type { BuildMiddleware, DeserializeMiddleware, HttpRequest, HttpResponse } from '@smithy/types';
import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-ec2';

/** Appended to the SDK's User-Agent of every request. */
export const USER_AGENT_SUFFIX = USER_AGENT_PRODUCT;

silenceNodeVersionWarning();

export interface ClientOptions {
  readonly region: string;
  /** The endpoint named in connection errors (`https://ec2.<region>.amazonaws.com`, or the user's). */
  readonly endpoint: string;
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
  /** The invocation's environment (io.env): the proxy variables are read from it. */
  readonly env: Env;
  /** `app/<id>` in the User-Agent, when not empty (settings.ts). */
  readonly userAgentAppId?: string | undefined;
}

export interface Ec2Connection {
  readonly client: EC2Client;
  readonly transport: Transport;
  readonly options: ClientOptions;
  /** botocore's URL of the requests: the endpoint with its path, query, userinfo and fragment (endpoint-url.ts). */
  readonly url: string;
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

/**
 * The request's path as botocore's URL has it (dot segments and escapes as
 * written: the signer normalises them as botocore's does); the endpoint's
 * query is signed by the signer and sent by the transport as written.
 */
function botocorePath(path: string): BuildMiddleware<ServiceInputTypes, ServiceOutputTypes> {
  return (next) => async (args) => {
    const request = args.request as HttpRequest;
    request.path = path;
    request.query = {};
    return next(args);
  };
}

export async function connectEc2(options: ClientOptions): Promise<Ec2Connection> {
  const url = requestUrl(options.endpoint);
  // The SDK connects to the scheme, host and port; the transport sends the target urllib3 would.
  const transport = await makeTransport({ ...options, target: requestTarget(url) });
  const signingDate: SigningDateSlot = { current: undefined };
  const config: EC2ClientConfig = {
    region: options.region,
    // settings.ts chose the endpoint with v1's rules (src/request/endpoints.ts): the SDK resolves none of its
    // own. It gets the scheme, host and port; botocorePathMiddleware puts the path as v1 sends it.
    endpoint: endpointOrigin(options.endpoint),
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
    // Settings the SDK would otherwise look up itself in process.env and its own
    // reading of ~/.aws/config: ours come from io.env and the profile in use.
    userAgentAppId: async () => options.userAgentAppId || undefined,
    // EC2 signs with SigV4 only: no preference can change the scheme.
    authSchemePreference: async () => [],
  };
  // The SDK hands its whole configuration to the signer's constructor: the slot reaches PinnedDateSigner that way.
  const client = new EC2Client(Object.assign(config, { signingDateSlot: signingDate, canonicalQuery: canonicalQueryOfUrl(url) }));
  if (!options.credentials) client.middlewareStack.remove(SIGNING_MIDDLEWARE);
  client.middlewareStack.add(botocorePath(urlsplit(url).path), { name: 'botocorePathMiddleware', step: 'build', priority: 'high' });
  client.middlewareStack.add(checkResponseBody, { name: 'botocoreResponseChecks', step: 'deserialize', priority: 'low' });
  if (options.debug) logExchange(client, options.debug, options.credentials, url);
  return { client, transport, options, url, signingDate };
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
