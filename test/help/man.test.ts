// The help page's EXIT STATUS, ENVIRONMENT and SUBCOMMANDS sections, and the
// man page made of the help page (read back through groff, as man shows it).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHELLS, SUBCOMMANDS } from '../../src/completion/index.js';
import { exitCodes } from '../../src/errors.js';
import { renderHelp } from '../../src/help/index.js';
import { renderManPage, roffLine } from '../../src/help/man.js';
import { ENVIRONMENT } from '../../src/help/text.js';

const ROOT = join(import.meta.dirname, '..', '..');
const help = renderHelp({ styled: false, width: 80 });
const HAS_GROFF = spawnSync('groff', ['--version']).status === 0;

/** The lines of one section of the help page, without the heading. */
function section(text: string, name: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(name);
  const end = lines.findIndex((line, i) => i > start && /^\S/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('help page: what is not an option', () => {
  it('EXIT STATUS lists every exit code the program can end with, 0 first', () => {
    const codes = section(help, 'EXIT STATUS').filter((line) => /^ {4}\d+$/.test(line)).map((line) => Number(line.trim()));
    expect(codes).toEqual([0, ...[...exitCodes().keys()].sort((a, b) => a - b)]);
    expect(codes).toEqual([0, 1, 2, 129, 130, 143, 255]);
    expect(section(help, 'EXIT STATUS').join('\n')).toContain('SIGTERM while waiting; the copy goes on in EC2');
  });

  it('ENVIRONMENT names every variable of the list', () => {
    const body = section(help, 'ENVIRONMENT');
    for (const [names] of ENVIRONMENT) expect(body).toContain(`    ${names}`);
    expect(body.join('\n')).toContain('TERM\n        dumb: --wait prints one line per change instead of a bar.');
  });

  it('SUBCOMMANDS shows completion with its shells, and help', () => {
    const body = section(help, 'SUBCOMMANDS').join('\n');
    expect(body).toContain(`copy-snapshot completion {${SHELLS.join(',')}}\n        ${SUBCOMMANDS[0]!.description}`);
    expect(body).toContain(`copy-snapshot help\n        ${SUBCOMMANDS[1]!.description}`);
  });
});

describe('man page', () => {
  const page = renderManPage();

  it('is declared in package.json, and says which program and version it is', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { man: string[]; version: string };
    expect(pkg.man).toEqual(['./dist/copy-snapshot.1']);
    expect(page.split('\n')[1]).toBe(`.TH COPY-SNAPSHOT 1 "" "copy-snapshot ${pkg.version}" "User Commands"`);
  });

  it('has a .SH heading for every section of the help page, in its order', () => {
    const headings = help.split('\n').filter((line) => /^\S/.test(line));
    expect(page.split('\n').filter((line) => line.startsWith('.SH ')).map((line) => line.slice(4))).toEqual(headings.map(roffLine));
    expect(headings).toEqual(expect.arrayContaining(['EXIT STATUS', 'ENVIRONMENT']));
  });

  it('escapes what roff would read as requests or escapes', () => {
    expect(roffLine('--wait')).toBe('\\-\\-wait');
    expect(roffLine('.hidden')).toBe('\\&.hidden');
    expect(roffLine("'quoted")).toBe("\\&'quoted");
    expect(roffLine('a\\b')).toBe('a\\eb');
  });

  it.skipIf(!HAS_GROFF)('reads back through groff as the help page, without warnings', () => {
    const r = spawnSync('groff', ['-man', '-Tascii', '-ww', '-P-c', '-P-b', '-P-u'], { input: page, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const shown = r.stdout.split('\n').map((line) => line.trim());
    // Every line of the help page (laid out 72 wide) is on the man page as it is.
    const expected = renderHelp({ styled: false, width: 72 }).split('\n').map((line) => line.trim()).filter((line) => line !== '');
    const missing = expected.filter((line) => !shown.includes(line));
    expect(missing).toEqual([]);
    expect(shown).toEqual(expect.arrayContaining(['EXIT STATUS', '143', 'ENVIRONMENT', 'AWS_CLI_ERROR_FORMAT']));
  });
});
