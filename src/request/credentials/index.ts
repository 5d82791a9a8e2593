// Credentials in AWS CLI v1's order (botocore's default credential chain):
//
//   env                              AWS_ACCESS_KEY_ID & co. (not with --profile)
//   assume-role                      role_arn + source_profile / credential_source
//   assume-role-with-web-identity    web_identity_token_file, or AWS_ROLE_ARN +
//                                    AWS_WEB_IDENTITY_TOKEN_FILE (not with --profile)
//   sso                              sso_session / sso_start_url
//   shared-credentials-file          ~/.aws/credentials
//   login                            login_session
//   custom-process                   credential_process
//   config-file                      ~/.aws/config
//   ec2-credentials-file             AWS_CREDENTIAL_FILE
//   boto-config                      BOTO_CONFIG, /etc/boto.cfg, ~/.boto
//   container-role                   AWS_CONTAINER_CREDENTIALS_*_URI
//   iam-role                         instance metadata
//
// The chain is walked when the client would be created (before parameter
// validation, as in v1): keys in files and the environment are read, a
// credential_process runs, container and instance metadata are asked.
// STS and SSO calls wait for the first request. The keys then keep
// themselves valid (refreshing.ts) for as long as the invocation runs.
import type { Timeouts } from '../timeouts.js';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { CliError } from '../../errors.js';
import type { DebugLogger } from '../../debug.js';
import { loadSharedConfig, userHome } from '../config-files.js';
import type { Env, IniSection, Settings, SharedConfig } from '../settings.js';
import { assumeRoleProvider, type RoleSources } from './assume-role.js';
import { containerProvider } from './container.js';
import { environmentProvider } from './env.js';
import { botoConfigProvider, configFileProvider, ec2CredentialsFileProvider, sharedCredentialsFileProvider } from './files.js';
import { instanceMetadataProvider, instanceMetadataSettings } from './imds.js';
import { mfaPromptThrough } from './mfa.js';
import { credentialProcessProvider } from './process.js';
import { LiveCredentials } from './refreshing.js';
import { loginProvider, ssoProvider } from './sso.js';
import type { CredentialContext, Found, MfaPrompt } from './types.js';
import { webIdentityProvider } from './web-identity.js';

export type { MfaPrompt } from './types.js';

export const NO_CREDENTIALS = 'Unable to locate credentials. You can configure credentials by running "aws configure".';

/** One link: its METHOD name (for the debug log) and how to ask it. */
type Link = readonly [method: string, ask: () => Found | undefined | Promise<Found | undefined>];

/** botocore's CredentialResolver: the first link that finds keys wins. */
async function firstFound(context: CredentialContext, links: readonly Link[]): Promise<LiveCredentials | undefined> {
  for (const [method, ask] of links) {
    context.debug?.log('botocore.credentials', `Looking for credentials via: ${method}`);
    const found = await ask();
    if (found) return new LiveCredentials(found, context.now, context.debug);
  }
  return undefined;
}

/** botocore's ProfileProviderBuilder.providers: what a profile itself can hold. */
function profileLinks(context: CredentialContext, profileName: string, disableEnvVars: boolean): Link[] {
  return [
    ['assume-role-with-web-identity', () => webIdentityProvider(context, profileName, disableEnvVars)],
    ['sso', () => ssoProvider(context, profileName)],
    ['shared-credentials-file', () => sharedCredentialsFileProvider(context, profileName)],
    ['login', () => loginProvider(context, profileName)],
    ['custom-process', () => credentialProcessProvider(context, profileName)],
    ['config-file', () => configFileProvider(context, profileName)],
  ];
}

function roleSources(context: CredentialContext): RoleSources {
  return {
    fromProfile: (profileName) => firstFound(context, profileLinks(context, profileName, true)),
    fromSource: async (name) => {
      const ask = { Environment: environmentProvider, EcsContainer: containerProvider, Ec2InstanceMetadata: instanceMetadataProvider }[name];
      const found = await ask(context);
      return found && new LiveCredentials(found, context.now, context.debug);
    },
  };
}

/** The whole chain for the invocation's profile. */
function chain(context: CredentialContext): Promise<LiveCredentials | undefined> {
  // v1 reads (and checks) the metadata settings as it builds the chain, before any provider runs.
  instanceMetadataSettings(context);
  const profileName = context.settings.profile;
  const disableEnvVars = context.settings.profileFromFlag;
  const links: Link[] = [
    ['env', () => environmentProvider(context)],
    ['assume-role', () => assumeRoleProvider(context, profileName, roleSources(context))],
    ...profileLinks(context, profileName, disableEnvVars),
    ['ec2-credentials-file', () => ec2CredentialsFileProvider(context)],
    ['boto-config', () => botoConfigProvider(context)],
    ['container-role', () => containerProvider(context)],
    ['iam-role', () => instanceMetadataProvider(context)],
  ];
  // An explicit --profile takes the environment's keys out of the chain.
  return firstFound(context, disableEnvVars ? links.slice(1) : links);
}

/** botocore's full_config profiles: the config file's, overlaid by the credentials file's sections. */
export function profilesOf(config: SharedConfig): Record<string, IniSection> {
  const profiles: Record<string, IniSection> = {};
  for (const [key, section] of Object.entries(config.configFile)) {
    if (!key.startsWith('services.') && !key.startsWith('sso-session.')) profiles[key] = section;
  }
  for (const [key, section] of Object.entries(config.credentialsFile)) profiles[key] = { ...profiles[key], ...section };
  return profiles;
}

export interface CredentialOptions {
  /** How the MFA code is asked for (default: none, as with stdin at its end). */
  readonly mfaPrompt?: MfaPrompt;
  /** The user's home in the password database, for when HOME is unset or empty (io.passwdHome). */
  readonly passwdHome?: () => string;
  /** --debug: where the chain says what it looks at and what it found. */
  readonly debug?: DebugLogger;
  /** The clock (tests move it to make keys expire). */
  readonly now?: () => Date;
  /** --cli-connect-timeout / --cli-read-timeout, which the STS and SSO clients use too (default: botocore's 60 s). */
  readonly timeouts?: Timeouts;
}

/** The credentials of one invocation. */
export interface CliCredentialProvider extends AwsCredentialIdentityProvider {
  /**
   * Walks the chain as botocore does when the client is created, so that its
   * errors come before parameter validation as in v1. Calling the provider
   * walks it too, once.
   */
  prepare(): Promise<void>;
}

export function credentialProvider(settings: Settings, env: Env, options: CredentialOptions = {}): CliCredentialProvider {
  let found: Promise<LiveCredentials | undefined> | undefined;
  const prepare = () =>
    (found ??= loadSharedConfig(env, options.passwdHome).then((config) =>
      chain({
        env,
        settings,
        config,
        profiles: profilesOf(config),
        home: userHome(env, options.passwdHome) ?? '',
        now: options.now ?? (() => new Date()),
        debug: options.debug,
        mfaPrompt: options.mfaPrompt ?? mfaPromptThrough(undefined),
        clientTimeouts: options.timeouts ?? { connect: undefined, read: undefined },
      }),
    ));
  const provider = (async (): Promise<AwsCredentialIdentity> => {
    const live = await prepare();
    if (!live) throw new CliError('no-credentials', NO_CREDENTIALS);
    const keys = await live.current();
    return { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, sessionToken: keys.sessionToken, expiration: keys.expiration };
  }) as CliCredentialProvider;
  provider.prepare = async () => {
    await prepare();
  };
  return provider;
}
