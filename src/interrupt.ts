// Who answers Ctrl-C. Normally we do (a newline on stdout, exit 130, as v1);
// while a child such as the help pager owns the terminal, it does.

let childrenOwningTerminal = 0;

export async function whileChildOwnsTerminal<T>(run: () => Promise<T>): Promise<T> {
  childrenOwningTerminal++;
  try {
    return await run();
  } finally {
    childrenOwningTerminal--;
  }
}

export function interruptIsOurs(): boolean {
  return childrenOwningTerminal === 0;
}

// Helper processes we started and wait for (credential_process): Ctrl-C
// reaches them from the terminal anyway; a SIGINT sent to us alone is
// passed on, so that none of them outlives us.
const helpers = new Set<{ kill(signal: 'SIGINT'): unknown }>();

export function trackHelper(child: { kill(signal: 'SIGINT'): unknown }): () => void {
  helpers.add(child);
  return () => helpers.delete(child);
}

let interrupted = false;
const interruptWaiters = new Set<() => void>();

/** Passes an interrupt on to the helper processes still running (and notes that Ctrl-C came). */
export function interruptHelpers(): void {
  interrupted = true;
  for (const wake of interruptWaiters) wake();
  for (const child of helpers) child.kill('SIGINT');
}

/**
 * Whether Ctrl-C reaches us within `ms`. A helper ended by Ctrl-C from the
 * terminal was interrupted with us: our own SIGINT may be handled a moment
 * after the helper's end is seen, and v1 then ends as interrupted, not with
 * the helper's failure.
 */
export function interruptArrives(ms: number): Promise<boolean> {
  if (interrupted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      interruptWaiters.delete(wake);
      resolve(true);
    };
    const timer = setTimeout(() => {
      interruptWaiters.delete(wake);
      resolve(false);
    }, ms);
    interruptWaiters.add(wake);
  });
}
