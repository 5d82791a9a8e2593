// --cli-input-json / --cli-input-yaml / paramfiles, end to end through main()
// against the local endpoint. v1 texts were checked with `aws ec2 copy-snapshot`
// (1.45.11); the YAML behaviour follows AWS CLI v2 (decisions.md, "Beyond v1").
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ParamError } from '../../src/errors.js';
import { loadOptionValue, URL_FETCH_LIMITS } from '../../src/params/paramfile.js';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome, runMain } from '../support/run-main.js';

let ec2: Ec2Endpoint;
let home: string;
beforeEach(async () => {
  ec2 = await startEc2Endpoint();
  home = isolatedHome();
});
afterEach(async () => {
  await ec2.close();
});

const BASE = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1'];

/** The request's own parameters, without the injected PresignedUrl/DestinationRegion. */
function sentParams(): Array<readonly [string, string]> {
  expect(ec2.requests).toHaveLength(1);
  return ec2.requests[0]!.form.filter(([k]) => !['Action', 'Version', 'PresignedUrl', 'DestinationRegion'].includes(k));
}

async function run(args: string[], extraEnv: Record<string, string> = {}) {
  return runMain([...args, '--endpoint-url', ec2.url], isolatedEnv(home, extraEnv));
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
      ['Encrypted', 'true'],
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
    expect(ec2.requests).toHaveLength(0);
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
      ['DryRun', 'false'],
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

  it('sends --presigned-url as written, even when it is a URL (decision 6)', async () => {
    const url = `${ec2.url}/?Action=CopySnapshot&X-Amz-Signature=abc`;
    const r = await run([...BASE, '--presigned-url', url]);
    expect(r.code).toBe(0);
    expect(ec2.requests[0]!.form).toContainEqual(['PresignedUrl', url]);
  });

  it('fetches other http:// values, unless cli_follow_urlparam = false', async () => {
    const served = await startEc2Endpoint();
    served.respondWith(() => ({ status: 200, body: 'fetched description' }));
    try {
      const fetched = await run([...BASE, '--description', `${served.url}/d`]);
      expect(fetched.code).toBe(0);
      expect(sentParams()).toContainEqual(['Description', 'fetched description']);
      writeFileSync(join(home, 'config'), '[default]\ncli_follow_urlparam = false\n');
      ec2.requests.length = 0;
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
      expect(ec2.requests).toHaveLength(0);
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

// ---------------------------------------------------------------- Python values (issue 16)
// Dict order as the user wrote it (keys JavaScript would reorder included),
// and --debug printing what it logs through the Python-repr layer.

const MEMBERS =
  'Description, DestinationOutpostArn, DestinationRegion, Encrypted, KmsKeyId, PresignedUrl, SourceRegion, SourceSnapshotId, TagSpecifications, CompletionDurationMinutes, DestinationAvailabilityZone, DryRun';

/** The form parameters a request sent, without the signed PresignedUrl (its signature changes with the second). */
function sentForm(index: number): Array<readonly [string, string]> {
  return ec2.requests[index]!.form.filter(([k]) => k !== 'PresignedUrl');
}

describe('dict order', () => {
  it('reports unknown --cli-input-json keys in input order, an integer-like key included', async () => {
    const r = await run(['--cli-input-json', '{"SourceRegion":"us-east-1","SourceSnapshotId":"snap-x","Zeta":1,"1":2}']);
    expect(r).toEqual({
      code: 255,
      stdout: '',
      stderr:
        '\nParameter validation failed:\n' +
        `Unknown parameter in input: "Zeta", must be one of: ${MEMBERS}\n` +
        `Unknown parameter in input: "1", must be one of: ${MEMBERS}\n`,
    });
    expect(ec2.requests).toHaveLength(0);
  });

  it('keeps __proto__ and constructor as ordinary keys, in order, nested too', async () => {
    const r = await run([
      '--cli-input-json',
      '{"constructor":1,"SourceRegion":"us-east-1","__proto__":{"x":1},"SourceSnapshotId":"snap-x","TagSpecifications":[{"2":1,"__proto__":2,"ResourceType":"snapshot"}]}',
    ]);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(
      '\nParameter validation failed:\n' +
        `Unknown parameter in input: "constructor", must be one of: ${MEMBERS}\n` +
        `Unknown parameter in input: "__proto__", must be one of: ${MEMBERS}\n` +
        'Unknown parameter in TagSpecifications[0]: "2", must be one of: ResourceType, Tags\n' +
        'Unknown parameter in TagSpecifications[0]: "__proto__", must be one of: ResourceType, Tags\n',
    );
  });

  it('reports unknown --cli-input-yaml keys in document order, an integer-like key included', async () => {
    const r = await run(['--cli-input-yaml', 'SourceRegion: us-east-1\nSourceSnapshotId: snap-x\nZeta: 1\n"1": 2\n']);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(
      '\nParameter validation failed:\n' +
        `Unknown parameter in input: "Zeta", must be one of: ${MEMBERS}\n` +
        `Unknown parameter in input: "1", must be one of: ${MEMBERS}\n`,
    );
  });

  it('takes a YAML !!timestamp as a datetime (read as UTC), shown as Python shows one', async () => {
    const r = await run(['--source-region', 'x', '--source-snapshot-id', 'y', '--cli-input-yaml', 'Description: [!!timestamp 2001-12-14t21:59:43.10-05:00]']);
    expect(r.stderr).toBe(
      '\nParameter validation failed:\n' +
        "Invalid type for parameter Description, value: [datetime.datetime(2001, 12, 15, 2, 59, 43, 100000)], type: <class 'list'>, valid types: <class 'str'>\n",
    );
    const single = await run(['--source-region', 'x', '--source-snapshot-id', 'y', '--cli-input-yaml', 'Description: !!timestamp 2001-12-14']);
    expect(single.stderr).toContain("value: 2001-12-14 00:00:00, type: <class 'datetime.datetime'>, valid types: <class 'str'>");
  });

  it('prints a --query multi-select hash in the order written', async () => {
    const r = await run(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--query', '{b: SnapshotId, "1": SnapshotId, __proto__: `1`}']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{\n    "b": "snap-0123456789abcdef0",\n    "1": "snap-0123456789abcdef0",\n    "__proto__": 1\n}\n');
  });

  it('reports a shorthand structure with an integer-like key in the order written', async () => {
    const r = await run(['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--tag-specifications', 'ResourceType=snapshot,9=x,Tags=[{Key=a,Value=b,0=c}]']);
    expect(r.code).toBe(255);
    expect(r.stderr).toBe(
      '\nParameter validation failed:\n' +
        'Unknown parameter in TagSpecifications[0]: "9", must be one of: ResourceType, Tags\n' +
        'Unknown parameter in TagSpecifications[0].Tags[0]: "0", must be one of: Key, Value\n',
    );
  });
});

describe('--debug', () => {
  it('logs an int beyond 2^53 and goes on to the network as without --debug', async () => {
    const args = ['--source-region', 'us-east-1', '--source-snapshot-id', 'snap-1', '--completion-duration-minutes', '99999999999999999999'];
    const plain = await run(args);
    const debug = await run([...args, '--debug']);
    expect(ec2.requests).toHaveLength(2);
    expect(plain.code).toBe(0);
    expect(debug.code).toBe(plain.code);
    expect(debug.stdout).toBe(plain.stdout);
    expect(sentForm(1)).toEqual(sentForm(0));
    expect(sentForm(0)).toContainEqual(['CompletionDurationMinutes', '99999999999999999999']);
    expect(debug.stderr).toContain("'CompletionDurationMinutes': 99999999999999999999");
    expect(debug.stderr).not.toContain('BigInt');
  });
});
