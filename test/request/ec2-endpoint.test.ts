// The shared test endpoint itself: what it records, what it answers, and
// that its SigV4 checks accept what the real AWS CLI signs and reject
// anything changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

// Sent by aws-cli/1.45.11 (botocore/1.43.11) with AWS_SESSION_TOKEN=TOKEN, region us-east-1:
//   aws ec2 copy-snapshot --source-region us-west-2 --source-snapshot-id snap-1 --description 'a b' --endpoint-url http://127.0.0.1:36859
const PRESIGNED_FROM_AWS =
  'http://127.0.0.1:36859/?Action=CopySnapshot&Version=2016-11-15&Description=a%20b&SourceRegion=us-west-2&SourceSnapshotId=snap-1' +
  '&DestinationRegion=us-east-1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261124%2Fus-west-2%2Fec2%2Faws4_request' +
  '&X-Amz-Date=20261124T232706Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Security-Token=TOKEN' +
  '&X-Amz-Signature=d98933f02581584842f0b0b8f28661e1fcc96cf1ef8bd61d01a07ec9e712e46f';
const BODY_FROM_AWS =
  'Action=CopySnapshot&Version=2016-11-15&Description=a+b&SourceRegion=us-west-2&SourceSnapshotId=snap-1' +
  `&PresignedUrl=${encodeURIComponent(PRESIGNED_FROM_AWS)}&DestinationRegion=us-east-1`;
const REQUEST_FROM_AWS: RecordedRequest = {
  method: 'POST',
  path: '/',
  headers: {
    host: '127.0.0.1:36859',
    'accept-encoding': 'identity',
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    'user-agent': 'aws-cli/1.45.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v509 md/arch#x86_64 lang/python#3.11.7',
    'x-amz-date': '20261124T232706Z',
    'x-amz-security-token': 'TOKEN',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261124/us-east-1/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, ' +
      'Signature=312dffd8d45c3eb404cab03a172c87c2c6d52d600333486977145b4f0c8d1893',
    'amz-sdk-invocation-id': '0d90ad6b-6064-44b1-ba04-afc606d9aac5',
    'amz-sdk-request': 'attempt=1',
    'content-length': '656',
  },
  body: BODY_FROM_AWS,
  form: decodeForm(BODY_FROM_AWS),
  action: 'CopySnapshot',
};

describe('verifySigV4', () => {
  const expected = { secretAccessKey: SECRET, region: 'us-east-1', service: 'ec2' };

  it('accepts a request signed by the AWS CLI', async () => {
    expect(BODY_FROM_AWS).toHaveLength(656);
    expect(await verifySigV4(REQUEST_FROM_AWS, expected)).toBe(true);
  });

  it.each([
    ['another secret', REQUEST_FROM_AWS, { ...expected, secretAccessKey: 'other' }],
    ['another region', REQUEST_FROM_AWS, { ...expected, region: 'us-west-2' }],
    ['a changed body', { ...REQUEST_FROM_AWS, body: BODY_FROM_AWS.replace('snap-1', 'snap-2') }, expected],
    ['a changed signed header', { ...REQUEST_FROM_AWS, headers: { ...REQUEST_FROM_AWS.headers, 'x-amz-security-token': 'OTHER' } }, expected],
    ['no Authorization header', { ...REQUEST_FROM_AWS, headers: { ...REQUEST_FROM_AWS.headers, authorization: undefined } }, expected],
  ])('rejects %s', async (_name, request, options) => {
    expect(await verifySigV4(request, options)).toBe(false);
  });
});

describe('verifyPresignedUrl', () => {
  it('accepts a URL presigned by the AWS CLI', async () => {
    expect(await verifyPresignedUrl(PRESIGNED_FROM_AWS, { secretAccessKey: SECRET })).toBe(true);
  });

  it.each([
    ['another secret', PRESIGNED_FROM_AWS, 'other'],
    ['a changed parameter', PRESIGNED_FROM_AWS.replace('DestinationRegion=us-east-1', 'DestinationRegion=eu-west-1'), SECRET],
    ['a changed expiry', PRESIGNED_FROM_AWS.replace('X-Amz-Expires=3600', 'X-Amz-Expires=3601'), SECRET],
    ['a changed host', PRESIGNED_FROM_AWS.replace('127.0.0.1:36859', '127.0.0.1:36860'), SECRET],
    ['no signature', PRESIGNED_FROM_AWS.replace(/&X-Amz-Signature=.*$/, ''), SECRET],
  ])('rejects %s', async (_name, url, secretAccessKey) => {
    expect(await verifyPresignedUrl(url, { secretAccessKey })).toBe(false);
  });
});

describe('startEc2Endpoint', () => {
  let ec2: Ec2Endpoint;
  beforeEach(async () => {
    ec2 = await startEc2Endpoint({ snapshotId: 'snap-new' });
  });
  afterEach(async () => {
    await ec2.close();
  });

  function post(body: string): Promise<{ status: number; text: string }> {
    return fetch(`${ec2.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    }).then(async (r) => ({ status: r.status, text: await r.text() }));
  }

  it('records method, path, headers, raw body and the ordered decoded form', async () => {
    await post('Action=CopySnapshot&Version=2016-11-15&Description=a+b%2A&SourceRegion=us-west-2');
    expect(ec2.requests).toHaveLength(1);
    expect(ec2.requests[0]).toMatchObject({
      method: 'POST',
      path: '/',
      body: 'Action=CopySnapshot&Version=2016-11-15&Description=a+b%2A&SourceRegion=us-west-2',
      form: [
        ['Action', 'CopySnapshot'],
        ['Version', '2016-11-15'],
        ['Description', 'a b*'],
        ['SourceRegion', 'us-west-2'],
      ],
      action: 'CopySnapshot',
    });
    expect(ec2.requests[0]!.headers.host).toBe(`127.0.0.1:${ec2.port}`);
  });

  it('answers CopySnapshot with the snapshot id and echoes only ResourceType=snapshot tags', async () => {
    const answer = await post(
      'Action=CopySnapshot&TagSpecification.1.ResourceType=volume&TagSpecification.1.Tag.1.Key=v&TagSpecification.1.Tag.1.Value=1' +
        '&TagSpecification.2.ResourceType=snapshot&TagSpecification.2.Tag.1.Key=k&TagSpecification.2.Tag.1.Value=%3Cx%3E' +
        '&TagSpecification.2.Tag.2.Key=e&TagSpecification.2.Tag.2.Value=',
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<CopySnapshotResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/"><requestId>[0-9a-f-]{36}<\/requestId>/,
    );
    expect(answer.text).toContain(
      '<snapshotId>snap-new</snapshotId><tagSet><item><key>k</key><value>&lt;x&gt;</value></item>' +
        '<item><key>e</key><value></value></item></tagSet></CopySnapshotResponse>',
    );
    expect((await post('Action=CopySnapshot')).text).not.toContain('tagSet');
  });

  it('answers DescribeSnapshots through the scripted state sequence, repeating the last', async () => {
    ec2.setSnapshotStates([
      { state: 'pending', progress: '10%' },
      { state: 'error', progress: '50%', stateMessage: 'Broken <disk>' },
    ]);
    const first = await post('Action=DescribeSnapshots&SnapshotId.1=snap-abc');
    expect(first.text).toContain('<snapshotId>snap-abc</snapshotId>');
    expect(first.text).toContain('<status>pending</status><startTime>');
    expect(first.text).toContain('<progress>10%</progress>');
    for (const _ of [1, 2]) {
      const later = await post('Action=DescribeSnapshots&SnapshotId.1=snap-abc');
      expect(later.text).toContain('<status>error</status><statusMessage>Broken &lt;disk&gt;</statusMessage>');
      expect(later.text).toContain('<progress>50%</progress>');
    }
  });

  it('answers from the queue first, then the handler, then the defaults', async () => {
    ec2.enqueue(errorResponse(400, 'First', 'one'), throttlingResponse());
    ec2.respondWith((request) => (request.form.some(([k]) => k === 'Handled') ? { status: 418, body: 'teapot' } : undefined));
    const answers = [
      await post('Action=CopySnapshot&Handled=1'),
      await post('Action=CopySnapshot&Handled=1'),
      await post('Action=CopySnapshot&Handled=1'),
      await post('Action=CopySnapshot'),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 503, 418, 200]);
    expect(answers[0]!.text).toMatch(
      /<Response><Errors><Error><Code>First<\/Code><Message>one<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/,
    );
    expect(answers[1]!.text).toContain('<Code>RequestLimitExceeded</Code>');
    expect(ec2.requests).toHaveLength(4);
  });

  it('delays the default answer, and can hang up without one', async () => {
    ec2.enqueue({ delayMs: 300 }, { hangUp: true });
    const finished: string[] = [];
    const late = post('Action=CopySnapshot').then((answer) => (finished.push('delayed'), answer));
    // The second request only once the first has taken the delayed answer.
    while (ec2.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const hungUp = expect(post('Action=CopySnapshot')).rejects.toThrow();
    await hungUp;
    finished.push('hung up');
    const answer = await late;
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<snapshotId>snap-new</snapshotId>');
    // The second request was sent after the first and ended first: the first was held back.
    expect(finished).toEqual(['hung up', 'delayed']);
  });

  it('rejects an unknown action as EC2 does', async () => {
    const answer = await post('Action=RunInstances');
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('<Code>InvalidAction</Code>');
  });
});
