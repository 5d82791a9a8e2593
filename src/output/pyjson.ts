// Python's json.loads(), as JMESPath literals use it: ints stay ints, floats become
// Python floats (PyFloat when integral), NaN/Infinity/-Infinity are accepted, and
// errors carry Python's message text ("Expecting value: line 1 column 1 (char 0)").

import {
  dictKeys,
  ExpRef,
  isDict,
  isNumber,
  normalize,
  numberStr,
  numValue,
  PyTypeError,
  pyFloat,
  setKey,
} from './pyvalue.js';

export class PyJsonError extends Error {
  constructor(
    /** Python's message without the position, e.g. `Invalid \escape`. */
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'PyJsonError';
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Scanner {
  private readonly chars: string[];

  constructor(text: string) {
    this.chars = Array.from(text);
  }

  fail(reason: string, pos: number): never {
    const before = this.chars.slice(0, pos);
    const line = before.filter((c) => c === '\n').length + 1;
    const lastNl = before.lastIndexOf('\n');
    const col = pos - lastNl;
    throw new PyJsonError(reason, `${reason}: line ${line} column ${col} (char ${pos})`);
  }

  skipWs(i: number): number {
    while (i < this.chars.length && WS.has(this.chars[i]!)) i++;
    return i;
  }

  loads(): unknown {
    const chars = this.chars;
    if (chars[0] === '\ufeff') this.fail('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
    let i = this.skipWs(0);
    const [value, end] = this.value(i);
    i = this.skipWs(end);
    if (i !== chars.length) this.fail('Extra data', i);
    return value;
  }

  private startsWith(i: number, word: string): boolean {
    return this.chars.slice(i, i + word.length).join('') === word;
  }

  value(i: number): [unknown, number] {
    const c = this.chars[i];
    if (c === undefined) this.fail('Expecting value', i);
    if (c === '"') return this.string(i + 1);
    if (c === '{') return this.object(i + 1);
    if (c === '[') return this.array(i + 1);
    if (c === 'n' && this.startsWith(i, 'null')) return [null, i + 4];
    if (c === 't' && this.startsWith(i, 'true')) return [true, i + 4];
    if (c === 'f' && this.startsWith(i, 'false')) return [false, i + 5];
    const num = this.number(i);
    if (num) return num;
    if (c === 'N' && this.startsWith(i, 'NaN')) return [NaN, i + 3];
    if (c === 'I' && this.startsWith(i, 'Infinity')) return [Infinity, i + 8];
    if (c === '-' && this.startsWith(i, '-Infinity')) return [-Infinity, i + 9];
    return this.fail('Expecting value', i);
  }

  private isDigit(i: number): boolean {
    const c = this.chars[i];
    return c !== undefined && c >= '0' && c <= '9';
  }

  private number(start: number): [unknown, number] | undefined {
    let i = start;
    if (this.chars[i] === '-') i++;
    if (this.chars[i] === '0') i++;
    else if (this.isDigit(i)) while (this.isDigit(i)) i++;
    else return undefined;
    let isFloat = false;
    if (this.chars[i] === '.' && this.isDigit(i + 1)) {
      i += 1;
      while (this.isDigit(i)) i++;
      isFloat = true;
    }
    if (this.chars[i] === 'e' || this.chars[i] === 'E') {
      let j = i + 1;
      if (this.chars[j] === '+' || this.chars[j] === '-') j++;
      if (this.isDigit(j)) {
        while (this.isDigit(j)) j++;
        i = j;
        isFloat = true;
      }
    }
    const text = this.chars.slice(start, i).join('');
    const n = Number(text);
    return [isFloat ? pyFloat(n) : n === 0 ? 0 : n, i];
  }

  private string(begin: number): [string, number] {
    const chars = this.chars;
    let out = '';
    let i = begin;
    for (;;) {
      const c = chars[i];
      if (c === undefined) this.fail('Unterminated string starting at', begin - 1);
      if (c === '"') return [out, i + 1];
      if (c === '\\') {
        const e = chars[i + 1];
        if (e === undefined) this.fail('Unterminated string starting at', begin - 1);
        if (e === 'u') {
          const unit = this.hex4(i + 2);
          if (unit === undefined) this.fail('Invalid \\uXXXX escape', i + 1);
          i += 6;
          if (unit >= 0xd800 && unit <= 0xdbff && chars[i] === '\\' && chars[i + 1] === 'u') {
            const low = this.hex4(i + 2);
            if (low === undefined) this.fail('Invalid \\uXXXX escape', i + 1);
            if (low >= 0xdc00 && low <= 0xdfff) {
              out += String.fromCharCode(unit, low);
              i += 6;
              continue;
            }
          }
          out += String.fromCharCode(unit);
          continue;
        }
        const mapped = ESCAPES[e];
        if (mapped === undefined) this.fail('Invalid \\escape', i);
        out += mapped;
        i += 2;
        continue;
      }
      if (c.length === 1 && c.charCodeAt(0) < 0x20) this.fail('Invalid control character at', i);
      out += c;
      i++;
    }
  }

  private hex4(i: number): number | undefined {
    const h = this.chars.slice(i, i + 4).join('');
    return /^[0-9a-fA-F]{4}$/.test(h) ? parseInt(h, 16) : undefined;
  }

  private object(i: number): [Record<string, unknown>, number] {
    const out: Record<string, unknown> = {};
    i = this.skipWs(i);
    if (this.chars[i] === '}') return [out, i + 1];
    for (;;) {
      if (this.chars[i] !== '"') this.fail('Expecting property name enclosed in double quotes', i);
      const [key, afterKey] = this.string(i + 1);
      i = this.skipWs(afterKey);
      if (this.chars[i] !== ':') this.fail("Expecting ':' delimiter", i);
      i = this.skipWs(i + 1);
      const [value, afterValue] = this.value(i);
      setKey(out, key, value);
      i = this.skipWs(afterValue);
      if (this.chars[i] === '}') return [out, i + 1];
      if (this.chars[i] !== ',') this.fail("Expecting ',' delimiter", i);
      i = this.skipWs(i + 1);
    }
  }

  private array(i: number): [unknown[], number] {
    const out: unknown[] = [];
    i = this.skipWs(i);
    if (this.chars[i] === ']') return [out, i + 1];
    for (;;) {
      const [value, after] = this.value(i);
      out.push(value);
      i = this.skipWs(after);
      if (this.chars[i] === ']') return [out, i + 1];
      if (this.chars[i] !== ',') this.fail("Expecting ',' delimiter", i);
      i = this.skipWs(i + 1);
    }
  }
}

/** Python's json.loads(text); throws PyJsonError with Python's message. */
export function pyJsonLoads(text: string): unknown {
  return new Scanner(text).loads();
}

/**
 * Python's json.dumps(value, indent=indent, ensure_ascii=False), as v1's json output
 * writes it: floats as Python repr (1.0, 1e+16), NaN/Infinity bare, non-ASCII raw,
 * empty containers inline. (src/output/json.ts may use this in place of JSON.stringify.)
 */
export function pyJsonDumps(value: unknown, indent = 4): string {
  return dumpValue(normalize(value), indent, 0);
}

function dumpValue(x: unknown, indent: number, level: number): string {
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'string') return jsonString(x);
  if (typeof x === 'boolean') return x ? 'true' : 'false';
  if (isNumber(x)) {
    const n = numValue(x);
    if (Number.isNaN(n)) return 'NaN';
    if (n === Infinity) return 'Infinity';
    if (n === -Infinity) return '-Infinity';
    return numberStr(x);
  }
  if (x instanceof ExpRef) throw new PyTypeError('Encountered unrecognized type in JSON encoder.');
  const pad = ' '.repeat(indent * (level + 1));
  const end = ' '.repeat(indent * level);
  if (Array.isArray(x)) {
    if (x.length === 0) return '[]';
    return `[\n${x.map((v) => pad + dumpValue(v, indent, level + 1)).join(',\n')}\n${end}]`;
  }
  if (isDict(x)) {
    const keys = dictKeys(x);
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${pad}${jsonString(k)}: ${dumpValue(x[k], indent, level + 1)}`).join(',\n')}\n${end}}`;
  }
  return jsonString(String(x));
}

/** A JSON string as Python writes it with ensure_ascii=False. */
function jsonString(s: string): string {
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
    else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
