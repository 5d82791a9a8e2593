// A local instance metadata service (IMDS) on 127.0.0.1 for the
// instance-role tests: the IMDSv2 token endpoint (which can be turned off
// to play an IMDSv1-only service, or required to play an IMDSv2-only one),
// the role listing and the role's credentials, plus failure modes (hang,
// slow answers, 500s, any body) and a record of every request.
//
//   const imds = await startImdsServer();
//   ... AWS_EC2_METADATA_SERVICE_ENDPOINT=imds.url ...
//   imds.requests.map((r) => `${r.method} ${r.path}`)
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

export interface ImdsRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly token: string;
}

export const ROLE_NAME = 'copy-snapshot-role';
export const ROLE_CREDENTIALS: RoleCredentials = {
  accessKeyId: 'ASIAINSTANCEROLEKEY1',
  secretAccessKey: 'instanceRoleSecret/0123456789abcdefghijk',
  token: 'instanceRoleSessionToken0123456789',
};
export const IMDS_TOKEN = 'AQAEAimdsTokenForTests==';

/** What a path answers with, instead of its normal answer. */
export interface Scripted {
  readonly status?: number;
  readonly body?: string | Buffer;
  /** Never answer (the connection stays open until the server closes). */
  readonly hang?: boolean;
  /** Answer after this many milliseconds. */
  readonly delayMs?: number;
}

export interface ImdsOptions {
  /** How the token PUT is answered: 'v2' gives a token (default); 'off' answers 404 (IMDSv1 only); a number answers that status. */
  tokenMode?: 'v2' | 'off' | number;
  /** GETs without the token are refused with 401, as an IMDSv2-only instance does. */
  requireToken?: boolean;
  roleName?: string;
  credentials?: RoleCredentials;
  /** The Expiration field (default: an hour from now, ISO without milliseconds). */
  expiration?: string | (() => string);
}

export interface ImdsServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly requests: ImdsRequest[];
  readonly options: ImdsOptions;
  /**
   * Scripts the next answers for a kind of request (`token`, `role-list`,
   * `credentials`): each request takes the next entry; the last entry
   * stays for every later request. [] answers normally again.
   */
  script(kind: RequestKind, answers: readonly Scripted[]): void;
  close(): Promise<void>;
}

export type RequestKind = 'token' | 'role-list' | 'credentials';

export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

const CREDENTIALS_PREFIX = '/latest/meta-data/iam/security-credentials/';

function kindOf(method: string, path: string): RequestKind | undefined {
  if (method === 'PUT' && path === '/latest/api/token') return 'token';
  if (method === 'GET' && path === CREDENTIALS_PREFIX) return 'role-list';
  if (method === 'GET' && path.startsWith(CREDENTIALS_PREFIX)) return 'credentials';
  return undefined;
}

export async function startImdsServer(options: ImdsOptions = {}): Promise<ImdsServer> {
  const requests: ImdsRequest[] = [];
  const scripts = new Map<RequestKind, Scripted[]>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  function normal(kind: RequestKind | undefined, path: string, headers: IncomingHttpHeaders): Scripted {
    if (kind === 'token') {
      const mode = options.tokenMode ?? 'v2';
      if (mode === 'v2') return { status: 200, body: IMDS_TOKEN };
      return { status: mode === 'off' ? 404 : mode, body: '' };
    }
    if (kind === undefined) return { status: 404, body: 'Not Found' };
    if (options.requireToken && headers['x-aws-ec2-metadata-token'] !== IMDS_TOKEN) return { status: 401, body: '' };
    const roleName = options.roleName ?? ROLE_NAME;
    if (kind === 'role-list') return { status: 200, body: roleName };
    if (path !== `${CREDENTIALS_PREFIX}${roleName}`) return { status: 404, body: 'Not Found' };
    const creds = options.credentials ?? ROLE_CREDENTIALS;
    const expiration = typeof options.expiration === 'function' ? options.expiration() : options.expiration;
    const document = {
      Code: 'Success',
      LastUpdated: isoSeconds(new Date()),
      Type: 'AWS-HMAC',
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      Token: creds.token,
      Expiration: expiration ?? isoSeconds(new Date(Date.now() + 3600_000)),
    };
    return { status: 200, body: JSON.stringify(document, null, 2) };
  }

  function answer(res: ServerResponse, scripted: Scripted): void {
    res.writeHead(scripted.status ?? 200, { 'content-type': 'text/plain' });
    res.end(scripted.body ?? '');
  }

  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '/').split('?', 1)[0]!;
      const method = req.method ?? 'GET';
      requests.push({ method, path, headers: req.headers });
      const kind = kindOf(method, path);
      const queue = kind ? scripts.get(kind) : undefined;
      const scripted = queue && queue.length > 0 ? (queue.length > 1 ? queue.shift()! : queue[0]!) : undefined;
      const base = normal(kind, path, req.headers);
      if (scripted?.hang) return;
      const reply = { ...base, ...(scripted ?? {}) };
      if (scripted?.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) answer(res, reply);
        }, scripted.delayMs);
        timers.add(timer);
        return;
      }
      answer(res, reply);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    options,
    script(kind, answers) {
      scripts.set(kind, [...answers]);
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A 127.0.0.1 port nothing listens on (for "unreachable" cases). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Blackhole {
  /** `http://127.0.0.1:<port>/`: connections to it are never accepted (they time out connecting). */
  readonly url: string;
  close(): Promise<void>;
}

const BLACKHOLE_PY = `
import socket, sys, time
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(0)
print(s.getsockname()[1], flush=True)
time.sleep(600)
`;

/**
 * A 127.0.0.1 port where connecting hangs, as 169.254.169.254 does off EC2:
 * a listening socket that never accepts (python3, backlog 0), its one queue
 * slot taken by a connection of ours, so that later SYNs go unanswered.
 */
export async function startBlackhole(): Promise<Blackhole> {
  const { spawn } = await import('node:child_process');
  const { connect } = await import('node:net');
  const child = spawn('python3', ['-c', BLACKHOLE_PY], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.setEncoding('utf8').once('data', (line: string) => resolve(Number.parseInt(line, 10)));
  });
  const filler = connect(port, '127.0.0.1');
  filler.on('error', () => {});
  await new Promise<void>((resolve) => filler.once('connect', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      filler.destroy();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill();
      await exited;
    },
  };
}
