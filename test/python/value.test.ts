import { describe, expect, it } from 'vitest';
import { pyRepr } from '../../src/python/repr.js';
import { fromJs, isDict, isOrderedDict, PyDict, PyFloat, pyTypeName, toJs } from '../../src/python/value.js';

describe('PyDict', () => {
  it('keeps insertion order for every key; an existing key keeps its place', () => {
    const dict = new PyDict([['b', 1], ['2', 2], ['__proto__', 3], ['constructor', 4], ['1', 5]]);
    dict.set('b', 6);
    expect(dict.keys()).toEqual(['b', '2', '__proto__', 'constructor', '1']);
    expect(dict.values()).toEqual([6, 2, 3, 4, 5]);
    expect([...dict]).toEqual(dict.entries());
    expect(dict.size).toBe(5);
    expect(dict.get('__proto__')).toBe(3);
  });

  it('has no value for an absent key, and never holds undefined', () => {
    const dict = new PyDict([['a', null]]);
    expect(dict.has('a')).toBe(true);
    expect(dict.get('a')).toBeNull();
    expect(dict.has('toString')).toBe(false);
    expect(dict.get('toString')).toBeUndefined();
    expect(() => dict.set('b', undefined)).toThrow(TypeError);
    expect(dict.delete('a')).toBe(true);
    expect(dict.size).toBe(0);
  });

  it('copies: with() adds a new key last and leaves the original alone', () => {
    const dict = new PyDict([['a', 1]], true);
    const more = dict.with('1', 2).with('a', 3);
    expect(more.entries()).toEqual([['a', 3], ['1', 2]]);
    expect(dict.entries()).toEqual([['a', 1]]);
    expect(isOrderedDict(more)).toBe(true);
    expect(pyTypeName(more)).toBe('collections.OrderedDict');
  });

  it('is the only dict: a plain object is not a Python value', () => {
    expect(isDict({})).toBe(false);
    expect(() => pyTypeName({ a: 1 })).toThrow(TypeError);
  });
});

describe('fromJs / toJs', () => {
  it('makes dicts of plain objects, leaving out undefined members; undefined elsewhere is None', () => {
    const value = fromJs({ b: 1, a: undefined, c: [undefined, { d: 1.5 }] });
    expect(pyRepr(value)).toBe("{'b': 1, 'c': [None, {'d': 1.5}]}");
  });

  it('keeps shared references shared (and cycles finite)', () => {
    const shared = { x: 1 };
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    const value = fromJs({ a: shared, b: shared, c: cyclic }) as PyDict;
    expect(value.get('a')).toBe(value.get('b'));
    const list = value.get('c') as unknown[];
    expect(list[0]).toBe(list);
  });

  it('gives the SDK plain objects with every key its own property', () => {
    const plain = toJs(new PyDict([['__proto__', 1], ['f', new PyFloat(2)], ['n', [new PyDict([['1', 2n]])]]])) as Record<string, unknown>;
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.keys(plain)).toEqual(['__proto__', 'f', 'n']);
    expect(Object.getOwnPropertyDescriptor(plain, '__proto__')?.value).toBe(1);
    expect(plain.f).toBe(2);
    expect(plain.n).toEqual([{ 1: 2n }]);
  });
});
