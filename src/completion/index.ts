// Shell completion: `copy-snapshot completion bash|zsh|fish` prints a script
// generated from the model; the scripts call back with
// `copy-snapshot __complete profiles` for the profile names.
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import type { OperationModel } from '../model/shapes.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { listProfiles, type Env } from './profiles.js';
import { CALLBACK_WORD, COMPLETION_WORD, PROFILES_TOPIC, SHELLS, completionSpec, type Shell } from './spec.js';
import { zshScript } from './zsh.js';
import { bashCompletionInstalled, missingBashCompletionNote } from './install.js';

export { listProfiles } from './profiles.js';
export {
  CALLBACK_WORD,
  COMPLETION_WORD,
  HELP_WORD,
  PROFILES_TOPIC,
  SHELLS,
  SUBCOMMANDS,
  completionSpec,
  type CompletionSpec,
  type CompletionOption,
  type Shell,
} from './spec.js';

export function isShell(word: string | undefined): word is Shell {
  return SHELLS.some((shell) => shell === word);
}

export function completionScript(shell: Shell, operation: OperationModel = COPY_SNAPSHOT): string {
  const spec = completionSpec(operation);
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
  }
}

export interface CompletionIo {
  readonly env: Env;
  /** The user's home in the password database, for `~` when HOME is unset. */
  readonly passwdHome?: () => string;
  /** Whether stdout is a regular file (the script is being installed, not sourced through a pipe). */
  readonly stdoutIsFile?: () => boolean;
  /** Whether bash-completion's loader is on this system (default: look in the usual places). */
  readonly bashCompletionInstalled?: () => boolean;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

/**
 * Handles `completion SHELL` and `__complete TOPIC` command lines; returns the
 * exit code, or undefined when argv is neither (the caller goes on parsing).
 */
export function runCompletionCommand(argv: readonly string[], io: CompletionIo, operation: OperationModel = COPY_SNAPSHOT): number | undefined {
  const [first, second, ...rest] = argv;
  if (first === COMPLETION_WORD) {
    if (!isShell(second) || rest.length > 0) {
      const got = second === undefined ? 'no shell' : `'${[second, ...rest].join(' ')}'`;
      io.writeStderr(
        `usage: ${operation.cliName} ${COMPLETION_WORD} {${SHELLS.join(',')}}\n` +
          `${operation.cliName}: error: expected one shell name (${SHELLS.join(', ')}), got ${got}\n`,
      );
      return 2;
    }
    io.writeStdout(completionScript(second, operation));
    // A bash script installed into bash-completion's directory is never loaded without bash-completion: say so.
    if (second === 'bash' && io.stdoutIsFile?.() === true && !(io.bashCompletionInstalled ?? bashCompletionInstalled)()) {
      io.writeStderr(missingBashCompletionNote(operation.cliName));
    }
    return 0;
  }
  if (first === CALLBACK_WORD) {
    // Completion must stay quiet: an unknown topic just yields nothing.
    if (second === PROFILES_TOPIC && rest.length === 0) {
      const names = listProfiles(io.env, io.passwdHome);
      if (names.length > 0) io.writeStdout(`${names.join('\n')}\n`);
    }
    return 0;
  }
  return undefined;
}
