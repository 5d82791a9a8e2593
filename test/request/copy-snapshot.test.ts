// Request-level tests: main() in-process against the local EC2 endpoint.
// Every expected wire shape, stdout and stderr text below was captured from
// the real AWS CLI v1 (aws-cli/1.45.11 botocore/1.43.11) run against this
// same endpoint (test/support/ec2-endpoint.ts), unless a comment says otherwise.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main, type Io } from '../../src/cli.js';
import {
  decodeForm,
  errorResponse,
  startEc2Endpoint,
  throttlingResponse,
  verifyPresignedUrl,
  verifySigV4,
  type Ec2Endpoint,
  type RecordedRequest,
} from '../support/ec2-endpoint.js';

const AKID = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

let dir: string;
let ec2: Ec2Endpoint;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'copy-snapshot-request-'));
  writeFileSync(join(dir, 'config'), '');
  writeFileSync(join(dir, 'credentials'), '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  ec2 = await startEc2Endpoint();
});
afterEach(async () => {
  await ec2.close();
});

/** No real configuration can leak in: empty config files, metadata off. */
function isolatedEnv(): Record<string, string> {
  return {
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    HOME: dir,
  };
}

function defaultEnv(): Record<string, string> {
  return { ...isolatedEnv(), AWS_ACCESS_KEY_ID: AKID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_DEFAULT_REGION: 'us-east-1' };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: readonly string[], options: { env?: Record<string, string>; endpoint?: string } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    env: options.env ?? defaultEnv(),
    stdoutIsTty: false,
    terminalColumns: undefined,
    runtime: { nodeVersion: 'v20.0.0', os: 'Linux', osRelease: '6.0.0' },
    writeStdout: (text) => void (stdout += text),
    writeStderr: (text) => void (stderr += text),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** copy-snapshot with the endpoint appended. */
function copySnapshot(args: readonly string[], options: { env?: Record<string, string>; endpoint?: string } = {}): Promise<Run> {
  return run([...args, '--endpoint-url', options.endpoint ?? ec2.url], options);
}

function onlyRequest(): RecordedRequest {
  expect(ec2.requests).toHaveLength(1);
  return ec2.requests[0]!;
}

function formValue(request: RecordedRequest, key: string): string | undefined {
  return request.form.find(([k]) => k === key)?.[1];
}

function presignedUrlOf(request: RecordedRequest): URL {
  const value = formValue(request, 'PresignedUrl');
  expect(value).toBeDefined();
  return new URL(value!);
}

/** Port, dates and signatures replaced, so two runs' bodies compare byte for byte. */
function normalizeBody(body: string): string {
  return body
    .replace(/127\.0\.0\.1%3A\d+/g, '127.0.0.1%3APORT')
    .replace(/\d{8}T\d{6}Z/g, 'AMZDATE')
    .replace(/%252F\d{8}%252F/g, '%252FDATE%252F')
    .replace(/[0-9a-f]{64}/g, 'SIGNATURE');
}

/** The same for decoded form pairs. */
function normalizeForm(form: readonly (readonly [string, string])[]): [string, string][] {
  return form.map(([k, v]) => [
    k,
    v
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
      .replace(/\d{8}T\d{6}Z/g, 'AMZDATE')
      .replace(/%2F\d{8}%2F/g, '%2FDATE%2F')
      .replace(/[0-9a-f]{64}/g, 'SIGNATURE'),
  ]);
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const ALL_MEMBERS_SHUFFLED = [
  '--dry-run',
  '--tag-specifications',
  '[{"ResourceType":"snapshot","Tags":[{"Key":"Name","Value":"café ☃"},{"Key":"team","Value":"a&b=c"}]},{"ResourceType":"volume","Tags":[{"Key":"x","Value":"y"}]}]',
  '--source-snapshot-id', 'snap-1',
  '--completion-duration-minutes', '30',
  '--kms-key-id', 'alias/my key',
  '--description', 'hello world*~',
  '--destination-availability-zone', 'us-east-1a',
  '--encrypted',
  '--destination-outpost-arn', 'arn:aws:outposts:us-east-1:123456789012:outpost/op-1',
  '--source-region', 'us-west-2',
];

// The body aws sent for ALL_MEMBERS_SHUFFLED with AWS_DEFAULT_REGION=us-east-1, normalized.
const ALL_MEMBERS_BODY_FROM_AWS =
  'Action=CopySnapshot&Version=2016-11-15&Description=hello+world%2A~' +
  '&DestinationOutpostArn=arn%3Aaws%3Aoutposts%3Aus-east-1%3A123456789012%3Aoutpost%2Fop-1&Encrypted=true&KmsKeyId=alias%2Fmy+key' +
  '&SourceRegion=us-west-2&SourceSnapshotId=snap-1&TagSpecification.1.ResourceType=snapshot&TagSpecification.1.Tag.1.Key=Name' +
  '&TagSpecification.1.Tag.1.Value=caf%C3%A9+%E2%98%83&TagSpecification.1.Tag.2.Key=team&TagSpecification.1.Tag.2.Value=a%26b%3Dc' +
  '&TagSpecification.2.ResourceType=volume&TagSpecification.2.Tag.1.Key=x&TagSpecification.2.Tag.1.Value=y' +
  '&CompletionDurationMinutes=30&DestinationAvailabilityZone=us-east-1a&DryRun=true' +
  '&PresignedUrl=http%3A%2F%2F127.0.0.1%3APORT%2F%3FAction%3DCopySnapshot%26Version%3D2016-11-15%26Description%3Dhello%2520world%252A~' +
  '%26DestinationOutpostArn%3Darn%253Aaws%253Aoutposts%253Aus-east-1%253A123456789012%253Aoutpost%252Fop-1%26Encrypted%3Dtrue' +
  '%26KmsKeyId%3Dalias%252Fmy%2520key%26SourceRegion%3Dus-west-2%26SourceSnapshotId%3Dsnap-1' +
  '%26TagSpecification.1.ResourceType%3Dsnapshot%26TagSpecification.1.Tag.1.Key%3DName' +
  '%26TagSpecification.1.Tag.1.Value%3Dcaf%25C3%25A9%2520%25E2%2598%2583%26TagSpecification.1.Tag.2.Key%3Dteam' +
  '%26TagSpecification.1.Tag.2.Value%3Da%2526b%253Dc%26TagSpecification.2.ResourceType%3Dvolume' +
  '%26TagSpecification.2.Tag.1.Key%3Dx%26TagSpecification.2.Tag.1.Value%3Dy%26CompletionDurationMinutes%3D30' +
  '%26DestinationAvailabilityZone%3Dus-east-1a%26DryRun%3Dtrue%26DestinationRegion%3Dus-east-1' +
  '%26X-Amz-Algorithm%3DAWS4-HMAC-SHA256%26X-Amz-Credential%3DAKIDEXAMPLE%252FDATE%252Fus-west-2%252Fec2%252Faws4_request' +
  '%26X-Amz-Date%3DAMZDATE%26X-Amz-Expires%3D3600%26X-Amz-SignedHeaders%3Dhost%26X-Amz-Signature%3DSIGNATURE' +
  '&DestinationRegion=us-east-1';

describe('request body (wire order and encoding)', () => {
  it('sends members in model order whatever the command-line order, then PresignedUrl, then DestinationRegion', async () => {
    const result = await copySnapshot(ALL_MEMBERS_SHUFFLED);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const request = onlyRequest();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/');
    expect(request.form.map(([k]) => k)).toEqual([
      'Action', 'Version', 'Description', 'DestinationOutpostArn', 'Encrypted', 'KmsKeyId', 'SourceRegion', 'SourceSnapshotId',
      'TagSpecification.1.ResourceType', 'TagSpecification.1.Tag.1.Key', 'TagSpecification.1.Tag.1.Value',
      'TagSpecification.1.Tag.2.Key', 'TagSpecification.1.Tag.2.Value',
      'TagSpecification.2.ResourceType', 'TagSpecification.2.Tag.1.Key', 'TagSpecification.2.Tag.1.Value',
      'CompletionDurationMinutes', 'DestinationAvailabilityZone', 'DryRun', 'PresignedUrl', 'DestinationRegion',
    ]);
    // Every value as aws sent it, the PresignedUrl byte for byte.
    expect(normalizeForm(request.form)).toEqual(decodeForm(ALL_MEMBERS_BODY_FROM_AWS));
  });

  // botocore's urlencode writes `+` for a space in the body (the presigned
  // URL inside it keeps %20).
  it('encodes the body byte for byte as aws does (space as +)', async () => {
    expect((await copySnapshot(ALL_MEMBERS_SHUFFLED)).code).toBe(0);
    expect(normalizeBody(onlyRequest().body)).toBe(ALL_MEMBERS_BODY_FROM_AWS);
  });

  // The SDK's own Content-Type lacks the charset that aws sends.
  it('sends Content-Type: application/x-www-form-urlencoded; charset=utf-8', async () => {
    expect((await copySnapshot(['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1'])).code).toBe(0);
    expect(onlyRequest().headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
  });

  it('with --cli-input-json sends command-line members first, then JSON-only keys as written, nested keys too', async () => {
    const result = await copySnapshot([
      '--source-region', 'us-west-2',
      '--cli-input-json',
      '{"TagSpecifications":[{"Tags":[{"Value":"v","Key":"k"}],"ResourceType":"snapshot"}],"SourceSnapshotId":"snap-1","Description":"d","SourceRegion":"eu-west-1"}',
      '--encrypted',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const request = onlyRequest();
    const expectedPairs = [
      ['Action', 'CopySnapshot'],
      ['Version', '2016-11-15'],
      ['Encrypted', 'true'],
      ['SourceRegion', 'us-west-2'],
      ['TagSpecification.1.Tag.1.Value', 'v'],
      ['TagSpecification.1.Tag.1.Key', 'k'],
      ['TagSpecification.1.ResourceType', 'snapshot'],
      ['SourceSnapshotId', 'snap-1'],
      ['Description', 'd'],
    ];
    expect(request.form.filter(([k]) => k !== 'PresignedUrl')).toEqual([...expectedPairs, ['DestinationRegion', 'us-east-1']]);
    expect([...presignedUrlOf(request).searchParams].slice(0, expectedPairs.length + 1)).toEqual([
      ...expectedPairs,
      ['DestinationRegion', 'us-east-1'],
    ]);
  });

  it('overwrites a user-given --destination-region in place with the client region', async () => {
    const result = await copySnapshot([
      '--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1', '--destination-region', 'eu-west-1', '--description', 'd',
    ]);
    expect(result.code).toBe(0);
    const request = onlyRequest();
    expect(request.form.map(([k, v]) => (k === 'PresignedUrl' ? [k] : [k, v]))).toEqual([
      ['Action', 'CopySnapshot'],
      ['Version', '2016-11-15'],
      ['Description', 'd'],
      ['DestinationRegion', 'us-east-1'],
      ['SourceRegion', 'us-west-2'],
      ['SourceSnapshotId', 'snap-1'],
      ['PresignedUrl'],
    ]);
    // In the presigned URL too, DestinationRegion keeps its model position.
    expect([...presignedUrlOf(request).searchParams.keys()].slice(0, 6)).toEqual([
      'Action', 'Version', 'Description', 'DestinationRegion', 'SourceRegion', 'SourceSnapshotId',
    ]);
    expect(presignedUrlOf(request).searchParams.get('DestinationRegion')).toBe('us-east-1');
  });

  it('with --presigned-url injects nothing and keeps --destination-region', async () => {
    // (A value starting with http:// would be fetched by aws v1 as a paramfile, so none is used here.)
    const result = await copySnapshot([
      '--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1', '--presigned-url', 'presigned?X=1',
      '--destination-region', 'eu-west-1', '--description', 'd',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(onlyRequest().form).toEqual([
      ['Action', 'CopySnapshot'],
      ['Version', '2016-11-15'],
      ['Description', 'd'],
      ['DestinationRegion', 'eu-west-1'],
      ['PresignedUrl', 'presigned?X=1'],
      ['SourceRegion', 'us-west-2'],
      ['SourceSnapshotId', 'snap-1'],
    ]);
  });
});

describe('signing', () => {
  it('signs the request with SigV4 for the client region', async () => {
    expect((await copySnapshot(['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1'])).code).toBe(0);
    const request = onlyRequest();
    const amzDate = String(request.headers['x-amz-date']);
    expect(amzDate).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.headers.authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${AKID}/${amzDate.slice(0, 8)}/us-east-1/ec2/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`),
    );
    // aws signs exactly these; the signed list must include them.
    const signed = /SignedHeaders=([^,]+)/.exec(String(request.headers.authorization))![1]!.split(';');
    expect(signed).toEqual(expect.arrayContaining(['content-type', 'host', 'x-amz-date']));
    expect(await verifySigV4(request, { secretAccessKey: SECRET, region: 'us-east-1', service: 'ec2' })).toBe(true);
    expect(await verifySigV4(request, { secretAccessKey: SECRET, region: 'us-west-2', service: 'ec2' })).toBe(false);
  });

  it('builds PresignedUrl as the request GET on the endpoint, query-signed for the source region', async () => {
    expect((await copySnapshot(['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1', '--description', 'a b'])).code).toBe(0);
    const request = onlyRequest();
    const raw = formValue(request, 'PresignedUrl')!;
    const url = new URL(raw);
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(`${ec2.url}/`);
    const query = [...url.searchParams];
    expect(query.map(([k]) => k)).toEqual([
      'Action', 'Version', 'Description', 'SourceRegion', 'SourceSnapshotId', 'DestinationRegion',
      'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature',
    ]);
    const q = Object.fromEntries(query);
    expect(q).toMatchObject({
      Action: 'CopySnapshot',
      Version: '2016-11-15',
      Description: 'a b',
      SourceRegion: 'us-west-2',
      SourceSnapshotId: 'snap-1',
      DestinationRegion: 'us-east-1',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Expires': '3600',
      'X-Amz-SignedHeaders': 'host',
    });
    expect(q['X-Amz-Date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(q['X-Amz-Credential']).toBe(`${AKID}/${q['X-Amz-Date']!.slice(0, 8)}/us-west-2/ec2/aws4_request`);
    expect(q['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    // botocore's encoding: %20 for space, / encoded in the credential.
    expect(raw).toContain('Description=a%20b&');
    expect(raw).toContain(`X-Amz-Credential=${AKID}%2F`);
    expect(await verifyPresignedUrl(raw, { secretAccessKey: SECRET })).toBe(true);
  });

  it('replaces the client region in the endpoint URL with the source region', async () => {
    // aws: --endpoint-url http://127.0.0.1:P/us-east-1/x/ → POST /us-east-1/x/, PresignedUrl http://127.0.0.1:P/us-west-2/x/?...
    const result = await copySnapshot(['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1'], {
      endpoint: `${ec2.url}/us-east-1/x/`,
    });
    expect(result.code).toBe(0);
    const request = onlyRequest();
    expect(request.path).toBe('/us-east-1/x/');
    expect(await verifySigV4(request, { secretAccessKey: SECRET, region: 'us-east-1', service: 'ec2' })).toBe(true);
    const raw = formValue(request, 'PresignedUrl')!;
    expect(raw.startsWith(`${ec2.url}/us-west-2/x/?Action=CopySnapshot&Version=2016-11-15&SourceRegion=us-west-2&`)).toBe(true);
    expect(await verifyPresignedUrl(raw, { secretAccessKey: SECRET })).toBe(true);
  });

  it('with --region us-west-2 signs for us-west-2 and presigns for the source region', async () => {
    const result = await copySnapshot(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--region', 'us-west-2']);
    expect(result.code).toBe(0);
    const request = onlyRequest();
    expect(request.headers.authorization).toContain('/us-west-2/ec2/aws4_request,');
    expect(await verifySigV4(request, { secretAccessKey: SECRET, region: 'us-west-2', service: 'ec2' })).toBe(true);
    const url = presignedUrlOf(request);
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\/\d{8}\/us-east-1\/ec2\/aws4_request$/);
    expect(url.searchParams.get('DestinationRegion')).toBe('us-west-2');
    expect(formValue(request, 'DestinationRegion')).toBe('us-west-2');
    expect(await verifyPresignedUrl(url.href, { secretAccessKey: SECRET })).toBe(true);
  });

  it('with a session token signs X-Amz-Security-Token and puts it in PresignedUrl before the signature', async () => {
    const env = { ...defaultEnv(), AWS_SESSION_TOKEN: 'TOKEN/x+y=' };
    expect((await copySnapshot(['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1'], { env })).code).toBe(0);
    const request = onlyRequest();
    expect(request.headers['x-amz-security-token']).toBe('TOKEN/x+y=');
    expect(String(request.headers.authorization)).toMatch(/SignedHeaders=[^,]*x-amz-security-token/);
    expect(await verifySigV4(request, { secretAccessKey: SECRET, region: 'us-east-1', service: 'ec2' })).toBe(true);
    const raw = formValue(request, 'PresignedUrl')!;
    // Captured from aws: ...&X-Amz-SignedHeaders=host&X-Amz-Security-Token=TOKEN%2Fx%2By%3D&X-Amz-Signature=...
    expect(raw).toMatch(/&X-Amz-SignedHeaders=host&X-Amz-Security-Token=TOKEN%2Fx%2By%3D&X-Amz-Signature=[0-9a-f]{64}$/);
    expect(await verifyPresignedUrl(raw, { secretAccessKey: SECRET })).toBe(true);
  });

  it('with --no-sign-request sends no Authorization and PresignedUrl is the bare endpoint URL', async () => {
    const { AWS_ACCESS_KEY_ID: _a, AWS_SECRET_ACCESS_KEY: _s, ...env } = defaultEnv();
    const result = await copySnapshot(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--no-sign-request'], { env });
    expect(result).toEqual({ code: 0, stdout: '{\n    "SnapshotId": "snap-0123456789abcdef0"\n}\n', stderr: '' });
    const request = onlyRequest();
    expect(request.headers.authorization).toBeUndefined();
    expect(request.form).toEqual([
      ['Action', 'CopySnapshot'],
      ['Version', '2016-11-15'],
      ['SourceRegion', 'us-east-1'],
      ['SourceSnapshotId', 'snap-1'],
      ['PresignedUrl', `${ec2.url}/`],
      ['DestinationRegion', 'us-east-1'],
    ]);
  });
});

describe('stdout', () => {
  it('prints Tags before SnapshotId, 4-space indented, non-ASCII as raw UTF-8, and nothing on stderr', async () => {
    const result = await copySnapshot(ALL_MEMBERS_SHUFFLED);
    // Only the ResourceType=snapshot tags come back (the endpoint echoes them as EC2 does).
    expect(result).toEqual({
      code: 0,
      stdout:
        '{\n    "Tags": [\n        {\n            "Key": "Name",\n            "Value": "café ☃"\n        },\n' +
        '        {\n            "Key": "team",\n            "Value": "a&b=c"\n        }\n    ],\n' +
        '    "SnapshotId": "snap-0123456789abcdef0"\n}\n',
      stderr: '',
    });
  });

  it('prints only SnapshotId when the response has no tagSet', async () => {
    const result = await copySnapshot(['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1']);
    expect(result).toEqual({ code: 0, stdout: '{\n    "SnapshotId": "snap-0123456789abcdef0"\n}\n', stderr: '' });
  });
});

describe('service errors', () => {
  const args = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-x'];

  it('prints the ClientError text with a leading blank line, exit 255', async () => {
    ec2.enqueue(errorResponse(400, 'InvalidSnapshot.NotFound', "The snapshot 'snap-x' does not exist."));
    expect(await copySnapshot(args)).toEqual({
      code: 255,
      stdout: '',
      stderr: "\nAn error occurred (InvalidSnapshot.NotFound) when calling the CopySnapshot operation: The snapshot 'snap-x' does not exist.\n",
    });
    expect(ec2.requests).toHaveLength(1);
  });

  it('treats DryRunOperation (HTTP 412) as a plain service error', async () => {
    ec2.enqueue(errorResponse(412, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.'));
    const result = await copySnapshot([...args, '--dry-run']);
    expect(result).toEqual({
      code: 255,
      stdout: '',
      stderr: '\nAn error occurred (DryRunOperation) when calling the CopySnapshot operation: Request would have succeeded, but DryRun flag is set.\n',
    });
    expect(formValue(onlyRequest(), 'DryRun')).toBe('true');
  });

  it('prints None for an empty <Message/>', async () => {
    ec2.enqueue({ status: 400, body: '<Response><Errors><Error><Code>AuthFailure</Code><Message/></Error></Errors><RequestID>r</RequestID></Response>' });
    expect(await copySnapshot(args)).toEqual({
      code: 255,
      stdout: '',
      stderr: '\nAn error occurred (AuthFailure) when calling the CopySnapshot operation: None\n',
    });
  });

  it('prints Unknown for a missing <Message>', async () => {
    ec2.enqueue({ status: 400, body: '<Response><Errors><Error><Code>AuthFailure</Code></Error></Errors><RequestID>r</RequestID></Response>' });
    expect(await copySnapshot(args)).toEqual({
      code: 255,
      stdout: '',
      stderr: '\nAn error occurred (AuthFailure) when calling the CopySnapshot operation: Unknown\n',
    });
  });

  it('retries a throttled request and succeeds', async () => {
    // aws (legacy retry mode) retried RequestLimitExceeded and printed the result.
    ec2.enqueue(throttlingResponse());
    const result = await copySnapshot(args);
    expect(result).toEqual({ code: 0, stdout: '{\n    "SnapshotId": "snap-0123456789abcdef0"\n}\n', stderr: '' });
    expect(ec2.requests.map((r) => r.action)).toEqual(['CopySnapshot', 'CopySnapshot']);
  });
});

describe('errors before or instead of an answer', () => {
  const args = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1'];
  // The SDK's container-credentials provider reads process.env, not io.env:
  // keep whatever the test runner's environment holds from reaching it.
  beforeEach(() => {
    for (const name of ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN']) {
      vi.stubEnv(name, undefined);
    }
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('names the endpoint with a trailing slash when the connection is refused', async () => {
    const port = await closedPort();
    expect(await copySnapshot(args, { endpoint: `http://127.0.0.1:${port}` })).toEqual({
      code: 255,
      stdout: '',
      stderr: `\nCould not connect to the endpoint URL: "http://127.0.0.1:${port}/"\n`,
    });
  });

  it('without a region prints the NoRegion text with no leading newline', async () => {
    const { AWS_DEFAULT_REGION: _r, ...env } = defaultEnv();
    expect(await copySnapshot(args, { env })).toEqual({
      code: 255,
      stdout: '',
      stderr: 'You must specify a region. You can also configure your region by running "aws configure".\n',
    });
    expect(ec2.requests).toHaveLength(0);
  });

  it.each([
    ['--profile nope', ['--profile', 'nope'], {}],
    ['AWS_PROFILE=nope', [], { AWS_PROFILE: 'nope' }],
  ])('with a missing profile (%s) prints that it could not be found', async (_name, extra, envExtra) => {
    expect(await copySnapshot([...args, ...extra], { env: { ...defaultEnv(), ...envExtra } })).toEqual({
      code: 255,
      stdout: '',
      stderr: '\nThe config profile (nope) could not be found\n',
    });
    expect(ec2.requests).toHaveLength(0);
  });

  it('without credentials prints the NoCredentials text with no leading newline', async () => {
    const env = { ...isolatedEnv(), AWS_DEFAULT_REGION: 'us-east-1' };
    expect(await copySnapshot(args, { env })).toEqual({
      code: 255,
      stdout: '',
      stderr: 'Unable to locate credentials. You can configure credentials by running "aws configure".\n',
    });
    expect(ec2.requests).toHaveLength(0);
  });

  it('with only AWS_SECRET_ACCESS_KEY in env finds no credentials', async () => {
    const env = { ...isolatedEnv(), AWS_DEFAULT_REGION: 'us-east-1', AWS_SECRET_ACCESS_KEY: SECRET };
    expect(await copySnapshot(args, { env })).toEqual({
      code: 255,
      stdout: '',
      stderr: 'Unable to locate credentials. You can configure credentials by running "aws configure".\n',
    });
  });

  it('with only AWS_ACCESS_KEY_ID in env reports partial credentials', async () => {
    const env = { ...isolatedEnv(), AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: AKID };
    expect(await copySnapshot(args, { env })).toEqual({
      code: 255,
      stdout: '',
      stderr: '\nPartial credentials found in env, missing: AWS_SECRET_ACCESS_KEY\n',
    });
    expect(ec2.requests).toHaveLength(0);
  });
});
