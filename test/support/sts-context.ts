// A CredentialContext for calling the STS-based providers directly (no
// subprocess): the environment, the profiles and the settings a test names,
// everything else inert (no home files, no debug log, no MFA prompt).
import type { DebugLogger } from '../../src/debug.js';
import { CliError } from '../../src/errors.js';
import { profilesOf } from '../../src/request/credentials/index.js';
import type { CredentialContext } from '../../src/request/credentials/types.js';
import type { Env, IniSection, Settings, SharedConfig } from '../../src/request/settings.js';

export interface ContextParts {
  readonly env?: Env;
  readonly settings?: Partial<Settings>;
  /** Config-file sections (`x` for `[profile x]`, `services.y` for `[services y]`); also the profiles. */
  readonly config?: Readonly<Record<string, IniSection>>;
  /** Both files as loaded (instead of `config`). */
  readonly sharedConfig?: SharedConfig;
  readonly debug?: DebugLogger;
  readonly home?: string;
  readonly now?: () => Date;
}

export function stsContext(parts: ContextParts = {}): CredentialContext {
  const config: SharedConfig = parts.sharedConfig ?? { configFile: parts.config ?? {}, credentialsFile: {} };
  const settings: Settings = {
    profile: 'default',
    profileNamed: false,
    profileFromFlag: false,
    region: 'eu-west-1',
    output: 'json',
    endpointUrl: undefined,
    retryMode: 'legacy',
    maxAttempts: 1,
    parameterValidation: true,
    caBundle: undefined,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    ...parts.settings,
  };
  return {
    env: parts.env ?? {},
    settings,
    config,
    profiles: profilesOf(config),
    home: parts.home ?? '/nonexistent-home',
    now: parts.now ?? (() => new Date()),
    debug: parts.debug,
    clientTimeouts: { connect: undefined, read: undefined },
    mfaPrompt: async () => {
      throw new Error('no MFA prompt in this test');
    },
  };
}

/** The CliError a promise rejects with (anything else fails the test). */
export async function rejection(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}
