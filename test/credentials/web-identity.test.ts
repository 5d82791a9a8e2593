// The web-identity provider called directly, against the local STS stand-in.
// Texts and request bodies were captured from AWS CLI v1 (aws-cli/1.45.11
// botocore/1.43.11) with the same environment, files and stand-in.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import type { Found } from '../../src/request/credentials/types.js';
import { readWebIdentityToken, webIdentityProvider } from '../../src/request/credentials/web-identity.js';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { OK_STDOUT } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { rejection, stsContext, type ContextParts } from '../support/sts-context.js';
import { startStsEndpoint, WEB_IDENTITY, type StsEndpoint } from '../support/sts-endpoint.js';
import { hasAws, stsRunner, V1, type Scenario } from '../support/sts-runs.js';

let sts: StsEndpoint;
let dir: string;
let token: string;

beforeAll(async () => {
  sts = await startStsEndpoint();
  dir = tempDir('cs-web-identity-');
  token = join(dir, 'token');
});
afterAll(async () => {
  await sts.close();
});
beforeEach(() => {
  sts.failWith(undefined);
  sts.setExpiration(undefined);
  sts.requests.length = 0;
  writeFileSync(token, 'oidc-token-1');
  // Every test starts with an empty CLI cache.
  rmSync(join(dir, '.aws'), { recursive: true, force: true });
});

const ROLE = 'arn:aws:iam::123456789012:role/copier';
/** An EC2 request signed with the web-identity credentials (key id, session token). */
const WEB_SIGNER: Array<[string | undefined, unknown]> = [[WEB_IDENTITY.accessKeyId, WEB_IDENTITY.sessionToken]];
const NOW = new Date('2026-12-03T14:10:55Z');
const GENERATED = `botocore-session-${NOW.getTime() / 1000}`;

function context(parts: ContextParts = {}) {
  return stsContext({ now: () => NOW, home: dir, ...parts, env: { AWS_ENDPOINT_URL_STS: sts.url, ...parts.env } });
}

async function found(parts: ContextParts, profile = 'default', disableEnvVars = false): Promise<Found> {
  const result = await webIdentityProvider(context(parts), profile, disableEnvVars);
  if (!result) throw new Error('the provider found nothing');
  return result;
}


const roleArn = (params: Readonly<Record<string, string>>) => params.RoleArn;

describe('web identity from the environment (IRSA)', () => {
  it('defers the call; the first fetch reads the token and calls STS unsigned', async () => {
    const result = await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token } });
    expect(result.method).toBe('assume-role-with-web-identity');
    expect(result.keys).toBeUndefined();
    expect(sts.requests).toHaveLength(0);
    const keys = await result.refresh!();
    expect(keys).toEqual({
      accessKeyId: WEB_IDENTITY.accessKeyId,
      secretAccessKey: WEB_IDENTITY.secretAccessKey,
      sessionToken: WEB_IDENTITY.sessionToken,
      expiration: new Date('2099-01-01T00:00:00Z'),
      accountId: '123456789012',
    });
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0]!.body).toBe(
      `Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=${encodeURIComponent(ROLE)}&RoleSessionName=${GENERATED}&WebIdentityToken=oidc-token-1`,
    );
    expect(sts.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('reads the token file again on every fetch, keeping the generated session name', async () => {
    const result = await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token } });
    await result.refresh!();
    writeFileSync(token, 'oidc-token-2');
    rmSync(join(dir, '.aws'), { recursive: true });
    await result.refresh!();
    expect(sts.requests.map((r) => [r.params.WebIdentityToken, r.params.RoleSessionName])).toEqual([
      ['oidc-token-1', GENERATED],
      ['oidc-token-2', GENERATED],
    ]);
  });

  it('AWS_ROLE_SESSION_NAME goes first; an empty one is replaced in place by a generated name (captured)', async () => {
    await (await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token, AWS_ROLE_SESSION_NAME: 'pod-1' } })).refresh!();
    rmSync(join(dir, '.aws'), { recursive: true });
    await (await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token, AWS_ROLE_SESSION_NAME: '' } })).refresh!();
    expect(sts.requests.map((r) => Object.keys(r.params))).toEqual([
      ['Action', 'Version', 'RoleSessionName', 'RoleArn', 'WebIdentityToken'],
      ['Action', 'Version', 'RoleSessionName', 'RoleArn', 'WebIdentityToken'],
    ]);
    expect(sts.requests.map((r) => r.params.RoleSessionName)).toEqual(['pod-1', GENERATED]);
  });

  it('without a role ARN: v1 configuration error', async () => {
    const error = await rejection(webIdentityProvider(context({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: token } }), 'default', false));
    expect([error.kind, error.message]).toEqual([
      'configuration',
      'The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. ' +
        'Ensure that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.',
    ]);
  });

  it('not configured, or an empty token file setting: nothing found, nothing called', async () => {
    expect(await webIdentityProvider(context({ env: { AWS_ROLE_ARN: ROLE } }), 'default', false)).toBeUndefined();
    // The empty variable wins over the profile's file (botocore looks at the variable first).
    const config = { default: { web_identity_token_file: token, role_arn: ROLE } };
    expect(await webIdentityProvider(context({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '' }, config }), 'default', false)).toBeUndefined();
    expect(sts.requests).toHaveLength(0);
  });

  it('passes STS errors on as v1 words them', async () => {
    sts.failWith({ status: 400, code: 'InvalidIdentityToken', message: 'Incorrect token audience' });
    const result = await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token } });
    const error = await rejection(result.refresh!());
    expect(error.message).toBe('An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Incorrect token audience');
  });
});

describe('web identity from the profile', () => {
  // A function: the token's path is known once beforeAll has run.
  const config = () => ({ p: { web_identity_token_file: token, role_arn: 'arn:aws:iam::123456789012:role/prof', role_session_name: 'prof-sess' } });

  it('uses the profile keys', async () => {
    await (await found({ config: { p: { web_identity_token_file: token, role_arn: 'arn:aws:iam::123456789012:role/prof' } } }, 'p')).refresh!();
    expect(roleArn(sts.requests[0]!.params)).toBe('arn:aws:iam::123456789012:role/prof');
  });

  it('each variable set in the environment wins over its profile key', async () => {
    await (await found({ config: config(), env: { AWS_ROLE_ARN: ROLE } }, 'p')).refresh!();
    expect(sts.requests[0]!.params).toMatchObject({ RoleArn: ROLE, RoleSessionName: 'prof-sess', WebIdentityToken: 'oidc-token-1' });
  });

  it('--profile (disableEnvVars) ignores the environment', async () => {
    const other = join(dir, 'other-token');
    writeFileSync(other, 'other-token');
    await (await found({ config: config(), env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: other, AWS_ROLE_SESSION_NAME: 'env' } }, 'p', true)).refresh!();
    expect(sts.requests[0]!.params).toMatchObject({
      RoleArn: 'arn:aws:iam::123456789012:role/prof',
      RoleSessionName: 'prof-sess',
      WebIdentityToken: 'oidc-token-1',
    });
    expect(
      await webIdentityProvider(context({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: other }, config: { p: {} } }), 'p', true),
    ).toBeUndefined();
  });
});

describe('the token file, read as Python reads text', () => {
  it('whole, with universal newlines (captured: CRLF went out as LF)', () => {
    writeFileSync(token, 'my-oidc-token\r\nline2\rline3\n');
    expect(readWebIdentityToken(token)).toBe('my-oidc-token\nline2\nline3\n');
  });

  it.each([
    ['missing', () => join(dir, 'missing'), (p: string) => `[Errno 2] No such file or directory: '${p}'`],
    [
      'a directory',
      () => {
        const d = join(dir, 'a-dir');
        mkdirSync(d, { recursive: true });
        return d;
      },
      (p: string) => `[Errno 21] Is a directory: '${p}'`,
    ],
    ['under a file', () => join(token, 'x'), (p: string) => `[Errno 20] Not a directory: '${p}'`],
  ])('%s: Python\'s OSError text', (_name, make, text) => {
    const path = make();
    expect(() => readWebIdentityToken(path)).toThrow(new CliError('general', text(path)));
  });

  it.each([
    [[0xff, 0xfe], "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"],
    [[0x61, 0xe0, 0x41], "'utf-8' codec can't decode byte 0xe0 in position 1: invalid continuation byte"],
    [[0x61, 0xf0, 0x9f, 0x41], "'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte"],
    [[0xe2, 0x82], "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"],
    [[0xed, 0xa0, 0x80], "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"],
  ])('bytes %j: Python\'s decoding error', (bytes, text) => {
    writeFileSync(token, Buffer.from(bytes));
    expect(() => readWebIdentityToken(token)).toThrow(new CliError('general', text));
  });

  it('the error comes from the fetch, not from finding the provider', async () => {
    const missing = join(dir, 'missing');
    const result = await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: missing } });
    const error = await rejection(result.refresh!());
    expect(error.message).toBe(`[Errno 2] No such file or directory: '${missing}'`);
    expect(sts.requests).toHaveLength(0);
  });

  it('an empty file fails botocore parameter validation (captured)', async () => {
    writeFileSync(token, '');
    const error = await rejection((await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token } })).refresh!());
    expect(error.message).toBe('Parameter validation failed:\nInvalid length for parameter WebIdentityToken, value: 0, valid min length: 4');
  });
});

describe('the CLI cache (~/.aws/cli/cache), as awscli sets it up for web identity', () => {
  const file = (name: string) => join(dir, '.aws', 'cli', 'cache', `${name}.json`);
  // The names v1 gave these entries (captured): sha1 of the arguments without the token and a generated session name.
  const WITHOUT_NAME = '0d7302c5d0d80f3e08dd2c48dae92922a1542cf2';
  const WITH_NAME = '4de2bbcc22a5f1edd28ca8680bd0a5fccb9518bc';

  it('stores the STS answer as v1 does (0600), and the next fetch uses it without the token file or STS', async () => {
    const first = await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token } });
    const keys = await first.refresh!();
    expect(statSync(file(WITHOUT_NAME)).mode & 0o777).toBe(0o600);
    const document = JSON.parse(readFileSync(file(WITHOUT_NAME), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['Credentials', 'SubjectFromWebIdentityToken', 'AssumedRoleUser', 'Provider', 'Audience', 'ResponseMetadata']);
    expect(document.Credentials).toEqual({
      AccessKeyId: WEB_IDENTITY.accessKeyId,
      SecretAccessKey: WEB_IDENTITY.secretAccessKey,
      SessionToken: WEB_IDENTITY.sessionToken,
      Expiration: '2099-01-01T00:00:00Z',
      AccountId: '123456789012',
    });
    rmSync(token);
    const second = await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token } });
    expect(await second.refresh!()).toEqual(keys);
    expect(sts.requests).toHaveLength(1);
  });

  it('keys a configured session name into the entry', async () => {
    await (await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token, AWS_ROLE_SESSION_NAME: 'my sess' } })).refresh!();
    expect([existsSync(file(WITH_NAME)), existsSync(file(WITHOUT_NAME))]).toEqual([true, false]);
  });

  it('an entry within 15 minutes of expiry is not used', async () => {
    sts.setExpiration(new Date(NOW.getTime() + 14 * 60_000));
    await (await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token } })).refresh!();
    sts.setExpiration(undefined);
    const keys = await (await found({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token } })).refresh!();
    expect(sts.requests).toHaveLength(2);
    expect(keys.expiration).toEqual(new Date('2099-01-01T00:00:00Z'));
  });
});

// ------------------------------------------------------------------------
// Through the built binary, and side by side with AWS CLI v1 (`aws ec2
// copy-snapshot`) on the same environment, files and stand-ins.

describe('through the binary', () => {
  let ec2: Ec2Endpoint;
  const runner = stsRunner(() => ({ sts, ec2 }));
  const run = runner.run;

  beforeAll(async () => {
    ec2 = await startEc2Endpoint();
  });
  afterAll(async () => {
    await ec2.close();
    runner.cleanUp();
  });

  const IRSA = () => ({ AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token });
  const PROFILE = () => `[profile p]\nweb_identity_token_file = ${token}\nrole_arn = arn:aws:iam::123456789012:role/prof\n`;

  it('IRSA: the EC2 request is signed with the web-identity credentials', async () => {
    const r = await run({ env: IRSA() });
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    expect(r.stsBodies).toEqual([
      `Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=${encodeURIComponent(ROLE)}&RoleSessionName=botocore-session-N&WebIdentityToken=oidc-token-1`,
    ]);
    expect(r.ec2Signers).toEqual(WEB_SIGNER);
  });

  it('--profile turns the environment form off: the profile\'s role is used', async () => {
    const r = await run({ env: IRSA(), config: PROFILE(), args: ['--profile', 'p'] });
    expect(r.status).toBe(0);
    expect(r.stsBodies[0]).toContain('RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fprof&');
    expect(r.ec2Signers).toEqual(WEB_SIGNER);
  });

  it('a missing token file: Python\'s error, exit 255, nothing sent', async () => {
    const missing = join(dir, 'no-such-token');
    const r = await run({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: missing } });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', `\n[Errno 2] No such file or directory: '${missing}'\n`, 255]);
    expect([r.stsBodies, r.ec2Signers]).toEqual([[], []]);
  });

  it('STS rejects the token: v1\'s text, exit 255, no EC2 request', async () => {
    sts.failWith({ status: 400, code: 'InvalidIdentityToken', message: 'Incorrect token audience' });
    const r = await run({ env: IRSA() });
    expect([r.stdout, r.stderr, r.status]).toEqual([
      '',
      '\nAn error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: Incorrect token audience\n',
      255,
    ]);
    expect(r.ec2Signers).toEqual([]);
  });

  /** Each case: its name, the exit code both must end with, the scenario, what to arrange first. */
  const DIFFERENTIAL: Array<[string, number, () => Scenario, (() => void)?]> = [
    ['IRSA environment only', 0, () => ({ env: IRSA() })],
    [
      'profile web_identity_token_file, --profile ignoring the environment',
      0,
      () => ({ env: { ...IRSA(), AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/env' }, config: PROFILE(), args: ['--profile', 'p'] }),
    ],
    [
      'STS found through [services x] sts endpoint_url',
      0,
      () => ({ env: { ...IRSA(), AWS_ENDPOINT_URL_STS: undefined }, config: `[default]\nservices = local\n\n[services local]\nsts =\n  endpoint_url = ${sts.url}\n` }),
    ],
    ['--profile naming a profile without web identity', 255, () => ({ env: IRSA(), config: '[profile p]\nregion = eu-west-1\n', args: ['--profile', 'p'] })],
    ['a token file that is a directory', 255, () => ({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: dir } })],
    ['an empty token file', 255, () => ({ env: IRSA() }), () => writeFileSync(token, '')],
    ['no role ARN', 255, () => ({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: token } })],
    [
      'STS InvalidIdentityToken',
      255,
      () => ({ env: IRSA() }),
      () => sts.failWith({ status: 400, code: 'InvalidIdentityToken', message: 'No OpenIDConnect provider found' }),
    ],
    [
      'STS ExpiredTokenException, standard retry mode',
      255,
      () => ({ env: { ...IRSA(), AWS_RETRY_MODE: 'standard' } }),
      () => sts.failWith({ status: 400, code: 'ExpiredTokenException', message: 'Token expired' }),
    ],
  ];

  it.skipIf(!hasAws).each(DIFFERENTIAL)('same outcome as v1: %s (exit %i)', async (_name, status, scenario, setUp) => {
    setUp?.();
    const ours = await run(scenario());
    const theirs = await run(scenario(), V1);
    expect(ours).toEqual(theirs);
    expect(ours.status).toBe(status);
    if (status === 0) expect(ours.ec2Signers).toEqual(WEB_SIGNER);
  });

  it.skipIf(!hasAws)('shares the CLI cache with v1 both ways', async () => {
    const home = runner.home();
    // v1 calls STS and fills the cache; we sign with the cached keys, calling nothing.
    const theirs = await run({ env: IRSA(), home }, V1);
    const ours = await run({ env: IRSA(), home });
    expect([theirs.stsBodies.length, theirs.ec2Signers]).toEqual([1, WEB_SIGNER]);
    expect([ours.status, ours.stsBodies, ours.ec2Signers]).toEqual([0, [], WEB_SIGNER]);
    // And the other way round, with a role only we have cached.
    const env = { AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/ours-first', AWS_WEB_IDENTITY_TOKEN_FILE: token };
    const first = await run({ env, home });
    const second = await run({ env, home }, V1);
    expect([first.stsBodies.length, second.status, second.stsBodies, second.ec2Signers]).toEqual([1, 0, [], WEB_SIGNER]);
  });
});

describe('--wait with short-lived web-identity credentials', () => {
  let ec2: Ec2Endpoint;
  const runner = stsRunner(() => ({ sts, ec2 }));

  beforeAll(async () => {
    ec2 = await startEc2Endpoint({ snapshotStates: [{ state: 'pending', progress: '10%' }, { state: 'completed', progress: '100%' }] });
  });
  afterAll(async () => {
    await ec2.close();
    runner.cleanUp();
  });

  it('refreshes them before every request once they are within 15 minutes of expiry, reading the rotated token', async () => {
    // Keys valid for 12 more minutes: botocore refreshes them before each request (and the cache will not keep them).
    sts.setExpiration(new Date(Date.now() + 12 * 60_000));
    const running = runner.run({ env: { AWS_ROLE_ARN: ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: token }, args: ['--wait'] });
    // The cluster rotates the token while the command waits.
    while (sts.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(token, 'oidc-token-2');
    const r = await running;
    expect([r.stdout, r.status]).toEqual([OK_STDOUT, 0]);
    // CopySnapshot and two DescribeSnapshots, each signed with keys fetched for it (v1 fetches before the
    // presigned URL and again before the signature: at least one AssumeRoleWithWebIdentity per request).
    expect(r.ec2Signers).toEqual([...WEB_SIGNER, ...WEB_SIGNER, ...WEB_SIGNER]);
    expect(r.stsBodies.length).toBeGreaterThanOrEqual(3);
    const tokens = r.stsBodies.map((b) => /WebIdentityToken=([^&]*)/.exec(b)?.[1]);
    expect([tokens[0], tokens.at(-1)]).toEqual(['oidc-token-1', 'oidc-token-2']);
  });
});
