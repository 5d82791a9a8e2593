// Property-based fuzzing of every input path, in-process through main():
// whole argv vectors, --tag-specifications shorthand and JSON,
// --cli-input-json and --cli-input-yaml documents, file:// and fileb://
// paramfiles, and a value for every option. Requests go to one local EC2
// endpoint started for the file (AWS_ENDPOINT_URL in the environment, and
// --endpoint-url values drawn from a safe list), so nothing leaves the host.
//
// Property (problemsOf in support.ts): main() resolves within 20 s, exits 0,
// 2 or 255, prints a message on 2/255, prints nothing on stdout on 2, shows
// no JS failure text (stack frames, TypeError, "URI malformed", …), emits no
// process warning (those reach the real stderr), and never shows the dummy
// secret key or session token. Document properties also check that a key
// the model does not have is reported as `Unknown parameter in input`.
// A seventh property, bundle parity, runs a sample of the same cases through
// the built bundle and requires the same exit code, stdout and stderr.
//
//   npm test                 300 cases per property (FUZZ_RUNS=1800 in all) + 25 bundle cases
//   npm run fuzz             FUZZ_RUNS=100000, split evenly over the six in-process
//                            properties, + FUZZ_RUNS/200 = 500 bundle cases
//   FUZZ_SEED=123 …          replays a run (the seed is printed at the start)
//   FUZZ_BUNDLE_RUNS=n …     sets the bundle-parity budget on its own
//   FUZZ_STRICT=1 …          known bugs (KNOWN_BUGS below) count as failures
//
// Known bugs are tolerated by the properties only when a run fails exactly as
// the bug does (its signature); each one has an `it.fails` test at the end of
// this file, and the counts of runs that hit each are printed at the end.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY_SNAPSHOT, RESOURCE_TYPES } from '../../src/model/copy-snapshot.js';
import { GLOBAL_OPTIONS } from '../../src/model/globals.js';
import { globalOptions, operationOptions } from '../../src/parse/options.js';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome } from '../support/run-main.js';
import { FUZZ_SECRET_KEY, FUZZ_SESSION_TOKEN, HangError, problemsOf, runChecked, spawnBin, type CheckedRun } from './support.js';

// ---------------------------------------------------------------- settings

const PROPERTIES = ['argv', 'tag-specifications', 'cli-input-json', 'cli-input-yaml', 'paramfiles', 'option-values'] as const;
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 300 * PROPERTIES.length);
const RUNS_PER_PROPERTY = Math.max(1, Math.ceil(TOTAL_RUNS / PROPERTIES.length));
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 0x7fffffff);
const STRICT = process.env.FUZZ_STRICT === '1';
/** Generous: a request case takes ~5-10 ms, an offline one ~1 ms. */
const PROPERTY_TIMEOUT_MS = 60_000 + RUNS_PER_PROPERTY * 60;

// ---------------------------------------------------------------- known bugs

/**
 * Bugs found by this file and reported to the lead (see the `it.fails` tests
 * at the end). A failing run is tolerated only when every one of its problems
 * matches one bug's signature, and only outside FUZZ_STRICT.
 */
interface KnownBug {
  readonly id: string;
  /** Does this problem of this run look exactly like the bug? */
  readonly matches: (problem: string, run: CheckedRun, c: FuzzCase) => boolean;
}

/** A lone surrogate, as a character or as a JSON/YAML `\\uXXXX` escape. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}/;

// None open: BUG-3's second form, the last one, is fixed (docs/reliability.md).
const KNOWN_BUGS: readonly KnownBug[] = [];

const knownBugHits = new Map<string, number>();
const caseCounts = new Map<string, number>();
/** property → exit code → runs. */
const exitCodes = new Map<string, Map<number, number>>();
const slowest: { property: string; ms: number; argv: string }[] = [];

// ---------------------------------------------------------------- the case runner

interface FuzzCase {
  readonly property: (typeof PROPERTIES)[number];
  readonly argv: readonly string[];
  /** argv plus the content of files the case wrote, for telling echoes from leaks. */
  readonly inputText: string;
  /** Top-level keys of an input document the model lacks: each must be reported. */
  readonly unknownDocumentKeys?: readonly string[];
}

let ec2: Ec2Endpoint;
let home: string;
let files: Record<string, string>;
let env: Record<string, string>;
let caseDir: string;
let caseFileCounter = 0;

/** Writes a file for one case (file:// targets with generated content). */
function caseFile(content: string | Uint8Array, ext = 'txt'): string {
  const path = join(caseDir, `case-${caseFileCounter++ % 64}.${ext}`);
  writeFileSync(path, content);
  return path;
}

const MEMBER_NAMES = COPY_SNAPSHOT.input.members.map((m) => m.name);
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

function documentKeyProblems(c: FuzzCase, run: CheckedRun): string[] {
  const problems: string[] = [];
  for (const key of c.unknownDocumentKeys ?? []) {
    const line = `Unknown parameter in input: "${key}", must be one of:`;
    if (run.code !== 255 || !run.stderr.includes(line)) {
      const why = PROTOTYPE_NAMES.has(key) || key === '__proto__' ? ' (Object.prototype name)' : '';
      problems.push(`document key ${JSON.stringify(key)}${why} not reported as unknown (exit ${run.code})`);
    }
  }
  return problems;
}

/** What the OS hands Node for a word with a lone surrogate (argv is bytes): U+FFFD. */
function wellFormed(word: string): string {
  return word.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

async function runCase(input: FuzzCase): Promise<void> {
  const c = { ...input, argv: input.argv.map(wellFormed) };
  caseCounts.set(c.property, (caseCounts.get(c.property) ?? 0) + 1);
  let run: CheckedRun;
  try {
    run = await runChecked(c.argv, env);
  } catch (error) {
    const kind = error instanceof HangError ? 'hang' : 'main() rejected';
    throw new Error(`${kind}: ${String(error)}\nargv: ${JSON.stringify(c.argv)}`);
  } finally {
    ec2.requests.length = 0;
  }
  if (run.ms > (slowest.at(-1)?.ms ?? 0) || slowest.length < 5) {
    slowest.push({ property: c.property, ms: run.ms, argv: JSON.stringify(c.argv).slice(0, 160) });
    slowest.sort((a, b) => b.ms - a.ms).splice(5);
  }
  const codes = exitCodes.get(c.property) ?? new Map<number, number>();
  codes.set(run.code, (codes.get(run.code) ?? 0) + 1);
  exitCodes.set(c.property, codes);
  const problems = [...problemsOf(run, c), ...documentKeyProblems(c, run)];
  if (problems.length === 0) return;
  if (!STRICT) {
    const bugs = problems.map((p) => KNOWN_BUGS.find((b) => b.matches(p, run, c)));
    if (bugs.every((b) => b !== undefined)) {
      for (const b of new Set(bugs)) knownBugHits.set(b!.id, (knownBugHits.get(b!.id) ?? 0) + 1);
      return;
    }
  }
  throw new Error(
    `${problems.join('\n')}\nargv: ${JSON.stringify(c.argv)}\nexit: ${run.code}\nstdout: ${JSON.stringify(run.stdout.slice(0, 400))}\nstderr: ${JSON.stringify(run.stderr.slice(0, 800))}`,
  );
}

function assertProperty(index: number, cases: fc.Arbitrary<FuzzCase>) {
  return fc.assert(
    fc.asyncProperty(cases, async (c) => {
      await runCase(c);
    }),
    { numRuns: RUNS_PER_PROPERTY, seed: (SEED + index) | 0 },
  );
}

// ---------------------------------------------------------------- generators

const OPTIONS = [...globalOptions(), ...operationOptions(COPY_SNAPSHOT)];
const ALL_FLAGS: string[] = OPTIONS.map((o) => o.flag);
const VALUE_FLAGS: string[] = OPTIONS.filter((o) => o.kind !== 'flag').map((o) => o.flag);
const GLOBAL_FLAGS = new Set<string>(GLOBAL_OPTIONS.map((g) => g.flag));
const REQUIRED = ['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-0abc'];

/** Real option names, their prefixes (unique or ambiguous), and near misses. */
const optionWord = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...ALL_FLAGS) },
  { weight: 3, arbitrary: fc.constantFrom(...ALL_FLAGS).chain((f) => fc.integer({ min: 1, max: f.length }).map((n) => f.slice(0, n))) },
  { weight: 1, arbitrary: fc.constantFrom(...ALL_FLAGS).map((f) => f.replace(/^--/, '-')) },
  { weight: 1, arbitrary: fc.constantFrom(...ALL_FLAGS).map((f) => f.toUpperCase()) },
  { weight: 1, arbitrary: fc.constantFrom(...ALL_FLAGS).map((f) => `${f}x`) },
);

/** Strings a user might type, from plain to hostile (no lone surrogates: argv cannot carry them). */
const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '\n', '\r\n', '\0', '\u00a0', '\ufeff', '\u202e', '\u{1f600}', 'é', 'ß', '٣', '²') },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 6000 }).chain((n) => fc.constantFrom('x', '[', '{', ',', '=', ' ', 'é').map((ch) => ch.repeat(n))) },
);

const numberText = fc.oneof(
  fc.integer({ min: -5, max: 3000 }).map(String),
  fc.constantFrom('0', '-0', '+15', ' 15 ', '1_5', '15.0', '1e3', '0x1f', '0o7', '١٥', '１５', '99999999999999999999999', '9'.repeat(4301), '-1', '2147483', '2147484', 'inf', 'nan', ''),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
);

const choiceText = fc.constantFrom(
  'json', 'text', 'table', 'yaml', 'yaml-stream', 'off', 'on', 'auto', 'legacy', 'input', 'output', 'yaml-input',
  'base64', 'raw-in-base64-out', 'jso', 'JSON', 'tabl', 'snapshot', 'volume', 'help', 'completion', 'bash', '__complete', 'profiles',
);

const queryText = fc.oneof(
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('[', '(', '!', '{a: ', 'not_null(')).map(([n, open]) => `${open.repeat(n)}SnapshotId`) },
  fc.constantFrom('SnapshotId', 'Tags', 'Tags[0].Key', '[]', '*', '@', 'length(@)', 'to_number(SnapshotId)', '`1`', "'x'", 'Tags[?Key==`a`]', '{a: SnapshotId}', '[SnapshotId, Tags]', 'foo(', 'sort_by(Tags, &Key)', 'max(@)', 'SnapshotId | [0]', '&@', '`{"a": [1, 2]}`'),
  fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '(', ')', '.', '*', '@', '|', '&', '!', '`', "'", '"', ',', ':', '?', '=', '<', '>', 'a', '0', ' ', '-'), maxLength: 20 }),
);

let regionText: fc.Arbitrary<string>;
let endpointText: fc.Arbitrary<string>;
let pathText: fc.Arbitrary<string>;

/** Shorthand: a tag specification as the grammar builds it, quoted and broken in random ways. */
const shorthandScalar = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', '1', '-', '_', '.', ':', '/', '#', ' ', '*', 'é'), maxLength: 8 }),
  fc.string({ unit: fc.constantFrom('a', ',', '=', '[', ']', '{', '}', '"', "'", '\\', '@', ' ', '\n'), maxLength: 8 }),
  fc.string({ maxLength: 8 }).map((s) => `"${s.replace(/["\\]/g, '')}"`),
  fc.string({ maxLength: 8 }).map((s) => `'${s.replace(/['\\]/g, '')}'`),
  anyText,
);
const shorthandTag = fc
  .tuple(shorthandScalar, shorthandScalar, fc.boolean(), fc.boolean())
  .map(([k, v, withKey, withValue]) => `{${[withKey ? `Key=${k}` : '', withValue ? `Value=${v}` : ''].filter(Boolean).join(',')}}`);
const shorthandSpec = fc
  .tuple(
    fc.option(fc.oneof(fc.constantFrom(...RESOURCE_TYPES.slice(0, 5), 'snapshot', 'snapshot', 'nope', ''), shorthandScalar)),
    fc.option(fc.array(shorthandTag, { maxLength: 4 })),
    fc.option(fc.tuple(fc.string({ unit: fc.constantFrom('a', 'X', '-', '_', '.', '#', '/', ':', '1'), maxLength: 6 }), shorthandScalar)),
  )
  .map(([rt, tags, extra]) =>
    [rt !== null ? `ResourceType=${rt}` : '', tags !== null ? `Tags=[${tags.join(',')}]` : '', extra ? `${extra[0]}=${extra[1]}` : '']
      .filter(Boolean)
      .join(','),
  );

/** Random single-character edits: what a typo or a shell quoting slip does. */
function mutate(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace', 'truncate', 'duplicate'), fc.constantFrom(',', '=', '[', ']', '{', '}', '"', "'", '\\', ' ', ':', '@', '\n', 'x', '\u0000', '\u{10ffff}', '-', '#'));
  return fc.tuple(text, fc.array(edit, { minLength: 1, maxLength: 3 })).map(([t, edits]) => {
    // Edits by code point, so no surrogate pair is split.
    let s = Array.from(t);
    for (const [at, op, ch] of edits) {
      const i = s.length === 0 ? 0 : at % (s.length + 1);
      if (op === 'delete') s = [...s.slice(0, i), ...s.slice(i + 1)];
      else if (op === 'insert') s = [...s.slice(0, i), ch, ...s.slice(i)];
      else if (op === 'replace') s = [...s.slice(0, i), ch, ...s.slice(i + 1)];
      else if (op === 'truncate') s = s.slice(0, i);
      else s = [...s, ...s];
    }
    return s.join('');
  });
}

/** A value of the right type, the wrong type, or an odd one, for a model member. */
function memberValue(name: string): fc.Arbitrary<unknown> {
  const odd = fc.oneof(
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e300, [], {}, [null], { a: 1 }, '', 'x'),
    fc.jsonValue({ maxDepth: 3 }),
  );
  switch (name) {
    case 'Encrypted':
    case 'DryRun':
      return fc.oneof(fc.boolean(), odd);
    case 'CompletionDurationMinutes':
      return fc.oneof(fc.integer({ min: -10, max: 3000 }), fc.constantFrom(15, 2880, 0, 2 ** 53, 1e21), odd);
    case 'TagSpecifications':
      return fc.oneof(
        fc.array(
          fc.record(
            {
              ResourceType: fc.oneof(fc.constantFrom('snapshot', 'volume', 'bogus'), odd),
              Tags: fc.oneof(fc.array(fc.record({ Key: fc.oneof(fc.string(), odd), Value: fc.oneof(fc.string(), odd) }, { requiredKeys: [] }), { maxLength: 3 }), odd),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
        odd,
      );
    case 'SourceRegion':
      return fc.oneof(fc.constantFrom('us-west-2', 'eu-west-1', ''), fc.string({ maxLength: 10 }), odd);
    default:
      return fc.oneof({ weight: 4, arbitrary: fc.string({ maxLength: 20 }) }, { weight: 1, arbitrary: odd });
  }
}

/** Keys a document may carry besides the model's: random, near misses, and JS-sensitive names. */
const strangeKey = fc.oneof(
  fc.string({ maxLength: 10 }).filter((k) => !MEMBER_NAMES.includes(k)),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'length', 'description', 'sourceRegion', 'SourceRegion ', '', '0', 'Tags', 'Key', 'DryRun\u0000'),
);

interface DocumentShape {
  readonly members: Record<string, unknown>;
  readonly strange: readonly [string, unknown][];
}

const documentShape: fc.Arbitrary<DocumentShape> = fc.record({
  members: fc.record(Object.fromEntries(MEMBER_NAMES.map((n) => [n, memberValue(n)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>,
  strange: fc.array(fc.tuple(strangeKey, fc.jsonValue({ maxDepth: 2 })), { maxLength: 2 }),
});

/** Documents of the right types only, so most of them reach the request. */
const textValue = fc.oneof(fc.string({ maxLength: 16 }), fc.string({ unit: 'binary', maxLength: 8 }));
const validShape: fc.Arbitrary<DocumentShape> = fc
  .record(
    {
      Description: textValue,
      DestinationRegion: fc.constantFrom('us-east-1', 'eu-west-1'),
      Encrypted: fc.boolean(),
      KmsKeyId: textValue,
      PresignedUrl: fc.constantFrom('https://ec2.us-west-2.amazonaws.com/?Action=CopySnapshot&X-Amz-Signature=abc', ''),
      SourceRegion: fc.constantFrom('us-west-2', 'eu-central-1'),
      SourceSnapshotId: fc.constantFrom('snap-1', 'snap-0123456789abcdef0'),
      TagSpecifications: fc.array(
        fc.record({ ResourceType: fc.constantFrom('snapshot', 'volume'), Tags: fc.array(fc.record({ Key: textValue, Value: textValue }), { maxLength: 3 }) }, { requiredKeys: [] }),
        { maxLength: 2 },
      ),
      CompletionDurationMinutes: fc.integer({ min: 1, max: 2880 }),
      DestinationAvailabilityZone: textValue,
      DryRun: fc.boolean(),
    },
    { requiredKeys: ['SourceRegion', 'SourceSnapshotId'] },
  )
  .map((members) => ({ members, strange: [] }));

/** A document as an object, its extra keys defined as own properties (so `__proto__` is a key). */
function documentObject(shape: DocumentShape): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...shape.members };
  for (const [k, v] of shape.strange) Object.defineProperty(doc, k, { value: v, enumerable: true, writable: true, configurable: true });
  return doc;
}

function unknownKeysOf(shape: DocumentShape): string[] {
  return [...new Set(shape.strange.map(([k]) => k))];
}

/** Python's json accepts what JSON.stringify never writes. */
const pythonJsonExtras = fc.constantFrom(
  '{"CompletionDurationMinutes": NaN}',
  '{"CompletionDurationMinutes": Infinity}',
  '{"CompletionDurationMinutes": -Infinity}',
  '{"CompletionDurationMinutes": 1e400}',
  '{"CompletionDurationMinutes": 123456789012345678901234567890}',
  '{"Description": "\\ud800"}',
  '{"Description": "\\udc00x"}',
  '{"Description": "\\ud83d\\ude00"}',
  '{"TagSpecifications": [{"ResourceType": "snapshot", "Tags": [{"Key": "\\udfff", "Value": "v"}]}]}',
  '{"Description": "a\\u0000b"}',
  '{"Description": "x", "Description": "y"}',
  '{"SourceRegion": "us-west-2",}',
  '{"a": 1} {"b": 2}',
  '\ufeff{}',
  '{}\n\n',
  ' \t\n{}',
  '"just a string"',
  '42',
  'null',
  '[]',
  '[{}]',
  '{"Description": "\\x41"}',
  '{"Description": \'single\'}',
  '{Description: "x"}',
);

const deepJson = fc.integer({ min: 1, max: 1200 }).chain((depth) =>
  fc.constantFrom('[', '{"a":').map((open) => `{"TagSpecifications": ${open.repeat(depth)}${open === '[' ? ']'.repeat(depth) : '1' + '}'.repeat(depth)}}`),
);

const jsonDocument = fc.oneof(
  { weight: 3, arbitrary: validShape.map((shape) => ({ text: JSON.stringify(documentObject(shape)), unknown: [] as string[] })) },
  { weight: 4, arbitrary: documentShape.map((shape) => ({ text: JSON.stringify(documentObject(shape)), unknown: unknownKeysOf(shape) })) },
  { weight: 3, arbitrary: mutate(documentShape.map((s) => JSON.stringify(documentObject(s)))).map((text) => ({ text, unknown: [] as string[] })) },
  { weight: 1, arbitrary: pythonJsonExtras.map((text) => ({ text, unknown: [] as string[] })) },
  { weight: 1, arbitrary: deepJson.map((text) => ({ text, unknown: [] as string[] })) },
  { weight: 1, arbitrary: anyText.map((text) => ({ text, unknown: [] as string[] })) },
);

/** YAML features the `yaml` package and ruamel (AWS CLI v2) both read, plus some only one of them does. */
const yamlExtras = fc.constantFrom(
  'Description: !!str 123',
  'Description: !!binary aGVsbG8=',
  'Description: !!int 12',
  'Description: !!float 1.5',
  'Description: !!null',
  'Description: !!bool true',
  'Description: ~',
  'Description: .nan',
  'Description: 2001-12-14t21:59:43.10-05:00',
  'DryRun: yes',
  'DryRun: on',
  'CompletionDurationMinutes: 0x1F',
  'CompletionDurationMinutes: 0o17',
  'CompletionDurationMinutes: 1_000',
  'CompletionDurationMinutes: 99999999999999999999999999',
  'base: &b {SourceRegion: us-west-2}\n<<: *b',
  'TagSpecifications: &t [{ResourceType: snapshot}]\nDescription: *t',
  'Description: |\n  multi\n  line\n',
  'Description: >-\n  folded\n  text\n',
  '%YAML 1.2\n---\nDescription: x',
  '---\nDescription: x\n...\n',
  'Description: x\n---\nDryRun: true',
  '---',
  '',
  '# only a comment',
  '- a\n- b',
  'just a scalar',
  '"quoted"',
  '{Description: x, DryRun: true}',
  'Description: "unterminated',
  'Description: [a, b',
  '\tDescription: tab',
  'Description: x\nDescription: y',
  'Description: "\\ud800"',
  'Description: "\\x41\\u263A"',
  '? Description\n: x',
  '"Description": x',
  'Description:x',
  'Description: @reserved',
  'Description: `reserved',
  'Description: *undefined_alias',
  '&a Description: x',
  'Description: &a [*a]',
  'Description: !foo x',
  'Description: !!set {a}',
  'Description: !!omap [a: 1]',
  '? [a]\n: b',
  'TagSpecifications: !!python/object:os.system x',
);

const yamlDocument = fc.oneof(
  { weight: 3, arbitrary: validShape.map((shape) => ({ text: yamlStringify(documentObject(shape)), unknown: [] as string[] })) },
  { weight: 4, arbitrary: documentShape.map((shape) => ({ text: yamlStringify(documentObject(shape)), unknown: unknownKeysOf(shape) })) },
  { weight: 2, arbitrary: documentShape.map((shape) => ({ text: JSON.stringify(documentObject(shape)), unknown: unknownKeysOf(shape) })) },
  { weight: 3, arbitrary: mutate(documentShape.map((s) => yamlStringify(documentObject(s)))).map((text) => ({ text, unknown: [] as string[] })) },
  { weight: 2, arbitrary: yamlExtras.map((text) => ({ text, unknown: [] as string[] })) },
  { weight: 1, arbitrary: mutate(yamlExtras).map((text) => ({ text, unknown: [] as string[] })) },
  {
    weight: 1,
    // Nesting stays moderate here: see the note on deep YAML in docs/reliability.md.
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom('[', '{a: ', '- ')).map(([depth, open]) => ({
      text: `Description: ${open === '- ' ? '\n' + Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- `).join('\n') + 'x' : open.repeat(depth) + 'x' + (open === '[' ? ']' : '}').repeat(depth)}`,
      unknown: [] as string[],
    })),
  },
  { weight: 1, arbitrary: anyText.map((text) => ({ text, unknown: [] as string[] })) },
);

/** Bytes for generated files: text, non-UTF-8, CRLF, BOM, NULs. */
const fileBytes = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => Buffer.from(s, 'utf8')),
  fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
  fc.constantFrom(
    Buffer.from([0xff, 0xfe, 0x41, 0x00]),
    Buffer.from([0xc3, 0x28]),
    Buffer.from([0xed, 0xa0, 0x80]), // a UTF-8-encoded surrogate: invalid
    Buffer.from('\ufeff{"Description": "bom"}'),
    Buffer.from('line1\r\nline2\r'),
    Buffer.from('ResourceType=snapshot,Tags=[{Key=a,Value=b}]\n'),
    Buffer.from('[{"ResourceType": "snapshot"}]'),
    Buffer.from('{"ResourceType": "snapshot"}'),
    Buffer.from('15\n'),
    Buffer.from('\0'),
    Buffer.alloc(0),
  ),
);

// ---------------------------------------------------------------- setup

beforeAll(async () => {
  ec2 = await startEc2Endpoint();
  home = isolatedHome();
  caseDir = mkdtempSync(join(tmpdir(), 'copy-snapshot-fuzz-'));
  env = isolatedEnv(home, {
    AWS_ENDPOINT_URL: ec2.url,
    AWS_SECRET_ACCESS_KEY: FUZZ_SECRET_KEY,
    AWS_SESSION_TOKEN: FUZZ_SESSION_TOKEN,
    // One attempt: a refused connection fails at once instead of backing off.
    AWS_MAX_ATTEMPTS: '1',
    FUZZVAR: 'fuzz-var-value',
  });
  const dir = join(home, 'files');
  mkdirSync(dir);
  mkdirSync(join(dir, 'a-directory'));
  const write = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  files = {
    empty: write('empty', ''),
    text: write('text.txt', 'a description\n'),
    crlf: write('crlf.txt', 'one\r\ntwo\r\n'),
    nonUtf8: write('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])),
    binary: write('random.bin', Buffer.from(Array.from({ length: 256 }, (_, i) => i))),
    bom: write('bom.json', '\ufeff{"Description": "bom"}'),
    json: write('doc.json', JSON.stringify({ SourceRegion: 'us-west-2', SourceSnapshotId: 'snap-1', Description: 'from a file' })),
    yaml: write('doc.yaml', 'SourceRegion: us-west-2\nSourceSnapshotId: snap-1\nTagSpecifications:\n  - ResourceType: snapshot\n    Tags: [{Key: k, Value: v}]\n'),
    tagsJson: write('tags.json', '[{"ResourceType": "snapshot", "Tags": [{"Key": "k", "Value": "v"}]}]'),
    tagsShorthand: write('tags.txt', 'ResourceType=snapshot,Tags=[{Key=k,Value=v}]'),
    integer: write('int.txt', '15'),
    big: write('big.txt', 'x'.repeat(200_000)),
    directory: join(dir, 'a-directory'),
    missing: join(dir, 'no-such-file'),
    throughFile: join(dir, 'empty', 'below-a-file'),
  };
  try {
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    files.loop = join(dir, 'loop-a');
  } catch {
    // no symlinks here: the loop case is simply not drawn
  }
  const paths = Object.values(files);
  pathText = fc.oneof(
    fc.constantFrom(...paths),
    fc.constantFrom('~/files/text.txt', '~/files/no-such-file', '$HOME/files/empty', '${HOME}/files/doc.json', '$FUZZVAR', '$UNSET_VAR/x', '~', '', '/', 'relative/x', `${'d/'.repeat(3000)}x`, 'a'.repeat(300)),
  );
  regionText = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('us-east-1', 'us-west-2', 'eu-central-1', 'cn-north-1', 'us-gov-west-1', 'local', '127', '1') },
    { weight: 1, arbitrary: anyText },
  );
  endpointText = fc.constantFrom(
    ec2.url,
    `${ec2.url}/`,
    `${ec2.url}/some/path?x=1`,
    ec2.url.replace('127.0.0.1', 'localhost'),
    'http://127.0.0.1:1',
    'https://127.0.0.1:1',
    'no-scheme.example',
    '127.0.0.1',
    '',
    'http://',
    'a:b',
    'ftp://127.0.0.1:1',
    'http://[::1',
    'http://127.0.0.1:99999',
    'file:///etc',
  );
});

afterAll(async () => {
  await ec2?.close();
  if (home) rmSync(home, { recursive: true, force: true });
  if (caseDir) rmSync(caseDir, { recursive: true, force: true });
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  const total = [...caseCounts.values()].reduce((a, b) => a + b, 0);
  const lines = [
    `fuzz: seed=${SEED} (replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${TOTAL_RUNS}), ${RUNS_PER_PROPERTY} runs per property`,
    `fuzz: ${total} cases run: ${[...caseCounts].map(([p, n]) => `${p}=${n}`).join(', ')}`,
    ...[...exitCodes].map(([p, codes]) => `fuzz: exit codes [${p}] ${[...codes].sort((a, b) => a[0] - b[0]).map(([code, n]) => `${code}:${n}`).join(' ')}`),
    ...(knownBugHits.size ? [...knownBugHits].map(([id, n]) => `fuzz: known bug hit ${n}×: ${id}`) : ['fuzz: no known bug hit']),
    ...slowest.map((s) => `fuzz: slow case ${s.ms} ms [${s.property}] ${s.argv}`),
  ];
  console.log(lines.join('\n'));
});

// ---------------------------------------------------------------- case generators
// Functions, not constants: some arbitraries need the endpoint and the files of beforeAll.

function fileRef(path: string, binary = false): string {
  return `${binary ? 'fileb' : 'file'}://${path}`;
}

/** Whole argv vectors; half carry the required options, so parsing gets past "required" to the deeper paths. */
function argvCases(): fc.Arbitrary<FuzzCase> {
  const valueWord = fc.oneof(regionText, numberText, choiceText, queryText, endpointText, pathText.map((p) => fileRef(p)), fc.constantFrom('snap-1', 'snap-0123456789abcdef0', 'arn:aws:outposts:us-east-1:123456789012:outpost/op-1', 'alias/key'));
  const word = fc.oneof(
    { weight: 6, arbitrary: optionWord },
    { weight: 4, arbitrary: valueWord },
    { weight: 2, arbitrary: fc.tuple(optionWord, valueWord).map(([o, v]) => `${o}=${v}`) },
    { weight: 1, arbitrary: fc.constantFrom('--', '-', '---', '--=', '--=x', 'help', '-h', '--help', '-1', '-1.5', '- x', 'completion', '__complete') },
    { weight: 3, arbitrary: anyText },
  );
  return fc.tuple(fc.boolean(), fc.array(word, { maxLength: 14 })).map(([withRequired, words]) => {
    const argv = withRequired ? [...REQUIRED, ...words] : words;
    return { property: 'argv', argv, inputText: argv.join('\n') };
  });
}

function tagSpecificationCases(): fc.Arbitrary<FuzzCase> {
  const jsonWords = fc.oneof(
    memberValue('TagSpecifications').map((v) => JSON.stringify(v) ?? 'null'),
    mutate(memberValue('TagSpecifications').map((v) => JSON.stringify(v) ?? 'null')),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }).map((v) => JSON.stringify(v)),
  );
  const tagWord = fc.oneof(
    { weight: 4, arbitrary: shorthandSpec },
    { weight: 3, arbitrary: mutate(shorthandSpec) },
    { weight: 3, arbitrary: jsonWords },
    { weight: 1, arbitrary: fc.constantFrom('Tags=[{Key@=file://~/files/text.txt}]', 'Key@=fileb://~/files/random.bin', 'ResourceType@=file://~/files/no-such-file', 'ResourceType@ = file://~/files/latin1.txt', 'Tags=[{Key=a,Value@=file://~/files/a-directory}]') },
    { weight: 1, arbitrary: anyText },
  );
  // The endpoint echoes snapshot tags back, so these also push user text through every output format.
  const extras = fc.array(
    fc.constantFrom(['--dry-run'], ['--debug'], ['--no-sign-request'], ['--query', 'Tags'], ['--query', 'Tags[].Value'], ['--color', 'on'],
      ...['json', 'text', 'table', 'yaml', 'yaml-stream', 'off'].map((f) => ['--output', f])),
    { maxLength: 2 },
  );
  return fc.tuple(fc.array(tagWord, { minLength: 0, maxLength: 4 }), extras).map(([words, extra]) => {
    const argv = [...REQUIRED, ...extra.flat(), '--tag-specifications', ...words];
    return { property: 'tag-specifications', argv, inputText: argv.join('\n') };
  });
}

function documentCases(kind: 'json' | 'yaml'): fc.Arbitrary<FuzzCase> {
  const documents = kind === 'json' ? jsonDocument : yamlDocument;
  return fc.tuple(documents, fc.boolean(), fc.boolean()).map(([doc, viaFile, withRequired]) => {
    const value = viaFile ? fileRef(caseFile(doc.text, kind)) : doc.text;
    const argv = [...(withRequired ? REQUIRED : []), `--cli-input-${kind}`, value];
    return { property: `cli-input-${kind}`, argv, inputText: `${argv.join('\n')}\n${doc.text}`, unknownDocumentKeys: doc.unknown };
  });
}

function paramfileCases(): fc.Arbitrary<FuzzCase> {
  const operationValueFlags = VALUE_FLAGS.filter((f) => !['--generate-cli-skeleton', '--wait-timeout'].includes(f) && !GLOBAL_FLAGS.has(f));
  const target = fc.oneof(
    { weight: 2, arbitrary: pathText.map((path) => ({ path, content: undefined as Buffer | undefined })) },
    { weight: 2, arbitrary: fileBytes.map((content) => ({ path: undefined as string | undefined, content })) },
  );
  return fc.array(fc.tuple(fc.constantFrom(...operationValueFlags), target, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 3 }).map((picks) => {
    const argv: string[] = [...REQUIRED];
    let contents = '';
    for (const [flag, { path, content }, binary, equals] of picks) {
      const p = path ?? caseFile(content!);
      if (content) contents += `\n${content.toString('latin1')}\n${content.toString('utf8')}`;
      const value = fileRef(p, binary);
      if (equals) argv.push(`${flag}=${value}`);
      else argv.push(flag, value);
    }
    return { property: 'paramfiles', argv, inputText: argv.join('\n') + contents };
  });
}

function optionValueCases(): fc.Arbitrary<FuzzCase> {
  const valueFor = (flag: string): fc.Arbitrary<string> => {
    switch (flag) {
      case '--endpoint-url':
        return endpointText;
      case '--region':
      case '--source-region':
      case '--destination-region':
        return regionText;
      case '--query':
        return queryText;
      case '--completion-duration-minutes':
      case '--cli-read-timeout':
      case '--cli-connect-timeout':
      case '--wait-timeout':
        return numberText;
      case '--ca-bundle':
        return pathText;
      case '--tag-specifications':
        return fc.oneof(shorthandSpec, mutate(shorthandSpec));
      case '--cli-input-json':
        return jsonDocument.map((d) => d.text);
      case '--cli-input-yaml':
        return yamlDocument.map((d) => d.text);
      default:
        return fc.oneof(choiceText, anyText, numberText, pathText.map((p) => fileRef(p)));
    }
  };
  const pair = fc.constantFrom(...ALL_FLAGS).chain((flag): fc.Arbitrary<string[]> => {
    if (!VALUE_FLAGS.includes(flag)) return fc.constant([flag]);
    return fc.tuple(valueFor(flag), fc.boolean()).map(([v, eq]) => (eq ? [`${flag}=${v}`] : [flag, v]));
  });
  return fc.array(pair, { minLength: 1, maxLength: 4 }).map((pairs) => {
    const argv = [...REQUIRED, ...pairs.flat()];
    return { property: 'option-values', argv, inputText: argv.join('\n') };
  });
}

// ---------------------------------------------------------------- bundle parity

/**
 * The same cases through the shipped bundle (built by this file into a
 * scratch directory from the current src/, so it is never stale and never
 * races a rebuild of dist/): exit code, stdout and stderr must equal
 * main()'s in-process. Spawning costs ~0.1 s a case, so this property gets
 * its own, smaller budget: FUZZ_BUNDLE_RUNS, default max(25, FUZZ_RUNS / 200).
 */
const BUNDLE_RUNS = Number(process.env.FUZZ_BUNDLE_RUNS ?? Math.max(25, Math.round(TOTAL_RUNS / 200)));
let bundleDir: string | undefined;

function buildBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'copy-snapshot-fuzz-dist-'));
  execFileSync(process.execPath, [join(import.meta.dirname, '..', '..', 'scripts', 'build.mjs'), `--outdir=${join(dir, 'dist')}`, '--quiet']);
  return dir;
}

function spawnBundle(argv: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(bundleDir!, 'dist', 'launch.cjs'), ...argv], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** What differs between runs for reasons other than the code: the runtime in the version line. */
function normalize(text: string): string {
  return text.replace(/copy-snapshot\/\S+ Node\.js\/\S+ \S+\/\S+/g, 'copy-snapshot/VERSION');
}

/** Known bugs that exist only in the bundle (see the it.fails tests): a case failing exactly so is tolerated. */
const KNOWN_BUNDLE_BUGS: readonly { id: string; matches: (c: FuzzCase, inProcess: CheckedRun, bundle: { code: number | null; stderr: string }) => boolean }[] = [
];

async function runParityCase(input: FuzzCase): Promise<void> {
  const c = { ...input, argv: input.argv.map(wellFormed) };
  // A real argv cannot hold a NUL (C strings); the in-process properties still try them.
  if (c.argv.some((w) => w.includes('\0'))) return;
  caseCounts.set('bundle-parity', (caseCounts.get('bundle-parity') ?? 0) + 1);
  const inProcess = await runChecked(c.argv, env);
  ec2.requests.length = 0;
  // --debug lines carry timestamps and request details that differ run to run.
  if (inProcess.stderr.includes(' - MainThread - ')) return;
  // Runs with problems are the in-process properties' business (and print warnings the bundle prints on stderr).
  if (problemsOf(inProcess, c).length > 0 || documentKeyProblems(c, inProcess).length > 0) return;
  const bundle = await spawnBundle(c.argv);
  ec2.requests.length = 0;
  const same = bundle.code === inProcess.code && normalize(bundle.stdout) === normalize(inProcess.stdout) && normalize(bundle.stderr) === normalize(inProcess.stderr);
  if (same) return;
  if (!STRICT) {
    const bug = KNOWN_BUNDLE_BUGS.find((b) => b.matches(c, inProcess, bundle));
    if (bug) {
      knownBugHits.set(bug.id, (knownBugHits.get(bug.id) ?? 0) + 1);
      return;
    }
    // A known bug may show at a different threshold in the bundle (V8's stack depth differs from the test worker's).
    const asRun: CheckedRun = { code: bundle.code ?? -1, stdout: bundle.stdout, stderr: bundle.stderr, warnings: [], ms: 0 };
    const problems = problemsOf(asRun, c);
    const bugs = problems.map((p) => KNOWN_BUGS.find((b) => b.matches(p, asRun, c)));
    if (problems.length > 0 && bugs.every((b) => b !== undefined)) {
      for (const b of new Set(bugs)) knownBugHits.set(`${b!.id} (bundle)`, (knownBugHits.get(`${b!.id} (bundle)`) ?? 0) + 1);
      return;
    }
  }
  throw new Error(
    `the bundle differs from main() in-process\nargv: ${JSON.stringify(c.argv)}\n` +
      `in-process: exit ${inProcess.code}, stdout ${JSON.stringify(inProcess.stdout.slice(0, 300))}, stderr ${JSON.stringify(inProcess.stderr.slice(0, 300))}\n` +
      `bundle:     exit ${bundle.code}, stdout ${JSON.stringify(bundle.stdout.slice(0, 300))}, stderr ${JSON.stringify(bundle.stderr.slice(0, 600))}`,
  );
}

// ---------------------------------------------------------------- properties

describe(`fuzz (seed ${SEED}, ${RUNS_PER_PROPERTY} runs per property)`, () => {
  it('prints the seed', () => {
    console.log(`fuzz: seed=${SEED} — rerun with FUZZ_SEED=${SEED}`);
    expect(Number.isInteger(SEED)).toBe(true);
  });

  it('argv vectors: options, prefixes, --opt=value, --, bare words, unicode, empty and long words', { timeout: PROPERTY_TIMEOUT_MS }, async () => {
    await assertProperty(0, argvCases());
  });

  it('--tag-specifications: shorthand, JSON and garbage words', { timeout: PROPERTY_TIMEOUT_MS }, async () => {
    await assertProperty(1, tagSpecificationCases());
  });

  it('--cli-input-json: documents, valid-ish and garbage, inline and from a file', { timeout: PROPERTY_TIMEOUT_MS }, async () => {
    await assertProperty(2, documentCases('json'));
  });

  it('--cli-input-yaml: documents, valid-ish and garbage, inline and from a file', { timeout: PROPERTY_TIMEOUT_MS }, async () => {
    await assertProperty(3, documentCases('yaml'));
  });

  it('paramfiles: file:// and fileb:// for every operation option (empty, non-UTF-8, directory, missing, loops, generated bytes)', { timeout: PROPERTY_TIMEOUT_MS }, async () => {
    await assertProperty(4, paramfileCases());
  });

  it('option values: a value for every option, global and operation, as `--opt v` and `--opt=v`', { timeout: PROPERTY_TIMEOUT_MS }, async () => {
    await assertProperty(5, optionValueCases());
  });

  it(`bundle parity: ${BUNDLE_RUNS} cases from all the above give the same exit code, stdout and stderr from the built bundle`, { timeout: 120_000 + BUNDLE_RUNS * 1_000 }, async () => {
    bundleDir = buildBundle();
    const cases = fc.oneof(argvCases(), tagSpecificationCases(), documentCases('json'), documentCases('yaml'), paramfileCases(), optionValueCases());
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        await runParityCase(c);
      }),
      { numRuns: BUNDLE_RUNS, seed: (SEED + 6) | 0 },
    );
  });
});

// ---------------------------------------------------------------- the bugs it found

/** Runs one case against a fresh endpoint, outside the property, for the bug reports below. */
async function once(argv: string[], extraEnv: Record<string, string> = {}): Promise<CheckedRun> {
  const local = await startEc2Endpoint();
  try {
    const h = isolatedHome();
    return await runChecked([...argv, '--endpoint-url', local.url], isolatedEnv(h, { AWS_MAX_ATTEMPTS: '1', ...extraEnv }));
  } finally {
    await local.close();
  }
}

const MODEL_MEMBERS = MEMBER_NAMES.join(', ');

describe('bugs the fuzzer found (it.fails until fixed in src/)', () => {
  // BUG-1: a lone surrogate in a sent value. v1 fails encoding it:
  // UnicodeEncodeError "'utf-8' codec can't encode character '\ud800' in
  // position 0: surrogates not allowed" (exit 255). We print JS's URIError
  // text "URI malformed" (from encodeURIComponent in src/request/query-encoding.ts).
  it('BUG-1: --cli-input-json {"Description": "\\ud800"} → v1\'s UnicodeEncodeError text, not "URI malformed"', async () => {
    const run = await once([...REQUIRED, '--cli-input-json', '{"Description": "\\ud800"}']);
    expect(run.code).toBe(255);
    expect(run.stderr).toBe("\n'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed\n");
  });

  // BUG-2a: a deeply nested --query. v1's jmespath parser recurses and Python
  // raises RecursionError, which awscli's _resolve_query reports as a bad
  // --query (exit 255); we printed V8's "Maximum call stack size exceeded".
  // Fixed: src/output/jmespath.ts counts Python's stack (src/python/recursion.ts).
  it('BUG-2a: --query "[" × 10000 → a Python-style recursion message, not V8\'s', async () => {
    const query = '['.repeat(10_000);
    const run = await once([...REQUIRED, '--query', query]);
    expect(run.code).toBe(255);
    expect(run.stderr).toBe(`\nBad value for --query ${query}: maximum recursion depth exceeded\n`);
  });

  // BUG-2b: a YAML alias that contains itself. AWS CLI v2 (ruamel) builds a
  // recursive list and botocore reports it: "Invalid type for parameter
  // Description, value: [[...]], type: <class 'list'>, valid types: <class 'str'>".
  // We printed "Maximum call stack size exceeded" (validation/pyStr recursion).
  // Fixed: src/python/repr.ts prints a container inside itself as Python does.
  it('BUG-2b: --cli-input-yaml "Description: &a [*a]" → a validation message, not V8\'s', async () => {
    const run = await once([...REQUIRED, '--cli-input-yaml', 'Description: &a [*a]']);
    expect(run.code).toBe(255);
    expect(run.stderr).toBe(
      "\nParameter validation failed:\nInvalid type for parameter Description, value: [[...]], type: <class 'list'>, valid types: <class 'str'>\n",
    );
  });

  // BUG-3a: --endpoint-url with no host. botocore's is_valid_endpoint_url
  // rejects it: ValueError "Invalid endpoint: http://" (exit 255). We print
  // Node's TypeError text "Invalid URL".
  it('BUG-3a: --endpoint-url http:// → "Invalid endpoint: http://", not "Invalid URL"', async () => {
    const h = isolatedHome();
    const run = await runChecked([...REQUIRED, '--endpoint-url', 'http://'], isolatedEnv(h));
    expect(run.code).toBe(255);
    expect(run.stderr).toBe('\nInvalid endpoint: http://\n');
  });

  // BUG-3b: the presigned URL's host is the endpoint with the client Region
  // replaced by the source Region (botocore: url.replace(dest, src), no URL
  // parsing). With --region localhost and --source-region "a b", v1 presigns
  // "http://a b:PORT/?…" and sends the request (exit 0); we called new URL()
  // on the rewritten endpoint and printed "Invalid URL". Fixed: presign.ts
  // splits the URL as Python's urlsplit does (src/request/endpoint-url.ts).
  it('BUG-3b: --region localhost --source-region "a b" against http://localhost:PORT → the request is sent', async () => {
    const local = await startEc2Endpoint();
    try {
      const h = isolatedHome();
      const run = await runChecked(
        ['--source-region', 'a b', '--source-snapshot-id', 'snap-1', '--region', 'localhost', '--endpoint-url', local.url.replace('127.0.0.1', 'localhost')],
        isolatedEnv(h),
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(local.requests).toHaveLength(1);
      const presignedUrl = local.requests[0]!.form.find(([k]) => k === 'PresignedUrl')?.[1];
      expect(presignedUrl).toMatch(new RegExp(`^http://a b:${local.port}/\\?Action=CopySnapshot&Version=2016-11-15&SourceRegion=a%20b&SourceSnapshotId=snap-1&DestinationRegion=localhost&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F\\d{8}%2Fa%20b%2Fec2%2Faws4_request&`));
    } finally {
      await local.close();
    }
  });

  // BUG-4: top-level keys of --cli-input-json/--cli-input-yaml named like
  // Object.prototype members (constructor, toString, __proto__, …) are
  // dropped: mergeInputDocument (src/params/build.ts) tests `key in merged`,
  // which is true for inherited names. v1 reports them as unknown (exit 255).
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'BUG-4: --cli-input-json {"%s": 1} → Unknown parameter (exit 255), not a copy (exit 0)',
    async (key) => {
      const run = await once([...REQUIRED, '--cli-input-json', `{"${key}": 1}`]);
      expect(run.code).toBe(255);
      expect(run.stderr).toBe(`\nParameter validation failed:\nUnknown parameter in input: "${key}", must be one of: ${MODEL_MEMBERS}\n`);
    },
  );

  // BUG-5: the `yaml` package reports through process.emitWarning, which
  // Node prints on the real stderr: "(node:PID) [TAG_RESOLVE_FAILED]
  // YAMLWarning: Unresolved tag: !foo …" (and "Warning: Keys with collection
  // values will be stringified …" for `? [a]`). Nothing may reach stderr but
  // the CLI's own text; v2 rejects an unknown tag (ruamel ConstructorError).
  it('BUG-5: --cli-input-yaml "Description: !foo x" emits no Node warning', async () => {
    const run = await once([...REQUIRED, '--cli-input-yaml', 'Description: !foo x']);
    expect(run.warnings.map((w) => w.name)).toEqual([]);
  });

  // BUG-6: --cli-connect-timeout past Node's 32-bit timer limit printed
  // "TimeoutOverflowWarning: … Timeout duration was set to 1." on the real
  // stderr and made the connect timeout 1 ms; v1 takes any int and connects
  // normally. The transport work has since clamped the timers
  // (src/request/transport.ts timerMs, at 2^31-1 ms), which fixes 3000000;
  // but @smithy/node-http-handler also arms a socket-acquisition warning
  // timer of requestTimeout (2000 when unset) + connectionTimeout, so
  // 2147482 and 2147483 still overflow: "TimeoutOverflowWarning: 2147485000
  // does not fit into a 32-bit signed integer." (clamp 2 s lower, or set
  // socketAcquisitionWarningTimeout).
  it('BUG-6 (fixed for large values): --cli-connect-timeout 3000000 → no warning, a normal request', async () => {
    const run = await once([...REQUIRED, '--cli-connect-timeout', '3000000']);
    expect(run.code).toBe(0);
    expect(run.warnings.map((w) => w.name)).toEqual([]);
  });

  it('BUG-6: --cli-connect-timeout 2147483 → no warning, a normal request', async () => {
    const run = await once([...REQUIRED, '--cli-connect-timeout', '2147483']);
    expect(run.code).toBe(0);
    expect(run.warnings.map((w) => w.name)).toEqual([]);
  });

  // BUG-9: in the built bundle every --cli-input-yaml document fails with
  // "Invalid YAML received." (exit 255), even `SourceRegion: us-west-2`.
  // esbuild bundles the `yaml` package as CommonJS behind a default export,
  // so `const { parse } = await import('yaml')` (src/params/build.ts) gets
  // undefined, and the TypeError "parse is not a function" is swallowed by
  // the bare `catch {}` meant for YAML syntax errors. In-process (vitest,
  // src/) it works, which is why only the bundle-parity property sees it.
  // Expected (AWS CLI v2's --cli-input-yaml): the document is read, the copy is made.
  it('BUG-9: bin/copy-snapshot --cli-input-yaml "SourceRegion: …\nSourceSnapshotId: …" → the copy is made', async () => {
    const local = await startEc2Endpoint();
    try {
      const h = isolatedHome();
      const r = await spawnBin(['--cli-input-yaml', 'SourceRegion: us-west-2\nSourceSnapshotId: snap-1', '--endpoint-url', local.url], {
        env: { PATH: process.env.PATH ?? '', ...isolatedEnv(h) },
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('{\n    "SnapshotId": "snap-0123456789abcdef0"\n}\n');
    } finally {
      await local.close();
    }
  });

  // BUG-7 (fixed): YAML !!set / !!omap values reached validation as JS Set/Map
  // and were shown as "value: '[object Set]', type: <class 'dict'>". ruamel
  // (AWS CLI v2) builds a set and an ordered map: "value: {'a'}, type: <class 'set'>".
  it('BUG-7: --cli-input-yaml "Description: !!set {a}" is a set, shown as Python shows one', async () => {
    const run = await once([...REQUIRED, '--cli-input-yaml', 'Description: !!set {a}']);
    expect(run.code).toBe(255);
    expect(run.stderr).toContain("Invalid type for parameter Description, value: {'a'}, type: <class 'set'>, valid types: <class 'str'>");
    expect(run.stderr).not.toContain('[object ');
  });

  it('BUG-7: an !!omap is an ordered mapping, its keys in order', async () => {
    const run = await once([...REQUIRED, '--cli-input-yaml', 'Description: !!omap [b: 1, a: 2]']);
    expect(run.code).toBe(255);
    expect(run.stderr).toContain("Invalid type for parameter Description, value: OrderedDict([('b', 1), ('a', 2)]), type: <class 'collections.OrderedDict'>");
  });
});
