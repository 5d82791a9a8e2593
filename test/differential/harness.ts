// Differential cases: one table of command lines (with config files,
// environment and scripted answers of the local EC2 stand-in), run by the real
// AWS CLI v1 once (capture.sh stores what it did in fixtures/aws.json) and by
// our binary on every test run, against a fresh stand-in each time. What is
// compared: exit code, stdout, stderr and the requests that reached the
// stand-in, after masking what changes from run to run (ports, temp dirs,
// dates, signatures, request ids) and the program name, as the shared
// conformance harness does (argparse errors: last line only, `aws: ` and
// `copy-snapshot: ` read as `PROG: `). Where v1 dies with a Python traceback
// (exit 1) only the last line, the exception, is compared.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEc2Endpoint, type ScriptedResponse } from '../support/ec2-endpoint.js';
import { BIN, cliEnv, runCli, type RunResult } from '../support/run-cli.js';

/**
 * Runs with stdout a real pipe whose reader has already gone (`| true`, the
 * program starting 0.2 s after the reader has exited).
 */
function runWithClosedStdout(command: readonly string[], args: readonly string[], env: Record<string, string>): Promise<RunResult> {
  const script = '( sleep 0.2; exec "$@" ) | true; exit "${PIPESTATUS[0]}"';
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, 'bash', ...command, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ stdout: '', stderr, status }));
  });
}

export interface DiffCase {
  readonly name: string;
  /** The issue's area (1-12). */
  readonly area: number;
  /** Arguments after `copy-snapshot`; `{EP}` is the stand-in's URL, `{PORT}` its port, `{HOME}` the home directory. */
  readonly args: readonly string[];
  /** Added to the base environment (keys `testing`, Region us-east-1); undefined removes a variable. Same substitutions. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly config?: string;
  readonly credentials?: string;
  /** Write the files as Latin-1 (one byte per character) instead of UTF-8, for invalid bytes. */
  readonly latin1?: boolean;
  /** Close the reading end of stdout at once (a reader that went away: `| true`). */
  readonly closedStdout?: boolean;
  /** Answers of the stand-in, one per request, before its default answer. */
  readonly responses?: readonly ScriptedResponse[];
}

export interface Outcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wire: readonly string[];
}

export const COPY_ARGS = ['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1'] as const;

const BASE_ENV = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
};

function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(EP|PORT|HOME)\}/g, (_, name: string) => vars[name]!);
}

/** Masks what differs between runs. */
export function mask(text: string, vars: Record<string, string>): string {
  return text
    .split(vars.HOME!)
    .join('{HOME}')
    .replace(new RegExp(`(?<![0-9])${vars.PORT!}(?![0-9])`, 'g'), '{PORT}')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'REQID')
    .replace(/\d{8}T\d{6}Z/g, 'DATETIME')
    .replace(/(Credential=[^/&\s]+(?:\/|%2F))\d{8}/g, '$1DATE')
    .replace(/([Ss]ignature=)[0-9a-f]{64}/g, '$1SIG');
}

/** One request as a few lines: method, target, signing scope, then the form in order (PresignedUrl split up). */
function describeRequest(r: { method: string; path: string; headers: Record<string, unknown>; form: readonly (readonly [string, string])[] }): string {
  const auth = String(r.headers.authorization ?? '');
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(auth);
  const lines = [`${r.method} ${r.path} ${scope ? `signed ${scope[1]}/${scope[2]}/${scope[3]}` : 'unsigned'}`];
  for (const [k, v] of r.form) {
    if (k !== 'PresignedUrl') {
      lines.push(`  ${k}=${v}`);
      continue;
    }
    const q = v.indexOf('?');
    lines.push(`  PresignedUrl=${q < 0 ? v : v.slice(0, q)}`);
    const pairs = q < 0 ? [] : [...new URLSearchParams(v.slice(q + 1))];
    const order = pairs.map(([name]) => name);
    // The relative order of these two differs between SDKs (see the conformance README).
    const e = order.indexOf('X-Amz-Expires');
    const s = order.indexOf('X-Amz-SignedHeaders');
    if (e >= 0 && s >= 0 && e > s) [pairs[e], pairs[s]] = [pairs[s]!, pairs[e]!];
    for (const [name, value] of pairs) {
      const shown = name === 'X-Amz-Date' || name === 'X-Amz-Signature' ? '(ignored)' : value;
      lines.push(`    ?${name}=${shown}`);
    }
  }
  return lines.join('\n');
}

export type Side = 'aws' | 'ours';

/** Runs one case with `aws ec2 copy-snapshot` or our binary, against a fresh stand-in. */
export async function runCase(c: DiffCase, side: Side): Promise<Outcome> {
  const ec2 = await startEc2Endpoint();
  const dir = mkdtempSync(join(tmpdir(), 'cs-diff-'));
  try {
    const vars = { EP: ec2.url, PORT: String(ec2.port), HOME: dir };
    const home = { dir, configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') };
    const encoding = c.latin1 ? 'latin1' : 'utf8';
    writeFileSync(home.configFile, substitute(c.config ?? '', vars), encoding);
    writeFileSync(home.credentialsFile, substitute(c.credentials ?? '', vars), encoding);
    ec2.enqueue(...(c.responses ?? []));
    const env: Record<string, string | undefined> = { ...BASE_ENV };
    for (const [k, v] of Object.entries(c.env ?? {})) env[k] = v === undefined ? undefined : substitute(v, vars);
    const args = c.args.map((a) => substitute(a, vars));
    const command = side === 'aws' ? ['aws', 'ec2', 'copy-snapshot'] : [BIN];
    const r = c.closedStdout ? await runWithClosedStdout(command, args, cliEnv(home, env)) : await runCli(args, { home, env, command });
    return {
      status: r.status,
      stdout: mask(r.stdout, vars),
      stderr: mask(r.stderr, vars),
      wire: ec2.requests.map((req) => mask(describeRequest(req as never), vars)),
    };
  } finally {
    await ec2.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines[lines.length - 1] ?? '';
}

/** The outcome as compared: program names read as PROG, usage errors and tracebacks by their last line. */
export function comparable(o: Outcome, reference: Outcome): Outcome {
  let stderr = o.stderr.replace(/^(aws|copy-snapshot): /gm, 'PROG: ');
  // v1 picks a random ResourceType for skeletons (as the conformance harness masks it).
  const stdout = o.stdout.replace(/("ResourceType"\s*:\s*)"[^"]*"/g, '$1"RESOURCETYPE"');
  if (/^usage:/m.test(reference.stderr) || reference.stderr.startsWith('Traceback (most recent call last):')) {
    stderr = `last line: ${lastLine(stderr)}`;
  }
  return { ...o, stdout, stderr };
}
