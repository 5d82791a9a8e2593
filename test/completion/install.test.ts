// The install commands printed in each script (and shown in README.md) work
// on a fresh account: a new, empty HOME, the commands run as written, then
// the shell finds the completion the way it does at start-up.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installNotes } from '../../src/completion/install.js';
import { SHELLS } from '../../src/completion/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const COMMAND = 'copy-snapshot';
const BASH_COMPLETION = '/usr/share/bash-completion/bash_completion';

// The built copy-snapshot on PATH.
const bin = mkdtempSync(join(tmpdir(), 'cs-install-bin-'));
writeFileSync(join(bin, COMMAND), `#!/bin/sh\nexec ${JSON.stringify(join(ROOT, 'bin', COMMAND))} "$@"\n`);
chmodSync(join(bin, COMMAND), 0o755);
afterAll(() => rmSync(bin, { recursive: true, force: true }));

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'cs-install-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function has(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

/** The commands of the notes (the indented lines), in order. */
function commands(shell: (typeof SHELLS)[number]): string[] {
  return installNotes(COMMAND, shell)
    .filter((line) => line.startsWith('  '))
    .map((line) => line.trim());
}

function run(shell: string, args: string[]) {
  const r = spawnSync(shell, args, { encoding: 'utf8', env: { HOME: home, PATH: `${bin}:${process.env.PATH ?? ''}`, TERM: 'dumb' }, timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('completion install commands', () => {
  it.each(SHELLS)('for %s are all shown in README.md', (shell) => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const command of commands(shell)) expect(readme).toContain(command);
  });

  it('bash: the file lands in a directory that did not exist, and bash-completion loads it from there', () => {
    const [mkdir, write] = commands('bash');
    expect(run('sh', ['-c', `${mkdir} && ${write}`])).toMatchObject({ status: 0 });
    const file = join(home, '.local', 'share', 'bash-completion', 'completions', COMMAND);
    expect(readFileSync(file, 'utf8')).toMatch(/^# bash completion for copy-snapshot/);
    if (!existsSync(BASH_COMPLETION)) return;
    const loaded = run('bash', ['--norc', '-c', `source ${BASH_COMPLETION}; __load_completion ${COMMAND}; complete -p ${COMMAND}`]);
    expect(loaded.stdout).toBe(`complete -F _copy_snapshot ${COMMAND}\n`);
  });

  it('bash: the one-line alternative for ~/.bashrc', () => {
    const oneLine = commands('bash').at(-1)!;
    expect(oneLine).toBe(`source <(${COMMAND} completion bash)`);
    writeFileSync(join(home, '.bashrc'), `${oneLine}\n`);
    const r = run('bash', ['-i', '-c', `complete -p ${COMMAND}`]);
    expect(r.stdout).toBe(`complete -F _copy_snapshot ${COMMAND}\n`);
  });

  it.skipIf(!has('zsh'))('zsh: the file goes to ~/.zfunc, and the ~/.zshrc lines make compinit find it', () => {
    const [mkdir, write, fpath, compinit] = commands('zsh');
    expect(run('sh', ['-c', `${mkdir} && ${write}`])).toMatchObject({ status: 0 });
    writeFileSync(join(home, '.zshrc'), `${fpath}\n${compinit}\n`);
    const r = run('zsh', ['-i', '-c', `print -r -- \${_comps[${COMMAND}]}`]);
    expect(r.stdout).toBe(`_${COMMAND}\n`);
  });

  it.skipIf(!has('fish'))('fish: the file goes to ~/.config/fish/completions, where fish looks', () => {
    const [mkdir, write] = commands('fish');
    expect(run('sh', ['-c', `${mkdir} && ${write}`])).toMatchObject({ status: 0 });
    const r = run('fish', ['-c', `complete -C '${COMMAND} --out'`]);
    expect(r.stdout).toBe('--output\tHow the result is printed.\n');
  });
});
