// The vocabulary shared by every credential provider: the keys a provider
// finds, how it refreshes them, and what it may read of the outside world.
// Each provider is a function of a CredentialContext that answers undefined
// ("not configured here, ask the next one") or what it found, or throws a
// CliError worded as AWS CLI v1 words that provider's failure.
import type { Timeouts } from '../timeouts.js';
import type { DebugLogger } from '../../debug.js';
import type { Env, IniSection, Settings, SharedConfig } from '../settings.js';

/** One set of keys, as botocore's Credentials hold them. */
export interface Keys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  /** When the keys stop working; absent for keys that never expire. */
  readonly expiration?: Date | undefined;
  readonly accountId?: string | undefined;
}

/** Fetches keys from the source again (botocore's refresh_using). */
export type Fetch = () => Promise<Keys>;

/**
 * What a provider found: botocore's Credentials (keys, no refresh),
 * RefreshableCredentials (keys and refresh) or DeferredRefreshableCredentials
 * (refresh only: the first fetch waits for the first request).
 */
export interface Found {
  /** botocore's METHOD name: `env`, `assume-role`, `iam-role`, `container-role`, `sso`, ... */
  readonly method: string;
  /** The keys fetched while looking; absent when the first fetch is deferred. */
  readonly keys?: Keys;
  /**
   * Fetches fresh keys: first, when `keys` is absent; then whenever the keys
   * come within the refresh windows of their expiration. Absent: never refreshed.
   */
  readonly refresh?: Fetch;
  /** botocore's refresh windows, in seconds, when a provider changes them (default 15 min advisory, 10 min mandatory). */
  readonly advisoryRefreshSeconds?: number;
  readonly mandatoryRefreshSeconds?: number;
}

/** Asks for the MFA token code; the serial (the MFA device's ARN) is named in the prompt. */
export type MfaPrompt = (serial: string) => Promise<string>;

/** Everything a provider may read: the environment, the files, the clock, the debug log. */
export interface CredentialContext {
  readonly env: Env;
  /** The invocation's settings: profile name, Region (for STS/SSO clients), CA bundle. */
  readonly settings: Settings;
  /** The config and credentials files as parsed. */
  readonly config: SharedConfig;
  /** Every profile, the config file's values overlaid with the credentials file's (botocore's full_config profiles). */
  readonly profiles: Readonly<Record<string, IniSection>>;
  /** The home directory (`~` in paths and caches). */
  readonly home: string;
  readonly now: () => Date;
  /** --debug, when on: providers log as botocore does (`botocore.credentials`, `botocore.utils`, ...). */
  readonly debug?: DebugLogger | undefined;
  readonly mfaPrompt: MfaPrompt;
  /** The connect and read timeouts of the STS and SSO clients (the command line's, as for EC2). */
  readonly clientTimeouts: Timeouts;
}

/** One link of the chain: undefined when its source is not configured. */
export type Provider = (context: CredentialContext) => Promise<Found | undefined>;
