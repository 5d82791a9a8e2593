// The agents that carry requests through an HTTP(S) proxy, loaded by
// transport.ts only when a proxy is in use (they pull in modules a direct
// connection never needs).
import type { ClientRequest } from 'node:http';
import type { AgentOptions } from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { limitHandshake, stepTimeout } from './handshake.js';

export { HttpProxyAgent } from 'http-proxy-agent';

/** An error below HTTP that botocore reports as a ProxyConnectionError. */
class ProxyConnectError extends Error {
  readonly code = 'EPROXYCONNECT';
}

export interface TunnelTimeouts {
  /** For the TCP connection to the proxy and each TLS handshake (0: none). */
  readonly connectMs: number;
  /** For the proxy's answer to CONNECT (0: none). */
  readonly readMs: number;
}

/** Largest CONNECT answer head read; a proxy sending more is not one. */
const MAX_CONNECT_HEAD = 64 * 1024;

/**
 * Tunnels https:// requests through the proxy with CONNECT, as urllib3 does
 * for botocore: a refused CONNECT is a proxy error (https-proxy-agent would
 * hand the proxy's own response to the SDK as EC2's); the TLS options for the
 * endpoint (CA bundle, verification) apply to the TLS session inside the
 * tunnel; and every step has a time limit and ends with the request, so
 * a proxy that never answers (or does not speak TLS) leaves no socket behind.
 */
export class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: string,
    private readonly endpointTls: Pick<AgentOptions, 'ca' | 'rejectUnauthorized'>,
    private readonly timeouts: TunnelTimeouts,
  ) {
    super(proxy, { keepAlive: true });
  }

  override async connect(req: ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]): Promise<net.Socket> {
    const host = opts.host ?? '';
    const port = opts.port;
    const secureProxy = this.proxy.protocol === 'https:';
    const proxyHost = this.proxy.hostname.replace(/^\[|\]$/g, '');
    const proxyPort = Number(this.proxy.port) || (secureProxy ? 443 : 80);
    const toProxy: net.Socket = secureProxy
      ? tls.connect({ host: proxyHost, port: proxyPort, ALPNProtocols: ['http/1.1'], ...(net.isIP(proxyHost) ? {} : { servername: proxyHost }) })
      : net.connect({ host: proxyHost, port: proxyPort });
    // Whatever happens to the request (a timeout of the SDK's, an abort), the sockets go with it.
    let current: net.Socket = toProxy;
    const dropWithRequest = (): void => void current.destroy();
    req.once('close', dropWithRequest);
    try {
      if (secureProxy) limitHandshake(toProxy as tls.TLSSocket, this.timeouts.connectMs);
      await step(toProxy, 'connect', this.timeouts.connectMs, () => stepTimeout('connect', this.timeouts.connectMs, true));
      if (secureProxy) {
        // A proxy that does not speak TLS: botocore's ProxyConnectionError.
        await step(toProxy, 'secureConnect', 0, undefined, (error) => new ProxyConnectError(`TLS to the proxy failed: ${error.message}`));
      }
      const hostPort = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
      const headers: Record<string, string> = { Host: hostPort, 'Proxy-Connection': 'Keep-Alive' };
      if (this.proxy.username || this.proxy.password) {
        const credentials = `${decodeURIComponent(this.proxy.username)}:${decodeURIComponent(this.proxy.password)}`;
        headers['Proxy-Authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
      }
      toProxy.write(`CONNECT ${hostPort} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
      const status = await connectAnswer(toProxy, this.timeouts.readMs);
      req.emit('proxyConnect', { statusCode: status });
      if (status !== 200) throw new ProxyConnectError(`Tunnel connection failed: ${status}`);
      if (!opts.secureEndpoint) return toProxy;
      // The tunnelled TLS session is opened without a host, so name the endpoint for the identity check
      // (Node would check an IP address endpoint against `localhost`).
      const checkServerIdentity = (_name: string, cert: PeerCertificate) => tls.checkServerIdentity(host, cert);
      const inner = tls.connect({
        socket: toProxy,
        ...this.endpointTls,
        checkServerIdentity,
        ...(net.isIP(host) ? {} : { servername: host }),
        ...(opts.ALPNProtocols ? { ALPNProtocols: opts.ALPNProtocols } : {}),
      });
      current = inner;
      limitHandshake(inner, this.timeouts.connectMs);
      await step(inner, 'secureConnect', 0);
      return inner;
    } catch (error) {
      current.destroy();
      toProxy.destroy();
      throw error;
    } finally {
      req.off('close', dropWithRequest);
    }
  }
}

/**
 * Resolves when `socket` emits `event`; rejects on an error, on close, or after
 * `ms` (0: no limit) with the error `onTimeout` makes. `wrap` rewords an error.
 */
function step(
  socket: net.Socket,
  event: 'connect' | 'secureConnect',
  ms: number,
  onTimeout?: () => Error,
  wrap: (error: Error) => Error = (error) => error,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (error?: Error): void => {
      clearTimeout(timer);
      socket.off(event, onEvent);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onEvent = (): void => done();
    const onError = (error: Error): void => done(wrap(error));
    const onClose = (): void => done(wrap(new ProxyConnectError('the connection closed')));
    socket.once(event, onEvent);
    socket.once('error', onError);
    socket.once('close', onClose);
    if (ms > 0 && onTimeout) timer = setTimeout(() => done(onTimeout()), ms);
  });
}

/** The status code of the proxy's answer to CONNECT, read within `ms` of silence (0: no limit). */
function connectAnswer(socket: net.Socket, ms: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let head = Buffer.alloc(0);
    const done = (error: Error | undefined, status?: number): void => {
      socket.setTimeout(0);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.off('timeout', onTimeout);
      if (error) reject(error);
      else resolve(status!);
    };
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_CONNECT_HEAD) done(new ProxyConnectError('Tunnel connection failed: an endless answer'));
        return;
      }
      socket.pause();
      // Anything after the head belongs to the tunnel.
      if (end + 4 < head.length) socket.unshift(head.subarray(end + 4));
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'));
      if (!match) done(new ProxyConnectError('Tunnel connection failed: not HTTP'));
      else done(undefined, Number(match[1]));
    };
    const onError = (error: Error): void => done(error);
    const onClose = (): void => done(new ProxyConnectError('Tunnel connection failed: no answer'));
    // botocore reports a proxy that keeps silent after CONNECT as a read timeout on the endpoint.
    const onTimeout = (): void => done(stepTimeout('The answer to CONNECT', ms));
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('close', onClose);
    if (ms > 0) {
      socket.setTimeout(ms);
      socket.once('timeout', onTimeout);
    }
  });
}
