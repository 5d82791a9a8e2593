// --output text against awscli 1.45.11's awscli/text.py.
// Expected bytes: test/output/fixtures/text.json, written by
// `python3 test/output/fixtures/gen_fixtures.py`, which runs awscli.text.format_text
// on each case's data (a Python exception gives `error` = str(e) plus what had
// already been written, `partial`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatterError } from '../../src/output/formatter-error.js';
import { formatText } from '../../src/output/text.js';
import { jsonLoads } from '../../src/python/json.js';

interface Case {
  name: string;
  data: string;
  out?: string;
  error?: string;
  partial?: string;
}
const cases = JSON.parse(readFileSync(new URL('./fixtures/text.json', import.meta.url), 'utf8')) as Case[];

function run(c: Case): Case {
  try {
    return { name: c.name, data: c.data, out: formatText(jsonLoads(c.data)) };
  } catch (e) {
    if (!(e instanceof FormatterError)) throw e;
    return { name: c.name, data: c.data, error: e.message, partial: e.partialOutput };
  }
}

describe('formatText matches awscli v1', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(run(c)).toEqual(c);
  });
});

// Captured from the real `aws ec2 copy-snapshot ... --output text` against moto_server.
describe('formatText: samples from aws itself', () => {
  it.each([
    ['response', { Tags: [{ Key: 'k', Value: 'v' }], SnapshotId: 'snap-1' }, 'snap-1\nTAGS\tk\tv\n'],
    ['--query SnapshotId', 'snap-1', 'snap-1\n'],
    ['--query Foo', null, 'None\n'],
    ['--query Tags', [{ Key: 'k', Value: 'v' }], 'k\tv\n'],
    ["--query Tags[?Key=='zz']", [], ''],
    ['--query `{}`', {}, ''],
    ["--query contains(SnapshotId,'snap')", true, 'True\n'],
    ['--query [SnapshotId,Tags[0].Key]', ['snap-1', 'k'], 'snap-1\tk\n'],
  ] as const)('%s', (_name, value, expected) => {
    expect(formatText(value)).toBe(expected);
  });
});
