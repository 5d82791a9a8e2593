// The instance metadata provider against a local IMDS stand-in: IMDSv2
// token first, the IMDSv1 fallback, the settings and their errors, retries,
// failures that end quietly with no credentials (as v1's do), expiration
// extension, refresh, and proxies. Expected texts are botocore 1.43.11's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, toCliError } from '../../src/errors.js';
import { instanceMetadataProvider, instanceMetadataSettings } from '../../src/request/credentials/imds.js';
import { credentialProvider } from '../../src/request/credentials/index.js';
import type { CredentialContext } from '../../src/request/credentials/types.js';
import type { Env, IniSection } from '../../src/request/settings.js';
import { startHttpProxy, type HttpProxy } from '../support/http-proxy.js';
import { stsContext } from '../support/sts-context.js';
import { IMDS_TOKEN, isoSeconds, ROLE_CREDENTIALS, ROLE_NAME, startImdsServer, startBlackhole, freePort, type ImdsServer } from '../support/imds-server.js';

const ROLE_PATH = '/latest/meta-data/iam/security-credentials/';

interface Made {
  readonly context: CredentialContext;
  readonly logs: string[];
}

function makeContext(env: Env, profile: IniSection = {}, profileName = 'default'): Made {
  const logs: string[] = [];
  const context = stsContext({
    env,
    settings: { profile: profileName, region: 'us-east-1', maxAttempts: 5 },
    config: { [profileName]: profile },
    debug: { log: (logger, message, level = 'DEBUG') => logs.push(`${logger} - ${level === 'DEBUG' ? '' : `${level} - `}${message}`), addSecret: () => {} },
  });
  return { context, logs };
}

function seen(imds: ImdsServer): string[] {
  return imds.requests.map((r) => `${r.method} ${r.path} ${r.headers['x-aws-ec2-metadata-token'] ?? '-'}`);
}

async function thrown(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (error) {
    // Python's exceptions (PyError) print as v1 prints an unexpected exception.
    return toCliError(error);
  }
  throw new Error('expected a CliError');
}

let imds: ImdsServer;

beforeEach(async () => {
  imds = await startImdsServer();
});

afterEach(async () => {
  await imds.close();
});

describe('fetching the role credentials', () => {
  it('asks for an IMDSv2 token, then the role name and its credentials with that token', async () => {
    const expiration = isoSeconds(new Date(Date.now() + 3600_000));
    imds.options.expiration = expiration;
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    const found = await instanceMetadataProvider(context);
    expect(found?.method).toBe('iam-role');
    expect(found?.keys).toEqual({
      accessKeyId: ROLE_CREDENTIALS.accessKeyId,
      secretAccessKey: ROLE_CREDENTIALS.secretAccessKey,
      sessionToken: ROLE_CREDENTIALS.token,
      expiration: new Date(expiration),
    });
    expect(seen(imds)).toEqual([
      'PUT /latest/api/token -',
      `GET ${ROLE_PATH} ${IMDS_TOKEN}`,
      `GET ${ROLE_PATH}${ROLE_NAME} ${IMDS_TOKEN}`,
    ]);
    expect(imds.requests[0]!.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('21600');
    expect([imds.requests[0]!.headers['content-length'], imds.requests[0]!.headers['transfer-encoding']]).toEqual(['0', undefined]);
    expect(logs).toEqual([`botocore.utils - IMDS ENDPOINT: ${imds.url}`, `botocore.credentials - INFO - Found credentials from IAM Role: ${ROLE_NAME}`]);
  });

  it('works with an IMDSv2-only service (GETs without the token are refused there)', async () => {
    imds.options.requireToken = true;
    const found = await instanceMetadataProvider(makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url }).context);
    expect(found?.keys?.accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
  });

  it.each([404, 403, 405])('falls back to IMDSv1 (no token header) when the token PUT is answered %i', async (status) => {
    imds.options.tokenMode = status;
    const found = await instanceMetadataProvider(
      makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3' }).context,
    );
    expect(found?.keys?.accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
    expect(seen(imds)).toEqual(['PUT /latest/api/token -', `GET ${ROLE_PATH} -`, `GET ${ROLE_PATH}${ROLE_NAME} -`]);
  });

  it('tries the token again on other statuses, then falls back to IMDSv1', async () => {
    imds.options.tokenMode = 500;
    const found = await instanceMetadataProvider(
      makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' }).context,
    );
    expect(found?.keys?.accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
    expect(seen(imds)).toEqual([
      'PUT /latest/api/token -',
      'PUT /latest/api/token -',
      `GET ${ROLE_PATH} -`,
      `GET ${ROLE_PATH}${ROLE_NAME} -`,
    ]);
  });

  it('gives up quietly on a token PUT answered 400', async () => {
    imds.options.tokenMode = 400;
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    expect(await instanceMetadataProvider(context)).toBeUndefined();
    expect(seen(imds)).toEqual(['PUT /latest/api/token -']);
    expect(logs.at(-1)).toBe('botocore.utils - Bad IMDS request: <botocore.awsrequest.AWSRequest object at 0x7f0000000000>');
  });

  it('refuses IMDSv1 when ec2_metadata_v1_disabled is set and no token comes', async () => {
    imds.options.tokenMode = 'off';
    const message = 'Error retrieving metadata: Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled';
    const fromEnv = await thrown(
      instanceMetadataProvider(makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_EC2_METADATA_V1_DISABLED: 'TRUE' }).context),
    );
    expect([fromEnv.kind, fromEnv.message]).toEqual(['general', message]);
    const fromProfile = await thrown(
      instanceMetadataProvider(makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url }, { ec2_metadata_v1_disabled: 'true' }).context),
    );
    expect(fromProfile.message).toBe(message);
    expect(seen(imds)).toEqual(['PUT /latest/api/token -', 'PUT /latest/api/token -']);
  });

  it('uses the token as usual when IMDSv1 is disabled', async () => {
    const found = await instanceMetadataProvider(
      makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_EC2_METADATA_V1_DISABLED: 'true' }).context,
    );
    expect(found?.keys?.accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
  });

  it('sends nothing when AWS_EC2_METADATA_DISABLED is true', async () => {
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_EC2_METADATA_DISABLED: 'True' });
    expect(await instanceMetadataProvider(context)).toBeUndefined();
    expect(imds.requests).toEqual([]);
    expect(logs.slice(1)).toEqual([
      'botocore.utils - Access to EC2 metadata has been disabled.',
      'botocore.utils - Max number of attempts exceeded (1) when attempting to retrieve data from metadata service.',
    ]);
  });

  it('reads the endpoint from the profile and joins paths with one slash', async () => {
    const base = imds.url.replace(/\/$/, '');
    const found = await instanceMetadataProvider(makeContext({}, { ec2_metadata_service_endpoint: base }).context);
    expect(found?.keys?.accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
    expect(seen(imds)[0]).toBe('PUT /latest/api/token -');
  });
});

describe('failures end with no credentials, as in v1', () => {
  it('retries a role listing answered 500, then gives up', async () => {
    imds.script('role-list', [{ status: 500, body: 'oops' }]);
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3' });
    expect(await instanceMetadataProvider(context)).toBeUndefined();
    expect(seen(imds)).toEqual(['PUT /latest/api/token -', ...Array(3).fill(`GET ${ROLE_PATH} ${IMDS_TOKEN}`)]);
    const line = `botocore.utils - Metadata service returned non-200 response with status code of 500 for url: ${imds.url}latest/meta-data/iam/security-credentials/, content body: b'oops'`;
    expect(logs.slice(1)).toEqual([
      line,
      line,
      line,
      'botocore.utils - Max number of attempts exceeded (3) when attempting to retrieve data from metadata service.',
    ]);
  });

  it('retries until an answer is good', async () => {
    imds.script('credentials', [{ status: 500 }, { status: 200, body: '' }, {}]);
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3' });
    expect((await instanceMetadataProvider(context))?.keys?.accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
    expect(imds.requests).toHaveLength(5);
    expect(logs[2]).toBe(
      `botocore.utils - Metadata service returned no body response with status code of 200 for url: ${imds.url}latest/meta-data/iam/security-credentials/${ROLE_NAME}, content body: b''`,
    );
  });

  it('retries credentials that are not JSON, then gives up', async () => {
    imds.script('credentials', [{ body: '{"AccessKeyId": ' }]);
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' });
    expect(await instanceMetadataProvider(context)).toBeUndefined();
    expect(imds.requests).toHaveLength(4);
    expect(logs[1]).toBe(
      `botocore.utils - Metadata service returned invalid json response with status code of 200 for url: ${imds.url}latest/meta-data/iam/security-credentials/${ROLE_NAME}`,
    );
  });

  it('finds nothing in a partial document, naming the first missing field', async () => {
    imds.script('credentials', [{ body: JSON.stringify({ AccessKeyId: 'AKIA', SecretAccessKey: 's', Expiration: '2099-01-01T00:00:00Z' }) }]);
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    expect(await instanceMetadataProvider(context)).toBeUndefined();
    expect(logs.slice(1)).toEqual(['botocore.utils - Retrieved credentials is missing required field: Token']);
  });

  it('logs an error document (Code and Message) and finds nothing', async () => {
    imds.script('credentials', [{ body: JSON.stringify({ Code: 'AssumeRoleUnauthorizedAccess', Message: 'EC2 cannot assume the role' }) }]);
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    expect(await instanceMetadataProvider(context)).toBeUndefined();
    expect(logs.slice(1)).toEqual([
      'botocore.utils - Retrieved credentials is missing required field: AccessKeyId',
      "botocore.utils - Error response received when retrievingcredentials: {'Code': 'AssumeRoleUnauthorizedAccess', 'Message': 'EC2 cannot assume the role'}.",
    ]);
  });

  it.each([
    ['7', "argument of type 'int' is not iterable"],
    ['null', "argument of type 'NoneType' is not iterable"],
    ['["AccessKeyId", "SecretAccessKey", "Token", "Expiration"]', 'list indices must be integers or slices, not str'],
  ])('fails as Python does on the JSON document %s', async (body, message) => {
    imds.script('credentials', [{ body }]);
    const error = await thrown(instanceMetadataProvider(makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url }).context));
    expect([error.kind, error.message]).toEqual(['general', message]);
  });

  it('falls back to IMDSv1 at once when the token PUT times out, and retries GETs that time out', async () => {
    imds.script('token', [{ hang: true }]);
    imds.script('role-list', [{ hang: true }]);
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' });
    expect(await instanceMetadataProvider(context)).toBeUndefined();
    expect(seen(imds)).toEqual(['PUT /latest/api/token -', `GET ${ROLE_PATH} -`, `GET ${ROLE_PATH} -`]);
    const url = `${imds.url}latest/meta-data/iam/security-credentials/`;
    expect(logs.slice(1, 2)).toEqual([
      `botocore.utils - Caught retryable HTTP exception while making metadata service request to ${url}: Read timeout on endpoint URL: "${url}"`,
    ]);
  });

  it('answers slower than the timeout count as timeouts; AWS_METADATA_SERVICE_TIMEOUT lengthens it', async () => {
    imds.script('role-list', [{ delayMs: 1500 }, {}]);
    expect(await instanceMetadataProvider(makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url }).context)).toBeUndefined();
    imds.script('role-list', [{ delayMs: 1500 }]);
    const found = await instanceMetadataProvider(
      makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url }, { metadata_service_timeout: '3' }).context,
    );
    expect(found?.keys?.accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
  });

  it('gives up on an unreachable service after the attempts, naming the URL as botocore does', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: url, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' });
    expect(await instanceMetadataProvider(context)).toBeUndefined();
    const token = `${url}/latest/api/token`;
    const roles = `${url}/latest/meta-data/iam/security-credentials/`;
    const caught = (u: string) =>
      `botocore.utils - Caught retryable HTTP exception while making metadata service request to ${u}: Could not connect to the endpoint URL: "${u}"`;
    expect(logs.slice(1)).toEqual([
      caught(token),
      caught(token),
      caught(roles),
      caught(roles),
      'botocore.utils - Max number of attempts exceeded (2) when attempting to retrieve data from metadata service.',
    ]);
  });

  it('retries a connection that cannot be made in time (as off EC2), then gives up', async () => {
    const blackhole = await startBlackhole();
    try {
      const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: blackhole.url });
      expect(await instanceMetadataProvider(context)).toBeUndefined();
      const token = `${blackhole.url}latest/api/token`;
      const roles = `${blackhole.url}latest/meta-data/iam/security-credentials/`;
      const caught = (u: string) =>
        `botocore.utils - Caught retryable HTTP exception while making metadata service request to ${u}: Connect timeout on endpoint URL: "${u}"`;
      expect(logs.slice(1)).toEqual([
        caught(token),
        caught(roles),
        'botocore.utils - Max number of attempts exceeded (1) when attempting to retrieve data from metadata service.',
      ]);
    } finally {
      await blackhole.close();
    }
  });

  it('makes no request with zero attempts', async () => {
    const context = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '0' }).context;
    expect(await instanceMetadataProvider(context)).toBeUndefined();
    expect(imds.requests).toEqual([]);
  });

  it('fails as urllib3 does on a timeout of 0 or less', async () => {
    for (const timeout of ['0', '-2']) {
      const error = await thrown(
        instanceMetadataProvider(makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_METADATA_SERVICE_TIMEOUT: timeout }).context),
      );
      expect(error.message).toBe(
        `An HTTP Client raised an unhandled exception: Attempted to set connect timeout to ${Number(timeout)}, but the timeout cannot be set to a value less than or equal to 0.`,
      );
    }
    expect(imds.requests).toEqual([]);
  });
});

describe('settings', () => {
  it('reads timeout and attempts from the environment before the profile, with int()', () => {
    const profile = { metadata_service_timeout: ' 7 ', metadata_service_num_attempts: '4' };
    expect(instanceMetadataSettings(makeContext({}, profile).context)).toMatchObject({ timeoutSeconds: 7, attempts: 4 });
    expect(
      instanceMetadataSettings(makeContext({ AWS_METADATA_SERVICE_TIMEOUT: '2', AWS_METADATA_SERVICE_NUM_ATTEMPTS: '+3' }, profile).context),
    ).toMatchObject({ timeoutSeconds: 2, attempts: 3 });
    expect(instanceMetadataSettings(makeContext({}).context)).toMatchObject({
      timeoutSeconds: 1,
      attempts: 1,
      baseUrl: 'http://169.254.169.254/',
      disabled: false,
      v1Disabled: false,
    });
  });

  it('reads the named profile', () => {
    const { context } = makeContext({}, { ec2_metadata_service_endpoint: 'http://127.0.0.1:1/x' }, 'dev');
    expect(instanceMetadataSettings(context).baseUrl).toBe('http://127.0.0.1:1/x');
  });

  it.each([
    [{ AWS_METADATA_SERVICE_TIMEOUT: '1.5' }, {}, "invalid literal for int() with base 10: '1.5'"],
    [{ AWS_METADATA_SERVICE_TIMEOUT: '' }, {}, "invalid literal for int() with base 10: ''"],
    [{}, { metadata_service_num_attempts: 'x' }, "invalid literal for int() with base 10: 'x'"],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv5' }, {}, "Invalid EC2 Instance Metadata endpoint mode: IPv5 Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6')."],
    [{}, { ec2_metadata_service_endpoint_mode: '' }, "Invalid EC2 Instance Metadata endpoint mode:  Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6')."],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://a b/' }, {}, 'Invalid endpoint EC2 Instance Metadata endpoint: http://a b/'],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT: '127.0.0.1:1234' }, {}, 'Invalid endpoint EC2 Instance Metadata endpoint: 127.0.0.1:1234'],
  ])('rejects %j / %j as v1 does', (env, profile, message) => {
    let error: unknown;
    try {
      instanceMetadataSettings(makeContext(env, profile).context);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect([(error as CliError).kind, (error as CliError).message]).toEqual(['general', message]);
  });

  it('chooses the IPv6 address in ipv6 mode (any case) or with imds_use_ipv6, a custom endpoint over both', () => {
    expect(instanceMetadataSettings(makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' }).context).baseUrl).toBe(
      'http://[fd00:ec2::254]/',
    );
    expect(instanceMetadataSettings(makeContext({ AWS_IMDS_USE_IPV6: 'true' }).context).baseUrl).toBe('http://[fd00:ec2::254]/');
    expect(instanceMetadataSettings(makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv4', AWS_IMDS_USE_IPV6: 'true' }).context).baseUrl).toBe(
      'http://169.254.169.254/',
    );
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6', AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://[::1]:1/' });
    expect(instanceMetadataSettings(context).baseUrl).toBe('http://[::1]:1/');
    expect(logs).toEqual([
      'botocore.utils - WARNING - Custom endpoint and IMDS_USE_IPV6 are both set. Using custom endpoint.',
      'botocore.utils - IMDS ENDPOINT: http://[::1]:1/',
    ]);
  });

  it('reads the settings once per context', () => {
    const { context, logs } = makeContext({});
    instanceMetadataSettings(context);
    instanceMetadataSettings(context);
    expect(logs).toEqual(['botocore.utils - IMDS ENDPOINT: http://169.254.169.254/']);
  });
});

describe('expiration', () => {
  it('pushes an expiration inside the refresh window 17 to 25 minutes ahead', async () => {
    for (const expires of [Date.now() + 5 * 60_000, Date.now() - 3600_000]) {
      imds.options.expiration = isoSeconds(new Date(expires));
      const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
      const before = Math.floor(Date.now() / 1000) * 1000;
      const found = await instanceMetadataProvider(context);
      const after = Date.now();
      const expiration = found!.keys!.expiration!.getTime();
      expect(expiration).toBeGreaterThanOrEqual(before + 17 * 60_000);
      expect(expiration).toBeLessThanOrEqual(after + 25 * 60_000);
      const minutes = /within the next (\d+) minutes\.$/.exec(logs[1]!)?.[1];
      expect(logs[1]).toBe(
        `botocore.utils - INFO - Attempting credential expiration extension due to a credential service availability issue. A refresh of these credentials will be attempted again within the next ${minutes} minutes.`,
      );
      expect(Number(minutes)).toBeGreaterThanOrEqual(17);
      expect(Number(minutes)).toBeLessThanOrEqual(25);
    }
  });

  it('keeps an expiration beyond the window, and one in another format as dateutil reads it', async () => {
    imds.options.expiration = '2099-01-02T03:04:05.678+01:00';
    const { context, logs } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    const found = await instanceMetadataProvider(context);
    expect(found?.keys?.expiration).toEqual(new Date('2099-01-02T02:04:05.678Z'));
    expect(logs[1]).toBe('botocore.utils - Unable to parse expiry_time in 2099-01-02T03:04:05.678+01:00');
  });

  it.each([
    ['garbage', 'Unknown string format: garbage'],
    ['', 'String does not contain a date: '],
    ['2099-01-02T03:04:05', "can't subtract offset-naive and offset-aware datetimes"],
  ])('fails on the expiration %j as botocore does', async (expiration, message) => {
    imds.options.expiration = expiration;
    const error = await thrown(instanceMetadataProvider(makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url }).context));
    expect([error.kind, error.message]).toEqual(['general', message]);
  });
});

describe('refresh', () => {
  it('fetches again from the service, token first', async () => {
    const { context } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    const found = await instanceMetadataProvider(context);
    imds.options.credentials = { accessKeyId: 'ASIAREFRESHEDKEY0001', secretAccessKey: 'refreshed-secret', token: 'refreshed-token' };
    imds.requests.length = 0;
    const keys = await found!.refresh!();
    expect([keys.accessKeyId, keys.secretAccessKey, keys.sessionToken]).toEqual(['ASIAREFRESHEDKEY0001', 'refreshed-secret', 'refreshed-token']);
    expect(seen(imds)).toEqual(['PUT /latest/api/token -', `GET ${ROLE_PATH} ${IMDS_TOKEN}`, `GET ${ROLE_PATH}${ROLE_NAME} ${IMDS_TOKEN}`]);
  });

  it('through the chain: refreshed in the advisory window, kept when that fails, an error when the mandatory window fails', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    const at = (minutes: number) => isoSeconds(new Date(clock + minutes * 60_000));
    imds.options.expiration = at(60);
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' };
    const provider = credentialProvider(makeContext(env).context.settings, env, { now: () => new Date(clock) });
    expect((await provider()).accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
    imds.options.credentials = { accessKeyId: 'ASIAREFRESHEDKEY0001', secretAccessKey: 'refreshed-secret', token: 'refreshed-token' };
    imds.options.expiration = at(120);
    clock += 40 * 60_000; // 20 minutes left: no refresh
    expect((await provider()).accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
    expect(imds.requests).toHaveLength(3);
    clock += 8 * 60_000; // 12 minutes left: advisory refresh
    expect(await provider()).toMatchObject({ accessKeyId: 'ASIAREFRESHEDKEY0001', sessionToken: 'refreshed-token' });
    expect(imds.requests).toHaveLength(6);
    imds.script('role-list', [{ status: 500 }]);
    clock += 60 * 60_000; // 12 minutes left of the new keys: advisory, the failure is tolerated
    expect((await provider()).accessKeyId).toBe('ASIAREFRESHEDKEY0001');
    clock += 5 * 60_000; // 7 minutes left: mandatory
    await expect(provider()).rejects.toThrow(
      'Error when retrieving credentials from iam-role: Credential refresh failed, response did not contain: access_key, secret_key, token, expiry_time',
    );
  });

  it("fails with botocore's refresh error when the service gives nothing", async () => {
    const { context } = makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    const found = await instanceMetadataProvider(context);
    imds.script('credentials', [{ status: 500 }]);
    const error = await thrown(found!.refresh!());
    expect(error.message).toBe(
      'Error when retrieving credentials from iam-role: Credential refresh failed, response did not contain: access_key, secret_key, token, expiry_time',
    );
  });
});

describe('proxies', () => {
  let proxy: HttpProxy;
  beforeEach(async () => {
    proxy = await startHttpProxy();
  });
  afterEach(async () => {
    await proxy.close();
  });

  it('goes through HTTP_PROXY, as botocore passes get_environ_proxies(base_url)', async () => {
    const found = await instanceMetadataProvider(makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, HTTP_PROXY: proxy.url }).context);
    expect(found?.keys?.accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
    expect(proxy.requests.map((r) => `${r.method} ${r.target}`)).toEqual([
      `PUT ${imds.url}latest/api/token`,
      `GET ${imds.url}latest/meta-data/iam/security-credentials/`,
      `GET ${imds.url}latest/meta-data/iam/security-credentials/${ROLE_NAME}`,
    ]);
  });

  it('bypasses the proxy for a host in NO_PROXY', async () => {
    const found = await instanceMetadataProvider(
      makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }).context,
    );
    expect(found?.keys?.accessKeyId).toBe(ROLE_CREDENTIALS.accessKeyId);
    expect(proxy.requests).toEqual([]);
    expect(imds.requests).toHaveLength(3);
  });

  it('fails (not quietly) when the proxy cannot be reached, as botocore does', async () => {
    const proxyUrl = `http://127.0.0.1:${await freePort()}`;
    const error = await thrown(instanceMetadataProvider(makeContext({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, HTTP_PROXY: proxyUrl }).context));
    expect([error.kind, error.message]).toEqual(['connection', `Failed to connect to proxy URL: "${proxyUrl}"`]);
  });
});
