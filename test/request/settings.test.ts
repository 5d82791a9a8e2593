import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import type { GlobalArgs } from '../../src/parse/index.js';
import { endpointFor, requireRegion, resolveSettings, type SharedConfig } from '../../src/request/settings.js';

const NONE: SharedConfig = { configFile: {}, credentialsFile: {} };
const FILES: SharedConfig = {
  configFile: {
    default: { region: 'eu-central-1', output: 'text' },
    work: { region: 'ap-south-1', services: 'local', max_attempts: '2' },
    'services.local': { 'ec2.endpoint_url': 'http://127.0.0.1:4566' },
    broken: { services: 'missing' },
    plain: { endpoint_url: 'http://profile.example', parameter_validation: 'false' },
  },
  credentialsFile: { onlycreds: { aws_access_key_id: 'a' } },
};

describe('resolveSettings (v1 precedence)', () => {
  it('profile: --profile > AWS_DEFAULT_PROFILE > AWS_PROFILE > default', () => {
    const env = { AWS_DEFAULT_PROFILE: 'work', AWS_PROFILE: 'plain' };
    expect(resolveSettings({ profile: 'onlycreds' }, env, FILES).profile).toBe('onlycreds');
    expect(resolveSettings({}, env, FILES).profile).toBe('work');
    expect(resolveSettings({}, { AWS_PROFILE: 'plain' }, FILES).profile).toBe('plain');
    expect(resolveSettings({}, {}, FILES)).toMatchObject({ profile: 'default', profileNamed: false });
  });

  it('region: --region > AWS_DEFAULT_REGION > profile > AWS_REGION', () => {
    expect(resolveSettings({ region: 'r1' }, { AWS_DEFAULT_REGION: 'r2' }, FILES).region).toBe('r1');
    expect(resolveSettings({}, { AWS_DEFAULT_REGION: 'r2', AWS_REGION: 'r3' }, FILES).region).toBe('r2');
    expect(resolveSettings({}, { AWS_REGION: 'r3' }, FILES).region).toBe('eu-central-1');
    expect(resolveSettings({}, { AWS_REGION: 'r3' }, NONE).region).toBe('r3');
  });

  it('output: --output > AWS_DEFAULT_OUTPUT > profile > json', () => {
    expect(resolveSettings({ output: 'table' }, { AWS_DEFAULT_OUTPUT: 'text' }, FILES).output).toBe('table');
    expect(resolveSettings({}, { AWS_DEFAULT_OUTPUT: 'yaml' }, FILES).output).toBe('yaml');
    expect(resolveSettings({}, {}, FILES).output).toBe('text');
    expect(resolveSettings({}, {}, NONE).output).toBe('json');
  });

  it('endpoint: flag > AWS_ENDPOINT_URL_EC2 > AWS_ENDPOINT_URL > services section > profile', () => {
    const env = { AWS_ENDPOINT_URL_EC2: 'http://ec2-env', AWS_ENDPOINT_URL: 'http://any-env' };
    expect(resolveSettings({ endpointUrl: 'http://flag' }, env, FILES).endpointUrl).toBe('http://flag');
    expect(resolveSettings({}, env, FILES).endpointUrl).toBe('http://ec2-env');
    expect(resolveSettings({}, { AWS_ENDPOINT_URL: 'http://any-env' }, FILES).endpointUrl).toBe('http://any-env');
    expect(resolveSettings({ profile: 'work' }, {}, FILES).endpointUrl).toBe('http://127.0.0.1:4566');
    expect(resolveSettings({ profile: 'plain' }, {}, FILES).endpointUrl).toBe('http://profile.example');
    expect(resolveSettings({ profile: 'plain' }, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', ...env }, FILES).endpointUrl).toBeUndefined();
    expect(resolveSettings({ endpointUrl: 'http://flag' }, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, FILES).endpointUrl).toBe('http://flag');
  });

  it('retries: legacy with 5 attempts unless configured', () => {
    expect(resolveSettings({}, {}, NONE)).toMatchObject({ retryMode: 'legacy', maxAttempts: 5 });
    expect(resolveSettings({}, { AWS_RETRY_MODE: 'standard' }, NONE)).toMatchObject({ maxAttempts: 3 });
    expect(resolveSettings({ profile: 'work' }, {}, FILES).maxAttempts).toBe(2);
    expect(resolveSettings({ profile: 'work' }, { AWS_MAX_ATTEMPTS: '7' }, FILES).maxAttempts).toBe(7);
  });

  it('reads parameter_validation', () => {
    expect(resolveSettings({ profile: 'plain' }, {}, FILES).parameterValidation).toBe(false);
    expect(resolveSettings({}, {}, FILES).parameterValidation).toBe(true);
  });

  it.each<[GlobalArgs, Record<string, string>, string]>([
    [{ profile: 'nope' }, {}, 'The config profile (nope) could not be found'],
    [{}, { AWS_PROFILE: 'nope' }, 'The config profile (nope) could not be found'],
    [{ profile: 'default' }, {}, 'The config profile (default) could not be found'],
    [{ profile: 'broken' }, {}, 'The profile is configured to use the services section but the "missing" services configuration does not exist.'],
    [{}, { AWS_MAX_ATTEMPTS: '0' }, 'Value provided to "max_attempts": 0 must be an integer greater than or equal to 1.'],
  ])('%j %j fails', (globals, env, message) => {
    const config = globals.profile === 'default' ? NONE : FILES;
    expect(() => resolveSettings(globals, env, config)).toThrow(message);
  });
});

describe('requireRegion', () => {
  const settings = (region: string | undefined) => ({ ...resolveSettings({}, {}, NONE), region });
  it('returns a well-formed Region', () => {
    expect(requireRegion(settings('us-west-2'))).toBe('us-west-2');
    expect(endpointFor(settings('us-west-2'), 'us-west-2')).toBe('https://ec2.us-west-2.amazonaws.com');
  });
  it.each([
    [undefined, 'no-region', 'You must specify a region. You can also configure your region by running "aws configure".'],
    ['us east 1', 'configuration', "Provided region_name 'us east 1' doesn't match a supported format."],
  ])('%j', (region, kind, message) => {
    let caught: unknown;
    try {
      requireRegion(settings(region));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CliError);
    expect(caught).toMatchObject({ kind, message });
  });
});
