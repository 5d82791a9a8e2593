// Endpoints as botocore and urllib3 use them (src/request/endpoint-url.ts),
// and the requests sent to them. Expected targets, Host headers and
// PresignedUrls were captured from aws-cli/1.45 against a recording server;
// both signatures are checked here by botocore's rules, written out below
// (canonical path: dot segments removed, then quoted; canonical query: the
// URL's own pairs as written, sorted), which botocore's own signer was seen to
// agree with for every endpoint in ENDPOINTS.
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalQueryOfUrl,
  endpointOrigin,
  parseQueryFirstValues,
  pyReplace,
  requestTarget,
  requestUrl,
  signedHost,
  urlsplit,
} from '../../src/request/endpoint-url.js';
import { startEc2Endpoint, type Ec2Endpoint, type RecordedRequest } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome, runMain } from '../support/run-main.js';

describe('the request URL, target and Host botocore and urllib3 make of an endpoint', () => {
  it.each([
    ['http://h:1', 'http://h:1/'],
    ['http://h:1/', 'http://h:1/'],
    ['http://h:1/some/path', 'http://h:1/some/path'],
    ['http://h:1?a=b', 'http://h:1/?a=b'],
    ['http://h:1/?', 'http://h:1/'],
    ['http://u:p@h:1/p;x?a=b#f', 'http://u:p@h:1/p;x?a=b#f'],
    ['HTTP://LocalHost:1/x', 'http://LocalHost:1/x'],
    ['  http://h:1/a/../b', 'http://h:1/a/../b'],
  ])('%s → %s', (endpoint, url) => {
    expect(requestUrl(endpoint)).toBe(url);
  });

  it.each([
    ['http://h:1/', '/'],
    ['http://h:1/p?a=b#f', '/p?a=b'],
    ['http://h:1/a/../b/./c', '/a/../b/./c'],
    ['http://h:1/p;x/q;y?a=b', '/p;x/q?a=b'],
    ['http://h:1/A%2fb/x%20y/%7e(z)?x=%41&y=a+b&z=%2B&w', '/A%2Fb/x%20y/%7E(z)?x=%41&y=a+b&z=%2B&w'],
    ['http://h:1/a b/é?q=a b&r=?', '/a%20b/%C3%A9?q=a%20b&r=?'],
    ['http://h:1/100%/%41', '/100%25/%2541'],
  ])('the target for %s is %s', (url, target) => {
    expect(requestTarget(url)).toBe(target);
  });

  it.each([
    ['http://u:p@LocalHost:8080/x', 'localhost:8080'],
    ['http://h:80/', 'h'],
    ['https://h:443/', 'h'],
    ['https://h:80/', 'h:80'],
    ['http://[::1]:5000/', '[::1]:5000'],
    ['http://a b:5000/', 'a b:5000'],
  ])('the signed Host of %s is %s', (url, host) => {
    expect(signedHost(url)).toBe(host);
  });

  it('connects the SDK to the scheme, host and port only', () => {
    expect(endpointOrigin('HTTP://u:p@LocalHost:5/p?a=b#f')).toBe('http://LocalHost:5');
  });

  it('signs the endpoint query as written, pairs sorted', () => {
    expect(canonicalQueryOfUrl('http://h/?b=2&a=3&a=1&&c#f')).toBe('=&a=1&a=3&b=2&c=');
    expect(canonicalQueryOfUrl('http://h/?y=a+b&x=%41')).toBe('x=%41&y=a+b');
    expect(canonicalQueryOfUrl('http://h/p')).toBe('');
  });

  it('reads the endpoint query for the presign as parse_qs does, first values only', () => {
    expect(parseQueryFirstValues('b=2&a=1&a=3&&c&y=a+b&z=%2B&e=%E9%FF')).toEqual([
      ['b', '2'],
      ['a', '1'],
      ['c', ''],
      ['y', 'a b'],
      ['z', '+'],
      ['e', '\ufffd\ufffd'],
    ]);
  });

  it('replaces Regions as Python\'s str.replace does', () => {
    expect(pyReplace('http://us-east-1/us-east-1', 'us-east-1', 'eu-west-1')).toBe('http://eu-west-1/eu-west-1');
    expect(pyReplace('ab', '', 'x')).toBe('xaxbx');
    expect(pyReplace('', '', 'x')).toBe('x');
  });

  it('splits as urlsplit does', () => {
    expect(urlsplit('HTTP://u@h:1/p;x?q?r#f#g')).toEqual({ scheme: 'http', netloc: 'u@h:1', hasNetloc: true, path: '/p;x', query: 'q?r', fragment: 'f#g' });
    expect(urlsplit('h:1')).toMatchObject({ scheme: 'h', hasNetloc: false, path: '1' });
  });
});

// ------------------------------------------------- botocore's SigV4, written out

const SECRET = 'secret';

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

/** botocore's remove_dot_segments, then quote(safe='/~'). */
function canonicalPath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  const normalized = path === '' ? '/' : `${path.startsWith('/') ? '/' : ''}${out.join('/')}${path.endsWith('/') && out.length ? '/' : ''}`;
  return encodeURIComponent(normalized).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%2F/g, '/');
}

/** The URL's query pairs as written, sorted by key then value. */
function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .map((pair) => (pair.includes('=') ? pair : `${pair}=`))
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function signature(method: string, url: string, headers: Record<string, string>, body: string, scope: string, date: string): string {
  const m = /^[^:]+:\/\/[^/?#]*([^?#]*)(?:\?([^#]*))?/.exec(url)!;
  const names = Object.keys(headers).sort();
  const request = [method, canonicalPath(m[1]!), canonicalQuery(m[2] ?? ''), ...names.map((n) => `${n}:${headers[n]!.trim()}`), '', names.join(';'), sha256(body)].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha256(request)].join('\n');
  const [day, region, service] = scope.split('/');
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, day!), region!), service!), 'aws4_request');
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

/** The request's Authorization signature, recomputed for botocore's URL of the endpoint. */
function requestSignature(request: RecordedRequest, url: string): { expected: string; sent: string } {
  const auth = String(request.headers.authorization);
  const [, scope, signed, sent] = /Credential=[^/]+\/([^,]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth)!;
  const headers = Object.fromEntries(signed!.split(';').map((name) => [name, String(request.headers[name])]));
  return { expected: signature(request.method, url, headers, request.body, `${scope}/aws4_request`, String(request.headers['x-amz-date'])), sent: sent! };
}

/** The PresignedUrl's signature, recomputed from the URL itself (host from the URL, empty body). */
function presignSignature(presignedUrl: string): { expected: string; sent: string } {
  const at = presignedUrl.lastIndexOf('&X-Amz-Signature=');
  const base = presignedUrl.slice(0, at);
  const params = new URLSearchParams(base.slice(base.indexOf('?') + 1).split('#')[0]);
  const scope = params.get('X-Amz-Credential')!.slice(params.get('X-Amz-Credential')!.indexOf('/') + 1);
  const host = signedHost(base);
  return { expected: signature('GET', base, { host }, '', scope, params.get('X-Amz-Date')!), sent: presignedUrl.slice(at + 17) };
}

// ------------------------------------------------------------ requests as sent

/** Endpoint (PORT for the stand-in's port) → target, Host header and PresignedUrl up to its X-Amz-Date, as aws-cli/1.45 sent them. */
const ENDPOINTS: readonly [string, string, string, string][] = [
  ['http://127.0.0.1:PORT/some/path', '/some/path', '127.0.0.1:PORT', 'http://127.0.0.1:PORT/some/path?Action=CopySnapshot&'],
  ['http://127.0.0.1:PORT/?a=b', '/?a=b', '127.0.0.1:PORT', 'http://127.0.0.1:PORT/?a=b&Action=CopySnapshot&'],
  ['http://127.0.0.1:PORT/a/../b/./c', '/a/../b/./c', '127.0.0.1:PORT', 'http://127.0.0.1:PORT/a/../b/./c?Action=CopySnapshot&'],
  ['http://u:p@127.0.0.1:PORT', '/', '127.0.0.1:PORT', 'http://u:p@127.0.0.1:PORT/?Action=CopySnapshot&'],
  ['http://127.0.0.1:PORT/p?a=b#f', '/p?a=b', '127.0.0.1:PORT', 'http://127.0.0.1:PORT/p?a=b&Action=CopySnapshot&'],
  ['http://127.0.0.1:PORT/p;x/q;y?a=b', '/p;x/q?a=b', '127.0.0.1:PORT', 'http://127.0.0.1:PORT/p;x/q;y?a=b&Action=CopySnapshot&'],
  ['http://127.0.0.1:PORT/A%2fb?x=%41&y=a+b&z=%2B&w', '/A%2Fb?x=%41&y=a+b&z=%2B&w', '127.0.0.1:PORT', 'http://127.0.0.1:PORT/A%2fb?x=A&y=a%20b&z=%2B&w=&Action=CopySnapshot&'],
  ['http://127.0.0.1:PORT/?b=2&a=1&a=3&&c', '/?b=2&a=1&a=3&&c', '127.0.0.1:PORT', 'http://127.0.0.1:PORT/?b=2&a=1&c=&Action=CopySnapshot&'],
  ['HTTP://LocalHost:PORT/x', '/x', 'localhost:PORT', 'http://LocalHost:PORT/x?Action=CopySnapshot&'],
  ['http://127.0.0.1:PORT/x%20y/%7e(z)?q=(1)*!', '/x%20y/%7E(z)?q=(1)*!', '127.0.0.1:PORT', 'http://127.0.0.1:PORT/x%20y/%7e(z)?q=%281%29%2A%21&Action=CopySnapshot&'],
];

describe('CopySnapshot sent to an endpoint as written', () => {
  let ec2: Ec2Endpoint;
  let home: string;
  beforeAll(async () => {
    ec2 = await startEc2Endpoint();
    home = isolatedHome();
  });
  afterAll(() => ec2.close());

  it.each(ENDPOINTS)('%s: target, Host, PresignedUrl and both signatures as v1', async (written, target, host, presignStart) => {
    const endpoint = written.replace('PORT', String(ec2.port));
    const before = ec2.requests.length;
    const run = await runMain(['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1', '--endpoint-url', endpoint], isolatedEnv(home));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const request = ec2.requests[before]!;
    expect(request.path).toBe(target);
    expect(request.headers.host).toBe(host.replace('PORT', String(ec2.port)));
    const presignedUrl = request.form.find(([k]) => k === 'PresignedUrl')![1];
    expect(presignedUrl.startsWith(presignStart.replace('PORT', String(ec2.port)))).toBe(true);
    const main = requestSignature(request, requestUrl(endpoint));
    expect(main.sent).toBe(main.expected);
    const presign = presignSignature(presignedUrl);
    expect(presign.sent).toBe(presign.expected);
  });

  it('puts the signature after the fragment, as botocore appends it to the URL', async () => {
    const before = ec2.requests.length;
    const run = await runMain(['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1', '--endpoint-url', `${ec2.url}/p#frag`], isolatedEnv(home));
    expect(run.code).toBe(0);
    const presignedUrl = ec2.requests[before]!.form.find(([k]) => k === 'PresignedUrl')![1];
    expect(presignedUrl).toMatch(/&X-Amz-SignedHeaders=host#frag&X-Amz-Signature=[0-9a-f]{64}$/);
  });

  it('names botocore\'s URL in the --debug log of the request, userinfo, query and fragment included', async () => {
    const endpoint = `http://u:p@127.0.0.1:${ec2.port}/p;x?a=b#f`;
    const run = await runMain(['--debug', '--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1', '--endpoint-url', endpoint], isolatedEnv(home));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`Sending http request: <AWSPreparedRequest stream_output=False, method=POST, url=${endpoint}, headers=`);
  });
});
