// The project's EC2 stand-in (test/support/ec2-endpoint.ts) for scripts:
// bundled from its TypeScript source with esbuild into a scratch directory
// and loaded. Used by `npm run demo` and `npm run bench`.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The stand-in module's exports (startEc2Endpoint, …), built into `scratch`. */
export async function loadEc2Endpoint(scratch) {
  const outfile = path.join(scratch, 'ec2-endpoint.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: ['test/support/ec2-endpoint.ts'],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    mainFields: ['module', 'main'],
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __standInCreateRequire } from 'node:module'; const require = __standInCreateRequire(import.meta.url);" },
  });
  return import(pathToFileURL(outfile).href);
}
