// Bundles src/main.ts into dist/ with esbuild: one ES module for the light
// path, and split chunks for what only the request path loads (the SDK).
//
// The EC2 client's schema module (every EC2 shape, 1.3 MB) is pruned at build
// time to the shapes reachable from the operations we send (see
// scripts/prune-schemas.mjs). To send another operation, add its schema
// (`<Operation>$`) to SCHEMA_ROOTS; the build fails if the bundle uses a schema
// that was pruned.
//
// Options: --outdir=DIR (default dist; tests build into a scratch directory),
//          --metafile=PATH (esbuild's metafile, for analysis and tests),
//          --quiet.
import { build } from 'esbuild';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findUsedPrunedSchemas, pruneSchemasPlugin } from './prune-schemas.mjs';

export const SCHEMA_ROOTS = {
  'client-ec2': ['CopySnapshot$', 'DescribeSnapshots$'],
};

const root = fileURLToPath(new URL('..', import.meta.url));
const argValue = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const outdir = path.resolve(root, argValue('outdir') ?? 'dist');
const metafilePath = argValue('metafile');
const quiet = process.argv.includes('--quiet');

if (path.relative(outdir, root).split(path.sep)[0] !== '..' || outdir === path.resolve(root, 'src')) {
  // Stale files are deleted from the output directory: never let that be the project or above it.
  console.error(`build: refusing to use ${outdir} as the output directory`);
  process.exit(2);
}

const reports = [];
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outdir,
  // Checked before anything is written (below), so a failed build leaves the previous dist/ alone.
  write: false,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Prefer packages' ES builds (`module`) over CommonJS (`main`): the AWS SDK's
  // dist-cjs is one pre-bundled file per package that cannot be tree-shaken,
  // whereas dist-es keeps credential providers and nested clients behind
  // dynamic imports and lets the schema module be pruned.
  mainFields: ['module', 'main'],
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [pruneSchemasPlugin({ roots: SCHEMA_ROOTS, onReport: (report) => reports.push(report) })],
  banner: {
    // Some bundled CommonJS dependencies call require(); give them one.
    js: "import { createRequire as __csCreateRequire } from 'node:module'; const require = __csCreateRequire(import.meta.url);",
  },
});

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
      `       Add them to SCHEMA_ROOTS in scripts/build.mjs.`,
  );
  process.exit(1);
}

// Write the new files, then delete the ones no longer produced. Chunk names
// carry content hashes, so a copy-snapshot already running keeps finding its
// chunks while the build runs (dist/ is never emptied first).
await mkdir(outdir, { recursive: true });
const written = new Set();
for (const file of result.outputFiles) {
  await mkdir(path.dirname(file.path), { recursive: true });
  await writeFile(file.path, file.contents);
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
