// Answers too big to parse (src/request/response-body.ts): the SDK's XML parser
// takes dozens of times a document's size in memory, so a body above
// MAX_RESPONSE_BYTES is refused, unparsed and unretried, whether its size is
// declared or it simply keeps coming. v1 has no such limit (and 200 MB took our
// process down before the cap); the limit is far above any real EC2 answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RESPONSE_BYTES } from '../../src/request/response-body.js';
import { startEc2Endpoint, type Ec2Endpoint, type ScriptedResponse } from '../support/ec2-endpoint.js';
import { COPY, makeHome, runCli } from '../support/run-cli.js';

let ec2: Ec2Endpoint;

beforeAll(async () => {
  ec2 = await startEc2Endpoint();
});
afterAll(async () => {
  await ec2.close();
});
beforeEach(() => {
  ec2.respondWith(undefined);
});

async function answer(response: ScriptedResponse, maxAttempts = '1') {
  ec2.respondWith(() => response);
  const before = ec2.requests.length;
  const r = await runCli([...COPY, '--endpoint-url', ec2.url], {
    home: makeHome(),
    env: { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: maxAttempts },
  });
  return { ...r, attempts: ec2.requests.length - before };
}

/** A well-formed CopySnapshot answer of exactly `size` bytes (padded with a comment). */
function answerOfSize(size: number): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n<CopySnapshotResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><snapshotId>snap-big</snapshotId><!--';
  const tail = '--></CopySnapshotResponse>';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}

const TOO_LARGE = `\nResponse too large: the endpoint sent more than ${MAX_RESPONSE_BYTES} bytes, more than any answer to this request can be; it was not parsed.\n`;

describe('response size cap', () => {
  it('is 4 MiB', () => {
    expect(MAX_RESPONSE_BYTES).toBe(4 * 1024 * 1024);
  });

  it('parses an answer of the cap exactly', async () => {
    const r = await answer({ status: 200, body: answerOfSize(MAX_RESPONSE_BYTES) });
    expect([r.stdout, r.stderr, r.status]).toEqual(['{\n    "SnapshotId": "snap-big"\n}\n', '', 0]);
  });

  it('refuses a well-formed answer one byte over the cap (declared by Content-Length), without retrying', async () => {
    const r = await answer({ status: 200, body: answerOfSize(MAX_RESPONSE_BYTES + 1) }, '3');
    expect([r.stdout, r.stderr, r.status, r.attempts]).toEqual(['', TOO_LARGE, 255, 1]);
  });

  it('refuses a chunked answer that keeps coming past the cap', async () => {
    const r = await answer({ status: 200, body: answerOfSize(3 * MAX_RESPONSE_BYTES), headers: { 'Transfer-Encoding': 'chunked' } });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', TOO_LARGE, 255]);
  });

  it('refuses an oversized error answer too', async () => {
    const body = `<?xml version="1.0"?><Response><Errors><Error><Code>X</Code><Message>${'m'.repeat(MAX_RESPONSE_BYTES)}</Message></Error></Errors></Response>`;
    const r = await answer({ status: 400, body });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', TOO_LARGE, 255]);
  });
});
