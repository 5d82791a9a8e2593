// A local stand-in for the ECS / EKS Pod Identity container credentials
// endpoint: answers GET with the credentials JSON the agent serves
// (AccessKeyId, SecretAccessKey, Token, Expiration, optionally AccountId),
// records the path and the Authorization header of each request, and can
// be told to demand a token (401 without one, 403 with a wrong one), to
// answer an error status, garbage or a body of the test's choosing, or to
// hang (accept the request and never answer).
//
//   const server = await startContainerCredentialsServer({ token: 'tok' });
//   ... AWS_CONTAINER_CREDENTIALS_FULL_URI=`${server.url}/v2/credentials/x` ...
//   server.requests[0]!.authorization  // 'tok'
//   server.answerNext({ status: 500, body: 'oops' });
//   await server.close();
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

export interface ContainerKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly token: string;
  /** Sent as given (any JSON value); default: an hour from each answer, ISO 8601 with Z. */
  readonly expiration?: unknown;
  /** Sent only when given. */
  readonly accountId?: string;
}

export interface ContainerRequest {
  readonly method: string;
  /** The request target as sent (`/path?query`). */
  readonly path: string;
  /** The Authorization header, absent when none was sent. */
  readonly authorization: string | undefined;
  readonly headers: IncomingHttpHeaders;
}

/** One scripted answer: a status with a body, or no answer at all. */
export type ContainerAnswer =
  | { readonly status: number; readonly body: string | Buffer; readonly contentType?: string }
  | { readonly hang: true };

export interface ContainerServerOptions {
  readonly keys?: ContainerKeys;
  /** Demand this Authorization header: 401 when absent, 403 when different. */
  readonly token?: string;
}

export interface ContainerCredentialsServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly requests: ContainerRequest[];
  /** The keys answered from now on (the default answer). */
  setKeys(keys: ContainerKeys): void;
  /** Demand this token from now on (undefined: no token needed). */
  requireToken(token: string | undefined): void;
  /** Queue answers given to the next requests, in order, before the default one. */
  answerNext(...answers: ContainerAnswer[]): void;
  /** Answer every request this way from now on (undefined: the credentials again). */
  answerAlways(answer: ContainerAnswer | undefined): void;
  close(): Promise<void>;
}

export const CONTAINER_KEYS: ContainerKeys = {
  accessKeyId: 'ASIACONTAINERKEY0001',
  secretAccessKey: 'containerSecretKey/0123456789abcdefghijk',
  token: 'containerSessionToken0123456789abcdef',
};

/** An Expiration `seconds` from now, as the agent writes it (`2026-01-02T03:04:05Z`). */
export function expiresIn(seconds: number, now: Date = new Date()): string {
  return new Date(now.getTime() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The JSON document the container agent serves for `keys`. */
export function credentialsJson(keys: ContainerKeys, now: Date = new Date()): string {
  const document: Record<string, unknown> = {
    RoleArn: 'arn:aws:iam::123456789012:role/task-role',
    AccessKeyId: keys.accessKeyId,
    SecretAccessKey: keys.secretAccessKey,
    Token: keys.token,
    Expiration: 'expiration' in keys ? keys.expiration : expiresIn(3600, now),
  };
  if (keys.accountId !== undefined) document.AccountId = keys.accountId;
  return JSON.stringify(document);
}

export async function startContainerCredentialsServer(options: ContainerServerOptions = {}): Promise<ContainerCredentialsServer> {
  const requests: ContainerRequest[] = [];
  const queue: ContainerAnswer[] = [];
  const sockets = new Set<Socket>();
  let keys = options.keys ?? CONTAINER_KEYS;
  let token = options.token;
  let always: ContainerAnswer | undefined;

  const server = createServer((req, res) => {
    const authorization = req.headers.authorization;
    requests.push({ method: req.method ?? '', path: req.url ?? '', authorization, headers: req.headers });
    req.resume();
    const answer = queue.shift() ?? always;
    if (answer && 'hang' in answer) return;
    if (answer) {
      res.writeHead(answer.status, { 'Content-Type': answer.contentType ?? 'application/json' });
      res.end(answer.body);
      return;
    }
    if (token !== undefined && authorization !== token) {
      const status = authorization === undefined ? 401 : 403;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: status === 401 ? 'MissingAuthorization' : 'AccessDenied', message: 'Authorization token is invalid' }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(credentialsJson(keys));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setKeys: (next) => {
      keys = next;
    },
    requireToken: (next) => {
      token = next;
    },
    answerNext: (...answers) => {
      queue.push(...answers);
    },
    answerAlways: (answer) => {
      always = answer;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
