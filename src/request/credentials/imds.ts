// Instance metadata (botocore's InstanceMetadataProvider, METHOD `iam-role`,
// canonical name Ec2InstanceMetadata), with its fetcher as botocore 1.43
// writes it (utils.py: IMDSFetcher, InstanceMetadataFetcher):
// - an IMDSv2 token first (PUT latest/api/token); without one, plain GETs
//   (IMDSv1) unless ec2_metadata_v1_disabled;
// - the role name, then the role's credentials, each GET retried on a
//   connection failure, a non-200, an empty body (and invalid JSON for the
//   credentials), up to metadata_service_num_attempts times;
// - nearly every failure is swallowed (logged at debug) and the provider
//   finds nothing, so the chain ends with "Unable to locate credentials";
// - credentials that expire within the refresh window (15 min + 2..10 min
//   of jitter) get their expiration pushed that far ahead, so that an IMDS
//   outage does not stop a client that still holds keys.
// The settings are read, and checked, when v1 builds its credential chain:
// before any provider runs (see instanceMetadataSettings).
import { CliError } from '../../errors.js';
import { pyIntFromStr } from '../../python/int.js';
import { jsonLoads } from '../../python/json.js';
import { pyRepr, reprBytes } from '../../python/repr.js';
import { parseTimestamp, subscript } from '../../python/subscript.js';
import { isDict, pyTypeName } from '../../python/value.js';
import { urlHostname } from '../settings.js';
import type { HttpAnswer } from './http.js';
import type { CredentialContext, Keys, Provider } from './types.js';

const LOGGER = 'botocore.utils';
const DEFAULT_BASE_URL = 'http://169.254.169.254/';
const IPV6_BASE_URL = 'http://[fd00:ec2::254]/';
const ENDPOINT_MODES = ['ipv4', 'ipv6'] as const;
const TOKEN_PATH = 'latest/api/token';
const TOKEN_TTL = '21600';
const ROLE_PATH = 'latest/meta-data/iam/security-credentials/';
const REQUIRED_FIELDS = ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'] as const;
/** botocore passes the advisory refresh window as ec2_credential_refresh_window. */
const REFRESH_WINDOW_SECONDS = 15 * 60;

/** How the instance metadata service is reached, as botocore's create_credential_resolver reads it. */
export interface InstanceMetadataSettings {
  /** metadata_service_timeout, in seconds (connect and read). */
  readonly timeoutSeconds: number;
  /** metadata_service_num_attempts. */
  readonly attempts: number;
  readonly baseUrl: string;
  /** AWS_EC2_METADATA_DISABLED=true (environment only). */
  readonly disabled: boolean;
  readonly v1Disabled: boolean;
}

// ------------------------------------------------------------------ settings

/** A setting as botocore's config provider finds it: environment variable, then the profile. */
function setting(context: CredentialContext, key: string, envName: string): string | undefined {
  if (envName in context.env && context.env[envName] !== undefined) return context.env[envName];
  return context.profiles[context.settings.profile]?.[key];
}

/** Python's int() on a setting; its ValueError is what v1 prints. */
function intSetting(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  try {
    return Number(pyIntFromStr(value));
  } catch (error) {
    throw new CliError('general', (error as Error).message);
  }
}

/** botocore's ensure_boolean on a string: `true` in any case, nothing else (no trimming). */
function ensureBoolean(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === 'true';
}

const IPV4 = '(?:[0-9]{1,3}\\.){3}[0-9]{1,3}';
const HEX = '[0-9A-Fa-f]{1,4}';
const LS32 = `(?:${HEX}:${HEX}|${IPV4})`;
const IPV6 = `(?:${[
  `(?:${HEX}:){6}${LS32}`,
  `::(?:${HEX}:){5}${LS32}`,
  `(?:${HEX})?::(?:${HEX}:){4}${LS32}`,
  `(?:(?:${HEX}:)?${HEX})?::(?:${HEX}:){3}${LS32}`,
  `(?:(?:${HEX}:){0,2}${HEX})?::(?:${HEX}:){2}${LS32}`,
  `(?:(?:${HEX}:){0,3}${HEX})?::${HEX}:${LS32}`,
  `(?:(?:${HEX}:){0,4}${HEX})?::${LS32}`,
  `(?:(?:${HEX}:){0,5}${HEX})?::${HEX}`,
  `(?:(?:${HEX}:){0,6}${HEX})?::`,
].join('|')})`;
const ZONE_ID = '(?:%25|%)(?:[A-Za-z0-9._!\\-~]|%[a-fA-F0-9]{2})+';
const IPV6_ADDRZ = new RegExp(`^\\[${IPV6}(?:${ZONE_ID})?\\]$`);
const HOST_LABELS = /^((?!-)[a-z\d-]{1,63}(?<!-)\.)*((?!-)[a-z\d-]{1,63}(?<!-))$/i;

/** botocore's is_valid_uri: a host of DNS labels, or a bracketed IPv6 address. */
function isValidUri(url: string): boolean {
  if (/[\t\r\n]/.test(url)) return false;
  const hostname = urlHostname(url);
  if (hostname === undefined) return false;
  if (hostname.length <= 255 && HOST_LABELS.test(hostname.replace(/\.$/, ''))) return true;
  return IPV6_ADDRZ.test(`[${hostname}]`);
}

const memo = new WeakMap<CredentialContext, InstanceMetadataSettings>();

/**
 * The metadata settings, read and checked as v1 does when it builds its
 * credential chain, in its order: the timeout and attempts (int()), the
 * endpoint mode, then the endpoint itself (logged as `IMDS ENDPOINT: ...`).
 * v1 does this before asking any provider, so a bad value fails even when
 * the environment holds keys: the chain should call this first. Read once
 * per context.
 */
export function instanceMetadataSettings(context: CredentialContext): InstanceMetadataSettings {
  const known = memo.get(context);
  if (known) return known;
  const timeoutSeconds = intSetting(setting(context, 'metadata_service_timeout', 'AWS_METADATA_SERVICE_TIMEOUT'), 1);
  const attempts = intSetting(setting(context, 'metadata_service_num_attempts', 'AWS_METADATA_SERVICE_NUM_ATTEMPTS'), 1);
  const customEndpoint = setting(context, 'ec2_metadata_service_endpoint', 'AWS_EC2_METADATA_SERVICE_ENDPOINT');
  const mode = setting(context, 'ec2_metadata_service_endpoint_mode', 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE');
  let requiresIpv6: boolean;
  if (mode !== undefined) {
    const lower = mode.toLowerCase();
    if (!(ENDPOINT_MODES as readonly string[]).includes(lower)) {
      throw new CliError(
        'general',
        `Invalid EC2 Instance Metadata endpoint mode: ${mode} Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6').`,
      );
    }
    requiresIpv6 = lower === 'ipv6';
  } else {
    requiresIpv6 = ensureBoolean(setting(context, 'imds_use_ipv6', 'AWS_IMDS_USE_IPV6'));
  }
  const v1Disabled = ensureBoolean(setting(context, 'ec2_metadata_v1_disabled', 'AWS_EC2_METADATA_V1_DISABLED'));
  const debug = context.debug;
  if (requiresIpv6 && customEndpoint) {
    debug?.log(LOGGER, 'Custom endpoint and IMDS_USE_IPV6 are both set. Using custom endpoint.', 'WARNING');
  }
  const baseUrl = customEndpoint ? customEndpoint : requiresIpv6 ? IPV6_BASE_URL : DEFAULT_BASE_URL;
  debug?.log(LOGGER, `IMDS ENDPOINT: ${baseUrl}`);
  if (!isValidUri(baseUrl)) {
    throw new CliError('general', `Invalid endpoint EC2 Instance Metadata endpoint: ${baseUrl}`);
  }
  const disabled = (context.env.AWS_EC2_METADATA_DISABLED ?? 'false').toLowerCase() === 'true';
  const found = { timeoutSeconds, attempts, baseUrl, disabled, v1Disabled };
  memo.set(context, found);
  return found;
}

// ------------------------------------------------------------------- fetcher

/** botocore's _RetriesExceededError: the fetch gives up quietly. */
class RetriesExceeded extends Error {}
/** botocore's BadIMDSRequestError: the token request was answered 400. */
class BadRequest extends Error {}

/** What retrieve_iam_role_credentials returns when it finds credentials. */
interface RoleCredentials {
  readonly roleName: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiryTime: unknown;
}

type Failure = 'read-timeout' | 'retryable';

/** The connection failures botocore retries (RETRYABLE_HTTP_ERRORS); anything else is raised. */
function classify(error: unknown): Failure | undefined {
  if (!(error instanceof CliError)) return undefined;
  if (error.message.startsWith('Read timeout on endpoint URL: ')) return 'read-timeout';
  if (
    error.message.startsWith('Connect timeout on endpoint URL: ') ||
    error.message.startsWith('Could not connect to the endpoint URL: ') ||
    error.message.startsWith('Connection was closed before we received a valid response from endpoint URL: ')
  ) {
    return 'retryable';
  }
  return undefined;
}

/** The encoding botocore's AWSResponse.text uses: the Content-Type's charset, else ISO-8859-1 for a text type (IMDS answers text/plain), else UTF-8. */
function encodingOf(answer: HttpAnswer): 'latin1' | 'utf8' {
  const contentType = answer.headers['content-type'];
  if (contentType === undefined) return 'utf8';
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset === undefined) return contentType.includes('text') ? 'latin1' : 'utf8';
  return /^(iso-?8859-1|latin-?1|l1)$/.test(charset) ? 'latin1' : 'utf8';
}

function decode(answer: HttpAnswer): string {
  return answer.body.toString(encodingOf(answer));
}

/** False where Python's decode would raise (bytes that are not UTF-8). */
function decodable(answer: HttpAnswer): boolean {
  if (encodingOf(answer) === 'latin1') return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(answer.body);
    return true;
  } catch {
    return false;
  }
}

class Fetcher {
  constructor(
    private readonly settings: InstanceMetadataSettings,
    private readonly context: CredentialContext,
  ) {}

  private log(message: string): void {
    this.context.debug?.log(LOGGER, message);
  }

  private url(path: string): string {
    const base = this.settings.baseUrl;
    return `${base}${base.endsWith('/') ? '' : '/'}${path}`;
  }

  private async send(method: 'GET' | 'PUT', url: string, headers: Record<string, string>): Promise<HttpAnswer> {
    const timeout = this.settings.timeoutSeconds;
    if (timeout <= 0) {
      // urllib3 refuses the timeout when the request is sent.
      throw new CliError(
        'general',
        `An HTTP Client raised an unhandled exception: Attempted to set connect timeout to ${timeout}, but the timeout cannot be set to a value less than or equal to 0.`,
      );
    }
    for (const value of Object.values(headers)) {
      // http.client refuses a line break that does not continue the header (a token ending in "\n").
      if (/\n(?![ \t])|\r(?![ \t\n])/.test(value)) {
        throw new CliError('general', `An HTTP Client raised an unhandled exception: Invalid header value ${reprBytes(Buffer.from(value, 'latin1'))}`);
      }
    }
    // Loaded on first use: the transport brings the SDK's bundle, which paths that send nothing never read.
    const { httpCall } = await import('./http.js');
    return httpCall({ method, url, headers, timeoutMs: timeout * 1000, env: this.context.env, nameInErrors: url });
  }

  private logRetryable(url: string, error: CliError): void {
    // transportError names the URL with a '/' appended; botocore names it as sent.
    const message = url.endsWith('/') ? error.message : error.message.replace(`"${url}/"`, `"${url}"`);
    this.log(`Caught retryable HTTP exception while making metadata service request to ${url}: ${message}`);
  }

  private assertEnabled(): void {
    if (this.settings.disabled) {
      this.log('Access to EC2 metadata has been disabled.');
      throw new RetriesExceeded();
    }
  }

  /** The IMDSv2 token, or undefined when the service gives none (IMDSv1 then). */
  private async token(): Promise<string | undefined> {
    this.assertEnabled();
    const url = this.url(TOKEN_PATH);
    for (let attempt = 0; attempt < this.settings.attempts; attempt++) {
      let answer: HttpAnswer;
      try {
        answer = await this.send('PUT', url, { 'x-aws-ec2-metadata-token-ttl-seconds': TOKEN_TTL });
      } catch (error) {
        const failure = classify(error);
        if (failure === 'read-timeout') return undefined;
        if (failure === undefined) throw error;
        this.logRetryable(url, error as CliError);
        continue;
      }
      if (answer.status === 200) return decode(answer);
      if (answer.status === 404 || answer.status === 403 || answer.status === 405) return undefined;
      if (answer.status === 400) throw new BadRequest();
    }
    return undefined;
  }

  private logResponse(answer: HttpAnswer, url: string, reason: string, withBody: boolean): void {
    const body = withBody ? `, content body: ${reprBytes(answer.body)}` : '';
    this.log(`Metadata service returned ${reason} response with status code of ${answer.status} for url: ${url}${body}`);
  }

  /** A non-200 or an empty answer is tried again (botocore's _default_retry). */
  private unusable(answer: HttpAnswer, url: string): boolean {
    if (answer.status !== 200) {
      this.logResponse(answer, url, 'non-200', true);
      return true;
    }
    if (answer.body.length === 0) {
      this.logResponse(answer, url, 'no body', true);
      return true;
    }
    return false;
  }

  private invalidJson(answer: HttpAnswer, url: string): boolean {
    try {
      if (!decodable(answer)) throw new Error('not UTF-8');
      jsonLoads(decode(answer));
      return false;
    } catch {
      this.logResponse(answer, url, 'invalid json', false);
      return true;
    }
  }

  private async get(path: string, token: string | undefined, retry: (answer: HttpAnswer, url: string) => boolean): Promise<HttpAnswer> {
    this.assertEnabled();
    if (!token && this.settings.v1Disabled) {
      throw new CliError('general', 'Error retrieving metadata: Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled');
    }
    const url = this.url(path);
    const headers: Record<string, string> = token === undefined ? {} : { 'x-aws-ec2-metadata-token': token };
    for (let attempt = 0; attempt < this.settings.attempts; attempt++) {
      try {
        const answer = await this.send('GET', url, headers);
        if (!retry(answer, url)) return answer;
      } catch (error) {
        if (classify(error) === undefined) throw error;
        this.logRetryable(url, error as CliError);
      }
    }
    throw new RetriesExceeded();
  }

  /** botocore's retrieve_iam_role_credentials: undefined where it returns `{}`. */
  async retrieve(): Promise<RoleCredentials | undefined> {
    try {
      const token = await this.token();
      const roleName = decode(await this.get(ROLE_PATH, token, (a, u) => this.unusable(a, u)));
      const answer = await this.get(ROLE_PATH + roleName, token, (a, u) => this.unusable(a, u) || this.invalidJson(a, u));
      const document = jsonLoads(decode(answer));
      if (REQUIRED_FIELDS.every((field) => this.hasField(document, field))) {
        const found = {
          roleName,
          accessKeyId: text(subscript(document, 'AccessKeyId')),
          secretAccessKey: text(subscript(document, 'SecretAccessKey')),
          sessionToken: text(subscript(document, 'Token')),
          expiryTime: this.evaluateExpiration(subscript(document, 'Expiration')),
        };
        return found;
      }
      // A 200 can carry an error document (the role does not trust EC2): logged, not retried.
      if (contains(document, 'Code') && contains(document, 'Message')) {
        this.log(`Error response received when retrievingcredentials: ${pyRepr(document)}.`);
      }
      return undefined;
    } catch (error) {
      if (error instanceof RetriesExceeded) {
        this.log(
          `Max number of attempts exceeded (${this.settings.attempts}) when attempting to retrieve data from metadata service.`,
        );
        return undefined;
      }
      if (error instanceof BadRequest) {
        this.log('Bad IMDS request: <botocore.awsrequest.AWSRequest object at 0x7f0000000000>');
        return undefined;
      }
      throw error;
    }
  }

  private hasField(document: unknown, field: string): boolean {
    if (contains(document, field)) return true;
    this.log(`Retrieved credentials is missing required field: ${field}`);
    return false;
  }

  /**
   * botocore's _evaluate_expiration: credentials that expire within the
   * refresh window plus 2 to 10 minutes of jitter are given that much more
   * time (the service may be briefly unable to hand out new ones).
   */
  private evaluateExpiration(expiration: unknown): unknown {
    if (expiration === null) return expiration;
    if (typeof expiration !== 'string') {
      throw new CliError('general', `strptime() argument 1 must be str, not ${pyTypeName(expiration)}`);
    }
    const expires = strptimeUtc(expiration);
    if (expires === undefined) {
      this.log(`Unable to parse expiry_time in ${expiration}`);
      return expiration;
    }
    const offsetSeconds = REFRESH_WINDOW_SECONDS + 120 + Math.floor(Math.random() * 481);
    const now = this.context.now().getTime();
    if (now >= expires - offsetSeconds * 1000) {
      this.context.debug?.log(
        LOGGER,
        `Attempting credential expiration extension due to a credential service availability issue. A refresh of these credentials will be attempted again within the next ${roundHalfEven(offsetSeconds / 60)} minutes.`,
        'INFO',
      );
      return formatUtc(new Date(now + offsetSeconds * 1000));
    }
    return expiration;
  }
}

// -------------------------------------------------------- Python semantics

/** Python's `key in value` for what json.loads gives. */
function contains(value: unknown, key: string): boolean {
  if (isDict(value)) return value.has(key);
  if (Array.isArray(value)) return value.includes(key);
  if (typeof value === 'string') return value.includes(key);
  throw new CliError('general', `argument of type '${pyTypeName(value)}' is not iterable`);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** strptime(value, '%Y-%m-%dT%H:%M:%SZ') as UTC milliseconds; undefined where Python raises ValueError. */
function strptimeUtc(value: string): number | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})Z$/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 61) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
  if (new Date(ms).getUTCDate() !== day) return undefined;
  return ms;
}

/** Python's '%.0f': halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const rest = x - floor;
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function toKeys(found: RoleCredentials): Keys {
  return {
    accessKeyId: found.accessKeyId,
    secretAccessKey: found.secretAccessKey,
    sessionToken: found.sessionToken,
    expiration: parseTimestamp(found.expiryTime),
  };
}

// ------------------------------------------------------------------ provider

export const instanceMetadataProvider: Provider = async (context) => {
  const fetcher = new Fetcher(instanceMetadataSettings(context), context);
  const found = await fetcher.retrieve();
  if (!found) return undefined;
  context.debug?.log('botocore.credentials', `Found credentials from IAM Role: ${found.roleName}`, 'INFO');
  const keys = toKeys(found);
  return {
    method: 'iam-role',
    keys,
    refresh: async () => {
      const again = await fetcher.retrieve();
      if (!again) {
        throw new CliError(
          'general',
          'Error when retrieving credentials from iam-role: Credential refresh failed, response did not contain: access_key, secret_key, token, expiry_time',
        );
      }
      return toKeys(again);
    },
  };
};
