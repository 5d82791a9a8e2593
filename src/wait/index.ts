// --wait: after CopySnapshot is accepted (and its result printed on stdout),
// poll DescribeSnapshots in the destination Region until the new snapshot is
// completed, with progress on stderr. Failures are CliErrors:
//   the copy failed (state `error`)    general, 255, with EC2's StateMessage
//   --wait-timeout reached             general, 255, naming the snapshot
//   DescribeSnapshots itself failed    as v1 words it (service/connection), 255
//   stopped (SIGINT, SIGTERM, SIGHUP)  interrupted 130, terminated 143, hangup 129,
//                                      saying which copies go on and how to wait again
// What EC2 sends (ids, states, StateMessage) is shown with its control
// characters escaped, on a terminal or not: --wait is ours, no v1 bytes to keep.
import { CliError, type ErrorKind } from '../errors.js';
import { escapeControls } from '../output/terminal.js';
import { shellWord } from '../shell-word.js';
import type { ClientOptions } from '../request/client.js';
import { snapshotDescriber, type SnapshotStatus } from '../request/describe.js';
import { systemClock, type Clock } from './clock.js';
import { describeStatus, formatElapsed } from './format.js';
import { DEFAULT_BACKOFF, pollUntilDone, type Backoff, type Describe } from './poll.js';
import { progressReporter, type StderrSink } from './progress.js';
import { stopSignalOf, type StopSignal } from './interrupt.js';
import { PROGRAM_NAME as PROG } from '../model/copy-snapshot.js';
import { GLOBAL_OPTIONS } from '../model/globals.js';
import { flagOf } from '../model/options.js';
import { WAIT_OPTIONS } from '../model/wait.js';

export { abortOnInterrupt, STOP_SIGNALS } from './interrupt.js';
export { parseWaitTimeout } from './timeout.js';
export type { Clock } from './clock.js';
export type { StderrSink } from './progress.js';

export interface WaitForCopyOptions {
  /** The new snapshot (CopySnapshot's SnapshotId). */
  readonly snapshotId: string;
  /** The EC2 client settings of the copy (`clientOptions(context)`): its Region is the destination. */
  readonly client: ClientOptions;
  /** From parseWaitTimeout; undefined waits for ever. */
  readonly timeoutMs?: number | undefined;
  readonly stderr: StderrSink;
  /** Aborting it (a stop signal) stops the wait: exit 130/143/129, the copy going on in EC2. */
  readonly signal?: AbortSignal | undefined;
  /** Where the copies were made, for the command that waits for them again. */
  readonly resume?: ResumeHint | undefined;
  readonly clock?: Clock | undefined;
  readonly backoff?: Partial<Backoff> | undefined;
  readonly notListedGraceMs?: number | undefined;
  /** Redraw interval of the terminal bar (default 1 s). */
  readonly tickMs?: number | undefined;
  /** Replaces DescribeSnapshots (unit tests). */
  readonly describe?: Describe | undefined;
}

export interface WaitForCopiesOptions extends Omit<WaitForCopyOptions, 'snapshotId' | 'describe'> {
  /** Waited for one after the other (they copy in parallel in EC2), under one --wait-timeout. */
  readonly snapshotIds: readonly string[];
  readonly describe?: ((snapshotId: string, signal?: AbortSignal) => ReturnType<Describe>) | undefined;
}

/** The settings a later `--wait-for` needs to find the copies: the Region, and the profile and endpoint if given. */
export interface ResumeHint {
  readonly region: string;
  readonly profile?: string | undefined;
  readonly endpointUrl?: string | undefined;
}

/** Codes of --cli-error-format's document for the ways a wait ends badly. */
export const WAIT_ERROR_CODES = { failed: 'SnapshotCopyFailed', timeout: 'WaitTimeout', stopped: 'WaitStopped' } as const;

function lastSeen(status: SnapshotStatus | undefined): string {
  return status === undefined ? '' : ` (last seen: ${describeStatus(status)})`;
}

/** `copy-snapshot --wait-for snap-1 snap-2 --region eu-west-1 [--profile p] [--endpoint-url u]`. */
export function resumeCommand(snapshotIds: readonly string[], hint: ResumeHint): string {
  const words = [PROG, flagOf(WAIT_OPTIONS, 'waitFor'), ...snapshotIds, flagOf(GLOBAL_OPTIONS, 'region'), hint.region];
  if (hint.profile !== undefined) words.push(flagOf(GLOBAL_OPTIONS, 'profile'), hint.profile);
  if (hint.endpointUrl !== undefined) words.push(flagOf(GLOBAL_OPTIONS, 'endpointUrl'), hint.endpointUrl);
  return words.map(shellWord).join(' ');
}

function resumeLine(snapshotIds: readonly string[], hint: ResumeHint | undefined): string {
  if (hint === undefined) return '';
  return `\n${PROG}: to wait for ${snapshotIds.length === 1 ? 'it' : 'them'} again: ${resumeCommand(snapshotIds, hint)}`;
}

export function failureMessage(snapshotId: string, status: SnapshotStatus): string {
  return status.stateMessage
    ? `${PROG}: ${snapshotId} failed: ${status.stateMessage}`
    : `${PROG}: ${snapshotId} failed (EC2 gave no StateMessage)`;
}

export function timeoutMessage(snapshotId: string, timeoutMs: number, last: SnapshotStatus | undefined, waiting: readonly string[] = [snapshotId], hint?: ResumeHint): string {
  return `${PROG}: gave up waiting after ${formatElapsed(timeoutMs)} (--wait-timeout); the copy ${snapshotId} is still running in EC2${lastSeen(last)}${resumeLine(waiting, hint)}`;
}

export function interruptedMessage(snapshotId: string, last: SnapshotStatus | undefined, waiting: readonly string[] = [snapshotId], hint?: ResumeHint): string {
  return `${PROG}: stopped waiting; the copy ${snapshotId} continues in EC2${lastSeen(last)}${resumeLine(waiting, hint)}`;
}

/** The error kind (and so the exit code) a wait stopped by each signal ends with. */
export const STOPPED_KIND: Record<StopSignal, ErrorKind> = { SIGINT: 'interrupted', SIGTERM: 'terminated', SIGHUP: 'hangup' };

/** A status as shown: EC2's words with control characters escaped. */
function shownStatus(status: SnapshotStatus | undefined): SnapshotStatus | undefined {
  if (status === undefined) return undefined;
  const shown: SnapshotStatus = { ...status, snapshotId: escapeControls(status.snapshotId), state: escapeControls(status.state) };
  if (status.progress !== undefined) Object.assign(shown, { progress: escapeControls(status.progress) });
  if (status.stateMessage !== undefined) Object.assign(shown, { stateMessage: escapeControls(status.stateMessage) });
  return shown;
}

/** Waits for one copy to complete; throws a CliError otherwise (see the top of this file). */
export async function waitForCopy(options: WaitForCopyOptions): Promise<void> {
  const { snapshotId, describe, ...rest } = options;
  await waitForCopies({ ...rest, snapshotIds: [snapshotId], describe: describe && ((_id, signal) => describe(signal)) });
}

/** Waits for each copy in turn; throws a CliError for the first that does not complete. */
export async function waitForCopies(options: WaitForCopiesOptions): Promise<void> {
  const { snapshotIds, stderr } = options;
  const clock = options.clock ?? systemClock;
  const start = clock.now();
  const describer = options.describe ? undefined : await snapshotDescriber(options.client);
  try {
    for (const [index, snapshotId] of snapshotIds.entries()) {
      const describe: Describe = options.describe
        ? (signal) => options.describe!(snapshotId, signal)
        : (signal) => describer!.describe(snapshotId, signal);
      const timeoutMs = options.timeoutMs === undefined ? undefined : Math.max(0, options.timeoutMs - (clock.now() - start));
      const shownId = escapeControls(snapshotId);
      const reporter = progressReporter(shownId, stderr);
      let outcome;
      try {
        outcome = await pollUntilDone({
          snapshotId,
          describe,
          clock,
          timeoutMs,
          signal: options.signal,
          backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
          notListedGraceMs: options.notListedGraceMs,
          onStatus: (status, elapsedMs) => reporter.status(shownStatus(status), elapsedMs),
          onTick: reporter.wantsTicks ? (elapsedMs) => reporter.tick(elapsedMs) : undefined,
          tickMs: options.tickMs,
        });
      } finally {
        reporter.end();
      }
      const waiting = snapshotIds.slice(index);
      switch (outcome.kind) {
        case 'completed':
          continue;
        case 'failed':
          throw new CliError('general', failureMessage(shownId, shownStatus(outcome.status)!), WAIT_ERROR_CODES.failed);
        case 'timeout':
          throw new CliError(
            'general',
            timeoutMessage(shownId, options.timeoutMs ?? outcome.elapsedMs, shownStatus(outcome.last), waiting.map(escapeControls), options.resume),
            WAIT_ERROR_CODES.timeout,
          );
        case 'interrupted': {
          const kind = STOPPED_KIND[stopSignalOf(options.signal) ?? 'SIGINT'];
          throw new CliError(kind, interruptedMessage(shownId, shownStatus(outcome.last), waiting.map(escapeControls), options.resume), WAIT_ERROR_CODES.stopped);
        }
      }
    }
  } finally {
    describer?.close();
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
