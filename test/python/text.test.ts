// src/python/text.ts: the character classes generated from Python 3.11.7's
// unicodedata (Unicode 14.0.0). Expected values were printed by that Python:
//   c.isspace(), c.isprintable(), unicodedata.decimal(c, None),
//   unicodedata.east_asian_width(c) in 'WFA'.
import { describe, expect, it } from 'vitest';
import { codePointIndex, codePoints, decimalValue, isPyPrintable, isPySpace, isWide, numberTextToAscii, pyStrip } from '../../src/python/text.js';

describe('character classes match Python 3.11 unicodedata', () => {
  it.each([
    [0x9, true, false, undefined, false],
    [0x1c, true, false, undefined, false],
    [0x20, true, true, undefined, false],
    [0x85, true, false, undefined, false],
    [0xa0, true, false, undefined, false],
    [0x1680, true, false, undefined, false],
    [0x200b, false, false, undefined, false],
    [0x2028, true, false, undefined, false],
    [0x3000, true, false, undefined, true],
    [0xfeff, false, false, undefined, false],
    [0x30, false, true, 0, false],
    [0x663, false, true, 3, false],
    [0x1d7ce, false, true, 0, false],
    [0x1d7ff, false, true, 9, false],
    [0x1fbf9, false, true, 9, false],
    [0xff10, false, true, 0, true],
    [0xb2, false, true, undefined, true],
    [0x41, false, true, undefined, false],
    [0xe9, false, true, undefined, true],
    [0x65e5, false, true, undefined, true],
    [0xff21, false, true, undefined, true],
    [0x1f600, false, true, undefined, true],
    [0xad, false, false, undefined, true],
    [0x378, false, false, undefined, true],
    [0x1fbcb, false, false, undefined, true],
    [0xe000, false, false, undefined, true],
    [0xa1, false, true, undefined, true],
  ])('code point %d', (cp, space, printable, decimal, wide) => {
    expect([isPySpace(cp), isPyPrintable(cp), decimalValue(cp), isWide(cp)]).toEqual([space, printable, decimal, wide]);
  });
});

describe('numberTextToAscii is CPython’s _PyUnicode_TransformDecimalAndSpaceToASCII', () => {
  it.each([
    ['\u0663\u0664', '34'],
    [' \u30005\x85', '  5 '],
    ['\x1c5', '\x1c5'],
    ['1\u00e92', '1?'],
    ['5\x7f', '5?'],
  ])('%j → %j', (text, ascii) => {
    expect(numberTextToAscii(text)).toBe(ascii);
  });
});

describe('str indexing and strip', () => {
  it('counts an astral character and a lone surrogate as one code point each', () => {
    expect(codePoints('a😀\ud800b')).toEqual([0x61, 0x1f600, 0xd800, 0x62]);
    expect(codePointIndex('a😀\ud800b', 4)).toBe(3);
  });

  it('strips what str.isspace() accepts', () => {
    expect(pyStrip('\x1c\u3000 a b\x85\t')).toBe('a b');
    expect(pyStrip('\u200ba\u200b')).toBe('\u200ba\u200b');
  });
});
