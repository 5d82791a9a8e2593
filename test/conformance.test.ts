// The shared differential suite: every public case must pass, except those
// listed below with the issue that owns them. Skipped, loudly, on machines
// without aws, moto_server or ../shared.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'conformance.sh');

/** Cases that still differ from aws, and the issue that will close each. */
const KNOWN_GAPS: Record<string, string> = {};

describe('conformance against aws v1 and moto_server', () => {
  const run = spawnSync('bash', [SCRIPT], { encoding: 'utf8', timeout: 14 * 60_000 });
  const output = `${run.stdout}${run.stderr}`;
  const skipped = /^conformance: skipped \((.*)\)$/m.exec(output);

  if (skipped) {
    it.skip(`skipped: ${skipped[1]}`, () => {});
    console.warn(`conformance suite SKIPPED: ${skipped[1]}`);
    return;
  }

  it('ran to its summary line', () => {
    expect(output).toMatch(/^conformance: \d+ passed, \d+ failed, \d+ skipped$/m);
  });

  const failed = [...output.matchAll(/^FAIL (\S+)/gm)].map((m) => m[1]!);
  const passed = [...output.matchAll(/^PASS (\S+)/gm)].map((m) => m[1]!);

  it('has no failing case outside the known gaps', () => {
    const unexpected = failed.filter((name) => !(name in KNOWN_GAPS));
    expect(unexpected, output).toEqual([]);
  });

  it('lists no known gap that already passes', () => {
    expect(passed.filter((name) => name in KNOWN_GAPS)).toEqual([]);
  });
});
