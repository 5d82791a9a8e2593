// The AWS CLI v1 shorthand syntax (`Key=a,Values=[b,c],Map={k=v}`), parsed on
// a purely syntactic level; the model-driven fix-ups live in shorthand-model.ts.
//
// Grammar (as the AWS CLI accepts it):
//   parameter = keyval *( "," keyval )            duplicate top-level key: error
//   keyval    = key [ "@" ] "=" values            whitespace allowed around "@" "=" ","
//   key       = *( ALPHA / DIGIT / "-" / "_" / "." / "#" / "/" / ":" )
//   values    = "" at end of input / explicit-list / hash / csv-value
//   csv-value = first-value *( "," second-value ) backtracking to the last comma
//               when an item turns out to be the start of the next `key=`
//   explicit-list = "[" [ item *( "," item ) [ "," ] ] "]"
//   hash      = "{" [ key [ "@" ] "=" item *( "," key [ "@" ] "=" item ) ] "}"
//   item      = explicit-list / hash / first-value
//
// Positions are counted in code points, like Python's str indexes, so the
// caret in error messages lines up the same way.
import { CliError } from '../errors.js';
import { codePoints, isPySpace, pyRstrip } from '../python/text.js';
import { PyDict } from '../python/value.js';

/** A value still to be loaded from a file: `Key@=file://path` parsed without a loader. */
export class AtFileRef {
  constructor(
    /** The value as written, prefix included (`file://tags.txt`, `fileb://x.bin`). */
    readonly path: string,
  ) {}
}

/** Strings, lists and dicts (the dicts' values are ShorthandValues too). */
export type ShorthandValue = string | Uint8Array | AtFileRef | ShorthandValue[] | ShorthandDict;
export type ShorthandDict = PyDict;

/** A shorthand syntax error; `message` is what follows `Error parsing parameter '--x': `. */
export class ShorthandSyntaxError extends Error {
  constructor(
    message: string,
    /** The whole input. */
    readonly input: string,
    /** Code-point index the caret points at. */
    readonly index: number,
  ) {
    super(message);
    this.name = 'ShorthandSyntaxError';
  }
}

export interface ShorthandOptions {
  /**
   * Loads a `Key@=file://…` / `Key@=fileb://…` value (called with the whole value,
   * prefix included, only when it has one of these prefixes), in the order the
   * values are met. Whatever it throws propagates unchanged (the AWS CLI prints
   * a failed load as a general error). Without a loader, such values come back
   * as AtFileRef.
   */
  readonly loadParamfile?: (value: string) => string | Uint8Array;
  /**
   * How deep the AWS CLI's Python stack may grow inside the parser before a
   * RecursionError (measured on aws-cli 1.45.11, relative to the frame that
   * parses a value). Defaults to SHORTHAND_MAX_FRAME_DEPTH.
   */
  readonly maxFrameDepth?: number;
}

/** Measured on aws-cli 1.45.11 / Python 3.11.7 (the same for words and for a file:// value). */
export const SHORTHAND_MAX_FRAME_DEPTH = 976;

/** `<input>\n<spaces>^` with the caret under `index` (the part of the message after `for input:\n`). */
export function errorLocation(input: string, index: number): string {
  const cps = codePoints(input);
  const before = cps.slice(0, index);
  const lastNl = before.lastIndexOf(0x0a);
  const spaces = lastNl >= 0 ? index - lastNl - 1 : index;
  const nextNlRel = cps.slice(index).indexOf(0x0a);
  let consumed = input;
  let remaining = '';
  if (nextNlRel >= 0) {
    const cut = utf16Offset(input, index + nextNlRel);
    consumed = input.slice(0, cut);
    remaining = input.slice(cut);
  }
  return `${consumed}\n${' '.repeat(spaces)}^${remaining}`;
}

function utf16Offset(text: string, cpIndex: number): number {
  let offset = 0;
  for (let n = 0; n < cpIndex && offset < text.length; n++) {
    offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  }
  return offset;
}

function syntaxError(input: string, expected: string, actual: string, index: number): ShorthandSyntaxError {
  return new ShorthandSyntaxError(
    `Expected: '${expected}', received: '${actual}' for input:\n${errorLocation(input, index)}`,
    input,
    index,
  );
}

function duplicateKeyError(input: string, key: string, index: number): ShorthandSyntaxError {
  return new ShorthandSyntaxError(
    `Second instance of key "${key}" encountered for input:\n${errorLocation(input, index)}\n` +
      'This is often because there is a preceding "," instead of a space.',
    input,
    index,
  );
}

const COMMA = 0x2c;
const BACKSLASH = 0x5c;

function isKeyChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x3a) || // digits and ':'
    c === 0x2d ||
    c === 0x5f ||
    c === 0x2e ||
    c === 0x23 ||
    c === 0x2f
  );
}

/** Only ASCII whitespace separates tokens (Python's string.whitespace). */
function isTokenSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

// Which characters may start or continue an unquoted value. Characters above
// U+FFFF never match (the AWS CLI's character classes stop at \uffff).
function canStartValue(c: number): boolean {
  if (c > 0xffff) return false;
  if (c >= 0x7c) return true;
  // ! # $ % & ( ) * + - . / 0-9 : ; < > ? @ A-Z \ ] ^ _ ` a-z
  return (
    c === 0x21 ||
    (c >= 0x23 && c <= 0x26) ||
    (c >= 0x28 && c <= 0x2b) ||
    (c >= 0x2d && c <= 0x3c) ||
    (c >= 0x3e && c <= 0x5a) ||
    (c >= 0x5c && c <= 0x7a)
  );
}

/** Later characters of a first value: also whitespace, `=`, `[`, `{`; never `"` `'` `,` `]` `}`. */
function continuesFirstValue(c: number): boolean {
  if (c > 0xffff) return false;
  if (isPySpace(c)) return true;
  if (c < 0x21) return false;
  return c !== 0x22 && c !== 0x27 && c !== COMMA && c !== 0x5d && c !== 0x7d;
}

/** Later characters of a second (csv) value: whitespace or anything but `"` `'` `,` `=`. */
function continuesSecondValue(c: number): boolean {
  if (c > 0xffff) return false;
  if (isPySpace(c)) return true;
  if (c < 0x21) return false;
  return c !== 0x22 && c !== 0x27 && c !== COMMA && c !== 0x3d;
}

const SINGLE_QUOTED = /'(?:\\'|[^'])*'/y;
const DOUBLE_QUOTED = /"(?:\\"|[^"])*"/y;

class Parser {
  private readonly cps: number[];
  /** UTF-16 offset of each code point (and of the end). */
  private readonly offsets: number[];
  private i = 0;
  /** Whether the key being parsed used `@=`; the AWS CLI keeps one flag for the whole parse. */
  private atFile = false;
  /** Nesting of explicit lists and hashes. */
  private level = 0;
  private readonly maxFrameDepth: number;

  constructor(
    private readonly input: string,
    private readonly options: ShorthandOptions,
  ) {
    this.cps = codePoints(input);
    this.offsets = new Array<number>(this.cps.length + 1);
    let off = 0;
    this.cps.forEach((cp, n) => {
      this.offsets[n] = off;
      off += cp > 0xffff ? 2 : 1;
    });
    this.offsets[this.cps.length] = off;
    this.maxFrameDepth = options.maxFrameDepth ?? SHORTHAND_MAX_FRAME_DEPTH;
  }

  private get eof(): boolean {
    return this.i >= this.cps.length;
  }

  private cur(): number {
    return this.i < this.cps.length ? this.cps[this.i]! : -1;
  }

  private text(from: number, to: number): string {
    return this.input.slice(this.offsets[from], this.offsets[to]);
  }

  private skipSpace(): void {
    while (this.i < this.cps.length && isTokenSpace(this.cps[this.i]!)) this.i++;
  }

  private expect(ch: string, skipSpace = false): void {
    if (skipSpace) this.skipSpace();
    if (this.eof) throw syntaxError(this.input, ch, 'EOF', this.i);
    const actual = this.cps[this.i]!;
    if (actual !== ch.codePointAt(0)) throw syntaxError(this.input, ch, String.fromCodePoint(actual), this.i);
    this.i++;
    if (skipSpace) this.skipSpace();
  }

  /**
   * Python's stack depth at a point `extra` frames below the current list or
   * hash (each nesting level costs two frames), checked against the limit.
   */
  private frame(extra: number): void {
    if (2 * this.level - 1 + extra > this.maxFrameDepth) {
      throw new CliError('general', 'maximum recursion depth exceeded');
    }
  }

  parse(): ShorthandDict {
    const params = new PyDict();
    const [firstKey, firstValue] = this.keyval();
    params.set(firstKey, firstValue);
    let lastIndex = this.i;
    while (!this.eof) {
      this.expect(',', true);
      const [key, value] = this.keyval();
      if (params.has(key)) throw duplicateKeyError(this.input, key, lastIndex + 1);
      params.set(key, value);
      lastIndex = this.i;
    }
    return params;
  }

  private key(): string {
    const start = this.i;
    while (this.i < this.cps.length && isKeyChar(this.cps[this.i]!)) this.i++;
    return this.text(start, this.i);
  }

  /** `@` then `=`, whitespace allowed around both; sets the @= flag. */
  private assignment(): void {
    this.atFile = false;
    this.skipSpace();
    if (this.cur() === 0x40) {
      this.i++;
      this.skipSpace();
      this.atFile = true;
    }
    this.expect('=', true);
  }

  private keyval(): [string, ShorthandValue] {
    const key = this.key();
    this.assignment();
    return [key, this.values()];
  }

  private values(): ShorthandValue {
    if (this.eof) return '';
    const c = this.cur();
    if (c === 0x5b) return this.explicitList();
    if (c === 0x7b) return this.hash();
    return this.csvValue();
  }

  private csvValue(): ShorthandValue {
    const first = this.firstValue();
    this.skipSpace();
    if (this.eof || this.cur() !== COMMA) return first;
    this.expect(',', true);
    const items: ShorthandValue[] = [first];
    for (;;) {
      try {
        const item = this.secondValue();
        this.skipSpace();
        if (this.eof) {
          items.push(item);
          break;
        }
        this.expect(',', true);
        items.push(item);
      } catch (e) {
        if (!(e instanceof ShorthandSyntaxError) || this.eof) throw e;
        // The item was really the next `key=`: go back to the comma before it.
        while (this.i >= 0 && this.cps[this.i] !== COMMA) this.i--;
        break;
      }
    }
    return items.length === 1 ? first : items;
  }

  private explicitList(): ShorthandValue[] {
    this.level++;
    this.frame(3);
    this.expect('[', true);
    const items: ShorthandValue[] = [];
    while (this.cur() !== 0x5d) {
      items.push(this.item());
      this.skipSpace();
      if (this.cur() !== 0x5d) {
        this.expect(',');
        this.skipSpace();
      }
    }
    this.expect(']');
    this.level--;
    return items;
  }

  private hash(): ShorthandDict {
    this.level++;
    this.frame(3);
    this.expect('{', true);
    const dict = new PyDict();
    while (this.cur() !== 0x7d) {
      const key = this.key();
      this.assignment();
      const value = this.item();
      this.skipSpace();
      if (this.cur() !== 0x7d) {
        this.expect(',');
        this.skipSpace();
      }
      dict.set(key, value);
    }
    this.expect('}');
    this.level--;
    return dict;
  }

  private item(): ShorthandValue {
    const c = this.cur();
    if (c === 0x5b) return this.explicitList();
    if (c === 0x7b) return this.hash();
    return this.firstValue();
  }

  private firstValue(): ShorthandValue {
    const c = this.cur();
    if (c === 0x27 || c === 0x22) {
      if (this.level > 0) this.frame(6);
      return this.quoted(c === 0x27 ? SINGLE_QUOTED : DOUBLE_QUOTED, c === 0x27 ? "'" : '"');
    }
    if (this.level > 0) this.frame(this.atFile ? 5 : 4);
    const raw = this.scanBare(canStartValue, continuesFirstValue);
    if (raw === undefined) return '';
    return this.finish(pyRstrip(raw.split('\\,').join(',')));
  }

  private secondValue(): ShorthandValue {
    const c = this.cur();
    if (c === 0x27 || c === 0x22) {
      return this.quoted(c === 0x27 ? SINGLE_QUOTED : DOUBLE_QUOTED, c === 0x27 ? "'" : '"');
    }
    const raw = this.scanBare(canStartValue, continuesSecondValue);
    if (raw === undefined) throw syntaxError(this.input, '<second>', '<none>', this.i);
    return this.finish(pyRstrip(raw.split('\\,').join(',')));
  }

  /** An unquoted value: `\,` is always taken as a pair, otherwise one allowed character at a time. */
  private scanBare(start: (c: number) => boolean, follow: (c: number) => boolean): string | undefined {
    const cps = this.cps;
    const from = this.i;
    let i = from;
    let allowed = start;
    for (;;) {
      if (cps[i] === BACKSLASH && cps[i + 1] === COMMA) i += 2;
      else if (i < cps.length && allowed(cps[i]!)) i++;
      else break;
      allowed = follow;
    }
    if (i === from) return undefined;
    this.i = i;
    return this.text(from, i);
  }

  private quoted(pattern: RegExp, quote: string): ShorthandValue {
    pattern.lastIndex = this.offsets[this.i]!;
    const match = pattern.exec(this.input);
    if (!match) {
      const name = quote === "'" ? '<singled quoted>' : '<double quoted>';
      throw syntaxError(this.input, name, '<none>', this.i);
    }
    const endOffset = this.offsets[this.i]! + match[0].length;
    while (this.offsets[this.i]! < endOffset) this.i++;
    const body = match[0].slice(1, -1).split(`\\${quote}`).join(quote).split('\\\\').join('\\');
    return this.finish(body);
  }

  /** A finished scalar: under `@=`, a file:// or fileb:// value is loaded. */
  private finish(value: string): ShorthandValue {
    if (!this.atFile || !(value.startsWith('file://') || value.startsWith('fileb://'))) return value;
    const load = this.options.loadParamfile;
    return load ? load(value) : new AtFileRef(value);
  }
}

/**
 * Parses one shorthand string into a dict (a PyDict, see src/python/value.ts). Values are strings, lists and dicts; `@=` values are loaded
 * through `options.loadParamfile` (or returned as AtFileRef).
 *
 * Throws ShorthandSyntaxError (wrap it: `new ParamError('--tag-specifications', e.message)`),
 * a general CliError for Python's RecursionError on absurdly deep nesting, or
 * whatever loadParamfile throws.
 */
export function parseShorthand(input: string, options: ShorthandOptions = {}): ShorthandDict {
  return new Parser(input, options).parse();
}
