// The MFA prompt of assume-role, as v1's getpass asks: on the terminal
// (/dev/tty, else stdin when it is one) with echo off; without a terminal,
// a warning and a line read from stdin. The process's stdin and stderr come
// from main.ts (io.getpass); /dev/tty is opened here.
import { openSync, readSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { CliError } from '../../errors.js';
import type { MfaPrompt } from './types.js';

function interrupted(): CliError {
  return new CliError('interrupted', '');
}

/** Python's getpass on a terminal: echo off, one line, then a newline. */
function readSecretFromTerminal(input: ReadStream, write: (text: string) => void, prompt: string): Promise<string> {
  write(prompt);
  const wasRaw = input.isRaw;
  input.setRawMode(true);
  input.resume();
  return new Promise<string>((resolve, reject) => {
    let code = '';
    const finish = (outcome: () => void) => {
      input.removeListener('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      write('\n');
      outcome();
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(code));
        if (ch === '\u0003') return finish(() => reject(interrupted()));
        if (ch === '\u0004') {
          // End of input on an empty line is Python's EOFError, whose text is empty.
          if (code === '') return finish(() => reject(new CliError('general', '')));
          continue;
        }
        if (ch === '\u007f' || ch === '\b') code = code.slice(0, -1);
        else if (ch >= ' ') code += ch;
      }
      return undefined;
    };
    input.on('data', onData);
  });
}

/** One line from a non-terminal stdin, read synchronously (no more than the line is consumed). */
function readLineFromStdin(): string | undefined {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, one, 0, 1, null);
    } catch (error) {
      if ((error as { code?: string }).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if ((error as { code?: string }).code === 'EOF') n = 0;
      else throw error;
    }
    if (n === 0) return bytes.length ? Buffer.from(bytes).toString('utf8') : undefined;
    if (one[0] === 0x0a) return Buffer.from(bytes).toString('utf8');
    bytes.push(one[0]!);
  }
}

/** The process's stdin and stderr as getpass uses them (main.ts hands in the real ones). */
export interface GetpassTerminal {
  readonly stdin: { readonly isTTY?: boolean };
  writeStderr(text: string): void;
}

/**
 * Python's getpass(prompt): on the terminal (/dev/tty, else stdin when it is
 * one) with echo off. Without a terminal, getpass warns and reads a line from
 * stdin, prompting on stderr.
 */
export async function getpass(prompt: string, terminal: GetpassTerminal): Promise<string> {
  let fd: number | undefined;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    fd = undefined;
  }
  if (fd !== undefined) {
    const ttyFd = fd;
    const input = new ReadStream(ttyFd);
    try {
      return await readSecretFromTerminal(input, (text) => writeSync(ttyFd, text), prompt);
    } finally {
      input.destroy();
    }
  }
  if (terminal.stdin.isTTY) {
    return readSecretFromTerminal(terminal.stdin as ReadStream, (text) => terminal.writeStderr(text), prompt);
  }
  terminal.writeStderr(`Warning: Password input may be echoed.\n${prompt}`);
  const line = readLineFromStdin();
  if (line === undefined) throw new CliError('general', '');
  terminal.writeStderr('\n');
  return line;
}

/**
 * v1's MFA prompt: `Enter MFA code for <serial>: ` through getpass. Without
 * one (an io with no terminal and no stdin), it is as if stdin had ended:
 * Python's EOFError, whose text is empty.
 */
export function mfaPromptThrough(ask: ((prompt: string) => Promise<string>) | undefined): MfaPrompt {
  return async (serial) => {
    if (ask === undefined) throw new CliError('general', '');
    return ask(`Enter MFA code for ${serial}: `);
  };
}
