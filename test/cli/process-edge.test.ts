// Only the edge touches the process: src/main.ts and the launcher (src/launch.ts,
// src/launch/). Everything else gets environment, home, stdin, signals, exit
// and the terminal through io, so main() runs the same in a test as in a shell.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');
const EDGE = /^(main\.ts|launch\.ts|launch\/)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Where a `/` starts a regular expression rather than dividing. */
function regexCanStart(code: string): boolean {
  const before = code.trimEnd();
  return before === '' || /[(,=:[!&|?{};+\-*%<>~^]$/.test(before) || /\b(return|typeof|case|in|of|void|yield|await)$/.test(before);
}

/** The code with comments and string, template and regex text blanked out (template `${…}` code kept). */
function codeOnly(text: string): string {
  let out = '';
  let i = 0;
  const templates: number[] = []; // brace depth at each open `${`
  let depth = 0;
  const skipQuoted = (quote: string) => {
    i++;
    while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
    i++;
    out += ' ';
  };
  const skipTemplateText = () => {
    // From just after a backtick or a `}` closing `${`: up to the next `${` or the closing backtick.
    while (i < text.length) {
      if (text[i] === '\\') i += 2;
      else if (text[i] === '`') {
        i++;
        out += ' ';
        return;
      } else if (text[i] === '$' && text[i + 1] === '{') {
        i += 2;
        templates.push(depth);
        out += ' ';
        return;
      } else i++;
    }
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"') {
      skipQuoted(c);
    } else if (c === '`') {
      i++;
      skipTemplateText();
    } else if (c === '/' && regexCanStart(out)) {
      let inClass = false;
      i++;
      while (i < text.length && (text[i] !== '/' || inClass)) {
        if (text[i] === '\\') i++;
        else if (text[i] === '[') inClass = true;
        else if (text[i] === ']') inClass = false;
        i++;
      }
      i++;
      out += ' ';
    } else if (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth) {
      templates.pop();
      i++;
      skipTemplateText();
    } else {
      if (c === '{') depth++;
      if (c === '}') depth--;
      out += c;
      i++;
    }
  }
  return out;
}

const USES: readonly [string, RegExp][] = [
  // The identifier, but not a property (`child.process`) or an object key (`{ process: 1 }`).
  ['process', /(?<![\w$.])process(?![\w$])(?!\s*:(?!:))/],
  ['globalThis.process', /\bglobalThis\s*(?:\?\.|\.)\s*process\b/],
  ['os.homedir', /\bos\s*\.\s*homedir\b/],
  ['homedir(', /(?<![\w$])homedir\s*\(/],
];
/** Imports are strings: looked for in the raw text. */
const IMPORTS = /\b(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"](?:node:)?process['"]/;

function processUses(text: string): string[] {
  const code = codeOnly(text);
  const found = USES.filter(([, pattern]) => pattern.test(code)).map(([name]) => name);
  if (IMPORTS.test(text)) found.push("import 'node:process'");
  return found;
}

describe('the process edge', () => {
  it('only src/main.ts and the launcher use process or the home directory of the OS', () => {
    const offenders = sourceFiles(SRC)
      .map((path) => [relative(SRC, path).split('\\').join('/'), processUses(readFileSync(path, 'utf8'))] as const)
      .filter(([path, uses]) => !EDGE.test(path) && uses.length > 0);
    expect(offenders).toEqual([]);
  });

  it('the edge files are found, and do use process', () => {
    const edge = sourceFiles(SRC).map((path) => relative(SRC, path).split('\\').join('/')).filter((path) => EDGE.test(path));
    expect(edge).toEqual(expect.arrayContaining(['main.ts', 'launch.ts']));
    expect(processUses(readFileSync(join(SRC, 'main.ts'), 'utf8'))).toContain('process');
  });

  it.each([
    ['const e = process.env;', ['process']],
    ['f(process);', ['process']],
    ['const { env } = globalThis.process;', ['globalThis.process']],
    ['const p = process\n', ['process']],
    ["import process from 'node:process';", ['process', "import 'node:process'"]],
    ["import { env } from 'process';", ["import 'node:process'"]],
    ['const h = os.homedir();', ['os.homedir', 'homedir(']],
    ['const h = homedir();', ['homedir(']],
    ['// process.env is read by main.ts', []],
    ['/* process.exit(1) */ const a = 1;', []],
    ["const s = 'process.env';", []],
    ['const s = `process.env ${1 + 2} and process.exit()`;', []],
    ['const s = `${process.env.HOME}`;', ['process']],
    ['const r = /["\']process.env/; const x = process.argv;', ['process']],
    ['child.process.kill(); const processes = 1; run({ process: 1 });', []],
  ])('%s', (text, expected) => {
    expect(processUses(text)).toEqual(expected);
  });
});
