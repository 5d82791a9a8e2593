// pyJsonDumps against awscli 1.45.11's JSONFormatter (json.dump(indent=4, ensure_ascii=False)).
// Expected bytes: test/output/fixtures/json.json, written by
// `python3 test/output/fixtures/gen_fixtures.py`, which runs JSONFormatter._format_response.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PyJsonError, pyJsonDumps, pyJsonLoads } from '../../src/output/pyjson.js';
import { dictKeys, isDict, pyRepr } from '../../src/output/pyvalue.js';

interface Case {
  name: string;
  data: string;
  out: string;
}
const cases = JSON.parse(readFileSync(new URL('./fixtures/json.json', import.meta.url), 'utf8')) as Case[];

// What v1's JSONFormatter prints: nothing for {}, else the dump and a newline.
const formatJsonV1 = (v: unknown): string => (isDict(v) && dictKeys(v).length === 0 ? '' : `${pyJsonDumps(v, 4)}\n`);

describe('pyJsonDumps matches awscli v1 json output', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expect(formatJsonV1(pyJsonLoads(c.data))).toBe(c.out);
  });
});

// Python's json.loads on the same text (values checked through repr; errors by message).
describe('pyJsonLoads is json.loads', () => {
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
    expect(pyRepr(pyJsonLoads(text))).toBe(repr);
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
      pyJsonLoads(text);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PyJsonError);
    expect((thrown as Error).message).toBe(message);
  });
});
