// Character classes as Python 3.11's unicodedata sees them (Unicode 14.0.0),
// decoded from the generated tables in unicode-tables.ts.

import { DECIMAL_RANGES, SPACE_RANGES, UNPRINTABLE_RANGES, WIDE_RANGES } from './unicode-tables.js';

/** Sorted, non-overlapping [start, end] ranges flattened into one array. */
type RangeTable = Uint32Array;

function decode(encoded: string): RangeTable {
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
function find(table: RangeTable, cp: number): number {
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

let wide: RangeTable | undefined;
let unprintable: RangeTable | undefined;
let space: RangeTable | undefined;
let decimal: RangeTable | undefined;

/** unicodedata.east_asian_width(ch) in 'WFA'. */
export function isWide(cp: number): boolean {
  if (cp < 0xa1) return false;
  wide ??= decode(WIDE_RANGES);
  return find(wide, cp) >= 0;
}

/** not ch.isprintable(), except that space counts as printable. */
export function isUnprintable(cp: number): boolean {
  if (cp >= 0x20 && cp < 0x7f) return false;
  unprintable ??= decode(UNPRINTABLE_RANGES);
  return find(unprintable, cp) >= 0;
}

/** ch.isspace() */
export function isSpace(cp: number): boolean {
  space ??= decode(SPACE_RANGES);
  return find(space, cp) >= 0;
}

/** unicodedata.decimal(ch, None) */
export function decimalValue(cp: number): number | undefined {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  decimal ??= decode(DECIMAL_RANGES);
  const i = find(decimal, cp);
  // Every decimal range is made of whole runs 0..9 (checked by the generator's data).
  return i < 0 ? undefined : (cp - decimal[i * 2]!) % 10;
}

/** awscli's get_text_length: W, F and A characters count 2 columns, all others 1. */
export function textWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return n;
}
