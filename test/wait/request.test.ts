// waitForCopy against the shared local EC2 endpoint, with real ClientOptions
// (endpoint URL, dummy credentials, the destination Region): what goes on the
// wire, and how EC2's answers (states, StateMessage, throttling, errors,
// a copy progressing with time) come out. Intervals are shortened by injection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import type { ClientOptions } from '../../src/request/client.js';
import { snapshotDescriber } from '../../src/request/describe.js';
import { waitForCopy, type WaitForCopyOptions } from '../../src/wait/index.js';
import { errorResponse, startEc2Endpoint, throttlingResponse, verifySigV4, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { sink } from './fakes.js';

const AKID = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const NEW_ID = 'snap-0123456789abcdef0';
const FAST = { initialMs: 5, factor: 2, maxMs: 20, throttledMaxMs: 40 };

let ec2: Ec2Endpoint;
beforeEach(async () => {
  ec2 = await startEc2Endpoint();
});
afterEach(async () => {
  await ec2.close();
});

function clientOptions(overrides: Partial<ClientOptions> = {}): ClientOptions {
  return {
    region: 'eu-west-1',
    endpoint: ec2.url,
    credentials: async () => ({ accessKeyId: AKID, secretAccessKey: SECRET }),
    // One attempt per poll: throttling reaches the poll loop at once (the SDK's own retries sleep up to seconds).
    maxAttempts: 1,
    retryMode: 'legacy',
    connectTimeoutMs: 5_000,
    readTimeoutMs: 5_000,
    verifySsl: true,
    caBundle: undefined,
    env: {},
    ...overrides,
  };
}

async function wait(options: Partial<WaitForCopyOptions> = {}) {
  const err = sink(false);
  let error: CliError | undefined;
  try {
    await waitForCopy({ snapshotId: NEW_ID, client: clientOptions(), stderr: err, backoff: FAST, ...options });
  } catch (thrown) {
    error = thrown as CliError;
  }
  /** Progress lines without their elapsed (and remaining) times, which real time makes vary. */
  const lines = err
    .text()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/ \(\d+s(, \d+s left)?\)$/, ''));
  return { stderr: err.text(), lines, error };
}

const describes = () => ec2.requests.filter((r) => r.action === 'DescribeSnapshots');

describe('waitForCopy against the EC2 endpoint', () => {
  it('polls DescribeSnapshots for the new snapshot, signed for the destination Region, until completed', async () => {
    ec2.setSnapshotStates([{ state: 'pending', progress: '0%' }, { state: 'pending', progress: '45%' }, { state: 'completed', progress: '100%' }]);
    const r = await wait();
    expect(r.error).toBeUndefined();
    expect(r.lines).toEqual([`${NEW_ID}: pending 0%`, `${NEW_ID}: pending 45%`, `${NEW_ID}: completed 100%`]);
    expect(describes()).toHaveLength(3);
    for (const request of describes()) {
      expect(request.form).toEqual([
        ['Action', 'DescribeSnapshots'],
        ['Version', '2016-11-15'],
        ['SnapshotId.1', NEW_ID],
      ]);
      expect(await verifySigV4(request, { secretAccessKey: SECRET, region: 'eu-west-1', service: 'ec2' })).toBe(true);
    }
  });

  it("reads State, Progress and StateMessage off EC2's XML", async () => {
    ec2.setSnapshotStates([{ state: 'error', progress: '12%', stateMessage: 'Copy failed: <KMS> key is "disabled" & pending deletion' }]);
    const describer = await snapshotDescriber(clientOptions());
    try {
      expect(await describer.describe(NEW_ID)).toEqual({
        snapshotId: NEW_ID,
        state: 'error',
        progress: '12%',
        stateMessage: 'Copy failed: <KMS> key is "disabled" & pending deletion',
      });
    } finally {
      describer.close();
    }
  });

  it('fails with the StateMessage when the copy ends in error', async () => {
    ec2.setSnapshotStates([
      { state: 'pending', progress: '3%' },
      { state: 'error', progress: '3%', stateMessage: 'The KMS key arn:aws:kms:eu-west-1:123456789012:key/1 is disabled.' },
    ]);
    const r = await wait();
    expect(r.lines).toEqual([`${NEW_ID}: pending 3%`, `${NEW_ID}: error 3%`]);
    expect(r.error).toEqual(
      new CliError('general', `copy-snapshot: ${NEW_ID} failed: The KMS key arn:aws:kms:eu-west-1:123456789012:key/1 is disabled.`, 'SnapshotCopyFailed'),
    );
  });

  it('times out naming the snapshot that is still being copied', async () => {
    ec2.setSnapshotStates([{ state: 'pending', progress: '10%' }]);
    const r = await wait({ timeoutMs: 60 });
    expect(r.error).toEqual(
      new CliError(
        'general',
        `copy-snapshot: gave up waiting after 0s (--wait-timeout); the copy ${NEW_ID} is still running in EC2 (last seen: pending 10%)`,
        'WaitTimeout',
      ),
    );
    expect(describes().length).toBeGreaterThanOrEqual(2);
  });

  it('goes on polling through throttling', async () => {
    ec2.setSnapshotStates([{ state: 'pending', progress: '10%' }, { state: 'completed', progress: '100%' }]);
    ec2.respondWith((request) => (request.action === 'DescribeSnapshots' && describes().length <= 3 ? throttlingResponse() : undefined));
    const r = await wait();
    expect(r.error).toBeUndefined();
    expect(r.lines).toEqual([`${NEW_ID}: pending 10%`, `${NEW_ID}: completed 100%`]);
    expect(describes()).toHaveLength(5);
  });

  it('takes InvalidSnapshot.NotFound right after the copy for "not listed yet"', async () => {
    ec2.enqueue(errorResponse(400, 'InvalidSnapshot.NotFound', `The snapshot '${NEW_ID}' does not exist.`));
    const r = await wait();
    expect(r.error).toBeUndefined();
    expect(r.lines).toEqual([`${NEW_ID}: not listed yet`, `${NEW_ID}: completed 100%`]);
  });

  it('fails on InvalidSnapshot.NotFound past the grace period, worded as v1 words it', async () => {
    ec2.respondWith(() => errorResponse(400, 'InvalidSnapshot.NotFound', `The snapshot '${NEW_ID}' does not exist.`));
    const r = await wait({ notListedGraceMs: 30 });
    expect(r.error?.kind).toBe('service');
    expect(r.error?.message).toBe(
      `An error occurred (InvalidSnapshot.NotFound) when calling the DescribeSnapshots operation: The snapshot '${NEW_ID}' does not exist.`,
    );
  });

  it('ends on other service errors of the poll, worded as v1 words them', async () => {
    ec2.enqueue(errorResponse(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const r = await wait();
    expect(r.error?.kind).toBe('service');
    expect(r.error?.message).toBe(
      'An error occurred (UnauthorizedOperation) when calling the DescribeSnapshots operation: You are not authorized to perform this operation.',
    );
  });

  it("ends on a 5xx that is not throttling (after the SDK's own retries, named as v1 names them)", async () => {
    ec2.respondWith(() => errorResponse(500, 'InternalError', 'An internal error has occurred.'));
    const r = await wait();
    expect(r.error?.message).toBe(
      'An error occurred (InternalError) when calling the DescribeSnapshots operation (reached max retries: 0): An internal error has occurred.',
    );
  });

  it('ends on connection errors, worded as v1 words them', async () => {
    const url = ec2.url;
    await ec2.close();
    const r = await wait({ client: clientOptions({ endpoint: url }) });
    expect(r.error).toEqual(new CliError('connection', `Could not connect to the endpoint URL: "${url}/"`));
    ec2 = await startEc2Endpoint();
  });

  it('stops at once on abort, even with a request in flight', async () => {
    ec2.enqueue({ delayMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    // Without the abort, the answer 5 s later would end the wait some other way than this.
    const r = await wait({ signal: controller.signal });
    expect(r.error).toEqual(new CliError('interrupted', `copy-snapshot: stopped waiting; the copy ${NEW_ID} continues in EC2`, 'WaitStopped'));
    // the message is printed with the error (src/cli.ts), after the progress
    expect(r.stderr).toBe('');
  });

  it('follows a copy that progresses with time (the demo endpoint)', async () => {
    ec2.setCopyProgress({ durationMs: 300 });
    const r = await wait({ backoff: { initialMs: 40, factor: 1, maxMs: 40, throttledMaxMs: 80 } });
    expect(r.error).toBeUndefined();
    const percents = r.lines.map((line) => line.split(' ').slice(1).join(' '));
    expect(percents[0]).toMatch(/^pending \d%$/);
    expect(percents.at(-1)).toBe('completed 100%');
    const numbers = percents.slice(0, -1).map((p) => Number(/(\d+)%/.exec(p)![1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers.length).toBeGreaterThanOrEqual(3);
  });
});

describe('the endpoint for --wait and the demo', () => {
  it('answers CopySnapshot of an unknown source with InvalidSnapshot.NotFound when seeded with sources', async () => {
    const seeded = await startEc2Endpoint({ sourceSnapshots: ['snap-source'], copyProgress: { durationMs: 10_000 } });
    try {
      const post = (source: string) =>
        fetch(seeded.url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `Action=CopySnapshot&Version=2016-11-15&SourceRegion=us-east-1&SourceSnapshotId=${source}`,
        });
      const missing = await post('snap-other');
      expect(missing.status).toBe(400);
      expect(await missing.text()).toContain(
        "<Code>InvalidSnapshot.NotFound</Code><Message>The snapshot &apos;snap-other&apos; does not exist.</Message>",
      );
      const copied = await post('snap-source');
      expect(copied.status).toBe(200);
      expect(await copied.text()).toContain(`<snapshotId>${NEW_ID}</snapshotId>`);
      const describer = await snapshotDescriber(clientOptions({ endpoint: seeded.url }));
      try {
        expect(await describer.describe(NEW_ID)).toEqual({ snapshotId: NEW_ID, state: 'pending', progress: '0%' });
      } finally {
        describer.close();
      }
    } finally {
      await seeded.close();
    }
  });

  it('ends a progressing copy in the given end state', async () => {
    ec2.setCopyProgress({ durationMs: 0, end: { state: 'error', progress: '50%', stateMessage: 'broken' } });
    const describer = await snapshotDescriber(clientOptions());
    try {
      expect(await describer.describe(NEW_ID)).toEqual({ snapshotId: NEW_ID, state: 'error', progress: '50%', stateMessage: 'broken' });
      ec2.setSnapshotStates([{ state: 'pending' }]);
      expect(await describer.describe(NEW_ID)).toEqual({ snapshotId: NEW_ID, state: 'pending', progress: '0%' });
    } finally {
      describer.close();
    }
  });
});
