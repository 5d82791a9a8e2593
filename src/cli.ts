// main(argv, io) → exit code. The only module that sees the outside world is
// the launcher that calls this with the real process; everything here goes
// through `io`, so tests can run main() directly. main() plans the command
// (plan.ts: no request sent) and then executes the plan (execute.ts), whose
// request, credentials and wait a test may replace (`deps`).
import { renderError, toCliError, type CliError } from './errors.js';
import { FormatterError } from './output/formatter-error.js';
import { runCompletionCommand } from './completion/index.js';
import { PROGRAM_NAME } from './model/copy-snapshot.js';
import { errorFormatWord, planOperation, PlanFailure, writeStderrShown } from './plan.js';
import { execute, type ExecuteDeps } from './execute.js';
import type { Env } from './env.js';
import type { StopSignal } from './wait/interrupt.js';

export type { ExecuteDeps } from './execute.js';

export interface Io {
  readonly env: Env;
  readonly stdoutIsTty: boolean;
  /** Columns of the terminal on stdout, when it is one. */
  readonly terminalColumns: number | undefined;
  /** `Node.js/<version> <OS>/<release>` facts for --version. */
  readonly runtime: { readonly nodeVersion: string; readonly os: string; readonly osRelease: string };
  /** Whether stderr is a terminal (--wait redraws a progress bar there) and its width now. */
  readonly stderrIsTty?: boolean;
  readonly stderrColumns?: () => number | undefined;
  /** The clock credentials are judged by (main.ts: the system's; default: the same). */
  readonly now?: () => Date;
  /** The user's home in the password database: `~` when HOME is unset or empty (as Python's expanduser). */
  readonly passwdHome?: () => string;
  /**
   * Python's getpass(prompt) on the process's terminal or stdin (the MFA code
   * of assume-role). Absent: as if stdin had ended.
   */
  readonly getpass?: (prompt: string) => Promise<string>;
  /** Calls `listener` on SIGINT, SIGTERM or SIGHUP (while --wait polls); returns the unsubscribe. Absent: no signals. */
  readonly onInterrupt?: (listener: (signal: StopSignal) => void) => () => void;
  /** Ends the program at once with `exitCode` (a second signal during --wait). */
  readonly exitNow?: (exitCode: number) => void;
  /** Whether stdout is a regular file (asked only by `completion bash`). */
  readonly stdoutIsFile?: () => boolean;
  /** Calls `listener` when the terminal on stderr changes size; returns the unsubscribe. */
  readonly onStderrResize?: (listener: () => void) => () => void;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
  /**
   * Called before stdout writes that v1 makes without catching a closed pipe
   * (text output, skeletons): a reader that went away is then an error (255,
   * `[Errno 32] Broken pipe`); otherwise (json, table) it ends us quietly.
   */
  readonly closedStdoutFails?: () => void;
}

export async function main(argv: readonly string[], io: Io, deps: Partial<ExecuteDeps> = {}): Promise<number> {
  // The error format asked for, as far as the command line was understood when it failed.
  let errorFormat: string | undefined;
  try {
    errorFormat = errorFormatWord(argv) ?? io.env.AWS_CLI_ERROR_FORMAT;
    const completion = runCompletionCommand(argv, io);
    if (completion !== undefined) return completion;
    const plan = await planOperation(argv, io);
    errorFormat = plan.errorFormat;
    return await execute(plan, io, deps);
  } catch (caught) {
    const thrown = caught instanceof PlanFailure ? caught.thrown : caught;
    if (caught instanceof PlanFailure) errorFormat = caught.errorFormat;
    // v1 had already written what its formatter produced before it failed.
    if (thrown instanceof FormatterError) io.writeStdout(thrown.partialOutput);
    const error = toCliError(thrown);
    const rendered = renderError(error, PROGRAM_NAME);
    if (rendered.stdout) io.writeStdout(rendered.stdout);
    const stderr = thrown instanceof FormatterError ? thrown.stderrText : rendered.stderr;
    writeStderrShown(io, (await machineReadableError(error, errorFormat)) ?? stderr);
    return rendered.exitCode;
  }
}

/** The error as --cli-error-format / AWS_CLI_ERROR_FORMAT / cli_error_format asks, when not v1's text. */
async function machineReadableError(error: CliError, requested: string | undefined): Promise<string | undefined> {
  if (requested === undefined) return undefined;
  const { formatError, isErrorFormat } = await import('./output/error-format.js');
  return isErrorFormat(requested) ? formatError(error, requested) : undefined;
}
