// Which profile, Region, endpoint, output format and limits apply, with AWS
// CLI v1's precedence: command line > environment > config file > default.
// Pure: the config files arrive already parsed (see config-files.ts).
import { CliError } from '../errors.js';
import type { GlobalArgs } from '../parse/index.js';

export type Env = Readonly<Record<string, string | undefined>>;
export type IniSection = Readonly<Record<string, string | undefined>>;

export interface SharedConfig {
  /** Profiles of the config file (`[default]`, `[profile x]` → `x`) and other sections (`services.x`). */
  readonly configFile: Readonly<Record<string, IniSection>>;
  readonly credentialsFile: Readonly<Record<string, IniSection>>;
}

export interface Settings {
  readonly profile: string;
  /** The profile was named (flag or environment), so it must exist. */
  readonly profileNamed: boolean;
  /** An explicit --profile turns off credentials from the environment (v1). */
  readonly profileFromFlag: boolean;
  readonly region: string | undefined;
  readonly output: string;
  readonly endpointUrl: string | undefined;
  readonly retryMode: string;
  readonly maxAttempts: number;
  readonly parameterValidation: boolean;
  /** --ca-bundle > AWS_CA_BUNDLE > ca_bundle. */
  readonly caBundle: string | undefined;
}

export function profileName(globals: GlobalArgs, env: Env): { name: string; named: boolean } {
  const named = globals.profile ?? env.AWS_DEFAULT_PROFILE ?? env.AWS_PROFILE;
  return named === undefined ? { name: 'default', named: false } : { name: named, named: true };
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

function positiveInteger(value: string, source: string): number {
  const n = /^\s*[+-]?\d+\s*$/.test(value) ? Number.parseInt(value, 10) : Number.NaN;
  if (!Number.isInteger(n)) throw new CliError('general', `invalid literal for int() with base 10: '${value}'`);
  if (n < 1) {
    throw new CliError('configuration', `Value provided to "${source}": ${n} must be an integer greater than or equal to 1.`);
  }
  return n;
}

function configuredEndpoint(profile: IniSection, config: SharedConfig, env: Env): string | undefined {
  if (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? profile.ignore_configured_endpoint_urls)) return undefined;
  const fromEnv = env.AWS_ENDPOINT_URL_EC2 ?? env.AWS_ENDPOINT_URL;
  if (fromEnv !== undefined) return fromEnv;
  const servicesName = profile.services;
  if (servicesName !== undefined) {
    const services = config.configFile[`services.${servicesName}`];
    if (!services) {
      throw new CliError(
        'configuration',
        `The profile is configured to use the services section but the "${servicesName}" services configuration does not exist.`,
      );
    }
    const ec2Endpoint = services['ec2.endpoint_url'];
    if (ec2Endpoint !== undefined) return ec2Endpoint;
  }
  return profile.endpoint_url;
}

export function resolveSettings(globals: GlobalArgs, env: Env, config: SharedConfig): Settings {
  const { name, named } = profileName(globals, env);
  const inConfig = config.configFile[name];
  const inCredentials = config.credentialsFile[name];
  if (named && !inConfig && !inCredentials) {
    throw new CliError('configuration', `The config profile (${name}) could not be found`);
  }
  const profile: IniSection = inConfig ?? {};
  const retryMode = env.AWS_RETRY_MODE ?? profile.retry_mode ?? 'legacy';
  const attemptsText = env.AWS_MAX_ATTEMPTS ?? profile.max_attempts;
  const maxAttempts =
    attemptsText === undefined ? (retryMode === 'legacy' ? 5 : 3) : positiveInteger(attemptsText, 'max_attempts');
  return {
    profile: name,
    profileNamed: named,
    profileFromFlag: globals.profile !== undefined,
    region: globals.region ?? env.AWS_DEFAULT_REGION ?? profile.region ?? env.AWS_REGION,
    output: globals.output ?? env.AWS_DEFAULT_OUTPUT ?? profile.output ?? 'json',
    endpointUrl: globals.endpointUrl ?? configuredEndpoint(profile, config, env),
    retryMode,
    maxAttempts,
    parameterValidation: (profile.parameter_validation ?? 'true').trim().toLowerCase() !== 'false',
    caBundle: globals.caBundle ?? env.AWS_CA_BUNDLE ?? profile.ca_bundle,
  };
}

const REGION_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** The Region the client uses, or v1's errors for none and for a malformed one. */
export function requireRegion(settings: Settings): string {
  const region = settings.region;
  if (region === undefined || region === '') {
    throw new CliError('no-region', 'You must specify a region. You can also configure your region by running "aws configure".');
  }
  if (!REGION_NAME.test(region)) {
    throw new CliError('configuration', `Provided region_name '${region}' doesn't match a supported format.`);
  }
  return region;
}

/** The endpoint the request goes to, as botocore names it in messages. */
export function endpointFor(settings: Settings, region: string): string {
  if (settings.endpointUrl !== undefined) return settings.endpointUrl;
  return `https://ec2.${region}.amazonaws.com`;
}

const HOST_LABELS = /^((?!-)[a-z\d-]{1,63}(?<!-)\.)*((?!-)[a-z\d-]{1,63}(?<!-))$/i;

/** The host part of a URL as Python's urlsplit finds it (undefined when there is none). */
export function urlHostname(url: string): string | undefined {
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.exec(url);
  const rest = scheme ? url.slice(scheme[0].length) : url;
  if (!rest.startsWith('//')) return undefined;
  const netloc = rest.slice(2).split(/[/?#]/, 1)[0]!;
  const host = netloc.slice(netloc.lastIndexOf('@') + 1);
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') < 0 ? undefined : host.indexOf(']')).toLowerCase();
  const hostname = host.split(':', 1)[0]!.toLowerCase();
  return hostname === '' ? undefined : hostname;
}

/** botocore's check of a configured endpoint: a host made of DNS labels (or an IPv6 address). */
export function requireValidEndpoint(url: string): void {
  const hostname = urlHostname(url);
  const bare = hostname?.replace(/\.$/, '');
  const ipv6 = hostname !== undefined && hostname.includes(':') && /^[0-9a-f:.%a-z]+$/i.test(hostname);
  if (bare === undefined || hostname!.length > 255 || (!ipv6 && !HOST_LABELS.test(bare))) {
    throw new CliError('general', `Invalid endpoint: ${url}`);
  }
}
