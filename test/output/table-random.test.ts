// Property test of --output table: 600 seeded random values (objects, lists of
// objects with other items mixed in, empty strings/lists/objects beside
// others, wide characters, long values; widths 80 and 40; colour on and off)
// through awscli 1.45.11's own TableFormatter, captured by
// test/output/fixtures/gen_table_random.py into table-random.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatterError } from '../../src/output/formatter-error.js';
import { formatTable } from '../../src/output/table.js';
import { jsonLoads } from '../../src/python/json.js';

interface Case {
  name: string;
  data: string;
  width: number;
  color: boolean;
  out: string;
  error?: string;
}
const cases = JSON.parse(readFileSync(new URL('./fixtures/table-random.json', import.meta.url), 'utf8')) as Case[];

function run(c: Case): Case {
  const base = { name: c.name, data: c.data, width: c.width, color: c.color };
  try {
    return { ...base, out: formatTable(jsonLoads(c.data), { title: 'CopySnapshot', terminalWidth: c.width, color: c.color }) };
  } catch (e) {
    if (!(e instanceof FormatterError)) throw e;
    return { ...base, error: e.message, out: e.partialOutput };
  }
}

describe('formatTable matches awscli v1 on random values', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    expect(run(c)).toEqual(c);
  });
});
