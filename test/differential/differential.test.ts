// Our binary against the captured behaviour of AWS CLI v1 for every case in
// cases.ts (see harness.ts for what is compared). DIFF_CAPTURE=1 (capture.sh)
// runs the real `aws` instead and rewrites fixtures/aws.json; DIFF_ONLY=regex
// limits a run to matching case names.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES } from './cases.js';
import { comparable, runCase, type Outcome } from './harness.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'aws.json');
const capture = process.env.DIFF_CAPTURE === '1';
const only = process.env.DIFF_ONLY === undefined ? undefined : new RegExp(process.env.DIFF_ONLY);
const reference: Record<string, Outcome> = existsSync(FIXTURE) ? (JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, Outcome>) : {};

const names = new Set<string>();
for (const c of CASES) {
  if (names.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
  names.add(c.name);
}

const selected = CASES.filter((c) => only === undefined || only.test(c.name));

if (capture) {
  afterAll(() => {
    const sorted = Object.fromEntries(Object.entries(reference).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(FIXTURE, `${JSON.stringify(sorted, null, 1)}\n`);
  });
}

for (const area of [...new Set(selected.map((c) => c.area))].sort((a, b) => a - b)) {
  describe(`area ${area}`, () => {
    for (const c of selected.filter((x) => x.area === area)) {
      if (capture) {
        it(`captures ${c.name}`, async () => {
          reference[c.name] = await runCase(c, 'aws');
        });
        continue;
      }
      it(c.name, async () => {
        const ref = reference[c.name];
        expect(ref, `no capture for ${c.name}: run test/differential/capture.sh`).toBeDefined();
        const ours = await runCase(c, 'ours');
        expect(comparable(ours, ref!)).toEqual(comparable(ref!, ref!));
      });
    }
  });
}
