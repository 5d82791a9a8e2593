// Bundles src/main.ts into dist/ with esbuild: one ES module for the light
// path, and split chunks for what only the request path loads (the SDK).
//
// The EC2 client's schema module (every EC2 shape, 1.3 MB) is pruned at build
// time to the shapes reachable from the operations we send (see
// scripts/prune-schemas.mjs). To send another operation, add its schema
// (`<Operation>$`) to SCHEMA_ROOTS; the build fails if the bundle uses a schema
// that was pruned.
import { build } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findUsedPrunedSchemas, pruneSchemasPlugin } from './prune-schemas.mjs';

export const SCHEMA_ROOTS = {
  'client-ec2': ['CopySnapshot$', 'DescribeSnapshots$'],
};

const root = fileURLToPath(new URL('..', import.meta.url));
const argValue = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
// --outdir=DIR builds elsewhere than dist/ (tests build into a temporary directory).
const outdir = path.resolve(root, argValue('outdir') ?? 'dist');
const quiet = process.argv.includes('--quiet');
// --metafile=PATH writes esbuild's metafile (inputs per output chunk) for analysis and tests.
const metafilePath = argValue('metafile');

if (outdir === path.resolve(root) || path.relative(outdir, root).split(path.sep)[0] !== '..' || outdir === path.resolve(root, 'src')) {
  console.error(`build: refusing to use ${outdir} as the output directory (it is emptied first)`);
  process.exit(2);
}
// Chunk names carry content hashes: start clean so stale chunks are not shipped.
await rm(outdir, { recursive: true, force: true });

const reports = [];
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outdir,
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

const outputs = new Map();
for (const file of Object.keys(result.metafile.outputs)) {
  if (file.endsWith('.js')) outputs.set(file, await readFile(path.resolve(root, file), 'utf8'));
}
if (metafilePath) await writeFile(metafilePath, JSON.stringify(result.metafile));
const used = findUsedPrunedSchemas(outputs);
if (used.length > 0) {
  console.error(
    `build: the bundle uses EC2 schemas that were pruned: ${used.join(', ')}.\n` +
      `       Add them to SCHEMA_ROOTS in scripts/build.mjs.`,
  );
  await rm(outdir, { recursive: true, force: true });
  process.exit(1);
}
for (const [client, clientRoots] of Object.entries(SCHEMA_ROOTS)) {
  if (!reports.some((report) => report.client === client)) {
    // Nothing imported the client at all: the roots are stale, or the plugin's filter no longer matches.
    console.error(`build: the schema module of @aws-sdk/${client} was not seen; roots ${clientRoots.join(', ')} were not applied`);
    process.exit(1);
  }
}
if (!quiet) {
  for (const r of reports) {
    console.log(
      `build: @aws-sdk/${r.client} schemas pruned ${(r.originalBytes / 1024).toFixed(0)} KB → ${(r.prunedBytes / 1024).toFixed(0)} KB ` +
        `before tree-shaking; kept ${r.kept} of ${r.declarations} declarations (${r.exportedKept.filter((n) => n.endsWith('$')).length} schemas), ` +
        `${r.verifiedNodes} nodes verified against the original in ${r.ms} ms`,
    );
  }
}
