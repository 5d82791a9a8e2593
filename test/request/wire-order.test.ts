import { describe, expect, it } from 'vitest';
import { COPY_SNAPSHOT } from '../../src/model/copy-snapshot.js';
import { formatQuery, parseQueryBody, percentEncode, setPair } from '../../src/request/query-encoding.js';
import { orderLikeBotocore } from '../../src/request/wire-order.js';

// The SDK writes members in model order; botocore in the order of the params dict.
const SDK_BODY =
  'Action=CopySnapshot&Version=2016-11-15&Description=json&Encrypted=true&SourceRegion=us-east-1&SourceSnapshotId=snap-1' +
  '&TagSpecification.1.ResourceType=snapshot&TagSpecification.1.Tag.1.Key=a&TagSpecification.1.Tag.1.Value=1';

describe('orderLikeBotocore', () => {
  it('follows the params object: command-line keys first, then --cli-input-json keys, nested keys as written', () => {
    const params = {
      Description: 'json',
      SourceRegion: 'us-east-1',
      SourceSnapshotId: 'snap-1',
      TagSpecifications: [{ Tags: [{ Value: '1', Key: 'a' }], ResourceType: 'snapshot' }],
      Encrypted: true,
    };
    const ordered = orderLikeBotocore(parseQueryBody(SDK_BODY), params, COPY_SNAPSHOT.input).map(([k]) => k);
    expect(ordered).toEqual([
      'Action',
      'Version',
      'Description',
      'SourceRegion',
      'SourceSnapshotId',
      'TagSpecification.1.Tag.1.Value',
      'TagSpecification.1.Tag.1.Key',
      'TagSpecification.1.ResourceType',
      'Encrypted',
    ]);
  });

  it('keeps list items in index order', () => {
    const body = 'Action=CopySnapshot&Version=2016-11-15&TagSpecification.2.ResourceType=volume&TagSpecification.1.ResourceType=snapshot';
    const params = { TagSpecifications: [{ ResourceType: 'snapshot' }, { ResourceType: 'volume' }] };
    expect(orderLikeBotocore(parseQueryBody(body), params, COPY_SNAPSHOT.input).map(([k]) => k)).toEqual([
      'Action',
      'Version',
      'TagSpecification.1.ResourceType',
      'TagSpecification.2.ResourceType',
    ]);
  });
});

describe('query encoding', () => {
  it.each([
    ['a b', 'a%20b'],
    ['*', '%2A'],
    ['~-_.', '~-_.'],
    ["!'()", '%21%27%28%29'],
    ['é/:', '%C3%A9%2F%3A'],
  ])('percentEncode(%j)', (input, encoded) => {
    expect(percentEncode(input)).toBe(encoded);
  });

  it('decodes + and %20 as spaces and round-trips', () => {
    const pairs = parseQueryBody('A=x+y&B=a%20b&C=&D');
    expect(pairs).toEqual([
      ['A', 'x y'],
      ['B', 'a b'],
      ['C', ''],
      ['D', ''],
    ]);
    expect(formatQuery(pairs)).toBe('A=x%20y&B=a%20b&C=&D=');
  });

  it('setPair overwrites in place or appends, like a Python dict', () => {
    expect(setPair([['A', '1'], ['B', '2']], 'A', '9')).toEqual([['A', '9'], ['B', '2']]);
    expect(setPair([['A', '1']], 'C', '3')).toEqual([['A', '1'], ['C', '3']]);
  });
});
