// The option tables of src/model and what src/parse/options.ts derives from them.
import { describe, expect, it } from 'vitest';
import { COPY_SNAPSHOT } from '../../src/model/copy-snapshot.js';
import { GLOBAL_OPTIONS, INPUT_OPTIONS } from '../../src/model/globals.js';
import { destOf } from '../../src/model/options.js';
import { WAIT_OPTIONS } from '../../src/model/wait.js';
import { parseCommandLine, parseGlobals, type GlobalArgs } from '../../src/parse/index.js';
import { globalOptions, operationOptions, tableValues } from '../../src/parse/options.js';

const ALL = [...globalOptions(), ...operationOptions(COPY_SNAPSHOT)];

/** Every key of GlobalArgs, as the compiler derives them from the table (a missing or extra key does not compile). */
const GLOBAL_KEYS: Record<keyof GlobalArgs, true> = {
  debug: true,
  endpointUrl: true,
  verifySsl: true,
  paginate: true,
  output: true,
  query: true,
  profile: true,
  region: true,
  version: true,
  color: true,
  signRequest: true,
  caBundle: true,
  cliReadTimeout: true,
  cliConnectTimeout: true,
  v2Debug: true,
  cliPager: true,
  cliBinaryFormat: true,
  cliErrorFormat: true,
};

describe('the option tables', () => {
  it('declare every flag once', () => {
    const flags = ALL.map((o) => o.flag);
    expect(new Set(flags).size).toBe(flags.length);
  });

  it('store values under the names the parsed-values type has (destOf agrees with Dest)', () => {
    expect(GLOBAL_OPTIONS.map((g) => destOf(g.flag))).toEqual(Object.keys(GLOBAL_KEYS));
    const argv = GLOBAL_OPTIONS.filter((g) => !('version' in g)).flatMap((g) => (g.kind === 'flag' ? [g.flag] : [g.flag, 'choices' in g ? g.choices[0] : '7']));
    const parsed = parseGlobals(argv);
    if (parsed.kind !== 'globals') throw new Error('not parsed as globals');
    expect(Object.keys(parsed.globals).sort()).toEqual(Object.keys(GLOBAL_KEYS).filter((k) => k !== 'version').sort());
    expect(parsed.globals.verifySsl).toBe(false);
    expect(parsed.globals.cliPager).toBe(false);
    expect(parsed.globals.debug).toBe(true);
    expect(parsed.globals.cliReadTimeout).toBe('7');
    expect(parsed.globals.output).toBe('json');
  });

  it('type the operation-level values: wait, skeleton and input options come out under their names', () => {
    const invocation = parseCommandLine([
      '--source-region', 'r', '--source-snapshot-id', 's', '--generate-cli-skeleton', '--cli-input-json', '{}', '--wait', '--wait-timeout', '5m',
    ]);
    expect(invocation).toMatchObject({ kind: 'operation', skeleton: 'input', cliInputJson: '{}', wait: { timeout: '5m' } });
    expect([...INPUT_OPTIONS, ...WAIT_OPTIONS].map((o) => destOf(o.flag))).toEqual([
      'cliInputJson', 'cliInputYaml', 'generateCliSkeleton', 'wait', 'waitTimeout', 'waitFor',
    ]);
  });

  it('give a boolean member --x and --no-x, storing true and false in one place; a bulk boolean only --x', () => {
    const options = ALL.filter((o) => o.dest === 'Encrypted' || o.dest === 'CopyTags');
    expect(options.map((o) => [o.flag, o.kind, o.negated, o.extra])).toEqual([
      ['--encrypted', 'flag', false, false],
      ['--no-encrypted', 'flag', true, false],
      ['--copy-tags', 'flag', false, true],
    ]);
    const values = (argv: string[]) => parseCommandLine(['--source-region', 'r', '--source-snapshot-id', 's', ...argv]);
    expect(values(['--encrypted', '--no-encrypted'])).toMatchObject({ members: { Encrypted: false } });
    expect(values(['--no-encrypted', '--encrypted'])).toMatchObject({ members: { Encrypted: true } });
  });

  it('accept v1 choices and the extra ones, marking the extra ones', () => {
    const output = globalOptions().find((o) => o.flag === '--output')!;
    expect(output.choices).toEqual(['json', 'text', 'table', 'yaml', 'yaml-stream', 'off']);
    expect(output.extraChoices).toEqual(['yaml', 'yaml-stream', 'off']);
  });

  it('make only the required value members required', () => {
    expect(ALL.filter((o) => o.required).map((o) => o.flag)).toEqual(['--source-region', '--source-snapshot-id']);
  });
});

describe('tableValues', () => {
  it('returns values that fit their declarations', () => {
    expect(tableValues(WAIT_OPTIONS, { wait: true, waitFor: ['snap-1'], Other: 3 })).toEqual({ wait: true, waitFor: ['snap-1'], Other: 3 });
  });

  it.each([
    ['a flag holding a word', GLOBAL_OPTIONS, { debug: 'yes' }],
    ['a value holding a list', GLOBAL_OPTIONS, { region: ['a'] }],
    ['a choice not accepted', GLOBAL_OPTIONS, { output: 'xml' }],
    ['a list holding a word', WAIT_OPTIONS, { waitFor: 'snap-1' }],
  ] as const)('refuses %s (the parser and the table disagree)', (_what, table, values) => {
    expect(() => tableValues(table, values)).toThrow('internal error: a parsed value does not fit its option declaration');
  });
});
