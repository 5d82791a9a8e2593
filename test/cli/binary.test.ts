// The built binary, spawned as a user would run it. Expected bytes for the
// argparse and unknown-option cases follow AWS CLI v1 with our program name
// and usage block (decisions 2-3).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageInfo from '../../package.json' with { type: 'json' };
import { tempDir } from '../support/temp-dir.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'copy-snapshot');
const empty = tempDir('cs-bin-');
writeFileSync(join(empty, 'config'), '');

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(BIN, args, {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: empty,
      AWS_CONFIG_FILE: join(empty, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(empty, 'config'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const USAGE = 'usage: copy-snapshot [options]\nTo see help text, you can run:\n\n  copy-snapshot help\n';

describe('copy-snapshot binary', () => {
  it('prints its version on stdout, even with other arguments', () => {
    const r = run(['--source-region', 'x', '--version']);
    expect(r.stdout).toMatch(new RegExp(`^copy-snapshot/${packageInfo.version.replace(/\./g, '\\.')} Node\\.js/\\d+\\.\\d+\\.\\d+ \\S+/\\S+\\n$`));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('prints the input skeleton with the first ResourceType', () => {
    const r = run(['--generate-cli-skeleton']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`{
    "Description": "",
    "DestinationOutpostArn": "",
    "DestinationRegion": "",
    "Encrypted": true,
    "KmsKeyId": "",
    "PresignedUrl": "",
    "SourceRegion": "",
    "SourceSnapshotId": "",
    "TagSpecifications": [
        {
            "ResourceType": "capacity-reservation",
            "Tags": [
                {
                    "Key": "",
                    "Value": ""
                }
            ]
        }
    ],
    "CompletionDurationMinutes": 0,
    "DestinationAvailabilityZone": "",
    "DryRun": true
}
`);
  });

  it('reports missing required arguments with rc 2', () => {
    const r = run([]);
    expect(r).toEqual({
      stdout: '',
      stderr: `${USAGE}copy-snapshot: error: the following arguments are required: --source-region, --source-snapshot-id\n`,
      status: 2,
    });
  });

  it('reports unknown options with rc 255', () => {
    const r = run(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--frobnicate', 'yes']);
    expect(r).toEqual({ stdout: '', stderr: `${USAGE}\nUnknown options: --frobnicate, yes\n`, status: 255 });
  });

  it('rejects an --endpoint-url without a scheme before anything else', () => {
    const r = run(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--endpoint-url', 'foo']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        '\nBad value for --endpoint-url "foo": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/\n',
      status: 255,
    });
  });

  it('says there is no Region, with no leading newline', () => {
    const r = run(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1'], {
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    expect(r).toEqual({
      stdout: '',
      stderr: 'You must specify a region. You can also configure your region by running "aws configure".\n',
      status: 255,
    });
  });

  it('names a missing profile', () => {
    const r = run(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--profile', 'nope', '--region', 'us-east-1']);
    expect(r).toEqual({ stdout: '', stderr: '\nThe config profile (nope) could not be found\n', status: 255 });
  });

  it('prints a connection failure as v1 does', () => {
    const r = run(
      ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1'],
      { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: '1' },
    );
    expect(r).toEqual({ stdout: '', stderr: '\nCould not connect to the endpoint URL: "http://127.0.0.1:9/"\n', status: 255 });
  });

  it('converts the integer option as Python int() does', () => {
    const r = run(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--completion-duration-minutes', '1.5']);
    expect(r).toEqual({ stdout: '', stderr: "\ninvalid literal for int() with base 10: '1.5'\n", status: 255 });
  });
});
