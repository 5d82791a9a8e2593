// The parameters as botocore's EC2 serializer holds them: the SDK input and
// the --debug `Making request` line. The expected line is aws 1.45.11's for
//   aws ec2 copy-snapshot --source-region us-east-1 --source-snapshot-id snap-1234 --description 'x y' \
//     --tag-specifications 'ResourceType=snapshot,Tags=[{Key=a,Value=b}]' \
//     --completion-duration-minutes 99999999999999999999 --encrypted --endpoint-url http://127.0.0.1:15123 --debug
// less the User-Agent header, the context and the PresignedUrl/DestinationRegion (see serialize.ts).
import { describe, expect, it } from 'vitest';
import { COPY_SNAPSHOT } from '../../src/model/copy-snapshot.js';
import { paramsFromOptions } from '../../src/params/build.js';
import { makingRequestMessage, sdkInput } from '../../src/params/serialize.js';
import { PyDict, PyFloat } from '../../src/python/value.js';

const V1_BODY =
  "{'Action': 'CopySnapshot', 'Version': '2016-11-15', 'Description': 'x y', 'Encrypted': 'true', 'SourceRegion': 'us-east-1', " +
  "'SourceSnapshotId': 'snap-1234', 'TagSpecification.1.ResourceType': 'snapshot', 'TagSpecification.1.Tag.1.Key': 'a', " +
  "'TagSpecification.1.Tag.1.Value': 'b', 'CompletionDurationMinutes': 99999999999999999999}";

describe('makingRequestMessage', () => {
  it("prints botocore's request dict, its body as the EC2 serializer flattens the parameters", async () => {
    const params = await paramsFromOptions(
      {
        SourceRegion: 'us-east-1',
        SourceSnapshotId: 'snap-1234',
        Description: 'x y',
        TagSpecifications: ['ResourceType=snapshot,Tags=[{Key=a,Value=b}]'],
        CompletionDurationMinutes: '99999999999999999999',
        Encrypted: true,
      },
      COPY_SNAPSHOT.input,
      { env: {}, followUrls: false },
    );
    expect(makingRequestMessage('CopySnapshot', params, 'http://127.0.0.1:15123')).toBe(
      "Making request for OperationModel(name=CopySnapshot) with params: {'url_path': '/', 'query_string': '', 'method': 'POST', " +
        "'headers': {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}, " +
        `'body': ${V1_BODY}, 'url': 'http://127.0.0.1:15123/'}`,
    );
  });

  it('keeps the dict order of --cli-input-json keys and an endpoint path', () => {
    const params = new PyDict([
      ['SourceSnapshotId', 's'],
      ['TagSpecifications', [new PyDict([['Tags', [new PyDict([['Value', 'v'], ['Key', 'k']])]], ['ResourceType', 'snapshot']])]],
      ['DryRun', false],
    ]);
    expect(makingRequestMessage('CopySnapshot', params, 'https://h/p')).toContain(
      "'body': {'Action': 'CopySnapshot', 'Version': '2016-11-15', 'SourceSnapshotId': 's', 'TagSpecification.1.Tag.1.Value': 'v', " +
        "'TagSpecification.1.Tag.1.Key': 'k', 'TagSpecification.1.ResourceType': 'snapshot', 'DryRun': 'false'}, 'url': 'https://h/p'}",
    );
  });

  it('flattens DescribeSnapshots input', () => {
    const input = new PyDict([
      ['OwnerIds', ['self']],
      ['Filters', [new PyDict([['Name', 'tag:x'], ['Values', ['a', 'b']]])]],
    ]);
    expect(makingRequestMessage('DescribeSnapshots', input, 'https://ec2.us-east-1.amazonaws.com')).toContain(
      "'body': {'Action': 'DescribeSnapshots', 'Version': '2016-11-15', 'Owner.1': 'self', 'Filter.1.Name': 'tag:x', 'Filter.1.Value.1': 'a', 'Filter.1.Value.2': 'b'}",
    );
  });
});

describe('sdkInput', () => {
  it("gives string and integer members Python's str() of a non-string scalar, booleans as they are", () => {
    const input = sdkInput(
      new PyDict([
        ['Description', null],
        ['KmsKeyId', true],
        ['CompletionDurationMinutes', new PyFloat(1)],
        ['DestinationRegion', new PyFloat(1e16)],
        ['Encrypted', false],
        ['SourceRegion', 'x'],
        ['TagSpecifications', [new PyDict([['ResourceType', 'snapshot'], ['Tags', [new PyDict([['Key', 1n]])]]])]],
      ]),
    );
    expect(input).toEqual({
      Description: 'None',
      KmsKeyId: 'True',
      CompletionDurationMinutes: '1.0',
      DestinationRegion: '1e+16',
      Encrypted: false,
      SourceRegion: 'x',
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: '1' }] }],
    });
  });
});
