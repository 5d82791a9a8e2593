// --output table against awscli 1.45.11's TableFormatter/MultiTable.
// Expected bytes: test/output/fixtures/table.json, written by
// `python3 test/output/fixtures/gen_fixtures.py`, which runs awscli's TableFormatter
// (title CopySnapshot) on each case's data with the terminal width patched in, and for
// colour with colorama wrapping stdout exactly as `--color on` does (autoreset).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatterError } from '../../src/output/formatter-error.js';
import { formatTable, roundHalfEven } from '../../src/output/table.js';
import { jsonLoads } from '../../src/python/json.js';

interface Case {
  name: string;
  data: string;
  width: number;
  color: boolean;
  out: string;
  error?: string;
}
const cases = JSON.parse(readFileSync(new URL('./fixtures/table.json', import.meta.url), 'utf8')) as Case[];

function run(c: Case): Case {
  const base = { name: c.name, data: c.data, width: c.width, color: c.color };
  try {
    return { ...base, out: formatTable(jsonLoads(c.data), { title: 'CopySnapshot', terminalWidth: c.width, color: c.color }) };
  } catch (e) {
    if (!(e instanceof FormatterError)) throw e;
    return { ...base, error: e.message, out: e.partialOutput };
  }
}

describe('formatTable matches awscli v1', () => {
  it.each(cases.map((c) => [`${c.name} width=${c.width}${c.color ? ' color' : ''}`, c] as const))('%s', (_n, c) => {
    expect(run(c)).toEqual(c);
  });
});

// Property test: 600 seeded random values (objects, lists of objects with other
// items mixed in, empty strings/lists/objects beside others, wide characters,
// long values; widths 80 and 40; colour on and off) through awscli's own
// TableFormatter, captured by test/output/fixtures/gen_table_random.py.
const randomCases = JSON.parse(readFileSync(new URL('./fixtures/table-random.json', import.meta.url), 'utf8')) as Case[];

describe('formatTable matches awscli v1 on random values', () => {
  it.each(randomCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expect(run(c)).toEqual(c);
  });
});

describe('roundHalfEven is Python round()', () => {
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [2.4999, 2],
    [2.5001, 3],
    [-0.5, 0],
    [-1.5, -2],
    [7, 7],
  ])('round(%d) = %d', (x, expected) => {
    expect(roundHalfEven(x)).toBe(expected);
  });
});
