// Shared by the reliability tests: what "failing cleanly" means, checked on
// one run of main() (in-process) or of the built binary (spawned).
import { spawn, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedHome, runMain, type MainRun } from '../support/run-main.js';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'copy-snapshot');

/** Fixed dummy credentials: the fuzz checks they never reach stdout or stderr. */
export const FUZZ_SECRET_KEY = 'FuzzSecret/Key+0123456789abcdefXYZ';
export const FUZZ_SESSION_TOKEN = 'FuzzSession/Token+0123456789abcdefXYZ==';

/**
 * Text that only a JavaScript failure produces (a stack frame, a JS error
 * class or message, a Node warning) and never a message of AWS CLI v1's. A
 * pattern is not held against a run whose own input contains the same text
 * (the CLI echoes input: `Unknown options: …`, `JSON received: …`).
 */
export const LEAK_PATTERNS: readonly RegExp[] = [
  /\n\s+at \S.*[:(]\d+:\d+\)?/, // a stack frame
  /^\s*at (?:async )?\S+ \(.*\)$/m,
  /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|URIError|EvalError|AggregateError|InternalError)\b/,
  /^Error: /m, // String(new Error(...)); v1's messages never start so
  /\bundefined is not\b|\bis not a function\b|\bis not iterable\b|\bis not defined\b|\bis not a constructor\b/,
  /\bCannot (?:read|set) propert(?:y|ies)\b|\bCannot convert\b|\bCannot destructure\b|\bCannot access '/,
  /\bMaximum call stack size exceeded\b/,
  /\bURI malformed\b/,
  /^Invalid URL$/m,
  /\bInvalid (?:string|array|typed array) length\b/,
  /\[object [A-Z]\w*\]/,
  /\bUnexpected token\b.*(?:in JSON at|is not valid JSON)|\bUnexpected end of JSON input\b/, // JSON.parse, not jmespath's "Unexpected token: x"
  /\bERR_[A-Z][A-Z_]+\b/,
  /\(node:\d+\)/,
  /\bundefined\b/,
  /\bNaN\b/,
];

export interface LeakCheckInput {
  /** Everything the user gave (argv words and file contents), to tell echoes from leaks. */
  readonly inputText: string;
}

/** Patterns of LEAK_PATTERNS found in `text` and not explained by the input. */
export function leaksIn(text: string, { inputText }: LeakCheckInput): string[] {
  const found: string[] = [];
  for (const pattern of LEAK_PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    if (inputText.includes(m[0].trim())) continue;
    found.push(m[0].trim().slice(0, 80));
  }
  return found;
}

export interface CheckedRun extends MainRun {
  /** Node process warnings emitted during the run (they reach the real stderr, bypassing io). */
  readonly warnings: readonly Error[];
  readonly ms: number;
}

export class HangError extends Error {}

/** runMain with a deadline, collecting process warnings emitted meanwhile. */
export async function runChecked(argv: readonly string[], env: Record<string, string>, deadlineMs = 20_000): Promise<CheckedRun> {
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const run = await Promise.race([
      runMain(argv, env),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HangError(`main() still running after ${deadlineMs} ms`)), deadlineMs);
      }),
    ]);
    // process.emitWarning reports on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    return { ...run, warnings, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
    process.off('warning', onWarning);
  }
}

/**
 * The reliability property for one run: exit code 0, 2 or 255; on 2/255 a
 * message on stderr; stdout empty on 2; no JS failure text; no process
 * warning; neither dummy secret anywhere. Returns the problems ([] = clean).
 */
export function problemsOf(run: CheckedRun, input: LeakCheckInput): string[] {
  const problems: string[] = [];
  if (![0, 2, 255].includes(run.code)) problems.push(`exit code ${run.code}`);
  if ((run.code === 2 || run.code === 255) && run.stderr.trim() === '') problems.push(`exit ${run.code} with no message on stderr`);
  if (run.code === 2 && run.stdout !== '') problems.push('stdout not empty on exit 2');
  for (const leak of leaksIn(run.stderr, input)) problems.push(`stderr shows JS failure text: ${JSON.stringify(leak)}`);
  for (const w of run.warnings) problems.push(`process warning (printed on the real stderr): ${w.name}: ${w.message.split('\n')[0]}`);
  for (const secret of [FUZZ_SECRET_KEY, FUZZ_SESSION_TOKEN]) {
    for (const form of [secret, encodeURIComponent(secret)]) {
      if (run.stdout.includes(form) || run.stderr.includes(form)) problems.push('a dummy secret appears in the output');
    }
  }
  return problems;
}

export interface SpawnResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function isMissingBuild(stderr: string): boolean {
  return /Cannot find module|ERR_MODULE_NOT_FOUND/.test(stderr);
}

/**
 * Spawns bin/copy-snapshot; `during` gets the child once it runs (to signal
 * it, read from it, close its pipes). dist/ may be rebuilt by someone else at
 * the same time: a run that fails with "Cannot find module" is retried once.
 */
export async function spawnBin(
  args: readonly string[],
  options: SpawnOptions & { during?: (child: import('node:child_process').ChildProcess) => void | Promise<void> } = {},
): Promise<SpawnResult> {
  const once = () =>
    new Promise<SpawnResult>((resolve, reject) => {
      const { during, ...spawnOptions } = options;
      const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stdout?.on('error', () => {});
      child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
      if (during) Promise.resolve(during(child)).catch(reject);
    });
  const first = await once();
  if (!isMissingBuild(first.stderr)) return first;
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return once();
}

/** Polls until `condition` holds (or throws after `timeoutMs`). */
export async function until(condition: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Registers the usual hooks: one isolated home for the file's tests (removed
 * afterwards) and a fresh EC2 stand-in for each test. Read the fields inside tests.
 */
export function homeAndEndpoint(): { readonly home: string; readonly ec2: Ec2Endpoint } {
  const state = {} as { home: string; ec2: Ec2Endpoint };
  beforeAll(() => {
    state.home = isolatedHome();
  });
  afterAll(() => rmSync(state.home, { recursive: true, force: true }));
  beforeEach(async () => {
    state.ec2 = await startEc2Endpoint();
  });
  afterEach(async () => {
    await state.ec2.close();
  });
  return state;
}
