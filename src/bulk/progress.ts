// What a bulk copy says on stderr. With --wait: on a pipe, one line per
// change of a copy; on a terminal, finished copies get a line each and the
// copies in flight plus a total are redrawn in place below them. The words
// of failures, timeouts and interruptions are here too.
import type { Io } from '../cli.js';
import { describeStatus, formatElapsed } from '../wait/format.js';
import type { CopyOutcome } from './plan.js';
import { escapeControls } from '../output/terminal.js';
import { PROGRAM_NAME as PROG } from '../model/copy-snapshot.js';

/** Text from the network made safe for a terminal: control characters shown escaped, as everywhere else. */
export function plain(text: string): string {
  return escapeControls(text);
}

interface Status {
  readonly state: string;
  readonly progress?: string;
}

export interface BulkProgress {
  update(sourceId: string, copyId: string, status: Status, elapsedMs?: number): void;
  end(): void;
}

const NONE: BulkProgress = { update() {}, end() {} };

export function progressLine(sourceId: string, copyId: string, status: Status, elapsedMs: number): string {
  return plain(`${sourceId} -> ${copyId}: ${describeStatus({ snapshotId: copyId, ...status })} (${formatElapsed(elapsedMs)})`);
}

/** `12 copies: 7 completed, 3 pending, 1 failed, 1 waiting (1m 05s)`. */
export function totalLine(total: number, states: Iterable<string>, elapsedMs: number): string {
  const count: Record<string, number> = {};
  for (const state of states) count[state] = (count[state] ?? 0) + 1;
  const started = Object.values(count).reduce((a, b) => a + b, 0);
  return `${total} copies: ${count.completed ?? 0} completed, ${count.pending ?? 0} pending, ${count.error ?? 0} failed, ${total - started} waiting (${formatElapsed(elapsedMs)})`;
}

export function bulkProgress(io: Io | undefined, total: number): BulkProgress {
  if (io === undefined) return NONE;
  const last = new Map<string, string>();
  if (io.stderrIsTty !== true) {
    return {
      update(sourceId, copyId, status, elapsedMs = 0) {
        const key = `${copyId}\0${status.state}\0${status.progress ?? ''}`;
        if (last.get(sourceId) === key) return;
        last.set(sourceId, key);
        io.writeStderr(`${progressLine(sourceId, copyId, status, elapsedMs)}\n`);
      },
      end() {},
    };
  }
  // The width now: the terminal may have been resized since the last draw.
  const width = () => Math.max(20, io.stderrColumns?.() || 80) - 1;
  const inFlight = new Map<string, string>();
  const states = new Map<string, string>();
  let drawn = 0;
  const fit = (line: string) => (line.length > width() ? line.slice(0, width()) : line);
  return {
    update(sourceId, copyId, status, elapsedMs = 0) {
      states.set(sourceId, status.state);
      let out = drawn > 0 ? `\x1b[${drawn}A\r\x1b[J` : '';
      const line = fit(progressLine(sourceId, copyId, status, elapsedMs));
      if (status.state === 'pending') inFlight.set(sourceId, line);
      else {
        inFlight.delete(sourceId);
        out += `${line}\n`;
      }
      const block = [...inFlight.values(), fit(totalLine(total, states.values(), elapsedMs))];
      out += block.map((l) => `${l}\n`).join('');
      drawn = block.length;
      io.writeStderr(out);
    },
    end() {},
  };
}

export function failureLine(copy: CopyOutcome): string {
  const what = copy.SnapshotId === undefined ? `the copy of ${copy.SourceSnapshotId}` : `${copy.SnapshotId} (copy of ${copy.SourceSnapshotId})`;
  return plain(`${PROG}: ${what} failed: ${copy.StateMessage ?? 'EC2 gave no StateMessage'}`);
}

export function timeoutLine(timeoutMs: number, stillPending: readonly string[]): string {
  return `${PROG}: gave up waiting after ${formatElapsed(timeoutMs)} (--wait-timeout); still running in EC2: ${stillPending.join(', ')}`;
}

export function interruptedLine(going: readonly string[], notStarted: number): string {
  const goes = going.length === 0 ? 'no copy is in flight' : `these copies continue in EC2: ${going.join(', ')}`;
  return plain(`${PROG}: stopped; ${goes}; ${notStarted} not started (run the same command again to resume)`);
}
