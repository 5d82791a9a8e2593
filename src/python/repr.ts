// Python's str() and repr() of the values of value.ts, as botocore prints them
// in validation messages (`value: {'Key': 'a'}, type: <class 'dict'>`), as
// argparse quotes arguments, and as `--output text` prints scalars.

import { isPyPrintable } from './text.js';
import { EXPREF_STR, ExpRef, PyDatetime, PyDict, PyFloat, pyTypeName } from './value.js';

/** `<class 'str'>` and friends, as `str(type(value))` prints. */
export function pyClass(value: unknown): string {
  return `<class '${pyTypeName(value)}'>`;
}

/** Python `str(value)`: a string (and a datetime) prints as itself, everything else as its repr. */
export function pyStr(value: unknown): string {
  if (value instanceof PyDatetime) return value.toString();
  return typeof value === 'string' ? value : pyRepr(value);
}

/**
 * Python `repr(value)`. A list or dict shown inside itself prints as `[...]`
 * / `{...}` (`...` in an OrderedDict), as CPython's Py_ReprEnter does: only
 * the containers being printed count, a shared one elsewhere prints in full.
 */
export function pyRepr(value: unknown): string {
  return reprIn(value, new Set<object>());
}

function reprIn(value: unknown, open: Set<object>): string {
  if (value === null || value === undefined) return 'None';
  switch (typeof value) {
    case 'boolean':
      return value ? 'True' : 'False';
    case 'string':
      return reprString(value);
    case 'number':
    case 'bigint':
      return reprNumber(value);
    default:
      break;
  }
  if (value instanceof PyFloat) return reprFloat(value.value);
  if (value instanceof ExpRef) return EXPREF_STR;
  if (value instanceof PyDatetime) return `datetime.datetime(${value.fields().join(', ')})`;
  if (value instanceof Uint8Array) return reprBytes(value);
  const container = value as object;
  if (open.has(container)) {
    if (Array.isArray(value)) return '[...]';
    return value instanceof PyDict && !value.ordered ? '{...}' : '...';
  }
  open.add(container);
  try {
    return reprContainer(value, (item) => reprIn(item, open));
  } finally {
    open.delete(container);
  }
}

function reprContainer(value: unknown, repr: (item: unknown) => string): string {
  if (Array.isArray(value)) return `[${value.map(repr).join(', ')}]`;
  // A YAML !!set: Python shows an empty one as set().
  if (value instanceof Set) return value.size === 0 ? 'set()' : `{${[...value].map(repr).join(', ')}}`;
  if (value instanceof PyDict) {
    const entries = value.entries();
    if (value.ordered) {
      if (entries.length === 0) return 'OrderedDict()';
      return `OrderedDict([${entries.map(([k, v]) => `(${reprString(k)}, ${repr(v)})`).join(', ')}])`;
    }
    return `{${entries.map(([k, v]) => `${reprString(k)}: ${repr(v)}`).join(', ')}}`;
  }
  pyTypeName(value); // refuses JavaScript data that was never made a Python value
  return reprString(String(value));
}

/** Python `repr()` (also `str()`) of an int or a float. */
export function reprNumber(value: number | bigint | PyFloat): string {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof PyFloat) return reprFloat(value.value);
  return Number.isInteger(value) ? BigInt(value).toString() : reprFloat(value);
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/** Python `repr()` of a str: quote choice, backslash escapes, non-printables as \x/\u/\U. */
export function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f || isPyPrintable(cp)) out += ch;
    else if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + quote;
}

/** Python `repr()` of bytes: `b'...'`. */
export function reprBytes(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of bytes) {
    if (b === 0x27) hasSingle = true;
    else if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = `b${String.fromCharCode(quote)}`;
  for (const b of bytes) {
    if (b === quote || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${hex(b, 2)}`;
    else out += String.fromCharCode(b);
  }
  return out + String.fromCharCode(quote);
}

/** Python `repr()` of a float: shortest round-trip digits, `1.0`, `1e+16`, `1e-05`, `inf`, `nan`. */
export function reprFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() with no argument gives the shortest digits that round-trip.
  const [mantissa, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
}
