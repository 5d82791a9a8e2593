// Our wait options are additions only: every command line that uses them is
// one AWS CLI v1 (`aws ec2 copy-snapshot`, on PATH) rejects before sending
// anything, so none of them changes what a working v1 command does.
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { makeHome, runCli } from '../support/run-cli.js';

const HAS_AWS = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
const home = makeHome();
afterAll(() => rmSync(home.dir, { recursive: true, force: true }));
const COPY = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--region', 'us-east-1'];
// Nothing listens there: a request v1 tried to send would fail with a connection error instead.
const NOWHERE = ['--endpoint-url', 'http://127.0.0.1:9'];
const ENV = { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_MAX_ATTEMPTS: '1' };

describe.skipIf(!HAS_AWS)('AWS CLI v1 rejects every use of the wait options', () => {
  it.each([
    [[...COPY, '--wait'], 255, 'Unknown options: --wait'],
    [[...COPY, '--wait-timeout', '2h'], 255, 'Unknown options: --wait-timeout, 2h'],
    [[...COPY, '--wait-for', 'snap-2'], 255, 'Unknown options: --wait-for, snap-2'],
    [['--wait-for', 'snap-2', '--region', 'us-east-1'], 2, 'the following arguments are required: --source-region, --source-snapshot-id'],
  ])('%j', async (args, code, message) => {
    const v1 = await runCli([...args, ...NOWHERE], { home, env: ENV, command: ['aws', 'ec2', 'copy-snapshot'] });
    expect(v1.status).toBe(code);
    expect(v1.stdout).toBe('');
    expect(v1.stderr).toContain(message);
    expect(v1.stderr).not.toContain('Could not connect');
  });
});
