// Bulk copies (issue 17) end to end on the simulated EC2 of the stand-in:
// Regions told apart by the signing Region, EC2's concurrent-copy limit,
// copies that take a second or so, tags and the filters used.
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint, type SeedSnapshot, type SimulatedEc2Options } from '../support/ec2-endpoint.js';
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

describe('resumable', () => {
  it('after a kill -9 mid-run, a rerun leaves exactly one copy per source', async () => {
    const endpoint = await world({ limit: 3, copyDurationMs: 1500 });
    const args = ['--source-region', SOURCE, '--source-snapshot-ids', ...ids(12), '--endpoint-url', endpoint.url, '--region', DEST];
    const processEnv = cliEnv({ dir: home, configFile: join(home, 'config'), credentialsFile: join(home, 'credentials') }, {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      COPY_SNAPSHOT_POLL_MS: '100',
    });
    const child = spawn(BIN, args, { env: processEnv, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill it once four copies were accepted (one batch done, the next under way).
    while (endpoint.snapshots(DEST).length < 4) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await exited;
    const copiedBefore = endpoint.snapshots(DEST).map((s) => s.copyOf!.snapshotId);
    expect(copiedBefore.length).toBeLessThan(12);
    const requestsBefore = endpoint.requests.length;

    const rerun = await run(['--source-snapshot-ids', ...ids(12), '--wait']);
    expect(rerun.code).toBe(0);
    const made = copiesBySource(endpoint);
    expect(made.size).toBe(12);
    for (const copies of made.values()) expect(copies).toHaveLength(1);
    const result = JSON.parse(rerun.stdout) as { Copies: { SourceSnapshotId: string; SnapshotId: string; State: string }[] };
    expect(result.Copies.map((c) => [c.SourceSnapshotId, c.SnapshotId, c.State])).toEqual(
      ids(12).map((id) => [id, made.get(`${SOURCE}/${id}`)![0], 'completed']),
    );
    // The rerun copied only what the killed run had not.
    const recopied = endpoint.requests.slice(requestsBefore).filter((q) => q.action === 'CopySnapshot').map((q) => q.form.find(([k]) => k === 'SourceSnapshotId')![1]);
    expect(recopied.filter((id) => copiedBefore.includes(id))).toEqual([]);
    expect(endpoint.snapshots(DEST)).toHaveLength(12);
  });
});

describe('Ctrl-C, SIGTERM, SIGHUP', () => {
  it.each([
    ['SIGINT', 130, '\n'],
    ['SIGTERM', 143, ''],
    ['SIGHUP', 129, ''],
  ] as const)('%s stops, names the copies that go on in EC2 and how many were not started, exit %i', async (signalName, exitCode, out) => {
    const endpoint = await world({ limit: 2, copyDurationMs: 3000 });
    const args = ['--source-region', SOURCE, '--source-snapshot-ids', ...ids(5), '--wait', '--endpoint-url', endpoint.url, '--region', DEST];
    const child = spawn(BIN, args, { env: cliEnv({ dir: home, configFile: join(home, 'config'), credentialsFile: join(home, 'credentials') }, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Once it polls for both copies, it holds both as in flight.
    const pollsBoth = () => endpoint.requests.some((q) => q.action === 'DescribeSnapshots' && q.form.some(([k]) => k === 'SnapshotId.2'));
    while (!pollsBoth()) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill(signalName);
    const code = await exited;
    const [a, b] = endpoint.snapshots(DEST).map((s) => s.id);
    expect(code).toBe(exitCode);
    // Only Ctrl-C prints v1's newline on stdout.
    expect(stdout).toBe(out);
    expect(stderr.split('\n').at(-2)).toBe(
      `copy-snapshot: stopped; these copies continue in EC2: ${a} (from ${ids(5)[0]}), ${b} (from ${ids(5)[1]}); 3 not started (run the same command again to resume)`,
    );
    expect(endpoint.snapshots(DEST)).toHaveLength(2);
  });
});

describe('--source-filters and --copy-tags', () => {
  const tagged: SeedSnapshot[] = [
    { id: 'snap-0000000000000000a', tags: { backup: 'daily', Name: 'web', 'aws:backup:source-resource': 'x' } },
    { id: 'snap-0000000000000000b', tags: { backup: 'weekly', Name: 'db' } },
    { id: 'snap-0000000000000000c', tags: { backup: 'daily', Name: 'logs', team: 'ops' } },
    { id: 'snap-0000000000000000d', tags: { backup: 'daily' }, ownerId: '999999999999' },
  ];

  it('copies the selected snapshots you own with their tags (not aws: ones), explicit tags winning', async () => {
    const endpoint = await world({ sources: tagged });
    const r = await run([
      '--source-filters', 'Name=tag:backup,Values=daily',
      '--copy-tags',
      '--tag-specifications', 'ResourceType=snapshot,Tags=[{Key=team,Value=dr},{Key=copied,Value=yes}]',
      '--query', 'Copies[].SourceSnapshotId', '--output', 'text',
    ]);
    expect(r).toEqual({ code: 0, stdout: 'snap-0000000000000000a\tsnap-0000000000000000c\n', stderr: '' });
    const copies = endpoint.snapshots(DEST);
    expect(copies.map((c) => c.tags)).toEqual([
      { backup: 'daily', Name: 'web', team: 'dr', copied: 'yes', 'copy-snapshot:source': `${SOURCE}/snap-0000000000000000a` },
      { backup: 'daily', Name: 'logs', team: 'dr', copied: 'yes', 'copy-snapshot:source': `${SOURCE}/snap-0000000000000000c` },
    ]);
    // The selection asked EC2 for your own snapshots with the filter as given.
    const listing = endpoint.requests.find((q) => q.action === 'DescribeSnapshots')!;
    expect(listing.form).toEqual(expect.arrayContaining([['Owner.1', 'self'], ['Filter.1.Name', 'tag:backup'], ['Filter.1.Value.1', 'daily']]));
  });

  it('takes the filters as JSON too', async () => {
    const endpoint = await world({ sources: tagged });
    const r = await run(['--source-filters', '[{"Name": "tag:Name", "Values": ["db", "logs"]}]', '--query', 'Copies[].SourceSnapshotId', '--output', 'text']);
    expect(r).toEqual({ code: 0, stdout: 'snap-0000000000000000b\tsnap-0000000000000000c\n', stderr: '' });
    expect(endpoint.snapshots(DEST).map((c) => c.tags)).toEqual([
      { 'copy-snapshot:source': `${SOURCE}/snap-0000000000000000b` },
      { 'copy-snapshot:source': `${SOURCE}/snap-0000000000000000c` },
    ]);
  });

  it('--copy-tags works for one --source-snapshot-id, with the usual output', async () => {
    const endpoint = await world({ sources: tagged });
    const r = await run(['--source-snapshot-id', 'snap-0000000000000000c', '--copy-tags']);
    const copy = endpoint.snapshots(DEST)[0]!;
    expect(r).toEqual({
      code: 0,
      stdout: `{\n    "Tags": [\n        {\n            "Key": "backup",\n            "Value": "daily"\n        },\n        {\n            "Key": "Name",\n            "Value": "logs"\n        },\n        {\n            "Key": "team",\n            "Value": "ops"\n        }\n    ],\n    "SnapshotId": "${copy.id}"\n}\n`,
      stderr: '',
    });
  });

  it('--copy-tags checks the parameters before it reads any tag (found by the fuzzer)', async () => {
    const endpoint = await world({ sources: tagged });
    const r = await run(['--source-snapshot-id', 'snap-0000000000000000c', '--copy-tags', '--cli-input-json', '{"TagSpecifications": {"a": 1}}']);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(
      "\nParameter validation failed:\nInvalid type for parameter TagSpecifications, value: {'a': 1}, type: <class 'dict'>, valid types: <class 'list'>, <class 'tuple'>\n",
    );
    expect(endpoint.requests).toEqual([]);
  });

  it('reads ids from file://, separated by any whitespace', async () => {
    const endpoint = await world({});
    const file = join(home, 'ids.txt');
    writeFileSync(file, `  ${ids(3).join('\n')}\t${ids(5)[4]}\n\n`);
    const r = await run(['--source-snapshot-ids', `file://${file}`, '--query', 'Copies[].SourceSnapshotId', '--output', 'text']);
    rmSync(file);
    expect(r).toEqual({ code: 0, stdout: `${[...ids(3), ids(5)[4]].join('\t')}\n`, stderr: '' });
    expect(endpoint.snapshots(DEST)).toHaveLength(4);
  });
});

describe('failures', () => {
  it('one failing copy: exit 255 with its message, the others completed', async () => {
    const endpoint = await world({ failingSources: { [ids(4)[2]!]: 'The snapshot copy failed: key not accessible.' } });
    const r = await run(['--source-snapshot-ids', ...ids(4), '--wait', '--query', 'Copies[].[SourceSnapshotId,State,StateMessage]', '--output', 'text']);
    const failed = endpoint.snapshots(DEST).find((s) => s.copyOf?.snapshotId === ids(4)[2])!;
    expect(r.code).toBe(255);
    expect(r.stdout).toBe(
      [
        `${ids(4)[0]}\tcompleted\tNone`,
        `${ids(4)[1]}\tcompleted\tNone`,
        `${ids(4)[2]}\terror\tThe snapshot copy failed: key not accessible.`,
        `${ids(4)[3]}\tcompleted\tNone`,
        '',
      ].join('\n'),
    );
    expect(r.stderr.split('\n').filter((l) => l.startsWith('copy-snapshot:'))).toEqual([
      `copy-snapshot: ${failed.id} (copy of ${ids(4)[2]}) failed: The snapshot copy failed: key not accessible.`,
    ]);
  });

  it.each([[[]], [['--copy-tags']]])('a source EC2 does not know fails alone, with the service error %j', async (extra) => {
    const endpoint = await world({});
    const r = await run(['--source-snapshot-ids', ids(1)[0]!, 'snap-missing', ...extra]);
    expect(endpoint.snapshots(DEST)).toHaveLength(1);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(
      "copy-snapshot: the copy of snap-missing failed: An error occurred (InvalidSnapshot.NotFound) when calling the CopySnapshot operation: The snapshot 'snap-missing' does not exist.\n",
    );
  });
});

describe('--wait-timeout', () => {
  it('gives up waiting, names the copies still running, exit 255, the result printed', async () => {
    const endpoint = await world({ copyDurationMs: 60_000 });
    const r = await run(['--source-snapshot-ids', ...ids(2), '--wait', '--wait-timeout', '1', '--query', 'Copies[].State', '--output', 'text']);
    const [a, b] = endpoint.snapshots(DEST).map((s) => s.id);
    expect(r.code).toBe(255);
    expect(r.stdout).toBe('pending\tpending\n');
    expect(r.stderr.split('\n').at(-2)).toBe(`copy-snapshot: gave up waiting after 1s (--wait-timeout); still running in EC2: ${a}, ${b}`);
  });
});

describe('--dry-run', () => {
  it('checks each copy with DryRun and copies nothing', async () => {
    const endpoint = await world({});
    const r = await run(['--source-snapshot-ids', ...ids(2), '--dry-run', '--query', 'Copies[].[SourceSnapshotId,State,StateMessage]', '--output', 'text']);
    const message = 'An error occurred (DryRunOperation) when calling the CopySnapshot operation: Request would have succeeded, but DryRun flag is set.';
    expect(r).toEqual({ code: 0, stdout: `${ids(2)[0]}\tdry-run\t${message}\n${ids(2)[1]}\tdry-run\t${message}\n`, stderr: '' });
    expect(copyRequests(endpoint).every((q) => q.form.some(([k, v]) => k === 'DryRun' && v === 'true'))).toBe(true);
    expect(endpoint.snapshots(DEST)).toHaveLength(0);
  });
});

describe('--wait progress', () => {
  it('on a pipe: one line per change, then the result', async () => {
    const endpoint = await world({ copyDurationMs: 300 });
    const r = await run(['--source-snapshot-ids', ...ids(2), '--wait', '--output', 'text']);
    expect(r.code).toBe(0);
    const [a, b] = endpoint.snapshots(DEST).map((s) => s.id);
    const lines = r.stderr.trimEnd().split('\n').map((l) => l.replace(/ \(\d+s\)$/, '').replace(/pending \d+%/, 'pending N%'));
    expect(lines[0]).toBe(`${ids(2)[0]} -> ${a}: pending`);
    expect(lines[1]).toBe(`${ids(2)[1]} -> ${b}: pending`);
    expect(lines.at(-1)).toMatch(new RegExp(`-> (${a}|${b}): completed 100%$`));
    expect(lines.filter((l) => l.endsWith('completed 100%'))).toHaveLength(2);
    // One DescribeSnapshots per poll names every copy in flight.
    const polls = endpoint.requests.filter((q) => q.action === 'DescribeSnapshots' && q.form.some(([k]) => k === 'SnapshotId.1'));
    expect(polls[0]!.form.filter(([k]) => k.startsWith('SnapshotId.')).map(([, v]) => v)).toEqual([a, b]);
  });
});

describe('bad input', () => {
  const usage = (message: string) => `usage: copy-snapshot [options]\nTo see help text, you can run:\n\n  copy-snapshot help\ncopy-snapshot: error: ${message}\n`;

  it.each([
    [['--source-snapshot-ids'], 'argument --source-snapshot-ids: expected at least one argument'],
    [['--source-snapshot-ids', 'snap-1', '--source-snapshot-id', 'snap-2'], 'argument --source-snapshot-ids: not allowed with argument --source-snapshot-id'],
    [['--source-snapshot-ids', 'snap-1', '--source-filters', 'Name=a,Values=b'], 'argument --source-filters: not allowed with argument --source-snapshot-ids'],
    [['--source-snapshot-ids', 'snap-1', '--max-in-flight', 'many'], "argument --max-in-flight: invalid int value: 'many'"],
    [['--source-snapshot-ids', 'snap-1', '--max-in-flight', '0'], 'argument --max-in-flight: must be at least 1, not 0'],
    [['--source-snapshot-id', 'snap-1', '--max-in-flight', '2'], 'argument --max-in-flight: only allowed with --source-snapshot-ids or --source-filters'],
  ])('%j: exit 2', async (args, message) => {
    await world({});
    expect(await run(args)).toEqual({ code: 2, stdout: '', stderr: usage(message) });
    expect(ec2!.requests).toHaveLength(0);
  });

  it('--source-region stays required', async () => {
    await world({});
    const r = await runMain(['--source-snapshot-ids', 'snap-1', '--endpoint-url', ec2!.url], env());
    expect(r).toEqual({ code: 2, stdout: '', stderr: usage('the following arguments are required: --source-region') });
  });

  it('a filter in bad syntax: the shorthand error, exit 255, nothing sent', async () => {
    await world({});
    const r = await run(['--source-filters', 'Name=tag:backup,Values=[daily']);
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/^\nError parsing parameter '--source-filters': Expected: ',', received: 'EOF' for input:\nName=tag:backup,Values=\[daily\n/);
    expect(ec2!.requests).toHaveLength(0);
  });

  it('an empty id file: exit 255, nothing sent', async () => {
    await world({});
    const file = join(home, 'empty.txt');
    writeFileSync(file, ' \n\t\n');
    const r = await run(['--source-snapshot-ids', `file://${file}`]);
    rmSync(file);
    expect(r).toEqual({ code: 255, stdout: '', stderr: `\nError parsing parameter '--source-snapshot-ids': file://${file} holds no snapshot ids\n` });
    expect(ec2!.requests).toHaveLength(0);
  });

  it('without any bulk option nothing changes: one CopySnapshot, no DescribeSnapshots', async () => {
    const endpoint = await world({});
    const r = await run(['--source-snapshot-id', ids(1)[0]!]);
    expect(r).toEqual({ code: 0, stdout: `{\n    "SnapshotId": "${endpoint.snapshots(DEST)[0]!.id}"\n}\n`, stderr: '' });
    expect(endpoint.requests.map((q) => q.action)).toEqual(['CopySnapshot']);
    expect(endpoint.requests[0]!.form.some(([k]) => k.startsWith('TagSpecification'))).toBe(false);
  });
});
