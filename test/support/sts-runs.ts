// Runs `copy-snapshot` (the built binary) or AWS CLI v1 (`aws ec2
// copy-snapshot`) against the local EC2 and STS stand-ins, each in a fresh
// HOME, and gathers what a differential test compares: stdout, stderr, exit
// code, the STS calls (bodies, signers) and who signed the EC2 requests.
//
//   const runner = stsRunner(() => ({ sts, ec2 }));
//   const ours = await runner.run({ env: { AWS_ROLE_ARN: ..., ... } });
//   const theirs = await runner.run({ env: ... }, V1);
//   expect(ours).toEqual(theirs);
//   await runner.cleanUp();   // afterAll: removes the HOMEs
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Ec2Endpoint } from './ec2-endpoint.js';
import { COPY, makeHome, runCli, signingKey, type Home } from './run-cli.js';
import type { StsEndpoint } from './sts-endpoint.js';

/** Whether AWS CLI v1 is on PATH (differential tests are skipped without it). */
export const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

/** The command that runs AWS CLI v1 instead of the binary. */
export const V1 = ['aws', 'ec2', 'copy-snapshot'] as const;

export interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  /** The STS bodies, a generated session name's seconds masked (two runs start in different seconds). */
  readonly stsBodies: string[];
  /** Who signed each STS call (access key id, Region), undefined when unsigned. */
  readonly stsSigners: Array<[string | undefined, string | undefined]>;
  /** Who signed each EC2 request, and with which session token. */
  readonly ec2Signers: Array<[string | undefined, unknown]>;
}

export interface Scenario {
  /** Added to the base environment (Region eu-west-1, STS at the stand-in, one attempt); undefined removes. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly config?: string;
  readonly credentials?: string;
  readonly args?: readonly string[];
  /** Run in this HOME (and leave it) instead of a fresh one. */
  readonly home?: Home;
}

export interface StsRunner {
  run(scenario: Scenario, command?: readonly string[]): Promise<Outcome>;
  /** A fresh HOME, removed by cleanUp(). */
  home(): Home;
  cleanUp(): void;
}

export function stsRunner(servers: () => { readonly sts: StsEndpoint; readonly ec2: Ec2Endpoint }): StsRunner {
  const homes: Home[] = [];
  const home = (files: { config?: string; credentials?: string } = {}) => {
    const made = makeHome(files);
    homes.push(made);
    return made;
  };
  return {
    home: () => home(),
    cleanUp: () => {
      for (const made of homes.splice(0)) rmSync(made.dir, { recursive: true, force: true });
    },
    async run(scenario, command) {
      const { sts, ec2 } = servers();
      const where = scenario.home ?? home({ config: scenario.config ?? '', credentials: scenario.credentials ?? '' });
      const [s, e] = [sts.requests.length, ec2.requests.length];
      const r = await runCli([...COPY, '--endpoint-url', ec2.url, ...(scenario.args ?? [])], {
        home: where,
        command,
        env: { AWS_DEFAULT_REGION: 'eu-west-1', AWS_ENDPOINT_URL_STS: sts.url, AWS_MAX_ATTEMPTS: '1', ...scenario.env },
      });
      const stsCalls = sts.requests.slice(s);
      return {
        ...r,
        stsBodies: stsCalls.map((q) => q.body.replace(/botocore-session-\d+/, 'botocore-session-N')),
        stsSigners: stsCalls.map((q) => [q.accessKeyId, q.signingRegion]),
        ec2Signers: ec2.requests.slice(e).map((q) => [signingKey(q.headers.authorization), q.headers['x-amz-security-token']]),
      };
    },
  };
}
