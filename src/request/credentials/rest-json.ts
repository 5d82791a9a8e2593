// One operation of an unsigned rest-json AWS service (SSO portal, SSO OIDC),
// as a botocore client created from the session makes it: the endpoint
// resolved from the configured-endpoint settings, the session's retry mode
// and attempts, error codes and messages parsed as botocore's RestJSONParser
// parses them, ClientError worded as botocore words it.
import { timeoutsMs } from '../timeouts.js';
import { USER_AGENT_PRODUCT } from '../user-agent.js';
import { CliError, ServiceError } from '../../errors.js';
import { jsonLoads } from '../../python/json.js';
import { getKey, isDict, PyDict } from '../../python/value.js';
import { standardEndpoint, withoutFipsPseudoRegion } from '../endpoints.js';
import { configuredEndpoint, endpointVariant, requireRegionName, requireValidEndpoint, type IniSection, type ServiceNames } from '../settings.js';

import type { HttpAnswer } from './http.js';
import type { CredentialContext } from './types.js';

/** The session profile's settings (botocore's scoped config): the invocation's profile, not the credential profile. */
function sessionProfile(context: CredentialContext): IniSection {
  return context.profiles[context.settings.profile] ?? {};
}

/** The CA bundle a client created from the session verifies with: AWS_CA_BUNDLE, then the profile's ca_bundle (not --ca-bundle, which is the EC2 client's alone). */
function clientCaBundle(context: CredentialContext): string | undefined {
  return context.env.AWS_CA_BUNDLE ?? sessionProfile(context).ca_bundle;
}

/** The endpoint a client of this service uses in `region` (`https://<prefix>.<region>.<dns suffix>` by default). */
export function serviceEndpoint(context: CredentialContext, names: ServiceNames, hostPrefix: string, region: string): string {
  requireRegionName(region);
  const configured = configuredEndpoint(names, sessionProfile(context), context.config, context.env);
  if (configured !== undefined) {
    requireValidEndpoint(configured);
    return configured.replace(/\/+$/, '');
  }
  // botocore's ClientCreator takes a fips pseudo-Region apart for these clients too.
  const plain = withoutFipsPseudoRegion(region);
  const variant = endpointVariant(context.settings);
  return standardEndpoint(hostPrefix, plain.region, { ...variant, fips: variant.fips || plain.fips });
}

export interface RestJsonCall {
  readonly operation: string;
  readonly method: 'GET' | 'POST';
  /** The full URL, query string included, as botocore names it in connection errors. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A successful answer: the body as Python's json.loads reads it ({} for an empty body). */
export interface RestJsonResult {
  readonly status: number;
  readonly body: unknown;
}

/** botocore's _parse_body_as_json: an empty body is {}, a body that is not JSON is {"message": body}. */
function parseBody(bytes: Buffer): unknown {
  if (bytes.length === 0) return new PyDict();
  const text = bytes.toString('utf8');
  try {
    return jsonLoads(text);
  } catch {
    return new PyDict([['message', text]]);
  }
}

const REASONS: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function pyGet(dict: unknown, key: string): unknown {
  return isDict(dict) ? getKey(dict, key) : null;
}

/** The error code and message of an error answer, as botocore's RestJSONParser finds them. */
export function parseError(answer: HttpAnswer): { code: string; message: string } {
  const trimmed = answer.body.toString('latin1').trim();
  if (answer.status >= 500 && (trimmed === '' || trimmed.startsWith('<html>'))) {
    return { code: String(answer.status), message: REASONS[answer.status] ?? '' };
  }
  const body = parseBody(answer.body);
  const dict = isDict(body) ? body : new PyDict();
  const message = pyGet(dict, 'message') ?? pyGet(dict, 'Message') ?? '';
  let code: unknown = pyGet(dict, '__type') ?? String(answer.status);
  if (typeof code === 'string') code = code.split(':', 1)[0]!.split('#').pop()!;
  const header = answer.headers['x-amzn-errortype'];
  if (header !== undefined) code = header;
  else if (pyGet(dict, 'code') !== null || pyGet(dict, 'Code') !== null) code = pyGet(dict, 'code') ?? pyGet(dict, 'Code') ?? '';
  if (typeof code === 'string') code = code.split(':', 1)[0]!.split('#').pop()!;
  return { code: String(code), message: String(message) };
}

/** Legacy mode (`_retry.json`): these codes with status 400, and these statuses. */
const LEGACY_CODES = new Set(['Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException', 'ProvisionedThroughputExceededException']);
const LEGACY_STATUSES = new Set([429, 500, 502, 503, 504, 509]);
/** Standard mode (retries/standard.py): transient codes and statuses, throttled codes. */
const STANDARD_CODES = new Set(
  (
    'RequestTimeout RequestTimeoutException PriorRequestNotComplete Throttling ThrottlingException ThrottledException ' +
    'RequestThrottledException TooManyRequestsException ProvisionedThroughputExceededException TransactionInProgressException ' +
    'RequestLimitExceeded BandwidthLimitExceeded LimitExceededException RequestThrottled SlowDown EC2ThrottledException'
  ).split(' '),
);
const STANDARD_STATUSES = new Set([500, 502, 503, 504]);

function retryableAnswer(status: number, code: string, mode: string): boolean {
  if (mode === 'legacy') return LEGACY_STATUSES.has(status) || (status === 400 && LEGACY_CODES.has(code));
  return STANDARD_STATUSES.has(status) || STANDARD_CODES.has(code);
}

/** Seconds to wait before attempt `attempt + 1`, as botocore's legacy and standard modes choose them. */
function backoffMs(attempt: number, mode: string): number {
  const seconds = Math.random() * 2 ** (attempt - 1);
  return (mode === 'legacy' ? seconds : Math.min(seconds, 20)) * 1000;
}

/** The sleep between attempts; replaceable so tests need not wait. */
export const retryTiming = {
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A CliError naming `url` as botocore does (the transport appends a '/' to URLs that lack one). */
function nameUrlExactly(error: unknown, url: string): unknown {
  if (!(error instanceof CliError) || url.endsWith('/')) return error;
  const wrong = `"${url}/"`;
  if (!error.message.includes(wrong)) return error;
  return new CliError(error.kind, error.message.split(wrong).join(`"${url}"`));
}

/**
 * Makes the call with the session's retry mode and attempts. A success (< 301)
 * returns the parsed body; an error answer becomes the ServiceError botocore's
 * ClientError prints; connection failures keep botocore's wording.
 */
export async function restJsonCall(context: CredentialContext, call: RestJsonCall): Promise<RestJsonResult> {
  const mode = context.settings.retryMode;
  const maxAttempts = context.settings.maxAttempts;
  // Loaded on first use: http.ts reaches the SDK bundle, which no path without a request should load.
  const { httpCall } = await import('./http.js');
  for (let attempt = 1; ; attempt += 1) {
    let answer: HttpAnswer;
    try {
      answer = await httpCall({
        method: call.method,
        url: call.url,
        headers: { 'user-agent': USER_AGENT_PRODUCT, ...call.headers },
        body: call.body,
        timeoutMs: timeoutsMs(context.clientTimeouts),
        env: context.env,
        caBundle: clientCaBundle(context),
        nameInErrors: call.url,
      });
    } catch (error) {
      const exact = nameUrlExactly(error, call.url);
      if (exact instanceof CliError && exact.kind === 'connection' && attempt < maxAttempts) {
        await retryTiming.sleep(backoffMs(attempt, mode));
        continue;
      }
      throw exact;
    }
    if (answer.status < 301) return { status: answer.status, body: parseBody(answer.body) };
    const { code, message } = parseError(answer);
    if (retryableAnswer(answer.status, code, mode)) {
      if (attempt < maxAttempts) {
        await retryTiming.sleep(backoffMs(attempt, mode));
        continue;
      }
      // botocore marks MaxAttemptsReached on a retryable answer: `(reached max retries: N)`.
      throw new ServiceError(code, message, call.operation, attempt - 1);
    }
    throw new ServiceError(code, message, call.operation);
  }
}
