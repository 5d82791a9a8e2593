// Expected messages from Python 3.11's expat (xml.parsers.expat, as botocore
// uses it): p = ParserCreate(); p.Parse(body, True).
import { describe, expect, it } from 'vitest';
import { checkXml } from '../../src/request/xml-check.js';

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
