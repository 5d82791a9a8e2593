// `copy-snapshot help` / `--help`: our own page (decisions.md item 12),
// styled and paged on a terminal, plain when piped.
import { renderHelp } from './render.js';
import { showHelp, type Env, type HelpDestination, type SpawnPager } from './pager.js';

export { renderHelp, type HelpOptions } from './render.js';
export { showHelp, spawnPagerProcess, pagerCandidates, type SpawnPager, type PagerRun } from './pager.js';

export interface HelpIo {
  readonly env: Env;
  readonly stdoutIsTty: boolean;
  /** Columns of the terminal on stdout, when it is one. */
  readonly terminalColumns: number | undefined;
  writeStdout(text: string): void;
  /** Defaults to spawning the real pager process. */
  readonly spawnPager?: SpawnPager;
}

/** Plain text at 80 columns when piped; styled, at the terminal's width and paged on a TTY. */
export async function runHelp(io: HelpIo): Promise<HelpDestination> {
  const text = renderHelp({ styled: io.stdoutIsTty, width: io.stdoutIsTty ? (io.terminalColumns ?? 80) : 80 });
  return showHelp(text, {
    isTty: io.stdoutIsTty,
    env: io.env,
    writeStdout: (t) => io.writeStdout(t),
    spawnPager: io.spawnPager,
  });
}
