// Runs main() in-process with a captured Io and an isolated environment
// (empty config files in a temp HOME, instance metadata off). runPlanned()
// replaces the request itself: what would be sent is recorded, no socket opened.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';
import { main, type ExecuteDeps } from '../../src/cli.js';
import { endpointFor } from '../../src/request/settings.js';
import type { RequestContext } from '../../src/request/index.js';
import type { PyDict } from '../../src/python/value.js';

export interface MainRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh temp directory holding empty `config` and `credentials` files; removed after the test file. */
export function isolatedHome(): string {
  const dir = tempDir('copy-snapshot-');
  writeFileSync(join(dir, 'config'), '');
  writeFileSync(join(dir, 'credentials'), '');
  return dir;
}

export function isolatedEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    ...extra,
  };
}

export async function runMain(argv: readonly string[], env: Record<string, string>, deps: Partial<ExecuteDeps> = {}): Promise<MainRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    env,
    stdoutIsTty: false,
    terminalColumns: undefined,
    runtime: { nodeVersion: 'v20.0.0', os: 'Linux', osRelease: 'test' },
    writeStdout: (text) => {
      stdout += text;
    },
    writeStderr: (text) => {
      stderr += text;
    },
  }, deps);
  return { code, stdout, stderr };
}

/** A CopySnapshot that would have been sent: its parameters, and where and as whom. */
export interface SentCopy {
  readonly params: PyDict;
  /** The endpoint the request would go to (the user's, or the Region's). */
  readonly endpoint: string;
  readonly region: string;
  /** The keys it would be signed with (undefined: unsigned). */
  readonly keys: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string } | undefined;
  readonly context: RequestContext;
}

/** EC2's answer to every CopySnapshot of runPlanned (as the local endpoint answers). */
export const COPIED = { SnapshotId: 'snap-0123456789abcdef0' };

/** main() with the request replaced: everything up to the send is real (credentials included), nothing reaches a socket. */
export async function runPlanned(
  argv: readonly string[],
  env: Record<string, string>,
  answer: (sent: SentCopy) => unknown = () => COPIED,
): Promise<MainRun & { readonly sent: readonly SentCopy[] }> {
  const sent: SentCopy[] = [];
  const run = await runMain(argv, env, {
    send: async (params, context) => {
      const identity = await context.credentials?.();
      const keys = identity && { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey, sessionToken: identity.sessionToken };
      const copy = { params, endpoint: endpointFor(context.settings, context.region), region: context.region, keys, context };
      sent.push(copy);
      return answer(copy);
    },
  });
  return { ...run, sent };
}
