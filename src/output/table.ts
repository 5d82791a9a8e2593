// v1's `--output table` (awscli/formatter.py TableFormatter + awscli/table.py
// MultiTable), byte for byte: sections built from the value, column widths scaled
// with Python's round(), the vertical layout when wider than the terminal, and
// with colour every write() followed by colorama's autoreset `\x1b[0m`.

import { compareStr } from '../python/compare.js';
import { pyStr } from '../python/repr.js';
import { isWide } from '../python/text.js';
import { fromJs, isDict, isInt, isNumber, numValue, pyTypeName, PyError, PyTypeError, type PyDict } from '../python/value.js';
import { FormatterError } from './formatter-error.js';

export interface TableOptions {
  /** The first section's title: the operation name (`CopySnapshot`). */
  title: string;
  /** Terminal columns; callers pass 80 when stdout is not a TTY. */
  terminalWidth: number;
  /** `--color on`, or `auto` on a TTY. */
  color: boolean;
}

const RESET = '\x1b[0m';
const ROW_STYLE = '\x1b[1m\x1b[34m';
const INDENT_STYLE = '\x1b[2m\x1b[33m';

export function formatTable(value: unknown, options: TableOptions): string {
  const table = new MultiTable(options.terminalWidth, options.color);
  try {
    if (!buildTable(table, options.title, fromJs(value), 0)) return '';
  } catch (e) {
    if (e instanceof PyError) throw new FormatterError(e.message, '', options.color);
    throw e;
  }
  return table.render();
}

// ---------------------------------------------------------------- building (TableFormatter)

const isScalar = (x: unknown): boolean => !Array.isArray(x) && !isDict(x);

/** Python truthiness of a JSON-like value. */
function truthy(x: unknown): boolean {
  if (x === null || x === undefined || x === false || x === '') return false;
  if (isNumber(x)) return numValue(x) !== 0;
  if (Array.isArray(x)) return x.length > 0;
  if (isDict(x)) return x.size > 0;
  return true;
}

function buildTable(table: MultiTable, title: string | null, current: unknown, indent: number): boolean {
  if (!truthy(current)) return false;
  if (title !== null) table.newSection(title, indent);
  if (Array.isArray(current)) {
    if (isDict(current[0])) {
      subTableFromList(table, current, indent, title);
    } else {
      for (const item of current) {
        if (isScalar(item)) table.addRow([item]);
        else if (isDict(item)) table.addRow(item.keys()); // iterating a dict gives its keys
        else if ((item as unknown[]).every(isScalar)) table.addRow(item as unknown[]);
        else buildTable(table, null, item, 0);
      }
    }
  }
  if (isDict(current)) subTableFromDict(table, current, indent);
  return true;
}

function subTableFromDict(table: MultiTable, current: PyDict, indent: number): void {
  const [headers, more] = groupScalarKeys(current);
  if (headers.length === 1) {
    table.addRow([headers[0], current.get(headers[0]!)]);
  } else if (headers.length > 0) {
    table.addRowHeader(headers);
    table.addRow(headers.map((k) => current.get(k)));
  }
  for (const remaining of more) buildTable(table, remaining, current.get(remaining), indent + 1);
}

function subTableFromList(table: MultiTable, current: unknown[], indent: number, title: string | null): void {
  const [headers, more] = groupScalarKeysFromList(current);
  table.addRowHeader(headers);
  let first = true;
  for (const element of current) {
    if (!first && more.length > 0) {
      table.newSection(title, indent);
      table.addRowHeader(headers);
    }
    first = false;
    if (!isDict(element)) throw new PyError(`'${pyTypeName(element)}' object has no attribute 'get'`);
    table.addRow(headers.map((h) => (element.has(h) ? element.get(h) : '')));
    for (const remaining of more) {
      if (element.has(remaining)) buildTable(table, remaining, element.get(remaining), indent + 1);
    }
  }
}

function groupScalarKeysFromList(list: unknown[]): [string[], string[]] {
  const headers = new Set<string>();
  const more = new Set<string>();
  for (const item of list) {
    const [h, m] = groupScalarKeysOfAny(item);
    h.forEach((k) => headers.add(k));
    m.forEach((k) => more.add(k));
  }
  return [[...headers].sort(compareStr), [...more].sort(compareStr)];
}

function groupScalarKeys(current: PyDict): [string[], string[]] {
  const headers: string[] = [];
  const more: string[] = [];
  for (const [key, value] of current) (isScalar(value) ? headers : more).push(key);
  return [headers.sort(compareStr), more.sort(compareStr)];
}

/** `for element in item: item[element]` on something that is not a dict, as Python fails at it. */
function groupScalarKeysOfAny(item: unknown): [string[], string[]] {
  if (isDict(item)) return groupScalarKeys(item);
  if (typeof item === 'string') {
    if (item === '') return [[], []];
    throw new PyTypeError("string indices must be integers, not 'str'");
  }
  if (Array.isArray(item)) {
    if (item.length === 0) return [[], []];
    // `for element in item: item[element]`: every element is used as an index in turn.
    for (const el of item) {
      if (typeof el === 'boolean') continue;
      if (!isInt(el)) throw new PyTypeError(`list indices must be integers or slices, not ${pyTypeName(el)}`);
      const index = numValue(el);
      if (index >= item.length || index < -item.length) throw new PyError('list index out of range');
    }
    // A list of valid indices: its "keys" are ints, which Python cannot sort with str keys.
    throw new PyTypeError("'<' not supported between instances of 'int' and 'str'");
  }
  throw new PyTypeError(`'${pyTypeName(item)}' object is not iterable`);
}

// ---------------------------------------------------------------- layout (MultiTable)

/** awscli's get_text_length: East Asian W, F and A characters count 2 columns, all others 1. */
function textWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return n;
}

class Section {
  title: string | null = '';
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private numCols: number | null = null;
  private maxWidths: number[] = [];

  addHeader(headers: string[]): void {
    this.updateMaxWidths(headers);
    if (this.numCols === null) this.numCols = headers.length;
    this.headers = headers;
  }

  addRow(row: unknown[]): void {
    if (this.numCols === null) this.numCols = row.length;
    if (row.length !== this.numCols) {
      throw new PyError(`Row should have ${this.numCols} elements, instead it has ${row.length}`);
    }
    const formatted = row.map(pyStr);
    this.rows.push(formatted);
    this.updateMaxWidths(formatted);
  }

  private updateMaxWidths(row: string[]): void {
    if (this.maxWidths.length === 0) {
      this.maxWidths = row.map(textWidth);
    } else {
      row.forEach((el, i) => {
        this.maxWidths[i] = Math.max(textWidth(el), this.maxWidths[i]!);
      });
    }
  }

  /** calculate_column_widths: each column scaled to fill maxWidth, summing to it exactly. */
  columnWidths(padding: number, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const total = unscaled.reduce((a, b) => a + b, 0);
    const scale = maxWidth / total;
    const scaled = unscaled.map((w) => roundHalfEven(scale * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = scaled.map((_, i) => i);
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i]! -= 1;
          offBy -= 1;
        } else {
          scaled[i]! += 1;
          offBy += 1;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, outerPadding: number): number {
    let total = 0;
    for (const w of this.columnWidths(0)) total += w + padding;
    total += 2 + outerPadding * 2;
    return Math.max(textWidth(pyStr(this.title)) + 2 + outerPadding * 2, total);
  }
}

/** Python 3's round() of a float to an int: ties go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** The output stream: with colour, colorama's autoreset follows every write(). */
class Stream {
  private readonly parts: string[] = [];
  constructor(private readonly color: boolean) {}
  write(text: string): void {
    this.parts.push(text);
    if (this.color) this.parts.push(RESET);
  }
  value(): string {
    return this.parts.join('');
  }
}

class IndentedStream {
  constructor(
    private readonly stream: Stream,
    private readonly indent: number,
    private readonly indentChar: string,
  ) {}
  write(text: string): void {
    this.stream.write(this.indentChar.repeat(this.indent));
    if (text.endsWith('\n')) {
      this.stream.write(text.slice(0, -1));
      this.stream.write(this.indentChar.repeat(this.indent));
      this.stream.write('\n');
    } else {
      this.stream.write(text);
    }
  }
}

function spaces(n: number): string {
  return n > 0 ? ' '.repeat(n) : '';
}

function centerText(text: string, length: number, leftEdge: string, rightEdge: string, textLength: number): string {
  const charStart = Math.floor(length / 2) - Math.floor(textLength / 2) - 1;
  const soFar = textWidth(leftEdge) + charStart + textLength;
  const right = length - textWidth(rightEdge) - soFar;
  return `${leftEdge}${spaces(charStart)}${text}${spaces(right)}${rightEdge}`;
}

function alignLeft(text: string, length: number, leftEdge: string, rightEdge: string, textLength: number): string {
  const computed = textLength + 2 + textWidth(leftEdge) + textWidth(rightEdge);
  const padding = length - computed >= 0 ? 2 : 0;
  const soFar = leftEdge.length + padding + textLength;
  return `${leftEdge}${spaces(padding)}${text}${spaces(length - soFar - rightEdge.length)}${rightEdge}`;
}

class MultiTable {
  private sections: Section[] = [];
  private current: Section | undefined;

  constructor(
    private readonly terminalWidth: number,
    private readonly color: boolean,
  ) {}

  newSection(title: string | null, indentLevel: number): void {
    const s = new Section();
    s.title = title;
    s.indentLevel = indentLevel;
    this.sections.push(s);
    this.current = s;
  }

  addRowHeader(headers: string[]): void {
    this.current!.addHeader(headers);
  }

  addRow(row: unknown[]): void {
    this.current!.addRow(row);
  }

  private maxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, s.indentLevel)));
  }

  render(): string {
    let maxWidth = this.maxWidth();
    if (maxWidth > this.terminalWidth) {
      this.sections = this.sections.map(toVertical);
      maxWidth = this.maxWidth();
    }
    const stream = new Stream(this.color);
    stream.write(`${'-'.repeat(maxWidth)}\n`);
    for (const section of this.sections) this.renderSection(section, maxWidth, stream);
    return stream.value();
  }

  private renderSection(section: Section, maxWidth: number, out: Stream): void {
    const indentChar = this.color ? `${INDENT_STYLE}|${RESET}` : '|';
    const stream = new IndentedStream(out, section.indentLevel, indentChar);
    const width = maxWidth - section.indentLevel * 2;
    // Title
    if (section.title) {
      stream.write(`${centerText(section.title, width, '|', '|', textWidth(section.title))}\n`);
      if (section.headers.length === 0 && section.rows.length === 0) {
        stream.write(`+${'-'.repeat(width - 2)}+\n`);
      }
    }
    // Column titles
    if (section.headers.length > 0) {
      const widths = section.columnWidths(4, width);
      let line = '';
      widths.forEach((w, i) => {
        if (i >= section.headers.length) return;
        const header = section.headers[i]!;
        line += centerText(header, w, i === 0 ? '|' : '', '|', textWidth(header));
      });
      writeLineBreak(stream, widths);
      stream.write(`${line}\n`);
    }
    // Rows
    if (section.rows.length > 0) {
      const widths = section.columnWidths(4, width);
      if (widths.length === 0) return;
      writeLineBreak(stream, widths);
      for (const row of section.rows) {
        let line = '';
        widths.forEach((w, i) => {
          if (i >= row.length) return;
          const element = row[i]!;
          const styled = this.color ? `${ROW_STYLE}${element}${RESET}` : element;
          line += alignLeft(styled, w, i === 0 ? '|' : '', '|', textWidth(element));
        });
        stream.write(`${line}\n`);
      }
      writeLineBreak(stream, widths);
    }
  }
}

function writeLineBreak(stream: IndentedStream, widths: number[]): void {
  const parts = widths.map((w, i) => (i === 0 ? `+${'-'.repeat(Math.max(0, w - 2))}+` : `${'-'.repeat(Math.max(0, w - 1))}+`));
  stream.write(`${parts.join('')}\n`);
}

/** convert_to_vertical_table: a section with headers and exactly one row becomes key/value rows. */
function toVertical(section: Section): Section {
  if (section.rows.length !== 1 || section.headers.length === 0) return section;
  const s = new Section();
  s.title = section.title;
  s.indentLevel = section.indentLevel;
  const row = section.rows[0]!;
  const n = Math.min(section.headers.length, row.length);
  for (let i = 0; i < n; i++) s.addRow([section.headers[i], row[i]]);
  return s;
}
