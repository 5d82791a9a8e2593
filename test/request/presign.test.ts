import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/core/serde';
import { describe, expect, it } from 'vitest';
import { presignCopySnapshot } from '../../src/request/presign.js';
import type { QueryPair } from '../../src/request/query-encoding.js';

const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const DATE = new Date('2026-11-24T12:00:00Z');
const PAIRS: QueryPair[] = [
  ['Action', 'CopySnapshot'],
  ['Version', '2016-11-15'],
  ['Description', 'a b*'],
  ['SourceRegion', 'us-east-1'],
  ['SourceSnapshotId', 'snap-1'],
];

async function signatureFor(url: URL, region: string): Promise<string> {
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k !== 'X-Amz-Signature') query[k] = v;
  const signer = new SignatureV4({ credentials: CREDS, region, service: 'ec2', sha256: Hash.bind(null, 'sha256') });
  const expected = await signer.presign(
    { method: 'GET', protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: url.pathname, query, headers: { host: url.host } },
    { signingDate: DATE, expiresIn: 3600 },
  );
  return (expected.query as Record<string, string>)['X-Amz-Signature']!;
}

describe('presignCopySnapshot', () => {
  it('lays the URL out as botocore does and signs it for the source Region', async () => {
    const url = await presignCopySnapshot({
      url: 'https://ec2.us-west-2.amazonaws.com/',
      clientRegion: 'us-west-2',
      sourceRegion: 'us-east-1',
      pairs: PAIRS,
      credentials: CREDS,
      signingDate: DATE,
    });
    const parsed = new URL(url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe('https://ec2.us-east-1.amazonaws.com/');
    expect(url).toMatch(
      /^https:\/\/ec2\.us-east-1\.amazonaws\.com\/\?Action=CopySnapshot&Version=2016-11-15&Description=a%20b%2A&SourceRegion=us-east-1&SourceSnapshotId=snap-1&DestinationRegion=us-west-2&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261124%2Fus-east-1%2Fec2%2Faws4_request&X-Amz-Date=20261124T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$/,
    );
    expect(parsed.searchParams.get('X-Amz-Signature')).toBe(await signatureFor(parsed, 'us-east-1'));
  });

  it('overwrites a given DestinationRegion in place and carries a session token', async () => {
    const url = await presignCopySnapshot({
      url: 'http://127.0.0.1:5000/',
      clientRegion: 'us-east-1',
      sourceRegion: 'eu-west-1',
      pairs: [...PAIRS.slice(0, 2), ['DestinationRegion', 'ap-south-1'], ...PAIRS.slice(2)],
      credentials: { ...CREDS, sessionToken: 'TOKEN' },
      signingDate: DATE,
    });
    const keys = [...new URL(url).searchParams.keys()];
    expect(keys).toEqual([
      'Action', 'Version', 'DestinationRegion', 'Description', 'SourceRegion', 'SourceSnapshotId',
      'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Security-Token', 'X-Amz-Signature',
    ]);
    expect(new URL(url).searchParams.get('DestinationRegion')).toBe('us-east-1');
    expect(url.startsWith('http://127.0.0.1:5000/?')).toBe(true);
  });

  it('is the bare endpoint when unsigned', async () => {
    const url = await presignCopySnapshot({
      url: 'http://127.0.0.1:8765/',
      clientRegion: 'us-east-1',
      sourceRegion: 'us-east-1',
      pairs: PAIRS,
      credentials: undefined,
    });
    expect(url).toBe('http://127.0.0.1:8765/');
  });
});
