// Runs the built binary (bin/copy-snapshot) as a user would, asynchronously
// (so local servers in the test process keep answering), in a controlled
// environment: PATH, HOME and the AWS config/credentials files in a fresh
// temporary directory, instance metadata off, nothing else inherited.
//
//   const home = makeHome({ config: '[default]\nregion = eu-west-1\n' });
//   const r = await runCli(['--source-region', 'us-west-2', ...], { home, env: { AWS_ACCESS_KEY_ID: 'AKID', ... } });
//   r.stdout, r.stderr, r.status
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'copy-snapshot');

export interface Home {
  readonly dir: string;
  readonly configFile: string;
  readonly credentialsFile: string;
}

/** A temporary HOME with the given config and credentials files (both exist, possibly empty); removed after the test file. */
export function makeHome(files: { readonly config?: string; readonly credentials?: string } = {}): Home {
  const dir = tempDir('cs-transport-');
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(configFile, files.config ?? '');
  writeFileSync(credentialsFile, files.credentials ?? '');
  return { dir, configFile, credentialsFile };
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

export interface RunOptions {
  readonly home: Home;
  /** Added to the base environment; an undefined value removes a base variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Bytes for stdin (default: none, stdin is closed). */
  readonly stdin?: string;
  /** The command to run instead of the binary (e.g. ['aws', 'ec2', 'copy-snapshot'] when checking v1 by hand). */
  readonly command?: readonly string[];
  /** Run in a new session, without a controlling terminal (/dev/tty cannot be opened). */
  readonly detached?: boolean;
  /** Kill the process (SIGKILL, status null) if it is still running after this long: for tests of hangs. */
  readonly killAfterMs?: number;
}

export function cliEnv(home: Home, extra: RunOptions['env'] = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home.dir,
    AWS_CONFIG_FILE: home.configFile,
    AWS_SHARED_CREDENTIALS_FILE: home.credentialsFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
  return clean;
}

function runOnce(args: readonly string[], options: RunOptions): Promise<RunResult> {
  const [command, ...prefix] = options.command ?? [BIN];
  return new Promise((resolve, reject) => {
    const child = spawn(command!, [...prefix, ...args], {
      env: cliEnv(options.home, options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: options.detached ?? false,
      ...(options.killAfterMs === undefined ? {} : { timeout: options.killAfterMs, killSignal: 'SIGKILL' as const }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ stdout, stderr, status }));
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
  });
}

/** Runs the binary; retried once when dist/ is being rebuilt by someone else at that moment. */
export async function runCli(args: readonly string[], options: RunOptions): Promise<RunResult> {
  const first = await runOnce(args, options);
  if (options.command === undefined && /Cannot find module .*dist/.test(first.stderr)) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    return runOnce(args, options);
  }
  return first;
}

/** The copy-snapshot arguments every test uses. */
export const COPY = ['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1'] as const;

/** The standard successful answer of the local EC2 endpoint, as v1 prints it. */
export const OK_STDOUT = '{\n    "SnapshotId": "snap-0123456789abcdef0"\n}\n';

/** The access key id in a SigV4 Authorization header (`Credential=<AKID>/...`). */
export function signingKey(authorization: string | string[] | undefined): string | undefined {
  return /Credential=([^/]+)\//.exec(String(authorization ?? ''))?.[1];
}

/** The Region in a SigV4 Authorization header's credential scope. */
export function signingRegion(authorization: string | string[] | undefined): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(authorization ?? ''))?.[1];
}
