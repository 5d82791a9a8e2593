// The STS client of the credential providers, called directly against the
// local STS stand-in. Expected bodies, endpoints and texts were captured from
// AWS CLI v1 (aws-cli/1.45.11 botocore/1.43.11) against the same stand-in,
// or read from botocore (args.py, partitions.json, _retry.json, retries/).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDebugLogger } from '../../src/debug.js';
import { CliError, ServiceError, ValidationError } from '../../src/errors.js';
import { assumeRole, assumeRoleWithWebIdentity, assumeRoleWithWebIdentityCall, stsEndpoint } from '../../src/request/credentials/sts.js';
import { ASSUMED, startStsEndpoint, WEB_IDENTITY, type StsEndpoint } from '../support/sts-endpoint.js';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { startHttpProxy } from '../support/http-proxy.js';
import { tempDir } from '../support/temp-dir.js';
import { makeSelfSignedCert, startTlsFront } from '../support/tls-front.js';
import { rejection, stsContext, type ContextParts } from '../support/sts-context.js';
import { hasAws, stsRunner, V1, type Scenario } from '../support/sts-runs.js';

let sts: StsEndpoint;

beforeAll(async () => {
  sts = await startStsEndpoint();
});
afterAll(async () => {
  await sts.close();
});
beforeEach(() => {
  sts.failWith(undefined);
  sts.answerRaw(undefined);
  sts.setExpiration(undefined);
  sts.requests.length = 0;
});

const ROLE = 'arn:aws:iam::123456789012:role/copier';
const SOURCE = { accessKeyId: 'AKIDSOURCE', secretAccessKey: 'source-secret' };
const WEB_ARGS = { RoleArn: ROLE, RoleSessionName: 'botocore-session-1796307055', WebIdentityToken: 'my-oidc-token\nline2\n' };

function local(parts: ContextParts = {}) {
  return stsContext({ ...parts, env: { AWS_ENDPOINT_URL_STS: sts.url, ...parts.env } });
}


describe('AssumeRoleWithWebIdentity', () => {
  it('posts the form botocore posts, unsigned, and returns the keys', async () => {
    const keys = await assumeRoleWithWebIdentity(local(), WEB_ARGS);
    expect(sts.requests).toHaveLength(1);
    const request = sts.requests[0]!;
    expect([request.method, request.path]).toEqual(['POST', '/']);
    // As v1 sent it (captured): the arguments' order, quote_plus encoding.
    expect(request.body).toBe(
      'Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fcopier' +
        '&RoleSessionName=botocore-session-1796307055&WebIdentityToken=my-oidc-token%0Aline2%0A',
    );
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers['x-amz-security-token']).toBeUndefined();
    expect(keys).toEqual({
      accessKeyId: WEB_IDENTITY.accessKeyId,
      secretAccessKey: WEB_IDENTITY.secretAccessKey,
      sessionToken: WEB_IDENTITY.sessionToken,
      expiration: new Date('2099-01-01T00:00:00Z'),
      accountId: '123456789012',
    });
  });

  it('sends a configured session name first, as botocore does, with + for a space', async () => {
    await assumeRoleWithWebIdentity(local(), { RoleSessionName: 'my sess', RoleArn: ROLE, WebIdentityToken: 'tok1' });
    expect(sts.requests[0]!.body).toBe(
      'Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleSessionName=my+sess&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fcopier&WebIdentityToken=tok1',
    );
  });

  it('returns the response as botocore parses it: model order, Expiration as text, AccountId added', async () => {
    sts.setExpiration(new Date('2030-05-06T07:08:09Z'));
    const { response } = await assumeRoleWithWebIdentityCall(local(), WEB_ARGS);
    expect(Object.keys(response)).toEqual(['Credentials', 'SubjectFromWebIdentityToken', 'AssumedRoleUser', 'Provider', 'Audience', 'ResponseMetadata']);
    expect(response.Credentials).toEqual({
      AccessKeyId: WEB_IDENTITY.accessKeyId,
      SecretAccessKey: WEB_IDENTITY.secretAccessKey,
      SessionToken: WEB_IDENTITY.sessionToken,
      Expiration: '2030-05-06T07:08:09Z',
      AccountId: '123456789012',
    });
    expect(response.AssumedRoleUser).toEqual({
      AssumedRoleId: 'AROAEXAMPLE:botocore-session-1796307055',
      Arn: 'arn:aws:sts::123456789012:assumed-role/copier/botocore-session-1796307055',
    });
    expect(response.ResponseMetadata).toMatchObject({ RequestId: '11111111-2222-3333-4444-555555555555', HTTPStatusCode: 200, RetryAttempts: 0 });
  });

  it.each([
    ['InvalidIdentityToken', 'No OpenIDConnect provider found in your account for https://oidc.example.com'],
    ['ExpiredTokenException', 'Token expired: current date/time 1 must be before the expiration date/time 0'],
  ])('words %s as v1 does', async (code, message) => {
    sts.failWith({ status: 400, code, message });
    const error = await rejection(assumeRoleWithWebIdentity(local(), WEB_ARGS));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toBe(`An error occurred (${code}) when calling the AssumeRoleWithWebIdentity operation: ${message}`);
    expect(sts.requests).toHaveLength(1);
  });

  it('standard mode marks any error on the last attempt (v1: "reached max retries: 0" with max_attempts 1)', async () => {
    sts.failWith({ status: 400, code: 'InvalidIdentityToken', message: 'bad' });
    const error = await rejection(assumeRoleWithWebIdentity(local({ settings: { retryMode: 'standard', maxAttempts: 1 } }), WEB_ARGS));
    expect(error.message).toBe('An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation (reached max retries: 0): bad');
  });

  it('retries IDPCommunicationError, then says the retries ran out (captured from v1 with max_attempts 2)', async () => {
    sts.failWith({ status: 400, code: 'IDPCommunicationError', message: 'idp down' });
    const error = await rejection(assumeRoleWithWebIdentity(local({ settings: { maxAttempts: 2 } }), WEB_ARGS));
    expect(error.message).toBe('An error occurred (IDPCommunicationError) when calling the AssumeRoleWithWebIdentity operation (reached max retries: 1): idp down');
    expect(sts.requests).toHaveLength(2);
    expect(sts.requests[1]!.headers['amz-sdk-request']).toBe('attempt=2; max=2');
  });

  it('succeeds when a retried error goes away', async () => {
    sts.failWith({ status: 400, code: 'Throttling', message: 'Rate exceeded' }, 1);
    const { keys, response } = await assumeRoleWithWebIdentityCall(local({ settings: { maxAttempts: 2 } }), WEB_ARGS);
    expect(keys.accessKeyId).toBe(WEB_IDENTITY.accessKeyId);
    expect(response.ResponseMetadata).toMatchObject({ RetryAttempts: 1 });
    expect(sts.requests).toHaveLength(2);
  });

  it('fails parameter validation as botocore does (an empty token file), unless parameter_validation is off', async () => {
    const error = await rejection(assumeRoleWithWebIdentity(local(), { ...WEB_ARGS, WebIdentityToken: '' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('Parameter validation failed:\nInvalid length for parameter WebIdentityToken, value: 0, valid min length: 4');
    expect(sts.requests).toHaveLength(0);
    await assumeRoleWithWebIdentity(local({ settings: { parameterValidation: false } }), { ...WEB_ARGS, WebIdentityToken: '' });
    expect(sts.requests[0]!.params.WebIdentityToken).toBe('');
  });
});

describe('AssumeRole', () => {
  it('signs with the source keys for the client Region and sends the arguments in their order', async () => {
    const keys = await assumeRole(local({ settings: { region: 'ap-northeast-1' } }), { ...SOURCE, sessionToken: 'source-token' }, {
      RoleSessionName: 'copy-session',
      ExternalId: 'ext-1',
      DurationSeconds: 900,
      RoleArn: ROLE,
    });
    const request = sts.requests[0]!;
    expect(request.body).toBe(
      'Action=AssumeRole&Version=2011-06-15&RoleSessionName=copy-session&ExternalId=ext-1&DurationSeconds=900' +
        '&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fcopier',
    );
    expect([request.accessKeyId, request.signingRegion]).toEqual(['AKIDSOURCE', 'ap-northeast-1']);
    expect(request.headers.authorization).toMatch(/\/ap-northeast-1\/sts\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
    expect(request.headers['x-amz-security-token']).toBe('source-token');
    expect(request.headers['x-amz-content-sha256']).toBeUndefined();
    expect(keys).toMatchObject({ accessKeyId: ASSUMED.accessKeyId, sessionToken: ASSUMED.sessionToken, accountId: '123456789012' });
  });

  it('words STS errors for the AssumeRole operation', async () => {
    sts.failWith({ status: 403, code: 'AccessDenied', message: 'User: arn:aws:iam::123456789012:user/me is not authorized to perform: sts:AssumeRole' });
    const error = await rejection(assumeRole(local(), SOURCE, { RoleArn: ROLE, RoleSessionName: 'ss' }));
    expect(error.message).toBe(
      'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/me is not authorized to perform: sts:AssumeRole',
    );
  });

  it('validates every argument, in their order', async () => {
    const error = await rejection(assumeRole(local(), SOURCE, { RoleSessionName: 'x', DurationSeconds: 60, RoleArn: 'arn:short', TokenCode: '123' }));
    expect(error.message).toBe(
      'Parameter validation failed:\n' +
        'Invalid length for parameter RoleSessionName, value: 1, valid min length: 2\n' +
        'Invalid value for parameter DurationSeconds, value: 60, valid min value: 900\n' +
        'Invalid length for parameter RoleArn, value: 9, valid min length: 20\n' +
        'Invalid length for parameter TokenCode, value: 3, valid min length: 6',
    );
  });
});

describe('answers botocore cannot parse', () => {
  it('a 5xx with an HTML page is named after the status, and retried', async () => {
    sts.answerRaw({ status: 503, body: '<html><body>Service Unavailable</body></html>' });
    const error = await rejection(assumeRoleWithWebIdentity(local({ settings: { maxAttempts: 2 } }), WEB_ARGS));
    expect(error.message).toBe('An error occurred (503) when calling the AssumeRoleWithWebIdentity operation (reached max retries: 1): Service Unavailable');
    expect(sts.requests).toHaveLength(2);
  });

  it('a body that is not XML', async () => {
    sts.answerRaw({ status: 200, body: 'not xml' });
    const error = await rejection(assumeRoleWithWebIdentity(local(), WEB_ARGS));
    expect(error.message).toBe("Unable to parse response (syntax error: line 1, column 0), invalid XML received. Further retries may succeed:\nb'not xml'");
  });

  it('an error without a code or message', async () => {
    sts.answerRaw({ status: 400, body: '<ErrorResponse><Error><Message></Message></Error></ErrorResponse>' });
    const error = await rejection(assumeRoleWithWebIdentity(local(), WEB_ARGS));
    expect(error.message).toBe('An error occurred (Unknown) when calling the AssumeRoleWithWebIdentity operation: None');
  });

  it('a result without credentials is a KeyError', async () => {
    sts.answerRaw({ status: 200, body: '<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult/></AssumeRoleWithWebIdentityResponse>' });
    const error = await rejection(assumeRoleWithWebIdentity(local(), WEB_ARGS));
    expect(error.message).toBe("'Credentials'");
  });
});

describe('connection failures', () => {
  it('names the STS URL exactly as botocore does, path included (captured)', async () => {
    const error = await rejection(assumeRoleWithWebIdentity(stsContext({ env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9/sts/path' } }), WEB_ARGS));
    expect([error.kind, error.message]).toEqual(['connection', 'Could not connect to the endpoint URL: "http://127.0.0.1:9/sts/path"']);
  });

  it('names an endpoint without a path with its slash', async () => {
    const error = await rejection(assumeRoleWithWebIdentity(stsContext({ env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' } }), WEB_ARGS));
    expect(error.message).toBe('Could not connect to the endpoint URL: "http://127.0.0.1:9/"');
  });
});

describe('stsEndpoint (botocore 1.43: regional by default)', () => {
  const at = (region: string | undefined, env: Record<string, string> = {}, config: ContextParts['config'] = {}) =>
    stsEndpoint(stsContext({ settings: { region }, env, config }));

  it.each([
    ['eu-west-1', {}, 'https://sts.eu-west-1.amazonaws.com/', 'eu-west-1'],
    ['us-east-1', {}, 'https://sts.us-east-1.amazonaws.com/', 'us-east-1'],
    ['cn-north-1', {}, 'https://sts.cn-north-1.amazonaws.com.cn/', 'cn-north-1'],
    ['us-gov-west-1', {}, 'https://sts.us-gov-west-1.amazonaws.com/', 'us-gov-west-1'],
    ['us-isob-east-1', {}, 'https://sts.us-isob-east-1.sc2s.sgov.gov/', 'us-isob-east-1'],
    ['eusc-de-east-1', {}, 'https://sts.eusc-de-east-1.amazonaws.eu/', 'eusc-de-east-1'],
    ['xx-foo-1', {}, 'https://sts.xx-foo-1.amazonaws.com/', 'xx-foo-1'],
    ['aws-global', {}, 'https://sts.amazonaws.com/', 'us-east-1'],
    ['us-west-2', { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, 'https://sts.amazonaws.com/', 'us-east-1'],
    ['eu-west-1', { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, 'https://sts.amazonaws.com/', 'us-east-1'],
    ['ap-east-1', { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, 'https://sts.ap-east-1.amazonaws.com/', 'ap-east-1'],
    ['cn-north-1', { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }, 'https://sts.cn-north-1.amazonaws.com.cn/', 'cn-north-1'],
    ['us-west-2', { AWS_STS_REGIONAL_ENDPOINTS: '' }, 'https://sts.us-west-2.amazonaws.com/', 'us-west-2'],
  ])('%s with %j → %s signed for %s', (region, env, url, signingRegion) => {
    expect(at(region, env)).toEqual({ url, signingRegion });
  });

  it('takes sts_regional_endpoints from the profile when the environment has none', () => {
    expect(at('us-west-2', {}, { default: { sts_regional_endpoints: 'legacy' } })).toEqual({ url: 'https://sts.amazonaws.com/', signingRegion: 'us-east-1' });
    expect(at('us-west-2', { AWS_STS_REGIONAL_ENDPOINTS: 'regional' }, { default: { sts_regional_endpoints: 'legacy' } }).url).toBe(
      'https://sts.us-west-2.amazonaws.com/',
    );
  });

  it('rejects other sts_regional_endpoints values with botocore text', () => {
    expect(() => at('us-west-2', { AWS_STS_REGIONAL_ENDPOINTS: 'Legacy' })).toThrow(
      new CliError('configuration', 'STS regional endpoints option Legacy is invalid. Valid options are: "legacy", "regional"'),
    );
  });

  it('without a Region: the global endpoint; a configured endpoint needs one', () => {
    expect(at(undefined)).toEqual({ url: 'https://sts.amazonaws.com/', signingRegion: 'us-east-1' });
    expect(() => at(undefined, { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' })).toThrow(
      'You must specify a region. You can also configure your region by running "aws configure".',
    );
  });

  it('configured endpoints: AWS_ENDPOINT_URL_STS > AWS_ENDPOINT_URL > [services] sts > endpoint_url, signed for the client Region', () => {
    const config = { default: { services: 'local', endpoint_url: 'http://profile.example' }, 'services.local': { 'sts.endpoint_url': 'http://services.example' } };
    expect(at('eu-west-1', { AWS_ENDPOINT_URL_STS: 'http://sts.example', AWS_ENDPOINT_URL: 'http://all.example' }, config)).toEqual({
      url: 'http://sts.example/',
      signingRegion: 'eu-west-1',
    });
    expect(at('eu-west-1', { AWS_ENDPOINT_URL: 'http://all.example' }, config).url).toBe('http://all.example/');
    expect(at('eu-west-1', {}, config).url).toBe('http://services.example/');
    expect(at('eu-west-1', {}, { default: { endpoint_url: 'http://profile.example/base' } }).url).toBe('http://profile.example/base');
    expect(at('us-west-2', { AWS_ENDPOINT_URL_STS: 'http://sts.example', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' })).toEqual({
      url: 'http://sts.example/',
      signingRegion: 'us-west-2',
    });
  });

  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls turn them off', () => {
    expect(at('eu-west-1', { AWS_ENDPOINT_URL_STS: 'http://sts.example', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }).url).toBe(
      'https://sts.eu-west-1.amazonaws.com/',
    );
    expect(at('eu-west-1', { AWS_ENDPOINT_URL_STS: 'http://sts.example' }, { default: { ignore_configured_endpoint_urls: 'true' } }).url).toBe(
      'https://sts.eu-west-1.amazonaws.com/',
    );
  });

  it('rejects an endpoint that is not a URL with a host, as botocore does', () => {
    expect(() => at('eu-west-1', { AWS_ENDPOINT_URL_STS: 'not a url' })).toThrow('Invalid endpoint: not a url');
  });
});

// ------------------------------------------------------------------------
// AssumeRole through the binary, side by side with AWS CLI v1 on the same
// profiles and stand-ins: the STS call (body, signer, signing Region) and the
// EC2 request's signer must be the same.

describe('AssumeRole through the binary, against v1', () => {
  let ec2: Ec2Endpoint;
  const runner = stsRunner(() => ({ sts, ec2 }));

  beforeAll(async () => {
    ec2 = await startEc2Endpoint();
  });
  afterAll(async () => {
    await ec2.close();
    runner.cleanUp();
  });

  const PROFILES =
    '[profile src]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = source-secret\n' +
    `[profile role]\nrole_arn = ${ROLE}\nsource_profile = src\n`;
  const ASSUMED_SIGNER: Array<[string | undefined, unknown]> = [[ASSUMED.accessKeyId, ASSUMED.sessionToken]];

  /** Each case: its name, the exit code both must end with, the scenario, what to arrange first. */
  const CASES: Array<[string, number, Scenario, (() => void)?]> = [
    ['role_session_name, external_id, duration_seconds', 0, { config: `${PROFILES}role_session_name = copy-session\nexternal_id = ext-1\nduration_seconds = 900\n`, args: ['--profile', 'role'] }],
    ['a generated session name', 0, { config: PROFILES, args: ['--profile', 'role'] }],
    [
      'legacy sts_regional_endpoints with a configured endpoint: signed for the client Region',
      0,
      { config: PROFILES, args: ['--profile', 'role', '--region', 'us-west-2'], env: { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' } },
    ],
    [
      'STS AccessDenied',
      255,
      { config: PROFILES, args: ['--profile', 'role'] },
      () => sts.failWith({ status: 403, code: 'AccessDenied', message: 'not authorized to perform: sts:AssumeRole' }),
    ],
    [
      'a Throttling STS until the retries run out',
      255,
      { config: PROFILES, args: ['--profile', 'role'], env: { AWS_MAX_ATTEMPTS: '2' } },
      () => sts.failWith({ status: 400, code: 'Throttling', message: 'Rate exceeded' }),
    ],
    ['STS unreachable, the endpoint with a path', 255, { config: PROFILES, args: ['--profile', 'role'], env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9/sts/path' } }],
    ['an invalid sts_regional_endpoints', 255, { config: `${PROFILES}sts_regional_endpoints = global\n`, args: ['--profile', 'role'] }],
  ];

  it.skipIf(!hasAws).each(CASES)('same outcome as v1: %s (exit %i)', async (_name, status, scenario, setUp) => {
    setUp?.();
    const ours = await runner.run(scenario);
    const theirs = await runner.run(scenario, V1);
    expect(ours).toEqual(theirs);
    expect(ours.status).toBe(status);
    if (status === 0) expect([ours.stsSigners[0]?.[0], ours.ec2Signers]).toEqual(['AKIDSOURCE', ASSUMED_SIGNER]);
  });
});

describe('transport: proxies from the environment, the CA bundle, as the EC2 request', () => {
  // Made while the tests are collected (skipIf needs to know), removed after the file.
  const cert = makeSelfSignedCert(tempDir('cs-sts-cert-'));

  it('goes through HTTP_PROXY for an http:// endpoint', async () => {
    const proxy = await startHttpProxy();
    try {
      await assumeRoleWithWebIdentity(local({ env: { HTTP_PROXY: proxy.url } }), WEB_ARGS);
      expect(proxy.requests.map((r) => [r.method, r.target])).toEqual([['POST', `${sts.url}/`]]);
      expect(sts.requests).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('NO_PROXY keeps it direct', async () => {
    const proxy = await startHttpProxy();
    try {
      await assumeRoleWithWebIdentity(local({ env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } }), WEB_ARGS);
      expect([proxy.requests.length, sts.requests.length]).toEqual([0, 1]);
    } finally {
      await proxy.close();
    }
  });

  it.skipIf(!cert)('https: trusts the CA bundle of the settings, and words an untrusted certificate as botocore', async () => {
    const front = await startTlsFront(sts.url, cert!);
    try {
      const keys = await assumeRoleWithWebIdentity(stsContext({ env: { AWS_ENDPOINT_URL_STS: front.url }, settings: { caBundle: cert!.certPath } }), WEB_ARGS);
      expect(keys.accessKeyId).toBe(WEB_IDENTITY.accessKeyId);
      const error = await rejection(assumeRoleWithWebIdentity(stsContext({ env: { AWS_ENDPOINT_URL_STS: front.url } }), WEB_ARGS));
      expect(error.message).toBe(
        `SSL validation failed for ${front.url}/ [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)`,
      );
    } finally {
      await front.close();
    }
  });
});

describe('--debug', () => {
  function debugContext(parts: ContextParts = {}) {
    const lines: string[] = [];
    const debug = createDebugLogger((text) => lines.push(text));
    return { lines, context: { ...local(parts), debug } };
  }

  it('logs the exchange as the EC2 one is logged, masking the token and every key', async () => {
    const { lines, context } = debugContext();
    await assumeRoleWithWebIdentity(context, { ...WEB_ARGS, WebIdentityToken: 'secret token/with+chars' });
    const text = lines.join('');
    expect(lines.map((l) => / - (botocore\.\w+) - DEBUG - (\w+ \w+)/.exec(l)?.slice(1).join(' '))).toEqual([
      'botocore.endpoint Sending http',
      'botocore.endpoint Request body',
      'botocore.parsers Response headers',
      'botocore.parsers Response body',
    ]);
    expect(text).toContain('WebIdentityToken=****');
    for (const secret of ['secret token/with+chars', 'secret+token%2Fwith%2Bchars', WEB_IDENTITY.secretAccessKey, WEB_IDENTITY.sessionToken]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(WEB_IDENTITY.accessKeyId);
  });

  it('masks the source keys of AssumeRole, and logs error answers', async () => {
    const { lines, context } = debugContext();
    sts.failWith({ status: 403, code: 'AccessDenied', message: 'denied' });
    await rejection(assumeRole(context, { ...SOURCE, sessionToken: 'source-session-token' }, { RoleArn: ROLE, RoleSessionName: 'ss' }));
    const text = lines.join('');
    expect(text).toContain('<Code>AccessDenied</Code>');
    expect(text).toContain('"x-amz-security-token":"****"');
    expect(text).not.toContain('source-session-token');
    expect(text).not.toContain('source-secret');
  });
});
