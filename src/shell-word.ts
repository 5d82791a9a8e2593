// Shell words, both ways, by the rules of Python's shlex module in POSIX mode
// (the POSIX shell's quoting, without expansions): `shlexSplit` splits a line
// into words as botocore does (credential_process, `[profile x]` section
// names); `shellWord` quotes one word so that a shell, or shlex, reads it back
// unchanged, for the command lines we print (help examples, the command that
// resumes a wait).
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

/** A word as it is when it holds nothing a shell treats specially (shlex.quote's safe characters), else in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
