// Assume-role (role_arn + source_profile / credential_source) against a local
// STS endpoint: the EC2 request must be signed with the assumed role's key
// and carry its session token; STS must be called with the source profile's
// key. The outcomes, error texts and the MFA prompt were first observed with
// the real AWS CLI v1 (aws-cli/1.45.11 botocore/1.43.11) against the same
// servers and files. Known, accepted wire differences in the AssumeRole call
// itself: v1 names a generated session `botocore-session-<seconds>` (the SDK:
// `aws-sdk-js-<ms>`) and sends DurationSeconds only when configured.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credentialProvider } from '../../src/request/credentials/index.js';
import type { Settings } from '../../src/request/settings.js';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { hasPython, runOnPty } from '../support/pty.js';
import { BIN, cliEnv, COPY, makeHome, OK_STDOUT, runCli, signingKey, signingRegion } from '../support/run-cli.js';
import { ASSUMED, startStsEndpoint, type StsEndpoint } from '../support/sts-endpoint.js';

let ec2: Ec2Endpoint;
let sts: StsEndpoint;

beforeAll(async () => {
  [ec2, sts] = await Promise.all([startEc2Endpoint(), startStsEndpoint()]);
});
afterAll(async () => {
  await Promise.all([ec2.close(), sts.close()]);
});
beforeEach(() => {
  sts.failWith(undefined);
});

const ROLE = 'arn:aws:iam::123456789012:role/copier';
const MFA = 'arn:aws:iam::123456789012:mfa/me';
const SOURCE = '[profile src]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = source-secret\n';

async function run(config: string, env: Record<string, string | undefined> = {}, args: string[] = ['--profile', 'role'], extra: { stdin?: string } = {}) {
  const home = makeHome({ config });
  const [ne, ns] = [ec2.requests.length, sts.requests.length];
  const r = await runCli([...COPY, '--endpoint-url', ec2.url, ...args], {
    home,
    env: { AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: sts.url, AWS_MAX_ATTEMPTS: '1', ...env },
    detached: true,
    stdin: extra.stdin,
  });
  return { ...r, home, ec2Requests: ec2.requests.slice(ne), stsRequests: sts.requests.slice(ns) };
}

describe('assume-role', () => {
  it('signs the EC2 request with the assumed role (key and session token)', async () => {
    const r = await run(`${SOURCE}[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\nrole_session_name = copy-session\n`);
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    expect(r.stsRequests).toHaveLength(1);
    const call = r.stsRequests[0]!;
    expect(call.accessKeyId).toBe('AKIDSOURCE');
    expect(call.signingRegion).toBe('eu-west-1');
    expect(call.params).toMatchObject({ Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'copy-session' });
    const request = r.ec2Requests[0]!;
    expect(signingKey(request.headers.authorization)).toBe(ASSUMED.accessKeyId);
    expect(signingRegion(request.headers.authorization)).toBe('eu-west-1');
    expect(request.headers['x-amz-security-token']).toBe(ASSUMED.sessionToken);
  });

  it('passes external_id and duration_seconds', async () => {
    const r = await run(`${SOURCE}[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\nexternal_id = ext-1\nduration_seconds = 900\n`);
    expect(r.status).toBe(0);
    expect(r.stsRequests[0]!.params).toMatchObject({ ExternalId: 'ext-1', DurationSeconds: '900' });
  });

  it('finds STS through the [services x] section of the profile named by --profile', async () => {
    const config = `${SOURCE}[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\nservices = local\n\n[services local]\nsts =\n  endpoint_url = ${sts.url}\n`;
    const r = await run(config, { AWS_ENDPOINT_URL_STS: undefined });
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    expect(r.stsRequests).toHaveLength(1);
    expect(signingKey(r.ec2Requests[0]?.headers.authorization)).toBe(ASSUMED.accessKeyId);
  });

  it('uses the Region of the role profile when nothing else sets one', async () => {
    const r = await run(`${SOURCE}[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\nregion = ap-northeast-1\n`, { AWS_DEFAULT_REGION: undefined });
    expect(r.status).toBe(0);
    expect(r.stsRequests[0]!.signingRegion).toBe('ap-northeast-1');
    expect(signingRegion(r.ec2Requests[0]?.headers.authorization)).toBe('ap-northeast-1');
  });

  it('chains roles (the second AssumeRole is signed with the first role)', async () => {
    const config = `${SOURCE}[profile mid]\nrole_arn = arn:aws:iam::123456789012:role/mid\nsource_profile = src\n[profile role]\nrole_arn = ${ROLE}\nsource_profile = mid\n`;
    const r = await run(config);
    expect(r.status).toBe(0);
    expect(r.stsRequests.map((q) => [q.accessKeyId, q.params.RoleArn])).toEqual([
      ['AKIDSOURCE', 'arn:aws:iam::123456789012:role/mid'],
      [ASSUMED.accessKeyId, ROLE],
    ]);
  });

  it('takes the source credentials from a credential_process profile', async () => {
    const config = `[profile src]\ncredential_process = node -e "process.stdout.write(JSON.stringify({Version:1,AccessKeyId:'AKIDPROC',SecretAccessKey:'s'}))"\n[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\n`;
    const r = await run(config);
    expect(r.status).toBe(0);
    expect(r.stsRequests[0]!.accessKeyId).toBe('AKIDPROC');
  });

  it('credential_source = Environment uses the environment keys even with --profile', async () => {
    const r = await run(`[profile role]\nrole_arn = ${ROLE}\ncredential_source = Environment\n`, { AWS_ACCESS_KEY_ID: 'AKIDENVSOURCE', AWS_SECRET_ACCESS_KEY: 's' });
    expect(r.status).toBe(0);
    expect(r.stsRequests[0]!.accessKeyId).toBe('AKIDENVSOURCE');
    expect(signingKey(r.ec2Requests[0]?.headers.authorization)).toBe(ASSUMED.accessKeyId);
  });

  it.each([
    ['a missing source profile', `[profile role]\nrole_arn = ${ROLE}\nsource_profile = nosuch\n`, 'The source_profile "nosuch" referenced in the profile "role" does not exist.'],
    [
      'both source_profile and credential_source',
      `${SOURCE}[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\ncredential_source = Environment\n`,
      'The profile "role" contains both source_profile and credential_source.',
    ],
    ['neither', `[profile role]\nrole_arn = ${ROLE}\n`, 'Partial credentials found in assume-role, missing: source_profile or credential_source'],
    ['a source profile without credentials', `[profile src]\nregion = us-east-1\n[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\n`, 'The source profile "src" must have credentials.'],
    [
      'a source profile with half a key pair',
      `[profile src]\naws_access_key_id = AKIDSOURCE\n[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\n`,
      'Partial credentials found in config-file, missing: aws_secret_access_key',
    ],
    [
      'a loop',
      `[profile role]\nrole_arn = ${ROLE}\nsource_profile = other\n[profile other]\nrole_arn = ${ROLE}\nsource_profile = role\n`,
      "Infinite loop in credential configuration detected. Attempting to load from profile role which has already been visited. Visited profiles: ['role', 'other']",
    ],
    [
      'an unknown credential_source',
      `[profile role]\nrole_arn = ${ROLE}\ncredential_source = Bogus\n`,
      'The credential source "Bogus" referenced in profile "role" is not valid.',
    ],
  ])('configuration error: %s', async (_what, config, message) => {
    const r = await run(config);
    expect([r.stdout, r.stderr, r.status]).toEqual(['', `\n${message}\n`, 255]);
    expect(r.stsRequests).toHaveLength(0);
    expect(r.ec2Requests).toHaveLength(0);
  });

  it('an STS error names the AssumeRole operation', async () => {
    sts.failWith({ status: 403, code: 'AccessDenied', message: 'User: arn:aws:iam::123456789012:user/src is not authorized to perform: sts:AssumeRole' });
    const r = await run(`${SOURCE}[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\n`);
    expect([r.stdout, r.stderr, r.status]).toEqual([
      '',
      '\nAn error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/src is not authorized to perform: sts:AssumeRole\n',
      255,
    ]);
    expect(r.ec2Requests).toHaveLength(0);
  });

  it('an unreachable STS endpoint is named in the error', async () => {
    const r = await run(`${SOURCE}[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\n`, { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:1' });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', '\nCould not connect to the endpoint URL: "http://127.0.0.1:1/"\n', 255]);
  });

  it("caches the role's credentials in ~/.aws/cli/cache under v1's key, and reuses them", async () => {
    const config = `${SOURCE}[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\nrole_session_name = copy-session\n`;
    const home = makeHome({ config });
    const env = { AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: sts.url };
    const before = sts.requests.length;
    const first = await runCli([...COPY, '--endpoint-url', ec2.url, '--profile', 'role'], { home, env });
    expect(first.status).toBe(0);
    // sha1 of json.dumps({"RoleArn": ..., "RoleSessionName": ...}, sort_keys=True), as botocore names the file.
    const file = join(home.dir, '.aws', 'cli', 'cache', '57ec1a715f3c34bd9d46ab90ad280abed4268460.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).Credentials).toMatchObject({ AccessKeyId: ASSUMED.accessKeyId, Expiration: '2099-01-01T00:00:00Z' });
    const ne = ec2.requests.length;
    const second = await runCli([...COPY, '--endpoint-url', ec2.url, '--profile', 'role'], { home, env });
    expect([second.stdout, second.status]).toEqual([OK_STDOUT, 0]);
    expect(sts.requests.length - before).toBe(1);
    expect(signingKey(ec2.requests[ne]?.headers.authorization)).toBe(ASSUMED.accessKeyId);
  });
});

describe('assume-role with mfa_serial', () => {
  const config = `${SOURCE}[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\nmfa_serial = ${MFA}\n`;

  it('asks the injected prompt for the code and sends it to STS', async () => {
    const home = makeHome({ config });
    const settings = { profile: 'role', profileNamed: true, profileFromFlag: true, region: 'eu-west-1', caBundle: undefined } as unknown as Settings;
    const asked: string[] = [];
    const provider = credentialProvider(settings, cliEnv(home, { AWS_ENDPOINT_URL_STS: sts.url }), {
      mfaPrompt: async (serial) => {
        asked.push(serial);
        return '123456';
      },
    });
    const before = sts.requests.length;
    const credentials = await provider();
    expect(asked).toEqual([MFA]);
    expect(credentials).toMatchObject({ accessKeyId: ASSUMED.accessKeyId, sessionToken: ASSUMED.sessionToken });
    expect(sts.requests.slice(before).map((q) => [q.params.SerialNumber, q.params.TokenCode])).toEqual([[MFA, '123456']]);
  });

  it.skipIf(!hasPython)("prompts on the terminal with v1's text, without echoing the code", async () => {
    const home = makeHome({ config });
    const before = sts.requests.length;
    const r = await runOnPty(
      [BIN, ...COPY, '--endpoint-url', ec2.url, '--profile', 'role'],
      cliEnv(home, { AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: sts.url }),
      { prompt: 'Enter MFA code for', answer: '654321\r' },
    );
    // v1 on a terminal: the prompt, the (unechoed) code, a newline, then the output.
    expect(r).toEqual({ output: `Enter MFA code for ${MFA}: \r\n${OK_STDOUT.replace(/\n/g, '\r\n')}`, status: 0 });
    expect(sts.requests.slice(before).map((q) => q.params.TokenCode)).toEqual(['654321']);
  });

  it('without a terminal, prompts on stderr and reads a line from stdin (as getpass falls back)', async () => {
    const r = await run(config, {}, ['--profile', 'role'], { stdin: '112233\n' });
    expect([r.stdout, r.status]).toEqual([OK_STDOUT, 0]);
    // v1 also prints Python's GetPassWarning (two lines naming getpass.py) before these.
    expect(r.stderr).toBe(`Warning: Password input may be echoed.\nEnter MFA code for ${MFA}: \n`);
    expect(r.stsRequests.map((q) => q.params.TokenCode)).toEqual(['112233']);
  });

  it('without a terminal and with an empty stdin, fails as v1 does (EOFError: an empty message)', async () => {
    const r = await run(config, {}, ['--profile', 'role'], { stdin: '' });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', `Warning: Password input may be echoed.\nEnter MFA code for ${MFA}: \n\n`, 255]);
    expect(r.stsRequests).toHaveLength(0);
  });
});
