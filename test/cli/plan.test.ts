// planOperation(argv, io) decides everything up to the request and sends
// nothing: the parameters are asserted as a dict, the way aws-cli's own
// functional tests assert the params of a command line. execute(plan, io, deps)
// then finds the credentials before it reports what planning held back.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { execute } from '../../src/execute.js';
import { planOperation, PlanFailure, type Plan } from '../../src/plan.js';
import type { Io } from '../../src/cli.js';
import { isolatedEnv, isolatedHome, runMain } from '../support/run-main.js';
import { toJs } from '../../src/python/value.js';

const home = isolatedHome();

function captureIo(env: Record<string, string>): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    env,
    stdoutIsTty: false,
    terminalColumns: undefined,
    runtime: { nodeVersion: 'v20.0.0', os: 'Linux', osRelease: 'test' },
    writeStdout: (text) => void out.push(text),
    writeStderr: (text) => void err.push(text),
    out,
    err,
  };
}

async function plan(argv: string[], env: Record<string, string> = {}): Promise<Plan> {
  return planOperation(argv, captureIo(isolatedEnv(home, env)));
}

async function copyPlan(argv: string[], env: Record<string, string> = {}): Promise<Extract<Plan, { kind: 'copy' }>> {
  const planned = await plan(argv, env);
  if (planned.kind !== 'copy') throw new Error(`not a copy: ${planned.kind}`);
  return planned;
}

describe('planOperation', () => {
  it('gives the parameters as a dict, in the order v1 builds them, typed by the model', async () => {
    const planned = await copyPlan([
      '--description',
      'nightly',
      '--source-snapshot-id',
      'snap-1',
      '--source-region',
      'us-west-2',
      '--encrypted',
      '--tag-specifications',
      'ResourceType=snapshot,Tags=[{Key=team,Value=storage}]',
      '--completion-duration-minutes',
      '15',
    ]);
    expect(toJs(planned.params)).toEqual({
      Description: 'nightly',
      SourceSnapshotId: 'snap-1',
      SourceRegion: 'us-west-2',
      Encrypted: true,
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'team', Value: 'storage' }] }],
      CompletionDurationMinutes: 15,
    });
    expect([...planned.params.keys()]).toEqual(['Description', 'Encrypted', 'SourceRegion', 'SourceSnapshotId', 'TagSpecifications', 'CompletionDurationMinutes']);
    expect(planned.connection).toMatchObject({ region: 'us-east-1', sign: true });
    expect(planned.output).toMatchObject({ format: 'json', closedStdoutFails: false, terminal: false, terminalWidth: 80 });
    expect([planned.failure, planned.wait, planned.bulk, planned.sampleOutput]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('chooses the output, the wait and signing from the options', async () => {
    const planned = await copyPlan(
      ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--output', 'text', '--no-sign-request', '--wait', '--wait-timeout', '90s', '--region', 'eu-west-1'],
    );
    expect(planned.output).toMatchObject({ format: 'text', closedStdoutFails: true });
    expect(planned.wait).toEqual({ timeoutMs: 90_000 });
    expect(planned.connection).toMatchObject({ region: 'eu-west-1', sign: false });
  });

  it('plans the input skeleton as text to print, the output skeleton as a copy without a request', async () => {
    const input = await plan(['--generate-cli-skeleton']);
    expect(input).toMatchObject({ kind: 'print', closedStdoutFails: true });
    const output = await copyPlan(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--generate-cli-skeleton', 'output']);
    expect(output.sampleOutput).toBeDefined();
    expect(output.connection.sign).toBe(false);
  });

  it('plans --wait-for and help', async () => {
    expect(await plan(['--wait-for', 'snap-1', 'snap-2', '--wait-timeout', '0'])).toMatchObject({ kind: 'wait-for', snapshotIds: ['snap-1', 'snap-2'], timeoutMs: undefined });
    expect(await plan(['help'])).toMatchObject({ kind: 'help' });
  });

  it('holds a validation error back for execute (v1 finds the credentials first)', async () => {
    const planned = await copyPlan(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--completion-duration-minutes', '0']);
    expect(planned.failure).toBeInstanceOf(CliError);
    expect(String((planned.failure as CliError).message)).toContain('valid min value: 1');
    const io = captureIo(isolatedEnv(home));
    const noCredentials = new CliError('no-credentials', 'Unable to locate credentials.');
    await expect(execute(planned, io, { credentials: async () => Promise.reject(noCredentials) })).rejects.toBe(noCredentials);
    const sent: unknown[] = [];
    await expect(
      execute(planned, io, {
        credentials: async () => Object.assign(async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }), { prepare: async () => {} }),
        send: async (params) => void sent.push(params),
      }),
    ).rejects.toBe(planned.failure);
    expect(sent).toEqual([]);
  });

  it('fails as a PlanFailure that carries the error format asked for', async () => {
    const failure = await plan(['--color', 'blue', '--cli-error-format', 'json']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PlanFailure);
    expect((failure as PlanFailure).errorFormat).toBe('json');
  });
});

describe('the error format, read once', () => {
  it("from the profile's cli_error_format when the global options do not parse", async () => {
    const profileHome = isolatedHome();
    writeFileSync(join(profileHome, 'config'), '[default]\ncli_error_format = text\n');
    const r = await runMain(['--color', 'blue'], isolatedEnv(profileHome));
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith('ParamValidation\targument --color: Invalid choice')).toBe(true);
  });

  it('from the command line when the config file cannot be read', async () => {
    const badHome = isolatedHome();
    writeFileSync(join(badHome, 'config'), '[default\ncli_error_format = text\n');
    const json = await runMain(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--cli-error-format', 'json'], isolatedEnv(badHome));
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toEqual({ Code: 'ConfigParseError', Message: `botocore.exceptions.ConfigParseError: Unable to parse config file: ${join(badHome, 'config')}` });
  });
});
