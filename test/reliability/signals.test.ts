// Signals and pipes, on the built binary (bin/copy-snapshot → dist/):
// - SIGINT while the request is in flight: AWS CLI v1 prints a newline on
//   stdout and exits 130 (KeyboardInterrupt); nothing else, nothing half-written.
// - SIGTERM while the request is in flight: the default action (killed by the
//   signal, as v1's Python is), with nothing written on stdout or stderr.
// - A reader that goes away (`copy-snapshot … | head -c1`): EPIPE ends the
//   process quietly, no stack trace, exit 0.
// SIGINT during --wait is tested with --wait (test/wait/).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome } from '../support/run-main.js';
import { BIN, isMissingBuild, spawnBin, until, type SpawnResult } from './support.js';

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

function env(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', ...isolatedEnv(home, { AWS_MAX_ATTEMPTS: '1' }) };
}

function copyArgs(): string[] {
  return ['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1', '--endpoint-url', ec2.url];
}

/** Spawns a copy whose request the endpoint holds for 20 s, sends `signal` once the request has arrived. */
async function signalDuringRequest(signal: NodeJS.Signals): Promise<SpawnResult> {
  ec2.respondWith(() => ({ delayMs: 20_000 }));
  return spawnBin(copyArgs(), {
    env: env(),
    during: async (child) => {
      await until(() => ec2.requests.length > 0 || child.exitCode !== null, 15_000, 'the request to arrive');
      if (child.exitCode === null) child.kill(signal);
    },
  });
}

describe('signals during a request', () => {
  it('SIGINT → exit 130, stdout exactly "\\n", stderr empty', async () => {
    const r = await signalDuringRequest('SIGINT');
    expect(ec2.requests).toHaveLength(1);
    expect(r).toEqual({ status: 130, signal: null, stdout: '\n', stderr: '' });
  });

  it('SIGTERM → killed by SIGTERM with nothing on stdout or stderr', async () => {
    const r = await signalDuringRequest('SIGTERM');
    expect(ec2.requests).toHaveLength(1);
    expect(r).toEqual({ status: null, signal: 'SIGTERM', stdout: '', stderr: '' });
  });

  it('SIGINT twice (an impatient user) → still exit 130 and one newline', async () => {
    ec2.respondWith(() => ({ delayMs: 20_000 }));
    const r = await spawnBin(copyArgs(), {
      env: env(),
      during: async (child) => {
        await until(() => ec2.requests.length > 0 || child.exitCode !== null, 15_000, 'the request to arrive');
        child.kill('SIGINT');
        child.kill('SIGINT');
      },
    });
    expect(r.status).toBe(130);
    expect(r.stdout).toBe('\n');
    expect(r.stderr).toBe('');
  });
});

describe('a reader that goes away (EPIPE)', () => {
  it('--generate-cli-skeleton with stdout closed before anything is written → v1\'s broken pipe, no stack trace', async () => {
    const r = await spawnBin(['--generate-cli-skeleton'], {
      env: env(),
      during: (child) => {
        child.stdout!.destroy();
      },
    });
    expect(r.stderr).toBe('\n[Errno 32] Broken pipe\n');
    expect(r.status).toBe(255);
  });

  it('json output with stdout closed before anything is written → exit 0, nothing on stderr', async () => {
    const r = await spawnBin(copyArgs(), {
      env: env(),
      during: (child) => {
        child.stdout!.destroy();
      },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a 2 MB result with the reader gone after 1 byte → exit 0, no stack trace', async () => {
    const tags = Array.from({ length: 20_000 }, (_, i) => `<item><key>k${i}</key><value>${'v'.repeat(60)}</value></item>`).join('');
    ec2.respondWith(() => ({
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<CopySnapshotResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><snapshotId>snap-9</snapshotId><tagSet>${tags}</tagSet></CopySnapshotResponse>`,
    }));
    let received = 0;
    const r = await spawnBin(copyArgs(), {
      env: env(),
      during: (child) => {
        child.stdout!.once('data', (chunk: string) => {
          received = chunk.length;
          child.stdout!.destroy();
        });
      },
    });
    expect(received).toBeGreaterThan(0);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('`copy-snapshot … | head -c1` in a shell → copy-snapshot exits 0 with nothing on stderr', async () => {
    const tags = Array.from({ length: 20_000 }, (_, i) => `<item><key>k${i}</key><value>${'v'.repeat(60)}</value></item>`).join('');
    ec2.respondWith(() => ({
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<CopySnapshotResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><snapshotId>snap-9</snapshotId><tagSet>${tags}</tagSet></CopySnapshotResponse>`,
    }));
    const script = `"$0" "$@" 2>cs.err | head -c1; echo "status=\${PIPESTATUS[0]}"; cat cs.err`;
    const run = () =>
      new Promise<{ stdout: string; code: number | null }>((resolve, reject) => {
        const child = spawn('bash', ['-c', script, BIN, ...copyArgs()], { env: env(), cwd: home, stdio: ['ignore', 'pipe', 'inherit'] });
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ stdout, code }));
      });
    let r = await run();
    if (isMissingBuild(r.stdout)) r = await run();
    // head printed the first byte of the JSON, then the status line; cs.err (copy-snapshot's stderr) is empty.
    expect(r.stdout).toBe('{status=0\n');
  });
});
