// src/python/json.ts: json.loads and json.dumps as Python 3.11.7 runs them.
// - jsonLoads: expected messages were captured with the Python the AWS CLI runs
//   on: `python3 -c 'import json; json.loads(<input>)'`, and the bulk table with
//   test/params/capture/capture.mjs (json.loads with and without
//   object_pairs_hook=OrderedDict, then repr()).
// - jsonDumps against awscli 1.45.11's JSONFormatter (json.dump(indent=4,
//   ensure_ascii=False)). Expected bytes: test/output/fixtures/json.json, written by
//   `python3 test/output/fixtures/gen_fixtures.py`, which runs JSONFormatter._format_response.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { JSON_MAX_DEPTH, PythonJsonError, jsonDumps, jsonLoads } from '../../src/python/json.js';
import { pyRepr } from '../../src/python/repr.js';
import { PyDict, PyFloat, isDict, isOrderedDict } from '../../src/python/value.js';
import { describeError, referenceCases } from '../params/fixtures.js';

function outcome(text: string, orderedDict: boolean): { repr?: string; valueerror?: string; general?: string } {
  try {
    return { repr: pyRepr(jsonLoads(text, { orderedDict })) };
  } catch (e) {
    return describeError(e);
  }
}

describe('jsonLoads: Python error messages', () => {
  it.each([
    ['[', 'Expecting value: line 1 column 2 (char 1)'],
    ['{', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['[1,', 'Expecting value: line 1 column 4 (char 3)'],
    ['{"a"', "Expecting ':' delimiter: line 1 column 5 (char 4)"],
    ['{"a":1', "Expecting ',' delimiter: line 1 column 7 (char 6)"],
    ['{"a":1,', 'Expecting property name enclosed in double quotes: line 1 column 8 (char 7)'],
    ['[1 2]', "Expecting ',' delimiter: line 1 column 4 (char 3)"],
    ['"abc', 'Unterminated string starting at: line 1 column 1 (char 0)'],
    ['"\\x"', 'Invalid \\escape: line 1 column 2 (char 1)'],
    ['"\\u12"', 'Invalid \\uXXXX escape: line 1 column 3 (char 2)'],
    ['"\\u1234', 'Invalid \\uXXXX escape: line 1 column 3 (char 2)'],
    ['"\\ud800\\u12"', 'Invalid \\uXXXX escape: line 1 column 9 (char 8)'],
    ['"a\x01"', 'Invalid control character at: line 1 column 3 (char 2)'],
    ['\ufeff[]', 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)'],
    ['-', 'Expecting value: line 1 column 1 (char 0)'],
    ['1.', 'Extra data: line 1 column 2 (char 1)'],
    [' [1] \n x', 'Extra data: line 2 column 2 (char 7)'],
    ['\n\n  x', 'Expecting value: line 3 column 3 (char 4)'],
    ['nan', 'Expecting value: line 1 column 1 (char 0)'],
    ['\x0b[]', 'Expecting value: line 1 column 1 (char 0)'],
    ['', 'Expecting value: line 1 column 1 (char 0)'],
    ['  ', 'Expecting value: line 1 column 3 (char 2)'],
    ['{"a":1,}', 'Expecting property name enclosed in double quotes: line 1 column 8 (char 7)'],
    ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
    ['[{"ResourceType": "snapshot",}]', 'Expecting property name enclosed in double quotes: line 1 column 30 (char 29)'],
    ['{"ResourceType": snapshot}', 'Expecting value: line 1 column 18 (char 17)'],
    ['1'.repeat(4301), 'Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit'],
  ])('%j', (text, message) => {
    expect(outcome(text, false)).toEqual({ valueerror: message });
  });

  it('counts positions in code points', () => {
    expect(outcome('["😀", x]', false)).toEqual({ valueerror: 'Expecting value: line 1 column 7 (char 6)' });
  });

  it('exposes msg and pos', () => {
    try {
      jsonLoads('{"a" 1}');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PythonJsonError);
      expect(e).toMatchObject({ msg: "Expecting ':' delimiter", pos: 5 });
    }
  });
});

describe('jsonLoads: values', () => {
  it('keeps ints, floats, big ints and the special floats apart', () => {
    const value = jsonLoads('[1, 1.0, -0, 1e5, 123456789012345678901234567890, NaN, -Infinity]') as unknown[];
    expect(value[0]).toBe(1);
    expect(value[1]).toEqual(new PyFloat(1));
    expect(value[2]).toBe(0);
    expect(value[3]).toEqual(new PyFloat(100000));
    expect(value[4]).toBe(123456789012345678901234567890n);
    expect(pyRepr(value)).toBe('[1, 1.0, 0, 100000.0, 123456789012345678901234567890, nan, -inf]');
  });

  it('keeps Python key order and lets the last duplicate win in the first place', () => {
    const value = jsonLoads('{"b":1,"1":2,"b":3,"__proto__":4,"constructor":5}') as PyDict;
    expect(value.keys()).toEqual(['b', '1', '__proto__', 'constructor']);
    expect(value.get('b')).toBe(3);
    expect(value.get('__proto__')).toBe(4);
    expect(pyRepr(value)).toBe("{'b': 3, '1': 2, '__proto__': 4, 'constructor': 5}");
    expect(jsonDumps(value)).toBe('{"b": 3, "1": 2, "__proto__": 4, "constructor": 5}');
  });

  it('marks OrderedDicts when asked', () => {
    const value = jsonLoads('[{"a":{}}]', { orderedDict: true }) as PyDict[];
    expect(isOrderedDict(value[0])).toBe(true);
    expect(pyRepr(value)).toBe("[OrderedDict([('a', OrderedDict())])]");
  });

  it('stops at the nesting depth measured on aws 1.45.11', () => {
    const nested = (n: number): string => '['.repeat(n) + ']'.repeat(n);
    expect(() => jsonLoads(nested(JSON_MAX_DEPTH.listOption), { maxDepth: JSON_MAX_DEPTH.listOption })).not.toThrow();
    expect(() => jsonLoads(nested(JSON_MAX_DEPTH.listOption + 1), { maxDepth: JSON_MAX_DEPTH.listOption })).toThrow(
      new CliError('general', 'maximum recursion depth exceeded while decoding a JSON array from a unicode string'),
    );
    expect(() => jsonLoads('{"a":'.repeat(983) + '1' + '}'.repeat(983))).toThrow(
      'maximum recursion depth exceeded while decoding a JSON object from a unicode string',
    );
  });
});

describe('jsonLoads: matches Python json.loads (fixtures/reference.json)', () => {
  it.each(referenceCases('json').map((c) => [c.input, c.expected] as const))('OrderedDict %j', (text, expected) => {
    expect(outcome(text, true)).toEqual(expected);
  });
  it.each(referenceCases('jsonplain').map((c) => [c.input, c.expected] as const))('dict %j', (text, expected) => {
    expect(outcome(text, false)).toEqual(expected);
  });
});

describe('jsonLoads: properties', () => {
  const jsonish = fc.constantFrom(
    '{', '}', '[', ']', ',', ':', '"', '"a"', '1', '-', '0', '.', 'e', '+', ' ', '\n', '\\', 'u', 'd8', 'null', 'true', 'NaN', '-Infinity', 'é', '😀', '\x01',
  );

  it('either returns a value or throws PythonJsonError (10,000 generated inputs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: jsonish, maxLength: 25 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.json()), (text) => {
        try {
          jsonLoads(text);
        } catch (e) {
          if (!(e instanceof PythonJsonError)) throw e;
          expect(e.message).toMatch(/: line \d+ column \d+ \(char \d+\)$|^Exceeds the limit/);
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('agrees with JSON.parse on standard JSON (ints, strings, nesting)', () => {
    const plain = (v: unknown): unknown => {
      if (v instanceof PyFloat) return v.value;
      if (typeof v === 'bigint') return Number(v);
      if (Array.isArray(v)) return v.map(plain);
      if (v instanceof PyDict) return Object.fromEntries(v.entries().map(([k, item]) => [k, plain(item)]));
      return v;
    };
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(plain(jsonLoads(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 2_000 },
    );
  });
});

interface Case {
  name: string;
  data: string;
  out: string;
}
const cases = JSON.parse(readFileSync(new URL('../output/fixtures/json.json', import.meta.url), 'utf8')) as Case[];

// What v1's JSONFormatter prints: nothing for {}, else the dump and a newline.
const formatJsonV1 = (v: unknown): string => (isDict(v) && v.size === 0 ? '' : `${jsonDumps(v, { indent: 4, ensureAscii: false })}\n`);

describe('jsonDumps matches awscli v1 json output', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expect(formatJsonV1(jsonLoads(c.data))).toBe(c.out);
  });
});

// Python's json.loads on the same text (values checked through repr; errors by message).
describe('jsonLoads is json.loads', () => {
  it.each([
    ['1', '1'],
    ['1.0', '1.0'],
    ['-0', '0'],
    ['-0.0', '-0.0'],
    ['1E400', 'inf'],
    [' [1, {"a": null}] ', "[1, {'a': None}]"],
    ['"\\ud83d\\ude00"', "'😀'"],
    ['{"b": 1, "a": 2, "b": 3}', "{'b': 3, 'a': 2}"],
  ])('%s', (text, repr) => {
    expect(pyRepr(jsonLoads(text))).toBe(repr);
  });
  it.each([
    ['', 'Expecting value: line 1 column 1 (char 0)'],
    ['01', 'Extra data: line 1 column 2 (char 1)'],
    ['[1,', 'Expecting value: line 1 column 4 (char 3)'],
    ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
    ['{a}', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['"\\q"', 'Invalid \\escape: line 1 column 2 (char 1)'],
    ['"a', 'Unterminated string starting at: line 1 column 1 (char 0)'],
    ['[1 2]', "Expecting ',' delimiter: line 1 column 4 (char 3)"],
    ['"\t"', 'Invalid control character at: line 1 column 2 (char 1)'],
  ])('%j fails', (text, message) => {
    let thrown: unknown;
    try {
      jsonLoads(text);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PythonJsonError);
    expect((thrown as Error).message).toBe(message);
  });
});
