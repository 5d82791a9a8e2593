// Large and odd input, each with its exact exit code and message (AWS CLI
// v1's wording): a 10 MB --cli-input-json, non-UTF-8 files, a directory and
// a missing file as file://, an unreadable file, empty files, a very long argv.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome, runMain } from '../support/run-main.js';
import { spawnBin } from './support.js';

let home: string;
let ec2: Ec2Endpoint;
const path = (name: string) => join(home, name);

beforeAll(() => {
  home = isolatedHome();
  writeFileSync(path('empty'), '');
  // "café\n" in Latin-1: 0xE9 alone is not UTF-8.
  writeFileSync(path('latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  mkdirSync(path('a-directory'));
  writeFileSync(path('unreadable.txt'), 'secret');
  chmodSync(path('unreadable.txt'), 0o000);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));
beforeEach(async () => {
  ec2 = await startEc2Endpoint();
});
afterEach(async () => {
  await ec2.close();
});

function required(): string[] {
  return ['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1', '--endpoint-url', ec2.url];
}

function run(argv: string[]) {
  return runMain(argv, isolatedEnv(home, { AWS_MAX_ATTEMPTS: '1' }));
}

const form = (key: string) => ec2.requests[0]?.form.find(([k]) => k === key)?.[1];
const COPIED = '{\n    "SnapshotId": "snap-0123456789abcdef0"\n}\n';
const DECODE_HINT = 'text contents could not be decoded.  If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.';

describe('a 10 MB --cli-input-json', () => {
  const TEN_MB = 10 * 1024 * 1024;

  it('valid: sent whole (Description of 10 MB in the body), exit 0', async () => {
    const description = `${'x'.repeat(TEN_MB - 4)}é€😀`;
    writeFileSync(path('big.json'), JSON.stringify({ SourceRegion: 'us-west-2', SourceSnapshotId: 'snap-1', Description: description }));
    const r = await runMain(['--cli-input-json', `file://${path('big.json')}`, '--endpoint-url', ec2.url], isolatedEnv(home));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(COPIED);
    expect(ec2.requests).toHaveLength(1);
    expect(form('Description')).toBe(description);
  });

  it('invalid at the very end: "Invalid JSON" with the position, and the document echoed, exit 255', async () => {
    const text = `{"Description": "${'x'.repeat(TEN_MB)}",}`;
    writeFileSync(path('big-bad.json'), text);
    const r = await run([...required(), '--cli-input-json', `file://${path('big-bad.json')}`]);
    expect(r.code).toBe(255);
    expect(r.stdout).toBe('');
    const column = text.length; // the `}` after the trailing comma, 1-based
    expect(r.stderr).toBe(
      `\nError parsing parameter 'cli-input-json': Invalid JSON: Expecting property name enclosed in double quotes: line 1 column ${column} (char ${column - 1})\nJSON received: ${text}\n`,
    );
    expect(ec2.requests).toHaveLength(0);
  });

  it('wrong type for a member: "Parameter validation failed" naming it, exit 255', async () => {
    writeFileSync(path('big-type.json'), JSON.stringify({ Description: 'x'.repeat(TEN_MB), DryRun: 'yes' }));
    const r = await run([...required(), '--cli-input-json', `file://${path('big-type.json')}`]);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe("\nParameter validation failed:\nInvalid type for parameter DryRun, value: yes, type: <class 'str'>, valid types: <class 'bool'>\n");
    expect(ec2.requests).toHaveLength(0);
  });
});

describe('non-UTF-8 files', () => {
  it.each(['--description', '--cli-input-json', '--tag-specifications', '--kms-key-id'])('%s file://latin1.txt → cannot be decoded, exit 255', async (option) => {
    const r = await run([...required(), option, `file://${path('latin1.txt')}`]);
    expect(r.code).toBe(255);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`\nError parsing parameter '${option}': Unable to load paramfile (${path('latin1.txt')}), ${DECODE_HINT}\n`);
  });

  it('--description fileb://latin1.txt → bytes are not a string: validation, exit 255', async () => {
    const r = await run([...required(), '--description', `fileb://${path('latin1.txt')}`]);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(
      "\nParameter validation failed:\nInvalid type for parameter Description, value: b'caf\\xe9\\n', type: <class 'bytes'>, valid types: <class 'str'>\n",
    );
  });

  it('shorthand Key@=file://latin1.txt → the load error as a plain message, exit 255', async () => {
    const r = await run([...required(), '--tag-specifications', `ResourceType=snapshot,Tags=[{Key=k,Value@=file://${path('latin1.txt')}}]`]);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(`\nUnable to load paramfile (${path('latin1.txt')}), ${DECODE_HINT}\n`);
  });
});

describe('a directory, a missing file and an unreadable file as file://', () => {
  it.each(['--description', '--cli-input-json', '--cli-input-yaml', '--tag-specifications', '--completion-duration-minutes'])(
    '%s file://<directory> → [Errno 21] Is a directory, exit 255',
    async (option) => {
      const dir = path('a-directory');
      const r = await run([...required(), option, `file://${dir}`]);
      expect(r.code).toBe(255);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`\nError parsing parameter '${option}': Unable to load paramfile file://${dir}: [Errno 21] Is a directory: '${dir}'\n`);
    },
  );

  it('--description file://<missing> → [Errno 2] No such file or directory, exit 255', async () => {
    const missing = path('no-such-file');
    const r = await run([...required(), '--description', `file://${missing}`]);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(`\nError parsing parameter '--description': Unable to load paramfile file://${missing}: [Errno 2] No such file or directory: '${missing}'\n`);
  });

  // root reads any file, so the permission error cannot be produced as root.
  it.skipIf(process.getuid?.() === 0)('--description file://<mode 000> → [Errno 13] Permission denied, exit 255', async () => {
    const file = path('unreadable.txt');
    const r = await run([...required(), '--description', `file://${file}`]);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(`\nError parsing parameter '--description': Unable to load paramfile file://${file}: [Errno 13] Permission denied: '${file}'\n`);
  });
});

describe('an empty file', () => {
  it('--description file://empty → an empty Description is sent, exit 0', async () => {
    const r = await run([...required(), '--description', `file://${path('empty')}`]);
    expect(r).toEqual({ code: 0, stdout: COPIED, stderr: '' });
    expect(form('Description')).toBe('');
  });

  it('--cli-input-json file://empty → Invalid JSON: Expecting value, exit 255', async () => {
    const r = await run([...required(), '--cli-input-json', `file://${path('empty')}`]);
    expect(r).toEqual({
      code: 255,
      stdout: '',
      stderr: "\nError parsing parameter 'cli-input-json': Invalid JSON: Expecting value: line 1 column 1 (char 0)\nJSON received: \n",
    });
  });

  it('--cli-input-yaml file://empty → expecting map, received NoneType, exit 255', async () => {
    const r = await run([...required(), '--cli-input-yaml', `file://${path('empty')}`]);
    expect(r).toEqual({
      code: 255,
      stdout: '',
      stderr: "\nError parsing parameter '--cli-input-yaml': Invalid type: expecting map, received <class 'NoneType'>\n",
    });
  });

  it("--tag-specifications file://empty → shorthand: Expected '=', received EOF, exit 255", async () => {
    const r = await run([...required(), '--tag-specifications', `file://${path('empty')}`]);
    expect(r).toEqual({
      code: 255,
      stdout: '',
      stderr: "\nError parsing parameter '--tag-specifications': Expected: '=', received: 'EOF' for input:\n\n^\n",
    });
  });

  it('--completion-duration-minutes file://empty → int() of an empty string, exit 255', async () => {
    const r = await run([...required(), '--completion-duration-minutes', `file://${path('empty')}`]);
    expect(r).toEqual({ code: 255, stdout: '', stderr: "\ninvalid literal for int() with base 10: ''\n" });
  });
});

describe('a very long argv', () => {
  const words = Array.from({ length: 10_000 }, (_, i) => `w${i}`);

  // The first bare word is taken by argparse's hidden `help` positional and listed last, as v1 lists it.
  const listed = [...words.slice(1), words[0]].join(', ');

  it('10,000 unknown words → every one listed in "Unknown options", exit 255', async () => {
    const r = await run([...required(), ...words]);
    expect(r.code).toBe(255);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`usage: copy-snapshot [options]\nTo see help text, you can run:\n\n  copy-snapshot help\n\nUnknown options: ${listed}\n`);
  });

  it('10,000 × --description: the last one wins, exit 0', async () => {
    const r = await run([...required(), ...words.flatMap((w) => ['--description', w])]);
    expect(r).toEqual({ code: 0, stdout: COPIED, stderr: '' });
    expect(form('Description')).toBe('w9999');
  });

  it('the binary with 10,000 unknown words → exit 255 and the whole list', async () => {
    const r = await spawnBin([...required(), ...words], { env: { PATH: process.env.PATH ?? '', ...isolatedEnv(home) } });
    expect(r.status).toBe(255);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith(`\nUnknown options: ${listed}\n`)).toBe(true);
  });

  it('10,000 --tag-specifications words (parsed and validated) → exit 0 with --generate-cli-skeleton output', async () => {
    const r = await run([...required(), '--generate-cli-skeleton', 'output', '--tag-specifications', ...words.map(() => 'ResourceType=snapshot')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  // BUG-8 (fixed): presigning was quadratic in the number of parameters (the
  // SDK's HttpRequest.clone; see src/request/sdk.ts): 10,000 words took about
  // 25 s, past this test's time-out. Nothing here is timed: the words must
  // simply all arrive, in the body and in the presigned URL.
  it('BUG-8: 10,000 --tag-specifications words are sent, in the body and in the PresignedUrl', async () => {
    const many = Array.from({ length: 10_000 }, () => 'ResourceType=snapshot');
    const r = await run([...required(), '--tag-specifications', ...many]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(COPIED);
    expect(form('TagSpecification.10000.ResourceType')).toBe('snapshot');
    const presigned = new URL(form('PresignedUrl')!);
    expect(presigned.searchParams.get('TagSpecification.1.ResourceType')).toBe('snapshot');
    expect(presigned.searchParams.get('TagSpecification.10000.ResourceType')).toBe('snapshot');
    expect(presigned.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});
