// A local TCP server that speaks just enough HTTP to read one request per
// connection and then misbehave in ways node:http cannot: a reset before any
// answer, headers then a reset mid-body, a status line that is not HTTP, a
// body that stops and stalls. Also a listener that never accepts (connect
// timeouts), through python3. Used for botocore's connection-error texts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';

export type Misbehaviour =
  /** Reset (RST) the connection once the request has arrived. */
  | 'reset'
  /** Send the headers and half of the promised body, then reset. */
  | 'reset-mid-body'
  /** Send the headers only, then close. */
  | 'close-after-headers'
  /** Answer with a line that is not an HTTP status line. */
  | 'garbage'
  /** Send the headers and half of the body, then nothing (never close). */
  | 'stall-mid-body'
  /** Read everything (a request, a CONNECT, a TLS hello) and never answer or close. */
  | 'silent';

export interface RawServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** How many complete requests arrived. */
  readonly requestCount: () => number;
  close(): Promise<void>;
}

const BODY =
  '<?xml version="1.0" encoding="UTF-8"?>\n<CopySnapshotResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
  '<requestId>r</requestId><snapshotId>snap-0123456789abcdef0</snapshotId></CopySnapshotResponse>';
const HEAD = `HTTP/1.1 200 OK\r\nContent-Type: text/xml;charset=UTF-8\r\nContent-Length: ${BODY.length}\r\n\r\n`;

export async function startRawServer(behaviour: Misbehaviour): Promise<RawServer> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      if (behaviour === 'silent') return;
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      buffered = '';
      requests += 1;
      switch (behaviour) {
        case 'reset':
          socket.resetAndDestroy();
          break;
        case 'reset-mid-body':
          socket.write(HEAD + BODY.slice(0, 40), () => setTimeout(() => socket.resetAndDestroy(), 20));
          break;
        case 'close-after-headers':
          socket.write(HEAD, () => setTimeout(() => socket.destroy(), 20));
          break;
        case 'garbage':
          socket.end('garbage\r\n\r\n');
          break;
        case 'stall-mid-body':
          socket.write(HEAD + BODY.slice(0, 40));
          break;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requestCount: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const hasPython3 = spawnSync('python3', ['-c', 'import socket'], { stdio: 'ignore' }).status === 0;

/**
 * A port whose listen queue is full and never accepted: new connections
 * hang in SYN-SENT, so a client's connect timeout fires (needs python3,
 * since node:net always accepts).
 */
export async function startBlackHole(): Promise<{ readonly url: string; close(): void }> {
  const script = `
import socket, sys, time
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)
port = s.getsockname()[1]
held = []
for _ in range(8):
    c = socket.socket(); c.setblocking(False)
    try: c.connect(('127.0.0.1', port))
    except BlockingIOError: pass
    held.append(c)
print(port, flush=True)
sys.stdin.read()
`;
  const child: ChildProcess = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()));
    child.once('error', reject);
  });
  return { url: `http://127.0.0.1:${port}`, close: () => void child.stdin!.end() };
}
