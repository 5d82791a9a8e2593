// The differential cases, by area of issue 14. Each runs against a fresh
// local EC2 stand-in ({EP}); the base environment has keys `testing` and
// Region us-east-1, empty config and credentials files unless given.
import { errorResponse } from '../support/ec2-endpoint.js';
import type { DiffCase } from './harness.js';
import { COPY_ARGS } from './harness.js';

const EP = ['--endpoint-url', '{EP}'];
const RUN = [...COPY_ARGS, ...EP];
/** No Region and no keys from the environment: the files must supply them. */
const FROM_FILES = { AWS_DEFAULT_REGION: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };
const KEYS = '[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n';

const configFiles: DiffCase[] = [
  { name: 'config-upper-case-option', config: '[default]\nREGION = eu-west-1\n' },
  { name: 'config-colon-delimiter', config: '[default]\nregion: eu-west-1\n' },
  { name: 'config-colon-before-equals', config: '[default]\nregion: eu=west\n' },
  { name: 'config-default-section', config: '[DEFAULT]\nregion = eu-west-2\n[default]\n' },
  { name: 'config-default-section-named-profile', config: '[DEFAULT]\nregion = eu-west-2\n[profile p]\n', args: ['--profile', 'p'] },
  { name: 'config-default-section-overridden', config: '[DEFAULT]\nregion = eu-west-2\n[default]\nregion = eu-west-3\n' },
  { name: 'config-default-section-alone', config: '[DEFAULT]\nregion = eu-west-2\n' },
  { name: 'config-continuation-line', config: '[default]\nregion = eu-west-1\n  more\n' },
  { name: 'config-inline-semicolon', config: '[default]\nregion = eu-west-1 ; comment\n' },
  { name: 'config-inline-hash', config: '[default]\nregion = eu-west-1 # comment\n' },
  { name: 'config-comment-lines', config: '# c\n; c\n[default]\n  # indented comment\nregion = eu-west-1\n;x = y\n' },
  { name: 'config-profile-two-spaces', config: '[profile  x]\nregion = eu-west-1\n', args: ['--profile', 'x'] },
  { name: 'config-my-profile', config: '[my profile]\nregion = eu-west-1\n', args: ['--profile', 'my profile'] },
  { name: 'config-my-profile-as-profile', config: '[my profile]\nregion = eu-west-1\n', args: ['--profile', 'profile'] },
  { name: 'config-quoted-profile', config: '[profile "a b"]\nregion = eu-west-1\n', args: ['--profile', 'a b'] },
  { name: 'config-three-word-profile', config: '[profile a b]\nregion = eu-west-1\n', args: ['--profile', 'a b'] },
  { name: 'config-profilefoo', config: '[profilefoo bar]\nregion = eu-west-1\n', args: ['--profile', 'bar'] },
  { name: 'config-spaced-default', config: '[ default ]\nregion = eu-west-1\n' },
  { name: 'config-header-trailing-text', config: '[default] ; x\nregion = eu-west-1\n' },
  { name: 'config-plain-section-is-no-profile', config: '[foo]\nregion = eu-west-1\n', args: ['--profile', 'foo'] },
  { name: 'config-profile-default-after-default', config: '[default]\nregion = eu-west-1\n[profile default]\nregion = eu-west-2\n' },
  { name: 'config-empty-value', config: '[default]\nregion =\n' },
  { name: 'config-equals-in-value', config: '[default]\nregion = a=b\n' },
  { name: 'config-crlf', config: '[default]\r\nregion = eu-west-1\r\n' },
  { name: 'config-blank-line-in-value', config: '[default]\nregion = eu-west-1\n\n  x\n' },
  { name: 'config-bom', config: '\ufeff[default]\nregion = eu-west-1\n' },
  { name: 'config-file-dollar-var', config: '[default]\nregion = eu-west-1\n', env: { AWS_CONFIG_FILE: '$CFGDIR/config', CFGDIR: '{HOME}' } },
  { name: 'config-file-braced-var', config: '[default]\nregion = eu-west-1\n', env: { AWS_CONFIG_FILE: '${CFGDIR}/config', CFGDIR: '{HOME}' } },
  { name: 'config-file-unset-var', config: '[default]\nregion = eu-west-1\n', env: { AWS_CONFIG_FILE: '$NOPE_NOT_SET/config' } },
  { name: 'config-file-tilde', config: '[default]\nregion = eu-west-1\n', env: { AWS_CONFIG_FILE: '~/config' } },
  { name: 'config-file-empty-path', config: '[default]\nregion = eu-west-1\n', env: { AWS_CONFIG_FILE: '' } },
  { name: 'config-file-is-directory', env: { AWS_CONFIG_FILE: '{HOME}' } },
  { name: 'credentials-file-dollar-var', credentials: KEYS, env: { ...FROM_FILES, AWS_DEFAULT_REGION: 'us-east-1', AWS_SHARED_CREDENTIALS_FILE: '$CFGDIR/credentials', CFGDIR: '{HOME}' } },
  { name: 'credentials-upper-case-keys', credentials: '[default]\nAWS_ACCESS_KEY_ID = AKIDUPPER\nAws_Secret_Access_Key: s\n', env: { ...FROM_FILES, AWS_DEFAULT_REGION: 'us-east-1' } },
  { name: 'credentials-default-section', credentials: '[DEFAULT]\naws_access_key_id = AKIDDEF\naws_secret_access_key = s\n[p]\n', env: { ...FROM_FILES, AWS_DEFAULT_REGION: 'us-east-1' }, args: ['--profile', 'p'] },
  { name: 'credentials-region-applies', credentials: '[default]\nregion = eu-west-1\n' },
  { name: 'credentials-region-beats-config', config: '[default]\nregion = eu-west-2\n', credentials: '[default]\nregion = eu-west-1\n' },
  { name: 'credentials-profile-prefix-is-literal', credentials: '[profile x]\naws_access_key_id = AKIDPX\naws_secret_access_key = s\n', env: FROM_FILES, args: ['--profile', 'x', '--region', 'us-east-1'] },
  { name: 'services-nested-endpoint', config: '[default]\nservices = s\n[services s]\nec2 =\n  endpoint_url = {EP}\n', args: [...COPY_ARGS] },
  { name: 'services-nested-upper-option', config: '[default]\nservices = s\n[services s]\nEC2 =\n\tendpoint_url = {EP}\n', args: [...COPY_ARGS] },
  { name: 'services-nested-upper-key', config: '[default]\nservices = s\n[services s]\nec2 =\n  ENDPOINT_URL = {EP}\n', args: [...COPY_ARGS, '--cli-connect-timeout', '1'], env: { AWS_MAX_ATTEMPTS: '1', HTTPS_PROXY: 'http://127.0.0.1:9' } },
  { name: 'services-spaced-name', config: '[default]\nservices = s\n[services  s]\nec2 =\n  endpoint_url = {EP}\n', args: [...COPY_ARGS] },
  { name: 'services-missing-section', config: '[default]\nservices = nope\n', args: [...COPY_ARGS] },
  { name: 'malformed-no-section-header', config: 'region = eu-west-1\n[default]\n' },
  { name: 'malformed-duplicate-section', config: '[default]\n[default]\n' },
  { name: 'malformed-duplicate-option-case', config: '[default]\nregion = a\nREGION = b\n' },
  { name: 'malformed-bad-line', config: '[default]\nregion = eu-west-1\nnot an option\n' },
  { name: 'malformed-empty-option-name', config: '[default]\n= x\n' },
  { name: 'malformed-nested-without-equals', config: '[default]\ns3 =\n  nope\n' },
  { name: 'malformed-invalid-utf8', config: '[default]\nregion = eu-west-1\n# \xff\n', latin1: true },
  { name: 'malformed-credentials-file', credentials: '[default]\nbad line\n' },
  { name: 'malformed-config-with-version', config: 'x = 1\n', args: ['--version'] },
  { name: 'malformed-config-with-bad-option', config: 'x = 1\n', args: ['--nope'] },
  { name: 'duplicate-default-section-is-fine', config: '[DEFAULT]\na = 1\n[DEFAULT]\nb = 2\n[default]\nregion = eu-west-1\n' },
  // Shell-word splitting (src/shell-word.ts): section names and credential_process as shlex splits them.
  { name: 'shlex-profile-open-quote', config: '[profile "a b]\nregion = eu-west-1\n', args: ['--profile', 'a b'] },
  { name: 'shlex-profile-trailing-backslash', config: '[profile a\\]\nregion = eu-west-1\n', args: ['--profile', 'a'] },
  { name: 'shlex-profile-escaped-space', config: '[profile a\\ b]\nregion = eu-west-1\n', args: ['--profile', 'a b'] },
  { name: 'shlex-process-open-quote', config: '[default]\nregion = eu-west-1\ncredential_process = node "x\n', env: FROM_FILES },
  { name: 'shlex-process-backslash-in-open-quote', config: '[default]\nregion = eu-west-1\ncredential_process = node "x\\\n', env: FROM_FILES },
  { name: 'shlex-process-trailing-backslash', config: '[default]\nregion = eu-west-1\ncredential_process = node x\\\n', env: FROM_FILES },
].map((c) => ({ area: 1, ...c, env: { AWS_DEFAULT_REGION: undefined, ...c.env }, args: c.args ? (c.args.includes('--version') || c.args.includes('--nope') || c.args.includes('--source-region') ? c.args : [...RUN, ...c.args]) : RUN }));

const profiles: DiffCase[] = [
  { name: 'profile-equals-empty', args: [...RUN, '--profile='] },
  { name: 'profile-empty-separate', args: [...RUN, '--profile', ''] },
  { name: 'profile-empty-with-env-profile', args: [...RUN, '--profile='], env: { AWS_PROFILE: 'nope' } },
  { name: 'profile-env-empty', args: RUN, env: { AWS_PROFILE: '' } },
  { name: 'profile-env-default-empty', args: RUN, env: { AWS_DEFAULT_PROFILE: '' } },
  { name: 'region-equals-empty', args: [...RUN, '--region='] },
  { name: 'output-equals-empty', args: [...RUN, '--output='] },
  { name: 'query-equals-empty', args: [...RUN, '--query='] },
  { name: 'endpoint-equals-empty', args: [...COPY_ARGS, '--endpoint-url='] },
  { name: 'read-timeout-equals-empty', args: [...RUN, '--cli-read-timeout='] },
  { name: 'color-equals-empty', args: [...RUN, '--color='] },
  { name: 'ca-bundle-equals-empty', args: [...RUN, '--ca-bundle='] },
  { name: 'output-env-empty', args: RUN, env: { AWS_DEFAULT_OUTPUT: '' } },
].map((c) => ({ area: 2, ...c }));

const regions: DiffCase[] = [
  { name: 'region-all-digits', args: [...RUN, '--region', '123'] },
  { name: 'region-one-digit', args: [...RUN, '--region', '1'] },
  { name: 'region-empty-separate', args: [...RUN, '--region', ''] },
  { name: 'region-env-empty', args: RUN, env: { AWS_DEFAULT_REGION: '' } },
  // Not matched (see docs/parity.md): `--region ''` with a custom endpoint and
  // --no-sign-request or --presigned-url, where v1 sends a request with a
  // mangled PresignedUrl or no signature.
  { name: 'region-empty-no-endpoint', args: [...COPY_ARGS, '--region', ''] },
  { name: 'region-trailing-newline', args: [...COPY_ARGS, '--region', 'us-east-1\n'] },
  { name: 'region-env-digits', args: RUN, env: { AWS_DEFAULT_REGION: '42' } },
  { name: 'region-config-digits', args: RUN, env: { AWS_DEFAULT_REGION: undefined }, config: '[default]\nregion = 42\n' },
  { name: 'region-underscore', args: [...RUN, '--region', 'us_east_1'] },
  { name: 'region-upper-case', args: [...RUN, '--region', 'US-EAST-1'] },
  { name: 'region-trailing-dot', args: [...RUN, '--region', 'us-east-1.'] },
  { name: 'region-dotted', args: [...RUN, '--region', 'a.b'] },
  { name: 'region-leading-hyphen', args: [...RUN, '--region', '-x'] },
  { name: 'region-trailing-hyphen', args: [...RUN, '--region', 'x-'] },
  { name: 'region-single-letter', args: [...RUN, '--region', 'x'] },
  { name: 'region-63-chars', args: [...RUN, '--region', `a${'b'.repeat(61)}c`] },
  { name: 'region-64-chars', args: [...RUN, '--region', `a${'b'.repeat(62)}c`] },
  { name: 'region-digits-hyphen', args: [...RUN, '--region', '1-2'] },
  { name: 'region-space', args: [...RUN, '--region', 'us east'] },
  { name: 'region-unicode', args: [...RUN, '--region', 'ü'] },
  { name: 'source-region-digits', args: [...EP, '--source-region', '123', '--source-snapshot-id', 'snap-1'] },
  { name: 'region-no-endpoint-digits', args: [...COPY_ARGS, '--region', '123'] },
].map((c) => ({ area: 4, ...c }));

/** One failing answer per status/code, each tried in every mode with 2 attempts. */
const FAILURES: [string, ReturnType<typeof errorResponse>][] = [
  ['500-empty', { status: 500, body: '' }],
  ['502-html', { status: 502, body: '<html><body>bad gateway</body></html>' }],
  ['501-xml', errorResponse(501, 'NotImplemented', 'no')],
  ['509-xml', errorResponse(509, 'BandwidthLimitExceeded', 'Bandwidth limit exceeded')],
  ['509-empty', { status: 509, body: '' }],
  ['429-xml', errorResponse(429, 'TooManyRequests', 'slow down')],
  ['400-throttling', errorResponse(400, 'Throttling', 'Rate exceeded')],
  ['400-request-limit', errorResponse(400, 'RequestLimitExceeded', 'Request limit exceeded.')],
  ['503-request-limit', errorResponse(503, 'RequestLimitExceeded', 'Request limit exceeded.')],
  ['400-request-timeout', errorResponse(400, 'RequestTimeout', 'timed out')],
  ['400-clock-skew', errorResponse(400, 'RequestTimeTooSkewed', 'skewed')],
  ['400-slow-down', errorResponse(400, 'SlowDown', 'slow')],
  ['400-invalid-parameter', errorResponse(400, 'InvalidParameterValue', 'bad')],
  ['403-auth', errorResponse(403, 'AuthFailure', 'no')],
];

const retries: DiffCase[] = [
  ...(['legacy', 'standard', 'adaptive'] as const).flatMap((mode) =>
    FAILURES.map(([what, response]): DiffCase => ({
      name: `retry-${mode}-${what}`,
      area: 6,
      args: RUN,
      env: { AWS_RETRY_MODE: mode, AWS_MAX_ATTEMPTS: '2' },
      responses: [response, response],
    })),
  ),
  { name: 'retry-legacy-then-success', area: 6, args: RUN, env: { AWS_MAX_ATTEMPTS: '3' }, responses: [{ status: 509, body: '' }] },
  { name: 'retry-standard-one-attempt-client-error', area: 6, args: RUN, env: { AWS_RETRY_MODE: 'standard', AWS_MAX_ATTEMPTS: '1' }, responses: [errorResponse(400, 'InvalidParameterValue', 'bad')] },
  { name: 'retry-legacy-one-attempt-client-error', area: 6, args: RUN, env: { AWS_MAX_ATTEMPTS: '1' }, responses: [errorResponse(400, 'InvalidParameterValue', 'bad')] },
  // Adaptive mode's rate limiter starts with the first throttling error: the retries wait for it, and are the same requests.
  { name: 'ad-throttled-twice-then-success', area: 6, args: RUN, env: { AWS_RETRY_MODE: 'adaptive', AWS_MAX_ATTEMPTS: '3' }, responses: [errorResponse(503, 'RequestLimitExceeded', 'slow down'), errorResponse(400, 'Throttling', 'slow down')] },
  { name: 'ad-throttled-then-client-error', area: 6, args: RUN, env: { AWS_RETRY_MODE: 'adaptive', AWS_MAX_ATTEMPTS: '3' }, responses: [errorResponse(400, 'SlowDown', 'slow down'), errorResponse(400, 'InvalidParameterValue', 'bad')] },
  { name: 'ad-throttled-until-exhausted', area: 6, args: RUN, env: { AWS_RETRY_MODE: 'adaptive', AWS_MAX_ATTEMPTS: '2' }, responses: [errorResponse(503, 'RequestLimitExceeded', 'a'), errorResponse(503, 'RequestLimitExceeded', 'b')] },
  { name: 'ad-5xx-then-success', area: 6, args: RUN, env: { AWS_RETRY_MODE: 'adaptive', AWS_MAX_ATTEMPTS: '2' }, responses: [{ status: 500, body: '' }] },
  { name: 'retry-mode-bogus', area: 6, args: RUN, env: { AWS_RETRY_MODE: 'bogus' } },
  { name: 'retry-mode-empty', area: 6, args: RUN, env: { AWS_RETRY_MODE: '' } },
  { name: 'retry-mode-upper-case', area: 6, args: RUN, env: { AWS_RETRY_MODE: 'Standard' } },
  { name: 'retry-mode-config', area: 6, args: RUN, config: '[default]\nretry_mode = nope\n' },
  { name: 'max-attempts-letters', area: 6, args: RUN, env: { AWS_MAX_ATTEMPTS: 'abc' } },
  { name: 'max-attempts-zero', area: 6, args: RUN, env: { AWS_MAX_ATTEMPTS: '0' } },
  { name: 'max-attempts-negative', area: 6, args: RUN, env: { AWS_MAX_ATTEMPTS: '-3' } },
  { name: 'max-attempts-empty', area: 6, args: RUN, env: { AWS_MAX_ATTEMPTS: '' } },
  { name: 'max-attempts-spaces-underscore', area: 6, args: RUN, env: { AWS_MAX_ATTEMPTS: ' 1_0 ' } },
  { name: 'max-attempts-float', area: 6, args: RUN, env: { AWS_MAX_ATTEMPTS: '2.0' } },
  { name: 'max-attempts-config', area: 6, args: RUN, config: '[default]\nmax_attempts = x\n' },
  { name: 'max-attempts-bad-and-mode-bad', area: 6, args: RUN, env: { AWS_MAX_ATTEMPTS: 'x', AWS_RETRY_MODE: 'y' } },
];

// v1 run with PYTHONUNBUFFERED=1 (as on this project's machines): every write
// reaches the pipe at once. With Python's default buffering, v1's small
// outputs fail only at exit, for every format (exit 120, "Exception ignored
// in: <_io.TextIOWrapper ...>"); that is not matched (docs/parity.md).
const pipes: DiffCase[] = [
  { name: 'closed-pipe-text', args: [...RUN, '--output', 'text'] },
  { name: 'closed-pipe-json', args: [...RUN, '--output', 'json'] },
  { name: 'closed-pipe-table', args: [...RUN, '--output', 'table'] },
  { name: 'closed-pipe-skeleton-input', args: ['--generate-cli-skeleton'] },
  { name: 'closed-pipe-skeleton-input-explicit', args: ['--generate-cli-skeleton', 'input'] },
  { name: 'closed-pipe-skeleton-output-text', args: [...COPY_ARGS, '--generate-cli-skeleton', 'output', '--output', 'text'] },
  { name: 'closed-pipe-skeleton-output-json', args: [...COPY_ARGS, '--generate-cli-skeleton', 'output'] },
  { name: 'closed-pipe-text-empty-query', args: [...RUN, '--output', 'text', '--query', 'Nothing'] },
  { name: 'closed-pipe-error', args: [...COPY_ARGS, '--output', 'text', '--endpoint-url', 'http://127.0.0.1:9'], env: { AWS_MAX_ATTEMPTS: '1' } },
].map((c) => ({ area: 10, closedStdout: true, ...c, env: { PYTHONUNBUFFERED: '1', ...c.env } }));

const colour: DiffCase[] = [
  { name: 'color-on-service-error', args: [...RUN, '--color', 'on'], responses: [errorResponse(400, 'InvalidSnapshot.NotFound', "The snapshot 'snap-1' does not exist.")] },
  { name: 'color-on-dry-run', args: [...RUN, '--color', 'on'], responses: [errorResponse(412, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.')] },
  { name: 'color-on-connection-error', args: [...COPY_ARGS, '--color', 'on', '--endpoint-url', 'http://127.0.0.1:9'], env: { AWS_MAX_ATTEMPTS: '1' } },
  { name: 'color-on-validation-error', args: [...RUN, '--color', 'on', '--cli-input-json', '{"Encrypted": "x"}'] },
  { name: 'color-on-param-error', args: [...RUN, '--color', 'on', '--cli-input-json', '{bad'] },
  { name: 'color-on-region-error', args: [...RUN, '--color', 'on', '--region', '123'] },
  { name: 'color-on-no-region', args: [...RUN, '--color', 'on'], env: { AWS_DEFAULT_REGION: undefined } },
  { name: 'color-on-usage-error', args: [...RUN, '--color', 'on', '--output', 'nope'] },
  { name: 'color-on-unknown-option', args: [...RUN, '--color', 'on', '--nope'] },
  { name: 'color-on-query-error', args: [...RUN, '--color', 'on', '--query', '[['] },
  { name: 'color-on-5xx', args: [...RUN, '--color', 'on'], env: { AWS_MAX_ATTEMPTS: '1' }, responses: [{ status: 500, body: '' }] },
  { name: 'color-on-table', args: [...RUN, '--color', 'on', '--output', 'table'] },
  { name: 'color-on-text', args: [...RUN, '--color', 'on', '--output', 'text'] },
  { name: 'color-on-json', args: [...RUN, '--color', 'on'] },
  { name: 'color-off-service-error', args: [...RUN, '--color', 'off'], responses: [errorResponse(400, 'InvalidSnapshot.NotFound', 'x')] },
  { name: 'color-auto-service-error', args: [...RUN, '--color', 'auto'], responses: [errorResponse(400, 'InvalidSnapshot.NotFound', 'x')] },
].map((c) => ({ area: 11, ...c }));

/** Values the table formatter meets, as JMESPath literals. */
const TABLE_VALUES: [string, string][] = [
  ['header-after-plain-rows', '[1, {"a": 2}]'],
  ['plain-row-after-header', '[{"a": 1}, 2]'],
  ['scalar-in-list-of-objects', '{"L": [{"a": 1}, "x", {"a": 2}]}'],
  ['list-in-list-of-objects', '{"L": [{"a": 1}, [1, 2]]}'],
  ['empty-string-beside-object', '{"a": "", "b": {"c": 1}}'],
  ['empty-list-beside-object', '{"a": [], "b": {"c": 1}}'],
  ['empty-object-beside-object', '{"a": {}, "b": {"c": 1}}'],
  ['null-beside-object', '{"a": null, "b": {"c": 1}}'],
  ['empty-string-beside-list', '{"a": "", "b": [{"c": 1}]}'],
  ['objects-with-other-keys', '[{"a": 1}, {"b": 2}, {"a": 3, "b": 4}]'],
  ['nested-lists', '[[1, 2], [3]]'],
  ['nested-objects', '{"a": {"b": {"c": {"d": 1}}}}'],
  ['empty-list', '[]'],
  ['empty-object', '{}'],
  ['empty-string', '""'],
  ['wide-characters', '{"日本": "é日本語", "x": "ü"}'],
  ['long-value', `{"a": "${'y'.repeat(120)}", "b": 1}`],
  ['list-of-empty-objects', '[{}, {}]'],
  ['bools-and-floats', '{"t": true, "f": false, "x": 1.5, "z": -0.0, "n": null}'],
];

const tables: DiffCase[] = TABLE_VALUES.flatMap(([name, literal]) =>
  ['off', 'on'].map(
    (color): DiffCase => ({
      name: `table-${name}${color === 'on' ? '-color' : ''}`,
      area: color === 'on' ? 11 : 9,
      args: [...RUN, '--output', 'table', '--color', color, '--query', `\`${literal}\``],
    }),
  ),
);

const SKEL = ['--generate-cli-skeleton'];
const order: DiffCase[] = [
  { name: 'skeleton-after-bad-input-json', args: [...SKEL, '--cli-input-json', '{bad'] },
  { name: 'skeleton-after-missing-profile', args: [...SKEL, '--profile', 'nope'] },
  { name: 'skeleton-after-bad-read-timeout', args: [...SKEL, '--cli-read-timeout', 'x'] },
  { name: 'skeleton-after-bad-connect-timeout', args: [...SKEL, '--cli-connect-timeout', '1.5'] },
  { name: 'skeleton-after-bad-query', args: [...SKEL, '--query', '[['] },
  { name: 'skeleton-after-bad-endpoint', args: [...SKEL, '--endpoint-url', 'nope'] },
  { name: 'skeleton-after-bad-region', args: [...SKEL, '--region', '123'] },
  { name: 'skeleton-after-bad-tags', args: [...SKEL, '--tag-specifications', '[1'] },
  { name: 'skeleton-after-missing-file', args: [...SKEL, '--description', 'file://nope'] },
  { name: 'skeleton-after-input-json-unknown-key', args: [...SKEL, '--cli-input-json', '{"Nope": 1}'] },
  { name: 'skeleton-output-after-missing-profile', args: [...COPY_ARGS, ...SKEL, 'output', '--profile', 'nope'] },
  { name: 'skeleton-output-after-bad-input-json', args: [...COPY_ARGS, ...SKEL, 'output', '--cli-input-json', '{bad'] },
  { name: 'skeleton-output-missing-required', args: [...SKEL, 'output'] },
  { name: 'skeleton-after-malformed-config', args: SKEL, config: 'x = 1\n' },
  { name: 'validation-off-unknown-key', args: [...RUN, '--cli-input-json', '{"Nope": 1}'], config: '[default]\nparameter_validation = false\n' },
  { name: 'validation-off-bad-type', args: [...RUN, '--cli-input-json', '{"Encrypted": "yes"}'], config: '[default]\nparameter_validation = false\n' },
  { name: 'validation-off-missing-required', args: [...EP, '--cli-input-json', '{"SourceRegion": "us-west-2"}'], config: '[default]\nparameter_validation = false\n' },
  { name: 'validation-off-upper-case', args: [...RUN, '--cli-input-json', '{"Nope": 1}'], config: '[default]\nparameter_validation = FALSE\n' },
  { name: 'validation-off-nested-unknown-key', args: [...RUN, '--cli-input-json', '{"TagSpecifications": [{"Nope": 1}]}'], config: '[default]\nparameter_validation = false\n' },
  { name: 'pd-unknown-key-order', args: [...EP, '--cli-input-json', '{"SourceRegion":"us-east-1","SourceSnapshotId":"snap-x","Zeta":1,"1":2}'] },
  { name: 'pd-unknown-key-proto', args: [...EP, '--cli-input-json', '{"constructor":1,"SourceRegion":"us-east-1","__proto__":{"x":1},"SourceSnapshotId":"snap-x","TagSpecifications":[{"2":1,"__proto__":2,"ResourceType":"snapshot"}]}'] },
  { name: 'pd-shorthand-int-key', args: [...RUN, '--tag-specifications', 'ResourceType=snapshot,9=x,Tags=[{Key=a,Value=b,0=c}]'] },
  { name: 'pd-big-int-duration', args: [...RUN, '--completion-duration-minutes', '99999999999999999999'] },
  { name: 'pd-input-json-order-on-wire', args: [...EP, '--cli-input-json', '{"SourceSnapshotId":"snap-x","Description":"d","SourceRegion":"us-west-2","TagSpecifications":[{"Tags":[{"Value":"v","Key":"k"}],"ResourceType":"snapshot"}]}'] },
  { name: 'pd-bool-in-integer-member', args: [...RUN, '--cli-input-json', '{"CompletionDurationMinutes": true}'] },
  ...['{"Encrypted": 0.0}', '{"Description": null}', '{"Description": true}', '{"Description": 1e16}', '{"CompletionDurationMinutes": 1.0}'].map((json, i) => ({
    name: `pd-validation-off-scalar-${i + 1}`,
    args: [...RUN, '--cli-input-json', json],
    config: '[default]\nparameter_validation = false\n',
  })),
].map((c) => ({ area: 7, ...c }));

const argv: DiffCase[] = [
  { name: 'double-dash-before-options', args: ['--', ...RUN] },
  { name: 'double-dash-after-options', args: [...RUN, '--'] },
  { name: 'double-dash-then-word', args: [...RUN, '--', 'x'] },
  { name: 'double-dash-as-value', args: [...RUN, '--description', '--'] },
  { name: 'description-dash-value', args: [...RUN, '--description', '-x'] },
  { name: 'description-negative-number', args: [...RUN, '--description', '-1'] },
  { name: 'description-double-dash-word', args: [...RUN, '--description', '--x'] },
  { name: 'description-equals-dashes', args: [...RUN, '--description=--x'] },
  { name: 'description-looks-like-option', args: [...RUN, '--description', '--region'] },
  { name: 'description-space-dash', args: [...RUN, '--description', '-x y'] },
  { name: 'description-single-dash', args: [...RUN, '--description', '-'] },
  { name: 'region-dash-value', args: [...RUN, '--region', '-x'] },
  { name: 'region-negative-number', args: [...RUN, '--region', '-1'] },
  { name: 'tags-dash-values', args: [...RUN, '--tag-specifications', '-x', '-y'] },
  { name: 'tags-then-double-dash', args: [...RUN, '--tag-specifications', 'ResourceType=snapshot,Tags=[{Key=a,Value=b}]', '--', 'c'] },
  { name: 'prefix-option', args: [...RUN, '--desc', 'x'] },
  { name: 'ambiguous-prefix', args: [...RUN, '--d', 'x'] },
  { name: 'option-twice', args: [...RUN, '--description', 'a', '--description', 'b'] },
  { name: 'flag-with-value', args: [...RUN, '--encrypted=yes'] },
  { name: 'single-dash-long', args: [...RUN, '-description', 'x'] },
  { name: 'double-dash-only', args: ['--'] },
  { name: 'query-dash-value', args: [...RUN, '--query', '-x'] },
].map((c) => ({ area: 8, ...c }));

const endpoints: DiffCase[] = [
  { name: 'endpoint-ftp-scheme', args: [...COPY_ARGS, '--endpoint-url', 'ftp://127.0.0.1:{PORT}'] },
  { name: 'endpoint-upper-scheme', args: [...COPY_ARGS, '--endpoint-url', 'HTTP://127.0.0.1:{PORT}'] },
  { name: 'endpoint-leading-space', args: [...COPY_ARGS, '--endpoint-url', ' {EP}'] },
  { name: 'endpoint-trailing-space', args: [...COPY_ARGS, '--endpoint-url', '{EP} '] },
  { name: 'endpoint-port-out-of-range', args: [...COPY_ARGS, '--endpoint-url', 'http://127.0.0.1:99999'] },
  { name: 'endpoint-port-not-number', args: [...COPY_ARGS, '--endpoint-url', 'http://127.0.0.1:ab'] },
  { name: 'endpoint-empty-port', args: [...COPY_ARGS, '--endpoint-url', 'http://127.0.0.1:/'], env: { AWS_MAX_ATTEMPTS: '1' } },
  { name: 'endpoint-ipv6-unclosed', args: [...COPY_ARGS, '--endpoint-url', 'http://[::1'] },
  { name: 'endpoint-ipv6-junk', args: [...COPY_ARGS, '--endpoint-url', 'http://]::1['] },
  { name: 'endpoint-ipv6-loopback', args: [...COPY_ARGS, '--endpoint-url', 'http://[::1]:9', '--cli-connect-timeout', '1'], env: { AWS_MAX_ATTEMPTS: '1' } },
  { name: 'endpoint-https-to-http-port', args: [...COPY_ARGS, '--endpoint-url', 'https://127.0.0.1:{PORT}'], env: { AWS_MAX_ATTEMPTS: '1' } },
  { name: 'endpoint-no-host', args: [...COPY_ARGS, '--endpoint-url', 'http:///x'] },
  { name: 'endpoint-underscore-host', args: [...COPY_ARGS, '--endpoint-url', 'http://a_b:9'] },
  { name: 'endpoint-trailing-slash', args: [...COPY_ARGS, '--endpoint-url', '{EP}/'] },
  { name: 'endpoint-env', args: COPY_ARGS, env: { AWS_ENDPOINT_URL: ' {EP}' } },
].map((c) => ({ area: 3, ...c }));

// An endpoint as written: v1 posts to its path (dot segments and escapes as
// written, a last segment's `;params` left out, escapes upper-cased), keeps
// its query in the target and the PresignedUrl, and its userinfo and
// fragment in the PresignedUrl (the signature appended after the fragment).
const EP_ARGS = (url: string) => [...COPY_ARGS, '--endpoint-url', url];
const endpointsAsWritten: DiffCase[] = [
  { name: 'ep2-path', args: EP_ARGS('{EP}/some/path') },
  { name: 'ep2-path-trailing-slash', args: EP_ARGS('{EP}/some/path/') },
  { name: 'ep2-query', args: EP_ARGS('{EP}/?a=b') },
  { name: 'ep2-query-without-path', args: EP_ARGS('{EP}?a=b') },
  { name: 'ep2-query-repeated-and-blank', args: EP_ARGS('{EP}/?b=2&a=1&a=3&&c') },
  { name: 'ep2-dot-segments', args: EP_ARGS('{EP}/a/../b/./c') },
  { name: 'ep2-userinfo', args: EP_ARGS('http://u:p@127.0.0.1:{PORT}') },
  { name: 'ep2-fragment', args: EP_ARGS('{EP}/#frag') },
  { name: 'ep2-path-query-fragment', args: EP_ARGS('{EP}/p?a=b#f') },
  { name: 'ep2-path-params', args: EP_ARGS('{EP}/p;x/q;y?a=b') },
  { name: 'ep2-percent-escapes', args: EP_ARGS('{EP}/A%2fb/x%20y/%7e(z)?x=%41&y=a+b&z=%2B&w') },
  { name: 'ep2-upper-case-host', args: EP_ARGS('HTTP://LocalHost:{PORT}/x') },
  { name: 'ep2-region-in-path-and-query', args: EP_ARGS('{EP}/us-east-1/x?r=us-east-1') },
  { name: 'ep2-unsigned', args: [...EP_ARGS('http://u:p@127.0.0.1:{PORT}/p?a=b#f'), '--no-sign-request'] },
  { name: 'ep2-env', args: COPY_ARGS, env: { AWS_ENDPOINT_URL_EC2: '{EP}/env/path?e=1' } },
  // botocore's ConfiguredEndpointProvider, one function for EC2, STS and SSO: an empty value is none; the ignore flag is ensure_boolean (no trimming).
  { name: 'ep3-empty-service-env', args: COPY_ARGS, env: { AWS_ENDPOINT_URL_EC2: '', AWS_ENDPOINT_URL: '{EP}' } },
  { name: 'ep3-empty-env-then-config', args: COPY_ARGS, env: { AWS_ENDPOINT_URL: '' }, config: '[default]\nendpoint_url = {EP}/cfg\n' },
  { name: 'ep3-ignore-with-space', args: COPY_ARGS, env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true ', AWS_ENDPOINT_URL: '{EP}' } },
  { name: 'ep3-ignore-upper-case', args: [...COPY_ARGS, '--cli-connect-timeout', '1'], env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE', AWS_ENDPOINT_URL: '{EP}', AWS_MAX_ATTEMPTS: '1', HTTPS_PROXY: 'http://127.0.0.1:9' } },
  { name: 'ep3-empty-services-section', args: COPY_ARGS, config: '[default]\nservices = s\n[services s]\n' },
  { name: 'ep2-config', args: COPY_ARGS, config: '[default]\nendpoint_url = {EP}/cfg#c\n' },
  { name: 'ep2-services', args: COPY_ARGS, config: '[default]\nservices = s\n[services s]\nec2 =\n  endpoint_url = http://u@127.0.0.1:{PORT}/svc\n' },
  { name: 'ep2-refused', args: EP_ARGS('http://u:p@127.0.0.1:9/p;x?a=b#f'), env: { AWS_MAX_ATTEMPTS: '1' } },
  { name: 'ep2-refused-query-without-path', args: EP_ARGS('http://127.0.0.1:9?a=b'), env: { AWS_MAX_ATTEMPTS: '1' } },
  // BUG-3 (second form): the source Region's URL is not a URL any more; v1 presigns it all the same.
  { name: 'ep2-source-region-not-a-host', args: ['--source-region', 'a b', '--source-snapshot-id', 'snap-1', '--region', 'localhost', '--endpoint-url', 'http://localhost:{PORT}'] },
].map((c) => ({ area: 3, ...c }));

const OK_XML = (inner = '<snapshotId>snap-0123456789abcdef0</snapshotId>') =>
  `<CopySnapshotResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>${inner}</CopySnapshotResponse>`;
const ERRS = (...errors: string[]) => `<Response><Errors>${errors.join('')}</Errors><RequestID>r</RequestID></Response>`;
const responses: DiffCase[] = [
  { name: 'xml-bom', body: `\ufeff<?xml version="1.0" encoding="UTF-8"?>${OK_XML()}` },
  { name: 'xml-control-character', body: OK_XML('<snapshotId>snap-\u0001</snapshotId>') },
  { name: 'xml-duplicate-attribute', body: '<CopySnapshotResponse a="1" a="2"><snapshotId>s</snapshotId></CopySnapshotResponse>' },
  { name: 'xml-late-declaration', body: ` <?xml version="1.0"?>${OK_XML()}` },
  { name: 'xml-declaration-after-comment', body: `<!-- c --><?xml version="1.0"?>${OK_XML()}` },
  { name: 'xml-wrong-declared-encoding', body: `<?xml version="1.0" encoding="bogus"?>${OK_XML()}` },
  { name: 'xml-latin1-declared', body: `<?xml version="1.0" encoding="ISO-8859-1"?>${OK_XML()}` },
  { name: 'xml-unclosed', body: '<CopySnapshotResponse><snapshotId>s</snapshotId>' },
  { name: 'xml-two-roots', body: `${OK_XML()}<x/>` },
  { name: 'xml-undefined-entity', body: OK_XML('<snapshotId>&nope;</snapshotId>') },
  { name: 'xml-error-503-lower-doctype', status: 503, body: '<!doctype html><html><body>x</body></html>' },
  { name: 'xml-error-503-upper-doctype', status: 503, body: '<!DOCTYPE html><html><body>x</body></html>' },
  { name: 'xml-error-400-html', status: 400, body: '<html><body>x</body></html>' },
  { name: 'xml-error-400-lower-doctype', status: 400, body: '<!doctype html><html><body>x</body></html>' },
  { name: 'xml-error-400-two-errors', status: 400, body: ERRS('<Error><Code>A</Code><Message>first</Message></Error>', '<Error><Code>B</Code><Message>second</Message></Error>') },
  { name: 'xml-error-503-two-errors', status: 503, body: ERRS('<Error><Code>RequestLimitExceeded</Code><Message>first</Message></Error>', '<Error><Code>B</Code><Message>second</Message></Error>') },
  { name: 'xml-error-no-message', status: 400, body: ERRS('<Error><Code>A</Code></Error>') },
  { name: 'xml-error-empty-message', status: 400, body: ERRS('<Error><Code>A</Code><Message></Message></Error>') },
  { name: 'xml-empty-200', body: '' },
  { name: 'xml-text-200', body: 'hello' },
].map(({ name, body, status }) => ({ name, area: 5, args: RUN, env: { AWS_MAX_ATTEMPTS: '1' }, responses: [{ status: status ?? 200, body }] }));

// BUG-2: where v1 meets Python's recursion limit (the last depth that works,
// the first that fails) and what it prints then.
const nest = (open: string, n: number, inner = '', close = '') => open.repeat(n) + inner + close.repeat(n);
const recursion: DiffCase[] = [
  { name: 'b2-query-open-brackets-326', args: ['--query', nest('[', 326)] },
  { name: 'b2-query-open-brackets-327', args: ['--query', nest('[', 327)] },
  { name: 'b2-query-nested-lists-326', args: ['--query', nest('[', 326, 'SnapshotId', ']')] },
  { name: 'b2-query-nested-lists-327', args: ['--query', nest('[', 327, 'SnapshotId', ']')] },
  { name: 'b2-query-open-parens-489', args: ['--query', nest('(', 489)] },
  { name: 'b2-query-open-parens-490', args: ['--query', nest('(', 490)] },
  { name: 'b2-query-parens-490', args: ['--query', nest('(', 490, 'SnapshotId', ')')] },
  { name: 'b2-query-parens-491', args: ['--query', nest('(', 491, 'SnapshotId', ')')] },
  { name: 'b2-query-hash-326', args: ['--query', nest('{a:', 326, '@', '}')] },
  { name: 'b2-query-hash-327', args: ['--query', nest('{a:', 327, '@', '}')] },
  { name: 'b2-query-not-490', args: ['--query', nest('!', 490, 'a')] },
  { name: 'b2-query-not-491', args: ['--query', nest('!', 491, 'a')] },
  { name: 'b2-query-pipes-492', args: ['--query', nest('@|', 492, '@')] },
  { name: 'b2-query-pipes-493', args: ['--query', nest('@|', 493, '@')] },
  { name: 'b2-query-pipes-493-text', args: ['--query', nest('@|', 493, '@'), '--output', 'text'] },
  { name: 'b2-query-fields-492', args: ['--query', nest('SnapshotId|', 492, '@')] },
  { name: 'b2-query-fields-493', args: ['--query', nest('SnapshotId|', 493, '@')] },
  { name: 'b2-query-equals-485', args: ['--query', nest('SnapshotId==', 485, 'SnapshotId')] },
  { name: 'b2-query-equals-486', args: ['--query', nest('SnapshotId==', 486, 'SnapshotId')] },
  { name: 'b2-query-flatten-246', args: ['--query', `@${'[]'.repeat(246)}`] },
  { name: 'b2-query-flatten-247', args: ['--query', `@${'[]'.repeat(247)}`] },
  { name: 'b2-query-literal-977', args: ['--query', `length(\`${nest('[', 977, '', ']')}\`)`] },
  { name: 'b2-query-literal-978', args: ['--query', `\`${nest('[', 978, '', ']')}\``] },
  { name: 'b2-json-lists-981', args: ['--cli-input-json', `{"Description": ${nest('[', 981, '', ']')}}`] },
  { name: 'b2-json-lists-982', args: ['--cli-input-json', `{"Description": ${nest('[', 982, '', ']')}}`] },
  { name: 'b2-json-objects-982', args: ['--cli-input-json', `{"Description": ${nest('{"a":', 982, '1', '}')}}`] },
  { name: 'b2-shorthand-lists-487', args: ['--tag-specifications', `ResourceType=${nest('[', 487, '', ']')}`] },
  { name: 'b2-shorthand-lists-488', args: ['--tag-specifications', `ResourceType=${nest('[', 488, '', ']')}`] },
  { name: 'b2-shorthand-hashes-486', args: ['--tag-specifications', `ResourceType=${nest('{a=', 486, 'b', '}')}`] },
  { name: 'b2-shorthand-hashes-487', args: ['--tag-specifications', `ResourceType=${nest('{a=', 487, 'b', '}')}`] },
].map((c) => ({ area: 12, ...c, args: [...RUN, ...c.args] }));

// Namespaces and DTDs as expat reads them (botocore drops `{uri}` from tags; an internal DTD's entities are expanded).
const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const DTD = (root: string, subset: string) => `<!DOCTYPE ${root} [${subset}]>`;
const LOL = [
  '<!ENTITY l0 "lol">',
  ...Array.from({ length: 9 }, (_, n) => `<!ENTITY l${n + 1} "${`&l${n};`.repeat(10)}">`),
].join('');
const xmlReading: DiffCase[] = [
  { name: 'xml2-prefixed-elements', body: `<e:CopySnapshotResponse xmlns:e="${EC2_NS}"><e:requestId>r</e:requestId><e:snapshotId>snap-1</e:snapshotId></e:CopySnapshotResponse>` },
  { name: 'xml2-other-default-namespace', body: '<CopySnapshotResponse xmlns="urn:other"><snapshotId>snap-1</snapshotId></CopySnapshotResponse>' },
  { name: 'xml2-inner-namespace', body: OK_XML('<x:snapshotId xmlns:x="urn:x">snap-1</x:snapshotId>') },
  { name: 'xml2-prefixed-attributes', body: `<CopySnapshotResponse xmlns:a="urn:a" a:b="1" xml:lang="en"><snapshotId a:c="2">snap-1</snapshotId></CopySnapshotResponse>` },
  { name: 'xml2-unbound-prefix', body: '<CopySnapshotResponse><e:snapshotId>snap-1</e:snapshotId></CopySnapshotResponse>' },
  { name: 'xml2-unbound-attribute-prefix', body: '<CopySnapshotResponse><snapshotId e:a="1">snap-1</snapshotId></CopySnapshotResponse>' },
  { name: 'xml2-same-attribute-two-prefixes', body: '<CopySnapshotResponse xmlns:a="urn:a" xmlns:b="urn:a"><snapshotId a:x="1" b:x="2">snap-1</snapshotId></CopySnapshotResponse>' },
  { name: 'xml2-prefix-mismatched-end', body: `<e:CopySnapshotResponse xmlns:e="${EC2_NS}"><e:snapshotId>snap-1</snapshotId></e:CopySnapshotResponse>` },
  { name: 'xml2-empty-prefix-declaration', body: '<CopySnapshotResponse xmlns:e=""><snapshotId>snap-1</snapshotId></CopySnapshotResponse>' },
  { name: 'xml2-prefixed-error', status: 400, body: '<x:Response xmlns:x="urn:x"><x:Errors><x:Error><x:Code>A</x:Code><x:Message>m</x:Message></x:Error></x:Errors></x:Response>' },
  { name: 'xml2-entity-snapshot-id', body: DTD('CopySnapshotResponse', '<!ENTITY s "snap-ent">') + OK_XML('<snapshotId>&s;-x</snapshotId>') },
  { name: 'xml2-entity-error-message', status: 400, body: DTD('Response', '<!ENTITY c "Code.From.Entity"><!ENTITY m \'a "quoted" message\'>') + ERRS('<Error><Code>&c;</Code><Message>&m;</Message></Error>') },
  { name: 'xml2-entity-nested', body: DTD('x', '<!ENTITY a "snap-&b;"><!ENTITY b "&#x42;&amp;">') + OK_XML('<snapshotId>&a;</snapshotId>') },
  { name: 'xml2-entity-markup', body: DTD('x', '<!ENTITY e "<snapshotId>snap-markup</snapshotId>">') + OK_XML('&e;') },
  { name: 'xml2-entity-markup-in-text', body: DTD('x', '<!ENTITY e "<b>x</b>">') + OK_XML('<snapshotId>snap-&e;-tail</snapshotId>') },
  { name: 'xml2-entity-unbalanced-markup', body: DTD('x', '<!ENTITY e "<b>">') + OK_XML('<snapshotId>&e;</b></snapshotId>') },
  { name: 'xml2-entity-recursive', body: DTD('x', '<!ENTITY a "&b;"><!ENTITY b "&a;">') + OK_XML('<snapshotId>&a;</snapshotId>') },
  { name: 'xml2-entity-self', body: DTD('x', '<!ENTITY a "x&a;">') + OK_XML('<snapshotId>&a;</snapshotId>') },
  { name: 'xml2-billion-laughs', body: DTD('x', LOL) + OK_XML('<snapshotId>&l9;</snapshotId>') },
  { name: 'xml2-entity-first-wins', body: DTD('x', '<!ENTITY s "first"><!ENTITY s "second">') + OK_XML('<snapshotId>&s;</snapshotId>') },
  { name: 'xml2-entity-undeclared-with-dtd', body: DTD('x', '<!ENTITY s "first">') + OK_XML('<snapshotId>&t;</snapshotId>') },
  { name: 'xml2-entity-in-attribute', body: DTD('x', '<!ENTITY s "v">') + '<CopySnapshotResponse a="&s;"><snapshotId>snap-1</snapshotId></CopySnapshotResponse>' },
  { name: 'xml2-entity-lt-in-attribute', body: DTD('x', '<!ENTITY s "&#60;">') + '<CopySnapshotResponse a="&s;"><snapshotId>snap-1</snapshotId></CopySnapshotResponse>' },
  { name: 'xml2-external-entity', body: DTD('x', '<!ENTITY e SYSTEM "file:///etc/hostname">') + OK_XML('<snapshotId>&e;</snapshotId>') },
  { name: 'xml2-system-dtd', body: '<!DOCTYPE CopySnapshotResponse SYSTEM "http://127.0.0.1:9/x.dtd">' + OK_XML() },
  { name: 'xml2-system-dtd-undeclared-entity', body: '<!DOCTYPE CopySnapshotResponse SYSTEM "http://127.0.0.1:9/x.dtd">' + OK_XML('<snapshotId>&u;</snapshotId>') },
  { name: 'xml2-public-dtd', body: '<!DOCTYPE CopySnapshotResponse PUBLIC "-//X//EN" "http://127.0.0.1:9/x.dtd">' + OK_XML() },
  { name: 'xml2-parameter-entity', body: DTD('x', '<!ENTITY % p "<!ENTITY e \'from-pe\'>"> %p;') + OK_XML('<snapshotId>&e;</snapshotId>') },
  { name: 'xml2-parameter-entity-undeclared-general', body: DTD('x', '<!ENTITY % p "<!ENTITY e \'from-pe\'>"> %p;') + OK_XML('<snapshotId>&u;</snapshotId>') },
  { name: 'xml2-external-parameter-entity', body: DTD('x', '<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;') + OK_XML('<snapshotId>&u;</snapshotId>') },
  { name: 'xml2-dtd-other-declarations', body: DTD('CopySnapshotResponse', '<!ELEMENT snapshotId (#PCDATA)><!ATTLIST snapshotId a CDATA "dflt"><!-- c --><?pi x?>') + OK_XML() },
  { name: 'xml2-dtd-unclosed', body: '<!DOCTYPE x [<!ENTITY s "v">' + OK_XML() },
  { name: 'xml2-dtd-bad-declaration', body: DTD('x', '<!ENTITY s>') + OK_XML() },
  { name: 'xml2-char-refs', body: OK_XML('<snapshotId>snap-&#x41;&#66;&#x1F600;</snapshotId>') },
  { name: 'xml2-char-ref-zero', body: OK_XML('<snapshotId>snap-&#0;</snapshotId>') },
  { name: 'xml2-char-ref-surrogate', body: OK_XML('<snapshotId>snap-&#xD800;</snapshotId>') },
  { name: 'xml2-char-ref-too-big', body: OK_XML('<snapshotId>snap-&#x110000;</snapshotId>') },
  { name: 'xml2-char-ref-control', body: OK_XML('<snapshotId>snap-&#1;</snapshotId>') },
  { name: 'xml2-cdata', body: OK_XML('<snapshotId><![CDATA[snap-<c>&amp;]]></snapshotId>') },
  { name: 'xml2-cdata-mixed', body: OK_XML('<snapshotId>snap-<![CDATA[x]]>y<!-- c -->z<?pi q?>w</snapshotId>') },
  { name: 'xml2-text-then-child', body: OK_XML('<snapshotId>snap-1<b>x</b>tail</snapshotId>') },
  { name: 'xml2-deep-success', body: OK_XML(`${'<x>'.repeat(20000)}${'</x>'.repeat(20000)}`) },
  // botocore reads an error document recursively: 979 levels (the root at 1) reach Python's recursion limit.
  ...[976, 977, 20000].map((n) => ({ name: `xml2-deep-error-${n}`, status: 400, body: ERRS(`<Error><Code>A</Code><Message>m</Message></Error>${'<x>'.repeat(n)}${'</x>'.repeat(n)}`) })),
  { name: 'xml2-error-message-with-child', status: 400, body: ERRS('<Error><Code>A</Code><Message>hi <b>x</b> there</Message></Error>') },
  { name: 'xml2-error-message-whitespace', status: 400, body: ERRS('<Error><Code>A</Code><Message>\n  </Message></Error>') },
  { name: 'xml2-error-text-only', status: 400, body: ERRS('<Error>x</Error>') },
  { name: 'xml2-errors-text', status: 400, body: '<Response><Errors>x</Errors></Response>' },
  { name: 'xml2-errors-two-chars', status: 400, body: '<Response><Errors>ab</Errors></Response>' },
  { name: 'xml2-errors-empty', status: 400, body: '<Response><Errors/></Response>' },
  { name: 'xml2-error-two-text-errors', status: 400, body: ERRS('<Error>x</Error><Error>y</Error>') },
  { name: 'xml2-error-code-with-child', status: 400, body: ERRS('<Error><Code><b>x</b></Code><Message>m</Message></Error>') },
  { name: 'xml2-error-root-level', status: 400, body: '<ErrorResponse><Error><Code>C</Code><Message>M</Message></Error><RequestId>r</RequestId></ErrorResponse>' },
  { name: 'xml2-error-message-repeated', status: 400, body: ERRS('<Error><Code>A</Code><Message>one</Message><Message>two</Message></Error>') },
  { name: 'xml2-error-message-dict-repr', status: 400, body: ERRS(`<Error><Code>A</Code><Message><a>it's</a><b/><c>\u00e9"x'</c><a>again</a></Message></Error>`) },
  { name: 'xml2-error-throttling-in-dict', status: 503, body: ERRS('<Error><Code>RequestLimitExceeded</Code><Message><m>x</m></Message></Error>') },
  { name: 'xml2-cdata-error-message', status: 400, body: ERRS('<Error><Code><![CDATA[C]]></Code><Message>a<![CDATA[<b>]]>&lt;</Message></Error>') },
].map(({ name, body, status }) => ({ name, area: 5, args: RUN, env: { AWS_MAX_ATTEMPTS: '1' }, responses: [{ status: status ?? 200, body }] }));

export const CASES: readonly DiffCase[] = [
  ...responses,
  ...xmlReading,
  ...configFiles,
  ...profiles, ...regions, ...retries, ...pipes, ...colour, ...tables, ...order, ...argv, ...endpoints, ...endpointsAsWritten, ...recursion];
