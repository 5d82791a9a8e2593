// Every request says who sent it: `copy-snapshot/<version>` at the end of the
// SDK's User-Agent (as the AWS CLI appends aws-cli/<version>), so that copies
// made by copy-snapshot can be told apart in CloudTrail; --debug shows it.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import packageInfo from '../../package.json' with { type: 'json' };
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome, runMain } from '../support/run-main.js';

const SUFFIX = `copy-snapshot/${packageInfo.version}`;
const COPY = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1'];

const home = isolatedHome();
afterAll(() => rmSync(home, { recursive: true, force: true }));
let ec2: Ec2Endpoint;
beforeEach(async () => {
  ec2 = await startEc2Endpoint();
});
afterEach(async () => {
  await ec2.close();
});

describe('User-Agent', () => {
  it('ends with copy-snapshot/<version> on CopySnapshot and on the DescribeSnapshots polls of --wait', async () => {
    const r = await runMain([...COPY, '--wait', '--endpoint-url', ec2.url], isolatedEnv(home));
    expect(r.code).toBe(0);
    expect(ec2.requests.map((request) => request.action)).toEqual(['CopySnapshot', 'DescribeSnapshots']);
    for (const request of ec2.requests) {
      expect(request.headers['user-agent']).toMatch(/^aws-sdk-js\/\S+ /);
      expect(request.headers['user-agent']!.endsWith(` ${SUFFIX}`)).toBe(true);
    }
  });

  it('is logged by --debug', async () => {
    const r = await runMain([...COPY, '--debug', '--endpoint-url', ec2.url], isolatedEnv(home));
    expect(r.code).toBe(0);
    const sent = r.stderr.split('\n').find((line) => line.includes('Sending http request:'));
    expect(sent).toMatch(new RegExp(`"user-agent":"aws-sdk-js/[^"]* ${SUFFIX.replace(/\./g, '\\.')}"`));
  });
});
