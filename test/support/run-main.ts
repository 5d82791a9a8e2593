// Runs main() in-process with a captured Io and an isolated environment
// (empty config files in a temp HOME, instance metadata off).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';
import { main } from '../../src/cli.js';

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

export async function runMain(argv: readonly string[], env: Record<string, string>): Promise<MainRun> {
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
  });
  return { code, stdout, stderr };
}
