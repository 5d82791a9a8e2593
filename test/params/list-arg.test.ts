// Expected output: fixtures/aws.json holds the stderr and exit code of the
// installed `aws ec2 copy-snapshot` (1.45.11) for the same --tag-specifications
// words / file:// contents (test/params/capture/capture-aws.mjs); a case that
// got as far as connecting ("Could not connect to the endpoint URL") passed
// parsing and validation. fixtures/reference.json runs the same awscli code
// in-process for many more inputs (capture.mjs + reference.py).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError, ParamError, ValidationError } from '../../src/errors.js';
import { COPY_SNAPSHOT } from '../../src/model/copy-snapshot.js';
import { parseListArgument, parseListArgumentValue } from '../../src/params/list-arg.js';
import { pyRepr } from '../../src/python/repr.js';
import { PyDict } from '../../src/python/value.js';
import { validateParams } from '../../src/params/validate.js';
import { TAG_SPECIFICATIONS, awsCases, describeError, referenceCases, stderrOf, withoutLocation } from './fixtures.js';

const OPTION = '--tag-specifications';

/** The request's parameters with this TagSpecifications value. */
const withTags = (value: unknown) => new PyDict([['SourceRegion', 'a'], ['SourceSnapshotId', 'b'], ['TagSpecifications', value]]);

/** What copy-snapshot would do up to sending: parse the option, validate the request. */
function runOurs(parse: () => unknown): CliError | undefined {
  try {
    const problems = validateParams(withTags(parse()), COPY_SNAPSHOT.input);
    if (problems.length > 0) throw new ValidationError(problems);
    return undefined;
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
}

function expectSameAsAws(ours: CliError | undefined, stderr: string, rc: number): void {
  if (stderr.includes('Could not connect to the endpoint URL')) {
    expect(ours).toBeUndefined();
    return;
  }
  expect(ours).toBeDefined();
  expect(rc).toBe(255);
  const printed = stderrOf(ours!);
  if (stderr.includes('{self._error_location()}')) expect(withoutLocation(printed)).toBe(withoutLocation(stderr));
  else expect(printed).toBe(stderr);
}

describe('parseListArgument: same stderr as aws for the same words', () => {
  it.each(awsCases('words').map((c) => [c.input, c.stderr, c.rc] as const))('%j', (words, stderr, rc) => {
    expectSameAsAws(runOurs(() => parseListArgument(words, OPTION, TAG_SPECIFICATIONS)), stderr, rc);
  });
});

describe('parseListArgumentValue: same stderr as aws for the same file:// contents', () => {
  it.each(awsCases('file').map((c) => [c.input, c.stderr, c.rc] as const))('%j', (content, stderr, rc) => {
    expectSameAsAws(runOurs(() => parseListArgumentValue(content, OPTION, TAG_SPECIFICATIONS)), stderr, rc);
  });

  it('fails on fileb:// bytes as Python does', () => {
    expect(() => parseListArgumentValue(new Uint8Array([97]), OPTION, TAG_SPECIFICATIONS)).toThrow(
      new CliError('general', "'in <string>' requires string as left operand, not int"),
    );
  });
});

describe('parseListArgument: values', () => {
  it.each([
    [[], '[]'],
    [['ResourceType=snapshot,Tags={Key=a,Value=1}'], "[{'ResourceType': 'snapshot', 'Tags': [{'Key': 'a', 'Value': '1'}]}]"],
    [['ResourceType=snapshot', 'ResourceType=volume'], "[{'ResourceType': 'snapshot'}, {'ResourceType': 'volume'}]"],
    [['[{"ResourceType":"snapshot"}]'], "[OrderedDict([('ResourceType', 'snapshot')])]"],
    [['{"ResourceType":"snapshot"}', '{"ResourceType":"volume"}'], "[OrderedDict([('ResourceType', 'snapshot')]), OrderedDict([('ResourceType', 'volume')])]"],
  ])('%j', (words, repr) => {
    expect(pyRepr(parseListArgument(words, OPTION, TAG_SPECIFICATIONS))).toBe(repr);
  });

  it('wraps shorthand errors in ParamError for the option', () => {
    expect(() => parseListArgument(['ResourceType'], OPTION, TAG_SPECIFICATIONS)).toThrow(
      new ParamError(OPTION, "Expected: '=', received: 'EOF' for input:\nResourceType\n            ^"),
    );
  });

  it('passes loaded @= values through', () => {
    const value = parseListArgument(['ResourceType@=file://rt'], OPTION, TAG_SPECIFICATIONS, { loadParamfile: () => 'snapshot' });
    expect(pyRepr(value)).toBe("[{'ResourceType': 'snapshot'}]");
  });
});

describe('matches the AWS CLI argument handling (fixtures/reference.json)', () => {
  const outcome = (parse: () => unknown): object => {
    try {
      return { repr: pyRepr(parse()) };
    } catch (e) {
      return describeError(e);
    }
  };
  it.each(referenceCases('words').map((c) => [c.input, c.expected] as const))('words %j', (words, expected) => {
    expect(outcome(() => parseListArgument(words, OPTION, TAG_SPECIFICATIONS))).toEqual(expected);
  });
  it.each(referenceCases('value').map((c) => [c.input, c.expected] as const))('value %j', (text, expected) => {
    expect(outcome(() => parseListArgumentValue(text, OPTION, TAG_SPECIFICATIONS))).toEqual(expected);
  });
  it.each(referenceCases('wordsvalidate').map((c) => [c.input, c.expected] as const))('validated %j', (words, expected) => {
    const result = (() => {
      try {
        const value = parseListArgument(words, OPTION, TAG_SPECIFICATIONS);
        return { report: validateParams(withTags(value), COPY_SNAPSHOT.input).join('\n') };
      } catch (e) {
        return describeError(e);
      }
    })();
    expect(result).toEqual(expected);
  });
});

describe('parseListArgument: properties', () => {
  const piece = fc.constantFrom(
    'ResourceType', 'Tags', 'Key', 'Value', '=', ',', '[', ']', '{', '}', '"', "'", ':', ' ', '\n', '\\', 'a', '1', '@', 'snapshot', 'é', '😀', '\t',
  );
  const word = fc.oneof(fc.string({ unit: piece, maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.json());

  it('returns a list or throws ParamError / the general IndexError (10,000 generated word lists)', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 3 }), (words) => {
        try {
          expect(Array.isArray(parseListArgument(words, OPTION, TAG_SPECIFICATIONS))).toBe(true);
        } catch (e) {
          if (e instanceof ParamError) return;
          if (e instanceof CliError && e.kind === 'general' && e.message === 'string index out of range') return;
          throw e;
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('one shell word per structure: n valid shorthand words give n elements', () => {
    const resourceType = fc.constantFrom('snapshot', 'volume', 'image');
    fc.assert(
      fc.property(fc.array(resourceType, { maxLength: 5 }), (types) => {
        const value = parseListArgument(types.map((t) => `ResourceType=${t}`), OPTION, TAG_SPECIFICATIONS);
        expect(value).toEqual(types.map((t) => new PyDict([['ResourceType', t]])));
      }),
      { numRuns: 200 },
    );
  });
});
