// Ctrl-C, SIGTERM or SIGHUP while --wait polls: instead of the usual exit
// (main.ts, or the signal's default), abort the wait so it can say that the
// copy goes on in EC2. A second signal, if the wait has not ended by then,
// exits at once.
import { whileChildOwnsTerminal } from '../interrupt.js';

/** The signals that stop a wait, and the exit code each ends with (128 + its number). */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

export interface InterruptSource {
  on(event: StopSignal, listener: () => void): unknown;
  off(event: StopSignal, listener: () => void): unknown;
}

/** Which signal aborted `signal`, if one did. */
export function stopSignalOf(signal: AbortSignal | undefined): StopSignal | undefined {
  const reason: unknown = signal?.reason;
  return typeof reason === 'string' && reason in STOP_SIGNALS ? (reason as StopSignal) : undefined;
}

/**
 * Runs `run` with a signal that aborts on SIGINT, SIGTERM or SIGHUP (its
 * reason is the signal's name). While it runs, main.ts's own SIGINT handler
 * stands aside (as it does for the help pager).
 */
export async function abortOnInterrupt<T>(
  run: (signal: AbortSignal) => Promise<T>,
  source: InterruptSource = process,
  forceExit: (exitCode: number) => void = (exitCode) => process.exit(exitCode),
): Promise<T> {
  const controller = new AbortController();
  const listeners = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((name) => {
    const listener = () => {
      if (controller.signal.aborted) forceExit(STOP_SIGNALS[name]);
      else controller.abort(name);
    };
    source.on(name, listener);
    return [name, listener] as const;
  });
  try {
    return await whileChildOwnsTerminal(() => run(controller.signal));
  } finally {
    for (const [name, listener] of listeners) source.off(name, listener);
  }
}
