// Keys from the environment (botocore's EnvProvider, METHOD `env`, canonical
// name Environment): AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, a session
// token from AWS_SECURITY_TOKEN or else AWS_SESSION_TOKEN, AWS_ACCOUNT_ID,
// and AWS_CREDENTIAL_EXPIRATION, which makes them refreshable: the
// environment is read again, and must then name an expiration.
import { CliError } from '../../errors.js';
import { parseTimestamp } from '../../python/subscript.js';
import type { Env } from '../settings.js';
import type { CredentialContext, Found, Keys } from './types.js';

export function partialCredentials(provider: string, missing: string): CliError {
  return new CliError('configuration', `Partial credentials found in ${provider}, missing: ${missing}`);
}

function readEnvironment(env: Env, requireExpiry: boolean): Keys {
  const accessKeyId = env.AWS_ACCESS_KEY_ID ?? '';
  if (!accessKeyId) throw partialCredentials('env', 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY ?? '';
  if (!secretAccessKey) throw partialCredentials('env', 'AWS_SECRET_ACCESS_KEY');
  const sessionToken = env.AWS_SECURITY_TOKEN || env.AWS_SESSION_TOKEN || undefined;
  const expiry = env.AWS_CREDENTIAL_EXPIRATION ?? '';
  if (requireExpiry && !expiry) throw partialCredentials('env', 'AWS_CREDENTIAL_EXPIRATION');
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration: expiry ? parseTimestamp(expiry) : undefined,
    accountId: env.AWS_ACCOUNT_ID || undefined,
  };
}

/** The environment's keys, or undefined when AWS_ACCESS_KEY_ID is unset or empty. */
export function environmentProvider(context: Pick<CredentialContext, 'env' | 'debug'>): Found | undefined {
  const { env } = context;
  if (!env.AWS_ACCESS_KEY_ID) return undefined;
  context.debug?.log('botocore.credentials', 'Found credentials in environment variables.', 'INFO');
  const keys = readEnvironment(env, false);
  if (keys.expiration === undefined) return { method: 'env', keys };
  return { method: 'env', keys, refresh: async () => readEnvironment(env, true) };
}
