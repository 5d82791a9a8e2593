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

/** Passes an interrupt on to the helper processes still running. */
export function interruptHelpers(): void {
  for (const child of helpers) child.kill('SIGINT');
}
