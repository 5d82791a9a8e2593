// --cli-error-format: the {Code, Message} shapes of AWS CLI v2 2.34+, with
// v1's exit codes; legacy (the default) keeps v1's text.
import { rmSync, writeFileSync } from 'node:fs';
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
  rmSync(home, { recursive: true, force: true });
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

  it('shapes parameter and region errors too', async () => {
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
    expect(region.stderr).toBe(
      '{\n    "Code": "NoRegion",\n    "Message": "You must specify a region. You can also configure your region by running \\"aws configure\\"."\n}\n',
    );
  });

  it.each([
    [[], 2, 'the following arguments are required: --source-region, --source-snapshot-id'],
    [['--output', 'xml', ...ARGS], 2, "argument --output: Invalid choice, valid choices are:\n\njson                                     | text                                    \ntable                                   "],
    [[...ARGS, '--bogus'], 255, 'Unknown options: --bogus'],
    [[...ARGS, '--wait-timeout', '2d'], 2, "argument --wait-timeout: invalid duration: '2d' (seconds, or a whole number followed by s, m, h: 90, 90s, 15m, 2h; 0 for no limit)"],
  ])('shapes argument errors as AWS CLI v2 does (ParamValidation), keeping the exit code: %j', async (args, code, message) => {
    const r = await runMain([...args, '--cli-error-format', 'yaml'], isolatedEnv(home));
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    const { parse } = await import('yaml');
    expect(parse(r.stderr)).toEqual({ Code: 'ParamValidation', Message: message });
  });

  it('finds the format in the words when the global options themselves are wrong, and in the environment', async () => {
    const r = await runMain(['--cli-error-format=text', '--color', 'blue'], isolatedEnv(home));
    expect(r).toEqual({ code: 2, stdout: '', stderr: "ParamValidation\targument --color: Invalid choice, valid choices are:\n\non                                       | off                                     \nauto                                    \n" });
    const env = await runMain(['--color', 'blue'], isolatedEnv(home, { AWS_CLI_ERROR_FORMAT: 'json' }));
    expect(JSON.parse(env.stderr).Code).toBe('ParamValidation');
  });

  it('shapes connection errors with the name botocore gives them', async () => {
    const url = ec2.url;
    await ec2.close();
    const r = await runMain([...ARGS, '--endpoint-url', url, '--cli-error-format', 'json'], isolatedEnv(home, { AWS_MAX_ATTEMPTS: '1' }));
    expect(r).toEqual({
      code: 255,
      stdout: '',
      stderr: `{\n    "Code": "EndpointConnectionError",\n    "Message": "Could not connect to the endpoint URL: \\"${url}/\\""\n}\n`,
    });
    ec2 = await startEc2Endpoint();
  });

  it('shapes the ends of --wait: a failed copy, a timeout', async () => {
    ec2.respondWith(() => undefined);
    const copy = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--endpoint-url', ec2.url];
    ec2.setSnapshotStates([{ state: 'error', progress: '0%', stateMessage: 'Key disabled.' }]);
    const failed = await runMain([...copy, '--wait', '--cli-error-format', 'json'], isolatedEnv(home));
    expect(failed.code).toBe(255);
    expect(failed.stderr).toBe(
      'snap-0123456789abcdef0: error 0% (0s)\n{\n    "Code": "SnapshotCopyFailed",\n    "Message": "copy-snapshot: snap-0123456789abcdef0 failed: Key disabled."\n}\n',
    );
    ec2.setSnapshotStates([{ state: 'pending', progress: '10%' }]);
    const timeout = await runMain(['--wait-for', 'snap-7', '--wait-timeout', '1', '--endpoint-url', ec2.url, '--cli-error-format', 'text'], isolatedEnv(home));
    expect(timeout).toEqual({
      code: 255,
      stdout: '',
      stderr:
        'snap-7: pending 10% (0s)\nWaitTimeout\tcopy-snapshot: gave up waiting after 1s (--wait-timeout); the copy snap-7 is still running in EC2 (last seen: pending 10%)\n' +
        `copy-snapshot: to wait for it again: copy-snapshot --wait-for snap-7 --region us-east-1 --endpoint-url ${ec2.url}\n`,
    });
  });
});
