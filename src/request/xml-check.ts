// A response body read as botocore reads it: Python's ElementTree over expat
// (2.5), namespaces on. Either the message expat (or ElementTree) gives for a
// body that is not well-formed, as botocore shows it (`no element found: line
// 1, column 0`, `mismatched tag`, `unbound prefix`, `undefined entity &e;`,
// `recursive entity reference`, ...; lines count from 1, columns from 0), or
// the tree botocore walks: local names (botocore drops `{uri}`), an element's
// text before its first child (comments and processing instructions left out,
// CDATA, character references and entities of the internal DTD expanded),
// no attributes (botocore reads none of EC2's). Pure.

export interface XmlProblem {
  readonly message: string;
  /** Where, as an index into the text read. */
  readonly index: number;
}

export interface XmlElement {
  /** The tag without its namespace prefix. */
  readonly name: string;
  /** The text before the first child element, as ElementTree's `.text` (undefined: none). */
  text: string | undefined;
  readonly children: XmlElement[];
}

export type XmlReading = { readonly root: XmlElement; readonly problem?: undefined } | { readonly problem: XmlProblem; readonly root?: undefined };

const NAME = /[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]*/y;
const NAME_CHARS = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]*/y;
const TEXT_END = /[<&]/g;
const SPACE = /[ \t\r\n]/;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
/** The bindings in force at the root (copied, never changed, where an element declares more). */
const ROOT_SCOPE: ReadonlyMap<string, string> = new Map([['xml', XML_NS]]);

/** Characters expat refuses anywhere: C0 controls other than tab, newline and carriage return. */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\uFFFE\uFFFF]/;

/**
 * expat's guard against entity bombs (XML_SetBillionLaughsAttackProtection
 * defaults): once 8 MiB have been read, directly or through entities, the
 * output may be at most 100 times the document's own bytes.
 */
const AMPLIFICATION_ACTIVATION = 8 * 1024 * 1024;
const AMPLIFICATION_MAX = 100;

interface Entity {
  /** The replacement text of an internal entity (character references already expanded). */
  readonly value?: string;
  /** SYSTEM or PUBLIC: expat does not read it, ElementTree reports it undefined. */
  readonly external?: boolean;
  /** An unparsed (NDATA) entity. */
  readonly binary?: boolean;
}

interface OpenElement {
  /** The tag as written (an end tag must repeat it). */
  readonly raw: string;
  readonly element: XmlElement;
  /** The namespace bindings in force inside it. */
  readonly scope: ReadonlyMap<string, string>;
  /** Its text so far, in pieces. */
  readonly text: string[];
}

class Fail {
  constructor(readonly index: number, readonly message: string) {}
}

const isCharacter = (c: number) =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** `\r\n` and a lone `\r` read as `\n`, as expat passes text on. */
const newlines = (s: string) => s.replace(/\r\n?/g, '\n');

class Reader {
  private i: number;
  private readonly start: number;
  private readonly entities = new Map<string, Entity>();
  /** An external subset or a parameter entity expat did not read: undeclared entities are ElementTree's to report. */
  private dtdIncomplete = false;
  /** After a parameter entity reference (not standalone), expat reads no more declarations. */
  private skipDeclarations = false;
  private standalone = false;
  private expanded = 0;
  /** Open elements, innermost last, with the namespace bindings in force inside each. */
  private readonly open: OpenElement[] = [];
  private root: XmlElement | undefined;

  constructor(private readonly text: string) {
    // A byte order mark is the encoding's, not the document's.
    this.start = text.startsWith('\ufeff') ? 1 : 0;
    this.i = this.start;
  }

  position(index: number, message: string): XmlProblem {
    // Lines end at \n, \r\n or \r; columns count characters (code points).
    const before = this.text.slice(this.start, index).replace(/\r\n?/g, '\n');
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length;
    return { message: `${message}: line ${line}, column ${column}`, index };
  }

  read(): XmlReading {
    try {
      this.document();
      return { root: this.root! };
    } catch (e) {
      if (e instanceof Fail) return { problem: this.position(e.index, e.message) };
      throw e;
    }
  }

  // ---- the document ----

  private document(): void {
    const t = this.text;
    this.prolog();
    if (this.i >= t.length) throw new Fail(t.length, 'no element found');
    const end = this.markup(t, this.i, undefined, []);
    this.i = end;
    // After the root: only spaces, comments and processing instructions.
    for (;;) {
      this.skipSpace();
      if (this.i >= t.length) return;
      if (t.startsWith('<?', this.i)) this.processingInstruction(t, this.i);
      else if (t.startsWith('<!--', this.i)) this.i = this.skipPast(t, this.i, '-->');
      else throw new Fail(this.i, t[this.i] === '&' ? 'not well-formed (invalid token)' : 'junk after document element');
    }
  }

  private skipSpace(): void {
    while (this.i < this.text.length && SPACE.test(this.text[this.i]!)) this.i++;
  }

  private skipPast(s: string, from: number, end: string, pinned?: number): number {
    const found = s.indexOf(end, from);
    if (found < 0) throw new Fail(pinned ?? from, 'unclosed token');
    return found + end.length;
  }

  private processingInstruction(s: string, at: number, pinned?: number): void {
    if (at !== this.start && /^<\?xml[ \t\r\n?]/.test(s.slice(at, at + 6))) {
      throw new Fail(pinned ?? at, 'XML or text declaration not at start of entity');
    }
    const end = this.skipPast(s, at, '?>', pinned);
    if (pinned === undefined && at === this.start && /^<\?xml[ \t\r\n]/.test(s.slice(at, at + 6))) {
      this.standalone = /\sstandalone\s*=\s*["']yes["']/.test(s.slice(at, end));
    }
    this.i = end;
  }

  /** Comments, processing instructions and a DOCTYPE before the root. */
  private prolog(): void {
    const t = this.text;
    let doctype = false;
    for (;;) {
      this.skipSpace();
      if (t.startsWith('<?', this.i)) this.processingInstruction(t, this.i);
      else if (t.startsWith('<!--', this.i)) this.i = this.skipPast(t, this.i, '-->');
      else if (t.startsWith('<!DOCTYPE', this.i) && !doctype) {
        doctype = true;
        this.doctype();
      } else if (t.startsWith('<!', this.i)) {
        // Markup declarations are upper case (`<!doctype html>` is not XML), and there is one DOCTYPE.
        throw new Fail(this.i, 'syntax error');
      } else if (this.i < t.length && t[this.i] !== '<') {
        // Text before the root: a name followed by `<` is an invalid token where the name ends; anything else a syntax error.
        const end = this.readName(t, this.i);
        if (end > this.i && t[end] === '<') throw new Fail(end, 'not well-formed (invalid token)');
        throw new Fail(this.i, 'syntax error');
      } else return;
    }
  }

  // ---- the DTD ----

  /** Where the name starting at s[at] ends (`at`: no name there). */
  private readName(s: string, at: number): number {
    NAME.lastIndex = at;
    return NAME.test(s) ? NAME.lastIndex : at;
  }

  private requireSpace(): void {
    const t = this.text;
    if (this.i >= t.length) throw new Fail(this.i, 'unclosed token');
    if (!SPACE.test(t[this.i]!)) throw new Fail(this.i, /["']/.test(t[this.i]!) ? 'not well-formed (invalid token)' : 'syntax error');
    this.skipSpace();
  }

  /** A quoted literal; returns its content. */
  private literal(): { value: string; at: number } {
    const t = this.text;
    const quote = t[this.i];
    if (quote !== '"' && quote !== "'") throw new Fail(this.i, this.i >= t.length ? 'unclosed token' : 'syntax error');
    const end = t.indexOf(quote, this.i + 1);
    if (end < 0) throw new Fail(this.i, 'unclosed token');
    const at = this.i + 1;
    this.i = end + 1;
    return { value: t.slice(at, end), at };
  }

  /** SYSTEM "uri" or PUBLIC "id" "uri", if there. */
  private externalId(): boolean {
    const t = this.text;
    const keyword = /^(SYSTEM|PUBLIC)/.exec(t.slice(this.i, this.i + 6))?.[1];
    if (!keyword) return false;
    this.i += 6;
    this.requireSpace();
    this.literal();
    if (keyword === 'PUBLIC') {
      this.requireSpace();
      this.literal();
    }
    return true;
  }

  private doctype(): void {
    const t = this.text;
    const at = this.i;
    this.i += 9;
    if (this.i >= t.length) throw new Fail(at, 'unclosed token');
    this.requireSpace();
    const nameEnd = this.readName(t, this.i);
    if (nameEnd === this.i) throw new Fail(this.i, this.i >= t.length ? 'no element found' : 'syntax error');
    this.i = nameEnd;
    this.skipSpace();
    if (this.externalId() && !this.standalone) this.dtdIncomplete = true;
    this.skipSpace();
    if (t[this.i] === '[') {
      this.i++;
      this.internalSubset();
      this.skipSpace();
    }
    if (this.i >= t.length) throw new Fail(t.length, 'no element found');
    if (t[this.i] !== '>') throw new Fail(this.i, 'syntax error');
    this.i++;
  }

  private internalSubset(): void {
    const t = this.text;
    for (;;) {
      this.skipSpace();
      if (this.i >= t.length) throw new Fail(t.length, 'no element found');
      if (t[this.i] === ']') {
        this.i++;
        return;
      }
      if (t.startsWith('<!--', this.i)) this.i = this.skipPast(t, this.i, '-->');
      else if (t.startsWith('<?', this.i)) this.processingInstruction(t, this.i);
      else if (t.startsWith('<!ENTITY', this.i)) this.entityDeclaration();
      else if (/^<!(ELEMENT|ATTLIST|NOTATION)/.test(t.slice(this.i, this.i + 10))) this.skipDeclaration();
      else if (t[this.i] === '%') {
        const end = this.readName(t, this.i + 1);
        if (end === this.i + 1 || t[end] !== ';') throw new Fail(end, 'not well-formed (invalid token)');
        this.i = end + 1;
        // expat reads no parameter entity for ElementTree: what follows may depend on it, so later declarations are not read.
        if (!this.standalone) this.dtdIncomplete = this.skipDeclarations = true;
      } else if (t.startsWith('<!', this.i)) {
        throw new Fail(this.readName(t, this.i + 2), 'not well-formed (invalid token)');
      } else if (t[this.i] === '<') throw new Fail(this.i, 'syntax error');
      else {
        NAME_CHARS.lastIndex = this.i;
        NAME_CHARS.test(t);
        throw new Fail(NAME_CHARS.lastIndex, 'not well-formed (invalid token)');
      }
    }
  }

  /** ELEMENT, ATTLIST and NOTATION declarations: read over (quoted strings may hold `>`). */
  private skipDeclaration(): void {
    const t = this.text;
    const at = this.i;
    for (this.i += 2; this.i < t.length; this.i++) {
      const c = t[this.i]!;
      if (c === '>') {
        this.i++;
        return;
      }
      if (c === '"' || c === "'") {
        const end = t.indexOf(c, this.i + 1);
        if (end < 0) throw new Fail(this.i, 'unclosed token');
        this.i = end;
      }
    }
    throw new Fail(at, 'unclosed token');
  }

  private entityDeclaration(): void {
    const t = this.text;
    this.i += 8;
    this.requireSpace();
    let parameter = false;
    if (t[this.i] === '%') {
      parameter = true;
      this.i++;
      this.requireSpace();
    }
    const nameAt = this.i;
    const nameEnd = this.readName(t, this.i);
    if (nameEnd === nameAt) throw new Fail(this.i, this.i >= t.length ? 'unclosed token' : 'syntax error');
    const name = t.slice(nameAt, nameEnd);
    this.i = nameEnd;
    this.requireSpace();
    let entity: Entity;
    if (this.externalId()) {
      const beforeSpace = this.i;
      this.skipSpace();
      let binary = false;
      if (!parameter && this.i > beforeSpace && t.startsWith('NDATA', this.i)) {
        this.i += 5;
        this.requireSpace();
        const end = this.readName(t, this.i);
        if (end === this.i) throw new Fail(this.i, 'syntax error');
        this.i = end;
        binary = true;
      }
      entity = { external: true, binary };
    } else {
      const { value, at } = this.literal();
      entity = { value: this.entityValue(value, at) };
    }
    this.skipSpace();
    if (this.i >= t.length) throw new Fail(t.length, 'no element found');
    if (t[this.i] !== '>') throw new Fail(this.i, 'syntax error');
    this.i++;
    // The first declaration counts; none after a parameter entity expat did not read.
    if (!parameter && !this.entities.has(name) && !this.skipDeclarations) this.entities.set(name, entity);
  }

  /** An entity's literal value: character references expanded now, entity references kept for later. */
  private entityValue(raw: string, at: number): string {
    let out = '';
    for (let j = 0; j < raw.length; ) {
      const c = raw[j]!;
      if (c === '%') {
        const end = this.readName(raw, j + 1);
        if (end > j + 1 && raw[end] === ';') throw new Fail(at + j, 'illegal parameter entity reference');
        throw new Fail(at + j, 'not well-formed (invalid token)');
      }
      if (c === '&') {
        if (raw[j + 1] === '#') {
          const ref = this.characterReference(raw, j, at + j);
          out += ref.text;
          j = ref.end;
          continue;
        }
        const end = this.readName(raw, j + 1);
        if (end === j + 1 || raw[end] !== ';') throw new Fail(at + (end === j + 1 ? j : end), 'not well-formed (invalid token)');
        out += raw.slice(j, end + 1);
        j = end + 1;
        continue;
      }
      if (CONTROL.test(c)) throw new Fail(at + j, 'not well-formed (invalid token)');
      out += c;
      j++;
    }
    return newlines(out);
  }

  /** `&#N;` or `&#xH;` at s[j]; `report` is where a problem is shown. */
  private characterReference(s: string, j: number, report: number): { text: string; end: number } {
    const m = /^&#(?:x([0-9a-fA-F]+)|([0-9]+))/.exec(s.slice(j, j + 16));
    const digitsAt = j + (s[j + 2] === 'x' ? 3 : 2);
    if (!m && digitsAt >= s.length) throw new Fail(report, 'unclosed token');
    if (!m) throw new Fail(report + digitsAt - j, 'not well-formed (invalid token)');
    const end = j + m[0].length;
    if (end >= s.length) throw new Fail(report, 'unclosed token');
    if (s[end] !== ';') throw new Fail(report + m[0].length, 'not well-formed (invalid token)');
    const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
    if (!isCharacter(code)) throw new Fail(report, 'reference to invalid character number');
    return { text: String.fromCodePoint(code), end: end + 1 };
  }

  // ---- content ----

  /** How many characters expanding `name` reads, its nested entities' included (recursion left for the expansion to report). */
  private cost(name: string, inside: readonly string[] = []): number {
    const known = this.costs.get(name);
    if (known !== undefined) return known;
    const value = this.entities.get(name)?.value;
    if (value === undefined || inside.includes(name)) return 0;
    let total = value.length;
    for (const m of value.matchAll(/&([^#;][^;]*);/g)) total += this.cost(m[1]!, [...inside, name]);
    this.costs.set(name, total);
    return total;
  }

  private readonly costs = new Map<string, number>();

  /** Counts an entity reference met in the document itself (not inside another entity) at `at`. */
  private amplify(name: string, at: number, outermost: boolean): void {
    if (!outermost) return;
    this.expanded += this.cost(name);
    const direct = Math.max(at, 1);
    const total = direct + this.expanded;
    if (total >= AMPLIFICATION_ACTIVATION && total / direct > AMPLIFICATION_MAX) {
      throw new Fail(at, 'limit on input amplification factor (from DTD and entities) breached');
    }
  }

  /** Text for the innermost open element, kept only until its first child (ElementTree's `.text`). */
  private addText(s: string): void {
    const top = this.open[this.open.length - 1];
    if (top && top.element.children.length === 0) top.text.push(s);
  }

  /** The text gathered so far becomes the element's `.text` (at its first child, or its end). */
  private static settleText(entry: OpenElement): void {
    if (entry.element.children.length === 0 && entry.text.length > 0) entry.element.text = entry.text.join('');
  }

  /**
   * Reads markup and text of `s` from `from` (the document, or an entity's
   * replacement text when `pinned` is the position of the reference in the
   * document, where expat shows problems inside it). Returns where it stopped:
   * the end of the root element in the document, the end of `s` in an entity.
   */
  private markup(s: string, from: number, pinned: number | undefined, expanding: readonly string[]): number {
    const depth = this.open.length;
    const where = (index: number) => pinned ?? index;
    let j = from;
    while (j < s.length) {
      const c = s[j]!;
      if (c === '<') {
        if (s.startsWith('<!--', j)) {
          j = this.skipPast(s, j, '-->', pinned);
        } else if (s.startsWith('<![CDATA[', j)) {
          const end = s.indexOf(']]>', j + 9);
          if (end < 0) throw new Fail(pinned ?? s.length, 'unclosed CDATA section');
          const data = s.slice(j + 9, end);
          const control = CONTROL.exec(data);
          if (control) throw new Fail(where(j + 9 + control.index), 'not well-formed (invalid token)');
          this.addText(newlines(data));
          j = end + 3;
        } else if (s.startsWith('<?', j)) {
          this.processingInstruction(s, j, pinned);
          j = this.i;
        } else if (s[j + 1] === '/') {
          j = this.endTag(s, j, pinned, depth);
          if (pinned === undefined && this.open.length === 0) return j;
        } else {
          j = this.startTag(s, j, pinned, expanding);
          if (pinned === undefined && this.open.length === 0) return j;
        }
      } else if (c === '&') {
        j = this.reference(s, j, pinned, expanding);
      } else {
        TEXT_END.lastIndex = j;
        const end = TEXT_END.test(s) ? TEXT_END.lastIndex - 1 : s.length;
        const chunk = s.slice(j, end);
        const control = CONTROL.exec(chunk);
        if (control) throw new Fail(where(j + control.index), 'not well-formed (invalid token)');
        const cdataEnd = chunk.indexOf(']]>');
        if (cdataEnd >= 0) throw new Fail(where(j + cdataEnd + 2), 'not well-formed (invalid token)');
        this.addText(newlines(chunk));
        j = end;
      }
    }
    if (pinned === undefined) throw new Fail(s.length, 'no element found');
    if (this.open.length !== depth) throw new Fail(pinned, 'asynchronous entity');
    return j;
  }

  private reference(s: string, j: number, pinned: number | undefined, expanding: readonly string[]): number {
    const where = (index: number) => pinned ?? index;
    if (s[j + 1] === '#') {
      const ref = this.characterReference(s, j, where(j));
      this.addText(ref.text);
      return ref.end;
    }
    const end = this.readName(s, j + 1);
    if (end >= s.length) throw new Fail(where(j), 'unclosed token');
    if (end === j + 1 || s[end] !== ';') throw new Fail(where(end), 'not well-formed (invalid token)');
    const name = s.slice(j + 1, end);
    const predefined = PREDEFINED[name];
    if (predefined !== undefined) {
      this.addText(predefined);
      return end + 1;
    }
    const entity = this.entities.get(name);
    if (entity?.binary) throw new Fail(where(j), 'reference to binary entity');
    if (entity === undefined || entity.external) {
      // expat passes it on undeclared (an incomplete DTD) or unread (external); ElementTree refuses it.
      if (entity || this.dtdIncomplete) throw new Fail(where(j), `undefined entity &${name};`);
      throw new Fail(where(j), 'undefined entity');
    }
    if (expanding.includes(name)) throw new Fail(where(j), 'recursive entity reference');
    this.amplify(name, where(j), pinned === undefined);
    this.markup(entity.value!, 0, where(j), [...expanding, name]);
    return end + 1;
  }

  private endTag(s: string, at: number, pinned: number | undefined, depth: number): number {
    const where = (index: number) => pinned ?? index;
    let j = at + 2;
    const end = this.readName(s, j);
    if (end >= s.length) throw new Fail(where(at), 'unclosed token');
    if (end === j) throw new Fail(where(j), 'not well-formed (invalid token)');
    const name = s.slice(j, end);
    j = end;
    while (j < s.length && SPACE.test(s[j]!)) j++;
    if (j >= s.length) throw new Fail(where(at), 'unclosed token');
    if (s[j] !== '>') throw new Fail(where(j), 'not well-formed (invalid token)');
    if (this.open.length <= depth) throw new Fail(where(at + 1), pinned === undefined ? 'not well-formed (invalid token)' : 'asynchronous entity');
    if (this.open[this.open.length - 1]!.raw !== name) throw new Fail(where(at + 2), 'mismatched tag');
    Reader.settleText(this.open.pop()!);
    return j + 1;
  }

  private startTag(s: string, at: number, pinned: number | undefined, expanding: readonly string[]): number {
    const where = (index: number) => pinned ?? index;
    const unclosed = () => new Fail(where(at), 'unclosed token');
    let j = at + 1;
    const nameEnd = this.readName(s, j);
    if (nameEnd >= s.length) throw unclosed();
    if (nameEnd === j) throw new Fail(where(j), 'not well-formed (invalid token)');
    const raw = s.slice(j, nameEnd);
    this.qualifiedName(raw, j, where);
    j = nameEnd;
    // Attributes: name="value" or name='value', each name once.
    const attributes: { name: string; value: string }[] = [];
    let names: Set<string> | undefined;
    let empty = false;
    for (;;) {
      const spaceAt = j;
      while (j < s.length && SPACE.test(s[j]!)) j++;
      if (j >= s.length || (s[j] === '/' && j + 1 >= s.length)) throw unclosed();
      if (s.startsWith('/>', j)) {
        j += 2;
        empty = true;
        break;
      }
      if (s[j] === '>') {
        j++;
        break;
      }
      if (j === spaceAt) throw new Fail(where(j), 'not well-formed (invalid token)');
      const nameAt = j;
      const end = this.readName(s, j);
      if (end === j) throw new Fail(where(j), 'not well-formed (invalid token)');
      const name = s.slice(j, end);
      if (end >= s.length) throw unclosed();
      names ??= new Set();
      if (names.has(name)) throw new Fail(where(nameAt), 'duplicate attribute');
      names.add(name);
      this.qualifiedName(name, nameAt, where);
      j = end;
      while (j < s.length && SPACE.test(s[j]!)) j++;
      if (j >= s.length) throw unclosed();
      if (s[j] !== '=') throw new Fail(where(j), 'not well-formed (invalid token)');
      j++;
      while (j < s.length && SPACE.test(s[j]!)) j++;
      if (j >= s.length) throw unclosed();
      const quote = s[j];
      if (quote !== '"' && quote !== "'") throw new Fail(where(j), 'not well-formed (invalid token)');
      const close = s.indexOf(quote, j + 1);
      if (close < 0) throw unclosed();
      const value = this.attributeValue(s, j + 1, close, at, pinned, expanding);
      attributes.push({ name, value });
      j = close + 1;
    }
    const { element, scope } = this.element(raw, attributes, where(at));
    if (this.open.length === 0) this.root = element;
    else {
      const parent = this.open[this.open.length - 1]!;
      Reader.settleText(parent);
      parent.element.children.push(element);
    }
    if (!empty) this.open.push({ raw, element, scope, text: [] });
    return j;
  }

  /** The element with its namespaces resolved, as expat (namespace processing on) checks them. */
  private element(raw: string, attributes: readonly { name: string; value: string }[], at: number): { element: XmlElement; scope: ReadonlyMap<string, string> } {
    const outer = this.open.length > 0 ? this.open[this.open.length - 1]!.scope : ROOT_SCOPE;
    let scope = outer;
    /** The element's own bindings, made on the first declaration. */
    const own = () => (scope === outer ? (scope = new Map(outer)) : scope) as Map<string, string>;
    for (const { name, value } of attributes) {
      if (name === 'xmlns') {
        if (value === '') own().delete('');
        else own().set('', value);
      } else if (name.startsWith('xmlns:')) {
        const prefix = name.slice(6);
        if (prefix === 'xmlns') throw new Fail(at, 'reserved prefix (xmlns) must not be declared or undeclared');
        if ((prefix === 'xml') !== (value === XML_NS)) throw new Fail(at, 'reserved prefix (xml) must not be undeclared or bound to another namespace name');
        if (value === XMLNS_NS) throw new Fail(at, 'reserved prefix (xmlns) must not be declared or undeclared');
        if (value === '') throw new Fail(at, 'must not undeclare prefix');
        own().set(prefix, value);
      }
    }
    const prefixOf = (name: string) => (name.includes(':') ? name.slice(0, name.indexOf(':')) : undefined);
    const elementPrefix = prefixOf(raw);
    if (elementPrefix !== undefined && !scope.has(elementPrefix)) throw new Fail(at, 'unbound prefix');
    const expanded = new Set<string>();
    for (const { name } of attributes) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const prefix = prefixOf(name);
      if (prefix === undefined) {
        expanded.add(name);
        continue;
      }
      if (!scope.has(prefix)) throw new Fail(at, 'unbound prefix');
      const key = `{${scope.get(prefix)}}${name.slice(prefix.length + 1)}`;
      if (expanded.has(key)) throw new Fail(at, 'duplicate attribute');
      expanded.add(key);
    }
    const name = elementPrefix === undefined ? raw : raw.slice(elementPrefix.length + 1);
    return { element: { name, text: undefined, children: [] }, scope };
  }

  /** A name with at most one colon, with something on either side of it. */
  private qualifiedName(name: string, at: number, where: (index: number) => number): void {
    const colon = name.indexOf(':');
    if (colon < 0) return;
    if (colon === 0) throw new Fail(where(at), 'not well-formed (invalid token)');
    const second = name.indexOf(':', colon + 1);
    if (second >= 0) throw new Fail(where(at + second), 'not well-formed (invalid token)');
    if (colon === name.length - 1) throw new Fail(where(at + name.length), 'not well-formed (invalid token)');
  }

  /** An attribute's value with its references expanded; `tag` is where its element starts. */
  private attributeValue(s: string, from: number, to: number, tag: number, pinned: number | undefined, expanding: readonly string[]): string {
    const where = (index: number) => pinned ?? index;
    let out = '';
    const expand = (value: string, inside: readonly string[], reportAt: number | undefined) => {
      for (let j = 0; j < value.length; ) {
        const c = value[j]!;
        if (c === '<') throw new Fail(reportAt !== undefined ? where(tag) : where(from + j), 'not well-formed (invalid token)');
        if (c === '&') {
          const here = reportAt ?? where(from + j);
          if (value[j + 1] === '#') {
            const ref = this.characterReference(value, j, here);
            out += ref.text;
            j = ref.end;
            continue;
          }
          const end = this.readName(value, j + 1);
          if (end === j + 1 || value[end] !== ';') throw new Fail(reportAt ?? where(from + end), 'not well-formed (invalid token)');
          const name = value.slice(j + 1, end);
          j = end + 1;
          const predefined = PREDEFINED[name];
          if (predefined !== undefined) {
            out += predefined;
            continue;
          }
          const entity = this.entities.get(name);
          if (entity === undefined) {
            if (this.dtdIncomplete) continue;
            throw new Fail(where(tag), 'undefined entity');
          }
          if (entity.external) throw new Fail(here, entity.binary ? 'reference to binary entity' : 'reference to external entity in attribute');
          if (inside.includes(name)) throw new Fail(here, 'recursive entity reference');
          this.amplify(name, where(tag), reportAt === undefined);
          expand(entity.value!, [...inside, name], here);
          continue;
        }
        if (CONTROL.test(c)) throw new Fail(reportAt ?? where(from + j), 'not well-formed (invalid token)');
        out += /[\t\r\n]/.test(c) ? ' ' : c;
        j++;
      }
    };
    expand(s.slice(from, to), expanding, undefined);
    return out;
  }
}

/** The body read as botocore reads it: its tree, or expat's complaint. */
export function readXml(text: string): XmlReading {
  return new Reader(text).read();
}

/** The index (in the decoded text) of the first byte sequence that is not UTF-8, if any. */
function firstInvalidUtf8(bytes: Uint8Array, text: string): number | undefined {
  if (!text.includes('\ufffd')) return undefined;
  let offset = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    if (code === 0xfffd && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return i;
    offset += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += code < 0x10000 ? 1 : 2;
  }
  return undefined;
}

/**
 * A body as botocore reads it: always as UTF-8 (it tells expat so, whatever
 * the XML declaration says), so the first sequence that is not UTF-8 is an
 * invalid token, unless the document went wrong before it.
 */
export function readXmlBytes(bytes: Uint8Array): XmlReading {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const reading = readXml(text);
  const invalid = firstInvalidUtf8(bytes, text);
  if (invalid === undefined || (reading.problem && reading.problem.index < invalid)) return reading;
  return { problem: new Reader(text).position(invalid, 'not well-formed (invalid token)') };
}

/** Whether a response body is well-formed XML, and if not, the message expat gives. */
export function checkXml(text: string): XmlProblem | undefined {
  return readXml(text).problem;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');

/**
 * The depth (the root at 1) of the first level botocore's recursive reading
 * of an error document (QueryParser._replace_nodes) cannot reach within
 * Python's recursion limit, on a CopySnapshot call. A successful answer is
 * read only as deep as its shape goes.
 */
export const PYTHON_NESTING_LIMIT = 979;

/**
 * The tree as a plain document the SDK's XML parser reads the way botocore
 * reads the original: no DTD, no prefixes, no attributes, no comments, CDATA
 * and references resolved. Whitespace-only text beside child elements is left
 * out (botocore reads no text there), and so are elements nested deeper than
 * botocore could read (no shape goes that deep; the SDK's parser would run
 * out of stack).
 */
export function plainXml(root: XmlElement): string {
  const out: string[] = [];
  // Depth first without recursion (a body may nest elements deeper than the call stack goes).
  const pending: (XmlElement | string)[] = [root];
  const depths = [1];
  while (pending.length > 0) {
    const next = pending.pop()!;
    const depth = depths.pop()!;
    if (depth >= PYTHON_NESTING_LIMIT) continue;
    if (typeof next === 'string') {
      out.push(next);
      continue;
    }
    const text = next.text ?? '';
    const kept = next.children.length > 0 && text.trim() === '' ? '' : escapeText(text);
    if (kept === '' && next.children.length === 0) {
      out.push(`<${next.name}/>`);
      continue;
    }
    out.push(`<${next.name}>${kept}`);
    pending.push(`</${next.name}>`);
    depths.push(depth);
    for (let n = next.children.length - 1; n >= 0; n--) {
      pending.push(next.children[n]!);
      depths.push(depth + 1);
    }
  }
  return out.join('');
}
