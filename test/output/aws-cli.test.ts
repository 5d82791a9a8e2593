// The whole output path (--query, then text/table) against stdout/stderr of the real
// `aws ec2 copy-snapshot` (AWS CLI v1 1.45.11) run against moto_server:
// test/output/fixtures/aws-cli.json, written by test/output/fixtures/capture_aws.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatterError } from '../../src/output/formatter-error.js';
import { compileQuery } from '../../src/output/query.js';
import { formatTable } from '../../src/output/table.js';
import { formatText } from '../../src/output/text.js';

interface Case {
  format: 'table' | 'text';
  color: boolean;
  query: string;
  stdout: string;
  stderr: string;
  rc: number;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/aws-cli.json', import.meta.url), 'utf8')) as {
  tags: { Key: string; Value: string }[];
  cases: Case[];
};
const response = { Tags: fixture.tags, SnapshotId: 'snap-0a1b2c3d4e5f60718' };

function run(c: Case): { stdout: string; stderr: string; rc: number } {
  const value = compileQuery(c.query).search(response);
  try {
    const stdout =
      c.format === 'text'
        ? formatText(value)
        : formatTable(value, { title: 'CopySnapshot', terminalWidth: 80, color: c.color });
    return { stdout, stderr: '', rc: 0 };
  } catch (e) {
    if (!(e instanceof FormatterError)) throw e;
    return { stdout: e.partialOutput, stderr: `\n${e.message}\n`, rc: 255 };
  }
}

describe('output matches the real aws CLI', () => {
  it.each(fixture.cases.map((c) => [`${c.format}${c.color ? ' color' : ''} --query ${c.query}`, c] as const))(
    '%s',
    (_n, c) => {
      expect(run(c)).toEqual({ stdout: c.stdout, stderr: c.stderr, rc: c.rc });
    },
  );
});
