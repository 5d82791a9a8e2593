// waitForCopy with an injected DescribeSnapshots and clock: what reaches
// stderr, and the CliErrors (kind, so exit code, and text) it ends with;
// --wait-timeout's parsing; the Ctrl-C hook.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CliError, exitCodeOf, renderError, ServiceError } from '../../src/errors.js';
import type { ClientOptions } from '../../src/request/client.js';
import { interruptIsOurs } from '../../src/interrupt.js';
import { abortOnInterrupt, copiedSnapshotId, parseWaitTimeout, waitAfterCopy, waitForCopy, type WaitForCopyOptions } from '../../src/wait/index.js';
import { completed, failed, fakeClock, pending, scripted, sink, throttled, type Answer } from './fakes.js';

/** Never used: every test here injects `describe`. */
const NO_CLIENT = {} as ClientOptions;

async function wait(answers: readonly Answer[], options: Partial<WaitForCopyOptions> & { tty?: boolean; columns?: number } = {}) {
  const err = sink(options.tty ?? false, options.columns);
  const clock = fakeClock();
  let error: unknown;
  try {
    await waitForCopy({ snapshotId: 'snap-1', client: NO_CLIENT, stderr: err, clock, describe: scripted(answers, clock), ...options });
  } catch (thrown) {
    error = thrown;
  }
  return { stderr: err.text(), error: error as CliError | undefined, clock };
}

describe('waitForCopy', () => {
  it('returns once the copy is completed, with one line per change on a pipe', async () => {
    const r = await wait([pending('0%'), pending('0%'), pending('40%'), completed]);
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('snap-1: pending 0% (0s)\nsnap-1: pending 40% (5s)\nsnap-1: completed 100% (9s)\n');
  });

  it('redraws a bar every second on a terminal and ends the line', async () => {
    const r = await wait([pending('0%'), pending('50%'), completed], { tty: true, columns: 60 });
    expect(r.error).toBeUndefined();
    // 59 - (6 + 1 + 2 + 1 + 4 + 1 + 14 + 1 + 11) = 18 cells
    expect(r.stderr.split('\r').slice(1)).toEqual([
      'snap-1 [..................]   0% pending 0s\x1b[K',
      'snap-1 [..................]   0% pending 1s\x1b[K',
      'snap-1 [..................]   0% pending 2s\x1b[K',
      'snap-1 [#########.........]  50% pending 2s\x1b[K',
      'snap-1 [#########.........]  50% pending 3s\x1b[K',
      'snap-1 [#########.........]  50% pending 4s\x1b[K',
      'snap-1 [#########.........]  50% pending 5s\x1b[K',
      'snap-1 [##################] 100% completed 5s\x1b[K\n',
    ]);
  });

  it("fails with the snapshot's StateMessage, exit 255", async () => {
    const r = await wait([pending('5%'), failed('Copy failed: the KMS key arn:aws:kms:… is disabled.')]);
    expect(r.stderr).toBe('snap-1: pending 5% (0s)\nsnap-1: error 12% (2s)\n');
    expect(r.error).toEqual(new CliError('general', 'copy-snapshot: snap-1 failed: Copy failed: the KMS key arn:aws:kms:… is disabled.'));
    expect(renderError(r.error!, 'copy-snapshot')).toEqual({
      stdout: '',
      stderr: '\ncopy-snapshot: snap-1 failed: Copy failed: the KMS key arn:aws:kms:… is disabled.\n',
      exitCode: 255,
    });
  });

  it('says so when a failed snapshot has no StateMessage', async () => {
    const r = await wait([failed()]);
    expect(r.error).toEqual(new CliError('general', 'copy-snapshot: snap-1 failed (EC2 gave no StateMessage)'));
  });

  it('ends the terminal line before the error is printed', async () => {
    const r = await wait([failed('boom')], { tty: true, columns: 60 });
    expect(r.stderr).toBe('\rsnap-1 [##................]  12% error 0s\x1b[K\n');
    expect(r.error?.message).toBe('copy-snapshot: snap-1 failed: boom');
  });

  it('times out with exit 255, saying the copy is still running and naming it', async () => {
    const r = await wait([pending('5%'), pending('7%')], { timeoutMs: 30_000 });
    expect(r.error).toEqual(
      new CliError(
        'general',
        'copy-snapshot: gave up waiting after 30s (--wait-timeout); the copy snap-1 is still running in EC2 (last seen: pending 7%)',
      ),
    );
    expect(exitCodeOf(r.error!.kind)).toBe(255);
    const long = await wait([pending()], { timeoutMs: 3_600_000 });
    expect(long.error?.message).toBe(
      'copy-snapshot: gave up waiting after 1h 00m 00s (--wait-timeout); the copy snap-1 is still running in EC2 (last seen: pending)',
    );
  });

  it('goes on through throttled polls', async () => {
    const r = await wait([pending('5%'), throttled(), throttled(), completed]);
    expect(r.error).toBeUndefined();
    expect(r.clock.sleeps).toEqual([2_000, 6_000, 12_000]);
    expect(r.stderr).toBe('snap-1: pending 5% (0s)\nsnap-1: completed 100% (20s)\n');
  });

  it('passes errors of DescribeSnapshots through as they are', async () => {
    const denied = new ServiceError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 'DescribeSnapshots');
    const r = await wait([pending('5%'), denied], { tty: true, columns: 60 });
    expect(r.error).toBe(denied);
    expect(r.stderr.endsWith('\n')).toBe(true);
  });

  it('on abort: writes that the copy continues, and ends with the interrupted kind (exit 130)', async () => {
    const controller = new AbortController();
    const clock = fakeClock();
    const err = sink(false);
    const describe = scripted([pending('5%'), pending('9%')], clock);
    const waiting = waitForCopy({
      snapshotId: 'snap-1',
      client: NO_CLIENT,
      stderr: err,
      clock: { ...clock, sleep: async () => controller.abort() },
      describe,
      signal: controller.signal,
    });
    await expect(waiting).rejects.toEqual(
      new CliError('interrupted', 'copy-snapshot: stopped waiting; the copy snap-1 continues in EC2 (last seen: pending 5%)'),
    );
    expect(err.text()).toBe('snap-1: pending 5% (0s)\ncopy-snapshot: stopped waiting; the copy snap-1 continues in EC2 (last seen: pending 5%)\n');
    expect(exitCodeOf('interrupted')).toBe(130);
  });

  it('waitAfterCopy takes the snapshot id from the CopySnapshot result', async () => {
    const err = sink(false);
    await waitAfterCopy({ result: { SnapshotId: 'snap-9' }, client: NO_CLIENT, stderr: err, describe: async () => completed, clock: fakeClock() });
    expect(err.text()).toBe('snap-9: completed 100% (0s)\n');
    expect(copiedSnapshotId({ SnapshotId: 'snap-9', Tags: [] })).toBe('snap-9');
    expect(() => copiedSnapshotId({})).toThrow(new CliError('general', 'copy-snapshot: --wait: the CopySnapshot response has no SnapshotId to wait for'));
    expect(() => copiedSnapshotId(undefined)).toThrow(CliError);
  });
});

describe('parseWaitTimeout', () => {
  it('is Python int() of the value, in milliseconds', () => {
    expect(parseWaitTimeout(undefined)).toBeUndefined();
    expect(parseWaitTimeout('30')).toBe(30_000);
    expect(parseWaitTimeout(' 1_0 ')).toBe(10_000);
    expect(parseWaitTimeout('+0')).toBe(0);
    expect(parseWaitTimeout('٣')).toBe(3_000);
  });

  it.each([
    ['x', "invalid literal for int() with base 10: 'x'"],
    ['1.5', "invalid literal for int() with base 10: '1.5'"],
    ['', "invalid literal for int() with base 10: ''"],
    ['-1', 'Attempted to set wait timeout to -1, but the timeout cannot be set to a value less than 0.'],
  ])('rejects %j as a general error (exit 255)', (value, message) => {
    expect(() => parseWaitTimeout(value)).toThrow(new CliError('general', message));
  });
});

describe('abortOnInterrupt', () => {
  it('aborts the signal on SIGINT, standing main.ts aside meanwhile, then forces the exit on a second one', async () => {
    const source = new EventEmitter();
    let forced = 0;
    let inside = true;
    const result = await abortOnInterrupt(
      async (signal) => {
        inside = interruptIsOurs();
        expect(signal.aborted).toBe(false);
        source.emit('SIGINT');
        expect(signal.aborted).toBe(true);
        source.emit('SIGINT');
        return 'done';
      },
      source,
      () => void forced++,
    );
    expect(result).toBe('done');
    expect(inside).toBe(false);
    expect(forced).toBe(1);
    expect(interruptIsOurs()).toBe(true);
    expect(source.listenerCount('SIGINT')).toBe(0);
  });
});
