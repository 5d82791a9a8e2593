// Ctrl-C while --wait polls: instead of the usual exit (main.ts), abort the
// wait so it can say that the copy goes on in EC2. A second Ctrl-C, if the
// wait has not ended by then, exits at once.
import { whileChildOwnsTerminal } from '../interrupt.js';

export interface InterruptSource {
  on(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
}

/**
 * Runs `run` with a signal that aborts on SIGINT. While it runs, main.ts's
 * own SIGINT handler stands aside (as it does for the help pager).
 */
export async function abortOnInterrupt<T>(
  run: (signal: AbortSignal) => Promise<T>,
  source: InterruptSource = process,
  forceExit: () => void = () => process.exit(130),
): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) forceExit();
    else controller.abort();
  };
  source.on('SIGINT', onInterrupt);
  try {
    return await whileChildOwnsTerminal(() => run(controller.signal));
  } finally {
    source.off('SIGINT', onInterrupt);
  }
}
