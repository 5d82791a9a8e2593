// Shell words both ways (src/shell-word.ts): split as Python's shlex.split
// splits (expected values from Python 3), quoted so that shlex reads them back.
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/errors.js';
import { shellSplit, shellWord, shlexSplit } from '../src/shell-word.js';

describe('shlexSplit', () => {
  it.each([
    ['', []],
    ['  a\tb\r\nc  ', ['a', 'b', 'c']],
    [`a'b c'd`, ['ab cd']],
    [`"a\\"b\\\\c\\d"`, ['a"b\\c\\d']],
    [`'a\\b'`, ['a\\b']],
    [`a\\ b \\'c`, ['a b', "'c"]],
    [`'' ""`, ['', '']],
    ['a#b #c', ['a#b', '#c']],
    ['profile "my name"', ['profile', 'my name']],
  ])('%j → %j', (text, words) => {
    expect(shlexSplit(text)).toEqual(words);
  });

  it.each([
    [`a "b`, 'No closing quotation'],
    [`a 'b`, 'No closing quotation'],
    [`a\\`, 'No escaped character'],
    // Inside double quotes too (this said "No closing quotation"; Python, and so v1, says this).
    [`node "x\\`, 'No escaped character'],
  ])('%j fails as shlex does: %s', (text, message) => {
    expect(() => shlexSplit(text)).toThrow(new CliError('general', message));
  });
});

describe('shellWord', () => {
  it.each([
    ['snap-0123', 'snap-0123'],
    ['a/b.c:d@e%f+g=h,i_j', 'a/b.c:d@e%f+g=h,i_j'],
    ['', "''"],
    ['two words', "'two words'"],
    ["it's", `'it'\\''s'`],
    ['$HOME', "'$HOME'"],
  ])('%j → %s', (word, quoted) => {
    expect(shellWord(word)).toBe(quoted);
  });

  it('gives back words that shlexSplit reads as they were', () => {
    const words = ['', 'plain', 'two words', "it's", 'a"b', 'back\\slash', 'tab\there', 'é ß'];
    expect(shlexSplit(words.map(shellWord).join(' '))).toEqual(words);
  });
});

describe('shellSplit ($PAGER)', () => {
  it.each([
    ['less', ['less']],
    ['  less   -R  ', ['less', '-R']],
    ["most -s 'a b'", ['most', '-s', 'a b']],
    ['pager "a \\"b\\" c" d\\ e', ['pager', 'a "b" c', 'd e']],
    ["''", ['']],
    ['', []],
    // Where it differs from shlexSplit: the shell's escapes in double quotes, any whitespace, no failure.
    ['p "\\$x \\`y"', ['p', '$x `y']],
    ['a\u00a0b', ['a', 'b']],
    ['less "-P x', ['less', '-P x']],
    ['less \\', ['less', '']],
  ])('%j', (command, words) => {
    expect(shellSplit(command)).toEqual(words);
  });
});
