// waitForCopy with an injected DescribeSnapshots and clock: what reaches
// stderr, and the CliErrors (kind, so exit code, and text) it ends with;
// --wait-timeout's parsing; the Ctrl-C hook.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CliError, exitCodeOf, renderError, ServiceError } from '../../src/errors.js';
import type { ClientOptions } from '../../src/request/client.js';
import { interruptIsOurs } from '../../src/interrupt.js';
import { abortOnInterrupt, copiedSnapshotId, parseWaitTimeout, waitForCopies, waitForCopy, type WaitForCopyOptions } from '../../src/wait/index.js';
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
    expect(r.stderr).toBe('snap-1: pending 0% (0s)\nsnap-1: pending 40% (5s, 7s left)\nsnap-1: completed 100% (9s)\n');
  });

  it('redraws a bar every second on a terminal and ends the line', async () => {
    const r = await wait([pending('0%'), pending('50%'), completed], { tty: true, columns: 60 });
    expect(r.error).toBeUndefined();
    // 59 - (6 + 1 + 2 + 1 + 4 + 1 + 14 + 1 + 11) = 18 cells
    expect(r.stderr.split('\r').slice(1)).toEqual([
      'snap-1 [..................]   0% pending 0s\x1b[K',
      'snap-1 [..................]   0% pending 1s\x1b[K',
      'snap-1 [..................]   0% pending 2s\x1b[K',
      // the time left is counted down between polls
      'snap-1 [#########.........]  50% pending 2s, 2s left\x1b[K',
      'snap-1 [#########.........]  50% pending 3s, 1s left\x1b[K',
      'snap-1 [#########.........]  50% pending 4s, 0s left\x1b[K',
      'snap-1 [#########.........]  50% pending 5s, 0s left\x1b[K',
      'snap-1 [##################] 100% completed 5s\x1b[K\n',
    ]);
  });

  it("fails with the snapshot's StateMessage, exit 255", async () => {
    const r = await wait([pending('5%'), failed('Copy failed: the KMS key arn:aws:kms:… is disabled.')]);
    expect(r.stderr).toBe('snap-1: pending 5% (0s)\nsnap-1: error 12% (2s)\n');
    expect(r.error).toEqual(new CliError('general', 'copy-snapshot: snap-1 failed: Copy failed: the KMS key arn:aws:kms:… is disabled.', 'SnapshotCopyFailed'));
    expect(renderError(r.error!, 'copy-snapshot')).toEqual({
      stdout: '',
      stderr: '\ncopy-snapshot: snap-1 failed: Copy failed: the KMS key arn:aws:kms:… is disabled.\n',
      exitCode: 255,
    });
  });

  it('says so when a failed snapshot has no StateMessage', async () => {
    const r = await wait([failed()]);
    expect(r.error).toEqual(new CliError('general', 'copy-snapshot: snap-1 failed (EC2 gave no StateMessage)', 'SnapshotCopyFailed'));
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
        'WaitTimeout',
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

  it.each([
    ['SIGINT', 'interrupted', 130],
    ['SIGTERM', 'terminated', 143],
    ['SIGHUP', 'hangup', 129],
  ] as const)('stopped by %s: says the copy continues and how to wait again, kind %s (exit %d)', async (name, kind, exitCode) => {
    const controller = new AbortController();
    const clock = fakeClock();
    const err = sink(false);
    const describe = scripted([pending('5%'), pending('9%')], clock);
    const waiting = waitForCopies({
      snapshotIds: ['snap-1', 'snap-2'],
      client: NO_CLIENT,
      stderr: err,
      clock: { ...clock, sleep: async () => controller.abort(name) },
      describe: () => describe(),
      signal: controller.signal,
      resume: { region: 'eu-west-1', profile: 'my profile' },
    });
    const message =
      'copy-snapshot: stopped waiting; the copy snap-1 continues in EC2 (last seen: pending 5%)\n' +
      "copy-snapshot: to wait for them again: copy-snapshot --wait-for snap-1 snap-2 --region eu-west-1 --profile 'my profile'";
    await expect(waiting).rejects.toEqual(new CliError(kind, message, 'WaitStopped'));
    expect(err.text()).toBe('snap-1: pending 5% (0s)\n');
    expect(renderError(new CliError(kind, message), 'copy-snapshot')).toEqual({
      stdout: kind === 'interrupted' ? '\n' : '',
      stderr: `${message}\n`,
      exitCode,
    });
  });

  it('waits for several copies in turn, under one --wait-timeout', async () => {
    const clock = fakeClock();
    const err = sink(false);
    const asked: string[] = [];
    const r = waitForCopies({
      snapshotIds: ['snap-1', 'snap-2'],
      client: NO_CLIENT,
      stderr: err,
      clock,
      timeoutMs: 10_000,
      describe: async (id) => {
        asked.push(id);
        clock.advance(1_000);
        return id === 'snap-1' && asked.length < 3 ? pending('50%') : id === 'snap-1' ? completed : pending('10%');
      },
      resume: { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:5000' },
    });
    await expect(r).rejects.toEqual(
      new CliError(
        'general',
        'copy-snapshot: gave up waiting after 10s (--wait-timeout); the copy snap-2 is still running in EC2 (last seen: pending 10%)\n' +
          'copy-snapshot: to wait for it again: copy-snapshot --wait-for snap-2 --region us-east-1 --endpoint-url http://127.0.0.1:5000',
        'WaitTimeout',
      ),
    );
    expect(asked.slice(0, 4)).toEqual(['snap-1', 'snap-1', 'snap-1', 'snap-2']);
    // each poll takes 1 s, then 2 s and 3 s between polls; snap-2 gets what is left of the 10 s
    expect(err.text()).toBe('snap-1: pending 50% (1s)\nsnap-1: completed 100% (8s)\nsnap-2: pending 10% (1s)\n');
  });

  it('copiedSnapshotId takes the snapshot id from the CopySnapshot result', () => {
    expect(copiedSnapshotId({ SnapshotId: 'snap-9', Tags: [] })).toBe('snap-9');
    expect(() => copiedSnapshotId({})).toThrow(new CliError('general', 'copy-snapshot: --wait: the CopySnapshot response has no SnapshotId to wait for'));
    expect(() => copiedSnapshotId(undefined)).toThrow(CliError);
  });
});

describe('parseWaitTimeout', () => {
  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    [' 30 ', 30_000],
  ])('reads %j as %d ms', (value, ms) => {
    expect(parseWaitTimeout(value)).toBe(ms);
  });

  it('takes no value, 0, 0s, 0m or 0h for no limit', () => {
    for (const value of [undefined, '0', '0s', '0m', '0h']) expect(parseWaitTimeout(value)).toBeUndefined();
  });

  it.each(['x', '1.5', '', '-1', '2d', '1h30m', 'h', '٣'])('rejects %j with our own argument error (exit 2)', (value) => {
    const error = new CliError(
      'usage',
      `argument --wait-timeout: invalid duration: '${value}' (seconds, or a whole number followed by s, m, h: 90, 90s, 15m, 2h; 0 for no limit)`,
    );
    expect(() => parseWaitTimeout(value)).toThrow(error);
    expect(exitCodeOf('usage')).toBe(2);
  });
});

describe('abortOnInterrupt', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('aborts the signal on %s, standing main.ts aside meanwhile, then forces exit %d on a second one', async (name, exitCode) => {
    const source = new EventEmitter();
    const forced: number[] = [];
    let inside = true;
    const result = await abortOnInterrupt(
      async (signal) => {
        inside = interruptIsOurs();
        expect(signal.aborted).toBe(false);
        source.emit(name);
        expect(signal.aborted).toBe(true);
        expect(signal.reason).toBe(name);
        source.emit(name);
        return 'done';
      },
      {
        onInterrupt: (listener) => {
          const listeners = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((stop) => [stop, () => listener(stop)] as const);
          for (const [stop, heard] of listeners) source.on(stop, heard);
          return () => listeners.forEach(([stop, heard]) => source.off(stop, heard));
        },
        exitNow: (code) => void forced.push(code),
      },
    );
    expect(result).toBe('done');
    expect(inside).toBe(false);
    expect(forced).toEqual([exitCode]);
    expect(interruptIsOurs()).toBe(true);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) expect(source.listenerCount(signal)).toBe(0);
  });
});
