// Assume-role from the profile (botocore's AssumeRoleProvider, METHOD
// `assume-role`): `role_arn` with `source_profile` (whose own providers,
// or another role, give the keys that call STS) or `credential_source`
// (Environment, Ec2InstanceMetadata or EcsContainer). The source is looked
// up at once, with v1's checks and texts; the STS call waits for the first
// request, goes through the AWS CLI's cache, asks for an MFA code when
// `mfa_serial` is set, and cannot be repeated without one.
import { CliError } from '../../errors.js';
import { pyRepr } from '../../python/repr.js';
import type { IniSection } from '../settings.js';
import { cacheKey, readCachedKeys, writeCachedDocument } from './cache.js';
import { partialCredentials } from './env.js';
import { LiveCredentials } from './refreshing.js';
import { assumeRoleCall, type AssumeRoleArgs } from './sts.js';
import type { CredentialContext, Found, Keys } from './types.js';

/** How the chain finds a role's source credentials. */
export interface RoleSources {
  /** The providers of a source profile (web identity, SSO, files, credential_process), environment ignored. */
  fromProfile(profileName: string): Promise<LiveCredentials | undefined>;
  /** The provider a credential_source names. */
  fromSource(canonicalName: 'Environment' | 'Ec2InstanceMetadata' | 'EcsContainer'): Promise<LiveCredentials | undefined>;
}

const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const;
type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];

function configError(message: string): CliError {
  return new CliError('configuration', message);
}

export function hasAssumeRoleConfig(profile: IniSection): boolean {
  return profile.role_arn !== undefined && profile.web_identity_token_file === undefined;
}

function hasStaticKeys(profile: IniSection): boolean {
  return profile.aws_access_key_id !== undefined || profile.aws_secret_access_key !== undefined;
}

/** The AssumeRole arguments botocore builds from the profile, in its order; RoleSessionName generated when unset. */
function roleArguments(profile: IniSection, now: Date): { args: AssumeRoleArgs; generatedName: boolean } {
  const args: Record<string, string | number> = {};
  if (profile.role_session_name !== undefined) args.RoleSessionName = profile.role_session_name;
  if (profile.external_id !== undefined) args.ExternalId = profile.external_id;
  if (profile.mfa_serial !== undefined) args.SerialNumber = profile.mfa_serial;
  // int(duration_seconds); a value int() refuses is left out.
  if (profile.duration_seconds !== undefined && /^\s*[+-]?\d+\s*$/.test(profile.duration_seconds)) {
    args.DurationSeconds = Number.parseInt(profile.duration_seconds, 10);
  }
  args.RoleArn = profile.role_arn!;
  // An empty role_session_name counts as none.
  const generatedName = !args.RoleSessionName;
  if (generatedName) args.RoleSessionName = `botocore-session-${Math.floor(now.getTime() / 1000)}`;
  return { args: args as unknown as AssumeRoleArgs, generatedName };
}

/** botocore's AssumeRoleCredentialFetcher: cache first, else AssumeRole (with the MFA code), then cache. */
function roleFetcher(context: CredentialContext, profile: IniSection, source: LiveCredentials) {
  const { args, generatedName } = roleArguments(profile, context.now());
  const keyArgs: Record<string, string | number> = { ...args };
  if (generatedName) delete keyArgs.RoleSessionName;
  const key = cacheKey(keyArgs);
  let calls = 0;
  return async (): Promise<Keys> => {
    // With an MFA device, only the first fetch can ask for a code.
    if (args.SerialNumber !== undefined && calls++ > 0) throw new CliError('general', 'Cannot refresh credentials: MFA token required.');
    const cached = readCachedKeys(context.home, key, context.now());
    if (cached) {
      context.debug?.log('botocore.credentials', 'Credentials for role retrieved from cache.');
      return cached;
    }
    const call: AssumeRoleArgs =
      args.SerialNumber === undefined ? args : { ...args, TokenCode: await context.mfaPrompt(args.SerialNumber) };
    // The cache keeps STS's answer as botocore parsed it (Expiration as the text STS sent), as v1 writes it.
    const { keys, response } = await assumeRoleCall(context, await source.current(), call);
    writeCachedDocument(context.home, key, response);
    return keys;
  };
}

/**
 * botocore's _get_role_config checks for `name`, then its source. `visited`
 * is the list of profiles seen along the source_profile chain.
 */
async function sourceOf(context: CredentialContext, name: string, sources: RoleSources, visited: string[]): Promise<LiveCredentials> {
  const profile = context.profiles[name]!;
  const sourceProfile = profile.source_profile;
  const credentialSource = profile.credential_source;
  if (credentialSource !== undefined && sourceProfile !== undefined) {
    throw configError(`The profile "${name}" contains both source_profile and credential_source.`);
  }
  if (credentialSource === undefined && sourceProfile === undefined) throw partialCredentials('assume-role', 'source_profile or credential_source');
  if (credentialSource !== undefined) {
    if (!(CREDENTIAL_SOURCES as readonly string[]).includes(credentialSource)) {
      throw configError(`The credential source "${credentialSource}" referenced in profile "${name}" is not valid.`);
    }
    const found = await sources.fromSource(credentialSource as CredentialSource);
    if (!found) {
      throw new CliError(
        'general',
        `Error when retrieving credentials from ${credentialSource}: No credentials found in credential_source referenced in profile ${name}`,
      );
    }
    return found;
  }
  const sourceName = sourceProfile!;
  const source = context.profiles[sourceName];
  if (!source) throw configError(`The source_profile "${sourceName}" referenced in the profile "${name}" does not exist.`);
  if (visited.includes(sourceName) && (sourceName !== name || !hasStaticKeys(source))) {
    throw configError(
      `Infinite loop in credential configuration detected. Attempting to load from profile ${sourceName} which has already been visited. Visited profiles: ${pyRepr(visited)}`,
    );
  }
  visited.push(sourceName);
  if (hasStaticKeys(source) || !hasAssumeRoleConfig(source)) {
    const found = await sources.fromProfile(sourceName);
    if (!found) throw configError(`The source profile "${sourceName}" must have credentials.`);
    return found;
  }
  return new LiveCredentials(await roleFound(context, sourceName, sources, visited), context.now, context.debug);
}

async function roleFound(context: CredentialContext, name: string, sources: RoleSources, visited: string[]): Promise<Found> {
  const profile = context.profiles[name]!;
  const source = await sourceOf(context, name, sources, visited);
  return { method: 'assume-role', refresh: roleFetcher(context, profile, source) };
}

/** The role of `profileName`, or undefined when it has no role_arn (or is a web-identity profile). */
export async function assumeRoleProvider(context: CredentialContext, profileName: string, sources: RoleSources): Promise<Found | undefined> {
  const profile = context.profiles[profileName];
  if (profile === undefined || !hasAssumeRoleConfig(profile)) return undefined;
  return roleFound(context, profileName, sources, [profileName]);
}
