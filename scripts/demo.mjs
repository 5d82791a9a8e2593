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
// Options: --copy-seconds=N (default 7), --fail (the copy ends in error),
// --bulk: copy the 8 snapshots tagged backup=daily (of 10) with their tags,
// in a destination that allows 3 copies at once, then run the same command
// again to show that nothing is copied twice.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEc2Endpoint } from './stand-in.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'copy-snapshot');
const argValue = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const copySeconds = Number(argValue('copy-seconds') ?? 7);
const fail = process.argv.includes('--fail');
const bulk = process.argv.includes('--bulk');
const BULK_SOURCES = Array.from({ length: 10 }, (_, i) => ({
  id: `snap-0a1b2c3d4e5f6${String(i).padStart(4, '0')}`,
  tags: { backup: i % 5 === 4 ? 'weekly' : 'daily', Name: `volume-${i + 1}` },
}));

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
  const args = bulk
    ? [
        '--source-region', SOURCE_REGION,
        '--source-filters', 'Name=tag:backup,Values=daily',
        '--copy-tags',
        '--wait',
        '--endpoint-url', ec2.url,
        '--query', 'Copies[].[SourceSnapshotId,SnapshotId,State]',
        '--output', 'table',
      ]
    : [
        '--source-region', SOURCE_REGION,
        '--source-snapshot-id', SOURCE_SNAPSHOT,
        '--description', 'demo',
        '--wait',
        '--endpoint-url', ec2.url,
      ];
  console.error(
    `demo: a local EC2 endpoint listens on ${ec2.url} (region ${DESTINATION_REGION}); ` +
      (bulk
        ? `${BULK_SOURCES.length} snapshots in ${SOURCE_REGION}, 3 copies at once in ${DESTINATION_REGION}, each taking about ${copySeconds}s.`
        : `copying ${SOURCE_SNAPSHOT} from ${SOURCE_REGION} takes about ${copySeconds}s there.`),
  );
  console.error(`demo: $ copy-snapshot ${args.join(' ')}\n`);
  let code = await runCli(args);
  console.error(`\ndemo: copy-snapshot exited with ${code}`);
  if (bulk) {
    console.error('\ndemo: the same command again: every copy exists already (tagged copy-snapshot:source), so nothing is copied.\n');
    code = await runCli(args);
    console.error(`\ndemo: copy-snapshot exited with ${code}`);
  }
  process.exitCode = code;
} finally {
  await ec2?.close();
  await rm(scratch, { recursive: true, force: true });
}

/** The test endpoint, bundled from its TypeScript source into the scratch directory and loaded. */
async function startEndpoint() {
  const { startEc2Endpoint } = await loadEc2Endpoint(scratch);
  if (bulk) {
    return startEc2Endpoint({
      simulated: {
        copyDurationMs: copySeconds * 1000,
        regions: { [SOURCE_REGION]: { snapshots: BULK_SOURCES }, [DESTINATION_REGION]: { copyLimit: 3 } },
        ...(fail ? { failingSources: { [BULK_SOURCES[4].id]: `The KMS key used to encrypt ${BULK_SOURCES[4].id} is disabled.` } } : {}),
      },
    });
  }
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
