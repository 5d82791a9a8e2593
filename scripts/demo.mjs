// npm run demo: the whole flow with no AWS account. Starts the project's
// local EC2-compatible endpoint (test/support/ec2-endpoint.ts, the one the
// tests use, compiled here with esbuild) on 127.0.0.1, seeded with a source
// snapshot whose copy takes a few seconds, and runs
//
//   copy-snapshot --source-region us-east-1 --source-snapshot-id <id> \
//     --description demo --wait --endpoint-url <url>
//
// with dummy credentials, showing its stdout and stderr as they come. Exits
// with the CLI's exit code. Uses the built dist/ (npm install builds it).
//
// Options: --copy-seconds=N (default 7), --fail (the copy ends in error).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'copy-snapshot');
const argValue = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const copySeconds = Number(argValue('copy-seconds') ?? 7);
const fail = process.argv.includes('--fail');

const SOURCE_SNAPSHOT = 'snap-0a1b2c3d4e5f67890';
const NEW_SNAPSHOT = 'snap-0fedcba9876543210';
const SOURCE_REGION = 'us-east-1';
const DESTINATION_REGION = 'eu-west-1';

if (!existsSync(path.join(root, 'dist', 'launch.cjs'))) {
  console.error('demo: dist/ is missing; run `npm install` (or `npm run build`) first.');
  process.exit(1);
}
if (!Number.isFinite(copySeconds) || copySeconds < 0) {
  console.error(`demo: --copy-seconds wants a number of seconds, not ${argValue('copy-seconds')}`);
  process.exit(2);
}

const scratch = await mkdtemp(path.join(tmpdir(), 'copy-snapshot-demo-'));
let ec2;
try {
  ec2 = await startEndpoint();
  const args = [
    '--source-region', SOURCE_REGION,
    '--source-snapshot-id', SOURCE_SNAPSHOT,
    '--description', 'demo',
    '--wait',
    '--endpoint-url', ec2.url,
  ];
  console.error(
    `demo: a local EC2 endpoint listens on ${ec2.url} (region ${DESTINATION_REGION}); ` +
      `copying ${SOURCE_SNAPSHOT} from ${SOURCE_REGION} takes about ${copySeconds}s there.`,
  );
  console.error(`demo: $ copy-snapshot ${args.join(' ')}\n`);
  const code = await runCli(args);
  console.error(`\ndemo: copy-snapshot exited with ${code}`);
  process.exitCode = code;
} finally {
  await ec2?.close();
  await rm(scratch, { recursive: true, force: true });
}

/** The test endpoint, bundled from its TypeScript source into the scratch directory and loaded. */
async function startEndpoint() {
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
    banner: { js: "import { createRequire as __demoCreateRequire } from 'node:module'; const require = __demoCreateRequire(import.meta.url);" },
  });
  const { startEc2Endpoint } = await import(pathToFileURL(outfile).href);
  return startEc2Endpoint({
    snapshotId: NEW_SNAPSHOT,
    sourceSnapshots: [SOURCE_SNAPSHOT],
    copyProgress: {
      durationMs: copySeconds * 1000,
      end: fail
        ? { state: 'error', progress: '37%', stateMessage: `The KMS key used to encrypt ${SOURCE_SNAPSHOT} is disabled.` }
        : { state: 'completed', progress: '100%' },
    },
  });
}

/** No configuration of the user's can change the demo: empty config files, dummy keys, no proxy for 127.0.0.1. */
async function demoEnv() {
  const empty = path.join(scratch, 'empty');
  await writeFile(empty, '');
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^AWS_/i.test(name)));
  const noProxy = ['127.0.0.1', 'localhost', process.env.NO_PROXY ?? process.env.no_proxy].filter(Boolean).join(',');
  return {
    ...env,
    AWS_CONFIG_FILE: empty,
    AWS_SHARED_CREDENTIALS_FILE: empty,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    AWS_DEFAULT_REGION: DESTINATION_REGION,
    NO_PROXY: noProxy,
    no_proxy: noProxy,
  };
}

/** Runs bin/copy-snapshot on our terminal (a TTY shows the redrawn bar); resolves to its exit code. */
async function runCli(args) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit', env: await demoEnv() });
  // Ctrl-C reaches the child too (same process group): let it answer, and stay to clean up.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  try {
    return await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)));
    });
  } finally {
    process.off('SIGINT', ignore);
  }
}
