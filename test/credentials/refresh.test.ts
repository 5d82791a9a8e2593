// Keys that expire while copy-snapshot runs: botocore's refresh rules
// (refreshing.ts) on their own with a fake clock, then a --wait whose
// credentials expire between polls, through main() with the same clock.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli.js';
import { LiveCredentials, STILL_EXPIRED } from '../../src/request/credentials/refreshing.js';
import type { Keys } from '../../src/request/credentials/types.js';
import { parseTimestamp } from '../../src/python/subscript.js';
import { startEc2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome } from '../support/run-main.js';
import { signingKey } from '../support/run-cli.js';

const MINUTE = 60_000;
const T0 = Date.parse('2030-01-01T00:00:00Z');

function clock(start = T0) {
  let now = start;
  return { now: () => new Date(now), advance: (minutes: number) => (now += minutes * MINUTE) };
}

function keys(id: string, expiresAt: number | undefined): Keys {
  return { accessKeyId: id, secretAccessKey: `${id}-secret`, expiration: expiresAt === undefined ? undefined : new Date(expiresAt) };
}

describe('LiveCredentials: botocore RefreshableCredentials rules', () => {
  it('keeps keys that are not close to expiry, without asking the source', async () => {
    const c = clock();
    let fetched = 0;
    const live = new LiveCredentials({ method: 'x', keys: keys('K1', T0 + 60 * MINUTE), refresh: async () => keys(`K${++fetched + 1}`, T0) }, c.now);
    c.advance(44);
    expect((await live.current()).accessKeyId).toBe('K1');
    expect(fetched).toBe(0);
  });

  it('refreshes within 15 minutes of expiry', async () => {
    const c = clock();
    const live = new LiveCredentials({ method: 'x', keys: keys('K1', T0 + 60 * MINUTE), refresh: async () => keys('K2', T0 + 120 * MINUTE) }, c.now);
    c.advance(46);
    expect((await live.current()).accessKeyId).toBe('K2');
  });

  it('between 15 and 10 minutes, a failed refresh keeps the old keys', async () => {
    const c = clock();
    const live = new LiveCredentials({ method: 'x', keys: keys('K1', T0 + 60 * MINUTE), refresh: async () => Promise.reject(new Error('down')) }, c.now);
    c.advance(48);
    expect((await live.current()).accessKeyId).toBe('K1');
  });

  it('within 10 minutes, a failed refresh is an error', async () => {
    const c = clock();
    const live = new LiveCredentials({ method: 'x', keys: keys('K1', T0 + 60 * MINUTE), refresh: async () => Promise.reject(new Error('down')) }, c.now);
    c.advance(51);
    await expect(live.current()).rejects.toThrow('down');
  });

  it('refreshed keys that are already expired are an error', async () => {
    const c = clock();
    const live = new LiveCredentials({ method: 'x', keys: keys('K1', T0 - MINUTE), refresh: async () => keys('K2', T0 - MINUTE) }, c.now);
    await expect(live.current()).rejects.toThrow(STILL_EXPIRED);
  });

  it('a deferred source is fetched on first use, once for concurrent requests', async () => {
    const c = clock();
    let fetched = 0;
    const live = new LiveCredentials({ method: 'x', refresh: async () => keys(`K${++fetched}`, T0 + 60 * MINUTE) }, c.now);
    const [a, b] = await Promise.all([live.current(), live.current()]);
    expect([a.accessKeyId, b.accessKeyId, fetched]).toEqual(['K1', 'K1', 1]);
  });

  it('keys without an expiration are never refreshed', async () => {
    const c = clock();
    const live = new LiveCredentials({ method: 'x', keys: keys('K1', undefined), refresh: async () => keys('K2', undefined) }, c.now);
    c.advance(10_000);
    expect((await live.current()).accessKeyId).toBe('K1');
  });
});

describe('timestamps as dateutil reads them', () => {
  it.each([
    ['2030-01-01T00:00:00Z', T0],
    ['2030-01-01T00:00:00UTC', T0],
    ['2030-01-01T00:00:00+00:00', T0],
    ['2030-01-01T02:00:00+02:00', T0],
    ['2029-12-31T19:00:00-0500', T0],
    ['2030-01-01T00:00:00.250Z', T0 + 250],
    ['2030-01-01 00:00:00 GMT', T0],
  ])('%s', (text, expected) => {
    expect(parseTimestamp(text).getTime()).toBe(expected);
  });

  it.each([
    ['tomorrow', 'Unknown string format: tomorrow'],
    ['2030-02-30T00:00:00Z', 'day is out of range for month: 2030-02-30T00:00:00Z'],
    ['2030-01-01T00:00:00', "can't subtract offset-naive and offset-aware datetimes"],
  ])('%s fails as Python fails', (text, message) => {
    expect(() => parseTimestamp(text)).toThrow(message);
  });
});

describe('--wait while the credentials expire', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cs-refresh-'));
  const home = isolatedHome();
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });
  // A credential_process that hands out a new key on every run, valid for an
  // hour from the test's clock (read from a file), or fails when told to.
  const script = join(dir, 'creds.cjs');
  const counter = join(dir, 'counter');
  const clockFile = join(dir, 'clock');
  const failFile = join(dir, 'fail');
  writeFileSync(
    script,
    `const fs = require('fs');
const n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
if (fs.existsSync(${JSON.stringify(failFile)}) && n > 1) { process.stderr.write('token service down'); process.exit(1); }
fs.writeFileSync(${JSON.stringify(counter)}, String(n));
const now = Number(fs.readFileSync(${JSON.stringify(clockFile)}, 'utf8'));
process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIDREFRESH' + n, SecretAccessKey: 's' + n, SessionToken: 't' + n,
  Expiration: new Date(now + 3600000).toISOString() }));
`,
  );

  beforeEach(() => {
    writeFileSync(counter, '0');
    rmSync(failFile, { force: true });
  });

  /** Runs `--wait` in-process; every EC2 answer moves the clock on by `minutesPerAnswer`. */
  async function waitWithClock(minutesPerAnswer: number, polls = 2) {
    const pending = Array.from({ length: polls - 1 }, () => ({ state: 'pending', progress: '10%' }) as const);
    const ec2 = await startEc2Endpoint({ snapshotStates: [...pending, { state: 'completed', progress: '100%' }] });
    let now = T0;
    writeFileSync(clockFile, String(now));
    ec2.respondWith(() => {
      now += minutesPerAnswer * MINUTE;
      writeFileSync(clockFile, String(now));
      return undefined;
    });
    writeFileSync(join(home, 'config'), `[default]\nregion = eu-west-1\ncredential_process = node ${script}\n`);
    const env = isolatedEnv(home, { AWS_MAX_ATTEMPTS: '1' });
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    let stdout = '';
    let stderr = '';
    const io: Io = {
      env,
      stdoutIsTty: false,
      terminalColumns: undefined,
      runtime: { nodeVersion: 'v20.0.0', os: 'Linux', osRelease: 'test' },
      now: () => new Date(now),
      writeStdout: (text) => void (stdout += text),
      writeStderr: (text) => void (stderr += text),
    };
    try {
      const code = await main(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--wait', '--endpoint-url', ec2.url], io);
      return { code, stdout, stderr, keys: ec2.requests.map((r) => `${r.action}:${signingKey(r.headers.authorization)}`), runs: Number(readFileSync(counter, 'utf8')) };
    } finally {
      await ec2.close();
    }
  }

  it('every poll is signed with keys that are still valid: refreshed 10 minutes before expiry', async () => {
    // Keys last 60 minutes; 50 pass with every answer.
    const r = await waitWithClock(50);
    expect(r.code).toBe(0);
    expect(r.keys).toEqual(['CopySnapshot:AKIDREFRESH1', 'DescribeSnapshots:AKIDREFRESH2', 'DescribeSnapshots:AKIDREFRESH3']);
  });

  it('keys far from expiry are reused', async () => {
    const r = await waitWithClock(20);
    expect(r.code).toBe(0);
    expect(r.keys).toEqual(['CopySnapshot:AKIDREFRESH1', 'DescribeSnapshots:AKIDREFRESH1', 'DescribeSnapshots:AKIDREFRESH1']);
    expect(r.runs).toBe(1);
  });

  it('a refresh that fails 13 minutes before expiry keeps the old keys', async () => {
    writeFileSync(failFile, '');
    const r = await waitWithClock(47, 1);
    expect([r.code, r.stderr]).toEqual([0, 'snap-0123456789abcdef0: completed 100% (0s)\n']);
    expect(r.keys).toEqual(['CopySnapshot:AKIDREFRESH1', 'DescribeSnapshots:AKIDREFRESH1']);
  });

  it('a refresh that fails 5 minutes before expiry stops the wait with the source\'s error', async () => {
    writeFileSync(failFile, '');
    const r = await waitWithClock(55);
    expect(r.code).toBe(255);
    expect(r.keys).toEqual(['CopySnapshot:AKIDREFRESH1']);
    expect(r.stderr).toContain('Error when retrieving credentials from custom-process: token service down');
  });
});
