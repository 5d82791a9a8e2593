// --cli-read-timeout and --cli-connect-timeout reach the STS client of an
// assumed role and the SSO client, as in v1 (awscli puts them in the
// session's default client config, which every client it creates uses).
// Each endpoint here reads the request and never answers: the outcome is
// v1's read timeout naming it, after the timeout given, not botocore's
// default 60 s. Where the real `aws` is installed, it runs the same lines.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRawServer, type RawServer } from '../support/raw-http-server.js';
import { COPY, makeHome, runCli } from '../support/run-cli.js';
import { inHours, writeTokenCache } from '../support/sso-portal.js';

const HAS_AWS = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
const START_URL = 'https://example.awsapps.com/start';

let silent: RawServer;
beforeAll(async () => {
  silent = await startRawServer('silent');
});
afterAll(async () => {
  await silent?.close();
});

interface Line {
  readonly name: string;
  readonly config: string;
  readonly credentials?: string;
  readonly env: () => Record<string, string>;
  readonly token?: boolean;
}

const LINES: readonly Line[] = [
  {
    name: 'assume role: the STS call',
    config: '[default]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = keys\n[profile keys]\n',
    credentials: '[keys]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = s\n',
    env: () => ({ AWS_ENDPOINT_URL_STS: silent.url }),
  },
  {
    name: 'SSO: the portal call',
    config: `[default]\nsso_start_url = ${START_URL}\nsso_region = us-west-2\nsso_account_id = 123456789012\nsso_role_name = Admin\n`,
    env: () => ({ AWS_ENDPOINT_URL_SSO: silent.url }),
    token: true,
  },
];

async function run(line: Line, command?: readonly string[]) {
  const home = makeHome({ config: line.config, credentials: line.credentials ?? '' });
  if (line.token) writeTokenCache(home.dir, START_URL, { accessToken: 't', expiresAt: inHours(8) });
  const r = await runCli([...COPY, '--cli-read-timeout', '1', '--endpoint-url', 'http://127.0.0.1:1'], {
    home,
    env: { AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1', ...line.env() },
    command,
    killAfterMs: 20_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('the credential providers\' clients use the command line\'s timeouts', () => {
  it.each(LINES)('$name times out after --cli-read-timeout', async (line) => {
    const r = await run(line);
    const named = line.token ? `${silent.url}/federation/credentials?role_name=Admin&account_id=123456789012` : `${silent.url}/`;
    expect(r).toEqual({ stdout: '', stderr: `\nRead timeout on endpoint URL: "${named}"\n`, status: 255 });
  });

  describe.skipIf(!HAS_AWS)('as the real aws (v1)', () => {
    it.each(LINES)('$name', async (line) => {
      expect(await run(line)).toEqual(await run(line, ['aws', 'ec2', 'copy-snapshot']));
    });
  });
});
