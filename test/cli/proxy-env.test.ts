// The proxy comes from io.env, never from the test runner's (or any caller's)
// own environment: main() is given its whole outside world through io.
import { rmSync } from 'node:fs';
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
