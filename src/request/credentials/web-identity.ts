// Web identity (botocore's AssumeRoleWithWebIdentityProvider, METHOD
// `assume-role-with-web-identity`): an OIDC token read from a file, traded
// with STS for role credentials. Configured by the profile
// (web_identity_token_file, role_arn, role_session_name) and, unless
// --profile was given, by the environment (AWS_WEB_IDENTITY_TOKEN_FILE,
// AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME) as EKS sets it up for a pod (IRSA).
// Each setting is looked up on its own: the environment variable when it is
// set (even empty), else the profile's key.
//
// Nothing is fetched while the chain is resolved: the first fetch waits for
// the first request. As awscli sets it up, each fetch looks in the CLI's
// cache (~/.aws/cli/cache, shared with assume-role) first and stores STS's
// answer there; otherwise it reads the token file again (the cluster rotates
// it) and calls STS.
import { readFileSync } from 'node:fs';
import { CliError } from '../../errors.js';
import { pythonOsError } from '../../python/errno.js';
import { cacheKey, readCachedKeys, writeCachedDocument } from './cache.js';
import { assumeRoleWithWebIdentityCall, type AssumeRoleWithWebIdentityArgs } from './sts.js';
import type { CredentialContext, Found, Keys } from './types.js';

const METHOD = 'assume-role-with-web-identity';

const ENV_NAMES = {
  web_identity_token_file: 'AWS_WEB_IDENTITY_TOKEN_FILE',
  role_arn: 'AWS_ROLE_ARN',
  role_session_name: 'AWS_ROLE_SESSION_NAME',
} as const;

type Setting = keyof typeof ENV_NAMES;

const NO_ROLE_ARN =
  'The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. ' +
  // botocore's message has no space here.
  'Ensure that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.';

/**
 * Python's strict UTF-8 decoding error for `bytes`, or undefined when they
 * decode (`'utf-8' codec can't decode byte 0xff in position 3: invalid start byte`).
 */
function utf8Problem(bytes: Buffer): string | undefined {
  let i = 0;
  const fail = (start: number, end: number, reason: string) =>
    end - start === 1
      ? `'utf-8' codec can't decode byte 0x${bytes[start]!.toString(16).padStart(2, '0')} in position ${start}: ${reason}`
      : `'utf-8' codec can't decode bytes in position ${start}-${end - 1}: ${reason}`;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return fail(i, i + 1, 'invalid start byte');
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined) return fail(i, i + k, 'unexpected end of data');
      const [lo, hi] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (c < lo || c > hi) return fail(i, i + k, 'invalid continuation byte');
    }
    i += need + 1;
  }
  return undefined;
}

/**
 * botocore's FileWebIdentityTokenLoader: the whole file as Python's open()
 * reads text (UTF-8, universal newlines), or Python's error for it.
 */
export function readWebIdentityToken(path: string): string {
  if (path.includes('\0')) throw new CliError('general', 'embedded null byte');
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliError('general', pythonOsError(error, path));
  }
  const problem = utf8Problem(bytes);
  if (problem) throw new CliError('general', problem);
  return bytes.toString('utf8').replace(/\r\n?/g, '\n');
}

/**
 * The web-identity provider for `profileName`. `disableEnvVars` is true when
 * --profile was given (botocore then ignores AWS_ROLE_ARN & co.) and for
 * source profiles of assume-role.
 */
export async function webIdentityProvider(context: CredentialContext, profileName: string, disableEnvVars: boolean): Promise<Found | undefined> {
  const profile = context.profiles[profileName] ?? {};
  const setting = (key: Setting): string | undefined => {
    const fromEnv = disableEnvVars ? undefined : context.env[ENV_NAMES[key]];
    return fromEnv ?? profile[key];
  };
  const tokenFile = setting('web_identity_token_file');
  if (!tokenFile) return undefined;
  const roleArn = setting('role_arn');
  if (!roleArn) throw new CliError('configuration', NO_ROLE_ARN);

  // botocore's AssumeRoleWithWebIdentityCredentialFetcher: the arguments in
  // its order, the session name generated once (an empty one counts as none).
  const configuredName = setting('role_session_name');
  const args: Record<string, string> = {};
  if (configuredName !== undefined) args.RoleSessionName = configuredName;
  args.RoleArn = roleArn;
  const generatedName = !configuredName;
  if (generatedName) args.RoleSessionName = `botocore-session-${Math.floor(context.now().getTime() / 1000)}`;
  // The cache key leaves out the token and a generated session name.
  const keyArgs: Record<string, string> = { ...args };
  if (generatedName) delete keyArgs.RoleSessionName;
  const key = cacheKey(keyArgs);

  const fetch = async (): Promise<Keys> => {
    const cached = readCachedKeys(context.home, key, context.now());
    if (cached) {
      context.debug?.log('botocore.credentials', 'Credentials for role retrieved from cache.');
      return cached;
    }
    const call = { ...args, WebIdentityToken: readWebIdentityToken(tokenFile) } as unknown as AssumeRoleWithWebIdentityArgs;
    const { keys, response } = await assumeRoleWithWebIdentityCall(context, call);
    writeCachedDocument(context.home, key, response);
    return keys;
  };
  return { method: METHOD, refresh: fetch };
}
