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
