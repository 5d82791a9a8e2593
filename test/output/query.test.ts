// --query against Python jmespath 1.1.0 as the AWS CLI v1 (1.45.11) runs it.
// Expected values: test/output/fixtures/jmespath.json, written by
// `python3 test/output/fixtures/gen_fixtures.py`, which runs awscli's own
// `_resolve_query` (the "Bad value for --query" text) and `.search()` on each case.
// Results are compared through Python's repr(), so ints, floats, True/None and key
// order are all checked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { compileQuery } from '../../src/output/query.js';
import { jsonLoads } from '../../src/python/json.js';
import { pyRepr } from '../../src/python/repr.js';

interface Case {
  expr: string;
  data: string;
  repr?: string;
  compileError?: string;
  searchError?: string;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/jmespath.json', import.meta.url), 'utf8')) as {
  data: Record<string, string>;
  cases: Case[];
};

function run(c: Case): Case {
  const out: Case = { expr: c.expr, data: c.data };
  let q;
  try {
    q = compileQuery(c.expr);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    expect(e.kind).toBe('general');
    return { ...out, compileError: e.message };
  }
  try {
    return { ...out, repr: pyRepr(q.search(jsonLoads(fixture.data[c.data]!))) };
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    expect(e.kind).toBe('general');
    return { ...out, searchError: e.message };
  }
}

// Python prints an expression reference with its memory address; ours is made up.
const unaddress = (c: Case): Case => JSON.parse(JSON.stringify(c).replace(/ at 0x[0-9a-f]+>/g, ' at 0x?>')) as Case;

describe('compileQuery / search match Python jmespath', () => {
  it.each(fixture.cases.map((c) => [c.expr, c] as const))('%s', (_expr, c) => {
    expect(unaddress(run(c))).toEqual(unaddress(c));
  });
});
