// Structural facts about the shipped bundle that keep copy-snapshot fast,
// checked without timing anything (timings belong to `npm run bench`):
// the no-request paths load no SDK code, the EC2 schema module is pruned, the
// request path stays small, and nothing is loaded from node_modules at run time.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUsedPrunedSchemas, pruneSchemas, pruneSchemasPlugin, verifyPrunedSchemas } from '../../scripts/prune-schemas.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SCHEMAS = join(ROOT, 'node_modules', '@aws-sdk', 'client-ec2', 'dist-es', 'schemas', 'schemas_0.js');
const ROOTS = ['CopySnapshot$', 'DescribeSnapshots$', 'errorTypeRegistries'];
/** Inputs that are SDK code (or only needed to send a request). */
const SDK_INPUT = /node_modules\/(@aws-sdk|@smithy|@aws|http-proxy-agent|https-proxy-agent|agent-base|bowser)\//;
/** Packages the bundle may try to load at run time because the bundled code guards the import. */
const OPTIONAL_EXTERNALS = new Set([
  'kerberos', // proxy-agent-negotiate: only for Negotiate proxy auth, inside try/catch
  'supports-color', // debug: colour detection, inside try/catch
]);
/** Upper bounds with room to grow; they catch a regression of several times, not a few KB. */
const MAX_SCHEMA_BYTES_IN_OUTPUT = 30_000; // the whole EC2 schema module is ~540 KB minified
const MAX_REQUEST_PATH_BYTES = 600_000; // ~330 KB today; ~1.4 MB before pruning

let work: string;
let dist: string;
let meta: Metafile;

beforeAll(() => {
  // Build into a scratch directory so this test never races other tests using dist/.
  work = mkdtempSync(join(tmpdir(), 'cs-build-test-'));
  dist = join(work, 'dist');
  // A leftover from an earlier build, which the build must delete.
  mkdirSync(dist);
  writeFileSync(join(dist, 'chunk-STALE000.js'), 'export {};\n');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), `--outdir=${dist}`, `--metafile=${join(work, 'meta.json')}`, '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  meta = JSON.parse(readFileSync(join(work, 'meta.json'), 'utf8')) as Metafile;
  mkdirSync(join(work, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'copy-snapshot'), join(work, 'bin', 'copy-snapshot'));
  copyFileSync(join(ROOT, 'package.json'), join(work, 'package.json'));
  writeFileSync(join(work, 'config'), '');
  // A module hook that logs every file the ES module loader loads.
  writeFileSync(
    join(work, 'log-hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\n" +
      'export async function load(url, context, next) {\n' +
      "  if (url.startsWith('file:')) appendFileSync(process.env.CS_LOAD_LOG, url + '\\n');\n" +
      '  return next(url, context);\n' +
      '}\n',
  );
  writeFileSync(join(work, 'log-loads.mjs'), "import { register } from 'node:module';\nregister('./log-hooks.mjs', import.meta.url);\n");
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Absolute path of a metafile output key. */
const outputPath = (key: string) => resolve(ROOT, key);
const outputKey = (file: string) => Object.keys(meta.outputs).find((key) => outputPath(key) === file);

/** Output chunks loaded by static imports from `key`, including itself. */
function staticClosure(key: string): string[] {
  const seen = new Set<string>([key]);
  const queue = [key];
  while (queue.length > 0) {
    const output = meta.outputs[queue.pop()!]!;
    for (const imported of output.imports) {
      if (imported.external || imported.kind !== 'import-statement') continue;
      const next = Object.keys(meta.outputs).find((k) => outputPath(k) === resolve(ROOT, imported.path) || k === imported.path);
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...seen];
}

const sdkInputsOf = (key: string) => Object.keys(meta.outputs[key]!.inputs).filter((input) => SDK_INPUT.test(input));

/** Runs the scratch build's binary and returns the dist files the module loader loaded. */
function loadedChunks(args: string[], env: Record<string, string> = {}) {
  const log = join(work, `loads-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(join(work, 'log-loads.mjs')).href, join(work, 'bin', 'copy-snapshot'), ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: work,
      AWS_CONFIG_FILE: join(work, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(work, 'config'),
      AWS_EC2_METADATA_DISABLED: 'true',
      CS_LOAD_LOG: log,
      ...env,
    },
    timeout: 60_000,
  });
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(pathToFileURL(dist).href))
    .map((url) => new URL(url).pathname);
  return { status: result.status, stderr: result.stderr, chunks: files.map((file) => outputKey(file)!).filter(Boolean) };
}

describe('the no-request paths', () => {
  it('dist/main.js imports no SDK code statically', () => {
    const main = outputKey(join(dist, 'main.js'))!;
    expect(main).toBeDefined();
    const closure = staticClosure(main);
    expect(closure.flatMap(sdkInputsOf)).toEqual([]);
  });

  it.each([
    ['--generate-cli-skeleton', ['--generate-cli-skeleton'], 0],
    ['--version', ['--version'], 0],
    ['an argument error', ['--source-region', 'us-east-1', '--no-such-option'], 2],
    ['help', ['help'], 0],
  ])('%s loads no chunk with SDK code', (_name, args, status) => {
    const run = loadedChunks(args);
    expect(run.status, run.stderr).toBe(status);
    expect(run.chunks.length).toBeGreaterThan(0);
    expect(run.chunks.flatMap(sdkInputsOf)).toEqual([]);
  });

  it('(the load log does see the SDK when a request is made)', () => {
    const run = loadedChunks(
      ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1'],
      { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_MAX_ATTEMPTS: '1' },
    );
    expect(run.status, run.stderr).toBe(255);
    expect(run.chunks.flatMap(sdkInputsOf).some((input) => input.includes('@aws-sdk/client-ec2/'))).toBe(true);
  });
});

describe('the request path', () => {
  it('bundles the ES build of the EC2 client, with its schema module pruned', () => {
    const inputs = Object.keys(meta.inputs);
    expect(inputs.filter((input) => input.includes('@aws-sdk/client-ec2/dist-cjs/'))).toEqual([]);
    const schemaInput = inputs.find((input) => input.endsWith('@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js'));
    expect(schemaInput).toBeDefined();
    const bytes = Object.values(meta.outputs).reduce((sum, output) => sum + (output.inputs[schemaInput!]?.bytesInOutput ?? 0), 0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(MAX_SCHEMA_BYTES_IN_OUTPUT);
    const chunk = Object.keys(meta.outputs).find((key) => meta.outputs[key]!.inputs[schemaInput!])!;
    const code = readFileSync(outputPath(chunk), 'utf8');
    expect(code).toContain('"CopySnapshot"');
    expect(code).toContain('"CopySnapshotRequest"');
    expect(code).not.toContain('"DescribeVolumes"');
  });

  it('loads a bounded amount of code', () => {
    const client = Object.keys(meta.outputs).find((key) =>
      Object.keys(meta.outputs[key]!.inputs).some((input) => input.endsWith('@aws-sdk/client-ec2/dist-es/EC2Client.js')),
    )!;
    expect(client).toBeDefined();
    const bytes = staticClosure(client).reduce((sum, key) => sum + meta.outputs[key]!.bytes, 0);
    expect(bytes).toBeLessThan(MAX_REQUEST_PATH_BYTES);
  });
});

describe('the shipped bundle', () => {
  it('loads nothing from node_modules at run time (all imports are bundled or Node built-ins)', () => {
    const externals = new Set<string>();
    for (const output of Object.values(meta.outputs)) {
      for (const imported of output.imports) if (imported.external) externals.add(imported.path);
    }
    expect([...externals].filter((name) => !isBuiltin(name) && !OPTIONAL_EXTERNALS.has(name))).toEqual([]);
  });

  it('has no stale or stray files', () => {
    const outputs = new Set(Object.keys(meta.outputs).map(outputPath));
    const listed = execFileSync('find', [dist, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n');
    expect(listed.filter((file) => !outputs.has(file))).toEqual([]);
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
