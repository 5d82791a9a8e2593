// --wait end to end: main() in-process and the built binary (pipe, real
// terminal through script(1), Ctrl-C), and `npm run demo`'s script.
//
// These need src/cli.ts to call the wait (see src/wait/index.ts); until it
// does they are skipped. The binary and demo tests use dist/ as `npm test`
// builds it.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli.js';
import { errorResponse, startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome } from '../support/run-main.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'copy-snapshot');
const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const NEW_ID = 'snap-0123456789abcdef0';
const COPY = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1'];

const home = isolatedHome();
afterAll(() => rmSync(home, { recursive: true, force: true }));
let ec2: Ec2Endpoint;
beforeEach(async () => {
  ec2 = await startEc2Endpoint();
});
afterEach(async () => {
  await ec2.close();
});

async function run(args: readonly string[], options: { stderrIsTty?: boolean; columns?: number; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    env: isolatedEnv(home, { AWS_DEFAULT_REGION: 'eu-west-1', ...options.env }),
    stdoutIsTty: false,
    terminalColumns: undefined,
    stderrIsTty: options.stderrIsTty ?? false,
    stderrColumns: () => options.columns ?? 100,
    runtime: { nodeVersion: 'v20.0.0', os: 'Linux', osRelease: 'test' },
    writeStdout: (text: string) => void (stdout += text),
    writeStderr: (text: string) => void (stderr += text),
  };
  const code = await main([...args, '--endpoint-url', ec2.url], io as Io);
  return { code, stdout, stderr };
}

const describes = () => ec2.requests.filter((r) => r.action === 'DescribeSnapshots');

describe('--wait through main()', () => {
  it('prints the CopySnapshot result exactly as without --wait, then waits with progress on stderr', async () => {
    const plain = await run(COPY);
    const waited = await run([...COPY, '--wait']);
    expect(waited).toEqual({ code: 0, stdout: plain.stdout, stderr: `${NEW_ID}: completed 100% (0s)\n` });
    expect(plain.stdout).toBe(`{\n    "SnapshotId": "${NEW_ID}"\n}\n`);
    expect(describes()).toHaveLength(1);
    expect(describes()[0]!.form).toContainEqual(['SnapshotId.1', NEW_ID]);
  });

  it('keeps --output and --query for stdout', async () => {
    const r = await run([...COPY, '--wait', '--output', 'text', '--query', 'SnapshotId']);
    expect(r).toEqual({ code: 0, stdout: `${NEW_ID}\n`, stderr: `${NEW_ID}: completed 100% (0s)\n` });
  });

  // Behaviour, not timing: however slow the machine (a first poll late enough for the elapsed time to
  // show 1s, or a redraw of the time before it), the output is frames redrawn in place, the last one
  // the completed bar, then one newline.
  it.each([
    ['as soon as EC2 answers', 0],
    ['when the first poll is slow (as on a busy machine)', 1_100],
  ])('draws the bar when stderr is a terminal, %s', async (_when, delayMs) => {
    if (delayMs > 0) ec2.respondWith((request) => (request.action === 'DescribeSnapshots' ? { delayMs } : undefined));
    const r = await run([...COPY, '--wait'], { stderrIsTty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^(\r[^\r\n]*\x1b\[K)+\n$/);
    const frames = r.stderr.slice(1, -1).split('\x1b[K').filter(Boolean).map((frame) => frame.replace(/^\r/, ''));
    expect(frames.at(-1)).toMatch(new RegExp(`^${NEW_ID} \\[#{30}\\] 100% completed \\d+s$`));
    for (const frame of frames) expect(frame).toMatch(new RegExp(`^${NEW_ID} \\[[#.]{30}\\] `));
  });

  it("exits 255 with the snapshot's StateMessage when the copy fails", async () => {
    ec2.setSnapshotStates([{ state: 'error', progress: '0%', stateMessage: 'The source snapshot is being deleted.' }]);
    const r = await run([...COPY, '--wait']);
    expect(r).toEqual({
      code: 255,
      stdout: `{\n    "SnapshotId": "${NEW_ID}"\n}\n`,
      stderr: `${NEW_ID}: error 0% (0s)\n\ncopy-snapshot: ${NEW_ID} failed: The source snapshot is being deleted.\n`,
    });
  });

  it('exits 255 on --wait-timeout, naming the snapshot still being copied and how to wait again (--wait-timeout alone implies --wait)', async () => {
    ec2.setSnapshotStates([{ state: 'pending', progress: '20%' }]);
    const r = await run([...COPY, '--wait-timeout', '1s']);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(
      `${NEW_ID}: pending 20% (0s)\n\ncopy-snapshot: gave up waiting after 1s (--wait-timeout); the copy ${NEW_ID} is still running in EC2 (last seen: pending 20%)\n` +
        `copy-snapshot: to wait for it again: copy-snapshot --wait-for ${NEW_ID} --region eu-west-1 --endpoint-url ${ec2.url}\n`,
    );
  });

  it.each(['1.5', '2d', '-1'])('rejects --wait-timeout %s with our own argument error before sending anything', async (value) => {
    const r = await run([...COPY, '--wait', '--wait-timeout', value]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'usage: copy-snapshot [options]\nTo see help text, you can run:\n\n  copy-snapshot help\n' +
        `copy-snapshot: error: argument --wait-timeout: invalid duration: '${value}' (seconds, or a whole number followed by s, m, h: 90, 90s, 15m, 2h; 0 for no limit)\n`,
    });
    expect(ec2.requests).toHaveLength(0);
  });

  it('prints one line per change instead of a bar for TERM=dumb and on a terminal narrower than 40 columns', async () => {
    const dumb = await run([...COPY, '--wait'], { stderrIsTty: true, env: { TERM: 'dumb' } });
    expect(dumb).toEqual({ code: 0, stdout: `{\n    "SnapshotId": "${NEW_ID}"\n}\n`, stderr: `${NEW_ID}: completed 100% (0s)\n` });
    const narrow = await run([...COPY, '--wait'], { stderrIsTty: true, columns: 39 });
    expect(narrow.stderr).toBe(`${NEW_ID}: completed 100% (0s)\n`);
    const wide = await run([...COPY, '--wait'], { stderrIsTty: true, columns: 40 });
    // 40 columns: a bar again (cut to 39 characters, so it never wraps)
    expect(wide.stderr).toBe(`\r${NEW_ID} 100% completed 0\x1b[K\n`);
  });

  it('words DescribeSnapshots errors as v1 does', async () => {
    ec2.respondWith((request) =>
      request.action === 'DescribeSnapshots'
        ? { status: 403, body: '<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>Denied.</Message></Error></Errors></Response>' }
        : undefined,
    );
    const r = await run([...COPY, '--wait']);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe('\nAn error occurred (UnauthorizedOperation) when calling the DescribeSnapshots operation: Denied.\n');
  });

  it('does not wait when the copy is not made (--dry-run, --generate-cli-skeleton output)', async () => {
    ec2.enqueue(errorResponse(412, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.'));
    const dry = await run([...COPY, '--wait', '--dry-run']);
    expect(dry.code).toBe(255);
    expect(dry.stderr).toBe(
      '\nAn error occurred (DryRunOperation) when calling the CopySnapshot operation: Request would have succeeded, but DryRun flag is set.\n',
    );
    const skeleton = await run([...COPY, '--wait', '--generate-cli-skeleton', 'output']);
    expect(skeleton.code).toBe(0);
    expect(describes()).toHaveLength(0);
  });
});

describe('--wait-for through main()', () => {
  it('copies nothing and waits for the copies named, one after the other', async () => {
    const r = await run(['--wait-for', NEW_ID, 'snap-2']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: `${NEW_ID}: completed 100% (0s)\nsnap-2: completed 100% (0s)\n` });
    expect(ec2.requests.map((q) => q.action)).toEqual(['DescribeSnapshots', 'DescribeSnapshots']);
    expect(describes().map((q) => q.form.find(([k]) => k === 'SnapshotId.1')?.[1])).toEqual([NEW_ID, 'snap-2']);
  });

  it('ends as --wait does when a copy failed, and takes --wait-timeout (also --wait-for=ID)', async () => {
    ec2.setSnapshotStates([{ state: 'error', progress: '0%', stateMessage: 'Disabled key.' }]);
    const failed = await run([`--wait-for=${NEW_ID}`, '--wait-timeout', '2m']);
    expect(failed).toEqual({ code: 255, stdout: '', stderr: `${NEW_ID}: error 0% (0s)\n\ncopy-snapshot: ${NEW_ID} failed: Disabled key.\n` });
  });

  it.each([
    [['--wait-for'], 'argument --wait-for: expected at least one argument'],
    [['--wait-for', 'snap-1', '--source-region', 'us-east-1'], 'argument --wait-for: not allowed with argument --source-region'],
    [['--wait-for', 'snap-1', '--no-encrypted'], 'argument --wait-for: not allowed with argument --no-encrypted'],
    [['--wait-for', 'snap-1', '--generate-cli-skeleton'], 'argument --wait-for: not allowed with argument --generate-cli-skeleton'],
  ])('rejects %j with exit 2', async (args, message) => {
    const r = await run(args);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `usage: copy-snapshot [options]\nTo see help text, you can run:\n\n  copy-snapshot help\ncopy-snapshot: error: ${message}\n` });
    expect(ec2.requests).toHaveLength(0);
  });

  it('is not matched by an abbreviation (v1 rejects the option, so the copy options stay required)', async () => {
    const r = await run(['--wait-fo', NEW_ID]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('copy-snapshot: error: the following arguments are required: --source-region, --source-snapshot-id\n');
  });
});

function binEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', ...isolatedEnv(home, { AWS_DEFAULT_REGION: 'eu-west-1' }), ...extra };
}

/** Never spawnSync here: the endpoint runs in this process and must go on answering. */
function runAsync(command: string, args: readonly string[], env: NodeJS.ProcessEnv = binEnv()) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('--wait in the binary', () => {
  it('writes one line per change on a pipe while the copy progresses', async () => {
    ec2.setCopyProgress({ durationMs: 1_500 });
    const r = await runAsync(process.execPath, [BIN, ...COPY, '--wait', '--endpoint-url', ec2.url]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`{\n    "SnapshotId": "${NEW_ID}"\n}\n`);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${NEW_ID}: pending \\d+% \\(0s\\)$`));
    expect(lines.at(-1)).toMatch(new RegExp(`^${NEW_ID}: completed 100% \\(\\d+s\\)$`));
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });

  // The answers go by poll, not by time: a busy machine (a slow start, a late first poll) changes
  // how long it all takes and the elapsed times shown, not what is drawn.
  it.skipIf(!HAS_SCRIPT)('redraws a bar on a terminal (through script(1))', async () => {
    ec2.setSnapshotStates([
      { state: 'pending', progress: '0%' },
      { state: 'completed', progress: '100%' },
    ]);
    // As on a busy machine: the first answer comes late.
    let first = true;
    ec2.respondWith((request) => {
      if (request.action !== 'DescribeSnapshots' || !first) return undefined;
      first = false;
      return { delayMs: 1_200 };
    });
    const command = `stty cols 100 2>/dev/null; ${process.execPath} ${BIN} ${COPY.join(' ')} --wait --endpoint-url ${ec2.url} 2>&1 >/dev/null`;
    const r = await runAsync('script', ['-qec', command, '/dev/null']);
    expect(r.status).toBe(0);
    const frames = r.stdout.split('\r').filter((frame) => frame.startsWith(NEW_ID));
    expect(frames[0]).toMatch(new RegExp(`^${NEW_ID} \\[\\.{30}\\]   0% pending \\d+s\\x1b\\[K$`));
    expect(frames.at(-1)).toMatch(new RegExp(`^${NEW_ID} \\[#{30}\\] 100% completed \\d+s\\x1b\\[K\\n?$`));
    // Redrawn in place: every frame the bar, the first pending and the last completed.
    for (const frame of frames) expect(frame).toMatch(new RegExp(`^${NEW_ID} \\[[#.]{30}\\] `));
    expect(frames.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['SIGINT', 130, '\n'],
    ['SIGTERM', 143, ''],
    ['SIGHUP', 129, ''],
  ] as const)('on %s: exits %d saying the copy continues in EC2 and how to wait for it again', async (signal, exitCode, newline) => {
    ec2.setSnapshotStates([{ state: 'pending', progress: '5%' }]);
    const child = spawn(process.execPath, [BIN, ...COPY, '--wait', '--endpoint-url', ec2.url], { env: binEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    const firstLine = new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('\n')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await firstLine;
    child.kill(signal);
    expect(await exited).toBe(exitCode);
    // v1's Ctrl-C newline on stdout; nothing more for the others
    expect(stdout).toBe(`{\n    "SnapshotId": "${NEW_ID}"\n}\n${newline}`);
    expect(stderr).toBe(
      `${NEW_ID}: pending 5% (0s)\ncopy-snapshot: stopped waiting; the copy ${NEW_ID} continues in EC2 (last seen: pending 5%)\n` +
        `copy-snapshot: to wait for it again: copy-snapshot --wait-for ${NEW_ID} --region eu-west-1 --endpoint-url ${ec2.url}\n`,
    );
  });
});

describe('npm run demo', () => {
  it('copies a seeded snapshot on the local endpoint and waits for it, exiting with the CLI', async () => {
    const r = await runAsync(process.execPath, [join(ROOT, 'scripts', 'demo.mjs'), '--copy-seconds=1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('{\n    "SnapshotId": "snap-0fedcba9876543210"\n}\n');
    expect(r.stderr).toMatch(/^demo: a local EC2 endpoint listens on http:\/\/127\.0\.0\.1:\d+ /);
    expect(r.stderr).toContain('demo: $ copy-snapshot --source-region us-east-1 --source-snapshot-id snap-0a1b2c3d4e5f67890 --description demo --wait --endpoint-url http://127.0.0.1:');
    expect(r.stderr).toMatch(/\nsnap-0fedcba9876543210: pending \d+% \(0s\)\n/);
    expect(r.stderr).toMatch(/\nsnap-0fedcba9876543210: completed 100% \(\d+s\)\n\ndemo: copy-snapshot exited with 0\n$/);
  });

  it('exits with the CLI exit code when the copy fails', async () => {
    const r = await runAsync(process.execPath, [join(ROOT, 'scripts', 'demo.mjs'), '--copy-seconds=0', '--fail']);
    expect(r.status).toBe(255);
    expect(r.stderr).toContain(
      '\ncopy-snapshot: snap-0fedcba9876543210 failed: The KMS key used to encrypt snap-0a1b2c3d4e5f67890 is disabled.\n',
    );
  });
});
