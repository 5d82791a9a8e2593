// --cli-error-format: the {Code, Message} shapes of AWS CLI v2 2.34+, with
// v1's exit codes; legacy (the default) keeps v1's text.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorResponse, startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome, runMain } from '../support/run-main.js';

const DRY = 'Request would have succeeded, but DryRun flag is set.';
let ec2: Ec2Endpoint;
let home: string;
beforeEach(async () => {
  ec2 = await startEc2Endpoint();
  ec2.respondWith(() => errorResponse(412, 'DryRunOperation', DRY));
  home = isolatedHome();
});
afterEach(async () => {
  await ec2.close();
});

const ARGS = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--dry-run'];

async function run(extra: string[], env: Record<string, string> = {}) {
  return runMain([...ARGS, '--endpoint-url', ec2.url, ...extra], isolatedEnv(home, env));
}

describe('--cli-error-format', () => {
  it.each([
    [[], `\nAn error occurred (DryRunOperation) when calling the CopySnapshot operation: ${DRY}\n`],
    [['--cli-error-format', 'legacy'], `\nAn error occurred (DryRunOperation) when calling the CopySnapshot operation: ${DRY}\n`],
    [['--cli-error-format', 'json'], `{\n    "Code": "DryRunOperation",\n    "Message": "${DRY}"\n}\n`],
    [['--cli-error-format', 'yaml'], `Code: DryRunOperation\nMessage: ${DRY}\n`],
    [['--cli-error-format', 'text'], `DryRunOperation\t${DRY}\n`],
  ])('%j', async (extra, stderr) => {
    expect(await run(extra)).toEqual({ code: 255, stdout: '', stderr });
  });

  it('draws a table titled error', async () => {
    const r = await run(['--cli-error-format', 'table']);
    expect(r.code).toBe(255);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([expect.stringMatching(/^-+$/), expect.stringMatching(/^\|\s+error\s+\|$/)]);
    expect(r.stderr).toContain('DryRunOperation');
  });

  it('reads AWS_CLI_ERROR_FORMAT, then cli_error_format in the profile', async () => {
    expect((await run([], { AWS_CLI_ERROR_FORMAT: 'text' })).stderr).toBe(`DryRunOperation\t${DRY}\n`);
    writeFileSync(join(home, 'config'), '[default]\ncli_error_format = yaml\n');
    expect((await run([])).stderr).toBe(`Code: DryRunOperation\nMessage: ${DRY}\n`);
    expect((await run(['--cli-error-format', 'legacy'])).stderr).toContain('An error occurred (DryRunOperation)');
  });

  it('shapes parameter and region errors too, and leaves argument errors alone', async () => {
    const validation = await runMain(
      ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--completion-duration-minutes', '0', '--cli-error-format', 'text'],
      isolatedEnv(home),
    );
    expect(validation).toEqual({
      code: 255,
      stdout: '',
      stderr: 'ParamValidation\tParameter validation failed:\nInvalid value for parameter CompletionDurationMinutes, value: 0, valid min value: 1\n',
    });
    const { AWS_DEFAULT_REGION: _, ...noRegion } = isolatedEnv(home);
    const region = await runMain([...ARGS, '--cli-error-format', 'json'], noRegion);
    expect(region.stderr).toContain('"Code": "NoRegion"');
    const usage = await runMain(['--cli-error-format', 'json'], isolatedEnv(home));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('error: the following arguments are required');
  });
});
