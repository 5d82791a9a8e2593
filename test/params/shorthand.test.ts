// Expected values: the inline tables were captured from `aws ec2 copy-snapshot
// --tag-specifications <input>` (AWS CLI 1.45.11) and, for the input/caret part
// that 1.45.11 prints as `{self._error_location()}`, from the same exception's
// _error_location() in the installed awscli.shorthand (the 1.45.53+ output,
// decisions.md 4). The bulk table comes from fixtures/reference.json
// (test/params/capture/capture.mjs + reference.py: awscli's ShorthandParser,
// repr() of the result).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { pyRepr } from '../../src/python/repr.js';
import { AtFileRef, ShorthandSyntaxError, errorLocation, parseShorthand } from '../../src/params/shorthand.js';
import { describeError, referenceCases } from './fixtures.js';

function outcome(input: string): { repr?: string; error?: string; general?: string } {
  try {
    return { repr: pyRepr(parseShorthand(input)) };
  } catch (e) {
    return describeError(e);
  }
}

describe('parseShorthand: values', () => {
  it.each([
    ['a=b', "{'a': 'b'}"],
    ['a=b,c', "{'a': ['b', 'c']}"],
    ['a=b,c,d=e', "{'a': ['b', 'c'], 'd': 'e'}"],
    ['a=', "{'a': ''}"],
    ['=b', "{'': 'b'}"],
    ['a=b c', "{'a': 'b c'}"],
    ['a=b=c', "{'a': 'b=c'}"],
    ['a=\\,b', "{'a': ',b'}"],
    ['a=[b,]', "{'a': ['b']}"],
    ['a=[]', "{'a': []}"],
    ['a=[,]', "{'a': ['']}"],
    ['a=[[b],[c,d]]', "{'a': [['b'], ['c', 'd']]}"],
    ['a={}', "{'a': {}}"],
    ['a={b=c,b=d}', "{'a': {'b': 'd'}}"],
    ["a={Key=k,Value=''}", "{'a': {'Key': 'k', 'Value': ''}}"],
    ['a="x,y"', "{'a': 'x,y'}"],
    ["a='it\\'s'", '{\'a\': "it\'s"}'],
    ['a="say \\"hi\\""', '{\'a\': \'say "hi"\'}'],
    ["a='a\\\\' b'", "{'a': \"a\\\\' b\"}"],
    ["a='abc\\'", "{'a': 'abc\\\\'}"],
    ['a=b\nc', "{'a': 'b\\nc'}"],
    ['a=\u00a0b\u00a0', "{'a': '\\xa0b'}"],
    ['ResourceType=snapshot,Tags=[{Key=a,Value=1}]', "{'ResourceType': 'snapshot', 'Tags': [{'Key': 'a', 'Value': '1'}]}"],
    ['k#1.x/y:z-_=v', "{'k#1.x/y:z-_': 'v'}"],
  ])('%j → %s', (input, repr) => {
    expect(outcome(input)).toEqual({ repr });
  });
});

describe('parseShorthand: errors', () => {
  it.each([
    [
      'ResourceType=snapshot,Tags=[{Key=a,Value=1}',
      "Expected: ',', received: 'EOF' for input:\nResourceType=snapshot,Tags=[{Key=a,Value=1}\n                                           ^",
    ],
    ['ResourceType', "Expected: '=', received: 'EOF' for input:\nResourceType\n            ^"],
    ['ResourceType==x', "Expected: ',', received: '=' for input:\nResourceType==x\n             ^"],
    [
      'ResourceType=snapshot,ResourceType=volume',
      'Second instance of key "ResourceType" encountered for input:\nResourceType=snapshot,ResourceType=volume\n                      ^\nThis is often because there is a preceding "," instead of a space.',
    ],
    [
      'ResourceType=snapshot,Tags=[{Key=a,Value=1}],\nResourceType=volume',
      'Second instance of key "ResourceType" encountered for input:\nResourceType=snapshot,Tags=[{Key=a,Value=1}],\n                                             ^\nResourceType=volume\nThis is often because there is a preceding "," instead of a space.',
    ],
    ['ResourceType=snapshot,', "Expected: '<second>', received: '<none>' for input:\nResourceType=snapshot,\n                      ^"],
    ["ResourceType='snapshot", "Expected: '<singled quoted>', received: '<none>' for input:\nResourceType='snapshot\n             ^"],
    ['ResourceType="snapshot', "Expected: '<double quoted>', received: '<none>' for input:\nResourceType=\"snapshot\n             ^"],
    ['ResourceType=snapshot,Tags=[{Key=k,Value=}]', "Expected: ',', received: ']' for input:\nResourceType=snapshot,Tags=[{Key=k,Value=}]\n                                          ^"],
    ['ResourceType=😀,Tags=[{Key=é,Value=x}]', "Expected: ',', received: '😀' for input:\nResourceType=😀,Tags=[{Key=é,Value=x}]\n             ^"],
    ['a=b,\nc==d', "Expected: ',', received: '=' for input:\na=b,\nc==d\n  ^"],
    ['', "Expected: '=', received: 'EOF' for input:\n\n^"],
    [' a = b ', "Expected: '=', received: 'a' for input:\n a = b \n ^"],
    ['a=b,,c', "Expected: '=', received: 'EOF' for input:\na=b,,c\n      ^"],
  ])('%j', (input, error) => {
    expect(outcome(input)).toEqual({ error });
  });

  it('carries the input and caret index', () => {
    const error = (() => {
      try {
        parseShorthand('a==b');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ShorthandSyntaxError);
    expect(error).toMatchObject({ input: 'a==b', index: 2 });
  });

  it('places the caret line after the line holding the index', () => {
    expect(errorLocation('ab\ncd\nef', 4)).toBe('ab\ncd\n ^\nef');
    expect(errorLocation('ab\ncd', 2)).toBe('ab\n  ^\ncd');
    expect(errorLocation('a😀b', 2)).toBe('a😀b\n  ^');
  });
});

describe('parseShorthand: @= values', () => {
  it('loads file:// and fileb:// values through the loader, in order', () => {
    const seen: string[] = [];
    const value = parseShorthand('a@=file://x,b={c@=fileb://y,d=file://z},e @ = plain', {
      loadParamfile: (v) => {
        seen.push(v);
        return v.startsWith('fileb://') ? new Uint8Array([104, 105]) : `<${v}>`;
      },
    });
    expect(seen).toEqual(['file://x', 'fileb://y']);
    expect(pyRepr(value)).toBe("{'a': '<file://x>', 'b': {'c': b'hi', 'd': 'file://z'}, 'e': 'plain'}");
  });

  it('returns AtFileRef without a loader', () => {
    const value = parseShorthand('a@=file://x');
    expect(value.get('a')).toEqual(new AtFileRef('file://x'));
  });

  it('lets loader errors through', () => {
    const failure = new CliError('general', "Unable to load paramfile file:///nope: [Errno 2] No such file or directory: '/nope'");
    expect(() =>
      parseShorthand('ResourceType@=file:///nope', {
        loadParamfile: () => {
          throw failure;
        },
      }),
    ).toThrow(failure);
  });
});

describe('parseShorthand: nesting depth (RecursionError, measured on aws 1.45.11)', () => {
  it.each([
    ['a=' + '['.repeat(487) + ']'.repeat(487), 'a=' + '['.repeat(488) + ']'.repeat(488)],
    ['a=' + '{a='.repeat(486) + '}'.repeat(486), 'a=' + '{a='.repeat(487) + '}'.repeat(487)],
    ['a=' + '['.repeat(485) + '"x"', 'a=' + '['.repeat(486) + '"x"'],
    ['a=' + '[{a='.repeat(243), 'a=' + '[{a='.repeat(244)],
  ])('deepest accepted vs first refused (%#)', (ok, tooDeep) => {
    expect(outcome(ok).general).toBeUndefined();
    expect(outcome(tooDeep)).toEqual({ general: 'maximum recursion depth exceeded' });
  });
});

describe('parseShorthand: matches the AWS CLI parser (fixtures/reference.json)', () => {
  it.each(referenceCases('shorthand').map((c) => [c.input, c.expected] as const))('%j', (input, expected) => {
    expect(outcome(input)).toEqual(expected);
  });
});

describe('parseShorthand: properties', () => {
  const grammar = fc.constantFrom(
    'a', 'K', '=', ',', '[', ']', '{', '}', "'", '"', '\\', ' ', '\n', '@', ':', 'x', '1', 'é', '😀', '\u00a0', '\u3000', '\x0b', '=[', '={', '\\,', '@=',
  );

  it('either returns a dict or throws ShorthandSyntaxError (10,000 generated inputs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: grammar, maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 })), (input) => {
        try {
          const value = parseShorthand(input);
          expect(typeof value).toBe('object');
        } catch (e) {
          if (!(e instanceof ShorthandSyntaxError)) throw e;
          expect(e.index).toBeGreaterThanOrEqual(0);
          expect(e.index).toBeLessThanOrEqual([...input].length);
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('round-trips simple key=value pairs, in order (integer-like keys too)', () => {
    const key = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.#/:'), minLength: 1, maxLength: 8 });
    const value = fc.string({ unit: fc.constantFrom(...'abc XYZ019-_./:=!?'), minLength: 1, maxLength: 8 }).filter((v) => v.trim() === v && !v.startsWith('='));
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, minLength: 1, maxLength: 4 }), (pairs) => {
        const input = pairs.map(([k, v]) => `${k}=${v}`).join(' ,');
        const parsed = parseShorthand(input);
        expect(parsed.entries()).toEqual(pairs);
      }),
      { numRuns: 500 },
    );
  });
});
