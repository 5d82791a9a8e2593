// Python values end to end through main() against the local endpoint (issue
// 16): dict order as the user wrote it (keys JavaScript would reorder
// included), and --debug printing what it logs through the Python-repr layer.
// v1 texts were checked with `aws ec2 copy-snapshot` (1.45.11).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome, runMain } from '../support/run-main.js';

let ec2: Ec2Endpoint;
let home: string;
beforeEach(async () => {
  ec2 = await startEc2Endpoint();
  home = isolatedHome();
});
afterEach(async () => {
  await ec2.close();
});

async function run(args: string[], extraEnv: Record<string, string> = {}) {
  return runMain([...args, '--endpoint-url', ec2.url], isolatedEnv(home, extraEnv));
}

const MEMBERS =
  'Description, DestinationOutpostArn, DestinationRegion, Encrypted, KmsKeyId, PresignedUrl, SourceRegion, SourceSnapshotId, TagSpecifications, CompletionDurationMinutes, DestinationAvailabilityZone, DryRun';

/** The form parameters a request sent, without the signed PresignedUrl (its signature changes with the second). */
function sentForm(index: number): Array<readonly [string, string]> {
  return ec2.requests[index]!.form.filter(([k]) => k !== 'PresignedUrl');
}

describe('dict order', () => {
  it('reports unknown --cli-input-json keys in input order, an integer-like key included', async () => {
    const r = await run(['--cli-input-json', '{"SourceRegion":"us-east-1","SourceSnapshotId":"snap-x","Zeta":1,"1":2}']);
    expect(r).toEqual({
      code: 255,
      stdout: '',
      stderr:
        '\nParameter validation failed:\n' +
        `Unknown parameter in input: "Zeta", must be one of: ${MEMBERS}\n` +
        `Unknown parameter in input: "1", must be one of: ${MEMBERS}\n`,
    });
    expect(ec2.requests).toHaveLength(0);
  });

  it('keeps __proto__ and constructor as ordinary keys, in order, nested too', async () => {
    const r = await run([
      '--cli-input-json',
      '{"constructor":1,"SourceRegion":"us-east-1","__proto__":{"x":1},"SourceSnapshotId":"snap-x","TagSpecifications":[{"2":1,"__proto__":2,"ResourceType":"snapshot"}]}',
    ]);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(
      '\nParameter validation failed:\n' +
        `Unknown parameter in input: "constructor", must be one of: ${MEMBERS}\n` +
        `Unknown parameter in input: "__proto__", must be one of: ${MEMBERS}\n` +
        'Unknown parameter in TagSpecifications[0]: "2", must be one of: ResourceType, Tags\n' +
        'Unknown parameter in TagSpecifications[0]: "__proto__", must be one of: ResourceType, Tags\n',
    );
  });

  it('reports unknown --cli-input-yaml keys in document order, an integer-like key included', async () => {
    const r = await run(['--cli-input-yaml', 'SourceRegion: us-east-1\nSourceSnapshotId: snap-x\nZeta: 1\n"1": 2\n']);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(
      '\nParameter validation failed:\n' +
        `Unknown parameter in input: "Zeta", must be one of: ${MEMBERS}\n` +
        `Unknown parameter in input: "1", must be one of: ${MEMBERS}\n`,
    );
  });

  it('takes a YAML !!timestamp as a datetime (read as UTC), shown as Python shows one', async () => {
    const r = await run(['--source-region', 'x', '--source-snapshot-id', 'y', '--cli-input-yaml', 'Description: [!!timestamp 2001-12-14t21:59:43.10-05:00]']);
    expect(r.stderr).toBe(
      '\nParameter validation failed:\n' +
        "Invalid type for parameter Description, value: [datetime.datetime(2001, 12, 15, 2, 59, 43, 100000)], type: <class 'list'>, valid types: <class 'str'>\n",
    );
    const single = await run(['--source-region', 'x', '--source-snapshot-id', 'y', '--cli-input-yaml', 'Description: !!timestamp 2001-12-14']);
    expect(single.stderr).toContain("value: 2001-12-14 00:00:00, type: <class 'datetime.datetime'>, valid types: <class 'str'>");
  });

  it('prints a --query multi-select hash in the order written', async () => {
    const r = await run(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--query', '{b: SnapshotId, "1": SnapshotId, __proto__: `1`}']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{\n    "b": "snap-0123456789abcdef0",\n    "1": "snap-0123456789abcdef0",\n    "__proto__": 1\n}\n');
  });

  it('reports a shorthand structure with an integer-like key in the order written', async () => {
    const r = await run(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--tag-specifications', 'ResourceType=snapshot,9=x,Tags=[{Key=a,Value=b,0=c}]']);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(
      '\nParameter validation failed:\n' +
        'Unknown parameter in TagSpecifications[0]: "9", must be one of: ResourceType, Tags\n' +
        'Unknown parameter in TagSpecifications[0].Tags[0]: "0", must be one of: Key, Value\n',
    );
  });
});

describe('--debug', () => {
  it('logs an int beyond 2^53 and goes on to the network as without --debug', async () => {
    const args = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--completion-duration-minutes', '99999999999999999999'];
    const plain = await run(args);
    const debug = await run([...args, '--debug']);
    expect(ec2.requests).toHaveLength(2);
    expect(plain.code).toBe(0);
    expect(debug.code).toBe(plain.code);
    expect(debug.stdout).toBe(plain.stdout);
    expect(sentForm(1)).toEqual(sentForm(0));
    expect(sentForm(0)).toContainEqual(['CompletionDurationMinutes', '99999999999999999999']);
    expect(debug.stderr).toContain("'CompletionDurationMinutes': 99999999999999999999");
    expect(debug.stderr).not.toContain('BigInt');
  });
});
