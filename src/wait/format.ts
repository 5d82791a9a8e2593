// The words and shapes of --wait's progress on stderr. Pure functions, so the
// exact strings are tested without a terminal.
import type { SnapshotStatus } from '../request/describe.js';

/** `5s`, `1m 05s`, `2h 03m 04s` (whole seconds, rounded down). */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${two(m)}m ${two(s)}s`;
  if (m > 0) return `${m}m ${two(s)}s`;
  return `${s}s`;
}

/** `45%` → 45; undefined when EC2 sent nothing usable. */
export function parsePercent(progress: string | undefined): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(progress ?? '');
  return m ? Math.min(100, Number(m[1])) : undefined;
}

/** `pending 45%`, `pending`, `completed 100%`; `not listed yet` before EC2 lists the new snapshot. */
export function describeStatus(status: SnapshotStatus | undefined): string {
  if (status === undefined) return 'not listed yet';
  return status.progress ? `${status.state} ${status.progress}` : status.state;
}

/** A point of progress: this percentage seen at this time. */
export interface ProgressSample {
  readonly percent: number;
  readonly elapsedMs: number;
}

/**
 * Time left, extrapolated from the first percentage seen to the latest at the
 * rate between them; undefined until the percentage has moved (and once it is 100).
 */
export function estimateRemainingMs(first: ProgressSample | undefined, latest: ProgressSample | undefined): number | undefined {
  if (!first || !latest || latest.percent <= first.percent || latest.percent >= 100) return undefined;
  const rate = (latest.percent - first.percent) / (latest.elapsedMs - first.elapsedMs);
  return rate > 0 && Number.isFinite(rate) ? (100 - latest.percent) / rate : undefined;
}

/** `, 3m 10s left` (or nothing without an estimate). */
export function remainingText(remainingMs: number | undefined): string {
  return remainingMs === undefined ? '' : `, ${formatElapsed(remainingMs)} left`;
}

/** One line per change when stderr is not a terminal: `snap-1: pending 45% (1m 05s, 1m 20s left)`. */
export function pipeLine(snapshotId: string, status: SnapshotStatus | undefined, elapsedMs: number, remainingMs?: number): string {
  return `${snapshotId}: ${describeStatus(status)} (${formatElapsed(elapsedMs)}${remainingText(remainingMs)})`;
}

const BAR_MAX = 30;
const BAR_MIN = 10;
/** Room kept for the widest state and elapsed time, so the bar does not change width as they do. */
const STATE_ROOM = 'not listed yet'.length;
const ELAPSED_ROOM = '10h 00m 00s'.length;

function bar(width: number, status: SnapshotStatus | undefined): string {
  const percent = status?.state === 'completed' ? 100 : (parsePercent(status?.progress) ?? 0);
  const filled = Math.max(0, Math.min(width, Math.round((width * percent) / 100)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** Below this many columns the bar is not drawn: one plain line per change instead. */
export const PLAIN_BELOW_COLUMNS = 40;

/**
 * The redrawn line when stderr is a terminal:
 * `snap-1 [#############.................]  45% pending 1m 05s, 1m 20s left`,
 * never wider than `columns - 1` (so it never wraps and `\r` redraws it);
 * the time left is shown when there is room for it.
 */
export function ttyLine(snapshotId: string, status: SnapshotStatus | undefined, elapsedMs: number, columns: number, remainingMs?: number): string {
  const percent = (status?.progress ?? '').padStart(4);
  const state = status === undefined ? 'not listed yet' : status.state;
  const tail = `${percent} ${state} ${formatElapsed(elapsedMs)}`;
  const room = columns - 1 - (snapshotId.length + 1 + 2 + 1 + 4 + 1 + STATE_ROOM + 1 + ELAPSED_ROOM);
  const width = Math.min(BAR_MAX, room);
  const line = width >= BAR_MIN ? `${snapshotId} ${bar(width, status)} ${tail}` : `${snapshotId} ${tail}`;
  const withRemaining = line + remainingText(remainingMs);
  if (withRemaining.length <= columns - 1) return withRemaining;
  return line.length > columns - 1 ? line.slice(0, Math.max(0, columns - 1)) : line;
}
