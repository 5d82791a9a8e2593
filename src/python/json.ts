// Python's json module (CPython 3.11, C scanner) on the values of value.ts.
//
// jsonLoads() is json.loads, which the AWS CLI uses for --cli-input-json and for
// JSON given to list/structure options, and jmespath for `literals`:
// - NaN, Infinity and -Infinity are accepted (as floats);
// - `1` is an int, `1.0` and `1e2` are floats (PyFloat), ints beyond 2^53 are
//   bigints, ints with more than 4300 digits are a ValueError;
// - objects are dicts that keep insertion order (duplicate key: last value,
//   first position), optionally OrderedDicts;
// - errors read `Expecting value: line 1 column 18 (char 17)`, positions
//   counted in code points; nesting deeper than maxDepth is a RecursionError.
//
// jsonDumps() is json.dumps with the options the AWS CLI and jmespath use:
// floats as Python writes them (1.0, 1e+16, NaN), ensure_ascii, indent,
// separators, default=str.

import { CliError } from '../errors.js';
import { INT_MAX_STR_DIGITS, intDigitLimitMessage } from './int.js';
import { reprNumber } from './repr.js';
import { codePointIndex } from './text.js';
import { EXPREF_STR, ExpRef, isFloat, isNumber, numValue, PyDict, PyFloat, pyTypeName, PyTypeError, PyValueError } from './value.js';

// ---------------------------------------------------------------- loads

/** A ValueError raised by json.loads; `message` is its str(). */
export class PythonJsonError extends PyValueError {
  constructor(
    message: string,
    /** The bare message (`Expecting value`), when it is a JSONDecodeError. */
    readonly msg: string,
    /** Code-point position of the error, when it is a JSONDecodeError. */
    readonly pos?: number,
  ) {
    super(message);
    this.name = 'PythonJsonError';
  }
}

/**
 * How deeply arrays/objects may nest before CPython's recursion limit stops
 * json.loads. It depends on how deep the AWS CLI's own stack is at the call;
 * these were measured on aws-cli 1.45.11 / Python 3.11.7.
 */
export const JSON_MAX_DEPTH = {
  /** --cli-input-json */
  cliInputJson: 982,
  /** a list option given one `[...]` word, or a file:// value starting with `[` */
  listOption: 981,
  /** a list option given `{...}` words, one structure per word */
  structureWord: 978,
} as const;

export interface JsonLoadsOptions {
  /** Build objects as OrderedDicts (the AWS CLI's object_pairs_hook for option values). */
  readonly orderedDict?: boolean;
  /**
   * Maximum container nesting (default JSON_MAX_DEPTH.cliInputJson); deeper
   * raises Python's RecursionError as a general CliError. Infinity: no limit.
   */
  readonly maxDepth?: number;
}

/**
 * Python `json.loads(text)`. Throws PythonJsonError (a ValueError: the AWS CLI
 * prints `Invalid JSON: <message>`) or, past the nesting limit, a general
 * CliError with Python's RecursionError text.
 */
export function jsonLoads(text: string, options: JsonLoadsOptions = {}): unknown {
  return new Decoder(text, options).decode();
}

const enum Ch {
  Tab = 0x09,
  Lf = 0x0a,
  Cr = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Backslash = 0x5c,
}

function isJsonSpace(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.Lf || c === Ch.Cr;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Thrown inside the scanner where CPython raises StopIteration(idx). */
class StopScan {
  constructor(readonly index: number) {}
}

class Decoder {
  private depth = 0;
  private readonly ordered: boolean;
  private readonly maxDepth: number;

  constructor(
    private readonly s: string,
    options: JsonLoadsOptions,
  ) {
    this.ordered = options.orderedDict ?? false;
    this.maxDepth = options.maxDepth ?? JSON_MAX_DEPTH.cliInputJson;
  }

  /** JSONDecodeError(msg, doc, pos): `msg: line L column C (char P)`. */
  fail(msg: string, index: number): never {
    const s = this.s;
    const pos = codePointIndex(s, index);
    const before = s.slice(0, index);
    const lineno = (before.match(/\n/g)?.length ?? 0) + 1;
    const lastNl = before.lastIndexOf('\n');
    const colno = lastNl < 0 ? pos + 1 : pos - codePointIndex(s, lastNl);
    throw new PythonJsonError(`${msg}: line ${lineno} column ${colno} (char ${pos})`, msg, pos);
  }

  skipSpace(i: number): number {
    const s = this.s;
    while (i < s.length && isJsonSpace(s.charCodeAt(i))) i++;
    return i;
  }

  decode(): unknown {
    const s = this.s;
    if (s.charCodeAt(0) === 0xfeff) this.fail('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
    let result: [unknown, number];
    try {
      result = this.scan(this.skipSpace(0));
    } catch (e) {
      if (e instanceof StopScan) this.fail('Expecting value', e.index);
      throw e;
    }
    const end = this.skipSpace(result[1]);
    if (end !== s.length) this.fail('Extra data', end);
    return result[0];
  }

  scan(i: number): [unknown, number] {
    const s = this.s;
    if (i >= s.length) throw new StopScan(i);
    switch (s.charCodeAt(i)) {
      case Ch.Quote:
        return this.scanString(i + 1);
      case 0x7b /* { */:
        this.enter('object');
        try {
          return this.scanObject(i + 1);
        } finally {
          this.depth--;
        }
      case 0x5b /* [ */:
        this.enter('array');
        try {
          return this.scanArray(i + 1);
        } finally {
          this.depth--;
        }
      case 0x6e /* n */:
        if (s.startsWith('null', i)) return [null, i + 4];
        break;
      case 0x74 /* t */:
        if (s.startsWith('true', i)) return [true, i + 4];
        break;
      case 0x66 /* f */:
        if (s.startsWith('false', i)) return [false, i + 5];
        break;
      case 0x4e /* N */:
        if (s.startsWith('NaN', i)) return [new PyFloat(NaN), i + 3];
        break;
      case 0x49 /* I */:
        if (s.startsWith('Infinity', i)) return [new PyFloat(Infinity), i + 8];
        break;
      case 0x2d /* - */:
        if (s.startsWith('-Infinity', i)) return [new PyFloat(-Infinity), i + 9];
        break;
      default:
        break;
    }
    return this.scanNumber(i);
  }

  enter(kind: 'object' | 'array'): void {
    if (this.depth + 1 > this.maxDepth) {
      throw new CliError('general', `maximum recursion depth exceeded while decoding a JSON ${kind} from a unicode string`);
    }
    this.depth++;
  }

  scanNumber(start: number): [unknown, number] {
    const s = this.s;
    const last = s.length - 1;
    let i = start;
    if (s.charCodeAt(i) === 0x2d) {
      i++;
      if (i > last) throw new StopScan(start);
    }
    const first = s.charCodeAt(i);
    if (first >= 0x31 && first <= 0x39) {
      i++;
      while (i <= last && isDigit(s.charCodeAt(i))) i++;
    } else if (first === 0x30) {
      i++;
    } else {
      throw new StopScan(start);
    }
    let float = false;
    if (i < last && s.charCodeAt(i) === 0x2e && isDigit(s.charCodeAt(i + 1))) {
      float = true;
      i += 2;
      while (i <= last && isDigit(s.charCodeAt(i))) i++;
    }
    if (i < last && (s.charCodeAt(i) === 0x65 || s.charCodeAt(i) === 0x45)) {
      const eStart = i;
      i++;
      if (i < last && (s.charCodeAt(i) === 0x2d || s.charCodeAt(i) === 0x2b)) i++;
      while (i <= last && isDigit(s.charCodeAt(i))) i++;
      if (isDigit(s.charCodeAt(i - 1))) float = true;
      else i = eStart;
    }
    const text = s.slice(start, i);
    if (float) return [new PyFloat(Number(text)), i];
    const digits = text.startsWith('-') ? text.length - 1 : text.length;
    if (digits > INT_MAX_STR_DIGITS) throw new PythonJsonError(intDigitLimitMessage(digits), intDigitLimitMessage(digits));
    const asNumber = Number(text);
    if (Number.isSafeInteger(asNumber)) return [asNumber === 0 ? 0 : asNumber, i];
    return [BigInt(text), i];
  }

  scanString(end: number): [string, number] {
    const s = this.s;
    const len = s.length;
    const begin = end - 1;
    let out = '';
    for (;;) {
      let next = end;
      let c = 0;
      for (; next < len; next++) {
        c = s.charCodeAt(next);
        if (c === Ch.Quote || c === Ch.Backslash) break;
        if (c <= 0x1f) this.fail('Invalid control character at', next);
      }
      if (!(c === Ch.Quote || c === Ch.Backslash) || next >= len) this.fail('Unterminated string starting at', begin);
      out += s.slice(end, next);
      next++;
      if (c === Ch.Quote) return [out, next];
      if (next === len) this.fail('Unterminated string starting at', begin);
      c = s.charCodeAt(next);
      if (c !== 0x75 /* u */) {
        const unescaped = SIMPLE_ESCAPES[c];
        if (unescaped === undefined) this.fail('Invalid \\escape', next - 1);
        out += unescaped;
        end = next + 1;
        continue;
      }
      next++;
      end = next + 4;
      if (end >= len) this.fail('Invalid \\uXXXX escape', next - 1);
      let code = this.hex4(next, end);
      next = end;
      if (code >= 0xd800 && code <= 0xdbff && end + 6 < len && s.charCodeAt(next) === Ch.Backslash && s.charCodeAt(next + 1) === 0x75) {
        const low = this.hex4(next + 2, end + 6);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          end += 6;
        }
      }
      out += String.fromCodePoint(code);
    }
  }

  /** Four hex digits at [from, to); a bad digit is `Invalid \uXXXX escape` at to - 5. */
  hex4(from: number, to: number): number {
    let value = 0;
    for (let i = from; i < to; i++) {
      const d = this.s.charCodeAt(i);
      let v: number;
      if (d >= 0x30 && d <= 0x39) v = d - 0x30;
      else if (d >= 0x61 && d <= 0x66) v = d - 0x57;
      else if (d >= 0x41 && d <= 0x46) v = d - 0x37;
      else this.fail('Invalid \\uXXXX escape', to - 5);
      value = value * 16 + v;
    }
    return value;
  }

  scanObject(start: number): [unknown, number] {
    const s = this.s;
    const obj = new PyDict([], this.ordered);
    let i = this.skipSpace(start);
    if (i >= s.length || s.charCodeAt(i) !== 0x7d) {
      for (;;) {
        if (i >= s.length || s.charCodeAt(i) !== Ch.Quote) {
          this.fail('Expecting property name enclosed in double quotes', i);
        }
        const [key, afterKey] = this.scanString(i + 1);
        i = this.skipSpace(afterKey);
        if (i >= s.length || s.charCodeAt(i) !== 0x3a) this.fail("Expecting ':' delimiter", i);
        i = this.skipSpace(i + 1);
        const [value, afterValue] = this.scan(i);
        obj.set(key, value);
        i = this.skipSpace(afterValue);
        if (i < s.length && s.charCodeAt(i) === 0x7d) break;
        if (i >= s.length || s.charCodeAt(i) !== 0x2c) this.fail("Expecting ',' delimiter", i);
        i = this.skipSpace(i + 1);
      }
    }
    return [obj, i + 1];
  }

  scanArray(start: number): [unknown, number] {
    const s = this.s;
    const items: unknown[] = [];
    let i = this.skipSpace(start);
    if (i >= s.length || s.charCodeAt(i) !== 0x5d) {
      for (;;) {
        const [value, afterValue] = this.scan(i);
        items.push(value);
        i = this.skipSpace(afterValue);
        if (i < s.length && s.charCodeAt(i) === 0x5d) break;
        if (i >= s.length || s.charCodeAt(i) !== 0x2c) this.fail("Expecting ',' delimiter", i);
        i = this.skipSpace(i + 1);
      }
    }
    return [items, i + 1];
  }
}

/** What follows a backslash in a JSON string (all but `\u`), by char code. */
const SIMPLE_ESCAPES: Record<number, string> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};

// ---------------------------------------------------------------- dumps

export interface JsonDumpsOptions {
  /** `indent=`: one item per line, nested this many spaces a level; empty containers stay `[]`/`{}`. */
  readonly indent?: number;
  /** `ensure_ascii=` (default true, as in Python): everything outside ' '..'~' as \uXXXX. */
  readonly ensureAscii?: boolean;
  /** `separators=` (item, key); Python's default is (', ', ': '), or (',', ': ') with indent. */
  readonly separators?: readonly [string, string];
  /** `default=str`: a value JSON cannot hold is written as its str(); without it, TypeError. */
  readonly defaultStr?: boolean;
}

/** Python `json.dumps(value, ...)` of Python values (value.ts). */
export function jsonDumps(value: unknown, options: JsonDumpsOptions = {}): string {
  const indent = options.indent;
  const [itemSep, keySep] = options.separators ?? [indent === undefined ? ', ' : ',', ': '];
  const ensureAscii = options.ensureAscii ?? true;

  const dump = (x: unknown, level: number): string => {
    if (x === null || x === undefined) return 'null';
    if (typeof x === 'string') return jsonString(x, ensureAscii);
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (isNumber(x)) return jsonNumber(x);
    if (x instanceof ExpRef) {
      if (options.defaultStr) return jsonString(EXPREF_STR, ensureAscii);
      throw new PyTypeError('Encountered unrecognized type in JSON encoder.');
    }
    let items: string[];
    let open: string;
    let close: string;
    if (Array.isArray(x)) {
      items = x.map((v) => dump(v, level + 1));
      [open, close] = ['[', ']'];
    } else if (x instanceof PyDict) {
      items = x.entries().map(([k, v]) => `${jsonString(k, ensureAscii)}${keySep}${dump(v, level + 1)}`);
      [open, close] = ['{', '}'];
    } else {
      pyTypeName(x); // refuses JavaScript data that was never made a Python value
      return jsonString(String(x), ensureAscii);
    }
    if (indent === undefined) return `${open}${items.join(itemSep)}${close}`;
    if (items.length === 0) return `${open}${close}`;
    const pad = `\n${' '.repeat(indent * (level + 1))}`;
    return `${open}${pad}${items.join(`${itemSep}${pad}`)}\n${' '.repeat(indent * level)}${close}`;
  };
  return dump(value, 0);
}

/** A number as json.dumps writes it: Python's repr, and NaN/Infinity/-Infinity bare. */
function jsonNumber(x: number | bigint | PyFloat): string {
  const n = numValue(x);
  if (isFloat(x) && !Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  return reprNumber(x);
}

/** What json.dumps writes for these characters, by char code. */
const STRING_ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x08: '\\b',
  0x0c: '\\f',
};

/** A JSON string literal; with ensureAscii, UTF-16 units outside ' '..'~' become \uXXXX. */
function jsonString(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const escape = STRING_ESCAPES[c];
    if (escape !== undefined) out += escape;
    else if (c < 0x20 || (ensureAscii && c > 0x7e)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += s[i];
  }
  return `${out}"`;
}
