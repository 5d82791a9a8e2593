// --wait's progress on stderr: on a terminal one line redrawn in place (bar,
// percent, state, elapsed time and time left, redrawn every second and at
// once when the window is resized, always at the width the terminal has
// now); otherwise, and on a terminal narrower than PLAIN_BELOW_COLUMNS, one
// line each time the state or the percentage changes.
import type { SnapshotStatus } from '../request/describe.js';
import { estimateRemainingMs, parsePercent, pipeLine, PLAIN_BELOW_COLUMNS, ttyLine, type ProgressSample } from './format.js';

export interface StderrSink {
  write(text: string): void;
  /** Whether stderr is a terminal that can redraw a bar (not TERM=dumb) or not (one line per change). */
  readonly isTty: boolean;
  /** The terminal's width now, when stderr is one (80 when unknown or 0). */
  readonly columns?: (() => number | undefined) | undefined;
  /** Calls `listener` when the terminal changes size; returns the unsubscribe. */
  readonly onResize?: ((listener: () => void) => () => void) | undefined;
}

export interface ProgressReporter {
  /** Whether `tick` is worth calling between polls. */
  readonly wantsTicks: boolean;
  /** A poll's answer (undefined: EC2 does not list the snapshot yet). */
  status(status: SnapshotStatus | undefined, elapsedMs: number): void;
  /** Time passes with nothing new (redraws the elapsed time on a terminal). */
  tick(elapsedMs: number): void;
  /** Ends the progress display (on a terminal: the line is left as last drawn, and ended). */
  end(): void;
}

/** Erases from the cursor to the end of the line. */
const ERASE_TO_EOL = '\x1b[K';

export function progressReporter(snapshotId: string, sink: StderrSink): ProgressReporter {
  const estimate = remainingEstimator();
  return sink.isTty ? terminalReporter(snapshotId, sink, estimate) : pipeReporter(snapshotId, sink, estimate);
}

interface Estimator {
  /** Records a poll's percentage; returns the time left after it, if known. */
  observe(status: SnapshotStatus | undefined, elapsedMs: number): number | undefined;
  /** The time left at `elapsedMs`, counted down from the last estimate. */
  at(elapsedMs: number): number | undefined;
}

function remainingEstimator(): Estimator {
  let first: ProgressSample | undefined;
  let latest: ProgressSample | undefined;
  let remaining: number | undefined;
  return {
    observe(status, elapsedMs) {
      const percent = parsePercent(status?.progress);
      if (percent !== undefined && status?.state === 'pending') {
        first ??= { percent, elapsedMs };
        latest = { percent, elapsedMs };
      }
      remaining = status?.state === 'pending' ? estimateRemainingMs(first, latest) : undefined;
      return remaining;
    },
    at(elapsedMs) {
      if (remaining === undefined || latest === undefined) return undefined;
      return Math.max(0, remaining - (elapsedMs - latest.elapsedMs));
    },
  };
}

function terminalReporter(snapshotId: string, sink: StderrSink, estimate: Estimator): ProgressReporter {
  let seen = false;
  let last: SnapshotStatus | undefined;
  let lastElapsed = 0;
  let drawn: string | undefined;
  const plain = pipeReporter(snapshotId, sink, estimate);
  // A terminal of unknown size (or one that says 0, as some ptys do) counts as 80 wide.
  const columns = () => {
    const now = sink.columns?.();
    return now !== undefined && now > 0 ? now : 80;
  };
  const draw = (elapsedMs: number, changed: boolean) => {
    lastElapsed = elapsedMs;
    const width = columns();
    if (width < PLAIN_BELOW_COLUMNS) {
      // Too narrow for a bar: plain lines, after ending a bar drawn while it was wider.
      if (drawn !== undefined) sink.write('\n');
      drawn = undefined;
      if (changed) plain.print(last, elapsedMs);
      return;
    }
    const line = ttyLine(snapshotId, last, elapsedMs, width, estimate.at(elapsedMs));
    if (line === drawn) return;
    sink.write(`\r${line}${ERASE_TO_EOL}`);
    drawn = line;
  };
  const unsubscribe = sink.onResize?.(() => {
    if (seen) draw(lastElapsed, false);
  });
  return {
    wantsTicks: true,
    status(status, elapsedMs) {
      seen = true;
      last = status;
      estimate.observe(status, elapsedMs);
      draw(elapsedMs, true);
    },
    tick(elapsedMs) {
      if (seen) draw(elapsedMs, false);
    },
    end() {
      unsubscribe?.();
      if (drawn !== undefined) sink.write('\n');
      drawn = undefined;
      seen = false;
    },
  };
}

function pipeReporter(snapshotId: string, sink: StderrSink, estimate: Estimator): ProgressReporter & { print(status: SnapshotStatus | undefined, elapsedMs: number): void } {
  let printed: string | undefined;
  const print = (status: SnapshotStatus | undefined, elapsedMs: number) => {
    const key = status === undefined ? '' : `${status.state}\0${status.progress ?? ''}`;
    if (key === printed) return;
    sink.write(`${pipeLine(snapshotId, status, elapsedMs, estimate.at(elapsedMs))}\n`);
    printed = key;
  };
  return {
    wantsTicks: false,
    status(status, elapsedMs) {
      estimate.observe(status, elapsedMs);
      print(status, elapsedMs);
    },
    print,
    tick() {},
    end() {},
  };
}
