// SSO (botocore's SSOProvider, METHOD `sso`): the sso_session form
// (`sso_session` naming an `[sso-session x]` section with sso_start_url and
// sso_region) and the legacy form (sso_start_url and sso_region in the
// profile), both with sso_account_id and sso_role_name. The access token
// comes from the AWS CLI's token cache (sso-token.ts); the role's keys from
// the SSO portal's GetRoleCredentials, fetched when first needed
// (DeferredRefreshableCredentials) and again whenever they near expiry.
// Also botocore's LoginProvider (`login_session`), which needs awscrt: AWS
// CLI v1 as installed has none, so it fails as v1 does.
import { CliError, ServiceError, ValidationError } from '../../errors.js';
import { pyClass, pyRepr, reprString } from '../../python/repr.js';
import { getKey, isDict, pyTypeName, type PyDict } from '../../python/value.js';
import type { IniSection, SharedConfig } from '../settings.js';
import { shlexSplit } from '../../shell-word.js';
import { restJsonCall, serviceEndpoint } from './rest-json.js';
import { legacyAccessToken, pyIntOf, sessionAccessToken, unauthorizedSsoToken, type SsoSessionConfig } from './sso-token.js';
import type { CredentialContext, Found, Keys } from './types.js';

const SSO = { envSuffix: 'SSO', servicesKey: 'sso' } as const;
const PROFILE_REQUIRED = ['sso_role_name', 'sso_account_id'] as const;
const ALL_REQUIRED = [...PROFILE_REQUIRED, 'sso_start_url', 'sso_region'] as const;

function invalidConfig(message: string): CliError {
  return new CliError('configuration', message);
}

/** The words of a section name as botocore's _parse_section splits them (shlex); none when the quotes do not balance. */
function sectionWords(name: string): string[] {
  try {
    return shlexSplit(name);
  } catch {
    return [];
  }
}

/**
 * botocore's `sso_sessions`: the config file's `[sso-session x]` sections.
 * The SDK's loader keys them `sso-session.x`; a configparser-style loader
 * may keep the raw section name `sso-session x`: both are read.
 */
export function ssoSessions(config: SharedConfig): Map<string, IniSection> {
  const sessions = new Map<string, IniSection>();
  for (const [key, section] of Object.entries(config.configFile)) {
    if (key.startsWith('sso-session.')) {
      sessions.set(key.slice('sso-session.'.length), section);
    } else if (key.startsWith('sso-session')) {
      const words = sectionWords(key);
      if (words.length === 2) sessions.set(words[1]!, section);
    }
  }
  return sessions;
}

interface SsoConfig {
  readonly startUrl: string;
  readonly region: string;
  readonly roleName: string;
  readonly accountId: string;
}

/** SSOTokenProvider._load_sso_config: the session section must exist and name its start URL and Region. */
function tokenProviderConfig(profileName: string, sessionName: string, sessions: Map<string, IniSection>): SsoSessionConfig {
  const section = sessions.get(sessionName);
  if (!section || Object.keys(section).length === 0) {
    throw invalidConfig(
      `The profile "${profileName}" is configured to use the SSO token provider but the "${sessionName}" sso_session configuration does not exist.`,
    );
  }
  const missing = ['sso_start_url', 'sso_region'].filter((key) => section[key] === undefined);
  if (missing.length) {
    throw invalidConfig(
      `The profile "${profileName}" is configured to use the SSO token provider but is missing the following configuration: [${missing.map(reprString).join(', ')}].`,
    );
  }
  return { sessionName, startUrl: section.sso_start_url!, region: section.sso_region! };
}

/** SSOProvider._load_sso_config: undefined when the profile is not an SSO profile; v1's errors for a broken one. */
function loadSsoConfig(context: CredentialContext, profileName: string): { config: SsoConfig; sessionName?: string } | undefined {
  const profile = context.profiles[profileName] ?? {};
  if (PROFILE_REQUIRED.every((key) => profile[key] === undefined)) return undefined;
  const resolved: Record<string, string | undefined> = { ...profile };
  const required: string[] = [...ALL_REQUIRED];
  const sessionName = profile.sso_session;
  if (sessionName !== undefined) {
    const session = ssoSessions(context.config).get(sessionName);
    if (session === undefined) throw invalidConfig(`The specified sso-session does not exist: "${sessionName}"`);
    for (const [key, value] of Object.entries(session)) {
      if (value === undefined) continue;
      const current = resolved[key];
      if (current !== undefined && current !== value) {
        throw invalidConfig(`The value for ${key} is inconsistent between profile (${current}) and sso-session (${value}).`);
      }
      resolved[key] = value;
    }
    required.push('sso_session');
  }
  const missing = required.filter((key) => resolved[key] === undefined);
  if (missing.length) {
    throw invalidConfig(`The profile "${profileName}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`);
  }
  return {
    config: {
      startUrl: resolved.sso_start_url!,
      region: resolved.sso_region!,
      roleName: resolved.sso_role_name!,
      accountId: resolved.sso_account_id!,
    },
    ...(sessionName !== undefined ? { sessionName } : {}),
  };
}

function keyError(key: string): CliError {
  return new CliError('general', reprString(key));
}

/** A member of the parsed roleCredentials structure (null on the wire is absent). */
function member(credentials: PyDict, name: string): unknown {
  const value = getKey(credentials, name);
  if (value === null) throw keyError(name);
  return value;
}

/** SSOCredentialFetcher._parse_timestamp: milliseconds to whole seconds, UTC. */
function expirationOf(value: unknown): Date {
  const ms = pyIntOf(value);
  return new Date(Math.floor(ms / 1000) * 1000);
}

/** GetRoleCredentials with the access token, as SSOCredentialFetcher calls it. */
async function getRoleCredentials(context: CredentialContext, config: SsoConfig, endpoint: string, token: unknown): Promise<Keys> {
  if (typeof token !== 'string') {
    throw new ValidationError([
      `Invalid type for parameter accessToken, value: ${pyRepr(token)}, type: ${pyClass(token)}, valid types: <class 'str'>`,
    ]);
  }
  const query = `role_name=${encodeURIComponent(config.roleName)}&account_id=${encodeURIComponent(config.accountId)}`;
  context.debug?.addSecret(token);
  let body: unknown;
  try {
    ({ body } = await restJsonCall(context, {
      operation: 'GetRoleCredentials',
      method: 'GET',
      url: `${endpoint}/federation/credentials?${query}`,
      headers: { 'x-amz-sso_bearer_token': token },
    }));
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'UnauthorizedException') throw unauthorizedSsoToken();
    throw error;
  }
  const role = isDict(body) ? getKey(body, 'roleCredentials') : null;
  if (role === null) throw keyError('roleCredentials');
  if (!isDict(role)) throw new CliError('general', `'${pyTypeName(role)}' object has no attribute 'get'`);
  const accessKeyId = String(member(role, 'accessKeyId'));
  const secretAccessKey = String(member(role, 'secretAccessKey'));
  const sessionToken = String(member(role, 'sessionToken'));
  const expiration = expirationOf(member(role, 'expiration'));
  context.debug?.addSecret(secretAccessKey);
  context.debug?.addSecret(sessionToken);
  return { accessKeyId, secretAccessKey, sessionToken, expiration, accountId: config.accountId };
}

/**
 * botocore's SSOProvider for `profileName`: undefined when the profile has
 * neither sso_role_name nor sso_account_id; otherwise credentials whose first
 * fetch waits until they are needed.
 */
export async function ssoProvider(context: CredentialContext, profileName: string): Promise<Found | undefined> {
  const loaded = loadSsoConfig(context, profileName);
  if (loaded === undefined) return undefined;
  const { config, sessionName } = loaded;
  const refresh = async (): Promise<Keys> => {
    // The SSO client is created first: its Region and endpoint are checked before the token is read.
    const endpoint = serviceEndpoint(context, SSO, 'portal.sso', config.region);
    const token =
      sessionName === undefined
        ? legacyAccessToken(context, config.startUrl)
        : await sessionAccessToken(context, tokenProviderConfig(profileName, sessionName, ssoSessions(context.config)));
    return getRoleCredentials(context, config, endpoint, token);
  };
  return { method: 'sso', refresh };
}

/**
 * botocore's LoginProvider: a profile with `login_session` needs awscrt,
 * which AWS CLI v1 as installed (no botocore[crt]) does not have.
 */
export async function loginProvider(context: CredentialContext, profileName: string): Promise<Found | undefined> {
  const profile = context.profiles[profileName] ?? {};
  if (profile.login_session === undefined) return undefined;
  throw new CliError(
    'general',
    'Missing Dependency: Using the login credential provider requires an additional dependency. You will need to pip install "botocore[crt]" before proceeding.',
  );
}
