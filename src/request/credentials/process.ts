// credential_process (botocore's ProcessProvider, METHOD `custom-process`):
// the profile's command is split as a POSIX shell would split it, run
// without a shell, and must print Version 1 JSON on stdout. With an
// Expiration the keys are refreshable: the command runs again when they
// come close to expiry. The command runs asynchronously, so Ctrl-C is
// answered while it runs, as in v1.
import { spawn } from 'node:child_process';
import { CliError } from '../../errors.js';
import { shlexSplit } from '../../shell-word.js';
import { interruptArrives, trackHelper } from '../../interrupt.js';
import { pyEquals } from '../../python/compare.js';
import { jsonLoads, PythonJsonError } from '../../python/json.js';
import { pythonOsError } from '../../python/errno.js';
import { pyRepr, pyStr } from '../../python/repr.js';
import { dictGet, parseTimestamp } from '../../python/subscript.js';
import { isDict, getKey, pyTypeName } from '../../python/value.js';
import type { Env, IniSection } from '../settings.js';
import type { CredentialContext, Found, Keys } from './types.js';

/** How long a helper ended by Ctrl-C waits for our own SIGINT before its failure is reported. */
const INTERRUPT_GRACE_MS = 1000;

const METHOD = 'custom-process';
function processError(message: string): CliError {
  return new CliError('general', `Error when retrieving credentials from ${METHOD}: ${message}`);
}

interface Ran {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

function run(argv: readonly string[], env: Env): Promise<Ran> {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: childEnv, stdio: ['inherit', 'pipe', 'pipe'] });
    const untrack = trackHelper(child);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      untrack();
      reject(new CliError('general', pythonOsError(error, argv[0]!)));
    });
    child.on('close', (status, signal) => {
      untrack();
      const ended = () => resolve({ status, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) });
      if (signal !== 'SIGINT' && status !== 130) return ended();
      // Ended by Ctrl-C: if it reached us too, our handler ends the run (a newline, 130) and this never settles.
      void interruptArrives(INTERRUPT_GRACE_MS).then((ours) => {
        if (!ours) ended();
      });
    });
  });
}

/** Runs the command once and reads its answer (botocore's _retrieve_credentials_using). */
async function runCredentialProcess(command: string, env: Env, profile: IniSection): Promise<Keys> {
  const argv = shlexSplit(command);
  if (argv.length === 0) throw new CliError('general', 'list index out of range');
  const ran = await run(argv, env);
  if (ran.status !== 0) throw processError(ran.stderr.toString('utf8'));
  let parsed: unknown;
  try {
    parsed = jsonLoads(ran.stdout.toString('utf8'), { maxDepth: Infinity });
  } catch (error) {
    if (error instanceof PythonJsonError) throw new CliError('general', error.message);
    throw error;
  }
  if (!isDict(parsed)) throw new CliError('general', `'${pyTypeName(parsed)}' object has no attribute 'get'`);
  const version = parsed.has('Version') ? parsed.get('Version') : '<Version key not provided>';
  if (!pyEquals(version, 1)) {
    throw processError(`Unsupported version '${pyStr(version)}' for credential process provider, supported versions: 1`);
  }
  for (const key of ['AccessKeyId', 'SecretAccessKey']) {
    if (!parsed.has(key)) throw processError(`Missing required key in response: ${pyRepr(key)}`);
  }
  const expiration = dictGet(parsed, 'Expiration');
  const token = getKey(parsed, 'SessionToken');
  const accountId = dictGet(parsed, 'AccountId') || profile.aws_account_id;
  return {
    accessKeyId: pyStr(parsed.get('AccessKeyId')),
    secretAccessKey: pyStr(parsed.get('SecretAccessKey')),
    sessionToken: token === null || token === '' ? undefined : pyStr(token),
    expiration: expiration === undefined || expiration === null ? undefined : parseTimestamp(expiration),
    accountId: accountId ? pyStr(accountId) : undefined,
  };
}

/** The profile's credential_process, run now (v1 runs it while looking for credentials). */
export async function credentialProcessProvider(context: CredentialContext, profileName: string): Promise<Found | undefined> {
  const profile = context.profiles[profileName] ?? {};
  const command = profile.credential_process;
  if (command === undefined) return undefined;
  const keys = await runCredentialProcess(command, context.env, profile);
  if (keys.expiration === undefined) return { method: METHOD, keys };
  return { method: METHOD, keys, refresh: () => runCredentialProcess(command, context.env, profile) };
}
