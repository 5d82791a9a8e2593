// How Python values are represented in JavaScript, so that parameter values
// can be validated and printed exactly as botocore prints them.
//
//   Python            JavaScript
//   None              null (undefined is treated as "absent" by validation)
//   bool              boolean
//   int               number when it is a safe integer, otherwise bigint
//                     (a plain JS number with a fraction, NaN or ±Infinity counts as a float)
//   float             PyFloat (what the JSON parser returns for 1.0, 1e5, NaN, Infinity)
//   str               string
//   bytes             Uint8Array (fileb:// contents)
//   list              Array
//   dict              a plain object built with newDict()/dictSet(), or any plain object
//   OrderedDict       a plain object from newDict(true): JSON given to a list option is
//                     decoded into OrderedDicts by the AWS CLI, which shows in messages
//
// Dicts keep Python's insertion order even for keys such as "1" that JavaScript
// would move to the front: the order is kept in a hidden (non-enumerable)
// property and read back with dictKeys(). Objects built any other way simply use
// Object.keys() order. Keys are defined as own data properties, so "__proto__" is
// an ordinary key.

/** A Python float. Keeps `1.0` apart from `1` (`value: 1.0, type: <class 'float'>`). */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
}

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

/** `dict[key] = value`: a new key goes last; an existing key keeps its place. */
export function dictSet(dict: PyDict, key: string, value: unknown): void {
  const isNew = !Object.prototype.hasOwnProperty.call(dict, key);
  Object.defineProperty(dict, key, { value, enumerable: true, writable: true, configurable: true });
  if (isNew) (dict as DictInternals)[KEY_ORDER]?.push(key);
}

/** The dict's keys in Python order. */
export function dictKeys(dict: object): string[] {
  const own = Object.keys(dict);
  const order = (dict as DictInternals)[KEY_ORDER];
  if (!order) return own;
  const present = new Set(own);
  const keys = order.filter((k) => present.has(k));
  if (keys.length !== own.length) {
    const listed = new Set(keys);
    for (const k of own) if (!listed.has(k)) keys.push(k);
  }
  return keys;
}

export function isOrderedDict(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as DictInternals)[ORDERED] === true;
}

/** Marks a dict as a `collections.OrderedDict` (for values built by hand in tests or callers). */
export function markOrderedDict(dict: PyDict): PyDict {
  if (!isOrderedDict(dict)) Object.defineProperty(dict, ORDERED, { value: true, enumerable: false });
  return dict;
}

/** A plain object that stands for a Python dict. */
export function isPyDict(value: unknown): value is PyDict {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value) || value instanceof Uint8Array || value instanceof PyFloat) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A plain object (any order) turned into a dict, keys in Object.keys order. */
export function dictFrom(entries: Iterable<readonly [string, unknown]>, ordered = false): PyDict {
  const dict = newDict(ordered);
  for (const [k, v] of entries) dictSet(dict, k, v);
  return dict;
}
