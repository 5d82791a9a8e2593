// Bulk copies (issue 17) end to end on the simulated EC2 of the stand-in:
// Regions told apart by the signing Region, EC2's concurrent-copy limit,
// copies that take a second or so, tags and the filters used.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint, type SimulatedEc2Options } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome, runMain } from '../support/run-main.js';
import { BIN, cliEnv } from '../support/run-cli.js';

const SOURCE = 'us-west-2';
const DEST = 'eu-west-1';
const home = isolatedHome();
afterAll(() => rmSync(home, { recursive: true, force: true }));
let ec2: Ec2Endpoint | undefined;
afterEach(async () => {
  await ec2?.close();
  ec2 = undefined;
});

const ids = (n: number) => Array.from({ length: n }, (_, i) => `snap-${String(i + 1).padStart(17, '0')}`);

async function world(options: Partial<SimulatedEc2Options> & { sources?: SimulatedEc2Options['regions'][string]['snapshots']; limit?: number }) {
  ec2 = await startEc2Endpoint({
    simulated: {
      copyDurationMs: 1000,
      ...options,
      regions: { [SOURCE]: { snapshots: options.sources ?? ids(12).map((id) => ({ id })) }, [DEST]: { copyLimit: options.limit } },
    },
  });
  return ec2;
}

const env = () => isolatedEnv(home, { AWS_DEFAULT_REGION: DEST, COPY_SNAPSHOT_POLL_MS: '100' });
const run = (args: readonly string[]) => runMain(['--source-region', SOURCE, ...args, '--endpoint-url', ec2!.url], env());

/** The copies in the destination, by source tag. */
function copiesBySource(endpoint: Ec2Endpoint): Map<string, string[]> {
  const bySource = new Map<string, string[]>();
  for (const s of endpoint.snapshots(DEST)) {
    const source = s.tags['copy-snapshot:source']!;
    bySource.set(source, [...(bySource.get(source) ?? []), s.id]);
  }
  return bySource;
}

const copyRequests = (endpoint: Ec2Endpoint) => endpoint.requests.filter((r) => r.action === 'CopySnapshot');

describe('bulk copies', () => {
  it('copies 12 snapshots with --max-in-flight 3, never more than 3 pending, and lists them in input order', async () => {
    const endpoint = await world({});
    const sources = ids(12).reverse();
    const r = await run(['--source-snapshot-ids', ...sources, '--max-in-flight', '3', '--query', 'Copies[].[SourceSnapshotId,SnapshotId,State]', '--output', 'text']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(endpoint.maxPending(DEST)).toBe(3);
    const made = copiesBySource(endpoint);
    expect([...made.keys()].sort()).toEqual(sources.map((id) => `${SOURCE}/${id}`).sort());
    for (const copies of made.values()) expect(copies).toHaveLength(1);
    const lines = r.stdout.trimEnd().split('\n').map((line) => line.split('\t'));
    expect(lines.map((l) => l[0])).toEqual(sources);
    expect(lines.map((l) => l[1])).toEqual(sources.map((id) => made.get(`${SOURCE}/${id}`)![0]));
    // Without --wait it ends once the last is accepted: the first nine had to complete to free its slot.
    expect(lines.slice(0, 9).map((l) => l[2])).toEqual(Array(9).fill('completed'));
    expect(lines[11]![2]).toBe('pending');
    // Every copy is signed for the destination and carries its source tag.
    for (const request of copyRequests(endpoint)) {
      expect(request.form).toContainEqual(['TagSpecification.1.ResourceType', 'snapshot']);
      expect(request.form).toContainEqual(['TagSpecification.1.Tag.1.Key', 'copy-snapshot:source']);
    }
  });

  it("adapts to EC2's own limit: ResourceLimitExceeded waits for a slot and is never an error", async () => {
    const endpoint = await world({ limit: 3 });
    const r = await run(['--source-snapshot-ids', ...ids(12), '--wait']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { Copies: { SourceSnapshotId: string; SnapshotId: string; State: string }[] };
    expect(result.Copies.map((c) => c.SourceSnapshotId)).toEqual(ids(12));
    expect(result.Copies.every((c) => c.State === 'completed')).toBe(true);
    expect(endpoint.maxPending(DEST)).toBe(3);
    expect([...copiesBySource(endpoint).values()].every((c) => c.length === 1)).toBe(true);
    expect(endpoint.snapshots(DEST)).toHaveLength(12);
    // The default limit is 5: EC2 refused the fourth once, then the limit went down to 3.
    const refused = copyRequests(endpoint).length - 12;
    expect(refused).toBe(1);
    expect(r.stderr).not.toMatch(/ResourceLimitExceeded/);
  });

  it('run again, copies nothing and lists the same 12', async () => {
    const endpoint = await world({ limit: 3 });
    const first = await run(['--source-snapshot-ids', ...ids(12), '--wait']);
    expect(first.code).toBe(0);
    const before = copyRequests(endpoint).length;
    const again = await run(['--source-snapshot-ids', ...ids(12)]);
    expect(again).toEqual({ code: 0, stdout: first.stdout, stderr: '' });
    expect(copyRequests(endpoint)).toHaveLength(before);
    expect(endpoint.snapshots(DEST)).toHaveLength(12);
  });
});
