// Python's `==` and ordering (`<`, `<=`, `>`, `>=`) for the values of
// value.ts: str in code point order, bool as an int, int and float by value,
// and Python's TypeError text where two kinds cannot be ordered.

import { isNumber, numValue, PyDict, pyTypeName, PyTypeError } from './value.js';

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

/** The numeric value of an int, float or bool (bool is an int in Python). */
function numericOf(x: unknown): number | undefined {
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (isNumber(x)) return numValue(x);
  return undefined;
}

/** Two ints as bigints, when one of them is a bigint (JS numbers would blur them); else undefined. */
function bigIntPair(a: unknown, b: unknown): [bigint, bigint] | undefined {
  if (typeof a !== 'bigint' && typeof b !== 'bigint') return undefined;
  const exact = (x: unknown): bigint | undefined => {
    if (typeof x === 'bigint') return x;
    if (typeof x === 'boolean') return x ? 1n : 0n;
    return typeof x === 'number' && Number.isInteger(x) ? BigInt(x) : undefined;
  };
  const x = exact(a);
  const y = exact(b);
  return x === undefined || y === undefined ? undefined : [x, y];
}

/** Python's `a == b` for JSON-like values (True == 1, 1 == 1.0, nested). */
export function pyEquals(a: unknown, b: unknown): boolean {
  const ints = bigIntPair(a, b);
  if (ints) return ints[0] === ints[1];
  const na = numericOf(a);
  const nb = numericOf(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && na === nb;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a === 'string') return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => v === b[i] || pyEquals(v, b[i]));
  }
  if (a instanceof PyDict) {
    if (!(b instanceof PyDict) || a.size !== b.size) return false;
    return a.entries().every(([k, v]) => b.has(k) && (v === b.get(k) || pyEquals(v, b.get(k))));
  }
  return a === b;
}

/** The message of Python's TypeError for an unsupported ordering. */
export function orderingError(op: string, a: unknown, b: unknown): string {
  return `'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`;
}

/**
 * Python's ordering of two values of one comparable kind (numbers or strings):
 * returns <0, 0 or >0 (NaN when a float NaN is involved), or undefined where
 * Python would raise TypeError.
 */
export function pyCompare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'string' && typeof b === 'string') return compareStr(a, b);
  const ints = bigIntPair(a, b);
  if (ints) return ints[0] < ints[1] ? -1 : ints[0] > ints[1] ? 1 : 0;
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
