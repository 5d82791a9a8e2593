// The --wait poll loop: DescribeSnapshots until the copy is completed or
// failed, with a growing interval, throttling answered by waiting longer, an
// optional deadline and an AbortSignal (Ctrl-C). The describe call and the
// clock are injected, so every path is tested without a network or waiting.
import { CliError, ServiceError } from '../errors.js';
import type { SnapshotStatus } from '../request/describe.js';
import { THROTTLING_CODES } from '../request/retry-rules.js';
import type { Clock } from './clock.js';
import { PROGRAM_NAME } from '../model/copy-snapshot.js';

export interface Backoff {
  /** Before the second poll. */
  readonly initialMs: number;
  /** Each interval is the previous one times this… */
  readonly factor: number;
  /** …up to this. */
  readonly maxMs: number;
  /** A throttled poll doubles the interval, up to this. */
  readonly throttledMaxMs: number;
}

/** 2 s, 3 s, 4.5 s, … 15 s; throttling doubles the wait, up to 60 s. */
export const DEFAULT_BACKOFF: Backoff = { initialMs: 2000, factor: 1.5, maxMs: 15_000, throttledMaxMs: 60_000 };

/** How long EC2 may not list a new copy (InvalidSnapshot.NotFound) before that counts as an error. */
export const DEFAULT_NOT_LISTED_GRACE_MS = 60_000;

export function isThrottling(error: unknown): boolean {
  return error instanceof ServiceError && THROTTLING_CODES.has(error.code);
}

function isNotListed(error: unknown): boolean {
  return error instanceof ServiceError && error.code === 'InvalidSnapshot.NotFound';
}

export type Describe = (signal?: AbortSignal) => Promise<SnapshotStatus | undefined>;

export interface PollOptions {
  readonly snapshotId: string;
  readonly describe: Describe;
  readonly clock: Clock;
  /** Give up after this long (one last poll happens at the deadline); undefined waits for ever. */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly backoff?: Backoff | undefined;
  readonly notListedGraceMs?: number | undefined;
  /** After every answered poll (undefined: not listed yet). */
  readonly onStatus?: (status: SnapshotStatus | undefined, elapsedMs: number) => void;
  /** Every `tickMs` while waiting between polls. */
  readonly onTick?: ((elapsedMs: number) => void) | undefined;
  readonly tickMs?: number | undefined;
  /** A poll was throttled; the next one comes after `nextPollMs`. */
  readonly onThrottled?: (nextPollMs: number, elapsedMs: number) => void;
}

export type PollOutcome =
  | { readonly kind: 'completed' | 'failed'; readonly status: SnapshotStatus; readonly elapsedMs: number }
  | { readonly kind: 'timeout' | 'interrupted'; readonly last: SnapshotStatus | undefined; readonly elapsedMs: number };

/**
 * Polls until the snapshot is `completed` or `error`, the deadline passes or
 * the signal aborts. Errors of the describe call other than throttling (and
 * InvalidSnapshot.NotFound during the grace period) are thrown as they are.
 */
export async function pollUntilDone(options: PollOptions): Promise<PollOutcome> {
  const { clock, signal } = options;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const grace = options.notListedGraceMs ?? DEFAULT_NOT_LISTED_GRACE_MS;
  const start = clock.now();
  const elapsed = () => clock.now() - start;
  const deadline = options.timeoutMs === undefined ? Infinity : start + options.timeoutMs;
  let interval = backoff.initialMs;
  let last: SnapshotStatus | undefined;
  const grow = () => {
    const next = interval;
    interval = Math.min(Math.round(interval * backoff.factor), Math.max(backoff.maxMs, backoff.initialMs));
    return next;
  };

  for (;;) {
    if (signal?.aborted) return { kind: 'interrupted', last, elapsedMs: elapsed() };
    let wait: number;
    try {
      const status = await options.describe(signal);
      if (status === undefined && elapsed() >= grace) {
        throw new CliError('general', `${PROGRAM_NAME}: DescribeSnapshots does not list ${options.snapshotId}`);
      }
      if (status !== undefined) last = status;
      options.onStatus?.(status, elapsed());
      if (status?.state === 'completed') return { kind: 'completed', status, elapsedMs: elapsed() };
      if (status?.state === 'error') return { kind: 'failed', status, elapsedMs: elapsed() };
      wait = grow();
    } catch (error) {
      if (signal?.aborted) return { kind: 'interrupted', last, elapsedMs: elapsed() };
      if (isThrottling(error)) {
        interval = Math.min(interval * 2, Math.max(backoff.throttledMaxMs, interval));
        wait = interval;
        options.onThrottled?.(wait, elapsed());
      } else if (isNotListed(error) && elapsed() < grace) {
        options.onStatus?.(undefined, elapsed());
        wait = grow();
      } else {
        throw error;
      }
    }
    const now = clock.now();
    if (now >= deadline) return { kind: 'timeout', last, elapsedMs: elapsed() };
    await sleepTicking(Math.min(wait, deadline - now), options, elapsed);
  }
}

async function sleepTicking(ms: number, options: PollOptions, elapsed: () => number): Promise<void> {
  const { clock, signal, onTick } = options;
  if (!onTick) return clock.sleep(ms, signal);
  const step = Math.max(1, options.tickMs ?? 1000);
  for (let left = ms; left > 0 && !signal?.aborted; left -= step) {
    await clock.sleep(Math.min(step, left), signal);
    if (!signal?.aborted) onTick(elapsed());
  }
}
