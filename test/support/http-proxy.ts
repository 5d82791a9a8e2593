// A local HTTP proxy for transport tests: forwards absolute-form requests
// (`POST http://host:port/ HTTP/1.1`, used for http:// endpoints) and
// tunnels CONNECT (used for https:// endpoints), recording what it saw so a
// test can tell that a request went through it. `refuseConnect` answers
// CONNECT with 403 instead of tunnelling (for endpoints that must not be
// reached, such as the real AWS hosts).
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ProxiedRequest {
  /** `CONNECT` for tunnels, else the method of the forwarded request. */
  readonly method: string;
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
}

export interface HttpProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: ProxiedRequest[];
  close(): Promise<void>;
}

export interface HttpProxyOptions {
  readonly refuseConnect?: boolean;
  /** Tunnel each CONNECT to the local port this gives for its host name (to play the real AWS hosts). */
  readonly tunnelTo?: (host: string) => number;
}

export async function startHttpProxy(options: HttpProxyOptions = {}): Promise<HttpProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const upstream = httpRequest(
      { host: target.hostname, port: target.port || 80, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers });
    if (options.refuseConnect) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const named = (req.url ?? '').split(':');
    const [host, port] = options.tunnelTo === undefined ? named : ['127.0.0.1', String(options.tunnelTo(named[0]!))];
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
