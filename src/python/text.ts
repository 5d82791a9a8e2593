// Python's view of text: a `str` is indexed by code point (an astral character
// is one position, a lone surrogate too), and its character classes are those
// of Python 3.11's unicodedata (Unicode 14.0.0), read from unicode-data.ts:
// printable (repr), whitespace (str.isspace, strip, `\s`), decimal digits
// (int(), float()), and East Asian width.

import { DECIMAL_RANGES, NON_PRINTABLE_RANGES, SPACE_RANGES, WIDE_RANGES } from './unicode-data.js';

/** Sorted, non-overlapping inclusive [start, end] ranges, flattened into one array. */
type RangeTable = Uint32Array;

/** Decodes the generator's `<gap>.<length-1>` base-36 pairs. */
function decodeRanges(encoded: string): RangeTable {
  const pairs = encoded.split(',');
  const out = new Uint32Array(pairs.length * 2);
  let prev = -1;
  pairs.forEach((pair, i) => {
    const [gap, len] = pair.split('.') as [string, string];
    const start = prev + 1 + parseInt(gap, 36);
    const end = start + parseInt(len, 36);
    out[i * 2] = start;
    out[i * 2 + 1] = end;
    prev = end;
  });
  return out;
}

/** Index of the range holding `cp`, or -1. */
function findRange(table: RangeTable, cp: number): number {
  let lo = 0;
  let hi = table.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < table[mid * 2]!) hi = mid - 1;
    else if (cp > table[mid * 2 + 1]!) lo = mid + 1;
    else return mid;
  }
  return -1;
}

// Decoded on first use.
let wide: RangeTable | undefined;
let nonPrintable: RangeTable | undefined;
let space: RangeTable | undefined;
let decimal: RangeTable | undefined;

/** `unicodedata.east_asian_width(ch) in 'WFA'`. */
export function isWide(cp: number): boolean {
  if (cp < 0xa1) return false;
  wide ??= decodeRanges(WIDE_RANGES);
  return findRange(wide, cp) >= 0;
}

/** `ch.isprintable()` for one code point (what repr() leaves unescaped). */
export function isPyPrintable(cp: number): boolean {
  if (cp >= 0x20 && cp < 0x7f) return true;
  nonPrintable ??= decodeRanges(NON_PRINTABLE_RANGES);
  return findRange(nonPrintable, cp) < 0;
}

/** `ch.isspace()` (also what `str.strip()` and `re`'s `\s` use). */
export function isPySpace(cp: number): boolean {
  if (cp < 0x80) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
  space ??= decodeRanges(SPACE_RANGES);
  return findRange(space, cp) >= 0;
}

/** `unicodedata.decimal(ch, None)`: the digit value of a decimal digit of any script. */
export function decimalValue(cp: number): number | undefined {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (cp < 0x80) return undefined;
  decimal ??= decodeRanges(DECIMAL_RANGES);
  const i = findRange(decimal, cp);
  // Every decimal range is made of whole runs 0..9 (the generator checks it).
  return i < 0 ? undefined : (cp - decimal[i * 2]!) % 10;
}

/** The characters of `text` as code points (a lone surrogate counts as one). */
export function codePoints(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    out.push(cp);
    if (cp > 0xffff) i++;
  }
  return out;
}

/** How many Python characters (code points) the first `utf16Index` units of `text` hold. */
export function codePointIndex(text: string, utf16Index: number): number {
  let count = 0;
  for (let i = 0; i < utf16Index && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < utf16Index) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** Python `text.rstrip()`. */
export function pyRstrip(text: string): string {
  let end = text.length;
  // Whitespace is always in the BMP, so a surrogate ends the strip.
  while (end > 0 && isPySpace(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

/** Python `text.lstrip()`. */
export function pyLstrip(text: string): string {
  let start = 0;
  while (start < text.length && isPySpace(text.charCodeAt(start))) start++;
  return text.slice(start);
}

/** Python `text.strip()`. */
export function pyStrip(text: string): string {
  return pyRstrip(pyLstrip(text));
}

/**
 * What int() and float() parse in place of a str (CPython's
 * _PyUnicode_TransformDecimalAndSpaceToASCII): ASCII below DEL as it is, other
 * whitespace as ' ', decimal digits of any script as ASCII digits, and the
 * text cut after a '?' for the first character that is none of these.
 */
export function numberTextToAscii(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x7f) {
      out += ch;
      continue;
    }
    if (isPySpace(cp)) {
      out += ' ';
      continue;
    }
    const digit = decimalValue(cp);
    if (digit === undefined) return `${out}?`;
    out += String(digit);
  }
  return out;
}
