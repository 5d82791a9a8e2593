// The bulk row of `npm run bench` (issue 17): 100 snapshots copied between two
// Regions of the EC2 stand-in, which allows 5 copies in flight and takes a
// few seconds per copy. Measures our wall time against the ideal
// ceil(100/5) × duration, the API calls per snapshot, and our CPU time
// against what users run today: a shell loop of `aws ec2 copy-snapshot`, one
// process per snapshot (which, at this limit, mostly fails with
// ResourceLimitExceeded; its CPU time is what it costs all the same).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEc2Endpoint } from './stand-in.mjs';

const SOURCE = 'us-east-1';
const DEST = 'eu-west-1';

/** Runs argv under GNU time; resolves { wallMs, cpuMs, code, stdout }. */
function timed(argv, { cwd, env, time }) {
  const report = path.join(cwd, 'bulk-time.txt');
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(time, ['-f', '%U %S', '-o', report, ...argv], { cwd, env, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const [user, sys] = readFileSync(report, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
      resolve({ wallMs, cpuMs: (user + sys) * 1000, code, stdout });
    });
  });
}

/**
 * Returns the row: { snapshots, limit, durationMs, wallMs, idealMs, ratio,
 * callsPerSnapshot, cpuMs, loopCpuMs, loopWallMs, loopAccepted }.
 */
export async function benchBulk({ bin, aws, work, env, time, snapshots = 100, limit = 5, durationMs = 3000 }) {
  const { startEc2Endpoint } = await loadEc2Endpoint(work);
  const ids = Array.from({ length: snapshots }, (_, i) => `snap-${(0xb000 + i).toString(16).padStart(17, '0')}`);
  const idFile = path.join(work, 'bulk-ids.txt');
  writeFileSync(idFile, `${ids.join('\n')}\n`);
  const world = () =>
    startEc2Endpoint({
      simulated: { copyDurationMs: durationMs, regions: { [SOURCE]: { snapshots: ids.map((id) => ({ id })) }, [DEST]: { copyLimit: limit } } },
    });
  const runEnv = { ...env, AWS_DEFAULT_REGION: DEST };

  const ec2 = await world();
  let ours;
  try {
    ours = await timed(
      [bin, '--source-region', SOURCE, '--source-snapshot-ids', `file://${idFile}`, '--max-in-flight', String(limit), '--wait', '--endpoint-url', ec2.url, '--output', 'text', '--query', 'length(Copies[?State==`completed`])'],
      { cwd: work, env: runEnv, time },
    );
    if (ours.code !== 0 || ours.stdout.trim() !== String(snapshots)) throw new Error(`bench: bulk copy exited ${ours.code}: ${ours.stdout}`);
  } finally {
    await ec2.close();
  }
  const calls = ec2.requests.length;

  let loop;
  if (aws) {
    const loopEc2 = await world();
    try {
      const script = `for id in $(cat "$1"); do "$2" ec2 copy-snapshot --source-region ${SOURCE} --source-snapshot-id "$id" --endpoint-url "$3" --output text >/dev/null 2>&1; done`;
      loop = await timed(['sh', '-c', script, 'loop', idFile, aws, loopEc2.url], { cwd: work, env: runEnv, time });
      loop.accepted = loopEc2.snapshots(DEST).length;
    } finally {
      await loopEc2.close();
    }
  }
  const idealMs = Math.ceil(snapshots / limit) * durationMs;
  return {
    snapshots,
    limit,
    durationMs,
    wallMs: ours.wallMs,
    idealMs,
    ratio: ours.wallMs / idealMs,
    callsPerSnapshot: calls / snapshots,
    cpuMs: ours.cpuMs,
    loopCpuMs: loop?.cpuMs,
    loopWallMs: loop?.wallMs,
    loopAccepted: loop?.accepted,
  };
}
