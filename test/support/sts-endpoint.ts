// A local STS endpoint for assume-role and web-identity tests: answers
// AssumeRole and AssumeRoleWithWebIdentity (query protocol, form body), each
// with its own temporary credentials, and records each request, so a test can
// check who signed it (if anyone) and with which parameters in which order.
//
//   const sts = await startStsEndpoint();
//   ... AWS_ENDPOINT_URL_STS=sts.url ...
//   sts.requests[0]!.params.RoleArn, sts.requests[0]!.accessKeyId
//   sts.requests[0]!.params.WebIdentityToken      (AssumeRoleWithWebIdentity)
//   sts.failWith({ status: 400, code: 'InvalidIdentityToken', message: '...' })
//   sts.setExpiration(new Date(Date.now() + 5 * 60_000))
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StsRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The form body as sent (for the parameters' order and encoding). */
  readonly body: string;
  /** The form body's parameters (Action, RoleArn, RoleSessionName, SerialNumber, TokenCode, WebIdentityToken, ...). */
  readonly params: Readonly<Record<string, string>>;
  /** The access key id in the Authorization header's Credential=, if signed. */
  readonly accessKeyId: string | undefined;
  /** The Region in the Authorization header's credential scope. */
  readonly signingRegion: string | undefined;
}

export interface AssumedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

export interface StsFailure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export interface StsEndpoint {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: StsRequest[];
  /** What AssumeRole answers. */
  readonly credentials: AssumedCredentials;
  /** What AssumeRoleWithWebIdentity answers. */
  readonly webIdentityCredentials: AssumedCredentials;
  /**
   * Answers requests with this STS error (undefined: answer normally again):
   * every request from now on, or only the next `times` ones.
   */
  failWith(error: StsFailure | undefined, times?: number): void;
  /** Answers the next `times` requests (default: all from now on) with this status and body as they are; undefined stops. */
  answerRaw(answer: { readonly status: number; readonly body: string } | undefined, times?: number): void;
  /** The Expiration of the credentials answered from now on (default 2099-01-01T00:00:00Z); undefined restores the default. */
  setExpiration(expiration: Date | undefined): void;
  close(): Promise<void>;
}

export const ASSUMED: AssumedCredentials = {
  accessKeyId: 'ASIAASSUMEDROLEKEY01',
  secretAccessKey: 'assumedRoleSecretKey/0123456789abcdefghij',
  sessionToken: 'assumedRoleSessionToken0123456789',
};

export const WEB_IDENTITY: AssumedCredentials = {
  accessKeyId: 'ASIAWEBIDENTITYKEY01',
  secretAccessKey: 'webIdentitySecretKey/0123456789abcdefghij',
  sessionToken: 'webIdentitySessionToken0123456789',
};

export const ACCOUNT_ID = '123456789012';
const DEFAULT_EXPIRATION = '2099-01-01T00:00:00Z';
const REQUEST_ID = '11111111-2222-3333-4444-555555555555';
const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function credentialsXml(creds: AssumedCredentials, expiration: string): string {
  return (
    `<Credentials><AccessKeyId>${creds.accessKeyId}</AccessKeyId><SecretAccessKey>${creds.secretAccessKey}</SecretAccessKey>` +
    `<SessionToken>${creds.sessionToken}</SessionToken><Expiration>${expiration}</Expiration></Credentials>`
  );
}

function assumedRoleUserXml(params: Readonly<Record<string, string>>): string {
  const session = xmlText(params.RoleSessionName ?? 'session');
  const role = xmlText((params.RoleArn ?? `arn:aws:iam::${ACCOUNT_ID}:role/r`).split('/').pop() ?? 'r');
  return (
    `<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:${session}</AssumedRoleId>` +
    `<Arn>arn:aws:sts::${ACCOUNT_ID}:assumed-role/${role}/${session}</Arn></AssumedRoleUser>`
  );
}

function answerXml(action: string, body: string): string {
  return `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${body}</${action}Result><ResponseMetadata><RequestId>${REQUEST_ID}</RequestId></ResponseMetadata></${action}Response>`;
}

function assumeRoleXml(params: Readonly<Record<string, string>>, creds: AssumedCredentials, expiration: string): string {
  return answerXml('AssumeRole', assumedRoleUserXml(params) + credentialsXml(creds, expiration));
}

function webIdentityXml(params: Readonly<Record<string, string>>, creds: AssumedCredentials, expiration: string): string {
  return answerXml(
    'AssumeRoleWithWebIdentity',
    `<Audience>sts.amazonaws.com</Audience>${assumedRoleUserXml(params)}<Provider>oidc.example.com</Provider>` +
      `${credentialsXml(creds, expiration)}<SubjectFromWebIdentityToken>system:serviceaccount:default:copier</SubjectFromWebIdentityToken>`,
  );
}

export async function startStsEndpoint(creds: AssumedCredentials = ASSUMED, webCreds: AssumedCredentials = WEB_IDENTITY): Promise<StsEndpoint> {
  const requests: StsRequest[] = [];
  let failure: StsFailure | undefined;
  let failuresLeft = Infinity;
  let expiration = DEFAULT_EXPIRATION;
  let raw: { readonly status: number; readonly body: string } | undefined;
  let rawLeft = Infinity;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const params = Object.fromEntries(new URLSearchParams(body));
      const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, params, accessKeyId: scope?.[1], signingRegion: scope?.[2] });
      if (raw && rawLeft > 0) {
        rawLeft -= 1;
        res.writeHead(raw.status, { 'Content-Type': 'text/xml' });
        res.end(raw.body);
        return;
      }
      if (failure && failuresLeft > 0) {
        failuresLeft -= 1;
        res.writeHead(failure.status, { 'Content-Type': 'text/xml' });
        res.end(
          `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${failure.code}</Code>` +
            `<Message>${xmlText(failure.message)}</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`,
        );
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(params.Action === 'AssumeRoleWithWebIdentity' ? webIdentityXml(params, webCreds, expiration) : assumeRoleXml(params, creds, expiration));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    credentials: creds,
    webIdentityCredentials: webCreds,
    failWith: (next, times) => {
      failure = next;
      failuresLeft = times ?? Infinity;
    },
    answerRaw: (next, times) => {
      raw = next;
      rawLeft = times ?? Infinity;
    },
    setExpiration: (when) => void (expiration = when === undefined ? DEFAULT_EXPIRATION : when.toISOString().replace(/\.\d{3}Z$/, 'Z')),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
