// --wait: after CopySnapshot is accepted (and its result printed on stdout),
// poll DescribeSnapshots in the destination Region until the new snapshot is
// completed, with progress on stderr. Failures are CliErrors:
//   the copy failed (state `error`)    general, 255, with EC2's StateMessage
//   --wait-timeout reached             general, 255, naming the snapshot
//   DescribeSnapshots itself failed    as v1 words it (service/connection), 255
//   interrupted (the signal aborted)   interrupted, 130; the notice is written here
import { CliError } from '../errors.js';
import { escapeControls } from '../output/terminal.js';
import type { ClientOptions } from '../request/client.js';
import { snapshotDescriber, type SnapshotStatus } from '../request/describe.js';
import { systemClock, type Clock } from './clock.js';
import { describeStatus, formatElapsed } from './format.js';
import { DEFAULT_BACKOFF, pollUntilDone, type Backoff, type Describe } from './poll.js';
import { progressReporter, type StderrSink } from './progress.js';

export { abortOnInterrupt } from './interrupt.js';
export { parseWaitTimeout } from './timeout.js';
export type { Clock } from './clock.js';
export type { StderrSink } from './progress.js';

const PROG = 'copy-snapshot';

export interface WaitForCopyOptions {
  /** The new snapshot (CopySnapshot's SnapshotId). */
  readonly snapshotId: string;
  /** The EC2 client settings of the copy (`clientOptions(context)`): its Region is the destination. */
  readonly client: ClientOptions;
  /** From parseWaitTimeout; undefined waits for ever. */
  readonly timeoutMs?: number | undefined;
  readonly stderr: StderrSink;
  /** Aborting it (Ctrl-C) stops the wait: exit 130, the copy going on in EC2. */
  readonly signal?: AbortSignal | undefined;
  readonly clock?: Clock | undefined;
  readonly backoff?: Partial<Backoff> | undefined;
  readonly notListedGraceMs?: number | undefined;
  /** Redraw interval of the terminal bar (default 1 s). */
  readonly tickMs?: number | undefined;
  /** Replaces DescribeSnapshots (unit tests). */
  readonly describe?: Describe | undefined;
}

function lastSeen(status: SnapshotStatus | undefined): string {
  return status === undefined ? '' : ` (last seen: ${describeStatus(status)})`;
}

export function failureMessage(snapshotId: string, status: SnapshotStatus): string {
  return status.stateMessage
    ? `${PROG}: ${snapshotId} failed: ${status.stateMessage}`
    : `${PROG}: ${snapshotId} failed (EC2 gave no StateMessage)`;
}

export function timeoutMessage(snapshotId: string, timeoutMs: number, last: SnapshotStatus | undefined): string {
  return `${PROG}: gave up waiting after ${formatElapsed(timeoutMs)} (--wait-timeout); the copy ${snapshotId} is still running in EC2${lastSeen(last)}`;
}

export function interruptedMessage(snapshotId: string, last: SnapshotStatus | undefined): string {
  return `${PROG}: stopped waiting; the copy ${snapshotId} continues in EC2${lastSeen(last)}`;
}

/** A status as shown: EC2's words with control characters escaped. */
function shownStatus(status: SnapshotStatus | undefined): SnapshotStatus | undefined {
  if (status === undefined) return undefined;
  const shown: SnapshotStatus = { ...status, snapshotId: escapeControls(status.snapshotId), state: escapeControls(status.state) };
  if (status.progress !== undefined) Object.assign(shown, { progress: escapeControls(status.progress) });
  if (status.stateMessage !== undefined) Object.assign(shown, { stateMessage: escapeControls(status.stateMessage) });
  return shown;
}

/** Waits for the copy to complete; throws a CliError otherwise (see the top of this file). */
export async function waitForCopy(options: WaitForCopyOptions): Promise<void> {
  const { snapshotId, stderr } = options;
  const describer = options.describe ? undefined : await snapshotDescriber(options.client);
  const describe: Describe = options.describe ?? ((signal) => describer!.describe(snapshotId, signal));
  // What EC2 sends is shown with its control characters escaped, on a terminal or not (--wait is ours: no v1 bytes to keep).
  const shownId = escapeControls(snapshotId);
  const reporter = progressReporter(shownId, stderr);
  let outcome;
  try {
    outcome = await pollUntilDone({
      snapshotId,
      describe,
      clock: options.clock ?? systemClock,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      notListedGraceMs: options.notListedGraceMs,
      onStatus: (status, elapsedMs) => reporter.status(shownStatus(status), elapsedMs),
      onTick: reporter.wantsTicks ? (elapsedMs) => reporter.tick(elapsedMs) : undefined,
      tickMs: options.tickMs,
    });
  } finally {
    reporter.end();
    describer?.close();
  }
  switch (outcome.kind) {
    case 'completed':
      return;
    case 'failed':
      throw new CliError('general', failureMessage(shownId, shownStatus(outcome.status)!));
    case 'timeout':
      throw new CliError('general', timeoutMessage(shownId, options.timeoutMs ?? outcome.elapsedMs, shownStatus(outcome.last)));
    case 'interrupted': {
      // The 'interrupted' kind prints nothing on stderr (v1's Ctrl-C): say it here.
      const message = interruptedMessage(shownId, shownStatus(outcome.last));
      stderr.write(`${message}\n`);
      throw new CliError('interrupted', message);
    }
  }
}

/** CopySnapshot's SnapshotId, from the result as copySnapshot() returns it. */
export function copiedSnapshotId(result: unknown): string {
  const id = (result as { SnapshotId?: unknown } | null | undefined)?.SnapshotId;
  if (typeof id !== 'string' || id === '') {
    throw new CliError('general', `${PROG}: --wait: the CopySnapshot response has no SnapshotId to wait for`);
  }
  return id;
}

export interface WaitAfterCopyOptions extends Omit<WaitForCopyOptions, 'snapshotId'> {
  /** What copySnapshot() returned. */
  readonly result: unknown;
}

/** The call for cli.ts: the snapshot id from the CopySnapshot result, then waitForCopy. */
export async function waitAfterCopy(options: WaitAfterCopyOptions): Promise<void> {
  const { result, ...rest } = options;
  await waitForCopy({ ...rest, snapshotId: copiedSnapshotId(result) });
}
