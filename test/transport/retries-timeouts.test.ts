// Retries (v1's legacy mode: 5 attempts, throttling and 5xx), timeouts
// (--cli-read-timeout / --cli-connect-timeout) and connections that break.
// Every stdout, error text, exit code and attempt count below was first
// observed with the real AWS CLI v1 (aws-cli/1.45.11 botocore/1.43.11)
// against the same local servers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorResponse, startEc2Endpoint, throttlingResponse, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { hasPython3, startBlackHole, startRawServer, type Misbehaviour } from '../support/raw-http-server.js';
import { COPY, makeHome, OK_STDOUT, runCli } from '../support/run-cli.js';

let ec2: Ec2Endpoint;

beforeAll(async () => {
  ec2 = await startEc2Endpoint();
});
afterAll(async () => {
  await ec2.close();
});
beforeEach(() => {
  ec2.respondWith(undefined);
});

const KEYS = { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };

async function run(args: string[], env: Record<string, string> = {}, endpoint = ec2.url) {
  const before = ec2.requests.length;
  const r = await runCli([...COPY, '--endpoint-url', endpoint, ...args], { home: makeHome(), env: { ...KEYS, ...env } });
  return { ...r, attempts: ec2.requests.length - before };
}

describe('retries', () => {
  it('a throttled request (503 RequestLimitExceeded) is retried and then succeeds', async () => {
    ec2.enqueue(throttlingResponse());
    const r = await run([]);
    expect([r.stdout, r.stderr, r.status, r.attempts]).toEqual([OK_STDOUT, '', 0, 2]);
  });

  it.each([['legacy'], ['standard']])('500s until AWS_MAX_ATTEMPTS=2 runs out (%s mode)', async (mode) => {
    ec2.respondWith(() => errorResponse(500, 'InternalError', 'An internal error has occurred'));
    const r = await run([], { AWS_MAX_ATTEMPTS: '2', AWS_RETRY_MODE: mode });
    expect([r.stdout, r.stderr, r.status, r.attempts]).toEqual([
      '',
      '\nAn error occurred (InternalError) when calling the CopySnapshot operation (reached max retries: 1): An internal error has occurred\n',
      255,
      2,
    ]);
  });

  it('max_attempts in the profile', async () => {
    ec2.respondWith(() => throttlingResponse());
    const before = ec2.requests.length;
    const r = await runCli([...COPY, '--endpoint-url', ec2.url], { home: makeHome({ config: '[default]\nmax_attempts = 2\n' }), env: KEYS });
    expect([r.stderr, r.status, ec2.requests.length - before]).toEqual([
      '\nAn error occurred (RequestLimitExceeded) when calling the CopySnapshot operation (reached max retries: 1): Request limit exceeded.\n',
      255,
      2,
    ]);
  });

  it('a client error is not retried', async () => {
    ec2.respondWith(() => errorResponse(400, 'InvalidSnapshot.NotFound', "The snapshot 'snap-1' does not exist."));
    const r = await run([]);
    expect([r.stdout, r.stderr, r.status, r.attempts]).toEqual([
      '',
      "\nAn error occurred (InvalidSnapshot.NotFound) when calling the CopySnapshot operation: The snapshot 'snap-1' does not exist.\n",
      255,
      1,
    ]);
  });
});

describe('timeouts', () => {
  it('a response that stalls past --cli-read-timeout 1', async () => {
    ec2.respondWith(() => ({ delayMs: 3000 }));
    const r = await run(['--cli-read-timeout', '1'], { AWS_MAX_ATTEMPTS: '1' });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', `\nRead timeout on endpoint URL: "${ec2.url}/"\n`, 255]);
  });

  it('a body that stops half-way past --cli-read-timeout 1', async () => {
    const raw = await startRawServer('stall-mid-body');
    try {
      const r = await run(['--cli-read-timeout', '1'], { AWS_MAX_ATTEMPTS: '1' }, raw.url);
      expect([r.stdout, r.stderr, r.status]).toEqual(['', `\nRead timeout on endpoint URL: "${raw.url}/"\n`, 255]);
    } finally {
      await raw.close();
    }
  });

  it('--cli-read-timeout 0 waits as long as it takes', async () => {
    ec2.respondWith(() => ({ delayMs: 1500 }));
    const r = await run(['--cli-read-timeout', '0'], { AWS_MAX_ATTEMPTS: '1' });
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
  });

  it.each([
    [['--cli-read-timeout', '-5'], 'Attempted to set read timeout to -5, but the timeout cannot be set to a value less than or equal to 0.'],
    [['--cli-connect-timeout', '-5'], 'Attempted to set connect timeout to -5, but the timeout cannot be set to a value less than or equal to 0.'],
    [['--cli-connect-timeout', 'abc'], "invalid literal for int() with base 10: 'abc'"],
    [['--cli-read-timeout', '1.5'], "invalid literal for int() with base 10: '1.5'"],
  ])('%j is refused before any request', async (args, message) => {
    const r = await run(args);
    expect([r.stdout, r.stderr, r.status, r.attempts]).toEqual(['', `\n${message}\n`, 255, 0]);
  });

  it('a timeout beyond what Node timers hold (3000000 s) is as good as none: no warning, a normal request', async () => {
    const r = await run(['--cli-connect-timeout', '3000000', '--cli-read-timeout', '3000000'], { AWS_MAX_ATTEMPTS: '1' });
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
  });

  // (v1 sends the request before it fails on a read timeout that large; we fail before sending.)
  it.each([['--cli-read-timeout'], ['--cli-connect-timeout']])('%s beyond what Python holds (9223372037 s)', async (option) => {
    const r = await run([option, '9223372037'], { AWS_MAX_ATTEMPTS: '3' });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', '\nAn HTTP Client raised an unhandled exception: timestamp too large to convert to C _PyTime_t\n', 255]);
    expect(r.attempts).toBeLessThanOrEqual(1);
  });

  // v1 runs the handshake under the connect timeout (and then reports a read timeout); held to a
  // 300 s read timeout instead, the run would be killed long before it ended.
  it('a TLS handshake that never completes is abandoned after --cli-connect-timeout', async () => {
    const silent = await startRawServer('silent');
    const endpoint = silent.url.replace('http://', 'https://');
    try {
      const r = await runCli([...COPY, '--endpoint-url', endpoint, '--cli-connect-timeout', '1', '--cli-read-timeout', '300'], {
        home: makeHome(),
        env: { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: '1' },
        killAfterMs: 20_000,
      });
      expect([r.stdout, r.stderr, r.status]).toEqual(['', `\nRead timeout on endpoint URL: "${endpoint}/"\n`, 255]);
    } finally {
      await silent.close();
    }
  });

  it.skipIf(!hasPython3)('an endpoint that never accepts the connection, past --cli-connect-timeout 1', async () => {
    const hole = await startBlackHole();
    try {
      const r = await run(['--cli-connect-timeout', '1'], { AWS_MAX_ATTEMPTS: '1' }, hole.url);
      expect([r.stdout, r.stderr, r.status]).toEqual(['', `\nConnect timeout on endpoint URL: "${hole.url}/"\n`, 255]);
    } finally {
      hole.close();
    }
  });
});

describe('broken connections', () => {
  it('a refused connection', async () => {
    const r = await run([], { AWS_MAX_ATTEMPTS: '2' }, 'http://127.0.0.1:1');
    expect([r.stdout, r.stderr, r.status]).toEqual(['', '\nCould not connect to the endpoint URL: "http://127.0.0.1:1/"\n', 255]);
  });

  it('a connection dropped before the answer (and the retry dropped too)', async () => {
    ec2.respondWith(() => ({ hangUp: true }));
    const r = await run([], { AWS_MAX_ATTEMPTS: '2' });
    expect([r.stdout, r.stderr, r.status, r.attempts]).toEqual([
      '',
      `\nConnection was closed before we received a valid response from endpoint URL: "${ec2.url}/".\n`,
      255,
      2,
    ]);
  });

  it('a dropped connection, then success', async () => {
    ec2.enqueue({ hangUp: true });
    const r = await run([]);
    expect([r.stdout, r.stderr, r.status, r.attempts]).toEqual([OK_STDOUT, '', 0, 2]);
  });

  it.each<[Misbehaviour]>([['reset'], ['reset-mid-body'], ['close-after-headers'], ['garbage']])('a server that does %s', async (behaviour) => {
    const raw = await startRawServer(behaviour);
    try {
      const r = await run([], { AWS_MAX_ATTEMPTS: '1' }, raw.url);
      expect([r.stdout, r.stderr, r.status]).toEqual([
        '',
        `\nConnection was closed before we received a valid response from endpoint URL: "${raw.url}/".\n`,
        255,
      ]);
    } finally {
      await raw.close();
    }
  });

  it.each<[Misbehaviour]>([['reset'], ['reset-mid-body'], ['close-after-headers']])('%s is retried (AWS_MAX_ATTEMPTS=3: 3 requests)', async (behaviour) => {
    const raw = await startRawServer(behaviour);
    try {
      const r = await run([], { AWS_MAX_ATTEMPTS: '3', AWS_RETRY_MODE: 'standard' }, raw.url);
      expect(r.status).toBe(255);
      expect(raw.requestCount()).toBe(3);
    } finally {
      await raw.close();
    }
  });

  // KNOWN DIFFERENCE (src/request/client.ts retry decision): botocore retries
  // a ConnectionClosedError of any kind; the SDK does not retry Node's HTTP
  // parser errors (code HPE_*), so a garbage status line is tried once.
  it.fails('a garbage status line is retried too (AWS_MAX_ATTEMPTS=3: 3 requests)', async () => {
    const raw = await startRawServer('garbage');
    try {
      const r = await run([], { AWS_MAX_ATTEMPTS: '3', AWS_RETRY_MODE: 'standard' }, raw.url);
      expect(r.status).toBe(255);
      expect(raw.requestCount()).toBe(3);
    } finally {
      await raw.close();
    }
  });
});
