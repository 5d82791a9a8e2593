// Expected output: fixtures/aws.json holds the stderr of the installed `aws
// ec2 copy-snapshot --cli-input-json <document>` (1.45.11), captured by
// test/params/capture/capture-aws.mjs; fixtures/reference.json has botocore's
// ParamValidator report for many more documents (capture.mjs + reference.py).
// --cli-input-json is parsed with plain dicts (json.loads, no OrderedDict).
import { describe, expect, it } from 'vitest';
import { CliError, ParamError, ValidationError } from '../../src/errors.js';
import { COPY_SNAPSHOT } from '../../src/model/copy-snapshot.js';
import { validateParams } from '../../src/params/validate.js';
import { PythonJsonError, jsonLoads } from '../../src/python/json.js';
import { PyDict, PyFloat, fromJs } from '../../src/python/value.js';
import { awsCases, referenceCases, stderrOf } from './fixtures.js';

const INPUT = COPY_SNAPSHOT.input;

/** --cli-input-json alone: decode, then validate. */
function cliInputJson(text: string): CliError | undefined {
  let document: unknown;
  try {
    document = jsonLoads(text);
  } catch (e) {
    if (e instanceof PythonJsonError) return new ParamError('cli-input-json', `Invalid JSON: ${e.message}\nJSON received: ${text}`);
    throw e;
  }
  const problems = validateParams(document as PyDict, INPUT);
  return problems.length > 0 ? new ValidationError(problems) : undefined;
}

describe('validateParams: same stderr as aws --cli-input-json', () => {
  it.each(awsCases('cli-input-json').map((c) => [c.input, c.stderr] as const))('%s', (text, stderr) => {
    const ours = cliInputJson(text);
    if (stderr.includes('Could not connect to the endpoint URL')) expect(ours).toBeUndefined();
    else expect(stderrOf(ours!)).toBe(stderr);
  });
});

describe('validateParams: botocore rules', () => {
  it.each([
    [{ SourceRegion: 'a', SourceSnapshotId: 'b' }, []],
    [
      { SourceRegion: 'a', SourceSnapshotId: 'b', TagSpecifications: [{ ResourceType: 'snapshot', Foo: 'x' }] },
      ['Unknown parameter in TagSpecifications[0]: "Foo", must be one of: ResourceType, Tags'],
    ],
    [
      { SourceRegion: 'a', SourceSnapshotId: 'b', CompletionDurationMinutes: 0 },
      ['Invalid value for parameter CompletionDurationMinutes, value: 0, valid min value: 1'],
    ],
    [
      { SourceRegion: 'a', SourceSnapshotId: 'b', CompletionDurationMinutes: true },
      [],
    ],
    [
      { SourceRegion: 'a', SourceSnapshotId: 'b', CompletionDurationMinutes: new PyFloat(15) },
      ["Invalid type for parameter CompletionDurationMinutes, value: 15.0, type: <class 'float'>, valid types: <class 'int'>"],
    ],
    [
      { SourceRegion: 'a', Description: null, DryRun: 'yes' },
      [
        'Missing required parameter in input: "SourceSnapshotId"',
        "Invalid type for parameter Description, value: None, type: <class 'NoneType'>, valid types: <class 'str'>",
        "Invalid type for parameter DryRun, value: yes, type: <class 'str'>, valid types: <class 'bool'>",
      ],
    ],
    [
      { SourceRegion: 'a', SourceSnapshotId: 'b', Description: new Uint8Array([102, 10]) },
      ["Invalid type for parameter Description, value: b'f\\n', type: <class 'bytes'>, valid types: <class 'str'>"],
    ],
    [
      { SourceRegion: 'a', SourceSnapshotId: 'b', TagSpecifications: [{ ResourceType: 'snapshot', Tags: ['1', '2'] }] },
      [
        "Invalid type for parameter TagSpecifications[0].Tags[0], value: 1, type: <class 'str'>, valid types: <class 'dict'>",
        "Invalid type for parameter TagSpecifications[0].Tags[1], value: 2, type: <class 'str'>, valid types: <class 'dict'>",
      ],
    ],
    [
      { SourceRegion: 'a', SourceSnapshotId: 'b', TagSpecifications: { ResourceType: 'snapshot', Tags: [{ Key: 'sh', Value: '1' }] } },
      [
        "Invalid type for parameter TagSpecifications, value: {'ResourceType': 'snapshot', 'Tags': [{'Key': 'sh', 'Value': '1'}]}, type: <class 'dict'>, valid types: <class 'list'>, <class 'tuple'>",
      ],
    ],
  ])('case %#', (params, problems) => {
    expect(validateParams(fromJs(params) as PyDict, INPUT)).toEqual(problems);
  });

  it('lists unknown keys in input order, integer-like keys included', () => {
    const params = new PyDict([['SourceRegion', 'a'], ['SourceSnapshotId', 'b'], ['b', 1], ['0', 2], ['__proto__', 3]]);
    expect(validateParams(params, INPUT).map((p) => p.slice(0, 30))).toEqual([
      'Unknown parameter in input: "b',
      'Unknown parameter in input: "0',
      'Unknown parameter in input: "_',
    ]);
  });

  it('reports missing members in the model\'s order, before the unknown keys', () => {
    const params = new PyDict([['2', 1], ['Zeta', 2], ['1', 3]]);
    expect(validateParams(params, INPUT).map((p) => p.slice(0, 46))).toEqual([
      'Missing required parameter in input: "SourceRe',
      'Missing required parameter in input: "SourceSn',
      'Unknown parameter in input: "2", must be one o',
      'Unknown parameter in input: "Zeta", must be on',
      'Unknown parameter in input: "1", must be one o',
    ]);
  });

  it('counts a key holding None as present', () => {
    expect(validateParams(new PyDict([['SourceRegion', 'a'], ['SourceSnapshotId', null]]), INPUT)).toEqual([
      "Invalid type for parameter SourceSnapshotId, value: None, type: <class 'NoneType'>, valid types: <class 'str'>",
    ]);
  });
});

describe('validateParams: matches botocore (fixtures/reference.json)', () => {
  it.each(referenceCases('validate').map((c) => [c.input, c.expected.report] as const))('%s', (text, report) => {
    const document = jsonLoads(text) as PyDict;
    expect(validateParams(document, INPUT).join('\n')).toBe(report);
  });
});
