// The one representation of Python values in JavaScript, shared by the
// parameter side (what botocore validates and prints) and the output side
// (what the formatters and the JMESPath engine see):
//
//   Python            JavaScript
//   None              null (undefined means "absent": a dict key holding it does not exist)
//   bool              boolean
//   int               a JS number that is an integer, or a bigint (json.loads gives a
//                     bigint beyond 2^53)
//   float             PyFloat, or a JS number that is not an integer (fraction, NaN, ±inf);
//                     PyFloat is what keeps `1.0` apart from `1`
//   str               string
//   bytes             Uint8Array (fileb:// contents)
//   list              Array
//   dict              a plain object (prototype Object.prototype or null)
//   OrderedDict       a dict from newDict(true) or markOrderedDict()
//   _Expression       ExpRef (a JMESPath `&expr` that ended up as a value)
//
// Dicts keep Python's insertion order even for keys such as "1" that
// JavaScript would move to the front: newDict() keeps the order in a hidden
// (non-enumerable) property that dictSet() maintains and dictKeys() reads.
// Any other plain object uses Object.keys() order.

/** A Python float; needed where the value is integral (`1.0`), allowed for any value. */
export class PyFloat {
  constructor(readonly value: number) {}
  /** JSON.stringify sees the number. */
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

/** What Python prints for a jmespath `_Expression` object; the address is made up. */
export const EXPREF_STR = '<jmespath.visitor._Expression object at 0x7f0000000000>';

// ---------------------------------------------------------------- errors

/** A Python exception whose str() the AWS CLI would print. */
export class PyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PyError';
  }
}
export class PyTypeError extends PyError {}
export class PyValueError extends PyError {}

// ---------------------------------------------------------------- numbers

/** A Python float from a JS number: boxed when its value is integral. */
export function pyFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** A Python int from an integral JS number (never -0). */
export function pyInt(n: number): number {
  return n === 0 ? 0 : n;
}

/** An int or a float (not a bool). */
export function isNumber(x: unknown): x is number | bigint | PyFloat {
  return typeof x === 'number' || typeof x === 'bigint' || x instanceof PyFloat;
}

/** A Python int (not a bool). */
export function isInt(x: unknown): x is number | bigint {
  return typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x));
}

export function isFloat(x: unknown): boolean {
  return x instanceof PyFloat || (typeof x === 'number' && !Number.isInteger(x));
}

/** A number's value as a JS number (a bigint beyond 2^53 loses precision). */
export function numValue(x: number | bigint | PyFloat): number {
  return typeof x === 'object' ? x.value : Number(x);
}

// ---------------------------------------------------------------- dicts

const KEY_ORDER: unique symbol = Symbol('py.keyOrder');
const ORDERED: unique symbol = Symbol('py.orderedDict');

export type PyDict = Record<string, unknown>;

interface DictInternals {
  [KEY_ORDER]?: string[];
  [ORDERED]?: boolean;
}

/** An empty dict (or `collections.OrderedDict` when `ordered`) that remembers key order. */
export function newDict(ordered = false): PyDict {
  const dict: PyDict = {};
  Object.defineProperty(dict, KEY_ORDER, { value: [], enumerable: false });
  if (ordered) Object.defineProperty(dict, ORDERED, { value: true, enumerable: false });
  return dict;
}

/** `dict[key] = value`: a new key goes last, an existing key keeps its place; `__proto__` is an ordinary key. */
export function dictSet(dict: PyDict, key: string, value: unknown): void {
  const isNew = !Object.prototype.hasOwnProperty.call(dict, key);
  if (key === '__proto__') {
    Object.defineProperty(dict, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    dict[key] = value;
  }
  if (isNew) (dict as DictInternals)[KEY_ORDER]?.push(key);
}

/** A dict from [key, value] pairs, in their order. */
export function dictFrom(entries: Iterable<readonly [string, unknown]>, ordered = false): PyDict {
  const dict = newDict(ordered);
  for (const [k, v] of entries) dictSet(dict, k, v);
  return dict;
}

/** The dict's keys in Python order; keys whose value is undefined do not exist. */
export function dictKeys(dict: object): string[] {
  const own = Object.keys(dict);
  const order = (dict as DictInternals)[KEY_ORDER];
  let keys = own;
  if (order) {
    const present = new Set(own);
    keys = order.filter((k) => present.has(k));
    if (keys.length !== own.length) {
      // Keys set without dictSet() go last, in Object.keys() order.
      const listed = new Set(keys);
      for (const k of own) if (!listed.has(k)) keys.push(k);
    }
  }
  const values = dict as PyDict;
  return keys.filter((k) => values[k] !== undefined);
}

/** A plain object that stands for a Python dict. */
export function isDict(value: unknown): value is PyDict {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isOrderedDict(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as DictInternals)[ORDERED] === true;
}

/** Marks a dict as a `collections.OrderedDict` (for values built by hand in tests or callers). */
export function markOrderedDict(dict: PyDict): PyDict {
  if (!isOrderedDict(dict)) Object.defineProperty(dict, ORDERED, { value: true, enumerable: false });
  return dict;
}

/** `key in dict`. */
export function hasKey(dict: PyDict, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(dict, key) && dict[key] !== undefined;
}

/** `dict.get(key)`. */
export function getKey(dict: PyDict, key: string): unknown {
  return hasKey(dict, key) ? dict[key] : null;
}

// ---------------------------------------------------------------- types

export type PyTypeName =
  | 'NoneType'
  | 'bool'
  | 'int'
  | 'float'
  | 'str'
  | 'bytes'
  | 'list'
  | 'dict'
  | 'set'
  | 'collections.OrderedDict'
  | '_Expression';

/** Python's name for the value's type, as error messages print it (`'int' object is not iterable`). */
export function pyTypeName(value: unknown): PyTypeName {
  if (value === null || value === undefined) return 'NoneType';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    case 'bigint':
      return 'int';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    default:
      break;
  }
  if (value instanceof PyFloat) return 'float';
  if (value instanceof ExpRef) return '_Expression';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Set) return 'set';
  if (isOrderedDict(value)) return 'collections.OrderedDict';
  if (typeof value === 'object') return 'dict';
  return 'str';
}

/**
 * A copy without undefined (absent keys dropped, undefined elsewhere → None).
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
    const out = newDict(isOrderedDict(x));
    seen.set(x, out);
    for (const k of dictKeys(x)) dictSet(out, k, normalize(x[k], seen));
    return out;
  }
  return x;
}
