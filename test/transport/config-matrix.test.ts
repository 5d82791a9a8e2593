// Profiles, credentials files and endpoint settings. Every outcome below
// (key, region, endpoint, stdout, stderr, exit code) was first observed with
// the real AWS CLI v1 (aws-cli/1.45.11 botocore/1.43.11) against local servers
// and the same files. Most cases run main() in-process with the request
// replaced (runPlanned): which keys would sign it, for which Region and
// endpoint. The built binary and local endpoints remain for what only the wire
// shows: the access key in the Authorization header, and the SDK's own
// endpoint lookup (which would read the real process environment).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { startHttpProxy, type HttpProxy } from '../support/http-proxy.js';
import { cliEnv, COPY, makeHome, OK_STDOUT, runCli, signingKey } from '../support/run-cli.js';
import { runPlanned } from '../support/run-main.js';

let a: Ec2Endpoint;
/** A proxy that refuses every CONNECT: shows which real AWS host a request was meant for, without reaching it. */
let gate: HttpProxy;

beforeAll(async () => {
  [a, gate] = await Promise.all([startEc2Endpoint(), startHttpProxy({ refuseConnect: true })]);
});
afterAll(async () => {
  await Promise.all([a.close(), gate.close()]);
});

/** Endpoints no request reaches (the request is replaced). */
const A = 'http://127.0.0.1:9001';
const B = 'http://127.0.0.1:9002';

type Files = { config?: string; credentials?: string };

/** Runs the built binary once and returns the result plus the requests each server received. */
async function runBinary(files: Files, env: Record<string, string>, args: string[] = []) {
  const home = makeHome(files);
  const [na, ng] = [a.requests.length, gate.requests.length];
  const result = await runCli([...COPY, ...args], { home, env: { AWS_MAX_ATTEMPTS: '1', ...env } });
  return { ...result, atA: a.requests.slice(na), atGate: gate.requests.slice(ng) };
}

/** Runs main() with the request replaced: `sent` holds what would have gone out. */
async function run(files: Files, env: Record<string, string>, args: string[] = []) {
  const home = makeHome(files);
  const r = await runPlanned([...COPY, ...args], cliEnv(home, { AWS_MAX_ATTEMPTS: '1', ...env }));
  return { ...r, key: r.sent[0]?.keys?.accessKeyId, region: r.sent[0]?.region, endpoint: r.sent[0]?.endpoint };
}

const creds = (...profiles: [string, string][]) =>
  profiles.map(([name, key]) => `[${name}]\naws_access_key_id = ${key}\naws_secret_access_key = secret-${key}\n`).join('');

describe('profile selection and credentials files', () => {
  it('uses [default] of the credentials file (the binary, read off the wire)', async () => {
    const r = await runBinary({ credentials: creds(['default', 'AKIDDEFAULT']) }, { AWS_DEFAULT_REGION: 'us-east-1' }, ['--endpoint-url', a.url]);
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    expect(signingKey(r.atA[0]?.headers.authorization)).toBe('AKIDDEFAULT');
  });

  it('AWS_PROFILE names the profile', async () => {
    const r = await run({ credentials: creds(['default', 'AKIDDEFAULT'], ['p1', 'AKIDP1']) }, { AWS_DEFAULT_REGION: 'us-east-1', AWS_PROFILE: 'p1' }, [
      '--endpoint-url',
      A,
    ]);
    expect(r.code).toBe(0);
    expect(r.key).toBe('AKIDP1');
  });

  it('AWS_DEFAULT_PROFILE beats AWS_PROFILE (v1 order)', async () => {
    const r = await run(
      { credentials: creds(['p1', 'AKIDP1'], ['p2', 'AKIDP2']) },
      { AWS_DEFAULT_REGION: 'us-east-1', AWS_PROFILE: 'p1', AWS_DEFAULT_PROFILE: 'p2' },
      ['--endpoint-url', A],
    );
    expect(r.code).toBe(0);
    expect(r.key).toBe('AKIDP2');
  });

  it('--profile beats both environment variables', async () => {
    const r = await run(
      { credentials: creds(['p1', 'AKIDP1'], ['p2', 'AKIDP2'], ['p3', 'AKIDP3']) },
      { AWS_DEFAULT_REGION: 'us-east-1', AWS_PROFILE: 'p1', AWS_DEFAULT_PROFILE: 'p2' },
      ['--endpoint-url', A, '--profile', 'p3'],
    );
    expect(r.code).toBe(0);
    expect(r.key).toBe('AKIDP3');
  });

  it('an explicit --profile ignores credentials in the environment', async () => {
    const r = await run(
      { credentials: creds(['p1', 'AKIDP1']) },
      { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'secret' },
      ['--endpoint-url', A, '--profile', 'p1'],
    );
    expect(r.code).toBe(0);
    expect(r.key).toBe('AKIDP1');
  });

  it('AWS_PROFILE does not: environment credentials win', async () => {
    const r = await run(
      { credentials: creds(['p1', 'AKIDP1']) },
      { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'secret', AWS_PROFILE: 'p1' },
      ['--endpoint-url', A],
    );
    expect(r.code).toBe(0);
    expect(r.key).toBe('AKIDENV');
  });

  it('AWS_SECURITY_TOKEN is read before AWS_SESSION_TOKEN', async () => {
    const r = await run(
      {},
      { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 'session', AWS_SECURITY_TOKEN: 'security' },
      ['--endpoint-url', A],
    );
    expect(r.code).toBe(0);
    expect(r.sent[0]?.keys?.sessionToken).toBe('security');
  });

  it('[profile x] of the config file gives keys and region', async () => {
    const r = await run(
      { config: '[profile p4]\naws_access_key_id = AKIDP4\naws_secret_access_key = s\nregion = eu-west-1\n' },
      { AWS_PROFILE: 'p4' },
      ['--endpoint-url', A],
    );
    expect([r.stdout, r.stderr, r.code]).toEqual([OK_STDOUT, '', 0]);
    expect(r.key).toBe('AKIDP4');
    expect(r.region).toBe('eu-west-1');
  });

  it('the credentials file beats the config file; AWS_DEFAULT_REGION beats the profile region', async () => {
    const r = await run(
      {
        config: '[profile p4]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s\nregion = eu-west-1\n',
        credentials: creds(['p4', 'AKIDCREDENTIALS']),
      },
      { AWS_PROFILE: 'p4', AWS_DEFAULT_REGION: 'ap-south-1' },
      ['--endpoint-url', A],
    );
    expect(r.code).toBe(0);
    expect(r.key).toBe('AKIDCREDENTIALS');
    expect(r.region).toBe('ap-south-1');
  });

  it('[p4] without the profile prefix in the config file is not a profile', async () => {
    const r = await run({ config: '[p4]\naws_access_key_id = AKIDP4\naws_secret_access_key = s\n' }, { AWS_PROFILE: 'p4', AWS_DEFAULT_REGION: 'us-east-1' });
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '\nThe config profile (p4) could not be found\n', 255]);
  });

  it('a missing profile fails even with credentials in the environment', async () => {
    const r = await run({}, { AWS_PROFILE: 'nope', AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 's' }, [
      '--endpoint-url',
      A,
    ]);
    expect([r.stdout, r.stderr, r.code]).toEqual(['', '\nThe config profile (nope) could not be found\n', 255]);
    expect(r.sent).toHaveLength(0);
  });

  it('no credentials anywhere', async () => {
    const r = await run({}, { AWS_DEFAULT_REGION: 'us-east-1' }, ['--endpoint-url', A]);
    expect([r.stdout, r.stderr, r.code]).toEqual([
      '',
      'Unable to locate credentials. You can configure credentials by running "aws configure".\n',
      255,
    ]);
  });

  it.each([
    ['env', {}, { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: '' }, 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY'],
    ['the credentials file', { credentials: '[default]\naws_access_key_id = AKIDC\n' }, {}, 'Partial credentials found in shared-credentials-file, missing: aws_secret_access_key'],
    ['the config file', { config: '[default]\naws_access_key_id = AKIDC\n' }, {}, 'Partial credentials found in config-file, missing: aws_secret_access_key'],
  ])('partial keys in %s', async (_where, files, env, message) => {
    const r = await run(files, { AWS_DEFAULT_REGION: 'us-east-1', ...env }, ['--endpoint-url', A]);
    expect([r.stdout, r.stderr, r.code]).toEqual(['', `\n${message}\n`, 255]);
  });

  it('a secret key without an access key id is no credentials at all', async () => {
    const r = await run({ credentials: '[default]\naws_secret_access_key = s\n' }, { AWS_DEFAULT_REGION: 'us-east-1', AWS_SECRET_ACCESS_KEY: 's' }, [
      '--endpoint-url',
      A,
    ]);
    expect(r.stderr).toBe('Unable to locate credentials. You can configure credentials by running "aws configure".\n');
  });
});

describe('endpoint settings', () => {
  const keys = { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 's' };
  const services = (url: string) => `[default]\nservices = local\n\n[services local]\nec2 =\n  endpoint_url = ${url}\n`;

  it('a [services x] section (nested ec2 = / endpoint_url =) sets the endpoint', async () => {
    const r = await run({ config: services(B) }, keys);
    expect([r.stdout, r.stderr, r.code, r.endpoint]).toEqual([OK_STDOUT, '', 0, B]);
  });

  it('the services section of the profile named by --profile, with its region', async () => {
    const r = await run(
      { config: `[profile p]\nservices = local\nregion = eu-central-1\n\n[services local]\nec2 =\n  endpoint_url = ${B}\n`, credentials: creds(['p', 'AKIDP']) },
      {},
      ['--profile', 'p'],
    );
    expect(r.code).toBe(0);
    expect(r.key).toBe('AKIDP');
    expect(r.region).toBe('eu-central-1');
  });

  it('AWS_ENDPOINT_URL_EC2 beats the services section', async () => {
    const r = await run({ config: services(B) }, { ...keys, AWS_ENDPOINT_URL_EC2: A });
    expect([r.stdout, r.code, r.endpoint]).toEqual([OK_STDOUT, 0, A]);
  });

  it('AWS_ENDPOINT_URL beats the services section', async () => {
    const r = await run({ config: services(B) }, { ...keys, AWS_ENDPOINT_URL: A });
    expect([r.stdout, r.code, r.endpoint]).toEqual([OK_STDOUT, 0, A]);
  });

  it('AWS_ENDPOINT_URL_EC2 beats AWS_ENDPOINT_URL', async () => {
    const r = await run({}, { ...keys, AWS_ENDPOINT_URL: B, AWS_ENDPOINT_URL_EC2: A });
    expect([r.code, r.endpoint]).toEqual([0, A]);
  });

  it('the services section beats the profile endpoint_url, which applies when it has no ec2 entry', async () => {
    const both = await run({ config: `[default]\nservices = local\nendpoint_url = ${A}\n\n[services local]\nec2 =\n  endpoint_url = ${B}\n` }, keys);
    expect([both.code, both.endpoint]).toEqual([0, B]);
    const noEc2 = await run({ config: `[default]\nservices = local\nendpoint_url = ${A}\n\n[services local]\nsts =\n  endpoint_url = ${B}\n` }, keys);
    expect([noEc2.code, noEc2.endpoint]).toEqual([0, A]);
  });

  it('--endpoint-url beats everything, even with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', async () => {
    const r = await run({ config: services(B) }, { ...keys, AWS_ENDPOINT_URL_EC2: B, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, [
      '--endpoint-url',
      A,
    ]);
    expect([r.stdout, r.code, r.endpoint]).toEqual([OK_STDOUT, 0, A]);
  });

  it('a profile naming a missing services section', async () => {
    const r = await run({ config: '[default]\nservices = nosuch\n' }, keys);
    expect([r.stdout, r.stderr, r.code]).toEqual([
      '',
      '\nThe profile is configured to use the services section but the "nosuch" services configuration does not exist.\n',
      255,
    ]);
  });

  // With the configured endpoints ignored the request goes to the real EC2
  // endpoint; a proxy that refuses CONNECT shows the host without reaching it.
  async function ignoring(endpointEnv: Record<string, string>, flag: string) {
    const r = await runBinary({ config: services(a.url) }, { ...keys, ...endpointEnv, HTTPS_PROXY: gate.url, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: flag });
    expect(r.atA).toHaveLength(0);
    expect(r.atGate.map((q) => `${q.method} ${q.target}`)).toEqual(['CONNECT ec2.us-east-1.amazonaws.com:443']);
    expect([r.stdout, r.stderr, r.status]).toEqual(['', `\nFailed to connect to proxy URL: "${gate.url}"\n`, 255]);
  }

  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ignores AWS_ENDPOINT_URL_EC2 and the services section', async () => {
    await ignoring({ AWS_ENDPOINT_URL_EC2: a.url }, 'true');
  });

  // settings.ts resolves the endpoint as v1 does; the EC2 client must not run
  // the SDK's own lookup (which reads AWS_PROFILE's profile and only a
  // lower-case "true"), hence ignoreConfiguredEndpointUrls in client.ts.
  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=TRUE ignores AWS_ENDPOINT_URL (v1 compares case-insensitively)', async () => {
    await ignoring({ AWS_ENDPOINT_URL: a.url }, 'TRUE');
  });

  it('ignore_configured_endpoint_urls in the profile', async () => {
    const config = `[default]\nignore_configured_endpoint_urls = true\nservices = local\n\n[services local]\nec2 =\n  endpoint_url = ${a.url}\n`;
    const r = await runBinary({ config }, { ...keys, HTTPS_PROXY: gate.url });
    expect(r.atA).toHaveLength(0);
    expect(r.atGate.map((q) => q.target)).toEqual(['ec2.us-east-1.amazonaws.com:443']);
  });

  // v1 reads the endpoint of the profile it uses (AWS_DEFAULT_PROFILE here);
  // the SDK's own configured-endpoint lookup reads AWS_PROFILE's.
  it('the endpoint_url of another profile (AWS_PROFILE when AWS_DEFAULT_PROFILE wins) is not used', async () => {
    const r = await runBinary(
      { config: `[profile p1]\nendpoint_url = ${a.url}\n[profile p2]\nregion = us-east-1\n` },
      { ...keys, AWS_PROFILE: 'p1', AWS_DEFAULT_PROFILE: 'p2', HTTPS_PROXY: gate.url },
    );
    expect(r.atA).toHaveLength(0);
    expect(r.atGate.map((q) => q.target)).toEqual(['ec2.us-east-1.amazonaws.com:443']);
  });
});
