// TLS in front of a local http:// endpoint: an https server on 127.0.0.1
// with a self-signed certificate made by openssl for the test, forwarding
// every request to the target, so the EC2 endpoint double answers over TLS.
//
//   const cert = makeSelfSignedCert(dir);        // undefined without openssl
//   const front = await startTlsFront(ec2.url, cert);
//   ... --endpoint-url front.url --ca-bundle cert.certPath ...
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';

export interface SelfSignedCert {
  readonly certPath: string;
  readonly keyPath: string;
  readonly cert: Buffer;
  readonly key: Buffer;
}

/**
 * A certificate for CN=127.0.0.1 with subjectAltName IP:127.0.0.1 (and the
 * host names given, for endpoints reached through a tunnel), or undefined
 * when openssl is missing.
 */
export function makeSelfSignedCert(dir: string, hostNames: readonly string[] = []): SelfSignedCert | undefined {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  const result = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', ['IP:127.0.0.1', ...hostNames.map((name) => `DNS:${name}`)].join(',').replace(/^/, 'subjectAltName='), '-days', '2', '-keyout', keyPath, '-out', certPath],
    { encoding: 'utf8' },
  );
  if (result.error || result.status !== 0) return undefined;
  return { certPath, keyPath, cert: readFileSync(certPath), key: readFileSync(keyPath) };
}

export interface TlsFront {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startTlsFront(target: string, cert: SelfSignedCert): Promise<TlsFront> {
  const to = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const upstream = httpRequest(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Clients that reject the certificate abort the handshake; that is expected.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
