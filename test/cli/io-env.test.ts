// The environment is io.env, never the test runner's (or any caller's) own:
// main() is given its whole outside world through io. The proxy variables, and
// the settings the SDK would otherwise look up in process.env and ~/.aws/config.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { startHttpProxy, type HttpProxy } from '../support/http-proxy.js';
import { isolatedEnv, isolatedHome, runMain } from '../support/run-main.js';

let ec2: Ec2Endpoint;
let proxy: HttpProxy;
let home: string;
beforeAll(async () => {
  [ec2, proxy] = await Promise.all([startEc2Endpoint(), startHttpProxy()]);
  home = isolatedHome();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([ec2.close(), proxy.close()]);
  rmSync(home, { recursive: true, force: true });
});

const COPY = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--query', 'SnapshotId', '--output', 'text'];

describe('proxy variables', () => {
  it('HTTP_PROXY given only in io.env carries the request', async () => {
    const before = proxy.requests.length;
    const r = await runMain([...COPY, '--endpoint-url', ec2.url], isolatedEnv(home, { HTTP_PROXY: proxy.url }));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(proxy.requests.slice(before).map((request) => [request.method, request.target])).toEqual([['POST', `${ec2.url}/`]]);
  });

  it("the caller's own HTTP_PROXY is not main()'s", async () => {
    vi.stubEnv('HTTP_PROXY', 'http://127.0.0.1:1');
    vi.stubEnv('http_proxy', 'http://127.0.0.1:1');
    try {
      const before = ec2.requests.length;
      const r = await runMain([...COPY, '--endpoint-url', ec2.url, '--cli-connect-timeout', '1'], isolatedEnv(home));
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(ec2.requests.length).toBe(before + 1);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("the SDK's own defaults", () => {
  it("take no app id from the caller's AWS_SDK_UA_APP_ID or the caller's ~/.aws/config", async () => {
    const callerHome = join(home, 'caller');
    mkdirSync(join(callerHome, '.aws'), { recursive: true });
    writeFileSync(join(callerHome, '.aws', 'config'), '[default]\nsdk_ua_app_id = from-callers-config\n');
    vi.stubEnv('HOME', callerHome);
    vi.stubEnv('AWS_CONFIG_FILE', join(callerHome, '.aws', 'config'));
    vi.stubEnv('AWS_SDK_UA_APP_ID', 'from-callers-env');
    try {
      const before = ec2.requests.length;
      const r = await runMain([...COPY, '--endpoint-url', ec2.url], isolatedEnv(home));
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(ec2.requests[before]?.headers['user-agent']).not.toMatch(/app\//);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('AWS_SDK_UA_APP_ID in io.env names the app in the User-Agent (as botocore: app/<id>)', async () => {
    const before = ec2.requests.length;
    const r = await runMain([...COPY, '--endpoint-url', ec2.url], isolatedEnv(home, { AWS_SDK_UA_APP_ID: 'my-app' }));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(ec2.requests[before]?.headers['user-agent']).toMatch(/ app\/my-app( |$)/);
  });

  it('sdk_ua_app_id of the profile in use names the app; an empty AWS_SDK_UA_APP_ID names none (as v1)', async () => {
    const profileHome = isolatedHome();
    writeFileSync(join(profileHome, 'config'), '[profile p]\nsdk_ua_app_id = from-profile\naws_access_key_id = a\naws_secret_access_key = b\n');
    const before = ec2.requests.length;
    const fromProfile = await runMain([...COPY, '--endpoint-url', ec2.url, '--profile', 'p'], isolatedEnv(profileHome));
    const emptied = await runMain([...COPY, '--endpoint-url', ec2.url, '--profile', 'p'], isolatedEnv(profileHome, { AWS_SDK_UA_APP_ID: '' }));
    expect([fromProfile.code, emptied.code]).toEqual([0, 0]);
    const agents = ec2.requests.slice(before).map((request) => request.headers['user-agent']);
    expect(agents[0]).toMatch(/ app\/from-profile( |$)/);
    expect(agents[1]).not.toMatch(/app\//);
  });
});
