// TLS with a self-signed certificate made by openssl for this test (CN and
// subjectAltName 127.0.0.1), served in front of the local EC2 endpoint.
// Precedence --ca-bundle > AWS_CA_BUNDLE > ca_bundle, and --no-verify-ssl.
// Every stdout, error text and exit code was first observed with the real
// AWS CLI v1 (aws-cli/1.45.11 botocore/1.43.11, Python 3.11 / OpenSSL 3)
// against the same certificate and server. v1's --no-verify-ssl warning is
// urllib3's InsecureRequestWarning (with a Python file path); ours is our own
// line, by design.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { COPY, makeHome, OK_STDOUT, runCli } from '../support/run-cli.js';
import { makeSelfSignedCert, startTlsFront, type SelfSignedCert, type TlsFront } from '../support/tls-front.js';
import { tempDir } from '../support/temp-dir.js';

const certDir = tempDir('cs-tls-');
const cert: SelfSignedCert | undefined = makeSelfSignedCert(certDir);
if (!cert) console.warn('tls.test.ts: openssl is not available; the TLS tests are skipped');

let ec2: Ec2Endpoint;
let front: TlsFront;

const KEYS = { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: '1' };
const WARNING = "copy-snapshot: warning: Unverified HTTPS request is being made to host '127.0.0.1'. Adding certificate verification is strongly advised.\n";

describe.skipIf(!cert)('TLS to a self-signed endpoint', () => {
  beforeAll(async () => {
    ec2 = await startEc2Endpoint();
    front = await startTlsFront(ec2.url, cert!);
  });
  afterAll(async () => {
    await Promise.all([front.close(), ec2.close()]);
  });

  async function run(args: string[], env: Record<string, string> = {}, config = '') {
    const before = ec2.requests.length;
    const r = await runCli([...COPY, '--endpoint-url', front.url, ...args], { home: makeHome({ config }), env: { ...KEYS, ...env } });
    return { ...r, requests: ec2.requests.slice(before) };
  }

  const sslError = (reason: string) => `\nSSL validation failed for ${front.url}/ ${reason}\n`;

  it('fails without a CA bundle', async () => {
    const r = await run([]);
    expect([r.stdout, r.stderr, r.status]).toEqual([
      '',
      sslError('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)'),
      255,
    ]);
    expect(r.requests).toHaveLength(0);
  });

  it('works with --ca-bundle', async () => {
    const r = await run(['--ca-bundle', cert!.certPath]);
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    expect(r.requests).toHaveLength(1);
  });

  it('works with AWS_CA_BUNDLE', async () => {
    const r = await run([], { AWS_CA_BUNDLE: cert!.certPath });
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
  });

  it('works with ca_bundle in the profile', async () => {
    const r = await run([], {}, `[default]\nca_bundle = ${cert!.certPath}\n`);
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
  });

  it('--ca-bundle beats AWS_CA_BUNDLE, which beats ca_bundle', async () => {
    const flag = await run(['--ca-bundle', cert!.certPath], { AWS_CA_BUNDLE: '/nonexistent' }, '[default]\nca_bundle = /nonexistent\n');
    expect([flag.stdout, flag.status]).toEqual([OK_STDOUT, 0]);
    const env = await run([], { AWS_CA_BUNDLE: cert!.certPath }, '[default]\nca_bundle = /nonexistent\n');
    expect([env.stdout, env.status]).toEqual([OK_STDOUT, 0]);
    const wrongEnv = await run([], { AWS_CA_BUNDLE: '/nonexistent' }, `[default]\nca_bundle = ${cert!.certPath}\n`);
    expect([wrongEnv.stderr, wrongEnv.status]).toEqual([sslError('[Errno 2] No such file or directory'), 255]);
  });

  it('a --ca-bundle that does not exist', async () => {
    const r = await run(['--ca-bundle', '/nonexistent']);
    expect([r.stdout, r.stderr, r.status]).toEqual(['', sslError('[Errno 2] No such file or directory'), 255]);
  });

  it('a --ca-bundle that is a directory', async () => {
    const r = await run(['--ca-bundle', certDir]);
    expect([r.stdout, r.stderr, r.status]).toEqual(['', sslError('[Errno 21] Is a directory'), 255]);
  });

  it('a --ca-bundle without certificates (the private key)', async () => {
    const r = await run(['--ca-bundle', cert!.keyPath]);
    expect([r.stdout, r.stderr, r.status]).toEqual(['', sslError('[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found (_ssl.c:4154)'), 255]);
  });

  it('a --ca-bundle with another CA fails verification', async () => {
    const other = makeSelfSignedCert(tempDir('cs-tls-other-'))!;
    const r = await run(['--ca-bundle', other.certPath]);
    expect([r.stdout, r.stderr, r.status]).toEqual([
      '',
      sslError('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)'),
      255,
    ]);
  });

  it('--no-verify-ssl works and warns on stderr', async () => {
    const r = await run(['--no-verify-ssl']);
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, WARNING, 0]);
    expect(r.requests).toHaveLength(1);
  });

  it('--no-verify-ssl ignores a CA bundle that does not exist', async () => {
    const r = await run(['--no-verify-ssl', '--ca-bundle', '/nonexistent']);
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, WARNING, 0]);
  });
});

describe('CA bundles and http:// endpoints', () => {
  it('a missing CA bundle does not matter to an http:// endpoint', async () => {
    const plain = await startEc2Endpoint();
    try {
      const r = await runCli([...COPY, '--endpoint-url', plain.url, '--ca-bundle', '/nonexistent'], { home: makeHome(), env: KEYS });
      expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    } finally {
      await plain.close();
    }
  });

  it('https:// to a plain-http port fails with OpenSSL\'s reason, as Python words it', async () => {
    const plain = await startEc2Endpoint();
    const home = makeHome();
    try {
      const url = `https://127.0.0.1:${plain.port}`;
      const r = await runCli([...COPY, '--endpoint-url', url], { home, env: KEYS });
      expect([r.stdout, r.stderr, r.status]).toEqual(['', `\nSSL validation failed for ${url}/ [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)\n`, 255]);
    } finally {
      await plain.close();
      rmSync(home.dir, { recursive: true, force: true });
    }
  });

  it('nor does --no-verify-ssl (no warning without TLS)', async () => {
    const plain = await startEc2Endpoint();
    try {
      const r = await runCli([...COPY, '--endpoint-url', plain.url, '--no-verify-ssl'], { home: makeHome(), env: KEYS });
      expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    } finally {
      await plain.close();
    }
  });
});
