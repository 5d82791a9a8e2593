// Credentials in AWS CLI v1's order: the environment (unless --profile was
// given), then the profile (static keys, role assumption, SSO, process, web
// identity: the SDK's fromIni), then container and instance metadata.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { createCredentialChain, fromContainerMetadata, fromIni, fromInstanceMetadata } from '@aws-sdk/credential-providers';
import { CliError } from '../errors.js';
import type { Env, Settings } from './settings.js';

function fromEnvironment(env: Env): AwsCredentialIdentity | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId) return undefined;
  if (!secretAccessKey) {
    throw new CliError('configuration', 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY');
  }
  const sessionToken = env.AWS_SESSION_TOKEN || env.AWS_SECURITY_TOKEN || undefined;
  return { accessKeyId, secretAccessKey, sessionToken };
}

const NO_CREDENTIALS = 'Unable to locate credentials. You can configure credentials by running "aws configure".';

export function credentialProvider(settings: Settings, env: Env): AwsCredentialIdentityProvider {
  const fromEnv = settings.profileFromFlag ? undefined : fromEnvironment(env);
  if (fromEnv) return async () => fromEnv;
  const sources: AwsCredentialIdentityProvider[] = [
    fromIni({
      profile: settings.profile,
      filepath: env.AWS_SHARED_CREDENTIALS_FILE,
      configFilepath: env.AWS_CONFIG_FILE,
      ignoreCache: true,
    }),
    fromContainerMetadata(),
  ];
  if (env.AWS_EC2_METADATA_DISABLED?.toLowerCase() !== 'true') sources.push(fromInstanceMetadata());
  const chain = createCredentialChain(...sources);
  let resolved: Promise<AwsCredentialIdentity> | undefined;
  return () => {
    resolved ??= chain().catch((error: unknown) => {
      if (error instanceof CliError) throw error;
      if (error instanceof Error && error.name === 'CredentialsProviderError') throw new CliError('no-credentials', NO_CREDENTIALS);
      throw error;
    });
    return resolved;
  };
}
