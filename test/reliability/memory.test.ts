// Memory on large input: a 20 MB --cli-input-json value goes through the
// lone-surrogate check, the presigned URL and the signed body in memory
// proportional to its size. Before, the check copied the string into an array
// of one-character strings (tens of bytes per character): with V8's heap held
// to 160 MB the run aborted; now it ends with the connection error it should.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHome, runCli, type Home } from '../support/run-cli.js';

let dir: string;
let home: Home;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cs-memory-'));
  home = makeHome();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(home.dir, { recursive: true, force: true });
});

describe('large --cli-input-json', () => {
  it('20 MB of Description fits in a 160 MB heap', async () => {
    const file = join(dir, 'input.json');
    writeFileSync(file, JSON.stringify({ SourceSnapshotId: 'snap-1', SourceRegion: 'us-east-1', Description: 'x'.repeat(20_000_000) }));
    const r = await runCli(['--cli-input-json', `file://${file}`, '--endpoint-url', 'http://127.0.0.1:1'], {
      home,
      env: { AWS_DEFAULT_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret', AWS_MAX_ATTEMPTS: '1', NODE_OPTIONS: '--max-old-space-size=160' },
    });
    expect([r.stdout, r.stderr, r.status]).toEqual(['', '\nCould not connect to the endpoint URL: "http://127.0.0.1:1/"\n', 255]);
  });

  it('a lone surrogate at the end of a long value is still found, at its code-point position', async () => {
    const { percentEncode } = await import('../../src/request/query-encoding.js');
    const value = `${'\ud83d\ude00'.repeat(3)}${'x'.repeat(1_000_000)}\udc00`;
    expect(() => percentEncode(value)).toThrow("'utf-8' codec can't encode character '\\udc00' in position 1000003: surrogates not allowed");
  });
});
