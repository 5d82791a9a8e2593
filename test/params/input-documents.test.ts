// --cli-input-json / --cli-input-yaml / paramfiles, through main() with the
// request replaced (runPlanned): the parameters a CopySnapshot would carry,
// in order, without a socket; one case still goes to the local endpoint. v1
// texts were checked with `aws ec2 copy-snapshot` (1.45.11); the YAML
// behaviour follows AWS CLI v2 (decisions.md, "Beyond v1").
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ParamError } from '../../src/errors.js';
import { loadOptionValue, URL_FETCH_LIMITS } from '../../src/params/paramfile.js';
import { startEc2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome, runMain, runPlanned, type SentCopy } from '../support/run-main.js';

/** Never reached: the request is replaced. */
const ENDPOINT = 'http://127.0.0.1:9001';
let home: string;
let sent: readonly SentCopy[];
beforeEach(() => {
  home = isolatedHome();
  sent = [];
});

const BASE = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1'];

/** The parameters of the one CopySnapshot that would have been sent, in order. */
function sentParams(): Array<readonly [string, unknown]> {
  expect(sent).toHaveLength(1);
  return [...sent[0]!.params];
}

async function run(args: string[], extraEnv: Record<string, string> = {}) {
  const r = await runPlanned([...args, '--endpoint-url', ENDPOINT], isolatedEnv(home, extraEnv));
  sent = r.sent;
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

describe('--cli-input-yaml', () => {
  it('merges a YAML document under the command line, in document order', async () => {
    const yaml = 'SourceSnapshotId: snap-9\nSourceRegion: us-east-1\nDescription: from yaml\nEncrypted: true\n';
    const r = await run(['--cli-input-yaml', yaml, '--description', 'from argv']);
    expect(r.code).toBe(0);
    expect(sentParams()).toEqual([
      ['Description', 'from argv'],
      ['SourceSnapshotId', 'snap-9'],
      ['SourceRegion', 'us-east-1'],
      ['Encrypted', true],
    ]);
  });

  it('reads a file:// document, and round-trips the yaml-input skeleton', async () => {
    const skeleton = await runMain(['--generate-cli-skeleton', 'yaml-input'], isolatedEnv(home));
    expect(skeleton.code).toBe(0);
    const filled = skeleton.stdout
      .split('\n')
      .filter((line) => /^(SourceRegion|SourceSnapshotId|Description):/.test(line))
      .map((line) => line.replace("''", line.startsWith('SourceRegion') ? 'us-east-1' : line.startsWith('Source') ? 'snap-7' : 'round trip'))
      .join('\n');
    writeFileSync(join(home, 'in.yaml'), `${filled}\n`);
    const r = await run(['--cli-input-yaml', `file://${join(home, 'in.yaml')}`]);
    expect(r.code).toBe(0);
    expect(sentParams()).toEqual([
      ['Description', 'round trip'],
      ['SourceRegion', 'us-east-1'],
      ['SourceSnapshotId', 'snap-7'],
    ]);
  });

  it.each([
    [['--cli-input-yaml', 'a: [1', ...BASE], "\nError parsing parameter 'cli-input-yaml': Invalid YAML received.\n"],
    [['--cli-input-yaml', '- 1\n- 2\n'], "\nError parsing parameter '--cli-input-yaml': Invalid type: expecting map, received <class 'list'>\n"],
    [['--cli-input-yaml', 'a: 1', '--cli-input-json', '{}'], '\nError parsing parameter: Only one --cli-input- parameter may be specified.\n'],
  ])('%j fails with rc 255', async (args, stderr) => {
    const r = await run(args);
    expect(r).toEqual({ code: 255, stdout: '', stderr: stderr.replace('Error parsing parameter: ', '') });
    expect(sent).toHaveLength(0);
  });
});

describe('--cli-input-json', () => {
  it('reads the document from a file', async () => {
    writeFileSync(join(home, 'in.json'), '{"SourceRegion": "us-east-1", "SourceSnapshotId": "snap-3", "DryRun": false}');
    const r = await run(['--cli-input-json', `file://${join(home, 'in.json')}`]);
    expect(r.code).toBe(0);
    expect(sentParams()).toEqual([
      ['SourceRegion', 'us-east-1'],
      ['SourceSnapshotId', 'snap-3'],
      ['DryRun', false],
    ]);
  });

  it.each([
    ['[1, 2]', "\n'list' object has no attribute 'keys'\n"],
    ['"text"', "\n'str' object has no attribute 'keys'\n"],
    ['{"SourceRegion": "us-east-1",', "\nError parsing parameter 'cli-input-json': Invalid JSON: Expecting property name enclosed in double quotes: line 1 column 30 (char 29)\nJSON received: {\"SourceRegion\": \"us-east-1\",\n"],
  ])('%s → v1 text', async (json, stderr) => {
    expect(await run(['--cli-input-json', json])).toEqual({ code: 255, stdout: '', stderr });
  });
});

describe('paramfiles', () => {
  it('file:// keeps the content verbatim with universal newlines, expanding ~ and $VAR', async () => {
    writeFileSync(join(home, 'desc.txt'), 'line one\r\nline two\n');
    const r = await run([...BASE, '--description', 'file://~/desc.txt']);
    expect(r.code).toBe(0);
    expect(sentParams()).toContainEqual(['Description', 'line one\nline two\n']);
  });

  it('expands $VAR in the path', async () => {
    writeFileSync(join(home, 'kms.txt'), 'alias/from-file');
    const r = await run([...BASE, '--kms-key-id', 'file://$KEYDIR/kms.txt'], { KEYDIR: home });
    expect(r.code).toBe(0);
    expect(sentParams()).toContainEqual(['KmsKeyId', 'alias/from-file']);
  });

  it('sends --presigned-url as written, even when it is a URL (decision 6; on the wire)', async () => {
    const ec2 = await startEc2Endpoint();
    try {
      const url = `${ec2.url}/?Action=CopySnapshot&X-Amz-Signature=abc`;
      const r = await runMain([...BASE, '--presigned-url', url, '--endpoint-url', ec2.url], isolatedEnv(home));
      expect(r.code).toBe(0);
      expect(ec2.requests[0]!.form).toContainEqual(['PresignedUrl', url]);
    } finally {
      await ec2.close();
    }
  });

  it('fetches other http:// values, unless cli_follow_urlparam = false', async () => {
    const served = await startEc2Endpoint();
    served.respondWith(() => ({ status: 200, body: 'fetched description' }));
    try {
      const fetched = await run([...BASE, '--description', `${served.url}/d`]);
      expect(fetched.code).toBe(0);
      expect(sentParams()).toContainEqual(['Description', 'fetched description']);
      writeFileSync(join(home, 'config'), '[default]\ncli_follow_urlparam = false\n');
      const literal = await run([...BASE, '--description', `${served.url}/d`]);
      expect(literal.code).toBe(0);
      expect(sentParams()).toContainEqual(['Description', `${served.url}/d`]);
    } finally {
      await served.close();
    }
  });

  it('names a URL that does not answer 200', async () => {
    const served = await startEc2Endpoint();
    served.respondWith(() => ({ status: 404, body: 'nope' }));
    try {
      const r = await run([...BASE, '--description', `${served.url}/404`]);
      expect(r).toEqual({
        code: 255,
        stdout: '',
        stderr: `\nError parsing parameter '--description': Unable to retrieve ${served.url}/404: received non 200 status code of 404\n`,
      });
    } finally {
      await served.close();
    }
  });

  it('follows no redirect: a 3xx is a non-200 answer, as v1 says, and its target is never asked', async () => {
    const target = await startEc2Endpoint();
    target.respondWith(() => ({ status: 200, body: 'from the other host' }));
    const served = await startEc2Endpoint();
    served.respondWith(() => ({ status: 302, headers: { Location: `${target.url}/elsewhere` }, body: '' }));
    try {
      const r = await run([...BASE, '--description', `${served.url}/moved`]);
      expect(r).toEqual({
        code: 255,
        stdout: '',
        stderr: `\nError parsing parameter '--description': Unable to retrieve ${served.url}/moved: received non 200 status code of 302\n`,
      });
      expect(target.requests).toHaveLength(0);
      expect(sent).toHaveLength(0);
    } finally {
      await Promise.all([served.close(), target.close()]);
    }
  });

  describe('limits (shortened here; v1 waits 60 s)', () => {
    const sockets = new Set<Socket>();
    let server: Server;
    let behave: (socket: Socket) => void;
    let url: string;
    beforeEach(async () => {
      server = createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => sockets.delete(socket));
        behave(socket);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    });
    const limits = { timeoutMs: 300, maxBytes: 1000 };
    const afterRequest = (socket: Socket, then: () => void): void => {
      let seen = '';
      socket.on('data', (chunk: Buffer) => {
        seen += chunk.toString('latin1');
        if (seen.includes('\r\n\r\n')) then();
      });
    };

    it('uses v1\'s 60 s timeout', () => {
      expect(URL_FETCH_LIMITS.timeoutMs).toBe(60_000);
    });

    it('gives up on an answer that never comes: a read timeout, the socket closed', async () => {
      behave = (socket) => void socket.resume();
      const value = `http://${url}/stall`;
      await expect(loadOptionValue(value, '--description', {}, true, limits)).rejects.toThrow(
        new ParamError('--description', `Unable to retrieve ${value}: Read timeout on endpoint URL: "${value}"`),
      );
      await vi.waitFor(() => expect(sockets.size).toBe(0));
    });

    it('gives up on a TLS handshake that never completes: a connect timeout', async () => {
      behave = (socket) => void socket.resume();
      const value = `https://${url}/stall`;
      await expect(loadOptionValue(value, '--description', {}, true, limits)).rejects.toThrow(
        new ParamError('--description', `Unable to retrieve ${value}: Connect timeout on endpoint URL: "${value}"`),
      );
    });

    it('gives up on a body that stops half-way', async () => {
      behave = (socket) => afterRequest(socket, () => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhalf'));
      const value = `http://${url}/half`;
      await expect(loadOptionValue(value, '--description', {}, true, limits)).rejects.toThrow(
        new ParamError('--description', `Unable to retrieve ${value}: Read timeout on endpoint URL: "${value}"`),
      );
    });

    it.each([
      ['declares', (body: string) => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`],
      ['streams', () => 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'],
    ])('refuses a body above the size limit (one that %s its size)', async (_how, head) => {
      const body = 'x'.repeat(limits.maxBytes + 1);
      behave = (socket) =>
        afterRequest(socket, () => socket.write(head(body).includes('chunked') ? `${head(body)}${(600).toString(16)}\r\n${body.slice(0, 600)}\r\n${(body.length - 600).toString(16)}\r\n${body.slice(600)}\r\n` : head(body) + body));
      const value = `http://${url}/big`;
      await expect(loadOptionValue(value, '--description', {}, true, limits)).rejects.toThrow(
        new ParamError('--description', `Unable to retrieve ${value}: the response is larger than 1000 bytes, the limit for a parameter value`),
      );
      // Exactly the limit is fine.
      behave = (socket) => afterRequest(socket, () => socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n${body.slice(1)}`));
      await expect(loadOptionValue(value, '--description', {}, true, limits)).resolves.toBe(body.slice(1));
    });
  });

  it.each([
    ['missing', (h: string) => `file://${h}/nope.txt`, (h: string) => `Unable to load paramfile file://${h}/nope.txt: [Errno 2] No such file or directory: '${h}/nope.txt'`],
    ['a directory', (h: string) => `file://${h}`, (h: string) => `Unable to load paramfile file://${h}: [Errno 21] Is a directory: '${h}'`],
    [
      'not UTF-8',
      (h: string) => {
        writeFileSync(join(h, 'bin.dat'), Buffer.from([0xff, 0xfe, 0x00]));
        return `file://${h}/bin.dat`;
      },
      (h: string) =>
        `Unable to load paramfile (${h}/bin.dat), text contents could not be decoded.  If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.`,
    ],
  ])('a %s file:// fails with v1 text', async (_what, value, message) => {
    const r = await run([...BASE, '--description', value(home)]);
    expect(r).toEqual({ code: 255, stdout: '', stderr: `\nError parsing parameter '--description': ${message(home)}\n` });
  });

  it('an unreadable file names the permission problem', async () => {
    if (process.getuid?.() === 0) return; // root reads anything
    mkdirSync(join(home, 'locked'));
    writeFileSync(join(home, 'locked', 'f'), 'x');
    chmodSync(join(home, 'locked', 'f'), 0);
    const r = await run([...BASE, '--description', `file://${home}/locked/f`]);
    expect(r.stderr).toContain('[Errno 13] Permission denied');
  });

  it('fileb:// gives bytes, which a string member rejects as botocore does', async () => {
    writeFileSync(join(home, 'desc.txt'), 'from file\n');
    const r = await run([...BASE, '--description', `fileb://${home}/desc.txt`]);
    expect(r).toEqual({
      code: 255,
      stdout: '',
      stderr:
        "\nParameter validation failed:\nInvalid type for parameter Description, value: b'from file\\n', type: <class 'bytes'>, valid types: <class 'str'>\n",
    });
  });
});
