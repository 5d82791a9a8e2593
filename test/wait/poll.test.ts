// The poll loop with an injected describe function and clock: outcomes,
// backoff intervals, throttling, the not-yet-listed grace, the deadline and
// the abort signal.
import { describe, expect, it } from 'vitest';
import { CliError, ServiceError } from '../../src/errors.js';
import { DEFAULT_BACKOFF, isThrottling, pollUntilDone, type PollOptions } from '../../src/wait/poll.js';
import { completed, failed, fakeClock, notFound, pending, scripted, throttled, type Answer, type FakeClock } from './fakes.js';

function poll(answers: readonly Answer[], options: Partial<PollOptions> & { clock?: FakeClock; latencyMs?: number } = {}) {
  const clock = options.clock ?? fakeClock();
  const describe = scripted(answers, clock, options.latencyMs);
  const seen: string[] = [];
  const outcome = pollUntilDone({
    snapshotId: 'snap-1',
    describe,
    onStatus: (status, elapsedMs) => seen.push(`${elapsedMs}:${status ? `${status.state} ${status.progress ?? ''}`.trim() : '-'}`),
    ...options,
    clock,
  });
  return { outcome, clock, describe, seen };
}

describe('pollUntilDone', () => {
  it('returns completed as soon as DescribeSnapshots says so, reporting every answer', async () => {
    const { outcome, clock, seen } = poll([pending('0%'), pending('30%'), pending('80%'), completed]);
    expect(await outcome).toEqual({ kind: 'completed', status: completed, elapsedMs: 9_500 });
    expect(clock.sleeps).toEqual([2_000, 3_000, 4_500]);
    expect(seen).toEqual(['0:pending 0%', '2000:pending 30%', '5000:pending 80%', '9500:completed 100%']);
  });

  it('does not sleep when the first answer is completed', async () => {
    const { outcome, clock, describe } = poll([completed]);
    expect((await outcome).kind).toBe('completed');
    expect(clock.sleeps).toEqual([]);
    expect(describe.calls).toBe(1);
  });

  it('returns failed with the status (and its StateMessage) on the error state', async () => {
    const status = failed('Copy failed: the KMS key is disabled.');
    const { outcome } = poll([pending('5%'), status]);
    expect(await outcome).toEqual({ kind: 'failed', status, elapsedMs: 2_000 });
  });

  it('backs off 2 s × 1.5 up to 15 s by default', async () => {
    const answers = [...Array.from({ length: 9 }, () => pending('1%')), completed];
    const { outcome, clock } = poll(answers);
    await outcome;
    expect(clock.sleeps).toEqual([2_000, 3_000, 4_500, 6_750, 10_125, 15_000, 15_000, 15_000, 15_000]);
    expect(DEFAULT_BACKOFF).toEqual({ initialMs: 2_000, factor: 1.5, maxMs: 15_000, throttledMaxMs: 60_000 });
  });

  it('follows an injected backoff', async () => {
    const { outcome, clock } = poll([pending(), pending(), pending(), pending(), completed], {
      backoff: { initialMs: 10, factor: 2, maxMs: 50, throttledMaxMs: 100 },
    });
    await outcome;
    expect(clock.sleeps).toEqual([10, 20, 40, 50]);
  });

  it('waits longer after a throttled poll, and goes on polling', async () => {
    const throttledAt: string[] = [];
    const { outcome, clock, seen } = poll([pending('1%'), throttled(), throttled(), pending('50%'), pending('60%'), completed], {
      onThrottled: (next, elapsed) => throttledAt.push(`${elapsed}:${next}`),
    });
    expect((await outcome).kind).toBe('completed');
    // 2 s after the first answer; then 3 s doubled to 6 s, doubled to 12 s; then back under the 15 s cap.
    expect(clock.sleeps).toEqual([2_000, 6_000, 12_000, 12_000, 15_000]);
    expect(throttledAt).toEqual(['2000:6000', '8000:12000']);
    expect(seen).toEqual(['0:pending 1%', '20000:pending 50%', '32000:pending 60%', '47000:completed 100%']);
  });

  it('never waits more than throttledMaxMs between throttled polls', async () => {
    const { outcome, clock } = poll([...Array.from({ length: 8 }, () => throttled()), completed]);
    await outcome;
    expect(clock.sleeps).toEqual([4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000]);
  });

  it('tells throttling errors from others by their code', () => {
    expect(isThrottling(throttled())).toBe(true);
    expect(isThrottling(new ServiceError('Throttling', 'Rate exceeded', 'DescribeSnapshots'))).toBe(true);
    expect(isThrottling(new ServiceError('InternalError', 'oops', 'DescribeSnapshots'))).toBe(false);
    expect(isThrottling(new CliError('connection', 'Could not connect'))).toBe(false);
  });

  it('throws other errors of the describe call as they are', async () => {
    const denied = new ServiceError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 'DescribeSnapshots');
    const { outcome } = poll([pending('1%'), denied]);
    await expect(outcome).rejects.toBe(denied);
    const refused = new CliError('connection', 'Could not connect to the endpoint URL: "http://127.0.0.1:1/"');
    await expect(poll([refused]).outcome).rejects.toBe(refused);
  });

  it('takes InvalidSnapshot.NotFound for "not listed yet" during the grace period', async () => {
    const { outcome, seen } = poll([notFound(), undefined, pending('0%'), completed]);
    expect((await outcome).kind).toBe('completed');
    expect(seen).toEqual(['0:-', '2000:-', '5000:pending 0%', '9500:completed 100%']);
  });

  it('fails when the snapshot is still not listed after the grace period', async () => {
    const error = notFound();
    await expect(poll([error], { notListedGraceMs: 5_000 }).outcome).rejects.toBe(error);
    await expect(poll([undefined], { notListedGraceMs: 5_000 }).outcome).rejects.toThrow(
      new CliError('general', 'copy-snapshot: DescribeSnapshots does not list snap-1'),
    );
  });

  it('times out after the deadline, polling one last time at the deadline', async () => {
    const { outcome, clock, describe } = poll([pending('10%'), pending('20%'), pending('30%'), pending('40%')], { timeoutMs: 7_000 });
    expect(await outcome).toEqual({ kind: 'timeout', last: pending('40%'), elapsedMs: 7_000 });
    expect(clock.sleeps).toEqual([2_000, 3_000, 2_000]);
    expect(describe.calls).toBe(4);
  });

  it('with a zero timeout, polls once', async () => {
    const { outcome, describe } = poll([pending('10%')], { timeoutMs: 0 });
    expect(await outcome).toEqual({ kind: 'timeout', last: pending('10%'), elapsedMs: 0 });
    expect(describe.calls).toBe(1);
    expect((await poll([completed], { timeoutMs: 0 }).outcome).kind).toBe('completed');
  });

  it('counts the time the requests take against the deadline', async () => {
    // Polls end at 1.5 s and 5 s; the sleep after the second is cut to the deadline; the last poll ends at 7.5 s.
    const { outcome, clock, describe } = poll([pending('1%')], { timeoutMs: 6_000, latencyMs: 1_500 });
    expect(await outcome).toEqual({ kind: 'timeout', last: pending('1%'), elapsedMs: 7_500 });
    expect(clock.sleeps).toEqual([2_000, 1_000]);
    expect(describe.calls).toBe(3);
  });

  it('times out while throttled too', async () => {
    const { outcome } = poll([pending('5%'), throttled()], { timeoutMs: 30_000 });
    expect(await outcome).toMatchObject({ kind: 'timeout', last: pending('5%'), elapsedMs: 30_000 });
  });

  it('stops with interrupted when the signal aborts during a sleep', async () => {
    const controller = new AbortController();
    const clock = fakeClock();
    const sleep = clock.sleep;
    clock.sleep = async (ms, signal) => {
      if (clock.sleeps.length === 1) controller.abort();
      return sleep(ms, signal);
    };
    const { outcome, describe } = poll([pending('5%'), pending('6%'), pending('7%')], { clock, signal: controller.signal });
    expect(await outcome).toEqual({ kind: 'interrupted', last: pending('6%'), elapsedMs: 2_000 });
    expect(describe.calls).toBe(2);
  });

  it('stops with interrupted when the signal aborts during a request', async () => {
    const controller = new AbortController();
    const outcome = pollUntilDone({
      snapshotId: 'snap-1',
      clock: fakeClock(),
      signal: controller.signal,
      describe: async () => {
        controller.abort();
        throw new Error('Request aborted');
      },
    });
    expect(await outcome).toEqual({ kind: 'interrupted', last: undefined, elapsedMs: 0 });
  });

  it('does not poll at all when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { outcome, describe } = poll([completed], { signal: controller.signal });
    expect((await outcome).kind).toBe('interrupted');
    expect(describe.calls).toBe(0);
  });

  it('ticks every tickMs between polls when asked', async () => {
    const ticks: number[] = [];
    const { outcome, clock } = poll([pending('1%'), pending('2%'), completed], { onTick: (elapsed) => ticks.push(elapsed), tickMs: 1_000 });
    await outcome;
    expect(clock.sleeps).toEqual([1_000, 1_000, 1_000, 1_000, 1_000]);
    expect(ticks).toEqual([1_000, 2_000, 3_000, 4_000, 5_000]);
  });

  it('ticks in pieces that add up to the interval', async () => {
    const { outcome, clock } = poll([pending(), pending(), completed], { onTick: () => {}, tickMs: 800 });
    await outcome;
    expect(clock.sleeps).toEqual([800, 800, 400, 800, 800, 800, 600]);
  });
});
