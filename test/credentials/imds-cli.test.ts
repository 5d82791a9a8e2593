// Instance role credentials through the built binary, compared with the real
// AWS CLI v1 (`aws ec2 copy-snapshot`) on the same environment and the same
// IMDS stand-in: the same stdout, stderr, exit code, the same requests to
// the metadata service, and the EC2 request signed with the same key and
// session token. Instance metadata is turned on (run-cli turns it off by
// default) and always pointed at the 127.0.0.1 stand-in.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { IMDS_TOKEN, isoSeconds, ROLE_CREDENTIALS, ROLE_NAME, startImdsServer, startBlackhole, freePort, type ImdsServer } from '../support/imds-server.js';
import { COPY, makeHome, OK_STDOUT, runCli, signingKey } from '../support/run-cli.js';

const NO_CREDENTIALS = 'Unable to locate credentials. You can configure credentials by running "aws configure".\n';
const ROLE_PATH = '/latest/meta-data/iam/security-credentials/';
const V2 = ['PUT /latest/api/token -', `GET ${ROLE_PATH} ${IMDS_TOKEN}`, `GET ${ROLE_PATH}${ROLE_NAME} ${IMDS_TOKEN}`];

let ec2: Ec2Endpoint;

beforeAll(async () => {
  ec2 = await startEc2Endpoint();
});
afterAll(async () => {
  await ec2.close();
});

interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  /** The EC2 request's signing key and session token, if one was sent. */
  readonly signedWith: readonly [string | undefined, string | undefined] | undefined;
  /** What the metadata service saw: method, path, token header. */
  readonly imds: readonly string[];
}

interface Scenario {
  /** Prepares a fresh stand-in (both runs get their own). */
  readonly setup?: (imds: ImdsServer) => void;
  /** Extra environment; `endpoint: false` leaves AWS_EC2_METADATA_SERVICE_ENDPOINT to the scenario. */
  readonly env?: (imds: ImdsServer) => Record<string, string | undefined>;
  readonly config?: string;
  readonly args?: readonly string[];
}

async function runOne(scenario: Scenario, command: readonly string[] | undefined): Promise<Outcome> {
  const imds = await startImdsServer();
  const home = makeHome({ config: scenario.config ?? '' });
  try {
    scenario.setup?.(imds);
    const before = ec2.requests.length;
    const r = await runCli([...COPY, '--endpoint-url', ec2.url, ...(scenario.args ?? [])], {
      home,
      command,
      env: {
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_MAX_ATTEMPTS: '1',
        AWS_EC2_METADATA_DISABLED: undefined,
        AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
        ...scenario.env?.(imds),
      },
    });
    const request = ec2.requests.slice(before)[0];
    return {
      stdout: r.stdout,
      stderr: r.stderr,
      status: r.status,
      signedWith: request ? [signingKey(request.headers.authorization), request.headers['x-amz-security-token'] as string | undefined] : undefined,
      imds: imds.requests.map((q) => `${q.method} ${q.path} ${q.headers['x-aws-ec2-metadata-token'] ?? '-'}`),
    };
  } finally {
    rmSync(home.dir, { recursive: true, force: true });
    await imds.close();
  }
}

/** Runs `aws ec2 copy-snapshot` and ours on the same scenario; both must agree, and v1's outcome is returned. */
async function differential(scenario: Scenario): Promise<Outcome> {
  const v1 = await runOne(scenario, ['aws', 'ec2', 'copy-snapshot']);
  const ours = await runOne(scenario, undefined);
  expect(ours).toEqual(v1);
  return v1;
}

/** A complete credentials document, as the stand-in serves it. */
const ROLE_DOCUMENT = {
  Code: 'Success',
  Type: 'AWS-HMAC',
  AccessKeyId: ROLE_CREDENTIALS.accessKeyId,
  SecretAccessKey: ROLE_CREDENTIALS.secretAccessKey,
  Token: ROLE_CREDENTIALS.token,
};

const ROLE_SIGNED = [ROLE_CREDENTIALS.accessKeyId, ROLE_CREDENTIALS.token] as const;

describe('instance role credentials, as aws ec2 copy-snapshot finds them', () => {
  it('IMDSv2: signs with the role key and token', async () => {
    const outcome = await differential({});
    expect(outcome).toEqual({ stdout: OK_STDOUT, stderr: '', status: 0, signedWith: ROLE_SIGNED, imds: V2 });
  });

  it('an IMDSv1-only service: the token PUT is refused, plain GETs follow', async () => {
    const outcome = await differential({ setup: (imds) => (imds.options.tokenMode = 'off') });
    expect(outcome.signedWith).toEqual(ROLE_SIGNED);
    expect(outcome.imds).toEqual(['PUT /latest/api/token -', `GET ${ROLE_PATH} -`, `GET ${ROLE_PATH}${ROLE_NAME} -`]);
  });

  it('credentials that have expired are still used (expiration extension)', async () => {
    const outcome = await differential({ setup: (imds) => (imds.options.expiration = isoSeconds(new Date(Date.now() - 3600_000))) });
    expect([outcome.status, outcome.signedWith]).toEqual([0, ROLE_SIGNED]);
  });

  it('AWS_EC2_METADATA_DISABLED=true: the service is not asked', async () => {
    const outcome = await differential({ env: () => ({ AWS_EC2_METADATA_DISABLED: 'true' }) });
    expect(outcome).toEqual({ stdout: '', stderr: NO_CREDENTIALS, status: 255, signedWith: undefined, imds: [] });
  });

  it('an unreachable service: no credentials', async () => {
    const port = await freePort();
    const outcome = await differential({ env: () => ({ AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${port}/`, AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' }) });
    expect([outcome.stderr, outcome.status]).toEqual([NO_CREDENTIALS, 255]);
  });

  it('a service that cannot be connected to in time (as off EC2): no credentials', async () => {
    const blackhole = await startBlackhole();
    try {
      const outcome = await differential({ env: () => ({ AWS_EC2_METADATA_SERVICE_ENDPOINT: blackhole.url }) });
      expect([outcome.stderr, outcome.status]).toEqual([NO_CREDENTIALS, 255]);
    } finally {
      await blackhole.close();
    }
  });

  it('a service that never answers: no credentials after the timeouts, never a hang', async () => {
    const outcome = await differential({
      setup: (imds) => {
        imds.script('token', [{ hang: true }]);
        imds.script('role-list', [{ hang: true }]);
      },
    });
    expect([outcome.stderr, outcome.status, outcome.imds]).toEqual([NO_CREDENTIALS, 255, ['PUT /latest/api/token -', `GET ${ROLE_PATH} -`]]);
  });

  it('answers 500: retried metadata_service_num_attempts times, then no credentials', async () => {
    const outcome = await differential({
      setup: (imds) => imds.script('credentials', [{ status: 500, body: 'Internal Error' }]),
      config: '[default]\nmetadata_service_num_attempts = 2\n',
    });
    expect([outcome.stderr, outcome.status, outcome.imds]).toEqual([NO_CREDENTIALS, 255, [...V2, V2[2]]]);
  });

  it('garbage instead of the credentials document: no credentials', async () => {
    const outcome = await differential({ setup: (imds) => imds.script('credentials', [{ body: '<html>not json</html>' }]) });
    expect([outcome.stderr, outcome.status]).toEqual([NO_CREDENTIALS, 255]);
  });

  it('IMDSv1 disabled and no token: v1 error', async () => {
    const outcome = await differential({ setup: (imds) => (imds.options.tokenMode = 'off'), env: () => ({ AWS_EC2_METADATA_V1_DISABLED: 'true' }) });
    expect([outcome.stderr, outcome.status]).toEqual([
      '\nError retrieving metadata: Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled\n',
      255,
    ]);
  });

  it('an expiration dateutil cannot read', async () => {
    const outcome = await differential({ setup: (imds) => (imds.options.expiration = 'garbage') });
    expect([outcome.stderr, outcome.status]).toEqual(['\nUnknown string format: garbage\n', 255]);
  });

  it.each([
    ['7', "argument of type 'int' is not iterable"],
    [JSON.stringify({ ...ROLE_DOCUMENT, Expiration: '2099-01-01T00:00:00' }), "can't subtract offset-naive and offset-aware datetimes"],
  ])('a credentials document Python cannot use (%s)', async (body, message) => {
    const outcome = await differential({ setup: (imds) => imds.script('credentials', [{ body }]) });
    expect([outcome.stderr, outcome.status]).toEqual([`\n${message}\n`, 255]);
  });

  it('a token that cannot be sent in a header', async () => {
    const outcome = await differential({ setup: (imds) => imds.script('token', [{ body: 'token\n' }]) });
    expect([outcome.stderr, outcome.status, outcome.imds]).toEqual([
      "\nAn HTTP Client raised an unhandled exception: Invalid header value b'token\\n'\n",
      255,
      ['PUT /latest/api/token -'],
    ]);
  });

  it('a proxy that cannot be reached is an error, not a quiet miss', async () => {
    const port = await freePort();
    const outcome = await differential({
      env: (imds) => ({
        AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url.replace('127.0.0.1', 'localhost'),
        HTTP_PROXY: `http://127.0.0.1:${port}`,
        NO_PROXY: '127.0.0.1',
      }),
    });
    expect([outcome.stderr, outcome.status, outcome.imds]).toEqual([`\nFailed to connect to proxy URL: "http://127.0.0.1:${port}"\n`, 255, []]);
  });

  it('--debug: the same credential lines when the role is found (keys masked)', async () => {
    const scenario: Scenario = { args: ['--debug'] };
    const lines = (outcome: Outcome) =>
      outcome.stderr
        .split('\n')
        .map((line) => / - (botocore\.(?:utils|credentials) - [A-Z]+ - .*)$/.exec(line)?.[1])
        .filter((line) => line !== undefined)
        .map((line) => line.replace(/127\.0\.0\.1:\d+/g, 'IMDS'));
    const v1 = await runOne(scenario, ['aws', 'ec2', 'copy-snapshot']);
    const ours = await runOne(scenario, undefined);
    expect(lines(ours)).toEqual(lines(v1));
    expect(lines(v1).slice(-2)).toEqual([
      'botocore.credentials - DEBUG - Looking for credentials via: iam-role',
      `botocore.credentials - INFO - Found credentials from IAM Role: ${ROLE_NAME}`,
    ]);
    expect(ours.stderr).not.toContain(ROLE_CREDENTIALS.secretAccessKey);
    expect(ours.stderr).not.toContain(ROLE_CREDENTIALS.token);
  });

  it('--debug: the same botocore.utils lines', async () => {
    const scenario: Scenario = {
      setup: (imds) => imds.script('role-list', [{ status: 500, body: 'Internal Error' }]),
      env: () => ({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' }),
      args: ['--debug'],
    };
    const lines = (outcome: Outcome) =>
      outcome.stderr
        .split('\n')
        .map((line) => / - botocore\.utils - DEBUG - (.*)$/.exec(line)?.[1])
        .filter((line) => line !== undefined)
        .map((line) => line.replace(/127\.0\.0\.1:\d+/g, 'IMDS'));
    const v1 = await runOne(scenario, ['aws', 'ec2', 'copy-snapshot']);
    const ours = await runOne(scenario, undefined);
    expect(lines(ours)).toEqual(lines(v1));
    expect(lines(v1).slice(-3)).toEqual([
      "Metadata service returned non-200 response with status code of 500 for url: http://IMDS/latest/meta-data/iam/security-credentials/, content body: b'Internal Error'",
      "Metadata service returned non-200 response with status code of 500 for url: http://IMDS/latest/meta-data/iam/security-credentials/, content body: b'Internal Error'",
      'Max number of attempts exceeded (2) when attempting to retrieve data from metadata service.',
    ]);
  });

  it.each([
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://a b/' }, 'Invalid endpoint EC2 Instance Metadata endpoint: http://a b/'],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv5' }, "Invalid EC2 Instance Metadata endpoint mode: ipv5 Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6')."],
    [{ AWS_METADATA_SERVICE_TIMEOUT: '1.5' }, "invalid literal for int() with base 10: '1.5'"],
  ])('bad metadata settings %j fail even when the environment holds keys (v1 reads them first)', async (env, message) => {
    const outcome = await differential({ env: () => ({ AWS_ACCESS_KEY_ID: 'AKIDENVIRONMENT', AWS_SECRET_ACCESS_KEY: 'env-secret', ...env }) });
    expect([outcome.stderr, outcome.status, outcome.imds]).toEqual([`\n${message}\n`, 255, []]);
  });
});
