// Bodies whose bytes are not all UTF-8 (the differential stand-in sends text
// only). botocore tells expat the body is UTF-8 whatever its XML declaration
// says, so the first byte that is not UTF-8 is an invalid token; columns count
// characters. The expected texts are what AWS CLI v1 (aws-cli/1.45.11
// botocore/1.43.11, AWS_MAX_ATTEMPTS=1) printed for the very same bytes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY, makeHome, runCli } from '../support/run-cli.js';

let server: Server;
let url: string;
let answer: { status: number; body: Buffer } = { status: 200, body: Buffer.alloc(0) };

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(answer.status, { 'Content-Length': String(answer.body.length) });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function run(status: number, latin1: string) {
  answer = { status, body: Buffer.from(latin1, 'latin1') };
  return runCli([...COPY, '--endpoint-url', url], {
    home: makeHome(),
    env: { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: '1' },
  });
}

const unparsable = (reason: string, bytes: string) =>
  `\nUnable to parse response (${reason}), invalid XML received. Further retries may succeed:\n${bytes}\n`;

describe('bytes that are not UTF-8', () => {
  it.each([
    [
      'a stray byte',
      200,
      '<CopySnapshotResponse><snapshotId>snap-\xff</snapshotId></CopySnapshotResponse>',
      unparsable('not well-formed (invalid token): line 1, column 39', "b'<CopySnapshotResponse><snapshotId>snap-\\xff</snapshotId></CopySnapshotResponse>'"),
    ],
    [
      'Latin-1 text, declared as such (the declaration is not followed)',
      200,
      '<?xml version="1.0" encoding="ISO-8859-1"?><CopySnapshotResponse><snapshotId>snap-\xe9</snapshotId></CopySnapshotResponse>',
      unparsable(
        'not well-formed (invalid token): line 1, column 82',
        `b'<?xml version="1.0" encoding="ISO-8859-1"?><CopySnapshotResponse><snapshotId>snap-\\xe9</snapshotId></CopySnapshotResponse>'`,
      ),
    ],
    [
      'after a character outside the BMP (one column)',
      200,
      '<CopySnapshotResponse><snapshotId>\xf0\x9f\x98\x80\xff</snapshotId></CopySnapshotResponse>',
      unparsable(
        'not well-formed (invalid token): line 1, column 35',
        "b'<CopySnapshotResponse><snapshotId>\\xf0\\x9f\\x98\\x80\\xff</snapshotId></CopySnapshotResponse>'",
      ),
    ],
    [
      'in an error answer',
      400,
      '<Response><Errors><Error><Code>A</Code><Message>caf\xe9</Message></Error></Errors></Response>',
      unparsable('not well-formed (invalid token): line 1, column 51', "b'<Response><Errors><Error><Code>A</Code><Message>caf\\xe9</Message></Error></Errors></Response>'"),
    ],
  ])('%s', async (_, status, body, stderr) => {
    const r = await run(status, body);
    expect([r.stdout, r.stderr, r.status]).toEqual(['', stderr, 255]);
  });

  it('U+FFFD written in UTF-8 is a character like any other', async () => {
    const r = await run(200, '<CopySnapshotResponse><snapshotId>snap-\xef\xbf\xbd</snapshotId></CopySnapshotResponse>');
    expect([r.stdout, r.stderr, r.status]).toEqual(['{\n    "SnapshotId": "snap-\ufffd"\n}\n', '', 0]);
  });
});
