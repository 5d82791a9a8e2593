// A clock that only moves when told (or slept on), and scripted DescribeSnapshots answers.
import { ServiceError } from '../../src/errors.js';
import type { SnapshotStatus } from '../../src/request/describe.js';
import type { Clock } from '../../src/wait/clock.js';
import type { Describe } from '../../src/wait/poll.js';

export interface FakeClock extends Clock {
  /** Every sleep asked for, in ms. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

export function fakeClock(): FakeClock {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms) => void (now += ms),
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (!signal?.aborted) now += ms;
    },
  };
}

export type Answer = SnapshotStatus | undefined | Error;

export const pending = (progress?: string): SnapshotStatus => ({ snapshotId: 'snap-1', state: 'pending', ...(progress ? { progress } : {}) });
export const completed: SnapshotStatus = { snapshotId: 'snap-1', state: 'completed', progress: '100%' };
export const failed = (stateMessage?: string): SnapshotStatus => ({
  snapshotId: 'snap-1',
  state: 'error',
  progress: '12%',
  ...(stateMessage ? { stateMessage } : {}),
});
export const throttled = () => new ServiceError('RequestLimitExceeded', 'Request limit exceeded.', 'DescribeSnapshots', 4);
export const notFound = () => new ServiceError('InvalidSnapshot.NotFound', "The snapshot 'snap-1' does not exist.", 'DescribeSnapshots');

/** Answers one per call (the last repeats); each call takes `latencyMs` of the clock. */
export function scripted(answers: readonly Answer[], clock?: FakeClock, latencyMs = 0): Describe & { calls: number } {
  const describe = async () => {
    const answer = answers[Math.min(describe.calls, answers.length - 1)];
    describe.calls += 1;
    clock?.advance(latencyMs);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  describe.calls = 0;
  return describe;
}

/** A stderr stand-in: what was written, and a terminal width that tests can change (firing the resize listeners). */
export function sink(isTty: boolean, columns?: number) {
  const writes: string[] = [];
  let width = columns;
  const listeners = new Set<() => void>();
  return {
    writes,
    isTty,
    columns: () => width,
    onResize: (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    resize(to: number) {
      width = to;
      for (const listener of listeners) listener();
    },
    listening: () => listeners.size,
    write: (text: string) => void writes.push(text),
    text: () => writes.join(''),
  };
}
