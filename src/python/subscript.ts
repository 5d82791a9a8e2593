// `value[key]` and dateutil's `parse(value)` as botocore evaluates them on
// data it read from a file or a server, with Python's error texts, so that
// a malformed cache or credentials document fails as AWS CLI v1 fails.
import { pyRepr } from './repr.js';
import { PyDict, PyError, pyTypeName } from './value.js';

/** Python's `value[key]` for a string key: KeyError prints as the key's repr. */
export function subscript(value: unknown, key: string): unknown {
  if (value instanceof PyDict) {
    if (!value.has(key)) throw new PyError(pyRepr(key));
    return value.get(key);
  }
  if (Array.isArray(value)) throw new PyError('list indices must be integers or slices, not str');
  if (typeof value === 'string') throw new PyError("string indices must be integers, not 'str'");
  throw new PyError(`'${pyTypeName(value)}' object is not subscriptable`);
}

/** Python's `value.get(key)` on what should be a dict: None (null) for a missing key. */
export function dictGet(value: unknown, key: string): unknown {
  if (!(value instanceof PyDict)) throw new PyError(`'${pyTypeName(value)}' object has no attribute 'get'`);
  return value.get(key) ?? null;
}

const ISO = /^\s*(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$/i;

/**
 * dateutil's parse() for the timestamps AWS services and caches write
 * (ISO 8601, with `Z`, `UTC`, `GMT` or an offset). A timestamp without a
 * zone is naive: comparing it with the clock is Python's TypeError.
 */
export function parseTimestamp(value: unknown): Date {
  if (typeof value !== 'string') throw new PyError(`Parser must be a string or character stream, not ${pyTypeName(value)}`);
  if (value.trim() === '') throw new PyError(`String does not contain a date: ${value}`);
  const m = ISO.exec(value);
  if (!m) throw new PyError(`Unknown string format: ${value}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  // dateutil's range checks, in its order and words.
  if (month < 1 || month > 12) throw new PyError(`month must be in 1..12: ${value}`);
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) throw new PyError(`day is out of range for month: ${value}`);
  if (hour > 23) throw new PyError(`hour must be in 0..23: ${value}`);
  if (minute > 59) throw new PyError(`minute must be in 0..59: ${value}`);
  if (second > 59) throw new PyError(`second must be in 0..59: ${value}`);
  if (zone === undefined) throw new PyError("can't subtract offset-naive and offset-aware datetimes");
  let offsetMinutes = 0;
  if (/^[+-]/.test(zone)) {
    const digits = zone.replace(':', '');
    offsetMinutes = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0')) * (zone.startsWith('-') ? -1 : 1);
  }
  const ms = Math.floor(Number(`0.${frac || '0'}`) * 1000);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000);
  return date;
}
