// Time limits botocore's sockets have and Node's do not: a TLS handshake is
// part of connecting (urllib3 runs it under the connect timeout, and v1 then
// reports a read timeout), so a server that accepts and never answers it is
// abandoned after the connect timeout, not held to the read timeout twice.
import { Agent as HttpsAgent, type AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';

/** The error a socket is destroyed with when a step takes too long (transportError words it as botocore). */
export function stepTimeout(what: string, ms: number, connecting = false): Error {
  // "did not establish a connection" is what transportError reads as a connect timeout.
  const text = connecting ? `Socket timed out and did not establish a connection within ${ms} ms` : `${what} took longer than ${ms} ms`;
  return Object.assign(new Error(text), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

/**
 * Destroys the TLS socket (with a read-timeout error) if its handshake has not
 * finished `ms` after the TCP connection is up; 0 leaves it alone. The timer
 * never outlives the socket.
 */
export function limitHandshake(socket: TLSSocket, ms: number): void {
  if (ms <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  const clear = (): void => clearTimeout(timer);
  const arm = (): void => {
    timer = setTimeout(() => socket.destroy(stepTimeout('TLS handshake', ms)), ms);
  };
  if (socket.connecting) socket.once('connect', arm);
  else arm();
  socket.once('secureConnect', clear);
  socket.once('close', clear);
}

/** node:https's agent, with each new connection's handshake held to the connect timeout. */
export class HandshakeLimitedAgent extends HttpsAgent {
  constructor(
    options: AgentOptions,
    private readonly handshakeMs: number,
  ) {
    super(options);
  }

  override createConnection(...args: Parameters<HttpsAgent['createConnection']>): Duplex | null | undefined {
    const socket = super.createConnection(...args);
    if (socket) limitHandshake(socket as TLSSocket, this.handshakeMs);
    return socket;
  }
}
