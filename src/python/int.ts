// Python `int(value)` (base 10): what the AWS CLI applies to integer options
// and to integer members in shorthand, and what jmespath's to_number() tries
// first. Results are numbers while safe, bigints beyond.

import { CliError } from '../errors.js';
import { pyRepr } from './repr.js';
import { numberTextToAscii } from './text.js';
import { pyTypeName, PyValueError } from './value.js';

/** Python 3.11's default `sys.get_int_max_str_digits()`. */
export const INT_MAX_STR_DIGITS = 4300;

export function intDigitLimitMessage(digits: number): string {
  return `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`;
}

/** The whitespace int() skips around the digits (after numberTextToAscii). */
function isAsciiSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

/**
 * int() of ASCII text: surrounding whitespace, one sign, digits with single
 * `_` between them. Undefined where Python says `invalid literal`; throws
 * PyValueError past the digit limit.
 */
function parseAsciiInt(ascii: string): number | bigint | undefined {
  let i = 0;
  while (isAsciiSpace(ascii[i])) i++;
  let negative = false;
  if (ascii[i] === '+' || ascii[i] === '-') {
    negative = ascii[i] === '-';
    i++;
  }
  if (ascii[i] === '_') return undefined;
  let digits = '';
  let prev = '';
  while (i < ascii.length) {
    const c = ascii[i]!;
    if (c >= '0' && c <= '9') digits += c;
    else if (c === '_') {
      if (prev === '_') return undefined;
    } else break;
    prev = c;
    i++;
  }
  if (prev === '_' || digits === '') return undefined;
  if (digits.length > INT_MAX_STR_DIGITS) throw new PyValueError(intDigitLimitMessage(digits.length));
  while (isAsciiSpace(ascii[i])) i++;
  if (i !== ascii.length) return undefined;
  const big = BigInt(digits) * (negative ? -1n : 1n);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** Python `int(text)` for a str (digits of any script); throws PyValueError with Python's message. */
export function pyIntFromStr(text: string): number | bigint {
  const value = parseAsciiInt(numberTextToAscii(text));
  if (value === undefined) throw new PyValueError(`invalid literal for int() with base 10: ${pyRepr(text)}`);
  return value;
}

/**
 * Python `int(value)` for a str, bytes, int or bool, as the AWS CLI calls it.
 * Throws a general CliError with Python's message
 * (`invalid literal for int() with base 10: 'abc'`).
 */
export function pythonInt(value: unknown): number | bigint {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return Number(value);
  let ascii: string;
  if (typeof value === 'string') {
    ascii = numberTextToAscii(value);
  } else if (value instanceof Uint8Array) {
    ascii = '';
    for (const b of value) ascii += b < 0x80 && b !== 0 ? String.fromCharCode(b) : '?';
  } else {
    throw new CliError(
      'general',
      `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`,
    );
  }
  let parsed: number | bigint | undefined;
  try {
    parsed = parseAsciiInt(ascii);
  } catch (e) {
    if (e instanceof PyValueError) throw new CliError('general', e.message);
    throw e;
  }
  if (parsed === undefined) throw new CliError('general', `invalid literal for int() with base 10: ${pyRepr(value)}`);
  return parsed;
}
