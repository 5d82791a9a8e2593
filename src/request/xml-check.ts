// Whether a response body is well-formed XML, and if not, the message
// Python's expat gives (botocore shows it): `no element found: line 1,
// column 0`, `syntax error`, `mismatched tag`, `junk after document element`,
// `undefined entity`, `not well-formed (invalid token)`. Lines count from 1,
// columns from 0, as expat reports them. Pure; covers the constructs an EC2
// answer or an error page can contain.

export interface XmlProblem {
  readonly message: string;
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Characters expat refuses anywhere: C0 controls other than tab, newline and carriage return. */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;

export function checkXml(text: string): XmlProblem | undefined {
  // A byte order mark is the encoding's, not the document's.
  const start = text.startsWith('\ufeff') ? 1 : 0;
  let i = start;
  const at = (index: number, message: string): XmlProblem => {
    const before = text.slice(start, index);
    const line = before.split('\n').length;
    const column = before.length - (before.lastIndexOf('\n') + 1);
    return { message: `${message}: line ${line}, column ${column}` };
  };
  const skipSpace = () => {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  };
  const skipUntil = (end: string): XmlProblem | undefined => {
    const found = text.indexOf(end, i);
    if (found < 0) return at(text.length, 'unclosed token');
    i = found + end.length;
    return undefined;
  };
  /** `<?xml ...?>` anywhere but at the very start. */
  const misplacedDeclaration = (): XmlProblem | undefined =>
    i !== start && /^<\?xml[ \t\r\n?]/.test(text.slice(i, i + 6)) ? at(i, 'XML or text declaration not at start of entity') : undefined;
  /** Comments, processing instructions and a DOCTYPE, between markup. */
  const skipMisc = (): XmlProblem | undefined => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<?', i)) {
        const misplaced = misplacedDeclaration();
        if (misplaced) return misplaced;
        const p = skipUntil('?>');
        if (p) return p;
      } else if (text.startsWith('<!--', i)) {
        const p = skipUntil('-->');
        if (p) return p;
      } else if (text.startsWith('<!DOCTYPE', i)) {
        const p = skipUntil('>');
        if (p) return p;
      } else if (text.startsWith('<!', i)) {
        // Markup declarations are upper case (`<!doctype html>` is not XML).
        return at(i, 'syntax error');
      } else {
        return undefined;
      }
    }
  };
  const readName = (): string | undefined => {
    if (i >= text.length || !NAME_START.test(text[i]!)) return undefined;
    const start = i;
    while (i < text.length && NAME_CHAR.test(text[i]!)) i++;
    return text.slice(start, i);
  };

  let problem = skipMisc();
  if (problem) return problem;
  if (i >= text.length) return at(text.length, 'no element found');
  if (text[i] !== '<') return at(i, 'syntax error');

  const open: string[] = [];
  let closedRoot = false;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '<') {
      if (text.startsWith('<!--', i)) {
        problem = skipUntil('-->');
        if (problem) return problem;
        continue;
      }
      if (text.startsWith('<![CDATA[', i)) {
        problem = skipUntil(']]>');
        if (problem) return problem;
        continue;
      }
      if (text.startsWith('<?', i)) {
        problem = misplacedDeclaration() ?? skipUntil('?>');
        if (problem) return problem;
        continue;
      }
      if (text[i + 1] === '/') {
        const tagStart = i;
        i += 2;
        const name = readName();
        if (name === undefined) return at(i, 'not well-formed (invalid token)');
        skipSpace();
        if (text[i] !== '>') return i >= text.length ? at(text.length, 'no element found') : at(i, 'not well-formed (invalid token)');
        if (open[open.length - 1] !== name) return at(tagStart + 2, 'mismatched tag');
        open.pop();
        i++;
      } else {
        if (closedRoot) return at(i, 'junk after document element');
        i++;
        const name = readName();
        if (name === undefined) return at(i, 'not well-formed (invalid token)');
        // Attributes: name="value" or name='value', each name once.
        const attributes = new Set<string>();
        for (;;) {
          skipSpace();
          if (text.startsWith('/>', i)) {
            i += 2;
            break;
          }
          if (text[i] === '>') {
            i++;
            open.push(name);
            break;
          }
          if (i >= text.length) return at(text.length, 'no element found');
          const attributeStart = i;
          const attribute = readName();
          if (attribute === undefined) return at(i, 'not well-formed (invalid token)');
          if (attributes.has(attribute)) return at(attributeStart, 'duplicate attribute');
          attributes.add(attribute);
          skipSpace();
          if (text[i] !== '=') return at(i, 'not well-formed (invalid token)');
          i++;
          skipSpace();
          const quote = text[i];
          if (quote !== '"' && quote !== "'") return at(i, 'not well-formed (invalid token)');
          const end = text.indexOf(quote, i + 1);
          if (end < 0) return at(text.length, 'unclosed token');
          const control = CONTROL.exec(text.slice(i + 1, end));
          if (control) return at(i + 1 + control.index, 'not well-formed (invalid token)');
          i = end + 1;
        }
      }
      if (open.length === 0) closedRoot = true;
    } else if (open.length === 0) {
      if (/[ \t\r\n]/.test(c)) {
        i++;
        continue;
      }
      return at(i, 'junk after document element');
    } else if (c === '&') {
      const end = text.indexOf(';', i);
      const entity = end < 0 ? '' : text.slice(i + 1, end);
      if (end < 0) return at(i, 'not well-formed (invalid token)');
      if (!PREDEFINED.has(entity) && !/^#(\d+|x[0-9a-fA-F]+)$/.test(entity)) return at(i, 'undefined entity');
      i = end + 1;
    } else {
      if (CONTROL.test(c)) return at(i, 'not well-formed (invalid token)');
      i++;
    }
  }
  return open.length > 0 ? at(text.length, 'no element found') : undefined;
}
