// A local STS endpoint for assume-role tests: answers AssumeRole (query
// protocol, form body) with fixed temporary credentials and records each
// request, so a test can check who signed it and with which parameters.
//
//   const sts = await startStsEndpoint();
//   ... AWS_ENDPOINT_URL_STS=sts.url ...
//   sts.requests[0]!.params.RoleArn, sts.requests[0]!.accessKeyId
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StsRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The form body's parameters (Action, RoleArn, RoleSessionName, SerialNumber, TokenCode, ...). */
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

export interface StsEndpoint {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: StsRequest[];
  readonly credentials: AssumedCredentials;
  /** From now on answer every request with this STS error (undefined: answer normally again). */
  failWith(error: { readonly status: number; readonly code: string; readonly message: string } | undefined): void;
  close(): Promise<void>;
}

export const ASSUMED: AssumedCredentials = {
  accessKeyId: 'ASIAASSUMEDROLEKEY01',
  secretAccessKey: 'assumedRoleSecretKey/0123456789abcdefghij',
  sessionToken: 'assumedRoleSessionToken0123456789',
};

function assumeRoleXml(params: Readonly<Record<string, string>>, creds: AssumedCredentials): string {
  const session = params.RoleSessionName ?? 'session';
  const role = (params.RoleArn ?? 'arn:aws:iam::123456789012:role/r').split('/').pop();
  return (
    `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
    `<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:${session}</AssumedRoleId>` +
    `<Arn>arn:aws:sts::123456789012:assumed-role/${role}/${session}</Arn></AssumedRoleUser>` +
    `<Credentials><AccessKeyId>${creds.accessKeyId}</AccessKeyId><SecretAccessKey>${creds.secretAccessKey}</SecretAccessKey>` +
    `<SessionToken>${creds.sessionToken}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>` +
    `</AssumeRoleResult><ResponseMetadata><RequestId>11111111-2222-3333-4444-555555555555</RequestId></ResponseMetadata></AssumeRoleResponse>`
  );
}

export async function startStsEndpoint(creds: AssumedCredentials = ASSUMED): Promise<StsEndpoint> {
  const requests: StsRequest[] = [];
  let failure: { readonly status: number; readonly code: string; readonly message: string } | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const params = Object.fromEntries(new URLSearchParams(body));
      const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
      requests.push({ path: req.url ?? '', headers: req.headers, params, accessKeyId: scope?.[1], signingRegion: scope?.[2] });
      if (failure) {
        res.writeHead(failure.status, { 'Content-Type': 'text/xml' });
        res.end(
          `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${failure.code}</Code>` +
            `<Message>${failure.message}</Message></Error><RequestId>11111111-2222-3333-4444-555555555555</RequestId></ErrorResponse>`,
        );
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end(assumeRoleXml(params, creds));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    credentials: creds,
    failWith: (next) => void (failure = next),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
