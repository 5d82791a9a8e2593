// Container credentials (botocore's ContainerProvider), called directly with
// a context built here, against the local stand-in of the ECS / EKS Pod
// Identity agent. Every error text below was first printed by AWS CLI v1
// (aws-cli/1.45.11 botocore/1.43.11) for the same environment and answer.
// The real agent addresses (169.254.170.2 for a relative URI) are never
// contacted: the relative-URI cases go through a recording stand-in of the
// HTTP exchange.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { createDebugLogger } from '../../src/debug.js';
import { CliError } from '../../src/errors.js';
import type { HttpCall } from '../../src/request/credentials/http.js';
import {
  ALLOWED_HOSTS,
  checkAllowedUrl,
  containerCredentialsUrl,
  containerProvider,
  makeContainerProvider,
} from '../../src/request/credentials/container.js';
import type { CredentialContext, Found } from '../../src/request/credentials/types.js';
import { urlSplit } from '../../src/python/urlparse.js';
import type { Settings } from '../../src/request/settings.js';
import {
  CONTAINER_KEYS,
  credentialsJson,
  expiresIn,
  startContainerCredentialsServer,
  type ContainerCredentialsServer,
  type ContainerRequest,
} from '../support/container-credentials-server.js';
import { startEc2Endpoint, verifyPresignedUrl, verifySigV4, type Ec2Endpoint, type RecordedRequest } from '../support/ec2-endpoint.js';
import { cliEnv, COPY, makeHome, OK_STDOUT, runCli, signingKey, type RunResult } from '../support/run-cli.js';

let server: ContainerCredentialsServer;
let dir: string;
const pauses: number[] = [];
/** Short timings (the real ones are 2 s, 3 attempts, 1 s pauses); pauses are recorded, not slept. */
const provider = makeContainerProvider({
  timeoutMs: 300,
  sleep: async (ms) => {
    pauses.push(ms);
  },
});

beforeAll(async () => {
  server = await startContainerCredentialsServer();
  dir = mkdtempSync(join(tmpdir(), 'cs-container-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  server.requests.length = 0;
  server.answerAlways(undefined);
  server.requireToken(undefined);
  server.setKeys(CONTAINER_KEYS);
  pauses.length = 0;
});

function context(env: Record<string, string | undefined>, log?: string[]): CredentialContext {
  return {
    env,
    settings: {} as Settings,
    config: { configFile: {}, credentialsFile: {} },
    profiles: {},
    home: dir,
    now: () => new Date(),
    debug: log ? createDebugLogger((line) => log.push(line.replace(/^\S+ \S+ - MainThread - /, '').trimEnd())) : undefined,
    clientTimeouts: { connect: undefined, read: undefined },
    mfaPrompt: async () => '',
  };
}

function full(path = '/v2/credentials/task-1'): string {
  return `${server.url}${path}`;
}

async function failure(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).kind).toBe('general');
  return error as CliError;
}

function tokenFile(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const UNSUPPORTED_TAIL = "Can only retrieve metadata from a loopback address or one of these hosts: 169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost";

describe('when the provider is active', () => {
  it('answers nothing, and asks nothing, when neither URI variable is set', async () => {
    const env = { AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(dir, 'absent') };
    expect(await provider(context(env))).toBeUndefined();
    expect(await containerProvider(context({}))).toBeUndefined();
    expect(server.requests).toEqual([]);
  });

  it('uses the relative URI, appended to 169.254.170.2, over the full one', async () => {
    expect(containerCredentialsUrl({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc' })).toBe('http://169.254.170.2/v2/credentials/abc');
    expect(
      containerCredentialsUrl({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc', AWS_CONTAINER_CREDENTIALS_FULL_URI: full() }),
    ).toBe('http://169.254.170.2/v2/credentials/abc');
    // botocore joins the two as strings: no '/' is inserted.
    expect(containerCredentialsUrl({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: 'v2/x' })).toBe('http://169.254.170.2v2/x');
    expect(containerCredentialsUrl({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '' })).toBe('http://169.254.170.2');
    expect(containerCredentialsUrl({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() })).toBe(full());
    expect(containerCredentialsUrl({ AWS_CONTAINER_CREDENTIALS_FULL_URI: '' })).toBe('');
    expect(containerCredentialsUrl({})).toBeUndefined();
  });

  it('sends the relative URI request to the ECS agent address, with the token (recorded, not sent)', async () => {
    const calls: HttpCall[] = [];
    const recording = makeContainerProvider({
      sleep: async () => {},
      http: async (call) => {
        calls.push(call);
        return { status: 200, headers: {}, body: Buffer.from(credentialsJson(CONTAINER_KEYS)) };
      },
    });
    const found = await recording(
      context({
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: full(),
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Basic abc',
      }),
    );
    expect(found?.keys?.accessKeyId).toBe(CONTAINER_KEYS.accessKeyId);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'GET',
      url: 'http://169.254.170.2/v2/credentials/abc',
      nameInErrors: 'http://169.254.170.2/v2/credentials/abc',
      headers: { Accept: 'application/json', Authorization: 'Basic abc' },
      timeoutMs: 2000,
      env: {},
    });
    expect(server.requests).toEqual([]);
  });

  it('refuses a relative URI that does not name the agent, before any request', async () => {
    const calls: HttpCall[] = [];
    const recording = makeContainerProvider({ http: async (call) => (calls.push(call), { status: 500, headers: {}, body: Buffer.alloc(0) }) });
    const error = await failure(recording(context({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: 'v2/x' })));
    expect(error.message).toBe(`Unsupported host '169.254.170.2v2'.  ${UNSUPPORTED_TAIL}`);
    expect(calls).toEqual([]);
  });
});

describe('fetching the keys', () => {
  it('returns the agent keys, their expiration, and a refresh that fetches again', async () => {
    const expiration = '2031-05-06T07:08:09Z';
    server.setKeys({ ...CONTAINER_KEYS, expiration, accountId: '123456789012' });
    const found = (await provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() }))) as Found;
    expect(found.method).toBe('container-role');
    expect(found.keys).toEqual({
      accessKeyId: CONTAINER_KEYS.accessKeyId,
      secretAccessKey: CONTAINER_KEYS.secretAccessKey,
      sessionToken: CONTAINER_KEYS.token,
      expiration: new Date(Date.UTC(2031, 4, 6, 7, 8, 9)),
      accountId: '123456789012',
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v2/credentials/task-1', authorization: undefined });
    expect(server.requests[0]!.headers.accept).toBe('application/json');

    server.setKeys({ accessKeyId: 'ASIAREFRESHED0000001', secretAccessKey: 'refreshed-secret', token: 'refreshed-token', expiration: '2032-01-01T00:00:00+01:00' });
    const fresh = await found.refresh!();
    expect(fresh).toEqual({
      accessKeyId: 'ASIAREFRESHED0000001',
      secretAccessKey: 'refreshed-secret',
      sessionToken: 'refreshed-token',
      expiration: new Date(Date.UTC(2031, 11, 31, 23, 0, 0)),
      accountId: undefined,
    });
    expect(server.requests).toHaveLength(2);
  });

  it('keeps the path and query of the full URI', async () => {
    await provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full('/v1/credentials?role=a') }));
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/credentials?role=a']);
  });

  it.each([
    ['an empty token', '', undefined],
    ['a null token', null, undefined],
    ['a numeric secret key, as Python prints it', 'tok', 5],
  ])('reads %s as botocore does', async (_name, token, secret) => {
    server.answerAlways({
      status: 200,
      body: JSON.stringify({ AccessKeyId: 'ASIAX', SecretAccessKey: secret ?? 's', Token: token, Expiration: '2030-01-01T00:00:00Z' }),
    });
    const found = await provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() }));
    expect(found?.keys?.sessionToken).toBe(token || undefined);
    expect(found?.keys?.secretAccessKey).toBe(secret === undefined ? 's' : String(secret));
  });
});

describe('the authorization token', () => {
  it('sends AWS_CONTAINER_AUTHORIZATION_TOKEN as the Authorization header', async () => {
    server.requireToken('Bearer env-token');
    const found = await provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer env-token' }));
    expect(found?.keys?.accessKeyId).toBe(CONTAINER_KEYS.accessKeyId);
    expect(server.requests.map((r) => r.authorization)).toEqual(['Bearer env-token']);
  });

  it('prefers the token file, and reads it again on every refresh', async () => {
    const file = tokenFile('token', 'file-token-1');
    server.requireToken('file-token-1');
    const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'env-token', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file };
    const found = (await provider(context(env))) as Found;
    writeFileSync(file, 'file-token-2');
    server.requireToken('file-token-2');
    await found.refresh!();
    expect(server.requests.map((r) => r.authorization)).toEqual(['file-token-1', 'file-token-2']);
  });

  it('sends an empty token as an empty header', async () => {
    await provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile('empty', '') }));
    expect(server.requests.map((r) => r.authorization)).toEqual(['']);
  });

  it('fails after three attempts when the agent refuses the token', async () => {
    server.requireToken('right');
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() })));
    expect(error.message).toBe(
      'Error when retrieving credentials from container-role: Error retrieving metadata: Received non 200 response 401 from container metadata: ' +
        '{"code":"MissingAuthorization","message":"Authorization token is invalid"}',
    );
    expect(server.requests).toHaveLength(3);
    expect(pauses).toEqual([1000, 1000, 1000]);
  });

  it.each([
    ['a line feed in the environment token', { AWS_CONTAINER_AUTHORIZATION_TOKEN: 'secret\ntok' }],
    ['a token file ending in a newline', { AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: 'nl' }],
    ['a token file ending in CR LF', { AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: 'crlf' }],
  ])('refuses %s before asking', async (_name, extra) => {
    const files: Record<string, string> = { nl: tokenFile('nl', 'secrettok\n'), crlf: tokenFile('crlf', 'secrettok\r\n') };
    const env: Record<string, string> = { AWS_CONTAINER_CREDENTIALS_FULL_URI: full() };
    for (const [k, v] of Object.entries(extra)) env[k] = files[v] ?? v;
    const error = await failure(provider(context(env)));
    expect(error.message).toBe('Auth token value is not a legal header value');
    expect(server.requests).toEqual([]);
  });

  it('reads the token file before checking the host', async () => {
    const missing = join(dir, 'no-such-token');
    const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://example.com/creds', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: missing };
    expect((await failure(provider(context(env)))).message).toBe(`[Errno 2] No such file or directory: '${missing}'`);
  });

  it.each([
    ['a directory', () => (mkdirSync(join(dir, 'token-dir'), { recursive: true }), join(dir, 'token-dir')), (p: string) => `[Errno 21] Is a directory: '${p}'`],
    ['an empty path', () => '', () => "[Errno 2] No such file or directory: ''"],
    ['a path through a file', () => join(tokenFile('plain', 'x'), 'token'), (p: string) => `[Errno 20] Not a directory: '${p}'`],
    [
      'a file that is not UTF-8',
      () => tokenFile('latin1', Buffer.from([0x74, 0x6f, 0xe9, 0x6b])),
      () => "'utf-8' codec can't decode byte 0xe9 in position 2: invalid continuation byte",
    ],
  ])('fails on an unreadable token file: %s', async (_name, make, expected) => {
    const path = make();
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: path })));
    expect(error.message).toBe(expected(path));
    expect(server.requests).toEqual([]);
  });

  it.runIf(process.getuid?.() !== 0)('fails on a token file it may not read', async () => {
    const path = tokenFile('locked', 'tok');
    chmodSync(path, 0o000);
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: path })));
    expect(error.message).toBe(`[Errno 13] Permission denied: '${path}'`);
  });

  it('cannot send a token outside latin-1 (http.client cannot encode it)', async () => {
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a€€b😀' })));
    expect(error.message).toBe(
      "An HTTP Client raised an unhandled exception: 'latin-1' codec can't encode characters in position 1-2: ordinal not in range(256)",
    );
    const one = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN: '€' })));
    expect(one.message).toBe(
      "An HTTP Client raised an unhandled exception: 'latin-1' codec can't encode character '\\u20ac' in position 0: ordinal not in range(256)",
    );
    expect(server.requests).toEqual([]);
  });

  it('sends a latin-1 token as its latin-1 bytes', async () => {
    await provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'é' }));
    expect(server.requests.map((r) => r.authorization)).toEqual(['é']);
  });
});

describe('the allowed hosts', () => {
  it.each([
    'http://127.0.0.1:1/x',
    'http://127.255.3.4/x',
    'http://[::1]:1/x',
    'http://[0:0::1]/x',
    'http://[::1%25lo]:1/x',
    'http://localhost:1/x',
    'http://LOCALHOST:1/x',
    'http://user:pw@localhost/x',
    'http://169.254.170.2/v2/credentials/x',
    'http://169.254.170.23/v1/credentials',
    'http://[fd00:ec2::23]/v1/credentials',
    'http://[FD00:EC2::23]/v1/credentials',
    'https://example.com/creds',
    'HTTPS://example.com/creds',
    'http://169.254.170.2@127.0.0.1:1/x',
    '//127.0.0.1:1/x',
  ])('allows %s', (url) => {
    expect(() => checkAllowedUrl(url)).not.toThrow();
  });

  it.each([
    ['http://example.com/creds', 'example.com'],
    ['http://169.254.170.9/x', '169.254.170.9'],
    ['http://169.254.169.254/latest', '169.254.169.254'],
    ['http://[::2]:5/x', '::2'],
    ['http://[::ffff:127.0.0.1]/x', '::ffff:127.0.0.1'],
    ['http://localhost.:1/x', 'localhost.'],
    ['http://[fd00:ec2::24]/x', 'fd00:ec2::24'],
    ['http://[fd00:ec2:0::23]/x', 'fd00:ec2:0::23'],
    ['ftp://example.com/x', 'example.com'],
    ['not a url', 'None'],
    ['', 'None'],
    ['http:///x', 'None'],
    ['http://user:pw@evil/x', 'evil'],
    ['http://127.1:1/x', '127.1'],
    ['http://0x7f000001:1/x', '0x7f000001'],
    ['http://127.000.0.1:1/x', '127.000.0.1'],
    ['http://localhost@example.com/x', 'example.com'],
  ])('refuses %s', (url, host) => {
    expect(() => checkAllowedUrl(url)).toThrow(new CliError('general', `Unsupported host '${host}'.  ${UNSUPPORTED_TAIL}`));
  });

  it.each([
    ['http://[::1', 'Invalid IPv6 URL'],
    ['http://[vz]/x', 'IPvFuture address is invalid'],
    ['http://[127.0.0.1]/x', 'An IPv4 address cannot be in brackets'],
    ['http://[abc]/x', "'abc' does not appear to be an IPv4 or IPv6 address"],
  ])("fails on %s as Python's urlparse does", (url, message) => {
    expect(() => checkAllowedUrl(url)).toThrow(new CliError('general', message));
  });

  it('names the allowed hosts in botocore order', () => {
    expect(ALLOWED_HOSTS).toEqual(['169.254.170.2', '169.254.170.23', 'fd00:ec2::23', 'localhost']);
  });

  it('refuses a disallowed full URI without asking anyone', async () => {
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://evil.example:${server.port}/creds` })));
    expect(error.message).toBe(`Unsupported host 'evil.example'.  ${UNSUPPORTED_TAIL}`);
    expect(server.requests).toEqual([]);
  });
});

describe('a failing agent', () => {
  const PREFIX = 'Error when retrieving credentials from container-role: Error retrieving metadata: ';

  it('fails after three attempts on a 500, quoting the body', async () => {
    server.answerAlways({ status: 500, body: 'internal "oops"\nline2' });
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() })));
    expect(error.message).toBe(`${PREFIX}Received non 200 response 500 from container metadata: internal "oops"\nline2`);
    expect(server.requests).toHaveLength(3);
    expect(pauses).toEqual([1000, 1000, 1000]);
  });

  it('succeeds when a later attempt does', async () => {
    server.answerNext({ status: 503, body: '' }, { status: 200, body: 'garbage' });
    const found = await provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() }));
    expect(found?.keys?.accessKeyId).toBe(CONTAINER_KEYS.accessKeyId);
    expect(server.requests).toHaveLength(3);
    expect(pauses).toEqual([1000, 1000]);
  });

  it('fails on an answer that is not JSON', async () => {
    server.answerAlways({ status: 200, body: 'not json{' });
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() })));
    expect(error.message).toBe(`${PREFIX}Unable to parse JSON returned from container metadata services`);
    expect(server.requests).toHaveLength(3);
  });

  it('fails on an agent that never answers (read timeout), naming the URL as given', async () => {
    server.answerAlways({ hang: true });
    const url = full('/hang');
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: url })));
    expect(error.message).toBe(`${PREFIX}Received error when attempting to retrieve container metadata: Read timeout on endpoint URL: "${url}"`);
    expect(server.requests).toHaveLength(3);
  });

  it('fails when nothing listens', async () => {
    const closed = await startContainerCredentialsServer();
    await closed.close();
    const url = `http://127.0.0.1:${closed.port}`;
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: url })));
    expect(error.message).toBe(`${PREFIX}Received error when attempting to retrieve container metadata: Could not connect to the endpoint URL: "${url}"`);
    expect(pauses).toEqual([1000, 1000, 1000]);
  });

  it.each([
    ['a document without AccessKeyId', JSON.stringify({ SecretAccessKey: 's', Token: 't', Expiration: '2030-01-01T00:00:00Z' }), "'AccessKeyId'"],
    ['a document without Token', JSON.stringify({ AccessKeyId: 'A', SecretAccessKey: 's', Expiration: '2030-01-01T00:00:00Z' }), "'Token'"],
    ['a document without Expiration', JSON.stringify({ AccessKeyId: 'A', SecretAccessKey: 's', Token: 't' }), "'Expiration'"],
    ['a list', '[1,2]', 'list indices must be integers or slices, not str'],
    ['a string', '"abc"', "string indices must be integers, not 'str'"],
    ['a number', '5', "'int' object is not subscriptable"],
    ['null', 'null', "'NoneType' object is not subscriptable"],
    ['an Expiration that is no date', credentialsJson({ ...CONTAINER_KEYS, expiration: 'tomorrow-ish' }), 'Unknown string format: tomorrow-ish'],
    ['an empty Expiration', credentialsJson({ ...CONTAINER_KEYS, expiration: '' }), 'String does not contain a date: '],
    ['a numeric Expiration', credentialsJson({ ...CONTAINER_KEYS, expiration: 12345 }), 'Parser must be a string or character stream, not int'],
    ['a null Expiration', credentialsJson({ ...CONTAINER_KEYS, expiration: null }), 'Parser must be a string or character stream, not NoneType'],
    ['a month 13', credentialsJson({ ...CONTAINER_KEYS, expiration: '2030-13-01T00:00:00Z' }), 'month must be in 1..12: 2030-13-01T00:00:00Z'],
    ['an Expiration without a zone', credentialsJson({ ...CONTAINER_KEYS, expiration: '2030-01-01T00:00:00' }), "can't subtract offset-naive and offset-aware datetimes"],
    ['a numeric AccessKeyId', JSON.stringify({ AccessKeyId: 5, SecretAccessKey: 's', Token: 't', Expiration: '2030-01-01T00:00:00Z' }), 'sequence item 0: expected str instance, int found'],
    ['a null AccessKeyId', JSON.stringify({ AccessKeyId: null, SecretAccessKey: 's', Token: 't', Expiration: '2030-01-01T00:00:00Z' }), 'sequence item 0: expected str instance, NoneType found'],
    ['a numeric Token', JSON.stringify({ AccessKeyId: 'A', SecretAccessKey: 's', Token: 5, Expiration: '2030-01-01T00:00:00Z' }), "'int' object has no attribute 'split'"],
    ['JSON nested past the recursion limit', `${'['.repeat(976)}${']'.repeat(976)}`, 'maximum recursion depth exceeded while decoding a JSON array from a unicode string'],
  ])('fails at once on %s', async (_name, body, message) => {
    server.answerAlways({ status: 200, body });
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() })));
    expect(error.message).toBe(message);
    expect(server.requests).toHaveLength(1);
  });

  it('reads JSON nested up to the recursion limit', async () => {
    server.answerAlways({ status: 200, body: `${'['.repeat(975)}${']'.repeat(975)}` });
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() })));
    expect(error.message).toBe('list indices must be integers or slices, not str');
  });

  it('fails at once on an answer that is not UTF-8, whatever its status', async () => {
    server.answerAlways({ status: 500, body: Buffer.from([0xff, 0xfe]) });
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() })));
    expect(error.message).toBe("'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['http://127.0.0.1:99999/x', 'Failed to parse: http://127.0.0.1:99999/x'],
    ['ftp://127.0.0.1:1/x', 'Not supported URL scheme ftp'],
  ])('fails at once on %s, which urllib3 cannot request', async (url, message) => {
    const error = await failure(provider(context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: url })));
    expect(error.message).toBe(`An HTTP Client raised an unhandled exception: ${message}`);
    expect(pauses).toEqual([]);
  });
});

describe('--debug', () => {
  it("logs each failed attempt and the provider's failure as botocore does, never the token", async () => {
    server.answerAlways({ status: 200, body: 'not json{' });
    const log: string[] = [];
    await failure(
      makeContainerProvider({ timeoutMs: 300, attempts: 2, sleep: async () => {} })(
        context({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'very-secret-token' }, log),
      ),
    );
    const attempt = [
      'botocore.utils - DEBUG - Unable to parse JSON returned from container metadata services:not json{',
      'botocore.utils - DEBUG - Received error when attempting to retrieve container metadata: Error retrieving metadata: Unable to parse JSON returned from container metadata services',
    ];
    expect(log).toEqual([
      ...attempt,
      ...attempt,
      'botocore.credentials - DEBUG - Error retrieving container metadata: Error retrieving metadata: Unable to parse JSON returned from container metadata services',
    ]);
    expect(server.requests.map((r) => r.authorization)).toEqual(['very-secret-token', 'very-secret-token']);
  });
});

// ------------------------------------------------------------ through the CLI

/** What one run saw: its output, the EC2 requests it made, the agent requests. */
interface Side {
  readonly result: RunResult;
  readonly ec2: readonly RecordedRequest[];
  readonly agent: readonly ContainerRequest[];
  /** stderr with this run's own ports replaced by `<agent>` and `<ec2>`, to compare runs. */
  readonly stderr: string;
}

interface Scenario {
  /** The environment, given the agent stand-in and the EC2 endpoint of this run. */
  readonly env: (agent: ContainerCredentialsServer, ec2: Ec2Endpoint) => Record<string, string>;
  /** Prepares the agent (token demanded, scripted answers). */
  readonly agent?: (agent: ContainerCredentialsServer) => void;
  readonly args?: readonly string[];
}

const cliHome = makeHome();
const AWS_V1 = ['aws', 'ec2', 'copy-snapshot'] as const;
const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

afterAll(() => rmSync(cliHome.dir, { recursive: true, force: true }));

/** Runs copy-snapshot (or `command`) against its own agent stand-in and EC2 endpoint. */
async function side(scenario: Scenario, command?: readonly string[]): Promise<Side> {
  const agent = await startContainerCredentialsServer();
  const ec2 = await startEc2Endpoint();
  try {
    scenario.agent?.(agent);
    const env = { AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1', ...scenario.env(agent, ec2) };
    const result = await runCli([...COPY, '--endpoint-url', ec2.url, ...(scenario.args ?? [])], { home: cliHome, env, command });
    const stderr = result.stderr.replaceAll(`:${agent.port}`, ':<agent>').replaceAll(`:${ec2.port}`, ':<ec2>');
    return { result, ec2: [...ec2.requests], agent: [...agent.requests], stderr };
  } finally {
    await agent.close();
    await ec2.close();
  }
}

/** The same scenario through copy-snapshot and AWS CLI v1 at once: same output, exit code, keys, agent requests. */
async function differential(scenario: Scenario): Promise<Side> {
  const [ours, v1] = await Promise.all([side(scenario), side(scenario, AWS_V1)]);
  expect(ours.result.stdout).toBe(v1.result.stdout);
  expect(ours.stderr).toBe(v1.stderr);
  expect(ours.result.status).toBe(v1.result.status);
  expect(ours.ec2.length).toBe(v1.ec2.length);
  expect(ours.ec2.map((r) => signingKey(r.headers.authorization))).toEqual(v1.ec2.map((r) => signingKey(r.headers.authorization)));
  expect(ours.ec2.map((r) => r.headers['x-amz-security-token'])).toEqual(v1.ec2.map((r) => r.headers['x-amz-security-token']));
  expect(ours.agent.map((r) => [r.method, r.path, r.authorization])).toEqual(v1.agent.map((r) => [r.method, r.path, r.authorization]));
  return ours;
}

/** Where the agent stand-in is, as AWS_CONTAINER_CREDENTIALS_FULL_URI. */
const fullUri = (agent: ContainerCredentialsServer, path = '/v2/credentials/task-1') => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${agent.url}${path}` });

const RETRIEVAL = 'Error when retrieving credentials from container-role: Error retrieving metadata: ';

describe('through the CLI', () => {
  it('signs the EC2 request and the presigned URL with the agent keys and token', async () => {
    const r = await side({ env: (agent) => fullUri(agent) });
    expect([r.result.stdout, r.result.stderr, r.result.status]).toEqual([OK_STDOUT, '', 0]);
    expect(r.agent.map((a) => [a.path, a.authorization])).toEqual([['/v2/credentials/task-1', undefined]]);
    const request = r.ec2[0]!;
    expect(signingKey(request.headers.authorization)).toBe(CONTAINER_KEYS.accessKeyId);
    expect(request.headers['x-amz-security-token']).toBe(CONTAINER_KEYS.token);
    expect(await verifySigV4(request, { secretAccessKey: CONTAINER_KEYS.secretAccessKey, region: 'us-east-1', service: 'ec2' })).toBe(true);
    const presigned = request.form.find(([k]) => k === 'PresignedUrl')![1];
    expect(new URL(presigned).searchParams.get('X-Amz-Security-Token')).toBe(CONTAINER_KEYS.token);
    expect(await verifyPresignedUrl(presigned, { secretAccessKey: CONTAINER_KEYS.secretAccessKey })).toBe(true);
  });

  it('keeps every poll of a long --wait signed with valid keys, refreshing them from the agent', async () => {
    const first = { ...CONTAINER_KEYS, accessKeyId: 'ASIAFIRSTKEY00000001', secretAccessKey: 'first-secret', token: 'first-token' };
    const second = { ...CONTAINER_KEYS, accessKeyId: 'ASIASECONDKEY0000002', secretAccessKey: 'second-secret', token: 'second-token' };
    const agent = await startContainerCredentialsServer({ keys: second });
    // Within a few seconds the first keys enter botocore's 15-minute advisory window.
    agent.answerNext({ status: 200, body: credentialsJson({ ...first, expiration: expiresIn(15 * 60 + 5) }) });
    const ec2 = await startEc2Endpoint({ copyProgress: { durationMs: 9000 } });
    try {
      const r = await runCli([...COPY, '--endpoint-url', ec2.url, '--wait'], {
        home: cliHome,
        env: { AWS_DEFAULT_REGION: 'us-east-1', ...fullUri(agent) },
      });
      expect(r.status).toBe(0);
      const keys = ec2.requests.map((q) => signingKey(q.headers.authorization));
      expect(keys.at(-1)).toBe(second.accessKeyId);
      // First-key requests (if any) all come before the refreshed ones.
      expect(keys).toEqual([...keys.filter((k) => k === first.accessKeyId), ...keys.filter((k) => k === second.accessKeyId)]);
      for (const request of ec2.requests) {
        const secret = signingKey(request.headers.authorization) === first.accessKeyId ? first.secretAccessKey : second.secretAccessKey;
        expect(await verifySigV4(request, { secretAccessKey: secret, region: 'us-east-1', service: 'ec2' })).toBe(true);
      }
      expect(agent.requests.length).toBeGreaterThanOrEqual(2);
    } finally {
      await agent.close();
      await ec2.close();
    }
  });

  it('fails after three attempts on an agent that never answers', async () => {
    const r = await side({ env: (agent) => fullUri(agent, '/hang'), agent: (agent) => agent.answerAlways({ hang: true }) });
    const url = `${r.agent[0]!.headers.host}`;
    expect(r.result.stderr).toBe(`\n${RETRIEVAL}Received error when attempting to retrieve container metadata: Read timeout on endpoint URL: "http://${url}/hang"\n`);
    expect([r.result.stdout, r.result.status, r.agent.length, r.ec2.length]).toEqual(['', 255, 3, 0]);
  });
});

describe.skipIf(!hasAws)('the same as AWS CLI v1', () => {
  it('with no token', async () => {
    const r = await differential({ env: (agent) => fullUri(agent) });
    expect([r.result.stdout, r.result.status]).toEqual([OK_STDOUT, 0]);
    expect(signingKey(r.ec2[0]?.headers.authorization)).toBe(CONTAINER_KEYS.accessKeyId);
  });

  it('with a token file (over the token variable) the agent demands', async () => {
    const file = tokenFile('cli-token', 'Bearer from-file');
    const r = await differential({
      env: (agent) => ({ ...fullUri(agent), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer from-env' }),
      agent: (agent) => agent.requireToken('Bearer from-file'),
    });
    expect(r.result.status).toBe(0);
    expect(r.agent.map((a) => a.authorization)).toEqual(['Bearer from-file']);
    expect(signingKey(r.ec2[0]?.headers.authorization)).toBe(CONTAINER_KEYS.accessKeyId);
  });

  it('with the token variable', async () => {
    const r = await differential({
      env: (agent) => ({ ...fullUri(agent), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Basic dGFzazp0b2tlbg==' }),
      agent: (agent) => agent.requireToken('Basic dGFzazp0b2tlbg=='),
    });
    expect(r.result.status).toBe(0);
  });

  it('with a relative URI (the ECS address made a user name, so that only 127.0.0.1 is asked)', async () => {
    const relative = (port: number) => ({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: `@127.0.0.1:${port}/v2/credentials/rel` });
    const url = containerCredentialsUrl(relative(server.port))!;
    expect([urlSplit(url).hostname, new URL(url).hostname]).toEqual(['127.0.0.1', '127.0.0.1']);
    const r = await differential({ env: (agent) => relative(agent.port) });
    expect(r.result.status).toBe(0);
    expect(r.agent.map((a) => a.path)).toEqual(['/v2/credentials/rel']);
  });

  it('without the proxy the environment names for http (it is only for the EC2 request)', async () => {
    const r = await differential({
      env: (agent, ec2) => ({ ...fullUri(agent), HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: `127.0.0.1:${ec2.port}` }),
    });
    expect(r.result.status).toBe(0);
    expect(r.agent).toHaveLength(1);
  });

  it('fails at once on https to an agent that speaks plain http', async () => {
    const r = await differential({ env: (agent) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `https://127.0.0.1:${agent.port}/creds` }) });
    expect(r.stderr).toBe('\nSSL validation failed for https://127.0.0.1:<agent>/creds [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)\n');
    expect([r.result.stdout, r.result.status, r.ec2.length]).toEqual(['', 255, 0]);
  });

  it('with keys inside the 10-minute window: fetched again before the first request', async () => {
    const r = await differential({
      env: (agent) => fullUri(agent),
      agent: (agent) => {
        agent.setKeys({ ...CONTAINER_KEYS, accessKeyId: 'ASIAREFRESHEDKEY0001' });
        agent.answerNext({ status: 200, body: credentialsJson({ ...CONTAINER_KEYS, expiration: expiresIn(5 * 60) }) });
      },
    });
    expect(r.result.status).toBe(0);
    expect(r.agent).toHaveLength(2);
    expect(signingKey(r.ec2[0]?.headers.authorization)).toBe('ASIAREFRESHEDKEY0001');
  });

  it('fails when the agent keeps answering expired keys (asked twice)', async () => {
    const r = await differential({
      env: (agent) => fullUri(agent),
      agent: (agent) => agent.setKeys({ ...CONTAINER_KEYS, expiration: '2001-01-01T00:00:00Z' }),
    });
    expect([r.result.stdout, r.result.stderr, r.result.status]).toEqual(['', '\nCredentials were refreshed, but the refreshed credentials are still expired.\n', 255]);
    expect([r.agent.length, r.ec2.length]).toEqual([2, 0]);
  });

  it.each([
    ['no token for an agent that demands one', {}, 401, `${RETRIEVAL}Received non 200 response 401 from container metadata: {"code":"MissingAuthorization","message":"Authorization token is invalid"}`],
    ['a 500 with a body', { answer: { status: 500, body: 'agent failure\nsecond line' } }, 3, `${RETRIEVAL}Received non 200 response 500 from container metadata: agent failure\nsecond line`],
    ['garbage', { answer: { status: 200, body: '<html>' } }, 3, `${RETRIEVAL}Unable to parse JSON returned from container metadata services`],
    ['a document without keys', { answer: { status: 200, body: '{"Code":"Success"}' } }, 1, "'AccessKeyId'"],
  ] as const)('fails as v1 does on %s', async (_name, setup, requests, message) => {
    const r = await differential({
      env: (agent) => fullUri(agent),
      agent: (agent) => ('answer' in setup ? agent.answerAlways(setup.answer) : agent.requireToken('needed')),
    });
    expect([r.result.stdout, r.result.stderr, r.result.status]).toEqual(['', `\n${message}\n`, 255]);
    expect(r.agent).toHaveLength(requests === 401 ? 3 : requests);
    expect(r.ec2).toEqual([]);
  });

  const beforeAsking: [string, () => Record<string, string>, () => string][] = [
    ['a disallowed host', () => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://metadata.example.com/creds' }), () => `Unsupported host 'metadata.example.com'.  ${UNSUPPORTED_TAIL}`],
    ['a missing token file', () => ({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(dir, 'missing-token') }), () => `[Errno 2] No such file or directory: '${join(dir, 'missing-token')}'`],
    ['a token file that is a directory', () => ({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: dir }), () => `[Errno 21] Is a directory: '${dir}'`],
    ['a token file ending in a newline', () => ({ AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile('cli-nl', 'tok\n') }), () => 'Auth token value is not a legal header value'],
  ];
  it.each(beforeAsking)('fails as v1 does on %s, before asking', async (_name, extra, message) => {
    const env = extra();
    const r = await differential({ env: (agent) => ({ ...fullUri(agent), ...env }) });
    expect([r.result.stdout, r.result.stderr, r.result.status]).toEqual(['', `\n${message()}\n`, 255]);
    expect([r.agent.length, r.ec2.length]).toEqual([0, 0]);
  });
});

describe("the agent's words on a terminal", () => {
  async function runWith(stderrIsTty: boolean) {
    server.answerAlways({ status: 500, body: 'bad \x1b[31mred\x1b[0m\r\n\tend' });
    let stderr = '';
    const code = await main([...COPY, '--endpoint-url', 'http://127.0.0.1:9'], {
      env: { ...cliEnv(cliHome), AWS_DEFAULT_REGION: 'us-east-1', AWS_CONTAINER_CREDENTIALS_FULL_URI: full() },
      stdoutIsTty: false,
      terminalColumns: undefined,
      stderrIsTty,
      runtime: { nodeVersion: 'v20.0.0', os: 'Linux', osRelease: 'test' },
      writeStdout: () => {},
      writeStderr: (text) => {
        stderr += text;
      },
    });
    return { code, stderr };
  }

  it('are escaped on a terminal, and written as v1 writes them elsewhere', async () => {
    const prefix = `\n${RETRIEVAL}Received non 200 response 500 from container metadata: bad `;
    expect(await runWith(true)).toEqual({ code: 255, stderr: `${prefix}\\x1b[31mred\\x1b[0m\\r\n\tend\n` });
    expect(await runWith(false)).toEqual({ code: 255, stderr: `${prefix}\x1b[31mred\x1b[0m\r\n\tend\n` });
  });
});
