// Expected messages from Python 3.11's expat (xml.parsers.expat, as botocore
// uses it): p = ParserCreate(); p.Parse(body, True). fixtures/expat.json holds
// what ElementTree over expat (botocore's reader) made of more bodies:
// regenerate it with `python3 test/request/fixtures/gen_expat.py`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkXml, plainXml, PYTHON_NESTING_LIMIT, readXml, readXmlBytes, type XmlElement } from '../../src/request/xml-check.js';

describe('checkXml', () => {
  it.each([
    ['', 'no element found: line 1, column 0'],
    ['<CopySnapshotResponse><snapshotId>snap-1', 'no element found: line 1, column 40'],
    ['hello world', 'syntax error: line 1, column 0'],
    ['été', 'syntax error: line 1, column 0'],
    ['<a></b>', 'mismatched tag: line 1, column 5'],
    ['<a>x<b></a>', 'mismatched tag: line 1, column 9'],
    ['<a>\n<b></c></a>', 'mismatched tag: line 2, column 5'],
    ['<a/><b/>', 'junk after document element: line 1, column 4'],
    ['<a><!-- c --></a>junk', 'junk after document element: line 1, column 17'],
    ['<a></a>\n\n<b/>', 'junk after document element: line 3, column 0'],
    ['<a>&bogus;</a>', 'undefined entity: line 1, column 3'],
    ['<a x=1/>', 'not well-formed (invalid token): line 1, column 5'],
  ])('%j', (body, message) => {
    expect(checkXml(body)?.message).toBe(message);
  });

  it.each([
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>X</Code><Message>a &amp; b &#38; c</Message></Error></Errors></Response>',
    '<Response/>',
    '<!DOCTYPE html><html><body>x</body></html>',
    '<a b="1" c=\'2\'><![CDATA[<not markup>]]><?pi x?></a>\n',
  ])('accepts %j', (body) => {
    expect(checkXml(body)).toBeUndefined();
  });
});

type Outcome = { problem: string } | { root: Tree };
interface Tree {
  name: string;
  text: string | null;
  children: Tree[];
}
/** [body, outcome] for text (sent as UTF-8); [body, outcome, 'latin-1'] for bytes written one character each. */
const EXPAT = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'expat.json'), 'utf8')) as [string, Outcome, 'latin-1'?][];
const tree = (e: XmlElement): Tree => ({ name: e.name, text: e.text ?? null, children: e.children.map(tree) });

describe('readXml reads as ElementTree over expat does (fixtures/expat.json)', () => {
  it.each(EXPAT.map(([body, outcome, bytes]) => [body.length > 120 ? `${body.slice(0, 120)}...` : body, body, outcome, bytes] as const))(
    '%j',
    (_, body, outcome, bytes) => {
      const r = readXmlBytes(Buffer.from(body, bytes === 'latin-1' ? 'latin1' : 'utf8'));
      expect(r.problem ? { problem: r.problem.message } : { root: tree(r.root!) }).toEqual(outcome);
    },
  );
});

describe('plainXml: the tree as a document the SDK reads as botocore reads the original', () => {
  const plain = (body: string) => plainXml(readXml(body).root!);

  it('drops namespace prefixes, declarations and attributes', () => {
    expect(plain('<e:R xmlns:e="urn:ec2" xmlns:a="urn:a" a:x="1"><e:snapshotId a:y="2">snap-1</e:snapshotId></e:R>')).toBe(
      '<R><snapshotId>snap-1</snapshotId></R>',
    );
  });

  it('expands an internal DTD, character references and CDATA, and escapes what needs it', () => {
    expect(plain('\ufeff<!DOCTYPE R [<!ENTITY s "snap-&#x41;&amp;">]><R><s>&s;<![CDATA[<x>]]>&#13;</s></R>')).toBe(
      '<R><s>snap-A&amp;&lt;x&gt;&#13;</s></R>',
    );
  });

  it('keeps only the text before the first child, and no whitespace beside children', () => {
    expect(plain('<R>\n  <s>a<!-- c -->b<b>x</b>tail</s>\n  <e/>\n  <t></t>\n</R>')).toBe('<R><s>ab<b>x</b></s><e/><t/></R>');
  });

  it('keeps text with characters outside the BMP as they are', () => {
    expect(plain('<R><s>&#x1F600;é</s></R>')).toBe('<R><s>😀é</s></R>');
  });

  const nested = (levels: number) => `${'<x>'.repeat(levels)}${'</x>'.repeat(levels)}`;

  it('leaves out what nests deeper than botocore reads, without running out of stack', () => {
    const body = plain(`<R><s>snap-1</s>${nested(50000)}</R>`);
    expect(body.startsWith('<R><s>snap-1</s><x><x>')).toBe(true);
    expect(body.match(/<x>/g)).toHaveLength(PYTHON_NESTING_LIMIT - 2);
  });
});
