// Paging the help page: $PAGER, then `less -R`, then stdout; plain output when
// stdout is not a terminal. The spawner is injected; one test runs the real one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHelp, runHelp, showHelp, spawnPagerProcess, type SpawnPager } from '../../src/help/index.js';
import { pagerCandidates, pagerEnv } from '../../src/help/pager.js';
import { tempDir } from '../support/temp-dir.js';

type Env = Record<string, string | undefined>;

/** A spawner that "finds" only the programs in `installed` and records every attempt. */
function fakeSpawner(installed: readonly string[]) {
  const calls: Array<{ argv: readonly string[]; input: string; env: Readonly<Env> }> = [];
  const spawnPager: SpawnPager = async (argv, input, env) => {
    calls.push({ argv, input, env });
    return installed.includes(argv[0]!) ? { started: true, exitCode: 0 } : { started: false };
  };
  return { calls, spawnPager };
}

function capture() {
  const out: string[] = [];
  return { out, writeStdout: (t: string) => void out.push(t) };
}

describe('showHelp', () => {
  it('writes the text to stdout, unpaged, when stdout is not a terminal', async () => {
    const { calls, spawnPager } = fakeSpawner(['less', 'most']);
    const { out, writeStdout } = capture();
    const where = await showHelp('page\n', { isTty: false, env: { PAGER: 'most' }, spawnPager, writeStdout });
    expect(where).toBe('stdout');
    expect(out).toEqual(['page\n']);
    expect(calls).toEqual([]);
  });

  it('pipes through $PAGER, split into words, on a terminal', async () => {
    const { calls, spawnPager } = fakeSpawner(['most']);
    const { out, writeStdout } = capture();
    const where = await showHelp('page\n', { isTty: true, env: { PAGER: "most -s '--x y'" }, spawnPager, writeStdout });
    expect(where).toEqual({ pager: ['most', '-s', '--x y'] });
    expect(calls.map((c) => c.argv)).toEqual([['most', '-s', '--x y']]);
    expect(calls[0]!.input).toBe('page\n');
    expect(out).toEqual([]);
  });

  it('falls back to less -R when $PAGER cannot be started', async () => {
    const { calls, spawnPager } = fakeSpawner(['less']);
    const { out, writeStdout } = capture();
    const where = await showHelp('page\n', { isTty: true, env: { PAGER: 'no-such-pager' }, spawnPager, writeStdout });
    expect(where).toEqual({ pager: ['less', '-R'] });
    expect(calls.map((c) => c.argv)).toEqual([['no-such-pager'], ['less', '-R']]);
    expect(out).toEqual([]);
  });

  it('uses less -R when $PAGER is unset or blank', async () => {
    for (const env of [{}, { PAGER: '' }, { PAGER: '   ' }] as Env[]) {
      const { calls, spawnPager } = fakeSpawner(['less']);
      const { writeStdout } = capture();
      await showHelp('page\n', { isTty: true, env, spawnPager, writeStdout });
      expect(calls.map((c) => c.argv)).toEqual([['less', '-R']]);
    }
  });

  it('writes to stdout when no pager can be started', async () => {
    const { calls, spawnPager } = fakeSpawner([]);
    const { out, writeStdout } = capture();
    const where = await showHelp('page\n', { isTty: true, env: { PAGER: 'most' }, spawnPager, writeStdout });
    expect(where).toBe('stdout');
    expect(calls).toHaveLength(2);
    expect(out).toEqual(['page\n']);
  });

  it('gives less LESS=FRX unless the user set LESS', async () => {
    const { calls, spawnPager } = fakeSpawner(['less']);
    const { writeStdout } = capture();
    await showHelp('x', { isTty: true, env: { HOME: '/h' }, spawnPager, writeStdout });
    expect(calls[0]!.env).toEqual({ HOME: '/h', LESS: 'FRX' });
    expect(pagerEnv({ LESS: '-S' })).toEqual({ LESS: '-S' });
    expect(pagerEnv({ LESS: '' })).toEqual({ LESS: '' });
  });

  it('does not try less twice when $PAGER is less -R', () => {
    expect(pagerCandidates({ PAGER: 'less -R' })).toEqual([['less', '-R']]);
    expect(pagerCandidates({ PAGER: 'less' })).toEqual([['less'], ['less', '-R']]);
  });
});

describe('spawnPagerProcess (real processes)', () => {
  it('feeds the text to the pager on its stdin', async () => {
    const dir = tempDir('cs-pager-');
    const file = join(dir, 'paged');
    const run = await spawnPagerProcess(['sh', '-c', 'cat > "$0"', file], 'all of the page\n', { PATH: process.env.PATH });
    expect(run).toEqual({ started: true, exitCode: 0 });
    expect(readFileSync(file, 'utf8')).toBe('all of the page\n');
  });

  it('reports a program that does not exist as not started', async () => {
    expect(await spawnPagerProcess(['/nonexistent/pager'], 'x', {})).toEqual({ started: false });
    expect(await spawnPagerProcess([], 'x', {})).toEqual({ started: false });
  });

  it('survives a pager that exits without reading', async () => {
    const big = 'x'.repeat(1 << 20);
    expect(await spawnPagerProcess(['sh', '-c', 'exit 0'], big, { PATH: process.env.PATH })).toMatchObject({ started: true });
  });
});

describe('runHelp', () => {
  it('prints the plain page at 80 columns when stdout is not a terminal', async () => {
    const { calls, spawnPager } = fakeSpawner(['less']);
    const { out, writeStdout } = capture();
    await runHelp({ env: {}, stdoutIsTty: false, terminalColumns: 200, writeStdout, spawnPager });
    expect(calls).toEqual([]);
    expect(out).toEqual([renderHelp({ styled: false, width: 80 })]);
  });

  it('pages the styled page at the terminal width on a TTY', async () => {
    const { calls, spawnPager } = fakeSpawner(['less']);
    const { out, writeStdout } = capture();
    await runHelp({ env: {}, stdoutIsTty: true, terminalColumns: 120, writeStdout, spawnPager });
    expect(out).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.input).toBe(renderHelp({ styled: true, width: 120 }));
    expect(calls[0]!.input).toContain('\u001b[1m');
  });
});
