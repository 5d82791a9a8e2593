// Structural facts about the shipped bundle that keep copy-snapshot fast,
// checked without timing anything (timings belong to `npm run bench`): the
// SDK lives in dist/sdk.cjs alone and the no-request paths never read it, the
// EC2 schema module is pruned, nothing is loaded from node_modules at run
// time, and the code cache changes nothing but speed.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUsedPrunedSchemas, pruneSchemas, pruneSchemasPlugin, verifyPrunedSchemas } from '../../scripts/prune-schemas.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SCHEMAS = join(ROOT, 'node_modules', '@aws-sdk', 'client-ec2', 'dist-es', 'schemas', 'schemas_0.js');
const ROOTS = ['CopySnapshot$', 'DescribeSnapshots$', 'errorTypeRegistries'];
/** Inputs that are SDK code (or only needed to send a request). */
const SDK_INPUT = /node_modules\/(@aws-sdk|@smithy|@aws|bowser)\//;
/** Packages the bundle may try to load at run time because the bundled code guards the import. */
const OPTIONAL_EXTERNALS = new Set([
  'kerberos', // proxy-agent-negotiate: only for Negotiate proxy auth, inside try/catch
  'supports-color', // debug: colour detection, inside try/catch
]);
/** Upper bounds with room to grow; they catch a regression of several times, not a few KB. */
const MAX_SCHEMA_BYTES_IN_OUTPUT = 30_000; // the whole EC2 schema module is ~540 KB minified
const MAX_SDK_BUNDLE_BYTES = 700_000; // ~370 KB today; ~1.4 MB before pruning
const REQUEST_ARGS = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1'];
const KEYS = { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_MAX_ATTEMPTS: '1' };
/** Node 22 and later keep their own compile cache of the entry files in $NODE_COMPILE_CACHE (`v22.23.5-x64-…`). */
const NODE_OWN_CACHE = /^v\d+\.\d+\.\d+-/;
/** Our cache files in a listing, sorted (Node's own folder left out). */
const ours = (names: readonly string[]) => names.filter((name) => !NODE_OWN_CACHE.test(name)).sort();

let work: string;
let dist: string;
let meta: Metafile;

beforeAll(() => {
  // Build into a scratch directory so this test never races other tests using dist/.
  work = mkdtempSync(join(tmpdir(), 'cs-build-test-'));
  dist = join(work, 'dist');
  // Leftovers from an earlier build, which the build must delete.
  mkdirSync(dist);
  writeFileSync(join(dist, 'chunk-STALE000.js'), 'export {};\n');
  writeFileSync(join(dist, 'main.js'), 'export {};\n');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), `--outdir=${dist}`, `--metafile=${join(work, 'meta.json')}`, '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  meta = JSON.parse(readFileSync(join(work, 'meta.json'), 'utf8')) as Metafile;
  mkdirSync(join(work, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'copy-snapshot'), join(work, 'bin', 'copy-snapshot'));
  copyFileSync(join(ROOT, 'bin', 'package.json'), join(work, 'bin', 'package.json'));
  copyFileSync(join(ROOT, 'package.json'), join(work, 'package.json'));
  writeFileSync(join(work, 'config'), '');
  // Preloaded into the CLI: logs every file under dist/ that is read (the launcher reads each bundle it runs).
  writeFileSync(
    join(work, 'log-reads.cjs'),
    "const fs = require('node:fs');\n" +
      'const read = fs.readFileSync;\n' +
      'fs.readFileSync = function (file, ...rest) {\n' +
      "  if (typeof file === 'string' && file.startsWith(process.env.CS_DIST)) fs.appendFileSync(process.env.CS_LOAD_LOG, file + '\\n');\n" +
      '  return read.call(this, file, ...rest);\n' +
      '};\n',
  );
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The metafile's output for a dist file name. */
function output(name: string) {
  const key = Object.keys(meta.outputs).find((k) => basename(k) === name);
  expect(key, name).toBeDefined();
  return meta.outputs[key!]!;
}
/** Inputs that left code in an output (the metafile also lists what tree-shaking dropped). */
const bundledInputs = (name: string) =>
  Object.entries(output(name).inputs)
    .filter(([, facts]) => facts.bytesInOutput > 0)
    .map(([input]) => input);

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The dist files the run read, by name. */
  readonly read: string[];
}

/** Runs the scratch build's binary in a clean environment. */
function run(args: string[], env: Record<string, string> = {}): Run {
  const log = join(work, `reads-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--require', join(work, 'log-reads.cjs'), join(work, 'bin', 'copy-snapshot'), ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: work,
      AWS_CONFIG_FILE: join(work, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(work, 'config'),
      AWS_EC2_METADATA_DISABLED: 'true',
      NODE_COMPILE_CACHE: join(work, 'compile-cache'),
      CS_DIST: dist,
      CS_LOAD_LOG: log,
      ...env,
    },
    timeout: 60_000,
  });
  const read = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean).map((file) => basename(file)))];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, read };
}

describe('the no-request paths', () => {
  it('dist/app.cjs carries no SDK code (the config files have their own parser)', () => {
    expect(bundledInputs('app.cjs').filter((input) => SDK_INPUT.test(input))).toEqual([]);
    expect(output('app.cjs').imports.filter((imported) => imported.path === './sdk.cjs').length).toBeGreaterThan(0);
  });

  it.each([
    ['--generate-cli-skeleton', ['--generate-cli-skeleton'], {}, 0],
    ['--version', ['--version'], {}, 0],
    ['an argument error', ['--source-region', 'us-east-1', '--no-such-option'], {}, 2],
    ['help', ['help'], {}, 0],
    ['a parameter error', [...REQUEST_ARGS, '--tag-specifications', '[{"bad'], KEYS, 255],
    ['a validation error (after the credentials are found)', ['--region', 'us-east-1', '--cli-input-json', '{"SourceSnapshotId": 5, "SourceRegion": "us-east-1"}'], KEYS, 255],
    ['--generate-cli-skeleton output', [...REQUEST_ARGS, '--generate-cli-skeleton', 'output'], KEYS, 0],
  ])('%s never reads dist/sdk.cjs', (_name, args, env, status) => {
    const result = run(args, env);
    expect(result.status, result.stderr).toBe(status);
    expect(result.read).toEqual(['launch.cjs', 'app.cjs']);
  });

  it('(the read log does see dist/sdk.cjs when a request is made)', () => {
    const result = run(REQUEST_ARGS, KEYS);
    expect(result.status, result.stderr).toBe(255);
    expect(result.stderr).toContain('Could not connect to the endpoint URL: "http://127.0.0.1:9/"');
    expect(result.read).toEqual(['launch.cjs', 'app.cjs', 'sdk.cjs']);
  });
});

describe('the request path', () => {
  it('bundles the ES build of the EC2 client into dist/sdk.cjs alone, with its schema module pruned', () => {
    const inputs = Object.keys(meta.inputs);
    expect(inputs.filter((input) => input.includes('@aws-sdk/client-ec2/dist-cjs/'))).toEqual([]);
    const schemaInput = inputs.find((input) => input.endsWith('@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js'))!;
    expect(schemaInput).toBeDefined();
    expect(output('app.cjs').inputs[schemaInput]).toBeUndefined();
    const bytes = output('sdk.cjs').inputs[schemaInput]?.bytesInOutput ?? 0;
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(MAX_SCHEMA_BYTES_IN_OUTPUT);
    const code = readFileSync(join(dist, 'sdk.cjs'), 'utf8');
    expect(code).toContain('"CopySnapshot"');
    expect(code).toContain('"CopySnapshotRequest"');
    expect(code).not.toContain('"DescribeVolumes"');
  });

  it('keeps our own code out of dist/sdk.cjs and the SDK bundle bounded', () => {
    expect(bundledInputs('sdk.cjs').filter((input) => input.startsWith('src/'))).toEqual(['src/request/sdk.ts', 'src/request/sdk-names.ts']);
    expect(output('sdk.cjs').bytes).toBeLessThan(MAX_SDK_BUNDLE_BYTES);
    expect(bundledInputs('launch.cjs').every((input) => input.startsWith('src/launch'))).toBe(true);
  });
});

describe('the shipped bundle', () => {
  it('is three CommonJS files, and nothing stale is left', () => {
    expect(readdirSync(dist).sort()).toEqual(['THIRD-PARTY-LICENSES.txt', 'app.cjs', 'copy-snapshot.1', 'launch.cjs', 'sdk.cjs']);
    expect(Object.keys(meta.outputs).map((key) => basename(key)).sort()).toEqual(['app.cjs', 'launch.cjs', 'sdk.cjs']);
  });

  it('loads nothing from node_modules at run time (all imports are bundled, Node built-ins or the sibling SDK bundle)', () => {
    const externals = new Set<string>();
    for (const out of Object.values(meta.outputs)) {
      for (const imported of out.imports) if (imported.external) externals.add(imported.path);
    }
    expect([...externals].filter((name) => !isBuiltin(name) && !OPTIONAL_EXTERNALS.has(name) && name !== './sdk.cjs')).toEqual([]);
  });

  it('never calls import() (a script run by vm.Script has no module loader)', () => {
    for (const name of ['launch.cjs', 'app.cjs', 'sdk.cjs']) expect(readFileSync(join(dist, name), 'utf8')).not.toMatch(/\bimport\(/);
  });
});

describe('the code cache', () => {
  it('is written by a first run, used by the next, and changes nothing but speed', () => {
    const cacheDir = join(work, 'cache-under-test');
    const env = { ...KEYS, NODE_COMPILE_CACHE: cacheDir };
    const uncached = run(REQUEST_ARGS, { ...env, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(() => readdirSync(cacheDir)).toThrow(/ENOENT/);
    const first = run(REQUEST_ARGS, env);
    const files = ours(readdirSync(cacheDir));
    expect(files).toEqual([expect.stringMatching(/^app-[0-9a-f]{8}-\d+-\d+\.full\.bin$/), expect.stringMatching(/^sdk-[0-9a-f]{8}-\d+-\d+\.full\.bin$/)]);
    const bytes = files.map((file) => readFileSync(join(cacheDir, file)));
    const second = run(REQUEST_ARGS, env);
    // V8 took the caches: nothing was rewritten.
    expect(ours(readdirSync(cacheDir))).toEqual(files);
    expect(files.map((file) => readFileSync(join(cacheDir, file)))).toEqual(bytes);
    for (const result of [first, second]) {
      expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
        status: uncached.status,
        stdout: uncached.stdout,
        stderr: uncached.stderr,
      });
    }
    // A lighter run reuses the fuller cache and leaves it alone.
    const version = run(['--version'], env);
    expect(version.status).toBe(0);
    expect(ours(readdirSync(cacheDir))).toEqual(files);
  });
});

describe('schema pruning (scripts/prune-schemas.mjs)', () => {
  const original = readFileSync(SCHEMAS, 'utf8');

  it('keeps CopySnapshot and DescribeSnapshots with everything they reach, and little else', () => {
    const pruned = pruneSchemas(original, { roots: ROOTS });
    expect(pruned.keptCode).toMatch(/^export var CopySnapshot\$ = /m);
    expect(pruned.keptCode).toMatch(/^export var DescribeSnapshots\$ = /m);
    expect(pruned.keptCode).toMatch(/^export var Snapshot\$ = /m);
    expect(pruned.keptCode).toMatch(/^export const errorTypeRegistries = /m);
    expect(pruned.keptCode).not.toMatch(/^export var DescribeVolumes\$ = /m);
    expect(pruned.kept.length).toBeLessThan(pruned.declarations / 20);
    // Pruned exports stay importable (as stubs) so the SDK's other modules still link.
    expect(pruned.code).toMatch(/^export var DescribeVolumes\$ = \/\* @__PURE__ \*\/ /m);
    expect(verifyPrunedSchemas(original, pruned.keptCode, { roots: ROOTS }).nodes).toBeGreaterThan(50);
  });

  it('notices when pruning lost part of the schema graph', () => {
    const pruned = pruneSchemas(original, { roots: ROOTS });
    const broken = pruned.keptCode.replace(/^(export var Tag\$ = \[3, n0, _Ta,\s*0,\s*\[_K), _V\]/m, '$1]');
    expect(broken).not.toBe(pruned.keptCode);
    expect(() => verifyPrunedSchemas(original, broken, { roots: ROOTS })).toThrow(/differs from the original/);
  });

  it.each([
    ['a function declaration', 'function f() {}\nexport var A$ = [0];'],
    ['a call inside a schema thunk', 'const g = 1;\nexport var A$ = [0, () => g()];'],
    ['a reference to an unknown name', 'export var A$ = [0, () => B$];'],
    ['a getter', 'export var A$ = { get x() { return 1; } };'],
    ['an assignment', 'var x = 1;\nx = 2;\nexport var A$ = [0];'],
  ])('fails loudly on %s', (_name, source) => {
    expect(() => pruneSchemas(source, { roots: ['A$'] })).toThrow(/^schema pruning: /);
  });

  it('fails loudly when a root does not exist', () => {
    expect(() => pruneSchemas('export var A$ = [0];', { roots: ['Missing$'] })).toThrow(/root "Missing\$" is not exported/);
  });

  it('makes a build that uses a pruned schema detectably wrong', async () => {
    const result = await build({
      stdin: {
        contents: "import { CopySnapshotCommand, DescribeVolumesCommand } from '@aws-sdk/client-ec2'; console.log(CopySnapshotCommand, DescribeVolumesCommand);",
        resolveDir: ROOT,
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      mainFields: ['module', 'main'],
      write: false,
      logLevel: 'silent',
      plugins: [pruneSchemasPlugin({ roots: { 'client-ec2': ['CopySnapshot$'] } })],
    });
    const files = new Map(result.outputFiles.map((file) => [file.path, file.text]));
    expect(findUsedPrunedSchemas(files)).toEqual(['DescribeVolumes$']);
  }, 60_000);
});

describe('what dist/ holds beside the bundles', () => {
  it('THIRD-PARTY-LICENSES.txt names every package whose code is in a bundle, with the licence files it ships', () => {
    const licences = readFileSync(join(dist, 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    const dirs = new Set<string>();
    for (const output of Object.values(meta.outputs)) {
      for (const [input, facts] of Object.entries(output.inputs)) {
        const found = [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].at(-1);
        if (facts.bytesInOutput > 0 && found) dirs.add(input.slice(0, found.index + found[0].length - 1));
      }
    }
    expect([...dirs].map((dir) => basename(dir))).toEqual(expect.arrayContaining(['client-ec2', 'yaml']));
    for (const dir of dirs) {
      const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
      expect(licences).toMatch(new RegExp(`^${pkg.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} ${pkg.version.replace(/\./g, '\\.')} \\(${pkg.license}\\)`, 'm'));
      for (const file of readdirSync(join(ROOT, dir)).filter((name) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(name))) {
        expect(licences).toContain(readFileSync(join(ROOT, dir, file), 'utf8').trimEnd());
      }
    }
  });

  it('copy-snapshot.1 is the man page generated from the model', async () => {
    const { renderManPage } = await import('../../src/help/man.js');
    expect(readFileSync(join(dist, 'copy-snapshot.1'), 'utf8')).toBe(renderManPage());
  });
});
