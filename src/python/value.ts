// The one representation of Python values in JavaScript, shared by the
// parameter side (what botocore validates and prints) and the output side
// (what the formatters and the JMESPath engine see):
//
//   Python            JavaScript
//   None              null
//   bool              boolean
//   int               a JS number that is an integer, or a bigint (json.loads gives a
//                     bigint beyond 2^53)
//   float             PyFloat, or a JS number that is not an integer (fraction, NaN, ±inf);
//                     PyFloat is what keeps `1.0` apart from `1`
//   str               string
//   bytes             Uint8Array (fileb:// contents)
//   list              Array
//   dict              PyDict (insertion order for every key; never holds undefined)
//   OrderedDict       PyDict with `ordered`
//   set               Set (a YAML !!set)
//   datetime          PyDatetime (a YAML !!timestamp)
//   _Expression       ExpRef (a JMESPath `&expr` that ended up as a value)
//
// undefined is not a Python value. JavaScript data (SDK responses, documents
// built in code) comes in through fromJs() and goes out to the SDK through toJs().

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

/** A naive `datetime.datetime` (a YAML `!!timestamp`, read as UTC by the yaml package). */
export class PyDatetime {
  constructor(readonly value: Date) {}

  /** The fields repr() lists: year … minute, then second and microsecond when not zero. */
  fields(): number[] {
    const d = this.value;
    const fields = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
    const [second, micro] = [d.getUTCSeconds(), d.getUTCMilliseconds() * 1000];
    if (second !== 0 || micro !== 0) fields.push(second);
    if (micro !== 0) fields.push(micro);
    return fields;
  }

  /** str(): `2001-12-14 21:59:43.100000`. */
  toString(): string {
    const iso = this.value.toISOString();
    const micro = this.value.getUTCMilliseconds() * 1000;
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${micro === 0 ? '' : `.${String(micro).padStart(6, '0')}`}`;
  }
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

/**
 * A Python dict (or `collections.OrderedDict`): string keys in insertion
 * order, whatever they look like (`"1"` stays where it was put, `"__proto__"`
 * and `"constructor"` are keys like any other). A value is never undefined:
 * a key is absent exactly when it is not in the dict.
 *
 * A class wrapping a Map rather than a branded plain object: a plain object
 * moves integer-like keys to the front and treats `__proto__` specially, and
 * a spread or Object.keys() of it would silently fall back to that order. A
 * PyDict cannot be spread or indexed by mistake (the compiler refuses), and
 * a plain object reaching the Python layer is refused too (pyTypeName).
 * JavaScript data crosses over through fromJs() and back through toJs().
 */
export class PyDict {
  readonly #items = new Map<string, unknown>();

  constructor(
    entries: Iterable<readonly [string, unknown]> = [],
    /** A `collections.OrderedDict` (json.loads with the AWS CLI's object_pairs_hook): only its type name and repr differ. */
    readonly ordered = false,
  ) {
    for (const [key, value] of entries) this.set(key, value);
  }

  get size(): number {
    return this.#items.size;
  }

  /** `key in dict`. */
  has(key: string): boolean {
    return this.#items.has(key);
  }

  /** `dict[key]`; undefined when the key is absent (never a value). */
  get(key: string): unknown {
    return this.#items.get(key);
  }

  /** `dict[key] = value`: a new key goes last, an existing key keeps its place. */
  set(key: string, value: unknown): this {
    if (value === undefined) throw new TypeError(`PyDict value for ${JSON.stringify(key)} is undefined: leave the key out instead`);
    this.#items.set(key, value);
    return this;
  }

  /** `del dict[key]`; whether it was there. */
  delete(key: string): boolean {
    return this.#items.delete(key);
  }

  /** The keys, in order (a new array). */
  keys(): string[] {
    return [...this.#items.keys()];
  }

  /** The values, in key order (a new array). */
  values(): unknown[] {
    return [...this.#items.values()];
  }

  /** The [key, value] pairs, in order (a new array). */
  entries(): Array<[string, unknown]> {
    return [...this.#items.entries()];
  }

  [Symbol.iterator](): IterableIterator<[string, unknown]> {
    return this.#items.entries();
  }

  /** `dict.copy()` (shallow; an OrderedDict stays one). */
  copy(): PyDict {
    return new PyDict(this.#items, this.ordered);
  }

  /** A copy with `key` set, as `{**dict, key: value}` (an existing key keeps its place). */
  with(key: string, value: unknown): PyDict {
    return this.copy().set(key, value);
  }
}

/** A Python dict (OrderedDict included). */
export function isDict(value: unknown): value is PyDict {
  return value instanceof PyDict;
}

export function isOrderedDict(value: unknown): boolean {
  return value instanceof PyDict && value.ordered;
}

/** `dict.get(key)`: None (null) for an absent key. */
export function getKey(dict: PyDict, key: string): unknown {
  return dict.get(key) ?? null;
}

/** An object of JavaScript data (not an array, bytes, a set or a Python value class). */
function isPlainData(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * JavaScript data (an SDK response, a hand-built document) as Python values:
 * plain objects become dicts in Object.keys() order, leaving out keys whose
 * value is undefined; undefined anywhere else is None. Dicts and lists are
 * copied; one met twice maps to one copy, so shared references stay shared
 * (the YAML formatter shows them as anchors).
 */
export function fromJs(x: unknown, seen: Map<object, unknown> = new Map()): unknown {
  if (x === undefined) return null;
  if (typeof x !== 'object' || x === null) return x;
  const hit = seen.get(x);
  if (hit !== undefined) return hit;
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    seen.set(x, out);
    for (const el of x) out.push(fromJs(el, seen));
    return out;
  }
  if (x instanceof PyDict) {
    const out = new PyDict([], x.ordered);
    seen.set(x, out);
    for (const [k, v] of x) out.set(k, fromJs(v, seen));
    return out;
  }
  if (isPlainData(x)) {
    const out = new PyDict();
    seen.set(x, out);
    for (const k of Object.keys(x)) if (x[k] !== undefined) out.set(k, fromJs(x[k], seen));
    return out;
  }
  return x;
}

/**
 * Python values as JavaScript data, for the SDK: dicts become plain objects
 * (every key an own property, `__proto__` included), floats numbers; ints
 * beyond 2^53 stay bigints, bytes stay Uint8Array.
 */
export function toJs(x: unknown): unknown {
  if (x instanceof PyDict) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of x) Object.defineProperty(out, k, { value: toJs(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (Array.isArray(x)) return x.map(toJs);
  if (x instanceof PyFloat) return x.value;
  return x;
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
  | 'datetime.datetime'
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
  if (value instanceof PyDatetime) return 'datetime.datetime';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Set) return 'set';
  if (value instanceof PyDict) return value.ordered ? 'collections.OrderedDict' : 'dict';
  throw new TypeError(`not a Python value: ${Object.prototype.toString.call(value)} (convert JavaScript data with fromJs())`);
}
