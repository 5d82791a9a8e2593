// Python `str()` / `repr()` of parameter values, as botocore prints them in
// validation messages (`value: {'Key': 'a'}, type: <class 'dict'>`), and the
// `<class '...'>` names. Values use the representation in py-value.ts.
import { NON_PRINTABLE_RANGES } from './py-unicode-data.js';
import { PyFloat, dictKeys, isOrderedDict, isPyDict } from './py-value.js';

/** Python's type name for a value: `str`, `int`, `float`, `bool`, `NoneType`, `list`, `dict`, `bytes`, `collections.OrderedDict`. */
export function pyTypeName(value: unknown): string {
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
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return 'list';
  if (isOrderedDict(value)) return 'collections.OrderedDict';
  if (typeof value === 'object') return 'dict';
  return 'str';
}

/** `<class 'str'>` and friends, as `str(type(value))` prints. */
export function pyClass(value: unknown): string {
  return `<class '${pyTypeName(value)}'>`;
}

/** Python `str(value)`: a string prints as itself, everything else as its repr. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** Python `repr(value)`. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  switch (typeof value) {
    case 'boolean':
      return value ? 'True' : 'False';
    case 'string':
      return reprString(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isInteger(value) ? BigInt(value).toString() : reprFloat(value);
    default:
      break;
  }
  if (value instanceof PyFloat) return reprFloat(value.value);
  if (value instanceof Uint8Array) return reprBytes(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isPyDict(value)) {
    const keys = dictKeys(value);
    if (isOrderedDict(value)) {
      if (keys.length === 0) return 'OrderedDict()';
      return `OrderedDict([${keys.map((k) => `(${reprString(k)}, ${pyRepr(value[k])})`).join(', ')}])`;
    }
    return `{${keys.map((k) => `${reprString(k)}: ${pyRepr(value[k])}`).join(', ')}}`;
  }
  return reprString(String(value));
}

let nonPrintable: Uint32Array | undefined;

/** Sorted [start, end, start, end, ...] pairs from the generated table. */
function nonPrintableTable(): Uint32Array {
  if (!nonPrintable) {
    const parts = NON_PRINTABLE_RANGES.split(',');
    nonPrintable = new Uint32Array(parts.length * 2);
    parts.forEach((part, i) => {
      const [a, b] = part.split('-');
      const start = parseInt(a!, 16);
      nonPrintable![2 * i] = start;
      nonPrintable![2 * i + 1] = b === undefined ? start : parseInt(b, 16);
    });
  }
  return nonPrintable;
}

/** Python 3.11 `str.isprintable()` for one code point. */
export function isPyPrintable(cp: number): boolean {
  if (cp >= 0x20 && cp < 0x7f) return true;
  const table = nonPrintableTable();
  let lo = 0;
  let hi = table.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < table[2 * mid]!) hi = mid - 1;
    else if (cp > table[2 * mid + 1]!) lo = mid + 1;
    else return false;
  }
  return true;
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/** Python `repr()` of a str: quote choice, backslash escapes, non-printables as \x/\u/\U. */
export function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const ch = String.fromCodePoint(cp);
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (cp === 0x09) out += '\\t';
    else if (cp === 0x0a) out += '\\n';
    else if (cp === 0x0d) out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f) out += ch;
    else if (isPyPrintable(cp)) out += ch;
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
