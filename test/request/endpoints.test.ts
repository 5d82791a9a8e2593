// Where a request goes when no endpoint URL is configured: botocore's
// partitions, FIPS and dual-stack endpoints (AWS_USE_FIPS_ENDPOINT,
// use_fips_endpoint, fips pseudo-Regions, AWS_USE_DUALSTACK_ENDPOINT,
// use_dualstack_endpoint). The real hosts are played by a proxy that tunnels
// every CONNECT to a TLS front of the local EC2 endpoint, with a certificate
// for the hosts: the CONNECT target, the Host header, the signing Region and
// the PresignedUrl can then be read. Where the real `aws` is installed, it is
// run through the same proxy and must send the same.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitionOf, standardEndpoint, withoutFipsPseudoRegion } from '../../src/request/endpoints.js';
import { endpointFor, requireRegion, resolveSettings } from '../../src/request/settings.js';
import { startEc2Endpoint, verifyPresignedUrl, type Ec2Endpoint, type RecordedRequest } from '../support/ec2-endpoint.js';
import { startHttpProxy, type HttpProxy } from '../support/http-proxy.js';
import { startStsEndpoint, type StsEndpoint } from '../support/sts-endpoint.js';
import { COPY, makeHome, OK_STDOUT, runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';
import { makeSelfSignedCert, startTlsFront, type TlsFront } from '../support/tls-front.js';

describe('partitions and the EC2 rule set', () => {
  it.each([
    ['us-east-1', 'aws', 'amazonaws.com'],
    ['xx-foo-1', 'aws', 'amazonaws.com'],
    ['foo', 'aws', 'amazonaws.com'],
    ['aws-global', 'aws', 'amazonaws.com'],
    ['cn-north-1', 'aws-cn', 'amazonaws.com.cn'],
    ['aws-cn-global', 'aws-cn', 'amazonaws.com.cn'],
    ['eusc-de-east-1', 'aws-eusc', 'amazonaws.eu'],
    ['eusc-fr-east-1', 'aws', 'amazonaws.com'],
    ['us-iso-east-1', 'aws-iso', 'c2s.ic.gov'],
    ['us-isob-east-1', 'aws-iso-b', 'sc2s.sgov.gov'],
    ['eu-isoe-west-1', 'aws-iso-e', 'cloud.adc-e.uk'],
    ['us-isof-south-1', 'aws-iso-f', 'csp.hci.ic.gov'],
    ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
    ['aws-us-gov-global', 'aws-us-gov', 'amazonaws.com'],
    ['cn-north-1\n', 'aws-cn', 'amazonaws.com.cn'],
  ])('%j is in partition %s (%s)', (region, name, dnsSuffix) => {
    expect(partitionOf(region)).toMatchObject({ name, dnsSuffix });
  });

  it('builds the endpoint of each variant as the rule set does', () => {
    const all = (region: string) =>
      [false, true].flatMap((fips) => [false, true].map((dualStack) => standardEndpoint('ec2', region, { fips, dualStack })));
    expect(all('eu-west-1')).toEqual([
      'https://ec2.eu-west-1.amazonaws.com',
      'https://ec2.eu-west-1.api.aws',
      'https://ec2-fips.eu-west-1.amazonaws.com',
      'https://ec2-fips.eu-west-1.api.aws',
    ]);
    expect(all('us-gov-east-1')).toEqual([
      'https://ec2.us-gov-east-1.amazonaws.com',
      'https://ec2.us-gov-east-1.api.aws',
      'https://ec2.us-gov-east-1.amazonaws.com',
      'https://ec2-fips.us-gov-east-1.api.aws',
    ]);
    expect(all('cn-northwest-1')).toEqual([
      'https://ec2.cn-northwest-1.amazonaws.com.cn',
      'https://ec2.cn-northwest-1.api.amazonwebservices.com.cn',
      'https://ec2-fips.cn-northwest-1.amazonaws.com.cn',
      'https://ec2-fips.cn-northwest-1.api.amazonwebservices.com.cn',
    ]);
    expect(standardEndpoint('portal.sso', 'us-iso-east-1', { fips: false, dualStack: false })).toBe('https://portal.sso.us-iso-east-1.c2s.ic.gov');
    expect(standardEndpoint('portal.sso', 'us-east-1', { fips: true, dualStack: false })).toBe('https://portal.sso-fips.us-east-1.amazonaws.com');
  });

  it('takes every fips- and -fips out of a pseudo-Region, as botocore does', () => {
    expect(withoutFipsPseudoRegion('fips-us-east-1')).toEqual({ region: 'us-east-1', fips: true });
    expect(withoutFipsPseudoRegion('us-east-1-fips')).toEqual({ region: 'us-east-1', fips: true });
    expect(withoutFipsPseudoRegion('fips-us-east-1-fips')).toEqual({ region: 'us-east-1', fips: true });
    expect(withoutFipsPseudoRegion('xfips-y')).toEqual({ region: 'xy', fips: true });
    expect(withoutFipsPseudoRegion('fips')).toEqual({ region: 'fips', fips: false });
    expect(withoutFipsPseudoRegion('us-east-1')).toEqual({ region: 'us-east-1', fips: false });
  });
});

describe('the endpoint named in messages', () => {
  // v1: `Could not connect to the endpoint URL: "https://ec2.cn-north-1.amazonaws.com.cn/"` and so on.
  it.each([
    ['cn-north-1', {}, 'https://ec2.cn-north-1.amazonaws.com.cn'],
    ['us-isob-east-1', {}, 'https://ec2.us-isob-east-1.sc2s.sgov.gov'],
    ['us-east-1', { AWS_USE_FIPS_ENDPOINT: 'true' }, 'https://ec2-fips.us-east-1.amazonaws.com'],
    ['us-east-1-fips', {}, 'https://ec2-fips.us-east-1.amazonaws.com'],
    ['us-east-1', { AWS_USE_DUALSTACK_ENDPOINT: 'true' }, 'https://ec2.us-east-1.api.aws'],
  ])('%s %j: %s', (region, env, expected) => {
    const settings = resolveSettings({ region }, env, { configFile: {}, credentialsFile: {} });
    expect(endpointFor(settings, requireRegion(settings))).toBe(expected);
  });
});

interface Variant {
  readonly name: string;
  readonly region: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly config?: string;
  /** The host the request goes to (as v1's debug log names it: "Endpoint provider result"). */
  readonly host: string;
  /** The Region it is signed for, which is also the DestinationRegion. */
  readonly signingRegion: string;
}

// Each host was first read off v1 1.45.11's `--debug` ("Endpoint provider result").
const VARIANTS: readonly Variant[] = [
  { name: 'AWS_USE_FIPS_ENDPOINT=true', region: 'us-east-1', env: { AWS_USE_FIPS_ENDPOINT: 'true' }, host: 'ec2-fips.us-east-1.amazonaws.com', signingRegion: 'us-east-1' },
  { name: 'AWS_USE_FIPS_ENDPOINT=TRUE', region: 'us-east-1', env: { AWS_USE_FIPS_ENDPOINT: 'TRUE' }, host: 'ec2-fips.us-east-1.amazonaws.com', signingRegion: 'us-east-1' },
  { name: 'AWS_USE_FIPS_ENDPOINT="true " (not true)', region: 'us-east-1', env: { AWS_USE_FIPS_ENDPOINT: 'true ' }, host: 'ec2.us-east-1.amazonaws.com', signingRegion: 'us-east-1' },
  { name: 'AWS_USE_FIPS_ENDPOINT=1 (not true)', region: 'us-east-1', env: { AWS_USE_FIPS_ENDPOINT: '1' }, host: 'ec2.us-east-1.amazonaws.com', signingRegion: 'us-east-1' },
  { name: 'use_fips_endpoint in the profile', region: 'eu-west-1', config: '[default]\nuse_fips_endpoint = True\n', host: 'ec2-fips.eu-west-1.amazonaws.com', signingRegion: 'eu-west-1' },
  { name: 'the environment over the profile', region: 'eu-west-1', env: { AWS_USE_FIPS_ENDPOINT: 'false' }, config: '[default]\nuse_fips_endpoint = true\n', host: 'ec2.eu-west-1.amazonaws.com', signingRegion: 'eu-west-1' },
  { name: 'AWS_USE_DUALSTACK_ENDPOINT=true', region: 'us-east-1', env: { AWS_USE_DUALSTACK_ENDPOINT: 'true' }, host: 'ec2.us-east-1.api.aws', signingRegion: 'us-east-1' },
  { name: 'use_dualstack_endpoint in the profile', region: 'us-east-1', config: '[default]\nuse_dualstack_endpoint = true\n', host: 'ec2.us-east-1.api.aws', signingRegion: 'us-east-1' },
  { name: 'FIPS and dual-stack', region: 'us-east-1', env: { AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true' }, host: 'ec2-fips.us-east-1.api.aws', signingRegion: 'us-east-1' },
  { name: 'the pseudo-Region fips-us-east-1', region: 'fips-us-east-1', host: 'ec2-fips.us-east-1.amazonaws.com', signingRegion: 'us-east-1' },
  { name: 'the pseudo-Region us-east-1-fips', region: 'us-east-1-fips', host: 'ec2-fips.us-east-1.amazonaws.com', signingRegion: 'us-east-1' },
  { name: 'China', region: 'cn-north-1', host: 'ec2.cn-north-1.amazonaws.com.cn', signingRegion: 'cn-north-1' },
  { name: 'China, FIPS and dual-stack', region: 'cn-north-1', env: { AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true' }, host: 'ec2-fips.cn-north-1.api.amazonwebservices.com.cn', signingRegion: 'cn-north-1' },
  { name: 'GovCloud with FIPS', region: 'us-gov-west-1', env: { AWS_USE_FIPS_ENDPOINT: 'true' }, host: 'ec2.us-gov-west-1.amazonaws.com', signingRegion: 'us-gov-west-1' },
  { name: 'ISO', region: 'us-iso-east-1', host: 'ec2.us-iso-east-1.c2s.ic.gov', signingRegion: 'us-iso-east-1' },
  { name: 'EU sovereign', region: 'eusc-de-east-1', host: 'ec2.eusc-de-east-1.amazonaws.eu', signingRegion: 'eusc-de-east-1' },
];

const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: '1' };
const certDir = tempDir('cs-endpoints-');
const STS_HOSTS = ['sts-fips.us-east-1.amazonaws.com', 'sts.us-gov-west-1.amazonaws.com', 'sts-fips.eu-west-1.api.aws', 'sts.amazonaws.com'];
const cert = makeSelfSignedCert(certDir, [...new Set(VARIANTS.map((v) => v.host)), 'ec2-fips.eu-west-1.api.aws', 'ec2.eu-west-1.amazonaws.com', ...STS_HOSTS]);
const awsInstalled = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
if (!cert) console.warn('endpoints.test.ts: openssl is not available; the tunnelled endpoint tests are skipped');

/** What one run sent: where it connected, and the request as the endpoint got it. */
interface Sent {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly connect: readonly string[];
  readonly host: string | undefined;
  readonly scope: string | undefined;
  readonly destinationRegion: string | undefined;
  readonly presignedHost: string | undefined;
  readonly presignedScope: string | undefined;
  readonly presignedUrl: string | undefined;
}

describe.skipIf(!cert)('the endpoint each setting picks, reached through a tunnel', () => {
  let ec2: Ec2Endpoint;
  let front: TlsFront;
  let proxy: HttpProxy;
  let sts: StsEndpoint;
  let stsFront: TlsFront;
  beforeAll(async () => {
    [ec2, sts] = await Promise.all([startEc2Endpoint(), startStsEndpoint()]);
    [front, stsFront] = await Promise.all([startTlsFront(ec2.url, cert!), startTlsFront(sts.url, cert!)]);
    proxy = await startHttpProxy({ tunnelTo: (host) => (host.startsWith('sts') ? stsFront.port : front.port) });
  });
  afterAll(async () => {
    await Promise.all([proxy?.close(), front?.close(), stsFront?.close(), ec2?.close(), sts?.close()]);
  });

  const form = (request: RecordedRequest | undefined, key: string) => request?.form.find(([k]) => k === key)?.[1];
  const scopeOf = (credential: string | undefined) => credential?.split('/').slice(2, 4).join('/');

  /** Runs one CLI; runs are one at a time, so the proxy's and the endpoint's records are this run's. */
  async function send(variant: Variant, command?: readonly string[]): Promise<Sent> {
    const [connects, requests] = [proxy.requests.length, ec2.requests.length];
    const r = await runCli([...COPY], {
      home: makeHome({ config: variant.config ?? '' }),
      env: { ...KEYS, AWS_DEFAULT_REGION: variant.region, HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: cert!.certPath, ...variant.env },
      command,
    });
    const request = ec2.requests.slice(requests).find((q) => q.action === 'CopySnapshot');
    const presignedUrl = form(request, 'PresignedUrl');
    const presigned = presignedUrl === undefined ? undefined : new URL(presignedUrl);
    return {
      status: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      connect: proxy.requests.slice(connects).map((q) => `${q.method} ${q.target}`),
      host: request?.headers.host,
      scope: scopeOf(/Credential=([^,]+)/.exec(String(request?.headers.authorization))?.[1]),
      destinationRegion: form(request, 'DestinationRegion'),
      presignedHost: presigned?.host,
      presignedScope: scopeOf(presigned?.searchParams.get('X-Amz-Credential') ?? undefined),
      presignedUrl,
    };
  }

  it.each(VARIANTS)('$name: $host', async (variant) => {
    const sent = await send(variant);
    expect([sent.stdout, sent.stderr, sent.status]).toEqual([OK_STDOUT, '', 0]);
    expect(sent.connect).toEqual([`CONNECT ${variant.host}:443`]);
    expect(sent.host).toBe(variant.host);
    expect(sent.scope).toBe(`${variant.signingRegion}/ec2`);
    expect(sent.destinationRegion).toBe(variant.signingRegion);
    // botocore's presign swaps the Region's name in the endpoint for the source Region's.
    expect(sent.presignedHost).toBe(variant.host.split(variant.signingRegion).join('us-west-2'));
    expect(sent.presignedScope).toBe('us-west-2/ec2');
    expect(await verifyPresignedUrl(sent.presignedUrl!, { secretAccessKey: 'secret' })).toBe(true);
  });

  it('FIPS and dual-stack settings are ignored with a configured endpoint (botocore)', async () => {
    const before = ec2.requests.length;
    const r = await runCli([...COPY, '--endpoint-url', ec2.url], {
      home: makeHome(),
      env: { ...KEYS, AWS_DEFAULT_REGION: 'fips-us-east-1', AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true' },
    });
    expect([r.stdout, r.stderr, r.status]).toEqual([OK_STDOUT, '', 0]);
    const request = ec2.requests.slice(before).find((q) => q.action === 'CopySnapshot');
    expect(request?.headers.host).toBe(new URL(ec2.url).host);
    expect(scopeOf(/Credential=([^,]+)/.exec(String(request?.headers.authorization))?.[1])).toBe('us-east-1/ec2');
    expect(form(request, 'DestinationRegion')).toBe('us-east-1');
  });

  // An assumed role: STS is reached as EC2 is, with the same FIPS and dual-stack settings.
  const ROLE = '[default]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = keys\n[profile keys]\n';
  const KEYS_FILE = '[keys]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = s\n';
  const STS_VARIANTS = [
    { name: 'FIPS', region: 'us-east-1', env: { AWS_USE_FIPS_ENDPOINT: 'true' }, connect: ['sts-fips.us-east-1.amazonaws.com', 'ec2-fips.us-east-1.amazonaws.com'] },
    { name: 'GovCloud FIPS', region: 'us-gov-west-1', env: { AWS_USE_FIPS_ENDPOINT: 'true' }, connect: ['sts.us-gov-west-1.amazonaws.com', 'ec2.us-gov-west-1.amazonaws.com'] },
    { name: 'FIPS and dual-stack, legacy STS endpoints', region: 'eu-west-1', env: { AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, connect: ['sts-fips.eu-west-1.api.aws', 'ec2-fips.eu-west-1.api.aws'] },
    { name: 'plain, legacy STS endpoints', region: 'eu-west-1', env: { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, connect: ['sts.amazonaws.com', 'ec2.eu-west-1.amazonaws.com'] },
  ];

  async function assume(variant: (typeof STS_VARIANTS)[number], command?: readonly string[]) {
    const [connects, calls] = [proxy.requests.length, sts.requests.length];
    const home = makeHome({ config: ROLE, credentials: KEYS_FILE });
    const r = await runCli([...COPY], {
      home,
      env: { AWS_DEFAULT_REGION: variant.region, AWS_MAX_ATTEMPTS: '1', HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: cert!.certPath, ...variant.env },
      command,
    });
    const call = sts.requests.slice(calls)[0];
    return {
      outcome: [r.stdout, r.stderr, r.status],
      connect: proxy.requests.slice(connects).map((q) => q.target),
      sts: [call?.headers.host, call?.signingRegion, call?.accessKeyId],
    };
  }

  it.each(STS_VARIANTS)('assume role, $name: STS at $connect.0', async (variant) => {
    const sent = await assume(variant);
    expect(sent.outcome).toEqual([OK_STDOUT, '', 0]);
    expect(sent.connect).toEqual(variant.connect.map((host) => `${host}:443`));
    expect(sent.sts[0]).toBe(variant.connect[0]);
  });

  describe.skipIf(!awsInstalled)('assume role: the same as the real aws (v1)', () => {
    it.each(STS_VARIANTS)('$name', async (variant) => {
      expect(await assume(variant)).toEqual(await assume(variant, ['aws', 'ec2', 'copy-snapshot']));
    });
  });

  describe.skipIf(!awsInstalled)('the same as the real aws (v1) through the same tunnel', () => {
    it.each(VARIANTS)('$name', async (variant) => {
      const theirs = await send(variant, ['aws', 'ec2', 'copy-snapshot']);
      const ours = await send(variant);
      const comparable = (s: Sent) => ({ ...s, presignedUrl: undefined });
      expect(comparable(ours)).toEqual(comparable(theirs));
    });
  });
});
