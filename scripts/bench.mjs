#!/usr/bin/env node
// npm run bench: wall time and peak RSS of copy-snapshot against its references,
// side by side in one run (A B A B ..., medians), as ../shared/perf.md asks.
//
//   no-request paths (--generate-cli-skeleton, --version, an argument error,
//   help)                     vs `node -e 0`
//   a full CopySnapshot       vs `aws ec2 copy-snapshot` with the same
//                              arguments, both against a moto_server this
//                              script starts on 127.0.0.1 (skipped, with a
//                              message, when aws or moto_server is missing)
//   a bulk copy (`--only bulk`) 100 snapshots on the EC2 stand-in against the
//                              ideal time, and its CPU against a shell loop
//                              of `aws ec2 copy-snapshot` (scripts/bench-bulk.mjs)
//
// Wall time is measured from spawn to exit by this process (the same small
// spawn overhead on both sides); peak RSS comes from `/usr/bin/time -v` in
// separate, equally alternated runs, so the wrapper does not skew the timing.
//
// copy-snapshot keeps V8's compiled code of its bundles in a cache that its
// first run writes (src/launch/compile-cache.ts). The bench gives it a fresh
// cache directory; the warm-up runs fill it, so the timed runs are what every
// run after the first one sees. One more row, for information, times a run
// without the cache (NODE_DISABLE_COMPILE_CACHE=1), as a first run is.
//
// Options: --runs N (default 20, at least 10), --warmup N (default 2),
//          --only REGEX (path names), --check (exit 1 when a target is missed).
// Never used by tests: timings on shared machines are noise, not assertions.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'copy-snapshot');
const TIME = '/usr/bin/time';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const runs = Math.max(10, Number(option('--runs', '20')));
const warmup = Number(option('--warmup', '2'));
const only = option('--only') ? new RegExp(option('--only')) : undefined;
const check = process.argv.includes('--check');

function which(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

if (!existsSync(TIME)) {
  console.error(`bench: ${TIME} is missing (GNU time reads peak RSS); install it with: apt-get install -y time`);
  process.exit(2);
}
if (!existsSync(path.join(root, 'dist', 'launch.cjs'))) {
  console.error('bench: dist/ is missing; building it first');
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
}

// A clean, credentialed environment with no config files, the same for every command.
const work = mkdtempSync(path.join(os.tmpdir(), 'copy-snapshot-bench-'));
writeFileSync(path.join(work, 'config'), '');
writeFileSync(path.join(work, 'credentials'), '');
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && key !== 'PAGER'));
Object.assign(env, {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: path.join(work, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: path.join(work, 'credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
  NODE_COMPILE_CACHE: path.join(work, 'compile-cache'),
});

/** Runs argv once; resolves { ms, code, stdout, stderr } (wall from spawn to exit). */
function runOnce(argv, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { cwd: work, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ ms, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

/** Peak RSS in MB of one run of argv, read from GNU time -v. */
async function peakRssMb(argv, extraEnv) {
  const report = path.join(work, 'time.txt');
  const result = await runOnce([TIME, '-v', '-o', report, ...argv], extraEnv);
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(report, 'utf8'));
  if (!match) throw new Error(`bench: no peak RSS in ${TIME} -v output for: ${argv.join(' ')}`);
  return { mb: Number(match[1]) / 1024, code: result.code };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function expectExit(label, argv, result, expected) {
  if (result.code !== expected) {
    throw new Error(
      `bench: ${label}: \`${argv.join(' ')}\` exited ${result.code}, expected ${expected}\n${result.stdout}${result.stderr}`,
    );
  }
}

/** Alternates ours and the reference: warm-up, then timed runs, then RSS runs. */
async function compare(path_, ours, reference, expected, oursEnv = {}) {
  const label = path_.name;
  const extraEnv = { ours: oursEnv, reference: {} };
  for (let i = 0; i < warmup; i++) {
    expectExit(label, ours, await runOnce(ours, oursEnv), expected.ours);
    expectExit(label, reference, await runOnce(reference), expected.reference);
  }
  const wall = { ours: [], reference: [] };
  const rss = { ours: [], reference: [] };
  for (let i = 0; i < runs; i++) {
    // Swap which goes first every other round so neither side always follows the other.
    const order = i % 2 === 0 ? ['ours', 'reference'] : ['reference', 'ours'];
    for (const side of order) {
      const argv = side === 'ours' ? ours : reference;
      const result = await runOnce(argv, extraEnv[side]);
      expectExit(label, argv, result, expected[side]);
      wall[side].push(result.ms);
    }
  }
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['ours', 'reference'] : ['reference', 'ours'];
    for (const side of order) {
      const argv = side === 'ours' ? ours : reference;
      const result = await peakRssMb(argv, extraEnv[side]);
      expectExit(label, argv, result, expected[side]);
      rss[side].push(result.mb);
    }
  }
  const row = {
    ...path_,
    ours: median(wall.ours),
    reference: median(wall.reference),
    oursRss: median(rss.ours),
    referenceRss: median(rss.reference),
  };
  row.ratio = row.ours / row.reference;
  row.rssRatio = row.oursRss / row.referenceRss;
  row.met = path_.informational || (row.ratio <= path_.wallTarget && row.rssRatio <= path_.rssTarget);
  process.stderr.write(`bench: ${label}: ${row.ours.toFixed(1)} ms vs ${row.reference.toFixed(1)} ms\n`);
  return row;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bench: moto_server exited with ${child.exitCode} before it answered`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`bench: moto_server did not answer on ${url} within ${timeoutMs / 1000} s`);
}

let moto;
function stopMoto() {
  if (moto && moto.exitCode === null && moto.signalCode === null) {
    try {
      process.kill(moto.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
process.on('exit', () => {
  stopMoto();
  rmSync(work, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopMoto();
    process.exit(130);
  });
}

async function stopMotoAndWait() {
  if (!moto || moto.exitCode !== null || moto.signalCode !== null) return;
  const exited = new Promise((resolve) => moto.once('exit', resolve));
  stopMoto();
  const timer = setTimeout(() => {
    try {
      process.kill(moto.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

const node = process.execPath;
const nodeRef = [node, '-e', '0'];
const NO_REQUEST = { wallTarget: 1.5, rssTarget: 1.3, target: '≤1.5× wall, ≤1.3× RSS' };
const noRequestPaths = [
  { name: '--generate-cli-skeleton', argv: ['--generate-cli-skeleton'], exit: 0 },
  { name: '--version', argv: ['--version'], exit: 0 },
  { name: 'argument error', argv: ['--source-region', 'us-east-1', '--no-such-option'], exit: 2 },
  { name: 'help (no pager)', argv: ['help'], exit: 0 },
];

const rows = [];
const notes = [];
let bulkRow;
try {
  for (const p of noRequestPaths) {
    if (only && !only.test(p.name)) continue;
    rows.push(
      await compare({ name: p.name, referenceName: 'node -e 0', ...NO_REQUEST }, [bin, ...p.argv], nodeRef, {
        ours: p.exit,
        reference: 0,
      }),
    );
  }

  const aws = which('aws');
  const motoServer = which('moto_server');
  if (only && !only.test('CopySnapshot')) {
    // not asked for
  } else if (!aws || !motoServer) {
    const missing = [!aws && 'aws', !motoServer && 'moto_server'].filter(Boolean).join(' and ');
    const message = `CopySnapshot vs aws SKIPPED: ${missing} not found on PATH`;
    notes.push(message);
    process.stderr.write(`bench: ${message}\n`);
  } else {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    moto = spawn(motoServer, ['-H', '127.0.0.1', '-p', String(port)], { cwd: work, env, stdio: 'ignore' });
    process.stderr.write(`bench: moto_server started (pid ${moto.pid}) on ${endpoint}\n`);
    await waitForHttp(`${endpoint}/`, moto, 30_000);
    const seed = async (argv) => {
      const result = await runOnce([aws, 'ec2', ...argv, '--endpoint-url', endpoint, '--output', 'text']);
      expectExit('seed', argv, result, 0);
      return result.stdout.trim();
    };
    const volume = await seed(['create-volume', '--size', '1', '--availability-zone', 'us-east-1a', '--query', 'VolumeId']);
    const snapshot = await seed(['create-snapshot', '--volume-id', volume, '--query', 'SnapshotId']);
    const args = [
      '--source-region', 'us-east-1',
      '--source-snapshot-id', snapshot,
      '--description', 'bench copy',
      '--endpoint-url', endpoint,
    ];
    rows.push(
      await compare(
        { name: 'CopySnapshot (moto)', referenceName: 'aws ec2 copy-snapshot', wallTarget: 0.2, rssTarget: 0.8, target: '≤0.20× wall, ≤0.8× RSS' },
        [bin, ...args],
        [aws, 'ec2', 'copy-snapshot', ...args],
        { ours: 0, reference: 0 },
      ),
    );
    rows.push(
      await compare(
        { name: 'CopySnapshot, first run', referenceName: 'aws ec2 copy-snapshot', informational: true, target: '(no code cache; for information)' },
        [bin, ...args],
        [aws, 'ec2', 'copy-snapshot', ...args],
        { ours: 0, reference: 0 },
        { NODE_DISABLE_COMPILE_CACHE: '1' },
      ),
    );
    await stopMotoAndWait();
    process.stderr.write('bench: moto_server stopped\n');
  }

  if (!only || only.test('bulk')) {
    const { benchBulk } = await import('./bench-bulk.mjs');
    process.stderr.write('bench: bulk: 100 snapshots, limit 5, 3 s copies on the stand-in (and a shell loop of aws, when found)\n');
    const b = await benchBulk({ bin, aws: which('aws'), work, env, time: TIME });
    bulkRow = b;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

const cpu = os.cpus()[0]?.model?.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
console.log(
  `copy-snapshot bench, ${new Date().toISOString().slice(0, 10)}, ${cpu} (${os.cpus().length} cores), ` +
    `${os.type()} ${os.release()}, Node.js ${process.version}; medians of ${runs} alternated runs each`,
);
console.log('');
const header = ['path', 'reference', 'ours (ms)', 'reference (ms)', 'ratio', 'our peak RSS (MB)', 'ref. peak RSS (MB)', 'RSS ratio', 'target', 'met?'];
const lines = rows.map((row) => [
  row.name,
  row.referenceName,
  row.ours.toFixed(1),
  row.reference.toFixed(1),
  `${row.ratio.toFixed(2)}×`,
  row.oursRss.toFixed(1),
  row.referenceRss.toFixed(1),
  `${row.rssRatio.toFixed(2)}×`,
  row.target,
  row.informational ? '—' : row.met ? 'yes' : `NO (${[row.ratio > row.wallTarget && 'wall', row.rssRatio > row.rssTarget && 'RSS'].filter(Boolean).join(', ')})`,
]);
const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map((line) => line[i].length)));
const format = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
if (rows.length > 0) {
  console.log(format(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(format(line));
}
if (bulkRow) {
  const b = bulkRow;
  console.log('');
  console.log('| bulk copy | wall (s) | ideal ceil(n/limit) × duration (s) | ratio (target ≤1.15×) | API calls per snapshot | our CPU (s) | shell loop of aws: CPU (s) | loop wall (s) | loop copies accepted |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const s = (ms) => (ms === undefined ? '—' : (ms / 1000).toFixed(1));
  console.log(
    `| ${b.snapshots} snapshots, limit ${b.limit}, ${b.durationMs / 1000} s copies | ${s(b.wallMs)} | ${s(b.idealMs)} | ${b.ratio.toFixed(2)}× | ${b.callsPerSnapshot.toFixed(2)} | ${s(b.cpuMs)} | ${s(b.loopCpuMs)} | ${s(b.loopWallMs)} | ${b.loopAccepted ?? '—'} |`,
  );
}
for (const note of notes) console.log(`\n${note}`);
if (check && (rows.some((row) => !row.met) || (bulkRow !== undefined && bulkRow.ratio > 1.15))) process.exitCode = 1;
