// Ctrl-C, SIGTERM or SIGHUP while --wait polls: instead of the usual exit
// (main.ts, or the signal's default), abort the wait so it can say that the
// copy goes on in EC2. A second signal, if the wait has not ended by then,
// exits at once. The signals and the exit come from io (main.ts hands in the
// process's).
import { whileChildOwnsTerminal } from '../interrupt.js';

/** The signals that stop a wait, and the exit code each ends with (128 + its number). */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** Where stop signals come from, and how to end at once (Io's onInterrupt and exitNow). */
export interface InterruptSource {
  /** Calls `listener` with each stop signal received; returns the unsubscribe. */
  readonly onInterrupt?: (listener: (signal: StopSignal) => void) => () => void;
  /** Ends the program now with `exitCode`. */
  readonly exitNow?: (exitCode: number) => void;
}

/** Which signal aborted `signal`, if one did. */
export function stopSignalOf(signal: AbortSignal | undefined): StopSignal | undefined {
  const reason: unknown = signal?.reason;
  return typeof reason === 'string' && reason in STOP_SIGNALS ? (reason as StopSignal) : undefined;
}

/**
 * Runs `run` with a signal that aborts on SIGINT, SIGTERM or SIGHUP from
 * `source` (its reason is the signal's name). While it runs, main.ts's own
 * SIGINT handler stands aside (as it does for the help pager). A source
 * without signals never aborts.
 */
export async function abortOnInterrupt<T>(run: (signal: AbortSignal) => Promise<T>, source: InterruptSource): Promise<T> {
  const controller = new AbortController();
  const unsubscribe = source.onInterrupt?.((name) => {
    if (controller.signal.aborted) source.exitNow?.(STOP_SIGNALS[name]);
    else controller.abort(name);
  });
  try {
    return await whileChildOwnsTerminal(() => run(controller.signal));
  } finally {
    unsubscribe?.();
  }
}
