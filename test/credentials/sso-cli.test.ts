// SSO credentials through the built binary, side by side with the real AWS
// CLI v1 (`aws ec2 copy-snapshot`) on the same files, the same token cache
// under HOME, the same SSO portal stand-in (AWS_ENDPOINT_URL_SSO /
// AWS_ENDPOINT_URL_SSO_OIDC) and the same EC2 stand-in: same stdout, stderr,
// exit code, the EC2 request signed with the SSO role's key, the same calls
// to the portal, the same token cache afterwards.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { COPY, makeHome, OK_STDOUT, runCli, signingKey, type Home } from '../support/run-cli.js';
import { inHours, SSO_ROLE_KEYS, startSsoPortal, tokenCachePath, writeTokenCache, type SsoPortal } from '../support/sso-portal.js';

const HAS_AWS = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
const START_URL = 'https://example.awsapps.com/start';
const CONFIG = `[profile new]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Admin
region = eu-west-1

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-west-2
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = ${START_URL}
sso_region = us-west-2
sso_account_id = 123456789012
sso_role_name = Admin
region = eu-west-1

[profile incomplete]
sso_account_id = 123456789012
region = eu-west-1

[profile routed]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Admin
region = eu-west-1
services = local

[services local]
sso =
  endpoint_url = PORTAL_URL

[profile login]
login_session = arn:aws:iam::123456789012:user/someone
region = eu-west-1
`;

let ec2: Ec2Endpoint;
let portal: SsoPortal;
const homes: Home[] = [];

beforeAll(async () => {
  [ec2, portal] = await Promise.all([startEc2Endpoint(), startSsoPortal()]);
});
afterAll(async () => {
  await Promise.all([ec2.close(), portal.close()]);
  for (const home of homes) rmSync(home.dir, { recursive: true, force: true });
});
beforeEach(() => {
  portal.mode = 'ok';
  portal.expirationMs = Date.now() + 3_600_000;
  portal.expiresInMs = undefined;
  portal.rotateKeys = false;
});

type Cache = Readonly<Record<string, Record<string, unknown> | string>>;

interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  /** The access key of each EC2 request. */
  readonly signedWith: (string | undefined)[];
  /** What reached the portal: `GET <bearer token>` or `POST <grant body>`. */
  readonly portalCalls: string[];
  readonly home: Home;
}

async function run(profile: string, cache: Cache, command?: readonly string[], env: Record<string, string> = {}, extraArgs: readonly string[] = []): Promise<Outcome> {
  const home = makeHome({ config: CONFIG.replace('PORTAL_URL', portal.url) });
  homes.push(home);
  for (const [name, token] of Object.entries(cache)) writeTokenCache(home.dir, name, token);
  const [e, p] = [ec2.requests.length, portal.requests.length];
  const r = await runCli([...COPY, '--endpoint-url', ec2.url, '--profile', profile, ...extraArgs], {
    home,
    env: { AWS_ENDPOINT_URL_SSO: portal.url, AWS_ENDPOINT_URL_SSO_OIDC: portal.url, AWS_MAX_ATTEMPTS: '1', ...env },
    ...(command ? { command } : {}),
  });
  return {
    ...r,
    signedWith: ec2.requests.slice(e).map((request) => signingKey(request.headers.authorization)),
    portalCalls: portal.requests.slice(p).map((request) => (request.method === 'GET' ? `GET ${request.path} ${request.bearerToken}` : `POST ${JSON.stringify(request.body)}`)),
    home,
  };
}

/** Runs ours, then v1 (when installed) on the same input; v1's outcome must be ours. */
async function differential(profile: string, cache: Cache, env: Record<string, string> = {}): Promise<Outcome> {
  const ours = await run(profile, cache, undefined, env);
  if (HAS_AWS) {
    const v1 = await run(profile, cache, ['aws', 'ec2', 'copy-snapshot'], env);
    expect({ stdout: ours.stdout, stderr: ours.stderr, status: ours.status, signedWith: ours.signedWith, portalCalls: ours.portalCalls }).toEqual({
      stdout: v1.stdout,
      stderr: v1.stderr,
      status: v1.status,
      signedWith: v1.signedWith,
      portalCalls: v1.portalCalls,
    });
  }
  return ours;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const ROLE_CALL = '/federation/credentials?role_name=Admin&account_id=123456789012';

describe('SSO credentials, ours and v1 side by side', () => {
  it('sso_session form: the EC2 request is signed with the SSO role key', async () => {
    const r = await differential('new', { corp: { accessToken: 'session-token', expiresAt: inHours(8) } });
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    expect(r.signedWith).toEqual([SSO_ROLE_KEYS.accessKeyId]);
    expect(r.portalCalls).toEqual([`GET ${ROLE_CALL} session-token`]);
  });

  it('legacy form: the token cached under the start URL', async () => {
    const r = await differential('legacy', { [START_URL]: { accessToken: 'legacy-token', expiresAt: inHours(8) } });
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    expect(r.signedWith).toEqual([SSO_ROLE_KEYS.accessKeyId]);
    expect(r.portalCalls).toEqual([`GET ${ROLE_CALL} legacy-token`]);
  });

  it('no cached token', async () => {
    const r = await differential('new', {});
    expect([r.stdout, r.stderr, r.status]).toEqual(['', '\nError loading SSO Token: Token for corp does not exist\n', 255]);
    expect(r.signedWith).toEqual([]);
  });

  it('legacy form, expired token', async () => {
    const r = await differential('legacy', { [START_URL]: { accessToken: 'old', expiresAt: inHours(-1) } });
    expect([r.stderr, r.status]).toEqual([
      '\nThe SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.\n',
      255,
    ]);
    expect(r.portalCalls).toEqual([]);
  });

  it('sso_session form, expired token without a registration to refresh it', async () => {
    const r = await differential('new', { corp: { accessToken: 'old', expiresAt: inHours(-1) } });
    expect([r.stderr, r.status]).toEqual(['\nError when retrieving token from sso: Token has expired and refresh failed\n', 255]);
  });

  it('sso_session form, expired token refreshed through CreateToken and written back', async () => {
    const token = { accessToken: 'old', expiresAt: inHours(-1), clientId: 'cid', clientSecret: 'csecret', refreshToken: 'rt', registrationExpiresAt: inHours(24) };
    const r = await differential('new', { corp: token });
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    expect(r.portalCalls).toEqual([
      'POST {"grantType":"refresh_token","clientId":"cid","clientSecret":"csecret","refreshToken":"rt"}',
      `GET ${ROLE_CALL} refreshed-access-token`,
    ]);
    const written = JSON.parse(readFileSync(tokenCachePath(r.home.dir, 'corp'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(written)).toEqual(['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
    expect(written).toMatchObject({ startUrl: START_URL, region: 'us-west-2', accessToken: 'refreshed-access-token', refreshToken: 'new-refresh-token' });
  });

  it('the portal refuses the token (401 UnauthorizedException)', async () => {
    portal.mode = 'unauthorized';
    const r = await differential('new', { corp: { accessToken: 'revoked', expiresAt: inHours(8) } });
    expect([r.stderr, r.status]).toEqual([
      '\nThe SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.\n',
      255,
    ]);
    expect(r.signedWith).toEqual([]);
  });

  it('a portal answering 500, with the retries AWS_MAX_ATTEMPTS allows', async () => {
    portal.mode = 'server-error';
    const r = await differential('new', { corp: { accessToken: 't', expiresAt: inHours(8) } }, { AWS_MAX_ATTEMPTS: '2' });
    expect([r.stderr, r.status]).toEqual(['\nAn error occurred (500) when calling the GetRoleCredentials operation (reached max retries: 1): Internal Server Error\n', 255]);
    expect(r.portalCalls).toHaveLength(2);
  });

  it('an unreachable portal, named by the full request URL', async () => {
    const closed = await closedPort();
    const r = await differential('legacy', { [START_URL]: { accessToken: 't', expiresAt: inHours(8) } }, { AWS_ENDPOINT_URL_SSO: `http://127.0.0.1:${closed}` });
    expect([r.stderr, r.status]).toEqual([`\nCould not connect to the endpoint URL: "http://127.0.0.1:${closed}${ROLE_CALL}"\n`, 255]);
  });

  it('the portal found through AWS_ENDPOINT_URL (the EC2 request keeps --endpoint-url)', async () => {
    const r = await differential('new', { corp: { accessToken: 'global', expiresAt: inHours(8) } }, { AWS_ENDPOINT_URL_SSO: '', AWS_ENDPOINT_URL: portal.url });
    expect([r.stdout, r.status]).toEqual([OK_STDOUT, 0]);
    expect(r.portalCalls).toEqual([`GET ${ROLE_CALL} global`]);
  });

  it("the portal found through the profile's [services x] section", async () => {
    const r = await differential('routed', { corp: { accessToken: 'routed', expiresAt: inHours(8) } }, { AWS_ENDPOINT_URL_SSO: '' });
    expect([r.stdout, r.status]).toEqual([OK_STDOUT, 0]);
    expect(r.portalCalls).toEqual([`GET ${ROLE_CALL} routed`]);
  });

  it('a profile missing SSO keys', async () => {
    const r = await differential('incomplete', {});
    expect([r.stderr, r.status]).toEqual([
      '\nThe profile "incomplete" is configured to use SSO but is missing required configuration: sso_role_name, sso_start_url, sso_region\n',
      255,
    ]);
  });

  it('login_session needs botocore[crt], which v1 does not have', async () => {
    const r = await differential('login', {});
    expect([r.stderr, r.status]).toEqual([
      '\nMissing Dependency: Using the login credential provider requires an additional dependency. You will need to pip install "botocore[crt]" before proceeding.\n',
      255,
    ]);
  });
});

describe('--wait with SSO role keys close to expiry', () => {
  it('every poll is signed with keys fetched again from the portal (botocore refreshes within 15 minutes of expiry)', async () => {
    portal.rotateKeys = true;
    portal.expiresInMs = 12 * 60_000;
    const issuedBefore = portal.issued.length;
    ec2.setSnapshotStates([
      { state: 'pending', progress: '10%' },
      { state: 'pending', progress: '60%' },
      { state: 'completed', progress: '100%' },
    ]);
    try {
      const r = await run('new', { corp: { accessToken: 'session-token', expiresAt: inHours(8) } }, undefined, {}, ['--wait']);
      expect([r.stdout, r.status]).toEqual([OK_STDOUT, 0]);
      const issued = portal.issued.slice(issuedBefore);
      const polls = r.signedWith.slice(1);
      expect(polls).toHaveLength(3);
      // Each poll used keys the portal issued, newer than those of the request before it.
      const order = r.signedWith.map((key) => issued.indexOf(key!));
      expect(order.every((index) => index >= 0)).toBe(true);
      for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1]!);
    } finally {
      ec2.setSnapshotStates([{ state: 'completed', progress: '100%' }]);
    }
  });
});
