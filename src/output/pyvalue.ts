// The Python view of JSON-like values, as the AWS CLI v1 (a Python program) sees them:
// str(), repr(), type names, ==, ordering, and json.dumps for to_string().
//
// Value model: strings, booleans, null, arrays and plain objects map one to one.
// A JS number that is an integer is a Python int. A Python float is a JS number
// that is not an integer (or not finite); a float whose value happens to be
// integral (1.0, -0.0) is boxed in PyFloat so that it still prints as a float.

import { isUnprintable } from './unicode.js';

/** A Python float whose value is integral (e.g. `1.0`), kept apart from ints. */
export class PyFloat {
  constructor(readonly value: number) {}
  /** JSON.stringify sees the number (and so prints `1`, not `1.0`). */
  toJSON(): number {
    return this.value;
  }
  valueOf(): number {
    return this.value;
  }
}

/** A JMESPath expression reference (`&expr`) that ended up as a value. */
export class ExpRef {
  constructor(
    readonly node: unknown,
    readonly evaluate: (value: unknown) => unknown,
  ) {}
}

/** What Python prints for an `_Expression` object; the address is made up. */
export const EXPREF_STR = '<jmespath.visitor._Expression object at 0x7f0000000000>';

export type PyTypeName = 'str' | 'int' | 'float' | 'bool' | 'NoneType' | 'list' | 'dict' | '_Expression';

/** A Python float from a JS number: boxed when its value is integral. */
export function pyFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** A Python int from a JS number (never -0). */
export function pyInt(n: number): number {
  return n === 0 ? 0 : n;
}

export function isNumber(x: unknown): x is number | PyFloat {
  return typeof x === 'number' || x instanceof PyFloat;
}

export function numValue(x: number | PyFloat): number {
  return typeof x === 'number' ? x : x.value;
}

export function isFloat(x: unknown): boolean {
  return x instanceof PyFloat || (typeof x === 'number' && !Number.isInteger(x));
}

export function isDict(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  if (x instanceof PyFloat || x instanceof ExpRef) return false;
  return true;
}

export function hasKey(obj: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== undefined;
}

/** A dict's keys in insertion order (keys whose value is undefined do not exist). */
export function dictKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj).filter((k) => obj[k] !== undefined);
}

export function getKey(obj: Record<string, unknown>, key: string): unknown {
  return hasKey(obj, key) ? obj[key] : null;
}

/** Sets a key safely (also `__proto__`). */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

export function pyTypeName(x: unknown): PyTypeName {
  if (x === null || x === undefined) return 'NoneType';
  if (typeof x === 'string') return 'str';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'number') return Number.isInteger(x) ? 'int' : 'float';
  if (x instanceof PyFloat) return 'float';
  if (x instanceof ExpRef) return '_Expression';
  if (Array.isArray(x)) return 'list';
  return 'dict';
}

/** Python's repr() of a float (shortest round-trip digits, Python's layout). */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Python's str() of an int held in a JS number. */
export function intStr(n: number): string {
  if (n === 0) return '0';
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

export function numberStr(x: number | PyFloat): string {
  if (x instanceof PyFloat) return floatRepr(x.value);
  return Number.isInteger(x) ? intStr(x) : floatRepr(x);
}

/** Python's str(). */
export function pyStr(x: unknown): string {
  if (typeof x === 'string') return x;
  return pyRepr(x);
}

/** Python's repr(). */
export function pyRepr(x: unknown): string {
  if (x === null || x === undefined) return 'None';
  if (typeof x === 'string') return strRepr(x);
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (isNumber(x)) return numberStr(x);
  if (x instanceof ExpRef) return EXPREF_STR;
  if (Array.isArray(x)) return `[${x.map(pyRepr).join(', ')}]`;
  if (isDict(x)) {
    return `{${dictKeys(x)
      .map((k) => `${strRepr(k)}: ${pyRepr(x[k])}`)
      .join(', ')}}`;
  }
  return String(x);
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/** Python's repr() of a str. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f) out += ch;
    else if (!isUnprintable(cp)) out += ch;
    else if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + quote;
}

/** Code point order, as Python compares str (lone surrogates are code points too). */
export function compareStr(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  while (i < a.length && i < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

/** Python's `a == b` for JSON-like values (True == 1, 1 == 1.0, nested). */
export function pyEquals(a: unknown, b: unknown): boolean {
  const na = numericOf(a);
  const nb = numericOf(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && na === nb;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a === 'string') return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => v === b[i] || pyEquals(v, b[i]));
  }
  if (isDict(a)) {
    if (!isDict(b)) return false;
    const ka = dictKeys(a);
    if (ka.length !== dictKeys(b).length) return false;
    return ka.every((k) => hasKey(b, k) && (a[k] === b[k] || pyEquals(a[k], b[k])));
  }
  return a === b;
}

/** The numeric value of an int, float or bool (bool is an int in Python). */
function numericOf(x: unknown): number | undefined {
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (isNumber(x)) return numValue(x);
  return undefined;
}

/** The message of Python's TypeError for an unsupported ordering. */
export function orderingError(op: string, a: unknown, b: unknown): string {
  return `'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`;
}

/**
 * Python's ordering of two values of one comparable kind (numbers or strings):
 * returns <0, 0 or >0, or undefined if Python would raise TypeError.
 */
export function pyCompare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'string' && typeof b === 'string') return compareStr(a, b);
  const na = numericOf(a);
  const nb = numericOf(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : na === nb ? 0 : NaN;
  return undefined;
}

/** Python's `a < b` (and friends) for numbers and strings; throws Python's TypeError text. */
export function pyLess(op: '<' | '<=' | '>' | '>=', a: unknown, b: unknown): boolean {
  const c = pyCompare(a, b);
  if (c === undefined) throw new PyTypeError(orderingError(op, a, b));
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/** A Python exception that the AWS CLI would print as `str(e)`. */
export class PyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyError';
  }
}
export class PyTypeError extends PyError {}

/** json.dumps(x, separators=(',', ':'), default=str): ensure_ascii, Python float layout. */
export function jsonDumpsCompact(x: unknown): string {
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'string') return jsonStringAscii(x);
  if (typeof x === 'boolean') return x ? 'true' : 'false';
  if (isNumber(x)) {
    const n = numValue(x);
    if (Number.isNaN(n)) return 'NaN';
    if (n === Infinity) return 'Infinity';
    if (n === -Infinity) return '-Infinity';
    return numberStr(x);
  }
  if (x instanceof ExpRef) return jsonStringAscii(EXPREF_STR);
  if (Array.isArray(x)) return `[${x.map(jsonDumpsCompact).join(',')}]`;
  if (isDict(x)) {
    return `{${dictKeys(x)
      .map((k) => `${jsonStringAscii(k)}:${jsonDumpsCompact(x[k])}`)
      .join(',')}}`;
  }
  return jsonStringAscii(String(x));
}

/** A JSON string literal with every character outside ' '..'~' escaped (ensure_ascii). */
export function jsonStringAscii(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += `\\u${hex(c, 4)}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * Drops undefined-valued keys (they do not exist in Python), recursively; undefined → null.
 * An object met twice maps to one copy, so shared references stay shared (YAML aliases).
 */
export function normalize(x: unknown, seen: Map<object, unknown> = new Map()): unknown {
  if (x === undefined) return null;
  if (Array.isArray(x)) {
    const hit = seen.get(x);
    if (hit !== undefined) return hit;
    const out: unknown[] = [];
    seen.set(x, out);
    for (const el of x) out.push(normalize(el, seen));
    return out;
  }
  if (isDict(x)) {
    const hit = seen.get(x);
    if (hit !== undefined) return hit;
    const out: Record<string, unknown> = {};
    seen.set(x, out);
    for (const k of dictKeys(x)) setKey(out, k, normalize(x[k], seen));
    return out;
  }
  return x;
}
