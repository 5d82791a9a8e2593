// src/python/repr.ts (and isPyPrintable from text.ts). Expected strings were
// printed by the Python the AWS CLI runs on (3.11.7):
//   python3 -c 'print(repr(repr(1e16)))', repr(b"..."), str({...}) and so on.
// Strings are also covered in bulk by json.test.ts (json.loads then repr(),
// test/params/fixtures/reference.json).
import { describe, expect, it } from 'vitest';
import { pyClass, pyRepr, pyStr, reprBytes, reprFloat, reprString } from '../../src/python/repr.js';
import { isPyPrintable } from '../../src/python/text.js';
import { PyDict, PyFloat, fromJs } from '../../src/python/value.js';

describe('reprFloat', () => {
  it.each([
    [1.0, '1.0'], [-0.0, '-0.0'], [0.0, '0.0'], [1e16, '1e+16'], [1e15, '1000000000000000.0'],
    [9999999999999998.0, '9999999999999998.0'], [0.0001, '0.0001'], [0.00001, '1e-05'], [1.5e-7, '1.5e-07'],
    [123456789.125, '123456789.125'], [2.5e300, '2.5e+300'], [1e22, '1e+22'], [1e21, '1e+21'], [0.1, '0.1'],
    [1 / 3, '0.3333333333333333'], [-2.5, '-2.5'], [5e-324, '5e-324'], [1.7976931348623157e308, '1.7976931348623157e+308'],
    [Infinity, 'inf'], [-Infinity, '-inf'], [NaN, 'nan'], [100.0, '100.0'], [12345678901234567.0, '1.2345678901234568e+16'],
  ])('%d → %s', (value, text) => {
    expect(reprFloat(value)).toBe(text);
    expect(pyRepr(new PyFloat(value))).toBe(text);
  });
});

describe('reprBytes', () => {
  it.each([
    [[], "b''"],
    [[97, 98, 99], "b'abc'"],
    [[102, 114, 111, 109, 32, 102, 105, 108, 101, 10], "b'from file\\n'"],
    [[105, 116, 39, 115], 'b"it\'s"'],
    [[34, 113, 34], 'b\'"q"\''],
    [[98, 111, 116, 104, 39, 34], 'b\'both\\\'"\''],
    [[92, 92], "b'\\\\\\\\'"],
    [[0, 127, 128, 255, 9, 13], "b'\\x00\\x7f\\x80\\xff\\t\\r'"],
  ])('%j → %s', (bytes, text) => {
    expect(reprBytes(new Uint8Array(bytes))).toBe(text);
  });
});

describe('reprString', () => {
  it.each([
    ['a', "'a'"],
    ["it's", '"it\'s"'],
    ['say "hi"', '\'say "hi"\''],
    ['both \'"', "'both \\'\"'"],
    ['back\\slash', "'back\\\\slash'"],
    ['\x00\x1f\x7f\x85\xa0\xad\u2028😀', "'\\x00\\x1f\\x7f\\x85\\xa0\\xad\\u2028😀'"],
    ['é\n\t\r', "'é\\n\\t\\r'"],
    ['\ud800', "'\\ud800'"],
    ['\u{1fbcb}\u{31350}', "'\\U0001fbcb\\U00031350'"],
  ])('%j → %s', (text, repr) => {
    expect(reprString(text)).toBe(repr);
  });

  it('uses Python 3.11 (Unicode 14) printability, not the JS engine’s', () => {
    expect(isPyPrintable(0x1fbca)).toBe(true);
    expect(isPyPrintable(0x1fbcb)).toBe(false); // assigned in Unicode 16
    expect(isPyPrintable(0x20)).toBe(true);
    expect(isPyPrintable(0x3000)).toBe(false);
  });
});

describe('pyStr / pyRepr / pyClass of containers and scalars', () => {
  it.each([
    [null, 'None', "<class 'NoneType'>"],
    [true, 'True', "<class 'bool'>"],
    [5, '5', "<class 'int'>"],
    [123456789012345678901234567890n, '123456789012345678901234567890', "<class 'int'>"],
    [1.5, '1.5', "<class 'float'>"],
    [new PyFloat(1), '1.0', "<class 'float'>"],
    ['plain', 'plain', "<class 'str'>"],
    [[], '[]', "<class 'list'>"],
    [[[]], '[[]]', "<class 'list'>"],
    [new Uint8Array([104, 10]), "b'h\\n'", "<class 'bytes'>"],
    [new PyDict([['a', [1, null, true, false, 'x']], ['b', new PyDict()]]), "{'a': [1, None, True, False, 'x'], 'b': {}}", "<class 'dict'>"],
    [new PyDict([['a', 1]], true), "OrderedDict([('a', 1)])", "<class 'collections.OrderedDict'>"],
    [new PyDict([], true), 'OrderedDict()', "<class 'collections.OrderedDict'>"],
    [
      fromJs({ ResourceType: 'snapshot', Tags: [{ Key: 'sh', Value: '1' }] }),
      "{'ResourceType': 'snapshot', 'Tags': [{'Key': 'sh', 'Value': '1'}]}",
      "<class 'dict'>",
    ],
  ])('case %#', (value, str, cls) => {
    expect(pyStr(value)).toBe(str);
    expect(pyClass(value)).toBe(cls);
  });

  it('prints dict keys in insertion order, integer-like keys included', () => {
    const dict = new PyDict().set('b', 1).set('0', 2).set('__proto__', 3).set('b', 4);
    expect(pyRepr(dict)).toBe("{'b': 4, '0': 2, '__proto__': 3}");
  });

  it('refuses JavaScript objects that were never made Python values', () => {
    expect(() => pyRepr({ a: 1 })).toThrow(TypeError);
    expect(() => pyClass({ a: 1 })).toThrow(TypeError);
  });
});
