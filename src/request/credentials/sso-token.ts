// The SSO access token, as botocore reads and refreshes it: the token cache
// the AWS CLI writes (~/.aws/sso/cache/<sha1>.json, botocore's JSONFileCache
// and SSOTokenLoader), the legacy check of its expiry, and for the
// sso_session form the SSOTokenProvider, which refreshes a token close to
// expiry through SSO OIDC CreateToken and writes the new one back.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, ServiceError, ValidationError } from '../../errors.js';
import { jsonDumps, jsonLoads } from '../../python/json.js';
import { pyClass, pyRepr, reprString } from '../../python/repr.js';
import { subscript } from '../../python/subscript.js';
import { getKey, isDict, numValue, PyDict, PyError, PyFloat, pyTypeName } from '../../python/value.js';
import { restJsonCall, serviceEndpoint } from './rest-json.js';
import type { CredentialContext } from './types.js';
import { errnoText, pythonOsError } from '../../python/errno.js';

const SSO_OIDC = { envSuffix: 'SSO_OIDC', servicesKey: 'sso_oidc' } as const;
/** SSOTokenProvider refreshes a token this close to its expiry (15 minutes). */
const TOKEN_REFRESH_WINDOW_MS = 15 * 60 * 1000;

function general(message: string): CliError {
  return new CliError('general', message);
}

function tokenLoadError(message: string): CliError {
  return new CliError('general', `Error loading SSO Token: ${message}`);
}

// --------------------------------------------------------------- Python bits

/** `needle in container`, with Python's TypeError for values that hold nothing. */
function pyContains(container: unknown, needle: string): boolean {
  if (isDict(container)) return container.has(needle);
  if (Array.isArray(container)) return container.some((item) => item === needle);
  if (typeof container === 'string') return container.includes(needle);
  throw general(`argument of type '${pyTypeName(container)}' is not iterable`);
}

/** `container[key]`, Python's errors as CliErrors. */
function pyIndex(container: unknown, key: string): unknown {
  try {
    return subscript(container, key);
  } catch (error) {
    throw error instanceof PyError ? general(error.message) : error;
  }
}

/** Python `int(value)` as botocore's rest-json parser applies it to integer and long members. */
export function pyIntOf(value: unknown): number {
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof PyFloat) return Math.trunc(numValue(value));
  if (typeof value === 'string' && /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(value)) return Number.parseInt(value.replace(/_/g, ''), 10);
  if (typeof value === 'string') throw general(`invalid literal for int() with base 10: ${reprString(value)}`);
  throw general(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`);
}

/** A date as dateutil.parser.parse returns it: the instant, and whether it carries a time zone. */
export interface ParsedDate {
  readonly ms: number;
  readonly aware: boolean;
  /** Python's str() of the datetime (`2026-12-03 15:00:00+00:00`). */
  readonly text: string;
}

const ISO_DATE =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?\s*$/i;
const COMPACT_DATE = /^\s*(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?\s*$/i;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * dateutil.parser.parse for the forms the token cache holds (ISO 8601 dates
 * and times, `Z`/`UTC`/`GMT`/`±HH[:MM]` zones). Other text fails as dateutil
 * fails on text it cannot read.
 */
export function parseDate(value: unknown): ParsedDate {
  if (typeof value !== 'string') throw general(`Parser must be a string or character stream, not ${pyTypeName(value)}`);
  if (value.trim() === '') throw general(`String does not contain a date: ${value}`);
  const m = ISO_DATE.exec(value) ?? COMPACT_DATE.exec(value);
  if (!m) throw general(`Unknown string format: ${value}`);
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((p) => Number(p ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const micros = m[7] ? Number(m[7].slice(0, 6).padEnd(6, '0')) : 0;
  const zone = m[8]?.toUpperCase();
  let offsetMinutes: number | undefined;
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT') offsetMinutes = 0;
  else if (zone !== undefined) {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
  }
  const range = (what: string, low: number, high: number, n: number) => {
    if (n < low || n > high) throw general(`${what} must be in ${low}..${high}: ${value}`);
  };
  range('month', 1, 12, month);
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) throw general(`day is out of range for month: ${value}`);
  range('hour', 0, 23, hour);
  range('minute', 0, 59, minute);
  range('second', 0, 59, second);
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(micros / 1000));
  let text = `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
  if (micros) text += `.${pad(micros, 6)}`;
  if (offsetMinutes !== undefined) {
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    text += `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }
  return { ms: local - (offsetMinutes ?? 0) * 60_000, aware: offsetMinutes !== undefined, text };
}

/** `expiration - now` in ms; a date without a zone cannot be subtracted from botocore's aware clock. */
export function remainingMs(expiration: ParsedDate, now: Date): number {
  if (!expiration.aware) throw general("can't subtract offset-naive and offset-aware datetimes");
  return expiration.ms - now.getTime();
}

/** time.strftime('%Y-%m-%dT%H:%M:%SZ') of a UTC instant. */
export function utcStamp(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

// --------------------------------------------------------------- token cache

function cacheDir(context: CredentialContext): string {
  return join(context.home, '.aws', 'sso', 'cache');
}

function cacheKey(startUrl: string, sessionName: string | undefined): string {
  return createHash('sha1')
    .update(sessionName ?? startUrl, 'utf8')
    .digest('hex');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** JSONFileCache[key]: a file that cannot be read or is not JSON is a KeyError. */
function readCacheEntry(path: string, key: string): unknown {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
    return jsonLoads(text);
  } catch {
    throw general(reprString(key));
  }
}

/** Python's str(OSError) for a failed file operation on `paths` (`'a' -> 'b'` for a rename). */
function osError(error: unknown, ...paths: string[]): unknown {
  return errnoText(error) === undefined ? error : general(pythonOsError(error, ...paths));
}

/** A name as tempfile.mkstemp(suffix='.tmp') makes it: `tmp`, eight letters, digits or `_`. */
function temporaryName(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789_';
  return `tmp${[...randomBytes(8)].map((b) => letters[b % letters.length]).join('')}.tmp`;
}

/**
 * JSONFileCache[key] = value: the cache folder made if missing, a 0600
 * temporary file there (mkstemp), synced, renamed over the entry. Failures
 * are Python's OSErrors, as in v1 (where they end the refresh).
 */
function writeCacheEntry(dir: string, key: string, value: unknown): void {
  const text = jsonDumps(value);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw osError(error, (error as { path?: string }).path ?? dir);
  }
  const temp = join(dir, temporaryName());
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o600);
  } catch (error) {
    throw osError(error, temp);
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    throw osError(error);
  } finally {
    closeSync(fd);
  }
  const entry = join(dir, `${key}.json`);
  try {
    renameSync(temp, entry);
  } catch (error) {
    rmSync(temp, { force: true });
    throw osError(error, temp, entry);
  }
}

/** botocore's SSOTokenLoader: the cached token for the session (or, legacy, the start URL), checked for its two keys. */
export function loadCachedToken(context: CredentialContext, startUrl: string, sessionName?: string): unknown {
  const key = cacheKey(startUrl, sessionName);
  context.debug?.log('botocore.utils', `Checking for cached token at: ${key}`);
  const path = join(cacheDir(context), `${key}.json`);
  if (!isFile(path)) throw tokenLoadError(`Token for ${sessionName ?? startUrl} does not exist`);
  const token = readCacheEntry(path, key);
  if (!pyContains(token, 'accessToken') || !pyContains(token, 'expiresAt')) {
    throw tokenLoadError(`Token for ${startUrl} is invalid`);
  }
  return token;
}

/** An access token and, when known, when it stops working. */
export interface AccessToken {
  readonly token: unknown;
  readonly expiration: ParsedDate;
}

/** The legacy form (SSOCredentialFetcher with a token loader): an expired token is an unauthorized session, no refresh. */
export function legacyAccessToken(context: CredentialContext, startUrl: string): unknown {
  const cached = loadCachedToken(context, startUrl);
  const token = pyIndex(cached, 'accessToken');
  const expiration = parseDate(pyIndex(cached, 'expiresAt'));
  if (remainingMs(expiration, context.now()) <= 0) throw unauthorizedSsoToken();
  return token;
}

export function unauthorizedSsoToken(): CliError {
  return new CliError(
    'general',
    'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
  );
}

// ---------------------------------------------------------- SSOTokenProvider

export interface SsoSessionConfig {
  readonly sessionName: string;
  readonly startUrl: string;
  readonly region: string;
}

function requireStrings(params: ReadonlyArray<readonly [string, unknown]>): void {
  const problems = params
    .filter(([, value]) => typeof value !== 'string')
    .map(([name, value]) => `Invalid type for parameter ${name}, value: ${pyRepr(value)}, type: ${pyClass(value)}, valid types: <class 'str'>`);
  if (problems.length) throw new ValidationError(problems);
}

/** SSO OIDC CreateToken with the refresh grant; the new token as botocore caches it. */
async function createToken(context: CredentialContext, session: SsoSessionConfig, cached: PyDict): Promise<{ entry: PyDict; expiresMs: number }> {
  const clientId = getKey(cached, 'clientId');
  const clientSecret = getKey(cached, 'clientSecret');
  const refreshToken = getKey(cached, 'refreshToken');
  const endpoint = serviceEndpoint(context, SSO_OIDC, 'oidc', session.region);
  requireStrings([
    ['clientId', clientId],
    ['clientSecret', clientSecret],
    ['refreshToken', refreshToken],
  ]);
  const request = new PyDict([
    ['grantType', 'refresh_token'],
    ['clientId', clientId],
    ['clientSecret', clientSecret],
    ['refreshToken', refreshToken],
  ]);
  const { body } = await restJsonCall(context, {
    operation: 'CreateToken',
    method: 'POST',
    url: `${endpoint}/token`,
    headers: { 'content-type': 'application/json' },
    body: jsonDumps(request),
  });
  const answer = isDict(body) ? body : new PyDict();
  const accessToken = getKey(answer, 'accessToken');
  if (accessToken === null) throw general(reprString('accessToken'));
  const expiresIn = getKey(answer, 'expiresIn');
  if (expiresIn === null) throw general(reprString('expiresIn'));
  const expiresMs = context.now().getTime() + pyIntOf(expiresIn) * 1000;
  const entry = new PyDict([
    ['startUrl', session.startUrl],
    ['region', session.region],
    ['accessToken', accessToken],
    ['expiresAt', utcStamp(expiresMs)],
    ['clientId', clientId],
    ['clientSecret', clientSecret],
    ['registrationExpiresAt', getKey(cached, 'registrationExpiresAt')],
  ]);
  const newRefresh = getKey(answer, 'refreshToken');
  if (newRefresh !== null) entry.set('refreshToken', newRefresh);
  context.debug?.log('botocore.tokens', 'SSO Token refresh succeeded', 'INFO');
  return { entry, expiresMs };
}

const REFRESH_KEYS = ['refreshToken', 'clientId', 'clientSecret', 'registrationExpiresAt'];

/** SSOTokenProvider._refresh_access_token: a new token, or undefined when the cache holds no usable registration or OIDC refuses. */
async function refreshAccessToken(
  context: CredentialContext,
  session: SsoSessionConfig,
  cached: unknown,
): Promise<{ entry: PyDict; expiresMs: number } | undefined> {
  const missing = REFRESH_KEYS.filter((key) => !pyContains(cached, key));
  if (missing.length) {
    context.debug?.log('botocore.tokens', `Unable to refresh SSO token: missing keys: [${missing.map(reprString).join(', ')}]`, 'INFO');
    return undefined;
  }
  const registration = parseDate(pyIndex(cached, 'registrationExpiresAt'));
  if (remainingMs(registration, context.now()) <= 0) {
    context.debug?.log('botocore.tokens', `SSO token registration expired at ${registration.text}`, 'INFO');
    return undefined;
  }
  try {
    return await createToken(context, session, cached as PyDict);
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    context.debug?.log('botocore.tokens', 'SSO token refresh attempt failed', 'WARNING');
    return undefined;
  }
}

/**
 * The sso_session form: SSOTokenProvider's refresher (the cached token,
 * refreshed through CreateToken within 15 minutes of expiry), then
 * DeferredRefreshableToken's check that the token has not expired.
 */
export async function sessionAccessToken(context: CredentialContext, session: SsoSessionConfig): Promise<unknown> {
  let token: unknown;
  let expiration: ParsedDate;
  try {
    context.debug?.log('botocore.tokens', `Loading cached SSO token for ${session.sessionName}`, 'INFO');
    let cached = loadCachedToken(context, session.startUrl, session.sessionName);
    expiration = parseDate(pyIndex(cached, 'expiresAt'));
    context.debug?.log('botocore.tokens', `Cached SSO token expires at ${expiration.text}`);
    if (remainingMs(expiration, context.now()) < TOKEN_REFRESH_WINDOW_MS) {
      const refreshed = await refreshAccessToken(context, session, cached);
      if (refreshed !== undefined) {
        cached = refreshed.entry;
        expiration = { ms: refreshed.expiresMs, aware: true, text: '' };
        writeCacheEntry(cacheDir(context), cacheKey(session.startUrl, session.sessionName), refreshed.entry);
      }
    }
    token = pyIndex(cached, 'accessToken');
  } catch (error) {
    context.debug?.log('botocore.tokens', 'Refreshing token failed during the mandatory refresh period.', 'WARNING');
    throw error;
  }
  if (remainingMs(expiration, context.now()) <= 0) {
    throw new CliError('general', 'Error when retrieving token from sso: Token has expired and refresh failed');
  }
  return token;
}
