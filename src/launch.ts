// The process's first module (dist/launch.cjs, required by bin/copy-snapshot):
// runs the CLI's bundle through V8's code cache (see launch/compile-cache.ts).
// dist/app.cjs is the whole CLI but the SDK; it reaches the SDK through
// require('./sdk.cjs') (src/request/sdk.ts), which comes back here so that
// dist/sdk.cjs is cached too, and which marks the run as one whose caches are
// worth keeping over a lighter run's.
import { join } from 'node:path';
import { BundleLoader } from './launch/compile-cache.js';

const SDK_BUNDLE = './sdk.cjs';

const loader: BundleLoader = new BundleLoader({ env: process.env }, (specifier) => {
  if (specifier !== SDK_BUNDLE) return undefined;
  loader.markFullRun();
  return join(__dirname, SDK_BUNDLE);
});
process.once('exit', () => loader.saveCaches());
loader.load(join(__dirname, 'app.cjs'));
