// Showing the help page: through a pager when stdout is a terminal ($PAGER,
// then `less -R`, then straight to stdout when neither can be started), and as
// it is otherwise. Process spawning is injected so tests need no terminal.
import { whileChildOwnsTerminal } from '../interrupt.js';
import { spawn } from 'node:child_process';
import { shellSplit } from '../shell-word.js';
import type { Env } from '../env.js';

export type { Env } from '../env.js';

export interface PagerRun {
  /** False when the program could not be started (not found, not executable). */
  readonly started: boolean;
  readonly exitCode?: number | null;
}

/** Runs `argv` with `input` on its stdin and the terminal as its stdout/stderr. */
export type SpawnPager = (argv: readonly string[], input: string, env: Env) => Promise<PagerRun>;

export interface ShowHelpOptions {
  readonly isTty: boolean;
  readonly env: Env;
  readonly writeStdout: (text: string) => void;
  readonly spawnPager?: SpawnPager;
}

/** The fallback pager, with raw control characters so the styling shows. */
export const DEFAULT_PAGER: readonly string[] = ['less', '-R'];

/** The pagers to try, in order: $PAGER (when set and not blank), then `less -R`. */
export function pagerCandidates(env: Env): string[][] {
  const candidates: string[][] = [];
  const fromEnv = env.PAGER === undefined ? [] : shellSplit(env.PAGER);
  if (fromEnv.length > 0) candidates.push(fromEnv);
  if (!candidates.some((c) => c.join(' ') === DEFAULT_PAGER.join(' '))) candidates.push([...DEFAULT_PAGER]);
  return candidates;
}

/** The pager's environment: `LESS=FRX` unless the user set LESS (as git does), so less shows the styling. */
export function pagerEnv(env: Env): Env {
  return env.LESS === undefined ? { ...env, LESS: 'FRX' } : env;
}

/** The real spawner: stdin from us, stdout/stderr the terminal. */
export const spawnPagerProcess: SpawnPager = (argv, input, env) =>
  whileChildOwnsTerminal(() => new Promise((resolve) => {
    const [command, ...args] = argv;
    if (command === undefined) {
      resolve({ started: false });
      return;
    }
    const child = spawn(command, args, { stdio: ['pipe', 'inherit', 'inherit'], env: { ...env } });
    let started = false;
    child.once('spawn', () => {
      started = true;
      // The reader may quit before reading everything (q in less): not an error.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    });
    child.once('error', () => {
      if (!started) resolve({ started: false });
    });
    child.once('close', (code) => {
      if (started) resolve({ started: true, exitCode: code });
    });
  }));

/** Where the text went: the argv of the pager that showed it, or 'stdout'. */
export type HelpDestination = { readonly pager: readonly string[] } | 'stdout';

export async function showHelp(text: string, options: ShowHelpOptions): Promise<HelpDestination> {
  if (options.isTty) {
    const spawnPager = options.spawnPager ?? spawnPagerProcess;
    const env = pagerEnv(options.env);
    for (const argv of pagerCandidates(options.env)) {
      const run = await spawnPager(argv, text, env);
      if (run.started) return { pager: argv };
    }
  }
  options.writeStdout(text);
  return 'stdout';
}
