// Nothing from the network reaches a terminal with raw control characters
// (src/output/terminal.ts). Values in every output format, error messages and
// --wait's StateMessage carry CR, DEL and C1 characters (CSI U+009B, NEL
// U+0085: all allowed in XML, so they survive an XML parser as strict as
// expat): on a terminal they are shown escaped; on a pipe, stdout and error
// texts are v1's bytes, unchanged.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli.js';
import { escapeControls } from '../../src/output/terminal.js';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome } from '../support/run-main.js';

const home = isolatedHome();
afterAll(() => rmSync(home, { recursive: true, force: true }));
let ec2: Ec2Endpoint;
beforeEach(async () => {
  ec2 = await startEc2Endpoint();
});
afterEach(async () => {
  await ec2.close();
});

const COPY = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1'];
/** A hostile value as the XML carries it, and as the parser hands it over. */
const HOSTILE_XML = 'red&#13;\u009b31m\u0085x\u007fy';
const HOSTILE = 'red\r\u009b31m\u0085x\u007fy';
const SHOWN = 'red\\r\\x9b31m\\x85x\\x7fy';

function answerWithTag(): void {
  ec2.respondWith((request) =>
    request.action === 'CopySnapshot'
      ? {
          status: 200,
          body: `<?xml version="1.0" encoding="UTF-8"?>\n<CopySnapshotResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><snapshotId>snap-0123456789abcdef0</snapshotId><tagSet><item><key>k</key><value>${HOSTILE_XML}</value></item></tagSet></CopySnapshotResponse>`,
        }
      : undefined,
  );
}

async function run(args: readonly string[], tty: boolean) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    env: isolatedEnv(home, { AWS_MAX_ATTEMPTS: '1' }),
    stdoutIsTty: tty,
    terminalColumns: 200,
    stderrIsTty: tty,
    stderrColumns: () => 200,
    runtime: { nodeVersion: 'v20.0.0', os: 'Linux', osRelease: 'test' },
    writeStdout: (text) => void (stdout += text),
    writeStderr: (text) => void (stderr += text),
  };
  const code = await main([...args, '--endpoint-url', ec2.url], io);
  return { code, stdout, stderr };
}

describe('escapeControls', () => {
  it('escapes C0 but tab and newline, DEL and C1, as Python shows them', () => {
    expect(escapeControls('a\x1b]0;title\x07b\rc\td\ne\x00\x7f\x80\x9b\x9f\xa0é')).toBe('a\\x1b]0;title\\x07b\\rc\td\ne\\x00\\x7f\\x80\\x9b\\x9f\xa0é');
  });
});

describe('values in the output', () => {
  it.each([
    ['text', (v: string) => `snap-0123456789abcdef0\nTAGS\tk\t${v}\n`],
    ['json', (v: string) => `{\n    "Tags": [\n        {\n            "Key": "k",\n            "Value": "${v}"\n        }\n    ],\n    "SnapshotId": "snap-0123456789abcdef0"\n}\n`],
  ])('--output %s: escaped on a terminal, v1\'s bytes on a pipe', async (format, expected) => {
    answerWithTag();
    const piped = await run([...COPY, '--output', format], false);
    // v1: text prints the value raw; json.dumps escapes CR and, with ensure_ascii=False, leaves DEL and C1 raw.
    expect(piped).toEqual({ code: 0, stdout: expected(format === 'json' ? 'red\\r\u009b31m\u0085x\u007fy' : HOSTILE), stderr: '' });
    const shown = await run([...COPY, '--output', format], true);
    expect(shown).toEqual({ code: 0, stdout: expected(format === 'json' ? 'red\\r\\u009b31m\\u0085x\\u007fy' : SHOWN), stderr: '' });
  });

  it.each(['table', 'yaml'])('--output %s on a terminal: no control character but newline', async (format) => {
    answerWithTag();
    const shown = await run([...COPY, '--output', format, '--color', 'off'], true);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(SHOWN);
    expect(shown.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    const piped = await run([...COPY, '--output', format, '--color', 'off'], false);
    expect(piped.stdout).not.toBe(shown.stdout);
  });

  it('--query sees the values as they are; only what it returns is escaped', async () => {
    answerWithTag();
    const shown = await run([...COPY, '--output', 'text', '--query', '[Tags[0].Value, length(Tags[0].Value)]'], true);
    expect(shown).toEqual({ code: 0, stdout: `${SHOWN}\t${HOSTILE.length}\n`, stderr: '' });
  });
});

describe('error messages', () => {
  it('a service error Message: escaped on a terminal, as v1 prints it on a pipe', async () => {
    ec2.respondWith(() => ({
      status: 400,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>${HOSTILE_XML}</Message></Error></Errors><RequestID>r</RequestID></Response>`,
    }));
    const line = (m: string) => `\nAn error occurred (InvalidParameterValue) when calling the CopySnapshot operation: ${m}\n`;
    expect(await run(COPY, false)).toEqual({ code: 255, stdout: '', stderr: line(HOSTILE) });
    expect(await run(COPY, true)).toEqual({ code: 255, stdout: '', stderr: line(SHOWN) });
  });

  it('our own messages echoing input: escaped on a terminal', async () => {
    const r = await run([...COPY, 'x\x1b[2Jy'], true);
    expect(r.code).toBe(255);
    expect(r.stderr).toContain('Unknown options: x\\x1b[2Jy');
    expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });
});

describe('--wait', () => {
  it('a StateMessage is always shown escaped (on a pipe too: --wait is ours)', async () => {
    // (The stand-in writes the message as text, where XML turns a CR into a newline: C1 only here.)
    ec2.setSnapshotStates([{ state: 'error', stateMessage: 'bad\u009b31m\u0085x\u007fy' }]);
    for (const tty of [false, true]) {
      const r = await run([...COPY, '--wait'], tty);
      expect(r.code).toBe(255);
      expect(r.stderr).toContain('copy-snapshot: snap-0123456789abcdef0 failed: bad\\x9b31m\\x85x\\x7fy\n');
      expect(r.stderr.replace(/\r(?=snap-)|\x1b\[K/g, '')).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    }
  });
});
