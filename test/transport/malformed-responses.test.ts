// Answers that are not EC2's XML: empty bodies, broken XML, HTML error pages
// from proxies and load balancers. The expected texts are what the real AWS
// CLI v1 (aws-cli/1.45.11 botocore/1.43.11) printed for the very same bodies
// (AWS_MAX_ATTEMPTS=1 to keep it quick). botocore's rules:
//   - status >= 500 with an empty body or one starting with `<html>` (after
//     stripping): a service error with Code = the status and Message = the
//     HTTP reason phrase (`(502) ... Bad Gateway`), retried like any 5xx;
//   - otherwise the body must be XML (expat), else `Unable to parse response
//     (<expat message>: line L, column C), invalid XML received. Further
//     retries may succeed:\n<Python bytes repr of the body>` (not retried);
//   - error XML without Errors/Error/Code gives Code and Message `Unknown`.
// src/request/client.ts (checkResponseBody) and xml-check.ts follow them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

async function answer(response: ScriptedResponse) {
  ec2.respondWith(() => response);
  return runCli([...COPY, '--endpoint-url', ec2.url], {
    home: makeHome(),
    env: { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: '1' },
  });
}

const unparsable = (reason: string, bytes: string) =>
  `\nUnable to parse response (${reason}), invalid XML received. Further retries may succeed:\n${bytes}\n`;

const NGINX_502 =
  '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';

describe('bodies that v1 and we already treat alike', () => {
  it('503 with a <!DOCTYPE html> page: parsed as XML, no error code', async () => {
    const r = await answer({ status: 503, body: '<!DOCTYPE html><html><body>x</body></html>', headers: { 'Content-Type': 'text/html' } });
    expect([r.stdout, r.stderr, r.status]).toEqual([
      '',
      '\nAn error occurred (Unknown) when calling the CopySnapshot operation (reached max retries: 0): Unknown\n',
      255,
    ]);
  });

  it('200 with a different root element: an empty result, nothing printed', async () => {
    const r = await answer({ status: 200, body: '<Response/>' });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', '', 0]);
  });
});

describe('KNOWN DIFFERENCES (src/request/client.ts)', () => {
  // We print nothing and exit 0.
  it('200 with an empty body', async () => {
    const r = await answer({ status: 200, body: '' });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', unparsable('no element found: line 1, column 0', "b''"), 255]);
  });

  // We print `@aws-sdk XML parse error: missing closing tag </snapshotId>.\n  Deserialization error: to see the raw response, ...`.
  it('200 with truncated XML', async () => {
    const r = await answer({ status: 200, body: '<CopySnapshotResponse><snapshotId>snap-1' });
    expect([r.stdout, r.stderr, r.status]).toEqual([
      '',
      unparsable('no element found: line 1, column 40', "b'<CopySnapshotResponse><snapshotId>snap-1'"),
      255,
    ]);
  });

  // We print `@aws-sdk XML parse error: unexpected content.\n  Deserialization error: ...`.
  it('200 with text that is not XML', async () => {
    const r = await answer({ status: 200, body: 'hello world' });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', unparsable('syntax error: line 1, column 0', "b'hello world'"), 255]);
  });

  it('200 with non-ASCII text (bytes shown escaped)', async () => {
    const r = await answer({ status: 200, body: 'été' });
    expect(r.stderr).toBe(unparsable('syntax error: line 1, column 0', "b'\\xc3\\xa9t\\xc3\\xa9'"));
  });

  // We print `@aws-sdk XML parse error: mismatched tags <a> and </b>. ...`.
  it('200 with mismatched tags', async () => {
    const r = await answer({ status: 200, body: '<a></b>' });
    expect(r.stderr).toBe(unparsable('mismatched tag: line 1, column 5', "b'<a></b>'"));
  });

  // We succeed and print nothing.
  it('200 with two root elements', async () => {
    const r = await answer({ status: 200, body: '<a/><b/>' });
    expect([r.stderr, r.status]).toEqual([unparsable('junk after document element: line 1, column 4', "b'<a/><b/>'"), 255]);
  });

  // We succeed and print nothing.
  it('200 with an undefined entity', async () => {
    const r = await answer({ status: 200, body: '<a>&bogus;</a>' });
    expect([r.stderr, r.status]).toEqual([unparsable('undefined entity: line 1, column 3', "b'<a>&bogus;</a>'"), 255]);
  });

  // We print `An error occurred (Unknown) ... (reached max retries: 0): Unknown`.
  it('502 with a small HTML page', async () => {
    const r = await answer({ status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'Content-Type': 'text/html' } });
    expect([r.stdout, r.stderr, r.status]).toEqual([
      '',
      '\nAn error occurred (502) when calling the CopySnapshot operation (reached max retries: 0): Bad Gateway\n',
      255,
    ]);
  });

  // We print `@aws-sdk XML parse error: mismatched tags <hr> and </body>. ...`.
  it("502 with nginx's HTML page (not well-formed XML)", async () => {
    const r = await answer({ status: 502, body: NGINX_502, headers: { 'Content-Type': 'text/html' } });
    expect(r.stderr).toBe('\nAn error occurred (502) when calling the CopySnapshot operation (reached max retries: 0): Bad Gateway\n');
  });

  // We print `An error occurred (Unknown) ... (reached max retries: 0): Unknown`.
  it('500 with an empty body', async () => {
    const r = await answer({ status: 500, body: '' });
    expect(r.stderr).toBe('\nAn error occurred (500) when calling the CopySnapshot operation (reached max retries: 0): Internal Server Error\n');
  });

  // We print `@aws-sdk XML parse error: no root element. ...`.
  it('504 with only whitespace', async () => {
    const r = await answer({ status: 504, body: '  \n' });
    expect(r.stderr).toBe('\nAn error occurred (504) when calling the CopySnapshot operation (reached max retries: 0): Gateway Timeout\n');
  });

  // We print `An error occurred (Unknown) when calling the CopySnapshot operation: Unknown`.
  it('599 (no reason phrase, not retried) with an empty body', async () => {
    const r = await answer({ status: 599, body: '' });
    expect(r.stderr).toBe('\nAn error occurred (599) when calling the CopySnapshot operation: \n');
  });

  // We print `An error occurred (Unknown) when calling the CopySnapshot operation: Unknown`.
  it('400 with an empty body', async () => {
    const r = await answer({ status: 400, body: '' });
    expect(r.stderr).toBe(unparsable('no element found: line 1, column 0', "b''"));
  });

  // We print `@aws-sdk XML parse error: unexpected content. ...`.
  it('500 with plain text (not empty, not <html>: parsed as XML)', async () => {
    const r = await answer({ status: 500, body: 'oops' });
    expect(r.stderr).toBe(unparsable('syntax error: line 1, column 0', "b'oops'"));
  });

  // We print `An error occurred (NotFound) ...: Unknown` (the SDK derives a code from the status).
  it('404 with a well-formed HTML page', async () => {
    const r = await answer({ status: 404, body: '<html><body>Not Found</body></html>', headers: { 'Content-Type': 'text/html' } });
    expect(r.stderr).toBe('\nAn error occurred (Unknown) when calling the CopySnapshot operation: Unknown\n');
  });
});
