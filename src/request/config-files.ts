// Reads the shared config and credentials files with the SDK's own loader
// (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/...).
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { Env, SharedConfig } from './settings.js';

export async function loadSharedConfig(env: Env): Promise<SharedConfig> {
  const files = await loadSharedConfigFiles({
    configFilepath: env.AWS_CONFIG_FILE ?? '~/.aws/config',
    filepath: env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials',
    ignoreCache: true,
  });
  return files as SharedConfig;
}
