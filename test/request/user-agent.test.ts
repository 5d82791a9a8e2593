// Every request says who sent it: `copy-snapshot/<version>` at the end of the
// SDK's User-Agent (as the AWS CLI appends aws-cli/<version>), so that copies
// made by copy-snapshot can be told apart in CloudTrail; --debug shows it.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import packageInfo from '../../package.json' with { type: 'json' };
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { inHours, startSsoPortal, writeTokenCache } from '../support/sso-portal.js';
import { startStsEndpoint } from '../support/sts-endpoint.js';
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

describe('User-Agent of the credential providers\' own calls', () => {
  it('is copy-snapshot/<version> on the STS call of an assumed role and on the SSO portal call', async () => {
    const [sts, portal] = await Promise.all([startStsEndpoint(), startSsoPortal()]);
    try {
      writeFileSync(
        join(home, 'config'),
        '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = keys\n' +
          '[profile sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-west-2\nsso_account_id = 123456789012\nsso_role_name = Admin\n',
      );
      writeFileSync(join(home, 'credentials'), '[keys]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = s\n');
      writeTokenCache(home, 'https://example.awsapps.com/start', { accessToken: 't', expiresAt: inHours(8) });
      // No keys in the environment: the profiles find them.
      const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...base } = isolatedEnv(home);
      const env = { ...base, AWS_ENDPOINT_URL_STS: sts.url, AWS_ENDPOINT_URL_SSO: portal.url };
      for (const profile of ['role', 'sso']) {
        const r = await runMain([...COPY, '--profile', profile, '--endpoint-url', ec2.url], env);
        expect([r.code, r.stderr]).toEqual([0, '']);
      }
      expect(sts.requests.map((request) => request.headers['user-agent'])).toEqual([SUFFIX]);
      expect(portal.requests.map((request) => request.headers['user-agent'])).toEqual([SUFFIX]);
    } finally {
      await Promise.all([sts.close(), portal.close()]);
    }
  });
});
