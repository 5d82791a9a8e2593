// Ctrl-C wins whatever stdout is doing: with a 2 MB result stuck in a pipe
// nobody reads, SIGINT still ends the run with v1's 130 (the newline v1 prints
// cannot go out through a full pipe, so none is waited for). A run still alive
// 10 s after the signal is killed, which fails the test.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome } from '../support/run-main.js';
import { BIN } from './support.js';

let home: string;
let ec2: Ec2Endpoint;
beforeAll(() => {
  home = isolatedHome();
});
afterAll(() => rmSync(home, { recursive: true, force: true }));
beforeEach(async () => {
  ec2 = await startEc2Endpoint();
});
afterEach(async () => {
  await ec2.close();
});

describe('SIGINT with stdout a full pipe', () => {
  it('exits 130 all the same', async () => {
    const tags = Array.from({ length: 20_000 }, (_, i) => `<item><key>k${i}</key><value>${'v'.repeat(60)}</value></item>`).join('');
    ec2.respondWith(() => ({
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<CopySnapshotResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><snapshotId>snap-9</snapshotId><tagSet>${tags}</tagSet></CopySnapshotResponse>`,
    }));
    const child = spawn(BIN, ['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1', '--endpoint-url', ec2.url], {
      env: { PATH: process.env.PATH ?? '', ...isolatedEnv(home, { AWS_MAX_ATTEMPTS: '1' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // The first chunk proves the output has started; then nobody reads, and the pipe fills up.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const done = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
    child.kill('SIGINT');
    const [status, signal] = await done;
    clearTimeout(killer);
    child.stdout.destroy();
    expect({ status, signal, stderr }).toEqual({ status: 130, signal: null, stderr: '' });
  });
});
