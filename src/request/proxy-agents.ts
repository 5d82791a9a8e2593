// The agents that carry requests through an HTTP(S) proxy, loaded by
// transport.ts only when a proxy is in use (they pull in modules a direct
// connection never needs).
import type { ClientRequest } from 'node:http';
import type { AgentOptions } from 'node:https';
import type { Socket } from 'node:net';
import * as tls from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';

export { HttpProxyAgent } from 'http-proxy-agent';

/** An error below HTTP that botocore reports as a ProxyConnectionError. */
class ProxyConnectError extends Error {
  readonly code = 'EPROXYCONNECT';
}

/**
 * https-proxy-agent answers a refused CONNECT with the proxy's own response
 * (which the SDK would read as EC2's); botocore fails with a proxy error.
 * The TLS options for the endpoint (CA bundle, verification) are also
 * handed to the TLS session inside the tunnel, which the agent otherwise
 * opens with defaults.
 */
export class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: string,
    private readonly endpointTls: Pick<AgentOptions, 'ca' | 'rejectUnauthorized'>,
  ) {
    super(proxy, { keepAlive: true });
  }

  override async connect(req: ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]): Promise<Socket> {
    let status: number | undefined;
    req.once('proxyConnect', (connect: { statusCode: number }) => (status = connect.statusCode));
    // The tunnelled TLS session is opened without a host, so name the endpoint for the identity check
    // (Node would check an IP address endpoint against `localhost`).
    const host = opts.host ?? '';
    const checkServerIdentity = (_name: string, cert: PeerCertificate) => tls.checkServerIdentity(host, cert);
    const socket = await super.connect(req, { ...opts, ...this.endpointTls, checkServerIdentity } as typeof opts);
    if (status !== 200) {
      socket.destroy();
      throw new ProxyConnectError(`Tunnel connection failed: ${status ?? 'no answer'}`);
    }
    return socket;
  }
}
