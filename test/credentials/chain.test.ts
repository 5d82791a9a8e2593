// The credential chain against AWS CLI v1 itself: each case runs
// `aws ec2 copy-snapshot` and copy-snapshot with the same HOME, files and
// environment against the same local EC2 endpoint, and compares stdout,
// stderr, the exit code and the key the request was signed with. Where
// `aws` is not installed, the same cases run against the texts v1 printed
// when they were written (kept in each case).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse, startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { BIN, cliEnv, COPY, makeHome, OK_STDOUT, runCli, signingKey, type Home } from '../support/run-cli.js';

const HAVE_AWS = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
const AWS = ['aws', 'ec2', 'copy-snapshot'];

let ec2: Ec2Endpoint;
const homes: Home[] = [];

beforeAll(async () => {
  ec2 = await startEc2Endpoint();
});
afterAll(async () => {
  await ec2.close();
  for (const home of homes) rmSync(home.dir, { recursive: true, force: true });
});

interface Setup {
  readonly config?: string;
  readonly credentials?: string;
  readonly env?: Record<string, string | undefined>;
  readonly args?: readonly string[];
  /** Extra files in HOME, by relative path. */
  readonly files?: Readonly<Record<string, string>>;
}

function homeFor(setup: Setup): Home {
  const home = makeHome({ config: setup.config ?? '[default]\nregion = eu-west-1\n', credentials: setup.credentials });
  homes.push(home);
  for (const [path, text] of Object.entries(setup.files ?? {})) {
    mkdirSync(join(home.dir, path, '..'), { recursive: true });
    writeFileSync(join(home.dir, path), text.replaceAll('$HOME', home.dir));
  }
  return home;
}

interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  /** The access key of each EC2 request it made. */
  readonly keys: (string | undefined)[];
}

async function run(setup: Setup, command?: readonly string[], home = homeFor(setup)): Promise<Outcome> {
  const env: Record<string, string | undefined> = { AWS_MAX_ATTEMPTS: '1' };
  for (const [k, v] of Object.entries(setup.env ?? {})) env[k] = v?.replaceAll('$HOME', home.dir);
  const before = ec2.requests.length;
  const r = await runCli([...COPY, '--endpoint-url', ec2.url, ...(setup.args ?? [])], { home, env, command, detached: true });
  return { ...r, keys: ec2.requests.slice(before).map((q) => signingKey(q.headers.authorization)) };
}

/** Runs both; v1's outcome is the expectation (or `recorded` where aws is not installed). */
async function differential(setup: Setup, recorded: Omit<Outcome, 'stdout'> & { stdout?: string }) {
  const ours = await run(setup);
  const v1 = HAVE_AWS ? await run(setup, AWS) : { stdout: OK_STDOUT, ...recorded };
  expect(ours).toEqual(v1);
  expect(ours).toEqual({ stdout: OK_STDOUT, ...recorded });
  return ours;
}

const OK = (key: string) => ({ stdout: OK_STDOUT, stderr: '', status: 0, keys: [key] });
const FAIL = (message: string) => ({ stdout: '', stderr: `\n${message}\n`, status: 255, keys: [] });

describe('the chain, as v1 walks it', () => {
  it('AWS_CREDENTIAL_FILE: the EC2 tools key file', async () => {
    await differential(
      { files: { 'ec2-keys': 'AWSAccessKeyId=AKIDEC2FILE\nAWSSecretKey=ec2-file-secret\n' }, env: { AWS_CREDENTIAL_FILE: '$HOME/ec2-keys' } },
      OK('AKIDEC2FILE'),
    );
  });

  it('AWS_CREDENTIAL_FILE naming a missing file', async () => {
    const home = homeFor({});
    const setup = { env: { AWS_CREDENTIAL_FILE: '$HOME/missing' } };
    const ours = await run(setup, undefined, home);
    expect(ours).toEqual(FAIL(`The specified config file (${home.dir}/missing) could not be found.`));
    if (HAVE_AWS) expect(await run(setup, AWS, home)).toEqual(ours);
  });

  it('AWS_CREDENTIAL_FILE with a key id and no secret', async () => {
    await differential({ files: { 'ec2-keys': 'AWSAccessKeyId=AKIDEC2FILE\n' }, env: { AWS_CREDENTIAL_FILE: '$HOME/ec2-keys' } }, {
      ...FAIL("'AWSSecretKey'"),
      stdout: '',
    });
  });

  it('BOTO_CONFIG: boto 2 [Credentials]', async () => {
    await differential(
      {
        files: { boto: '[Boto]\ndebug = 0\n[Credentials]\naws_access_key_id = AKIDBOTO\naws_secret_access_key = boto-secret\n' },
        env: { BOTO_CONFIG: '$HOME/boto' },
      },
      OK('AKIDBOTO'),
    );
  });

  it('~/.boto when BOTO_CONFIG is not set', async () => {
    await differential({ files: { '.boto': '[Credentials]\naws_access_key_id = AKIDDOTBOTO\naws_secret_access_key = s\n' } }, OK('AKIDDOTBOTO'));
  });

  it('the credentials file comes before AWS_CREDENTIAL_FILE and boto', async () => {
    await differential(
      {
        credentials: '[default]\naws_access_key_id = AKIDSHARED\naws_secret_access_key = s\n',
        files: { 'ec2-keys': 'AWSAccessKeyId=AKIDEC2FILE\nAWSSecretKey=x\n', '.boto': '[Credentials]\naws_access_key_id = AKIDBOTO\naws_secret_access_key = s\n' },
        env: { AWS_CREDENTIAL_FILE: '$HOME/ec2-keys' },
      },
      OK('AKIDSHARED'),
    );
  });

  it('login_session needs botocore[crt], which v1 does not have', async () => {
    await differential(
      { config: '[default]\nregion = eu-west-1\nlogin_session = arn:aws:iam::123456789012:user/me\n' },
      { ...FAIL('Missing Dependency: Using the login credential provider requires an additional dependency. You will need to pip install "botocore[crt]" before proceeding.'), stdout: '' },
    );
  });

  it('environment keys with AWS_CREDENTIAL_EXPIRATION in the future', async () => {
    await differential(
      { env: { AWS_ACCESS_KEY_ID: 'AKIDENVEXP', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', AWS_CREDENTIAL_EXPIRATION: '2099-01-01T00:00:00Z' } },
      OK('AKIDENVEXP'),
    );
  });

  it('environment keys that have expired are refreshed from the environment, and still expired', async () => {
    await differential(
      { env: { AWS_ACCESS_KEY_ID: 'AKIDENVEXP', AWS_SECRET_ACCESS_KEY: 's', AWS_CREDENTIAL_EXPIRATION: '2001-01-01T00:00:00Z' } },
      { ...FAIL('Credentials were refreshed, but the refreshed credentials are still expired.'), stdout: '' },
    );
  });

  it('an AWS_CREDENTIAL_EXPIRATION that is not a date', async () => {
    await differential(
      { env: { AWS_ACCESS_KEY_ID: 'AKIDENVEXP', AWS_SECRET_ACCESS_KEY: 's', AWS_CREDENTIAL_EXPIRATION: 'tomorrow' } },
      { ...FAIL('Unknown string format: tomorrow'), stdout: '' },
    );
  });
});

describe("the assume-role cache (~/.aws/cli/cache), as v1 reads it", () => {
  const ROLE = 'arn:aws:iam::123456789012:role/cached';
  // sha1 of json.dumps({"RoleArn": ROLE}, sort_keys=True), as botocore keys it.
  const KEY = 'a3f56d01f53dab8dab294195de03f32a39bdc2f7';
  const config = `[default]\nregion = eu-west-1\nrole_arn = ${ROLE}\nsource_profile = src\n[profile src]\naws_access_key_id = AKIDSRC\naws_secret_access_key = s\n`;
  // STS is unreachable: a case that reaches it fails.
  const env = { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' };
  const entry = (document: string) => ({ config, env, files: { [`.aws/cli/cache/${KEY}.json`]: document } });

  it('the key is botocore\'s', async () => {
    const { cacheKey } = await import('../../src/request/credentials/cache.js');
    expect(cacheKey({ RoleArn: ROLE })).toBe(KEY);
  });

  it('reuses what v1 wrote (an Expiration ending in UTC), without calling STS', async () => {
    const document = `{"Credentials": {"AccessKeyId": "ASIACACHED", "SecretAccessKey": "c", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00UTC"}}`;
    await differential(entry(document), OK('ASIACACHED'));
  });

  it.each([
    ['not JSON', '{bad', `'${KEY}'`],
    ['a list', '[1, 2]', 'list indices must be integers or slices, not str'],
    ['no Credentials', '{"Other": 1}', "'Credentials'"],
    ['an Expiration that is a number', '{"Credentials": {"Expiration": 5}}', 'Parser must be a string or character stream, not int'],
    ['no AccessKeyId', '{"Credentials": {"Expiration": "2099-01-01T00:00:00Z", "SecretAccessKey": "c", "SessionToken": "t"}}', "'AccessKeyId'"],
  ])('fails as v1 fails on an entry that is %s', async (_what, document, message) => {
    await differential(entry(document), { ...FAIL(message), stdout: '' });
  });
});

describe('Ctrl-C while credential_process runs', () => {
  async function interrupt(command: readonly string[], group: boolean) {
    const home = homeFor({ config: '[default]\nregion = eu-west-1\ncredential_process = sleep 30\n' });
    const [program, ...prefix] = command;
    const child = spawn(program!, [...prefix, ...COPY, '--endpoint-url', ec2.url], { env: cliEnv(home), detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Interrupt once the credential process is running (it is the only `sleep 30` child of this process).
    for (let i = 0; i < 200; i++) {
      const ps = spawnSync('pgrep', ['-P', String(child.pid), '-f', 'sleep 30'], { encoding: 'utf8' });
      if (ps.stdout.trim()) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (group) process.kill(-child.pid!, 'SIGINT');
    else child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const leftover = spawnSync('pgrep', ['-g', String(child.pid), '-f', 'sleep 30'], { encoding: 'utf8' }).stdout.trim();
    if (leftover) spawnSync('kill', leftover.split('\n'));
    return { stdout, stderr, status, leftover: leftover !== '' };
  }

  it.each([
    ['from the terminal (the whole process group)', true],
    ['sent to the process alone', false],
  ])('%s: a newline and exit 130, as v1', async (_how, group) => {
    const ours = await interrupt([BIN], group);
    expect(ours).toEqual({ stdout: '\n', stderr: '', status: 130, leftover: false });
    if (HAVE_AWS) {
      const v1 = await interrupt(['/usr/bin/env', 'aws', 'ec2', 'copy-snapshot'], group);
      expect({ ...v1, leftover: false }).toEqual({ ...ours, leftover: false });
    }
  });
});

describe('--debug says where the credentials came from', () => {
  const credentialLines = (stderr: string) =>
    stderr
      .split('\n')
      .filter((line) => line.includes(' - botocore.credentials - '))
      .map((line) => line.replace(/^[\d-]+ [\d:,]+ - /, ''));

  it.each([
    ['environment keys', { env: { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env-secret-value' } }],
    ['the credentials file', { credentials: '[default]\naws_access_key_id = AKIDSHARED\naws_secret_access_key = shared-secret-value\n' }],
    ['the config file', { config: '[default]\nregion = eu-west-1\naws_access_key_id = AKIDCONF\naws_secret_access_key = conf-secret-value\n' }],
    ['nothing at all', {}],
  ] as const)('%s: the same botocore.credentials lines as v1, no secret', async (_what, setup) => {
    const home = homeFor(setup);
    const withDebug = { ...setup, args: ['--debug'] };
    const ours = await run(withDebug, undefined, home);
    const lines = credentialLines(ours.stderr);
    expect(lines[0]).toBe('MainThread - botocore.credentials - DEBUG - Looking for credentials via: env');
    expect(ours.stderr).not.toMatch(/(env|shared|conf)-secret-value/);
    if (HAVE_AWS) {
      const v1 = await run(withDebug, AWS, home);
      expect(lines).toEqual(credentialLines(v1.stderr));
    }
  });
});

describe('clock skew: v1 neither corrects its clock nor re-sends', () => {
  it.each([
    [403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'],
    [401, 'AuthFailure', 'AWS was not able to validate the provided access credentials'],
    [400, 'RequestExpired', 'Request has expired.'],
    [403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'],
  ])('%s %s: one request, the service error', async (status, code, message) => {
    const setup = { env: { AWS_ACCESS_KEY_ID: 'AKIDSKEW', AWS_SECRET_ACCESS_KEY: 's', AWS_MAX_ATTEMPTS: '3' } };
    const answer = { ...errorResponse(status, code, message), headers: { date: 'Mon, 01 Jan 2001 00:00:00 GMT' } };
    ec2.enqueue(answer);
    const ours = await run(setup);
    expect(ours).toEqual({ ...FAIL(`An error occurred (${code}) when calling the CopySnapshot operation: ${message}`), keys: ['AKIDSKEW'] });
    if (HAVE_AWS) {
      ec2.enqueue(answer);
      expect(await run(setup, AWS)).toEqual(ours);
    }
  });
});

describe('both signatures of an attempt are made at one instant', () => {
  const dates = (index: number) => {
    const request = ec2.requests[index]!;
    const presigned = new URL(new URLSearchParams(request.body).get('PresignedUrl')!);
    return [request.headers['x-amz-date'], presigned.searchParams.get('X-Amz-Date')];
  };

  it('X-Amz-Date of the header and of the PresignedUrl agree, on every attempt', async () => {
    const before = ec2.requests.length;
    ec2.enqueue(errorResponse(503, 'Unavailable', 'Try again.'), errorResponse(503, 'Unavailable', 'Try again.'));
    const r = await run({ env: { AWS_ACCESS_KEY_ID: 'AKIDDATE', AWS_SECRET_ACCESS_KEY: 's', AWS_MAX_ATTEMPTS: '3' } });
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    expect(ec2.requests.length - before).toBe(3);
    for (let i = before; i < before + 3; i++) {
      const [header, presigned] = dates(i);
      expect(header).toMatch(/^\d{8}T\d{6}Z$/);
      expect(presigned).toBe(header);
    }
  });
});

describe('the cache is written 0600 by rename', () => {
  it('replaces a wider file and a planted link, never writing through them', async () => {
    const { writeCachedDocument, cacheDirectory } = await import('../../src/request/credentials/cache.js');
    const home = homeFor({});
    const directory = cacheDirectory(home.dir);
    mkdirSync(directory, { recursive: true });
    const victim = join(home.dir, 'victim');
    writeFileSync(victim, 'precious');
    const { symlinkSync, readFileSync, statSync, lstatSync, readdirSync } = await import('node:fs');
    symlinkSync(victim, join(directory, 'linked.json'));
    writeFileSync(join(directory, 'wide.json'), 'old');
    chmodSync(join(directory, 'wide.json'), 0o666);
    writeCachedDocument(home.dir, 'linked', { Credentials: { AccessKeyId: 'A' } });
    writeCachedDocument(home.dir, 'wide', { Credentials: { AccessKeyId: 'B' } });
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    for (const name of ['linked', 'wide']) {
      const file = join(directory, `${name}.json`);
      expect(lstatSync(file).isFile()).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(readFileSync(join(directory, 'wide.json'), 'utf8')).toBe('{"Credentials": {"AccessKeyId": "B"}}');
    expect(readdirSync(directory).sort()).toEqual(['linked.json', 'wide.json']);
  });
});
