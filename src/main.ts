// The process edge: real argv, environment and streams into main().
import { fstatSync } from 'node:fs';
import os from 'node:os';
import { main } from './cli.js';
import { renderError, CliError } from './errors.js';
import { interruptHelpers, interruptIsOurs } from './interrupt.js';
import { STOP_SIGNALS, type StopSignal } from './wait/interrupt.js';
import { PROGRAM_NAME } from './model/copy-snapshot.js';

// Ctrl-C: v1 prints a newline on stdout and exits 130 (unless a pager has the terminal).
// Ctrl-C always wins: when stdout is backed up (a pipe nobody reads) the newline could
// never go out, so it is not waited for; otherwise it gets at most half a second.
const INTERRUPT_FLUSH_MS = 500;
process.on('SIGINT', () => {
  if (!interruptIsOurs()) return;
  interruptHelpers();
  const rendered = renderError(new CliError('interrupted', ''), PROGRAM_NAME);
  const exit = (): never => process.exit(rendered.exitCode);
  if (process.stdout.writableNeedDrain || process.stdout.writableLength > 0) exit();
  process.stdout.write(rendered.stdout, exit);
  setTimeout(exit, INTERRUPT_FLUSH_MS);
});

// A reader that went away (`copy-snapshot ... | head -c1`) ends us quietly,
// unless v1 would have failed on it (see Io.closedStdoutFails).
let closedStdoutFails = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  if (!closedStdoutFails) process.exit(process.exitCode ?? 0);
  process.stderr.write('\n[Errno 32] Broken pipe\n', () => process.exit(255));
});

void main(process.argv.slice(2), {
  env: process.env,
  stdoutIsTty: process.stdout.isTTY === true,
  terminalColumns: process.stdout.columns,
  stderrIsTty: process.stderr.isTTY === true,
  stdoutIsFile: () => fstatSync(1).isFile(),
  stderrColumns: () => process.stderr.columns,
  onStderrResize: (listener) => {
    process.stderr.on('resize', listener);
    return () => void process.stderr.off('resize', listener);
  },
  runtime: { nodeVersion: process.version, os: os.type(), osRelease: os.release() },
  now: () => new Date(),
  passwdHome: () => os.userInfo().homedir,
  getpass: async (prompt) =>
    (await import('./request/credentials/mfa.js')).getpass(prompt, {
      stdin: process.stdin,
      writeStderr: (text) => void process.stderr.write(text),
    }),
  onInterrupt: (listener) => {
    const heard = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((signal) => [signal, () => listener(signal)] as const);
    for (const [signal, handler] of heard) process.on(signal, handler);
    return () => heard.forEach(([signal, handler]) => process.off(signal, handler));
  },
  exitNow: (exitCode) => process.exit(exitCode),
  writeStdout: (text) => process.stdout.write(text),
  writeStderr: (text) => process.stderr.write(text),
  closedStdoutFails: () => void (closedStdoutFails = true),
}).then((exitCode) => {
  process.exitCode = exitCode;
});
