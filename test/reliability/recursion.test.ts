// BUG-2: input deep enough to reach Python's recursion limit in v1, and
// values that contain themselves. Every threshold here was measured with the
// real `aws` (1.45.x, Python 3.11): the last depth that works and the first
// that fails, with the exact RecursionError text v1 prints. Node's own stack
// must never be what stops us, at any depth.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, runMain } from '../support/run-main.js';
import { homeAndEndpoint } from './support.js';

const state = homeAndEndpoint();

const REQUIRED = () => ['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1', '--endpoint-url', state.ec2.url];
const run = (args: string[]) => runMain([...REQUIRED(), ...args], isolatedEnv(state.home, { AWS_MAX_ATTEMPTS: '1' }));
const COPIED = '{\n    "SnapshotId": "snap-0123456789abcdef0"\n}\n';
const RECURSION = 'maximum recursion depth exceeded';
const CALLING = `${RECURSION} while calling a Python object`;

/** A file under the test's home, for documents too long for one argv word. */
function file(name: string, text: string): string {
  const path = join(state.home, name);
  writeFileSync(path, text);
  return `file://${path}`;
}

async function expectQuery(query: string, code: number, out: string, format = 'json'): Promise<void> {
  const r = await run(['--query', query, '--output', format]);
  expect({ code: r.code, out: r.code === 0 ? r.stdout : r.stderr }).toEqual({ code, out });
}

describe('--query compiled: jmespath.compile() called 13 frames deep', () => {
  const bad = (query: string, message: string) => `\nBad value for --query ${query}: ${message}\n`;
  const incomplete = (query: string) =>
    bad(query, `Invalid jmespath expression: Incomplete expression:\n"${query}"\n${' '.repeat(query.length + 1)}^`);

  it('"[" × 326 is incomplete; × 327 fails comparing in _error_nud_token', async () => {
    await expectQuery('['.repeat(326), 255, incomplete('['.repeat(326)));
    await expectQuery('['.repeat(327), 255, bad('['.repeat(327), `${RECURSION} in comparison`));
    expect(state.ec2.requests).toHaveLength(0);
  });

  it('"[a]" nested 326 deep is sent; 327 deep is too deep', async () => {
    const nested = (n: number) => `${'['.repeat(n)}SnapshotId${']'.repeat(n)}`;
    const r = await run(['--query', nested(326), '--output', 'text']);
    expect({ code: r.code, out: r.stdout }).toEqual({ code: 0, out: 'snap-0123456789abcdef0\n' });
    await expectQuery(nested(327), 255, bad(nested(327), RECURSION));
  });

  it('"(" × 489 is incomplete, × 490 is too deep; "(a)" nested 490 deep works, 491 does not', async () => {
    await expectQuery('('.repeat(489), 255, incomplete('('.repeat(489)));
    await expectQuery('('.repeat(490), 255, bad('('.repeat(490), RECURSION));
    await expectQuery(`${'('.repeat(490)}SnapshotId${')'.repeat(490)}`, 0, '"snap-0123456789abcdef0"\n');
    const deep = `${'('.repeat(491)}SnapshotId${')'.repeat(491)}`;
    await expectQuery(deep, 255, bad(deep, RECURSION));
  });

  it('a JSON literal nests 977 deep; at 978 json.loads stops inside the lexer', async () => {
    const literal = (n: number) => `\`${'['.repeat(n)}${']'.repeat(n)}\``;
    const r = await run(['--query', `length(${literal(977)})`]);
    expect({ code: r.code, out: r.stdout }).toEqual({ code: 0, out: '1\n' });
    await expectQuery(literal(978), 255, bad(literal(978), `${RECURSION} while decoding a JSON array from a unicode string`));
  });

  it('100,000 deep: Python\'s message, never V8\'s', async () => {
    for (const query of ['['.repeat(100_000), '('.repeat(100_000), '!'.repeat(100_000), '{a:'.repeat(30_000), '[?'.repeat(50_000)]) {
      await expectQuery(query, 255, bad(query, RECURSION));
    }
    expect(state.ec2.requests).toHaveLength(0);
  });
});

describe('--query applied: search() called 12 deep, two frames per node', () => {
  it('a pipe chain 492 long works, 493 is too deep, in every format', async () => {
    await expectQuery(`${'@|'.repeat(492)}@`, 0, COPIED);
    for (const format of ['json', 'text', 'table']) {
      await expectQuery(`${'@|'.repeat(493)}@`, 255, `\n${RECURSION}\n`, format);
    }
    expect(state.ec2.requests).toHaveLength(4);
  });

  it('comparisons: the first isinstance(x, Number) of a type goes down numbers\' ABCs', async () => {
    await expectQuery(`${'SnapshotId=='.repeat(485)}SnapshotId`, 0, 'false\n');
    await expectQuery(`${'SnapshotId=='.repeat(486)}SnapshotId`, 255, `\n${CALLING}\n`);
    await expectQuery(`${'!'.repeat(489)}a`, 255, `\n${CALLING}\n`);
  });

  it('left-nested chains 100,000 long stop at Python\'s limit, not at V8\'s', async () => {
    for (const query of [`${'@|'.repeat(60_000)}@`, `${'@||'.repeat(40_000)}@`, `@${'[]'.repeat(60_000)}`]) {
      await expectQuery(query, 255, `\n${RECURSION}\n`);
    }
  });
});

describe('deep documents and option values', () => {
  const invalidType = (param: string, value: string, type: string, valid: string) =>
    `\nParameter validation failed:\nInvalid type for parameter ${param}, value: ${value}, type: <class '${type}'>, valid types: <class '${valid}'>\n`;

  it('--cli-input-json nests 982 deep (981 lists in an object); 983 stops json.loads', async () => {
    const doc = (n: number) => `{"Description": ${'['.repeat(n)}${']'.repeat(n)}}`;
    let r = await run(['--cli-input-json', doc(981)]);
    expect(r.stderr).toBe(invalidType('Description', `${'['.repeat(981)}${']'.repeat(981)}`, 'list', 'str'));
    r = await run(['--cli-input-json', doc(982)]);
    expect(r.stderr).toBe(`\n${RECURSION} while decoding a JSON array from a unicode string\n`);
    r = await run(['--cli-input-json', file('deep.json', doc(200_000))]);
    expect({ code: r.code, err: r.stderr }).toEqual({ code: 255, err: `\n${RECURSION} while decoding a JSON array from a unicode string\n` });
  });

  it('shorthand lists nest 487 deep, 488 is too deep; 200,000 deep too', async () => {
    const tags = (n: number) => `ResourceType=${'['.repeat(n)}${']'.repeat(n)}`;
    let r = await run(['--tag-specifications', tags(487)]);
    expect(r.stderr).toBe(invalidType('TagSpecifications[0].ResourceType', `${'['.repeat(487)}${']'.repeat(487)}`, 'list', 'str'));
    r = await run(['--tag-specifications', tags(488)]);
    expect({ code: r.code, err: r.stderr }).toEqual({ code: 255, err: `\n${RECURSION}\n` });
    r = await run(['--tag-specifications', file('deep.txt', tags(200_000))]);
    expect({ code: r.code, err: r.stderr }).toEqual({ code: 255, err: `\n${RECURSION}\n` });
    expect(state.ec2.requests).toHaveLength(0);
  });

  it('--cli-input-yaml (v2 only, our choice): nesting past 490 (the top mapping counts) is a RecursionError, at any depth', async () => {
    const yaml = (n: number) => `Description: ${'['.repeat(n)}${']'.repeat(n)}`;
    let r = await run(['--cli-input-yaml', yaml(489)]);
    expect(r.stderr).toBe(invalidType('Description', `${'['.repeat(489)}${']'.repeat(489)}`, 'list', 'str'));
    for (const text of [yaml(490), yaml(100_000), `Description:\n${Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}-\n`).join('')}`]) {
      r = await run(['--cli-input-yaml', file('deep.yaml', text)]);
      expect({ code: r.code, err: r.stderr }).toEqual({ code: 255, err: `\n${RECURSION}\n` });
    }
    expect(state.ec2.requests).toHaveLength(0);
  });
});

describe('values that contain themselves (YAML aliases): shown as Python\'s repr shows them', () => {
  const cases: [string, string, string][] = [
    ['Description: &a [*a]', '[[...]]', 'list'],
    ['Description: &a {x: *a}', "{'x': {...}}", 'dict'],
    ['Description: &a [1, *a, {y: *a}]', "[1, [...], {'y': [...]}]", 'list'],
    ['Description: &a !!omap [x: *a]', "OrderedDict([('x', ...)])", 'collections.OrderedDict'],
    ['Description: [&a [1], *a]', '[[1], [1]]', 'list'],
  ];
  for (const [yaml, repr, type] of cases) {
    it(yaml, async () => {
      const r = await run(['--cli-input-yaml', yaml]);
      expect({ code: r.code, err: r.stderr }).toEqual({
        code: 255,
        err: `\nParameter validation failed:\nInvalid type for parameter Description, value: ${repr}, type: <class '${type}'>, valid types: <class 'str'>\n`,
      });
    });
  }

  it('a list of tag specifications that is its own member', async () => {
    const r = await run(['--cli-input-yaml', 'TagSpecifications: &a [*a]']);
    expect(r.stderr).toBe(
      "\nParameter validation failed:\nInvalid type for parameter TagSpecifications[0], value: [[...]], type: <class 'list'>, valid types: <class 'dict'>\n",
    );
  });
});

describe('values that contain themselves, parameter_validation = false', () => {
  it('are sent (walked once each), not a V8 stack overflow', async () => {
    const config = file('novalid.cfg', '[default]\nparameter_validation = false\n').slice('file://'.length);
    for (const yaml of ['Description: &a [*a]', 'KmsKeyId: &a {a: *a}', 'TagSpecifications: [{ResourceType: snapshot, Tags: &a [*a]}]']) {
      const r = await runMain([...REQUIRED(), '--cli-input-yaml', yaml], isolatedEnv(state.home, { AWS_MAX_ATTEMPTS: '1', AWS_CONFIG_FILE: config }));
      expect({ code: r.code, out: r.stdout, err: r.stderr }).toEqual({ code: 0, out: COPIED, err: '' });
    }
    expect(state.ec2.requests).toHaveLength(3);
  });
});
