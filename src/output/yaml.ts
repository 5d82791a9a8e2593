// `--output yaml` and `yaml-stream` as AWS CLI v2 prints them (beyond v1; see
// shared/spec/decisions.md). v2 dumps with ruamel.yaml `YAML(typ='safe')`: libyaml's
// emitter (ruamel.yaml.clib), YAML 1.2 implicit typing, block style, keys sorted, raw
// unicode, width 80. This is a small emitter for JSON-like values that makes the same
// choices: scalar styles (plain, 'single', "double"), the same line folding, indentless
// sequences under mapping keys, `&idNNN`/`*idNNN` for an object that appears twice.
// A scalar result is written as JSON on one line, as v2 does.

import { compareStr } from '../python/compare.js';
import { jsonDumps } from '../python/json.js';
import { reprFloat, reprNumber } from '../python/repr.js';
import { codePoints } from '../python/text.js';
import { ExpRef, EXPREF_STR, fromJs, isDict, isFloat, isNumber, numValue, type PyDict } from '../python/value.js';

/** `--output yaml`: `{}` prints nothing; a scalar prints as one line of JSON. */
export function formatYaml(value: unknown): string {
  const v = fromJs(value);
  if (isDict(v) && v.size === 0) return '';
  if (Array.isArray(v) || isDict(v)) return dumpYaml(v);
  return `${jsonDumps(v, { ensureAscii: false, defaultStr: true })}\n`;
}

/** `--output yaml-stream`: the response as a one-item sequence; `{}` prints nothing. */
export function formatYamlStream(value: unknown): string {
  const v = fromJs(value);
  if (isDict(v) && v.size === 0) return '';
  return dumpYaml([v]);
}

// ---------------------------------------------------------------- YAML 1.2 implicit types (ruamel)

const RESOLVERS: [string, RegExp][] = [
  ['tTfF', /^(?:true|True|TRUE|false|False|FALSE)$/],
  [
    '-+0123456789.',
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  ],
  ['-+0123456789', /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/],
  ['<', /^(?:<<)$/],
  ['~nN', /^(?:~|null|Null|NULL)$/],
  [
    '0123456789',
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  ],
  ['=', /^(?:=)$/],
  ['!&*', /^(?:!|&|\*)$/],
];

/** Would this text, written plain, read back as a string? */
function plainIsString(text: string): boolean {
  if (text === '') return false; // the empty plain scalar is null
  // Python's `$` also matches before a final newline.
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  for (const [first, re] of RESOLVERS) {
    if (first.includes(text[0]!) && (re.test(text) || re.test(body))) return false;
  }
  return true;
}

// ---------------------------------------------------------------- libyaml's scalar analysis

const isBreak = (cp: number | undefined): boolean =>
  cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
const isBlankz = (cp: number | undefined): boolean =>
  cp === undefined || cp === 0x20 || cp === 0x09 || cp === 0 || isBreak(cp);
const isPrintable = (cp: number): boolean =>
  cp === 0x0a ||
  (cp >= 0x20 && cp <= 0x7e) ||
  (cp >= 0xa0 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);

interface Analysis {
  empty: boolean;
  multiline: boolean;
  blockPlain: boolean;
  flowPlain: boolean;
  singleQuoted: boolean;
}

function analyze(cps: number[]): Analysis {
  if (cps.length === 0) {
    return { empty: true, multiline: false, blockPlain: true, flowPlain: false, singleQuoted: true };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  const starts = (c: number) => cps[0] === c && cps[1] === c && cps[2] === c;
  if (starts(0x2d) || starts(0x2e)) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  let followedByWhitespace = isBlankz(cps[1]);
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    const ch = String.fromCodePoint(cp);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      }
      if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (ch === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else {
      if (',?[]{}'.includes(ch)) flowIndicators = true;
      if (ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (ch === '#' && precededByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    }
    if (!isPrintable(cp)) special = true;
    if (isBreak(cp)) lineBreaks = true;
    if (cp === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(cp)) {
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(cp);
    followedByWhitespace = isBlankz(cps[i + 2]);
  }
  let flowPlain = true;
  let blockPlain = true;
  let singleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false;
  if (breakSpace) flowPlain = blockPlain = singleQuoted = false;
  if (spaceBreak || special) flowPlain = blockPlain = singleQuoted = false;
  if (lineBreaks) flowPlain = blockPlain = false;
  if (flowIndicators) flowPlain = false;
  if (blockIndicators) blockPlain = false;
  return { empty: false, multiline: lineBreaks, blockPlain, flowPlain, singleQuoted };
}

function utf8Length(cps: number[]): number {
  return cps.reduce((n, cp) => n + (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4), 0);
}

// ---------------------------------------------------------------- the emitter

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

interface Context {
  sequence: boolean;
  mapping: boolean;
  simpleKey: boolean;
}

class Emitter {
  private out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private ctx: Context = { sequence: false, mapping: false, simpleKey: false };
  /** Anchor names of objects that appear more than once, and which were already written. */
  private readonly anchors = new Map<object, string>();
  private readonly written = new Set<object>();

  constructor(root: unknown) {
    this.findAliases(root);
  }

  /** The serializer's anchor pass: numbered in the order second sightings are met. */
  private findAliases(root: unknown): void {
    const seen = new Set<object>();
    let next = 1;
    const walk = (node: unknown): void => {
      if (!Array.isArray(node) && !isDict(node)) return;
      if (seen.has(node)) {
        if (!this.anchors.has(node)) this.anchors.set(node, `id${String(next++).padStart(3, '0')}`);
        return;
      }
      seen.add(node);
      if (Array.isArray(node)) node.forEach(walk);
      else for (const k of sortedKeys(node)) walk(node.get(k));
    };
    walk(root);
  }

  dump(root: unknown): string {
    this.node(root, { sequence: false, mapping: false, simpleKey: false });
    this.writeIndent(); // document end
    return this.out;
  }

  // ---- low-level writes

  private put(s: string): void {
    this.out += s;
    this.column += Array.from(s).length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeIndent(): void {
    const indent = this.indent >= 0 ? this.indent : 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) this.put(' '.repeat(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  // ---- nodes

  private node(value: unknown, ctx: Context): void {
    this.ctx = ctx;
    if (Array.isArray(value) || isDict(value)) {
      const anchor = this.anchors.get(value);
      if (anchor !== undefined) {
        if (this.written.has(value)) {
          this.writeIndicator('*', true, false, false);
          this.put(anchor);
          this.whitespace = false;
          this.indention = false;
          if (ctx.simpleKey) this.put(' ');
          return;
        }
        this.written.add(value);
        this.writeIndicator('&', true, false, false);
        this.put(anchor);
        this.whitespace = false;
        this.indention = false;
      }
      if (Array.isArray(value)) this.sequence(value);
      else this.mapping(value);
      return;
    }
    this.scalar(value);
  }

  /** A collection in flow style, which only an empty one gets: `[]` or `{}`. */
  private flowCollection(open: '[' | '{', close: ']' | '}'): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  private sequence(items: unknown[]): void {
    if (this.flowLevel > 0 || items.length === 0) {
      this.flowCollection('[', ']');
      return;
    }
    this.increaseIndent(false, this.ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { sequence: true, mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private mapping(obj: PyDict): void {
    const keys = sortedKeys(obj);
    if (this.flowLevel > 0 || keys.length === 0) {
      this.flowCollection('{', '}');
      return;
    }
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      const cps = codePoints(key);
      const simple = !analyze(cps).multiline && utf8Length(cps) <= 128;
      if (simple) {
        this.node(key, { sequence: false, mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(key, { sequence: false, mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(obj.get(key), { sequence: false, mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  private scalar(value: unknown): void {
    const [text, plainImplicit] = represent(value);
    const cps = codePoints(text);
    const a = analyze(cps);
    let style: 'plain' | 'single' | 'double' = 'plain';
    if (this.ctx.simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlain) || (this.flowLevel === 0 && !a.blockPlain)) style = 'single';
      if (a.empty && (this.flowLevel > 0 || this.ctx.simpleKey)) style = 'single';
      if (!plainImplicit) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !this.ctx.simpleKey;
    if (style === 'plain') this.writePlain(cps, allowBreaks);
    else if (style === 'single') this.writeSingleQuoted(cps, allowBreaks);
    else this.writeDoubleQuoted(cps, allowBreaks);
    this.popIndent();
  }

  private writeChar(cp: number): void {
    this.put(String.fromCodePoint(cp));
  }

  private writeBreak(cp: number): void {
    if (cp === 0x0a) {
      this.putBreak();
    } else {
      this.out += String.fromCodePoint(cp);
      this.column = 0;
    }
  }

  /** A line break inside a plain or single-quoted scalar; the first LF of a run is written twice. */
  private scalarBreak(cp: number, afterBreak: boolean): void {
    if (!afterBreak && cp === 0x0a) this.putBreak();
    this.writeBreak(cp);
    this.indention = true;
  }

  private writePlain(cps: number[], allowBreaks: boolean): void {
    if (!this.whitespace && (cps.length > 0 || this.flowLevel > 0)) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const cp = cps[i]!;
      if (cp === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== 0x20) this.writeIndent();
        else this.writeChar(cp);
        spaces = true;
      } else if (isBreak(cp)) {
        this.scalarBreak(cp, breaks);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeChar(cp);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const cp = cps[i]!;
      if (cp === 0x20) {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i !== 0 &&
          i !== cps.length - 1 &&
          cps[i + 1] !== 0x20
        ) {
          this.writeIndent();
        } else {
          this.writeChar(cp);
        }
        spaces = true;
      } else if (isBreak(cp)) {
        this.scalarBreak(cp, breaks);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (cp === 0x27) this.put("'");
        this.writeChar(cp);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (breaks) this.writeIndent();
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const cp = cps[i]!;
      if (!isPrintable(cp) || cp === 0xfeff || isBreak(cp) || cp === 0x22 || cp === 0x5c) {
        this.put(`\\${escapeFor(cp)}`);
        spaces = false;
      } else if (cp === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put('\\');
        } else {
          this.writeChar(cp);
        }
        spaces = true;
      } else {
        this.writeChar(cp);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }
}

const ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

function escapeFor(cp: number): string {
  const named = ESCAPES[cp];
  if (named !== undefined) return named;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `u${hex.padStart(4, '0')}`;
  return `U${hex.padStart(8, '0')}`;
}

/** The representer: a scalar's text, and whether its plain form reads back as the same type. */
function represent(value: unknown): [string, boolean] {
  if (value === null || value === undefined) return ['null', true];
  if (typeof value === 'boolean') return [value ? 'true' : 'false', true];
  if (typeof value === 'string') return [value, plainIsString(value)];
  if (isNumber(value)) {
    if (!isFloat(value)) return [reprNumber(value), true];
    const n = numValue(value);
    if (Number.isNaN(n)) return ['.nan', true];
    if (n === Infinity) return ['.inf', true];
    if (n === -Infinity) return ['-.inf', true];
    return [reprFloat(n).toLowerCase(), true];
  }
  if (value instanceof ExpRef) return [EXPREF_STR, plainIsString(EXPREF_STR)];
  return [String(value), true];
}

function sortedKeys(obj: PyDict): string[] {
  return obj.keys().sort(compareStr);
}

function dumpYaml(value: unknown): string {
  return new Emitter(value).dump(value);
}
