// Bundles the CLI into dist/ with esbuild, as three CommonJS files:
//
//   launch.cjs  what bin/copy-snapshot imports: loads app.cjs through V8's
//               code cache (src/launch/compile-cache.ts).
//   app.cjs     the whole CLI (src/main.ts) except the AWS SDK. Its own lazy
//               parts (help, the request stage, YAML, proxies) stay in the
//               same file, evaluated only when used.
//   sdk.cjs     the SDK, reached only through src/request/sdk.ts, which
//               app.cjs loads as require('./sdk.cjs') right before a request.
//               It is a bundle of its own so that it is tree-shaken to what
//               that module exports and never evaluated on the paths that
//               send no request.
//
// CommonJS rather than ES modules because Node 20 can cache the compiled code
// of a script it is handed (vm.Script's cachedData) but not of an ES module;
// compiling the bundles is most of a request's start-up time.
//
// The EC2 client's schema module (every EC2 shape, 1.3 MB) is pruned at build
// time to the shapes reachable from the operations we send (see
// scripts/prune-schemas.mjs). To send another operation, add its schema
// (`<Operation>$`) to SCHEMA_ROOTS in src/request/sdk-names.ts (the names of
// the SDK internals we rely on, read here too); the build fails if the bundle
// uses a schema that was pruned.
//
// Beside the bundles, the build writes copy-snapshot.1 (the man page,
// generated from the model through src/help/man.ts) and
// THIRD-PARTY-LICENSES.txt (the licence of every package whose code is in a
// bundle, read from the package itself).
//
// Options: --outdir=DIR (default dist; tests build into a scratch directory),
//          --metafile=PATH (esbuild's metafiles of the three builds merged,
//          for analysis and tests), --quiet.
import { build, transform } from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findUsedPrunedSchemas, pruneSchemasPlugin } from './prune-schemas.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** src/request/sdk-names.ts imports nothing: compiled on its own, it is read as a module. */
async function loadSdkNames() {
  const source = readFileSync(path.join(root, 'src', 'request', 'sdk-names.ts'), 'utf8');
  const { code } = await transform(source, { loader: 'ts', format: 'esm' });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}
export const { SCHEMA_ROOTS } = await loadSdkNames();
const argValue = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const outdir = path.resolve(root, argValue('outdir') ?? 'dist');
const metafilePath = argValue('metafile');
const quiet = process.argv.includes('--quiet');

if (path.relative(outdir, root).split(path.sep)[0] !== '..' || outdir === path.resolve(root, 'src')) {
  // Stale files are deleted from the output directory: never let that be the project or above it.
  console.error(`build: refusing to use ${outdir} as the output directory`);
  process.exit(2);
}

/** The module through which our code reaches the SDK, and the file it becomes. */
const SDK_DOOR = path.join(root, 'src', 'request', 'sdk.ts');
const SDK_BUNDLE = './sdk.cjs';
/** Our modules sdk.cjs may hold: the door and the SDK names it re-exports. */
const SDK_DOOR_MODULES = ['src/request/sdk.ts', 'src/request/sdk-names.ts'];
const SDK_CODE = /^node_modules\/(@aws-sdk|@smithy|@aws)\//;

/** app.cjs reaches the door as the sibling bundle, never by bundling it. */
const sdkDoorPlugin = {
  name: 'sdk-door',
  setup(b) {
    b.onResolve({ filter: /(^|\/)sdk\.js$/ }, (args) => {
      const resolved = path.resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      return resolved === SDK_DOOR ? { path: SDK_BUNDLE, external: true } : undefined;
    });
  },
};

const reports = [];
const common = {
  absWorkingDir: root,
  // Checked before anything is written (below), so a failed build leaves the previous dist/ alone.
  write: false,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // Prefer packages' ES builds (`module`) over CommonJS (`main`): the AWS SDK's
  // dist-cjs is one pre-bundled file per package that cannot be tree-shaken,
  // whereas dist-es lets the schema module be pruned and unused code dropped.
  mainFields: ['module', 'main'],
  target: 'node20',
  // The bundles run as scripts handed to vm.Script (see src/launch/compile-cache.ts),
  // where import() has no loader: esbuild turns every import() into require().
  supported: { 'dynamic-import': false },
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  // Optional packages of bundled dependencies, imported inside try/catch.
  external: ['kerberos', 'supports-color'],
  outdir,
  outExtension: { '.js': '.cjs' },
};
const builds = await Promise.all([
  build({ ...common, entryPoints: { launch: 'src/launch.ts' } }),
  build({ ...common, entryPoints: { app: 'src/main.ts' }, plugins: [sdkDoorPlugin] }),
  build({
    ...common,
    entryPoints: { sdk: 'src/request/sdk.ts' },
    plugins: [pruneSchemasPlugin({ roots: SCHEMA_ROOTS, onReport: (report) => reports.push(report) })],
  }),
]);
const [launchResult, appResult, sdkResult] = builds;

/** The inputs that left code in a build's output (the metafile also lists what tree-shaking dropped). */
const bundled = (result) =>
  Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, facts]) => facts.bytesInOutput > 0)
      .map(([input]) => input),
  );
const problems = [];
for (const input of bundled(appResult)) {
  if (SDK_CODE.test(input)) problems.push(`app.cjs bundles SDK code (${input}); import it through src/request/sdk.ts`);
}
for (const input of bundled(sdkResult)) {
  if (input.startsWith('src/') && !SDK_DOOR_MODULES.includes(input)) {
    problems.push(`sdk.cjs bundles our own module ${input}; only src/request/sdk.ts (and the names it re-exports) belongs there`);
  }
}
for (const input of bundled(launchResult)) {
  if (!input.startsWith('src/launch')) problems.push(`launch.cjs bundles ${input}; it must stay small`);
}
for (const result of builds) {
  for (const file of result.outputFiles) {
    if (/\bimport\(/.test(file.text)) problems.push(`${path.basename(file.path)} still calls import(), which a vm.Script cannot do`);
    // The launcher reads the bundles as latin1, exact for ASCII (esbuild escapes everything else by default).
    if (/[^\x00-\x7f]/.test(file.text)) problems.push(`${path.basename(file.path)} is not ASCII-only`);
  }
}
if (problems.length > 0) {
  console.error(problems.map((p) => `build: ${p}`).join('\n'));
  process.exit(1);
}
const result = {
  outputFiles: builds.flatMap((r) => r.outputFiles),
  metafile: {
    inputs: Object.assign({}, ...builds.map((r) => r.metafile.inputs)),
    outputs: Object.fromEntries(
      builds.flatMap((r) => Object.entries(r.metafile.outputs)),
    ),
  },
};

for (const [client, clientRoots] of Object.entries(SCHEMA_ROOTS)) {
  if (!reports.some((report) => report.client === client)) {
    // Nothing imported the client's schema module: the roots are stale, or the SDK's layout changed.
    console.error(`build: the schema module of @aws-sdk/${client} was not seen; roots ${clientRoots.join(', ')} were not applied`);
    process.exit(1);
  }
}
const used = findUsedPrunedSchemas(new Map(result.outputFiles.map((file) => [file.path, file.text])));
if (used.length > 0) {
  console.error(
    `build: the bundle uses EC2 schemas that were pruned: ${used.join(', ')}.\n` +
      `       Add them to SCHEMA_ROOTS in src/request/sdk-names.ts.`,
  );
  process.exit(1);
}

/** node_modules/a/b.js, node_modules/@s/p/x/node_modules/q/y.js → the directory of the package the file is in. */
function packageDirOf(input) {
  const found = [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].at(-1);
  return found ? input.slice(0, found.index + found[0].length - 1) : undefined;
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.|$)/i;

/** The licences of the packages that left code in the bundles, each with the files it ships. */
function thirdPartyLicences() {
  const dirs = [...new Set(builds.flatMap(bundled).map(packageDirOf).filter(Boolean))];
  const entries = dirs.map((dir) => {
    const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
    const files = readdirSync(path.join(root, dir)).filter((name) => LICENCE_FILE.test(name)).sort();
    return { pkg, texts: files.map((name) => readFileSync(path.join(root, dir, name), 'utf8').trimEnd()) };
  });
  entries.sort((a, b) => (a.pkg.name < b.pkg.name ? -1 : a.pkg.name > b.pkg.name ? 1 : 0));
  // Many packages ship the same text (the Apache License): each text is printed once, after the packages that ship it.
  const groups = new Map();
  for (const { pkg, texts } of entries) {
    const key = texts.length > 0 ? texts.join('\n\n') : `(The package ships no licence file; its package.json declares ${pkg.license ?? 'no licence'}.)`;
    const source = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    const line = `${pkg.name} ${pkg.version} (${pkg.license ?? 'licence not declared'})${source ? ` ${source}` : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const rule = '-'.repeat(78);
  const sections = [...groups].map(([text, packages]) => [rule, ...packages, '', text].join('\n'));
  return (
    `copy-snapshot bundles code of the packages below into dist/. Their licences\n` +
    `follow, as each package ships them, each text after the packages that ship\n` +
    `it. copy-snapshot itself: see LICENSE.\n\n` +
    `${sections.join('\n\n')}\n`
  );
}

/** The man page, rendered by src/help/man.ts (bundled for the occasion and run here). */
async function manPage() {
  const built = await build({ ...common, entryPoints: ['src/help/man.ts'], outdir: undefined, outfile: 'man.cjs', metafile: false, minify: false });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return module.exports.renderManPage();
}

const extraFiles = [
  { path: path.join(outdir, 'copy-snapshot.1'), contents: await manPage() },
  { path: path.join(outdir, 'THIRD-PARTY-LICENSES.txt'), contents: thirdPartyLicences() },
];

// Write the new files, then delete the ones no longer produced (dist/ is never emptied first).
await mkdir(outdir, { recursive: true });
const written = new Set();
for (const file of [...result.outputFiles, ...extraFiles]) {
  await mkdir(path.dirname(file.path), { recursive: true });
  // Renamed into place, so a copy-snapshot starting meanwhile reads a whole file, old or new.
  const temporary = `${file.path}.${process.pid}.tmp`;
  await writeFile(temporary, file.contents);
  await rename(temporary, file.path);
  written.add(file.path);
}
for (const entry of await readdir(outdir, { recursive: true, withFileTypes: true })) {
  const file = path.join(entry.parentPath ?? entry.path, entry.name);
  if (entry.isFile() && !written.has(file)) await rm(file);
}
if (metafilePath) await writeFile(metafilePath, JSON.stringify(result.metafile));

if (!quiet) {
  for (const r of reports) {
    console.log(
      `build: @aws-sdk/${r.client} schemas pruned ${(r.originalBytes / 1024).toFixed(0)} KB → ${(r.prunedBytes / 1024).toFixed(0)} KB ` +
        `before tree-shaking; kept ${r.kept} of ${r.declarations} declarations (${r.exportedKept.filter((n) => n.endsWith('$')).length} schemas), ` +
        `${r.verifiedNodes} nodes verified against the original in ${r.ms} ms`,
    );
  }
}
