// A local SSO portal and SSO OIDC endpoint for the SSO provider's tests, on
// 127.0.0.1: GetRoleCredentials (GET /federation/credentials) answers fixed
// role keys, recording the bearer token, role_name and account_id;
// CreateToken (POST /token) answers a fresh access token, recording the
// grant. `mode` switches the portal to an UnauthorizedException (401), a
// 500, or a body without roleCredentials. writeTokenCache() puts a token
// where the AWS CLI's token cache keeps it under a test HOME.
//
//   const portal = await startSsoPortal();
//   ... AWS_ENDPOINT_URL_SSO=portal.url AWS_ENDPOINT_URL_SSO_OIDC=portal.url ...
//   writeTokenCache(home.dir, 'my-session', { accessToken: 'tok', expiresAt: inHours(8) });
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface RoleKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

export const SSO_ROLE_KEYS: RoleKeys = {
  accessKeyId: 'ASIASSOROLEKEY000001',
  secretAccessKey: 'ssoRoleSecretKey/0123456789abcdefghijklm',
  sessionToken: 'ssoRoleSessionToken0123456789',
};

export interface PortalRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** x-amz-sso_bearer_token (GetRoleCredentials). */
  readonly bearerToken: string | undefined;
  readonly roleName: string | null;
  readonly accountId: string | null;
  /** The JSON body (CreateToken). */
  readonly body: unknown;
}

export type PortalMode = 'ok' | 'unauthorized' | 'server-error' | 'no-role-credentials';

export interface SsoPortal {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: PortalRequest[];
  /** How GetRoleCredentials answers from now on. */
  mode: PortalMode;
  /** The role keys' expiration, in ms since the epoch. */
  expirationMs: number;
  /** When set, the keys expire this long after each answer instead (expirationMs is ignored). */
  expiresInMs: number | undefined;
  /** Each answer carries new keys: the access key id ends in the answer's number (1, 2, ...). */
  rotateKeys: boolean;
  /** The access key ids answered so far, in order. */
  readonly issued: string[];
  /** What CreateToken answers: its status and JSON body. */
  createToken: { status: number; body: Record<string, unknown> };
  close(): Promise<void>;
}

export async function startSsoPortal(keys: RoleKeys = SSO_ROLE_KEYS): Promise<SsoPortal> {
  const requests: PortalRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const bearer = req.headers['x-amz-sso_bearer_token'];
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        bearerToken: Array.isArray(bearer) ? bearer[0] : bearer,
        roleName: url.searchParams.get('role_name'),
        accountId: url.searchParams.get('account_id'),
        body,
      });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'POST' && url.pathname === '/token') {
        json(portal.createToken.status, portal.createToken.body);
        return;
      }
      if (req.method !== 'GET' || url.pathname !== '/federation/credentials') {
        json(404, { message: 'not found' });
        return;
      }
      switch (portal.mode) {
        case 'unauthorized':
          json(401, { message: 'Session token not found or invalid' }, { 'x-amzn-errortype': 'UnauthorizedException:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/' });
          return;
        case 'server-error':
          res.writeHead(500);
          res.end();
          return;
        case 'no-role-credentials':
          json(200, {});
          return;
        case 'ok': {
          const n = portal.issued.length + 1;
          const accessKeyId = portal.rotateKeys ? `${keys.accessKeyId.slice(0, -String(n).length)}${n}` : keys.accessKeyId;
          portal.issued.push(accessKeyId);
          const expiration = portal.expiresInMs === undefined ? portal.expirationMs : Date.now() + portal.expiresInMs;
          json(200, { roleCredentials: { ...keys, accessKeyId, expiration } });
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const portal: SsoPortal = {
    url: `http://127.0.0.1:${port}`,
    requests,
    mode: 'ok',
    expirationMs: Date.now() + 3_600_000,
    expiresInMs: undefined,
    rotateKeys: false,
    issued: [],
    createToken: { status: 200, body: { accessToken: 'refreshed-access-token', expiresIn: 28800, tokenType: 'Bearer', refreshToken: 'new-refresh-token' } },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return portal;
}

/** The token cache file's name for an sso-session name (sso_session form) or a start URL (legacy form). */
export function tokenCachePath(homeDir: string, sessionOrStartUrl: string): string {
  const key = createHash('sha1').update(sessionOrStartUrl, 'utf8').digest('hex');
  return join(homeDir, '.aws', 'sso', 'cache', `${key}.json`);
}

/** Writes a token into the cache under `homeDir` (an object as JSON, a string as is); returns the file's path. */
export function writeTokenCache(homeDir: string, sessionOrStartUrl: string, token: Record<string, unknown> | string): string {
  const path = tokenCachePath(homeDir, sessionOrStartUrl);
  mkdirSync(join(homeDir, '.aws', 'sso', 'cache'), { recursive: true });
  writeFileSync(path, typeof token === 'string' ? token : JSON.stringify(token));
  return path;
}

/** An ISO 8601 UTC time `hours` from now (negative: in the past), as the AWS CLI writes expiresAt. */
export function inHours(hours: number): string {
  return new Date(Date.now() + hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
