// Which profile, Region, endpoint, output format and limits apply, with AWS
// CLI v1's precedence: command line > environment > config file > default.
// Pure: the config files arrive already parsed (see config-files.ts).
import { CliError } from '../errors.js';
import { netlocPort, urlsplit, urlsplitInput } from './endpoint-url.js';
import type { GlobalArgs } from '../parse/index.js';
import { standardEndpoint, withoutFipsPseudoRegion, type EndpointVariant } from './endpoints.js';
import { parseRetrySettings, type RetryMode } from './retry-rules.js';
import type { Env } from '../env.js';

export type { Env } from '../env.js';
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
  readonly retryMode: RetryMode;
  readonly maxAttempts: number;
  readonly parameterValidation: boolean;
  /** --ca-bundle > AWS_CA_BUNDLE > ca_bundle. */
  readonly caBundle: string | undefined;
  /** AWS_USE_FIPS_ENDPOINT > use_fips_endpoint (a fips pseudo-Region turns it on too: see endpointFor). */
  readonly useFipsEndpoint: boolean;
  /** AWS_USE_DUALSTACK_ENDPOINT > use_dualstack_endpoint. */
  readonly useDualstackEndpoint: boolean;
  /** AWS_SDK_UA_APP_ID > sdk_ua_app_id: `app/<id>` in the User-Agent when not empty (botocore's user_agent_appid). */
  readonly userAgentAppId?: string | undefined;
}

export function profileName(globals: GlobalArgs, env: Env): { name: string; named: boolean } {
  // v1 sets the profile only `if args.profile`: an empty --profile is no profile.
  const named = (globals.profile || undefined) ?? env.AWS_DEFAULT_PROFILE ?? env.AWS_PROFILE;
  return named === undefined ? { name: 'default', named: false } : { name: named, named: true };
}

/**
 * The profile's settings as botocore's full_config holds them: the config
 * file's section, updated with the credentials file's section of that name.
 */
export function profileSettings(config: SharedConfig, name: string): IniSection {
  return { ...config.configFile[name], ...config.credentialsFile[name] };
}

/** botocore's ensure_boolean for a setting's text: exactly `true`, in any case (no spaces). */
export function ensureBoolean(value: string | undefined): boolean {
  return value?.toLowerCase() === 'true';
}

/** A service as botocore's configured-endpoint settings name it. */
export interface ServiceNames {
  /** `AWS_ENDPOINT_URL_<envSuffix>` */
  readonly envSuffix: string;
  /** The key inside a `[services x]` section (`ec2`, `sts`, `sso`, `sso_oidc`). */
  readonly servicesKey: string;
}

const EC2_NAMES: ServiceNames = { envSuffix: 'EC2', servicesKey: 'ec2' };

/**
 * botocore's ConfiguredEndpointProvider, for every client: the service's
 * variable, AWS_ENDPOINT_URL, the profile's services section (which must
 * exist and hold something once named), the profile's endpoint_url; an empty
 * value counts as none. Nothing when ignore_configured_endpoint_urls is on.
 */
export function configuredEndpoint(names: ServiceNames, profile: IniSection, config: SharedConfig, env: Env): string | undefined {
  if (ensureBoolean(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? profile.ignore_configured_endpoint_urls)) return undefined;
  const fromEnv = env[`AWS_ENDPOINT_URL_${names.envSuffix}`] || env.AWS_ENDPOINT_URL;
  if (fromEnv) return fromEnv;
  const servicesName = profile.services;
  if (servicesName !== undefined) {
    const services = config.configFile[`services.${servicesName}`];
    if (!services || Object.keys(services).length === 0) {
      throw new CliError(
        'configuration',
        `The profile is configured to use the services section but the "${servicesName}" services configuration does not exist.`,
      );
    }
    const fromServices = services[`${names.servicesKey}.endpoint_url`];
    if (fromServices) return fromServices;
  }
  return profile.endpoint_url || undefined;
}

/** The profile in use; a named one must exist in one of the files (botocore's ProfileNotFound). */
export function requireProfile(globals: GlobalArgs, env: Env, config: SharedConfig): { name: string; named: boolean } {
  const { name, named } = profileName(globals, env);
  if (named && !config.configFile[name] && !config.credentialsFile[name]) {
    throw new CliError('configuration', `The config profile (${name}) could not be found`);
  }
  return { name, named };
}

export function resolveSettings(globals: GlobalArgs, env: Env, config: SharedConfig): Settings {
  const { name, named } = requireProfile(globals, env, config);
  const profile = profileSettings(config, name);
  const { mode: retryMode, maxAttempts } = parseRetrySettings(env.AWS_RETRY_MODE ?? profile.retry_mode, env.AWS_MAX_ATTEMPTS ?? profile.max_attempts);
  return {
    profile: name,
    profileNamed: named,
    profileFromFlag: Boolean(globals.profile),
    region: globals.region ?? env.AWS_DEFAULT_REGION ?? profile.region ?? env.AWS_REGION,
    output: globals.output ?? env.AWS_DEFAULT_OUTPUT ?? profile.output ?? 'json',
    endpointUrl: globals.endpointUrl ?? configuredEndpoint(EC2_NAMES, profile, config, env),
    retryMode,
    maxAttempts,
    parameterValidation: (profile.parameter_validation ?? 'true').trim().toLowerCase() !== 'false',
    caBundle: globals.caBundle ?? env.AWS_CA_BUNDLE ?? profile.ca_bundle,
    useFipsEndpoint: ensureBoolean(env.AWS_USE_FIPS_ENDPOINT ?? profile.use_fips_endpoint),
    useDualstackEndpoint: ensureBoolean(env.AWS_USE_DUALSTACK_ENDPOINT ?? profile.use_dualstack_endpoint),
    userAgentAppId: env.AWS_SDK_UA_APP_ID ?? profile.sdk_ua_app_id,
  };
}

/**
 * botocore's validate_region_name: a host label that is not all digits, up
 * to 63 characters, possibly empty; Python's `$` also matches before one
 * final newline.
 */
const REGION_NAME = /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)$/;

/**
 * The Region the client uses, or v1's errors for none and for a malformed one.
 * A fips pseudo-Region (`fips-us-east-1`) is checked as given and used without
 * its `fips` (botocore's ClientCreator does the same for every client).
 */
export function requireRegion(settings: Settings): string {
  const region = settings.region;
  if (region === undefined) {
    throw new CliError('no-region', 'You must specify a region. You can also configure your region by running "aws configure".');
  }
  requireRegionName(region);
  return withoutFipsPseudoRegion(region).region;
}

/** botocore's check of every client's region_name (EC2's, STS's, SSO's). */
export function requireRegionName(region: string): void {
  if (!REGION_NAME.test(region.endsWith('\n') ? region.slice(0, -1) : region)) {
    throw new CliError('configuration', `Provided region_name '${region}' doesn't match a supported format.`);
  }
}

/** The endpoint the request goes to, as botocore names it in messages. */
export function endpointFor(settings: Settings, region: string): string {
  // A configured endpoint wins, and FIPS and dual-stack settings are then ignored (botocore).
  if (settings.endpointUrl !== undefined) return usableEndpoint(settings.endpointUrl);
  return standardEndpoint('ec2', region, endpointVariant(settings));
}

/** Whether the clients of the session use FIPS and dual-stack endpoints (a fips pseudo-Region means FIPS). */
export function endpointVariant(settings: Settings): EndpointVariant {
  const fips = settings.useFipsEndpoint || (settings.region !== undefined && withoutFipsPseudoRegion(settings.region).fips);
  return { fips, dualStack: settings.useDualstackEndpoint };
}

const HOST_LABELS = /^((?!-)[a-z\d-]{1,63}(?<!-)\.)*((?!-)[a-z\d-]{1,63}(?<!-))$/i;

interface SplitUrl {
  readonly scheme: string;
  /** undefined when the URL has no `//` authority. */
  readonly netloc: string | undefined;
}

/** Python's urlsplit: scheme and netloc, with its IPv6 bracket checks (ValueError texts). */
export function pyUrlsplit(url: string): SplitUrl {
  const parts = urlsplit(url);
  return { scheme: parts.scheme, netloc: parts.hasNetloc ? parts.netloc : undefined };
}

/** The host part of a URL as Python's urlsplit finds it (undefined when there is none). */
export function urlHostname(url: string): string | undefined {
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.exec(url);
  const rest = scheme ? url.slice(scheme[0].length) : url;
  return rest.startsWith('//') ? netlocHostname(rest.slice(2).split(/[/?#]/, 1)[0]!) : undefined;
}

/** The host part of a netloc (`user@host:port`), lower-cased; undefined when there is none. */
function netlocHostname(netloc: string | undefined): string | undefined {
  if (netloc === undefined) return undefined;
  const host = netloc.slice(netloc.lastIndexOf('@') + 1);
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') < 0 ? undefined : host.indexOf(']')).toLowerCase();
  const hostname = host.split(':', 1)[0]!.toLowerCase();
  return hostname === '' ? undefined : hostname;
}

/** botocore's check of a configured endpoint: a host made of DNS labels (or an IPv6 address), then a usable port. */
export function requireValidEndpoint(url: string): void {
  const { netloc } = pyUrlsplit(url);
  const hostname = netlocHostname(netloc);
  const bare = hostname?.replace(/\.$/, '');
  const ipv6 = hostname !== undefined && hostname.includes(':') && /^[0-9a-f:.%a-z]+$/i.test(hostname);
  if (/[\t\r\n]/.test(url) || bare === undefined || hostname!.length > 255 || (!ipv6 && !HOST_LABELS.test(bare))) {
    throw new CliError('general', `Invalid endpoint: ${url}`);
  }
  netlocPort(netloc!);
}

/** The endpoint as the HTTP client receives it from urlsplit (leading spaces and controls gone). */
export function usableEndpoint(url: string): string {
  return urlsplitInput(url);
}
