// Container credentials: botocore's ContainerProvider (METHOD `container-role`,
// canonical name EcsContainer) over its ContainerMetadataFetcher, as ECS tasks
// and EKS Pod Identity use them.
//
// - Active only when AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or
//   AWS_CONTAINER_CREDENTIALS_FULL_URI is set (even to ''); the relative one
//   wins and is appended to `http://169.254.170.2` as a string.
// - Each fetch first builds the Authorization header: the token file
//   (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, read again on every fetch) wins
//   over AWS_CONTAINER_AUTHORIZATION_TOKEN; a token with CR or LF is refused.
// - Then the URL must be https, or name a loopback address or one of the
//   allowed hosts, read as Python's urlparse and ipaddress read them.
// - GET with `Accept: application/json`, a 2 s connect/read timeout, no
//   proxy, up to 3 attempts with a 1 s pause after each failed one. Timeouts,
//   refused or dropped connections, non-200 answers and unparsable JSON are
//   retried and end in `Error when retrieving credentials from
//   container-role: Error retrieving metadata: ...`; everything else (a bad
//   token, a disallowed host, an unreadable token file, an answer that is
//   not UTF-8, a document without the keys, a bad Expiration) fails at once
//   with the Python error's own text, as AWS CLI v1 prints it.
import { readFileSync } from 'node:fs';
import { CliError } from '../../errors.js';
import { checkLatin1, decodeUtf8Strict } from '../../python/codecs.js';
import { jsonLoads, PythonJsonError } from '../../python/json.js';
import { pyStr } from '../../python/repr.js';
import { isLoopbackAddress, urlSplit } from '../../python/urlparse.js';
import { dictGet, parseTimestamp, subscript } from '../../python/subscript.js';
import { isDict, isNumber, numValue, PyError, pyTypeName } from '../../python/value.js';
import type { Env } from '../settings.js';
import type { HttpAnswer, HttpCall } from './http.js';
import type { CredentialContext, Found, Keys, Provider } from './types.js';
import { pythonOsError } from '../../python/errno.js';

const METHOD = 'container-role';
const RELATIVE_URI = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
const FULL_URI = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
const AUTH_TOKEN = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
const AUTH_TOKEN_FILE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';

/** The ECS agent's address, which a relative URI is appended to. */
export const CONTAINER_ADDRESS = '169.254.170.2';
/** Hosts allowed over plain http besides loopback addresses (ECS, EKS Pod Identity IPv4 and IPv6). */
export const ALLOWED_HOSTS: readonly string[] = [CONTAINER_ADDRESS, '169.254.170.23', 'fd00:ec2::23', 'localhost'];

/** How deeply the answer's JSON may nest before Python's recursion limit stops json.loads here (measured on v1). */
const MAX_JSON_DEPTH = 975;

export interface ContainerFetchOptions {
  /** Connect and read timeout of one attempt (botocore: 2 s). */
  readonly timeoutMs: number;
  /** Attempts before giving up (botocore: 3). */
  readonly attempts: number;
  /** The pause after each failed attempt, the last one included (botocore: 1 s). */
  readonly pauseMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** The HTTP exchange (a stand-in in tests that must not reach the network). */
  readonly http: (call: HttpCall) => Promise<HttpAnswer>;
}

const DEFAULTS: ContainerFetchOptions = {
  timeoutMs: 2000,
  attempts: 3,
  pauseMs: 1000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  // Loaded when the agent is asked: it brings the SDK, which a run that never asks must not load.
  http: async (call) => (await import('./http.js')).httpCall(call),
};

/** A failure ContainerMetadataFetcher retries (botocore's MetadataRetrievalError); `message` is its str(). */
class MetadataRetrievalError extends Error {
  constructor(detail: string) {
    super(`Error retrieving metadata: ${detail}`);
  }
}

function pythonError(message: string): CliError {
  return new CliError('general', message);
}

/** The URL botocore asks: the relative URI appended to 169.254.170.2 (it wins), else the full URI; undefined when neither is set. */
export function containerCredentialsUrl(env: Env): string | undefined {
  const relative = env[RELATIVE_URI];
  if (relative !== undefined) return `http://${CONTAINER_ADDRESS}${relative}`;
  return env[FULL_URI];
}

/** ContainerMetadataFetcher._validate_allowed_url: https, a loopback address, or an allowed host. */
export function checkAllowedUrl(url: string): void {
  let parsed;
  try {
    parsed = urlSplit(url);
  } catch (error) {
    if (error instanceof PyError) throw pythonError(error.message);
    throw error;
  }
  if (parsed.scheme === 'https') return;
  if (isLoopbackAddress(parsed.hostname)) return;
  if (parsed.hostname !== undefined && ALLOWED_HOSTS.includes(parsed.hostname)) return;
  throw pythonError(
    `Unsupported host '${parsed.hostname ?? 'None'}'.  Can only retrieve metadata from a loopback address or one of these hosts: ${ALLOWED_HOSTS.join(', ')}`,
  );
}

/** open(path).read() as Python does it: UTF-8, universal newlines; OSError and UnicodeDecodeError texts. */
function readTokenFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw pythonError(pythonOsError(error, path));
  }
  let text: string;
  try {
    text = decodeUtf8Strict(bytes);
  } catch (error) {
    throw pythonError((error as Error).message);
  }
  return text.replace(/\r\n?/g, '\n');
}

/** Node refuses to send these in a header (Python sends them). */
const UNSENDABLE_IN_HEADER = /[^\t\x20-\x7e\x80-\xff]/;

/** ContainerProvider._build_headers: the Authorization header, if a token is configured. */
function authorization(env: Env): string | undefined {
  let token: string | undefined;
  const file = env[AUTH_TOKEN_FILE];
  if (file !== undefined) token = readTokenFile(file);
  else token = env[AUTH_TOKEN];
  if (token === undefined) return undefined;
  if (token.includes('\r') || token.includes('\n')) throw pythonError('Auth token value is not a legal header value');
  return token;
}

/** Where failures below HTTP become botocore's "An HTTP Client raised an unhandled exception". */
function unhandled(message: string): CliError {
  return pythonError(`An HTTP Client raised an unhandled exception: ${message}`);
}

/** Failures below HTTP that ContainerMetadataFetcher retries (read/connect timeouts, refused or dropped connections). */
const RETRYABLE_TRANSPORT = /^(Read timeout on endpoint URL|Connect timeout on endpoint URL|Could not connect to the endpoint URL|Connection was closed before we received a valid response)/;

/** The URL as Node can request it, or the error urllib3 gives for it. */
function requestableUrl(url: string): string {
  const target = url.replace(/^[\x00-\x20]+/, '').startsWith('//') ? `http:${url.trim()}` : url;
  let parsed: URL;
  try {
    parsed = new URL(target);
  } catch {
    throw unhandled(`Failed to parse: ${url}`);
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') throw unhandled(`Not supported URL scheme ${scheme}`);
  return parsed.href;
}

/** Header values http.client can encode (latin-1) and Node can send. */
function checkHeaderValues(headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    try {
      checkLatin1(value);
    } catch (error) {
      throw unhandled((error as Error).message);
    }
    if (UNSENDABLE_IN_HEADER.test(value)) throw unhandled(`Invalid character in header content ["${name}"]`);
  }
}

/** One attempt (ContainerMetadataFetcher._get_response): the parsed JSON document. */
async function getResponse(url: string, headers: Record<string, string>, options: ContainerFetchOptions, context: CredentialContext): Promise<unknown> {
  const target = requestableUrl(url);
  checkHeaderValues(headers);
  let answer: HttpAnswer;
  try {
    answer = await options.http({ method: 'GET', url: target, headers, timeoutMs: options.timeoutMs, env: {}, nameInErrors: url });
  } catch (error) {
    if (error instanceof CliError) {
      if (RETRYABLE_TRANSPORT.test(error.message)) {
        throw new MetadataRetrievalError(`Received error when attempting to retrieve container metadata: ${error.message}`);
      }
      throw error;
    }
    throw unhandled(error instanceof Error ? error.message : String(error));
  }
  let text: string;
  try {
    text = decodeUtf8Strict(answer.body);
  } catch (error) {
    throw pythonError((error as Error).message);
  }
  if (answer.status !== 200) {
    throw new MetadataRetrievalError(`Received non 200 response ${answer.status} from container metadata: ${text}`);
  }
  try {
    return jsonLoads(text, { maxDepth: MAX_JSON_DEPTH });
  } catch (error) {
    if (!(error instanceof PythonJsonError)) throw error;
    const message = 'Unable to parse JSON returned from container metadata services';
    context.debug?.log('botocore.utils', `${message}:${text}`);
    throw new MetadataRetrievalError(message);
  }
}

/** ContainerMetadataFetcher.retrieve_full_uri: validate, then up to `attempts` tries. */
async function retrieve(url: string, headers: Record<string, string>, options: ContainerFetchOptions, context: CredentialContext): Promise<unknown> {
  checkAllowedUrl(url);
  for (let attempt = 1; ; attempt++) {
    try {
      return await getResponse(url, headers, options, context);
    } catch (error) {
      if (!(error instanceof MetadataRetrievalError)) throw error;
      context.debug?.log('botocore.utils', `Received error when attempting to retrieve container metadata: ${error.message}`);
      await options.sleep(options.pauseMs);
      if (attempt >= options.attempts) throw error;
    }
  }
}

// ------------------------------------------------------ reading the document

/** Python's truth value of a JSON value. */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return false;
  if (isNumber(value)) return numValue(value) !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return value.size > 0;
  return true;
}

/**
 * The keys in the agent's document, read as botocore reads them: a missing
 * key is a KeyError; a value that is not a string fails where botocore's
 * signer would fail on it (access key, session token) or is used as Python's
 * str() of it (secret key); a falsy token means no token.
 */
function keysFrom(document: unknown): Keys {
  const accessKeyId = subscript(document, 'AccessKeyId');
  const secretAccessKey = subscript(document, 'SecretAccessKey');
  const token = subscript(document, 'Token');
  const expiry = subscript(document, 'Expiration');
  const accountId = dictGet(document, 'AccountId');
  const expiration = parseTimestamp(expiry);
  if (typeof accessKeyId !== 'string') throw pythonError(`sequence item 0: expected str instance, ${pyTypeName(accessKeyId)} found`);
  let sessionToken: string | undefined;
  if (truthy(token)) {
    if (typeof token !== 'string') throw pythonError(`'${pyTypeName(token)}' object has no attribute 'split'`);
    sessionToken = token;
  }
  return {
    accessKeyId,
    secretAccessKey: typeof secretAccessKey === 'string' ? secretAccessKey : pyStr(secretAccessKey),
    sessionToken,
    expiration,
    accountId: typeof accountId === 'string' ? accountId : undefined,
  };
}

// ------------------------------------------------------------------ provider

/** One fetch (ContainerProvider's fetch_creds): token, request, keys. */
async function fetchKeys(url: string, options: ContainerFetchOptions, context: CredentialContext): Promise<Keys> {
  const token = authorization(context.env);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token !== undefined) {
    context.debug?.addSecret(token);
    headers.Authorization = token;
  }
  let document: unknown;
  try {
    document = await retrieve(url, headers, options, context);
  } catch (error) {
    if (!(error instanceof MetadataRetrievalError)) throw error;
    context.debug?.log('botocore.credentials', `Error retrieving container metadata: ${error.message}`);
    throw new CliError('general', `Error when retrieving credentials from ${METHOD}: ${error.message}`);
  }
  try {
    return keysFrom(document);
  } catch (error) {
    if (error instanceof PyError) throw pythonError(error.message);
    throw error;
  }
}

/** The provider with other timings or another HTTP exchange (tests). */
export function makeContainerProvider(overrides: Partial<ContainerFetchOptions> = {}): Provider {
  const options = { ...DEFAULTS, ...overrides };
  return async (context) => {
    const url = containerCredentialsUrl(context.env);
    if (url === undefined) return undefined;
    const refresh = () => fetchKeys(url, options, context);
    const keys = await refresh();
    const found: Found = { method: METHOD, keys, refresh };
    return found;
  };
}

export const containerProvider: Provider = makeContainerProvider();
