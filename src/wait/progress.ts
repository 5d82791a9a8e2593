// --wait's progress on stderr: on a terminal one line redrawn in place (bar,
// percent, state, elapsed time, redrawn every second); otherwise one line
// each time the state or the percentage changes.
import type { SnapshotStatus } from '../request/describe.js';
import { pipeLine, ttyLine } from './format.js';

export interface StderrSink {
  write(text: string): void;
  /** Whether stderr is a terminal (a redrawn bar) or not (one line per change). */
  readonly isTty: boolean;
  /** The terminal's width, when stderr is one (80 when unknown or 0). */
  readonly columns?: number | undefined;
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
  return sink.isTty ? terminalReporter(snapshotId, sink) : pipeReporter(snapshotId, sink);
}

function terminalReporter(snapshotId: string, sink: StderrSink): ProgressReporter {
  let seen = false;
  let last: SnapshotStatus | undefined;
  let drawn: string | undefined;
  // A terminal of unknown size (or one that says 0, as some ptys do) counts as 80 wide.
  const columns = sink.columns !== undefined && sink.columns > 0 ? sink.columns : 80;
  const draw = (elapsedMs: number) => {
    const line = ttyLine(snapshotId, last, elapsedMs, columns);
    if (line === drawn) return;
    sink.write(`\r${line}${ERASE_TO_EOL}`);
    drawn = line;
  };
  return {
    wantsTicks: true,
    status(status, elapsedMs) {
      seen = true;
      last = status;
      draw(elapsedMs);
    },
    tick(elapsedMs) {
      if (seen) draw(elapsedMs);
    },
    end() {
      if (drawn !== undefined) sink.write('\n');
      drawn = undefined;
      seen = false;
    },
  };
}

function pipeReporter(snapshotId: string, sink: StderrSink): ProgressReporter {
  let printed: string | undefined;
  return {
    wantsTicks: false,
    status(status, elapsedMs) {
      const key = status === undefined ? '' : `${status.state}\0${status.progress ?? ''}`;
      if (key === printed) return;
      sink.write(`${pipeLine(snapshotId, status, elapsedMs)}\n`);
      printed = key;
    },
    tick() {},
    end() {},
  };
}
