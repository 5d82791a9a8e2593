// Credentials in AWS CLI v1's order (botocore's credential resolver):
//   1. the environment (unless --profile was given);
//   2. the profile: assume-role (role_arn with source_profile or
//      credential_source, MFA prompt on the terminal), web identity, SSO
//      (all three through the SDK's fromIni), static keys from the
//      credentials file, credential_process, static keys from the config
//      file;
//   3. container and instance metadata.
// v1's own errors (partial keys, broken assume-role configuration, a failing
// credential_process) are raised here with v1's text, before the SDK would
// turn them into a generic "could not load credentials".
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ReadStream } from 'node:tty';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { CliError, ServiceError } from '../../errors.js';
import { pyEquals } from '../../python/compare.js';
import { jsonLoads, PythonJsonError } from '../../python/json.js';
import { pyRepr, pyStr, reprString } from '../../python/repr.js';
import { getKey, hasKey, isDict, pyTypeName } from '../../python/value.js';
import { loadSharedConfig } from '../config-files.js';
import type { Env, IniSection, Settings, SharedConfig } from '../settings.js';

const NO_CREDENTIALS = 'Unable to locate credentials. You can configure credentials by running "aws configure".';
const SILENT = { debug() {}, info() {}, warn() {}, error() {} };
/** botocore's STS (and other credential) clients: default timeouts, not the --cli-*-timeout values. */
const CREDENTIAL_CLIENT_TIMEOUT_MS = 60_000;

function configError(message: string): CliError {
  return new CliError('configuration', message);
}

function partial(provider: string, missing: string): CliError {
  return configError(`Partial credentials found in ${provider}, missing: ${missing}`);
}

// ---------------------------------------------------------------- environment

function fromEnvironment(env: Env): AwsCredentialIdentity | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  if (!accessKeyId) return undefined;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!secretAccessKey) throw partial('env', 'AWS_SECRET_ACCESS_KEY');
  // botocore looks at AWS_SECURITY_TOKEN before AWS_SESSION_TOKEN.
  const sessionToken = env.AWS_SECURITY_TOKEN ?? env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined };
}

// ----------------------------------------------------------------- static keys

/** Keys from one file's section, or v1's partial-credentials error (provider: shared-credentials-file, config-file). */
function staticKeys(section: IniSection, provider: string): AwsCredentialIdentity {
  const accessKeyId = section.aws_access_key_id!;
  const secretAccessKey = section.aws_secret_access_key;
  if (secretAccessKey === undefined) throw partial(provider, 'aws_secret_access_key');
  const sessionToken = section.aws_security_token ?? section.aws_session_token;
  return { accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined };
}

// ---------------------------------------------------------- credential_process

/** Python's shlex.split (POSIX mode, no comments), as botocore splits credential_process. */
export function shlexSplit(text: string): string[] {
  const tokens: string[] = [];
  let token = '';
  let inToken = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (inToken) tokens.push(token);
      token = '';
      inToken = false;
      i += 1;
      continue;
    }
    inToken = true;
    if (c === '\\') {
      if (i + 1 >= text.length) throw new CliError('general', 'No escaped character');
      token += text[i + 1];
      i += 2;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new CliError('general', 'No closing quotation');
      token += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new CliError('general', 'No closing quotation');
        const d = text[i]!;
        if (d === '"') {
          i += 1;
          break;
        }
        if (d === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
          token += text[i + 1];
          i += 2;
        } else {
          token += d;
          i += 1;
        }
      }
    } else {
      token += c;
      i += 1;
    }
  }
  if (inToken) tokens.push(token);
  return tokens;
}

const PROCESS = 'custom-process';
const OS_ERRORS: Record<string, string> = {
  ENOENT: '[Errno 2] No such file or directory',
  EACCES: '[Errno 13] Permission denied',
  ENOEXEC: '[Errno 8] Exec format error',
  ENOTDIR: '[Errno 20] Not a directory',
};

function processError(message: string): CliError {
  return new CliError('general', `Error when retrieving credentials from ${PROCESS}: ${message}`);
}

/** botocore's ProcessProvider: run the command (no shell), read Version 1 JSON from its stdout. */
export function fromCredentialProcess(command: string, env: Env): AwsCredentialIdentity {
  const argv = shlexSplit(command);
  if (argv.length === 0) throw new CliError('general', 'list index out of range');
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  const run = spawnSync(argv[0]!, argv.slice(1), { env: childEnv, stdio: ['inherit', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (run.error) {
    const code = (run.error as { code?: string }).code ?? '';
    const text = OS_ERRORS[code];
    throw new CliError('general', text ? `${text}: ${reprString(argv[0]!)}` : run.error.message);
  }
  if (run.status !== 0) throw processError(run.stderr.toString('utf8'));
  let parsed: unknown;
  try {
    parsed = jsonLoads(run.stdout.toString('utf8'), { maxDepth: Infinity });
  } catch (error) {
    if (error instanceof PythonJsonError) throw new CliError('general', error.message);
    throw error;
  }
  if (!isDict(parsed)) throw new CliError('general', `'${pyTypeName(parsed)}' object has no attribute 'get'`);
  const version = hasKey(parsed, 'Version') ? parsed.Version : '<Version key not provided>';
  if (!pyEquals(version, 1)) {
    throw processError(`Unsupported version '${pyStr(version)}' for credential process provider, supported versions: 1`);
  }
  for (const key of ['AccessKeyId', 'SecretAccessKey']) {
    if (!hasKey(parsed, key)) throw processError(`Missing required key in response: ${pyRepr(key)}`);
  }
  const expiration = getKey(parsed, 'Expiration');
  if (expiration !== null) {
    const when = Date.parse(String(expiration));
    if (Number.isNaN(when)) throw new CliError('general', `Unknown string format: ${pyStr(expiration)}`);
    if (when <= Date.now()) throw new CliError('general', 'Credentials were refreshed, but the refreshed credentials are still expired.');
  }
  const token = getKey(parsed, 'SessionToken');
  return {
    accessKeyId: pyStr(parsed.AccessKeyId),
    secretAccessKey: pyStr(parsed.SecretAccessKey),
    sessionToken: token === null || token === '' ? undefined : pyStr(token),
  };
}

// ------------------------------------------------------------------ MFA prompt

/** Asks for the MFA token code; the serial (the MFA device's ARN) is named in the prompt. */
export type MfaPrompt = (serial: string) => Promise<string>;

function interrupted(): CliError {
  return new CliError('interrupted', '');
}

/** Python's getpass on a terminal: echo off, one line, then a newline. */
function readSecretFromTerminal(input: ReadStream, write: (text: string) => void, prompt: string): Promise<string> {
  write(prompt);
  const wasRaw = input.isRaw;
  input.setRawMode(true);
  input.resume();
  return new Promise<string>((resolve, reject) => {
    let code = '';
    const finish = (outcome: () => void) => {
      input.removeListener('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      write('\n');
      outcome();
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(code));
        if (ch === '\u0003') return finish(() => reject(interrupted()));
        if (ch === '\u0004') {
          // End of input on an empty line is Python's EOFError, whose text is empty.
          if (code === '') return finish(() => reject(new CliError('general', '')));
          continue;
        }
        if (ch === '\u007f' || ch === '\b') code = code.slice(0, -1);
        else if (ch >= ' ') code += ch;
      }
      return undefined;
    };
    input.on('data', onData);
  });
}

/** One line from a non-terminal stdin, read synchronously (no more than the line is consumed). */
function readLineFromStdin(): string | undefined {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, one, 0, 1, null);
    } catch (error) {
      if ((error as { code?: string }).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if ((error as { code?: string }).code === 'EOF') n = 0;
      else throw error;
    }
    if (n === 0) return bytes.length ? Buffer.from(bytes).toString('utf8') : undefined;
    if (one[0] === 0x0a) return Buffer.from(bytes).toString('utf8');
    bytes.push(one[0]!);
  }
}

/**
 * v1's MFA prompt (getpass): `Enter MFA code for <serial>: ` on the
 * terminal (/dev/tty, else stdin when it is one) with echo off. Without a
 * terminal, getpass warns and reads a line from stdin, prompting on stderr.
 */
export const terminalMfaPrompt: MfaPrompt = async (serial) => {
  const prompt = `Enter MFA code for ${serial}: `;
  let fd: number | undefined;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    fd = undefined;
  }
  if (fd !== undefined) {
    const ttyFd = fd;
    const input = new ReadStream(ttyFd);
    try {
      return await readSecretFromTerminal(input, (text) => writeSync(ttyFd, text), prompt);
    } finally {
      input.destroy();
    }
  }
  if (process.stdin.isTTY) {
    return readSecretFromTerminal(process.stdin as ReadStream, (text) => process.stderr.write(text), prompt);
  }
  process.stderr.write(`Warning: Password input may be echoed.\n${prompt}`);
  const line = readLineFromStdin();
  if (line === undefined) throw new CliError('general', '');
  process.stderr.write('\n');
  return line;
};

// ----------------------------------------------------------------- assume-role

type Profiles = Readonly<Record<string, IniSection>>;

const CREDENTIAL_SOURCES = new Set(['EcsContainer', 'Ec2InstanceMetadata', 'Environment']);

function hasStaticKeys(profile: IniSection): boolean {
  return profile.aws_access_key_id !== undefined || profile.aws_secret_access_key !== undefined;
}

function isAssumeRole(profile: IniSection): boolean {
  return profile.role_arn !== undefined && profile.web_identity_token_file === undefined;
}

function isSso(profile: IniSection): boolean {
  return ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_region', 'sso_role_name'].some((k) => profile[k] !== undefined);
}

/** What the profile chain behind a role uses, so the credential clients can be configured to suit. */
interface RoleChain {
  readonly usesSso: boolean;
}

/**
 * botocore's AssumeRoleProvider checks, walked along the source_profile
 * chain, with its error texts. The SDK then does the actual work.
 */
function checkAssumeRole(name: string, profiles: Profiles, config: SharedConfig, visited: string[]): RoleChain {
  const profile = profiles[name]!;
  const source = profile.source_profile;
  const credentialSource = profile.credential_source;
  if (credentialSource !== undefined && source !== undefined) {
    throw configError(`The profile "${name}" contains both source_profile and credential_source.`);
  }
  if (credentialSource === undefined && source === undefined) throw partial('assume-role', 'source_profile or credential_source');
  if (credentialSource !== undefined) {
    if (!CREDENTIAL_SOURCES.has(credentialSource)) {
      throw configError(`The credential source "${credentialSource}" referenced in profile "${name}" is not valid.`);
    }
    return { usesSso: false };
  }
  const sourceName = source!;
  const sourceProfile = profiles[sourceName];
  if (!sourceProfile) throw configError(`The source_profile "${sourceName}" referenced in the profile "${name}" does not exist.`);
  if (visited.includes(sourceName) && (sourceName !== name || !hasStaticKeys(sourceProfile))) {
    throw configError(
      `Infinite loop in credential configuration detected. Attempting to load from profile ${sourceName} which has already been visited. Visited profiles: ${pyRepr(visited)}`,
    );
  }
  visited.push(sourceName);
  if (hasStaticKeys(sourceProfile) || !isAssumeRole(sourceProfile)) {
    // The source profile's own providers: web identity, SSO, static keys, credential_process.
    const inCredentials = config.credentialsFile[sourceName];
    const inConfig = config.configFile[sourceName];
    if (inCredentials?.aws_access_key_id !== undefined) staticKeys(inCredentials, 'shared-credentials-file');
    else if (inConfig?.aws_access_key_id !== undefined && sourceProfile.credential_process === undefined) staticKeys(inConfig, 'config-file');
    const usable =
      sourceProfile.aws_access_key_id !== undefined ||
      sourceProfile.credential_process !== undefined ||
      isSso(sourceProfile) ||
      (sourceProfile.web_identity_token_file !== undefined && sourceProfile.role_arn !== undefined);
    if (!usable) throw configError(`The source profile "${sourceName}" must have credentials.`);
    return { usesSso: isSso(sourceProfile) && sourceProfile.aws_access_key_id === undefined };
  }
  return checkAssumeRole(sourceName, profiles, config, visited);
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

/** The STS endpoint configured for the session's profile, with v1's precedence (as settings.ts does for EC2). */
function configuredStsEndpoint(profile: IniSection, config: SharedConfig, env: Env): string | undefined {
  if (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? profile.ignore_configured_endpoint_urls)) return undefined;
  const fromEnv = env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL;
  if (fromEnv !== undefined) return fromEnv;
  const services = profile.services === undefined ? undefined : config.configFile[`services.${profile.services}`];
  return services?.['sts.endpoint_url'] ?? profile.endpoint_url;
}

// The AWS CLI keeps assumed-role credentials in ~/.aws/cli/cache (botocore's
// JSONFileCache, keyed by a hash of the AssumeRole arguments) and reuses them
// until 15 minutes before they expire: no STS call, no MFA prompt. The same
// files are read and written here, so v1 and copy-snapshot share them.

const CACHE_EXPIRY_WINDOW_MS = 15 * 60 * 1000;

/** botocore's BaseAssumeRoleCredentialFetcher._create_cache_key for a role profile. */
function assumeRoleCacheKey(profile: IniSection): string {
  const args: Record<string, string | number> = {};
  if (profile.role_session_name !== undefined) args.RoleSessionName = profile.role_session_name;
  if (profile.external_id !== undefined) args.ExternalId = profile.external_id;
  if (profile.mfa_serial !== undefined) args.SerialNumber = profile.mfa_serial;
  if (profile.duration_seconds !== undefined && /^\s*[+-]?\d+\s*$/.test(profile.duration_seconds)) {
    args.DurationSeconds = Number.parseInt(profile.duration_seconds, 10);
  }
  args.RoleArn = profile.role_arn!;
  // json.dumps(args, sort_keys=True): ', ' and ': ' separators, non-ASCII escaped.
  const json = `{${Object.keys(args)
    .sort()
    .map((k) => `${JSON.stringify(k)}: ${JSON.stringify(args[k])}`)
    .join(', ')}}`.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return createHash('sha1').update(json, 'utf8').digest('hex');
}

function cacheFile(env: Env, key: string): string {
  return join(env.HOME || homedir(), '.aws', 'cli', 'cache', `${key}.json`);
}

function readCachedRole(env: Env, key: string): AwsCredentialIdentity | undefined {
  try {
    const cached = JSON.parse(readFileSync(cacheFile(env, key), 'utf8')) as { Credentials?: Record<string, string> };
    const c = cached.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.Expiration) return undefined;
    const expiration = Date.parse(c.Expiration);
    if (Number.isNaN(expiration) || expiration - Date.now() < CACHE_EXPIRY_WINDOW_MS) return undefined;
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: new Date(expiration) };
  } catch {
    return undefined;
  }
}

function writeCachedRole(env: Env, key: string, credentials: AwsCredentialIdentity & { accountId?: string }): void {
  if (!credentials.expiration) return;
  const file = cacheFile(env, key);
  const entry = {
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: credentials.expiration.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      ...(credentials.accountId ? { AccountId: credentials.accountId } : {}),
    },
  };
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(entry), { mode: 0o600 });
  } catch {
    // A cache that cannot be written is no reason to fail the command.
  }
}

/** The operation a credential provider's service error came from, as v1 names it. */
function credentialOperation(profile: IniSection): string {
  if (isAssumeRole(profile)) return 'AssumeRole';
  if (profile.role_arn !== undefined) return 'AssumeRoleWithWebIdentity';
  return 'GetRoleCredentials';
}

interface SdkServiceError {
  name?: string;
  message?: string;
  $fault?: string;
  $metadata?: unknown;
  Code?: string;
  Error?: { Code?: string; Message?: string };
}

function translateProviderError(error: unknown, operation: string): unknown {
  if (error instanceof CliError) return error;
  const e = error as SdkServiceError;
  if (e && e.$fault !== undefined && e.$metadata !== undefined) {
    const code = e.Error?.Code ?? e.Code ?? e.name ?? 'Unknown';
    const message = e.Error?.Message ?? e.message;
    return new ServiceError(code, message === undefined ? 'Unknown' : message === '' ? 'None' : message, operation);
  }
  if (error instanceof Error && error.name === 'CredentialsProviderError') return new CliError('no-credentials', NO_CREDENTIALS);
  return error;
}

// ------------------------------------------------------------------ the chain

export interface CredentialOptions {
  /** How the MFA code is asked for (default: the terminal, as v1). */
  readonly mfaPrompt?: MfaPrompt;
}

type Fetch = () => Promise<AwsCredentialIdentity>;

/**
 * What botocore does when the client is created: find the provider for the
 * profile, check its configuration, read static keys, run credential_process.
 * Returns what is left for the first request (STS, SSO, metadata), which
 * botocore defers too.
 */
async function prepareFromProfile(settings: Settings, env: Env, options: CredentialOptions): Promise<Fetch> {
  const config = await loadSharedConfig(env);
  const name = settings.profile;
  const inConfig = config.configFile[name];
  const inCredentials = config.credentialsFile[name];
  const profiles: Record<string, IniSection> = {};
  for (const [key, section] of Object.entries(config.configFile)) if (!key.startsWith('services.')) profiles[key] = section;
  for (const [key, section] of Object.entries(config.credentialsFile)) profiles[key] = { ...profiles[key], ...section };
  const profile = profiles[name] ?? {};

  if (profile.role_arn !== undefined || isSso(profile)) {
    const chain = isAssumeRole(profile) ? checkAssumeRole(name, profiles, config, [name]) : { usesSso: isSso(profile) };
    const cacheKey = isAssumeRole(profile) ? assumeRoleCacheKey(profile) : undefined;
    return async () => {
      const cached = cacheKey === undefined ? undefined : readCachedRole(env, cacheKey);
      if (cached) return cached;
      // Loaded only here: the SDK's providers (with their STS and SSO clients) are heavy.
      const [{ PerEndpointHandler }, { loadCredentialProviders }] = await Promise.all([import('../transport.js'), import('../sdk.js')]);
      const requestHandler = new PerEndpointHandler({
        verifySsl: true,
        caBundle: settings.caBundle,
        connectTimeoutMs: CREDENTIAL_CLIENT_TIMEOUT_MS,
        readTimeoutMs: CREDENTIAL_CLIENT_TIMEOUT_MS,
        env,
      });
      const stsEndpoint = configuredStsEndpoint(profile, config, env);
      // The SSO client shares clientConfig, so the STS endpoint goes there only when no SSO is involved.
      const endpointConfig = chain.usesSso ? {} : stsEndpoint !== undefined ? { endpoint: stsEndpoint } : { ignoreConfiguredEndpointUrls: true };
      const { fromIni } = await loadCredentialProviders();
      const provider = fromIni({
        profile: name,
        filepath: env.AWS_SHARED_CREDENTIALS_FILE,
        configFilepath: env.AWS_CONFIG_FILE,
        ignoreCache: true,
        mfaCodeProvider: options.mfaPrompt ?? terminalMfaPrompt,
        clientConfig: { requestHandler, ...endpointConfig },
        parentClientConfig: { region: settings.region, requestHandler, logger: SILENT },
      });
      try {
        const credentials = await provider();
        if (cacheKey !== undefined) writeCachedRole(env, cacheKey, credentials);
        return credentials;
      } catch (error) {
        throw translateProviderError(error, credentialOperation(profile));
      } finally {
        requestHandler.destroy();
      }
    };
  }
  if (inCredentials?.aws_access_key_id !== undefined) {
    const keys = staticKeys(inCredentials, 'shared-credentials-file');
    return async () => keys;
  }
  if (profile.credential_process !== undefined) {
    const keys = fromCredentialProcess(profile.credential_process, env);
    return async () => keys;
  }
  if (inConfig?.aws_access_key_id !== undefined) {
    const keys = staticKeys(inConfig, 'config-file');
    return async () => keys;
  }
  return async () => {
    const { loadCredentialProviders } = await import('../sdk.js');
    const { createCredentialChain, fromContainerMetadata, fromInstanceMetadata } = await loadCredentialProviders();
    const sources: AwsCredentialIdentityProvider[] = [fromContainerMetadata()];
    if (env.AWS_EC2_METADATA_DISABLED?.toLowerCase() !== 'true') sources.push(fromInstanceMetadata());
    try {
      return await createCredentialChain(...sources)();
    } catch (error) {
      throw translateProviderError(error, 'GetRoleCredentials');
    }
  };
}

/** The credentials of one invocation; resolved once. */
export interface CliCredentialProvider extends AwsCredentialIdentityProvider {
  /**
   * Runs what botocore runs when the client is created (profile checks,
   * static keys, credential_process), so that its errors come before
   * parameter validation as in v1. Calling the provider does it too.
   */
  prepare(): Promise<void>;
}

export function credentialProvider(settings: Settings, env: Env, options: CredentialOptions = {}): CliCredentialProvider {
  // The environment is checked at once (partial keys fail before anything else).
  const fromEnv = settings.profileFromFlag ? undefined : fromEnvironment(env);
  let prepared: Promise<Fetch> | undefined;
  let resolved: Promise<AwsCredentialIdentity> | undefined;
  const prepare = () => (prepared ??= fromEnv ? Promise.resolve(async () => fromEnv) : prepareFromProfile(settings, env, options));
  const provider = (() => (resolved ??= prepare().then((fetch) => fetch()))) as CliCredentialProvider;
  provider.prepare = async () => {
    await prepare();
  };
  return provider;
}
