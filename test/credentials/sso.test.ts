// The SSO provider (botocore's SSOProvider, SSOCredentialFetcher,
// SSOTokenProvider, SSOTokenLoader) and the login provider, called directly
// with a CredentialContext built from real config files, against the local
// SSO portal stand-in. Texts are AWS CLI v1's (checked against `aws` in the
// differential tests of sso-cli.test.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDebugLogger } from '../../src/debug.js';
import { CliError } from '../../src/errors.js';
import { loadSharedConfig } from '../../src/request/config-files.js';
import { retryTiming } from '../../src/request/credentials/rest-json.js';
import { parseDate } from '../../src/request/credentials/sso-token.js';
import { loginProvider, ssoProvider, ssoSessions } from '../../src/request/credentials/sso.js';
import type { CredentialContext, Found } from '../../src/request/credentials/types.js';
import type { Settings } from '../../src/request/settings.js';
import { rejection, stsContext } from '../support/sts-context.js';
import { inHours, SSO_ROLE_KEYS, startSsoPortal, tokenCachePath, writeTokenCache, type SsoPortal } from '../support/sso-portal.js';

const START_URL = 'https://example.awsapps.com/start';
const CONFIG = `[profile new]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Admin

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-west-2
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = ${START_URL}
sso_region = us-west-2
sso_account_id = 123456789012
sso_role_name = Admin

[profile plain]
region = us-east-1

[profile missing]
sso_account_id = 123456789012

[profile nosession]
sso_session = nope
sso_account_id = 123456789012
sso_role_name = Admin

[profile mismatch]
sso_session = corp
sso_start_url = https://other.awsapps.com/start
sso_account_id = 123456789012
sso_role_name = Admin

[profile halfsession]
sso_session = half
sso_start_url = ${START_URL}
sso_region = us-west-2
sso_account_id = 123456789012
sso_role_name = Admin

[sso-session half]
sso_registration_scopes = sso:account:access

[profile login]
login_session = arn:aws:iam::123456789012:user/someone
`;

let portal: SsoPortal;
let home: string;
let debugText: string;

beforeAll(async () => {
  portal = await startSsoPortal();
});
afterAll(async () => {
  await portal.close();
});
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cs-sso-'));
  writeFileSync(join(home, 'config'), CONFIG);
  portal.requests.length = 0;
  portal.mode = 'ok';
  portal.expirationMs = Date.UTC(2099, 0, 1, 12, 0, 0, 789);
  debugText = '';
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

async function contextFor(extraEnv: Record<string, string> = {}, settings: Partial<Settings> = {}): Promise<CredentialContext> {
  const env = {
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ENDPOINT_URL_SSO: portal.url,
    AWS_ENDPOINT_URL_SSO_OIDC: portal.url,
    ...extraEnv,
  };
  const config = await loadSharedConfig(env);
  return stsContext({
    env,
    settings: { region: 'us-east-1', ...settings },
    sharedConfig: config,
    home,
    debug: createDebugLogger((text) => (debugText += text)),
  });
}

async function found(profile: string, extraEnv: Record<string, string> = {}, settings: Partial<Settings> = {}): Promise<Found> {
  const result = await ssoProvider(await contextFor(extraEnv, settings), profile);
  if (result === undefined) throw new Error(`no SSO credentials for ${profile}`);
  return result;
}

async function fetchKeys(profile: string, extraEnv: Record<string, string> = {}, settings: Partial<Settings> = {}) {
  const result = await found(profile, extraEnv, settings);
  return result.refresh!();
}

async function fetchError(profile: string, extraEnv: Record<string, string> = {}, settings: Partial<Settings> = {}): Promise<CliError> {
  return rejection(fetchKeys(profile, extraEnv, settings));
}

const UNAUTHORIZED =
  'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.';
const EXPIRED_NO_REFRESH = 'Error when retrieving token from sso: Token has expired and refresh failed';

describe('which profiles are SSO profiles', () => {
  it('a profile without sso_role_name and sso_account_id is not: the next provider is asked', async () => {
    expect(await ssoProvider(await contextFor(), 'plain')).toBeUndefined();
    expect(await ssoProvider(await contextFor(), 'no-such-profile')).toBeUndefined();
  });

  it('an SSO profile defers the first fetch: nothing is read or sent until the keys are needed', async () => {
    const result = await found('new');
    expect(result.method).toBe('sso');
    expect(result.keys).toBeUndefined();
    expect(portal.requests).toHaveLength(0);
  });

  it('reads [sso-session x] as the SDK loader keys it (sso-session.x) and as a configparser loader keeps it (sso-session x)', () => {
    const sessions = ssoSessions({
      configFile: {
        'sso-session.a': { sso_region: 'r1' },
        'sso-session b': { sso_region: 'r2' },
        'sso-session "c d"': { sso_region: 'r3' },
        'sso-session e f': { sso_region: 'ignored: three words' },
        default: { region: 'x' },
      },
      credentialsFile: {},
    });
    expect([...sessions.entries()]).toEqual([
      ['a', { sso_region: 'r1' }],
      ['b', { sso_region: 'r2' }],
      ['c d', { sso_region: 'r3' }],
    ]);
  });
});

describe('GetRoleCredentials', () => {
  it('sso_session form: the cached token of the session (sha1 of its name) fetches the role keys', async () => {
    writeTokenCache(home, 'corp', { accessToken: 'session-token', expiresAt: inHours(8) });
    const keys = await fetchKeys('new');
    expect(keys).toEqual({ ...SSO_ROLE_KEYS, expiration: new Date(Date.UTC(2099, 0, 1, 12, 0, 0)), accountId: '123456789012' });
    expect(portal.requests).toHaveLength(1);
    const [request] = portal.requests;
    expect(request).toMatchObject({
      method: 'GET',
      path: '/federation/credentials?role_name=Admin&account_id=123456789012',
      bearerToken: 'session-token',
      roleName: 'Admin',
      accountId: '123456789012',
    });
    expect(request!.headers.authorization).toBeUndefined();
  });

  it('legacy form: the cached token of the start URL (sha1 of the URL)', async () => {
    writeTokenCache(home, START_URL, { accessToken: 'legacy-token', expiresAt: inHours(1) });
    const keys = await fetchKeys('legacy');
    expect(keys.accessKeyId).toBe(SSO_ROLE_KEYS.accessKeyId);
    expect(portal.requests.map((r) => r.bearerToken)).toEqual(['legacy-token']);
  });

  it('every refresh fetches again (botocore keeps SSO role keys in memory only: no ~/.aws/cli/cache file)', async () => {
    writeTokenCache(home, 'corp', { accessToken: 'session-token', expiresAt: inHours(8) });
    const result = await found('new');
    await result.refresh!();
    await result.refresh!();
    expect(portal.requests).toHaveLength(2);
    expect(existsSync(join(home, '.aws', 'cli'))).toBe(false);
  });

  it('401 UnauthorizedException: v1 tells the user to log in again', async () => {
    writeTokenCache(home, 'corp', { accessToken: 'revoked', expiresAt: inHours(8) });
    portal.mode = 'unauthorized';
    const error = await fetchError('new');
    expect([error.kind, error.message]).toEqual(['general', UNAUTHORIZED]);
  });

  it('a 500 is retried by the session retry mode, then named with the retries as a ClientError', async () => {
    writeTokenCache(home, 'corp', { accessToken: 't', expiresAt: inHours(8) });
    portal.mode = 'server-error';
    const sleeps: number[] = [];
    const original = retryTiming.sleep;
    retryTiming.sleep = async (ms) => {
      sleeps.push(ms);
    };
    try {
      const error = await fetchError('new', {}, { maxAttempts: 3 });
      expect(error.message).toBe('An error occurred (500) when calling the GetRoleCredentials operation (reached max retries: 2): Internal Server Error');
      expect(portal.requests).toHaveLength(3);
      expect(sleeps).toHaveLength(2);
      expect(sleeps[0]).toBeLessThan(1000);
      expect(sleeps[1]).toBeLessThan(2000);
    } finally {
      retryTiming.sleep = original;
    }
  });

  it('an answer without roleCredentials is a KeyError', async () => {
    writeTokenCache(home, 'corp', { accessToken: 't', expiresAt: inHours(8) });
    portal.mode = 'no-role-credentials';
    expect((await fetchError('new')).message).toBe("'roleCredentials'");
  });

  it('an unreachable portal is named by its full URL, query string included', async () => {
    writeTokenCache(home, START_URL, { accessToken: 't', expiresAt: inHours(8) });
    const error = await fetchError('legacy', { AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:1' });
    expect([error.kind, error.message]).toEqual([
      'connection',
      'Could not connect to the endpoint URL: "http://127.0.0.1:1/federation/credentials?role_name=Admin&account_id=123456789012"',
    ]);
  });

  it('the portal endpoint follows AWS_ENDPOINT_URL when no SSO-specific one is set', async () => {
    writeTokenCache(home, START_URL, { accessToken: 'via-global', expiresAt: inHours(8) });
    await fetchKeys('legacy', { AWS_ENDPOINT_URL_SSO: '', AWS_ENDPOINT_URL: portal.url });
    expect(portal.requests.map((r) => r.bearerToken)).toEqual(['via-global']);
  });

  it('an sso_region botocore refuses as a Region name', async () => {
    writeFileSync(join(home, 'config'), `[profile bad]\nsso_start_url = ${START_URL}\nsso_region = us west\nsso_account_id = 1\nsso_role_name = r\n`);
    expect((await fetchError('bad')).message).toBe("Provided region_name 'us west' doesn't match a supported format.");
    // botocore's one rule for every client: an all-digit name is no Region either.
    writeFileSync(join(home, 'config'), `[profile bad]\nsso_start_url = ${START_URL}\nsso_region = 123\nsso_account_id = 1\nsso_role_name = r\n`);
    expect((await fetchError('bad')).message).toBe("Provided region_name '123' doesn't match a supported format.");
  });
});

describe('the token cache', () => {
  it('no token for the session / for the start URL', async () => {
    expect((await fetchError('new')).message).toBe('Error loading SSO Token: Token for corp does not exist');
    expect((await fetchError('legacy')).message).toBe(`Error loading SSO Token: Token for ${START_URL} does not exist`);
    expect(portal.requests).toHaveLength(0);
  });

  it('a token without expiresAt is invalid, named by the start URL in both forms', async () => {
    writeTokenCache(home, 'corp', { accessToken: 't' });
    writeTokenCache(home, START_URL, { expiresAt: inHours(1) });
    expect((await fetchError('new')).message).toBe(`Error loading SSO Token: Token for ${START_URL} is invalid`);
    expect((await fetchError('legacy')).message).toBe(`Error loading SSO Token: Token for ${START_URL} is invalid`);
  });

  it('a cache file that is not JSON is a KeyError naming the cache key', async () => {
    const path = writeTokenCache(home, 'corp', '{"accessToken": "t", ');
    const key = path.split('/').pop()!.replace('.json', '');
    expect((await fetchError('new')).message).toBe(`'${key}'`);
  });

  it('JSON that is not an object fails as Python fails on it', async () => {
    writeTokenCache(home, 'corp', '42');
    expect((await fetchError('new')).message).toBe("argument of type 'int' is not iterable");
    writeTokenCache(home, 'corp', '["accessToken", "expiresAt"]');
    expect((await fetchError('new')).message).toBe('list indices must be integers or slices, not str');
  });

  it('an expiresAt dateutil cannot read, or without a time zone', async () => {
    writeTokenCache(home, START_URL, { accessToken: 't', expiresAt: 'tomorrow-ish' });
    expect((await fetchError('legacy')).message).toBe('Unknown string format: tomorrow-ish');
    writeTokenCache(home, START_URL, { accessToken: 't', expiresAt: 1234 });
    expect((await fetchError('legacy')).message).toBe('Parser must be a string or character stream, not int');
    writeTokenCache(home, START_URL, { accessToken: 't', expiresAt: '2099-01-01T00:00:00' });
    expect((await fetchError('legacy')).message).toBe("can't subtract offset-naive and offset-aware datetimes");
  });

  it('an accessToken that is not a string fails parameter validation', async () => {
    writeTokenCache(home, START_URL, { accessToken: 5, expiresAt: inHours(1) });
    const error = await fetchError('legacy');
    expect([error.kind, error.message]).toEqual([
      'validation',
      "Parameter validation failed:\nInvalid type for parameter accessToken, value: 5, type: <class 'int'>, valid types: <class 'str'>",
    ]);
  });

  it('legacy form: an expired token is an expired SSO session; nothing is sent', async () => {
    writeTokenCache(home, START_URL, { accessToken: 't', expiresAt: inHours(-1) });
    expect((await fetchError('legacy')).message).toBe(UNAUTHORIZED);
    expect(portal.requests).toHaveLength(0);
  });

  it('sso_session form: an expired token that cannot be refreshed', async () => {
    writeTokenCache(home, 'corp', { accessToken: 't', expiresAt: inHours(-1) });
    expect((await fetchError('new')).message).toBe(EXPIRED_NO_REFRESH);
    expect(portal.requests).toHaveLength(0);
    expect(debugText).toContain("botocore.tokens - INFO - Unable to refresh SSO token: missing keys: ['refreshToken', 'clientId', 'clientSecret', 'registrationExpiresAt']");
  });

  it('--debug names the cache key and the expiry, never the token', async () => {
    writeTokenCache(home, 'corp', { accessToken: 'secret-access-token', expiresAt: '2099-03-04T05:06:07Z' });
    await fetchKeys('new');
    expect(debugText).toContain('botocore.tokens - INFO - Loading cached SSO token for corp\n');
    const key = tokenCachePath(home, 'corp').split('/').pop()!.replace('.json', '');
    expect(debugText).toContain(`botocore.utils - DEBUG - Checking for cached token at: ${key}\n`);
    expect(debugText).toContain('botocore.tokens - DEBUG - Cached SSO token expires at 2099-03-04 05:06:07+00:00\n');
    expect(debugText).not.toContain('secret-access-token');
  });
});

describe('sso_session form: refreshing the token through SSO OIDC CreateToken', () => {
  const registration = { clientId: 'client-id', clientSecret: 'client-secret', refreshToken: 'refresh-me' };

  beforeEach(() => {
    portal.createToken = { status: 200, body: { accessToken: 'refreshed-access-token', expiresIn: 28800, tokenType: 'Bearer', refreshToken: 'new-refresh-token' } };
  });

  it('an expired token with a live registration is refreshed, used, and written back to the cache', async () => {
    const path = writeTokenCache(home, 'corp', {
      startUrl: START_URL,
      region: 'us-west-2',
      accessToken: 'old',
      expiresAt: inHours(-1),
      ...registration,
      registrationExpiresAt: '2099-01-01T00:00:00Z',
    });
    const before = Date.now();
    await fetchKeys('new');
    const [create, get] = portal.requests;
    expect(create).toMatchObject({
      method: 'POST',
      path: '/token',
      body: { grantType: 'refresh_token', clientId: 'client-id', clientSecret: 'client-secret', refreshToken: 'refresh-me' },
    });
    expect(get!.bearerToken).toBe('refreshed-access-token');
    const written = readFileSync(path, 'utf8');
    const expiresAt = /"expiresAt": "([^"]+)"/.exec(written)![1]!;
    expect(written).toBe(
      `{"startUrl": "${START_URL}", "region": "us-west-2", "accessToken": "refreshed-access-token", "expiresAt": "${expiresAt}", ` +
        '"clientId": "client-id", "clientSecret": "client-secret", "registrationExpiresAt": "2099-01-01T00:00:00Z", "refreshToken": "new-refresh-token"}',
    );
    const expiresMs = Date.parse(expiresAt);
    expect(expiresMs).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 28800_000);
    expect(expiresMs).toBeLessThanOrEqual(Date.now() + 28800_000);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(home, '.aws', 'sso', 'cache'))).toHaveLength(1);
  });

  it('a token within 15 minutes of expiry is refreshed too; when OIDC refuses, the old token is still used', async () => {
    writeTokenCache(home, 'corp', { accessToken: 'still-valid', expiresAt: inHours(0.1), ...registration, registrationExpiresAt: inHours(100) });
    portal.createToken = { status: 400, body: { error: 'invalid_grant', error_description: 'bad', __type: 'InvalidGrantException' } };
    await fetchKeys('new');
    expect(portal.requests.map((r) => `${r.method} ${r.bearerToken ?? ''}`)).toEqual(['POST ', 'GET still-valid']);
    expect(debugText).toContain('botocore.tokens - WARNING - SSO token refresh attempt failed\n');
  });

  it('an expired token whose refresh is refused', async () => {
    writeTokenCache(home, 'corp', { accessToken: 'old', expiresAt: inHours(-1), ...registration, registrationExpiresAt: inHours(100) });
    portal.createToken = { status: 400, body: { __type: 'InvalidGrantException' } };
    expect((await fetchError('new')).message).toBe(EXPIRED_NO_REFRESH);
    expect(portal.requests.map((r) => r.method)).toEqual(['POST']);
  });

  it('an expired registration is not used', async () => {
    writeTokenCache(home, 'corp', { accessToken: 'old', expiresAt: inHours(-1), ...registration, registrationExpiresAt: inHours(-2) });
    expect((await fetchError('new')).message).toBe(EXPIRED_NO_REFRESH);
    expect(portal.requests).toHaveLength(0);
  });

  it('registration values of the wrong type fail CreateToken parameter validation, every one listed', async () => {
    writeTokenCache(home, 'corp', { accessToken: 'old', expiresAt: inHours(-1), clientId: 5, clientSecret: 's', refreshToken: null, registrationExpiresAt: inHours(100) });
    const error = await fetchError('new');
    expect([error.kind, error.message]).toEqual([
      'validation',
      "Parameter validation failed:\nInvalid type for parameter clientId, value: 5, type: <class 'int'>, valid types: <class 'str'>\n" +
        "Invalid type for parameter refreshToken, value: None, type: <class 'NoneType'>, valid types: <class 'str'>",
    ]);
    expect(portal.requests).toHaveLength(0);
  });

  it('an unreachable OIDC endpoint is not a refusal: its error is the outcome, even for a token still valid', async () => {
    writeTokenCache(home, 'corp', { accessToken: 'still-valid', expiresAt: inHours(0.1), ...registration, registrationExpiresAt: inHours(100) });
    const error = await fetchError('new', { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:1' });
    expect([error.kind, error.message]).toEqual(['connection', 'Could not connect to the endpoint URL: "http://127.0.0.1:1/token"']);
    expect(debugText).toContain('botocore.tokens - WARNING - Refreshing token failed during the mandatory refresh period.\n');
  });

  it('legacy form never refreshes', async () => {
    writeTokenCache(home, START_URL, { accessToken: 'old', expiresAt: inHours(-1), ...registration, registrationExpiresAt: inHours(100) });
    expect((await fetchError('legacy')).message).toBe(UNAUTHORIZED);
    expect(portal.requests).toHaveLength(0);
  });
});

describe('configuration errors (InvalidConfigError)', () => {
  it('missing keys are listed in botocore order', async () => {
    const error = await rejection(ssoProvider(await contextFor(), 'missing'));
    expect([error.kind, error.message]).toEqual([
      'configuration',
      'The profile "missing" is configured to use SSO but is missing required configuration: sso_role_name, sso_start_url, sso_region',
    ]);
  });

  it('an sso_session that names no section', async () => {
    expect((await rejection(ssoProvider(await contextFor(), 'nosession'))).message).toBe('The specified sso-session does not exist: "nope"');
  });

  it('a profile value that contradicts the session', async () => {
    expect((await rejection(ssoProvider(await contextFor(), 'mismatch'))).message).toBe(
      `The value for sso_start_url is inconsistent between profile (https://other.awsapps.com/start) and sso-session (${START_URL}).`,
    );
  });

  it('a session without start URL and Region, completed by the profile: the token provider refuses it when the keys are fetched', async () => {
    const result = await found('halfsession');
    expect((await rejection(result.refresh!())).message).toBe(
      `The profile "halfsession" is configured to use the SSO token provider but is missing the following configuration: ['sso_start_url', 'sso_region'].`,
    );
  });
});

describe('login_session (LoginProvider)', () => {
  it('v1 without botocore[crt] cannot use it', async () => {
    const error = await rejection(loginProvider(await contextFor(), 'login'));
    expect([error.kind, error.message]).toEqual([
      'general',
      'Missing Dependency: Using the login credential provider requires an additional dependency. You will need to pip install "botocore[crt]" before proceeding.',
    ]);
  });

  it('other profiles are not login profiles', async () => {
    expect(await loginProvider(await contextFor(), 'new')).toBeUndefined();
  });
});

describe('expiresAt as dateutil.parser.parse reads it (texts captured from python-dateutil)', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['2030-01-01T00:00:00UTC', '2030-01-01 00:00:00+00:00'],
    ['2030-01-01T00:00:00+0000', '2030-01-01 00:00:00+00:00'],
    ['2030-01-01T00:00:00.5Z', '2030-01-01 00:00:00.500000+00:00'],
    ['2030-01-01T00:00Z', '2030-01-01 00:00:00+00:00'],
    ['2030-01-01', '2030-01-01 00:00:00'],
    ['2030-1-1T00:00:00Z', '2030-01-01 00:00:00+00:00'],
    ['20300101T000000Z', '2030-01-01 00:00:00+00:00'],
    ['2030-01-01T00:00:00 +01:00', '2030-01-01 00:00:00+01:00'],
    ['2030-01-01T00:00:00-05', '2030-01-01 00:00:00-05:00'],
    ['2030-01-01T00:00:00.1234567Z', '2030-01-01 00:00:00.123456+00:00'],
  ];
  it.each(cases)('%s → %s', (text, str) => {
    expect(parseDate(text).text).toBe(str);
  });

  it('the instant honours the offset', () => {
    expect(parseDate('2030-01-01T00:00:00-05').ms).toBe(Date.UTC(2030, 0, 1, 5));
    expect(parseDate('2030-01-01T00:00:00.5Z').ms).toBe(Date.UTC(2030, 0, 1, 0, 0, 0, 500));
    expect(parseDate('2030-01-01').aware).toBe(false);
  });

  const failures: ReadonlyArray<readonly [string, string]> = [
    ['2030-01-01Z', 'Unknown string format: 2030-01-01Z'],
    ['2030-02-30T00:00:00Z', 'day is out of range for month: 2030-02-30T00:00:00Z'],
    ['2030-01-01T24:00:00Z', 'hour must be in 0..23: 2030-01-01T24:00:00Z'],
    ['', 'String does not contain a date: '],
  ];
  it.each(failures)('%s fails: %s', (text, message) => {
    expect(() => parseDate(text)).toThrow(new CliError('general', message));
  });
});
