// Proxies from the environment, as botocore picks them (urllib's
// getproxies_environment / proxy_bypass_environment): `<scheme>_proxy` for the
// endpoint's scheme, lower-case names first, ALL_PROXY not used, NO_PROXY as
// host names and DNS suffixes. A local proxy records what went through it.
// Every outcome and error text here was first observed with the real AWS CLI
// v1 (aws-cli/1.45.11 botocore/1.43.11) against the same proxy and endpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { startHttpProxy, type HttpProxy } from '../support/http-proxy.js';
import { startRawServer, type RawServer } from '../support/raw-http-server.js';
import { COPY, makeHome, OK_STDOUT, runCli } from '../support/run-cli.js';
import { makeSelfSignedCert, startTlsFront, type SelfSignedCert, type TlsFront } from '../support/tls-front.js';

let ec2: Ec2Endpoint;
let proxy: HttpProxy;
let refusing: HttpProxy;
let cert: SelfSignedCert | undefined;
let tls: TlsFront | undefined;
let certDir: string;

beforeAll(async () => {
  [ec2, proxy, refusing] = await Promise.all([startEc2Endpoint(), startHttpProxy(), startHttpProxy({ refuseConnect: true })]);
  certDir = mkdtempSync(join(tmpdir(), 'cs-proxy-cert-'));
  cert = makeSelfSignedCert(certDir);
  if (cert) tls = await startTlsFront(ec2.url, cert);
});
afterAll(async () => {
  await Promise.all([ec2.close(), proxy.close(), refusing.close(), tls?.close()]);
  rmSync(certDir, { recursive: true, force: true });
});

const KEYS = { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: '1' };

async function run(env: Record<string, string>, endpoint: string, args: string[] = []) {
  const [np, nr, ne] = [proxy.requests.length, refusing.requests.length, ec2.requests.length];
  const r = await runCli([...COPY, '--endpoint-url', endpoint, ...args], { home: makeHome(), env: { ...KEYS, ...env } });
  return { ...r, viaProxy: proxy.requests.slice(np), viaRefusing: refusing.requests.slice(nr), atEc2: ec2.requests.slice(ne) };
}

describe('http:// endpoints', () => {
  it.each(['HTTP_PROXY', 'http_proxy'])('%s sends the request through the proxy', async (name) => {
    const r = await run({ [name]: proxy.url }, ec2.url);
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    expect(r.viaProxy.map((q) => `${q.method} ${q.target}`)).toEqual([`POST ${ec2.url}/`]);
    expect(r.atEc2).toHaveLength(1);
  });

  it('a proxy given without a scheme is http://', async () => {
    const r = await run({ HTTP_PROXY: proxy.url.replace('http://', '') }, ec2.url);
    expect(r.status).toBe(0);
    expect(r.viaProxy).toHaveLength(1);
  });

  it('HTTPS_PROXY does not apply to an http:// endpoint, nor does ALL_PROXY', async () => {
    const r = await run({ HTTPS_PROXY: proxy.url, ALL_PROXY: 'http://127.0.0.1:1' }, ec2.url);
    expect([r.stdout, r.status]).toEqual([OK_STDOUT, 0]);
    expect(r.viaProxy).toHaveLength(0);
  });

  it.each([
    ['NO_PROXY', '127.0.0.1'],
    ['no_proxy', '127.0.0.1'],
    ['NO_PROXY', '*'],
    ['NO_PROXY', 'localhost, 127.0.0.1'],
    ['NO_PROXY', 'HOSTPORT'],
    // A DNS suffix, with or without its leading dot (urllib; not proxy-from-env's exact match).
    ['NO_PROXY', '0.0.1'],
    ['NO_PROXY', '.0.0.1'],
  ])('%s=%s bypasses the proxy', async (name, value) => {
    const r = await run({ HTTP_PROXY: proxy.url, [name]: value.replace('HOSTPORT', new URL(ec2.url).host) }, ec2.url);
    expect([r.stdout, r.status]).toEqual([OK_STDOUT, 0]);
    expect(r.viaProxy).toHaveLength(0);
    expect(r.atEc2).toHaveLength(1);
  });

  it.each([['127.0.0.2'], ['127.0.0.0/8'], ['27.0.0.1']])('NO_PROXY=%s does not match 127.0.0.1', async (value) => {
    const r = await run({ HTTP_PROXY: proxy.url, NO_PROXY: value }, ec2.url);
    expect(r.status).toBe(0);
    expect(r.viaProxy).toHaveLength(1);
  });

  it('a proxy on a closed port', async () => {
    const r = await run({ HTTP_PROXY: 'http://127.0.0.1:1' }, ec2.url);
    expect([r.stdout, r.stderr, r.status]).toEqual(['', '\nFailed to connect to proxy URL: "http://127.0.0.1:1"\n', 255]);
    expect(r.atEc2).toHaveLength(0);
  });

  it.each([
    ['http://user:pa55@127.0.0.1:1', 'http://***:***@127.0.0.1:1'],
    ['http://user@127.0.0.1:1/', 'http://***@127.0.0.1:1/'],
    ['127.0.0.1:1', 'http://127.0.0.1:1'],
    ['socks5://127.0.0.1:1', 'http://socks5://127.0.0.1:1'],
  ])('the proxy %s is named %s in the error (credentials masked)', async (value, shown) => {
    const r = await run({ HTTP_PROXY: value }, ec2.url);
    expect([r.stdout, r.stderr, r.status]).toEqual(['', `\nFailed to connect to proxy URL: "${shown}"\n`, 255]);
  });
});

/** Whether openssl can make a certificate here (probed in a directory removed at once). */
function canMakeCerts(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'cs-proxy-probe-'));
  try {
    return makeSelfSignedCert(probe) !== undefined;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe.skipIf(!canMakeCerts())('https:// endpoints (CONNECT)', () => {
  it('HTTPS_PROXY tunnels with CONNECT; the CA bundle applies inside the tunnel', async () => {
    const r = await run({ HTTPS_PROXY: proxy.url }, tls!.url, ['--ca-bundle', cert!.certPath]);
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    expect(r.viaProxy.map((q) => `${q.method} ${q.target}`)).toEqual([`CONNECT ${new URL(tls!.url).host}`]);
  });

  it('the certificate is still checked through the tunnel', async () => {
    const r = await run({ HTTPS_PROXY: proxy.url }, tls!.url);
    expect([r.stdout, r.stderr, r.status]).toEqual([
      '',
      `\nSSL validation failed for ${tls!.url}/ [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)\n`,
      255,
    ]);
  });

  it('--no-verify-ssl applies through the tunnel', async () => {
    const r = await run({ HTTPS_PROXY: proxy.url }, tls!.url, ['--no-verify-ssl']);
    expect([r.stdout, r.status]).toEqual([OK_STDOUT, 0]);
    expect(r.viaProxy).toHaveLength(1);
  });

  it('a proxy that refuses the CONNECT', async () => {
    const r = await run({ HTTPS_PROXY: refusing.url }, tls!.url, ['--ca-bundle', cert!.certPath]);
    expect([r.stdout, r.stderr, r.status]).toEqual(['', `\nFailed to connect to proxy URL: "${refusing.url}"\n`, 255]);
    expect(r.viaRefusing).toHaveLength(1);
    expect(r.atEc2).toHaveLength(0);
  });

  it('HTTP_PROXY does not apply to an https:// endpoint', async () => {
    const r = await run({ HTTP_PROXY: 'http://127.0.0.1:1' }, tls!.url, ['--ca-bundle', cert!.certPath]);
    expect([r.stdout, r.status]).toEqual([OK_STDOUT, 0]);
  });
});

// Each of these used to print its error and then never exit (a socket to the proxy stayed open):
// the process is killed if it is still running well after the 1 s timeouts, which fails the test.
describe('a proxy that does not answer: the error, then the process ends', () => {
  let silent: RawServer;
  beforeAll(async () => {
    silent = await startRawServer('silent');
  });
  afterAll(async () => {
    await silent.close();
  });
  const TIMEOUTS = ['--cli-connect-timeout', '1', '--cli-read-timeout', '1'];
  const endpoint = 'https://127.0.0.1:9';

  it('reads the CONNECT and never answers: v1\'s read timeout on the endpoint, exit 255', async () => {
    const r = await runCli([...COPY, '--endpoint-url', endpoint, ...TIMEOUTS], { home: makeHome(), env: { ...KEYS, HTTPS_PROXY: silent.url }, killAfterMs: 20_000 });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', `\nRead timeout on endpoint URL: "${endpoint}/"\n`, 255]);
  });

  it('an https:// proxy URL that does not speak TLS: v1\'s proxy error, exit 255', async () => {
    const proxyUrl = silent.url.replace('http://', 'https://');
    const r = await runCli([...COPY, '--endpoint-url', endpoint, ...TIMEOUTS], { home: makeHome(), env: { ...KEYS, HTTPS_PROXY: proxyUrl }, killAfterMs: 20_000 });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', `\nFailed to connect to proxy URL: "${proxyUrl}"\n`, 255]);
  });
});
