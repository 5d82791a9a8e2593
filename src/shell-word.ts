// Shell words, both ways. `shlexSplit` splits a line into words by Python's
// shlex.split, as botocore does (credential_process, `[profile x]` section
// names), with its error messages; `shellSplit` splits $PAGER as a shell
// would (see there why the two differ); `shellWord` quotes one word so that a
// shell, or shlex, reads it back unchanged, for the command lines we print
// (help examples, the command that resumes a wait).
import { CliError } from './errors.js';

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/** Python's shlex.split (POSIX mode, no comments); its ValueError messages as general errors. */
export function shlexSplit(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && next === undefined) throw new CliError('general', 'No escaped character');
      else if (c === '\\' && (next === '"' || next === '\\')) word += text[++i];
      else word += c;
    } else if (WHITESPACE.has(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c !== '\\') word += c;
      else if (next === undefined) throw new CliError('general', 'No escaped character');
      else word += text[++i];
    }
  }
  if (quote !== undefined) throw new CliError('general', 'No closing quotation');
  if (inWord) words.push(word);
  return words;
}

/**
 * A command line split as a POSIX shell splits words (quotes and
 * backslashes, no expansions), for $PAGER, which other programs hand to
 * `sh -c`. A different rule from shlexSplit on purpose: inside double quotes
 * a backslash also escapes $ and `, any whitespace separates words, and
 * nothing fails: an unclosed quote runs to the end, a last backslash is dropped.
 */
export function shellSplit(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word += end < 0 ? command.slice(i + 1) : command.slice(i + 1, end);
      i = end < 0 ? command.length : end;
      inWord = true;
    } else if (c === '"') {
      inWord = true;
      for (i++; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1]!)) i++;
        word += command[i];
      }
    } else if (c === '\\') {
      if (i + 1 < command.length) word += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** A word as it is when it holds nothing a shell treats specially (shlex.quote's safe characters), else in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
