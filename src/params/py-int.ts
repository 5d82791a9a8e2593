// Python `int(value)` (base 10), as the AWS CLI applies it to integer options
// and to integer members in shorthand. Failures are Python ValueError/TypeError
// texts, which the AWS CLI prints as a general error.
import { CliError } from '../errors.js';
import { isPySpace } from './py-text.js';
import { DECIMAL_ZEROS } from './py-unicode-data.js';
import { pyRepr, pyTypeName } from './python-repr.js';

/** Python 3.11's default `sys.get_int_max_str_digits()`. */
export const INT_MAX_STR_DIGITS = 4300;

export function intDigitLimitMessage(digits: number): string {
  return `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`;
}

/** The value of a Unicode decimal digit (any script), or -1. */
function decimalValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (cp < 0x660) return -1;
  let lo = 0;
  let hi = DECIMAL_ZEROS.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (DECIMAL_ZEROS[mid]! <= cp) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return -1;
  const offset = cp - DECIMAL_ZEROS[best]!;
  return offset < 10 ? offset : -1;
}

/**
 * Python `int(value)` for a str or bytes value: surrounding whitespace, one
 * sign, digits of any script, single `_` between digits. Returns a number when
 * it is a safe integer, otherwise a bigint. Throws a general CliError with
 * Python's message (`invalid literal for int() with base 10: 'abc'`).
 */
export function pythonInt(value: unknown): number | bigint {
  let ascii: string;
  if (typeof value === 'string') {
    // CPython first maps decimal digits to ASCII and whitespace to ' '.
    ascii = '';
    for (const ch of value) {
      const cp = ch.codePointAt(0)!;
      const d = decimalValue(cp);
      if (d >= 0) ascii += String(d);
      else if (isPySpace(cp)) ascii += ' ';
      else if (cp < 0x80) ascii += ch;
      else ascii += '?';
    }
  } else if (value instanceof Uint8Array) {
    ascii = '';
    for (const b of value) ascii += b < 0x80 && b !== 0 ? String.fromCharCode(b) : '?';
  } else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return typeof value === 'boolean' ? Number(value) : value;
  } else {
    throw new CliError(
      'general',
      `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`,
    );
  }
  const invalid = (): CliError =>
    new CliError('general', `invalid literal for int() with base 10: ${pyRepr(value)}`);
  const isSpace = (c: string | undefined): boolean =>
    c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
  let i = 0;
  while (isSpace(ascii[i])) i++;
  let negative = false;
  if (ascii[i] === '+' || ascii[i] === '-') {
    negative = ascii[i] === '-';
    i++;
  }
  if (ascii[i] === '_') throw invalid();
  let digits = '';
  let prev = '';
  while (i < ascii.length) {
    const c = ascii[i]!;
    if (c >= '0' && c <= '9') digits += c;
    else if (c === '_') {
      if (prev === '_') throw invalid();
    } else break;
    prev = c;
    i++;
  }
  if (prev === '_' || digits === '') throw invalid();
  if (digits.length > INT_MAX_STR_DIGITS) throw new CliError('general', intDigitLimitMessage(digits.length));
  while (isSpace(ascii[i])) i++;
  if (i !== ascii.length) throw invalid();
  const big = BigInt(digits) * (negative ? -1n : 1n);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}
