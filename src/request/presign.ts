// The PresignedUrl botocore attaches to CopySnapshot (its
// inject_presigned_url_ec2 handler): the same request as a GET against the
// source Region's endpoint, with DestinationRegion set to the client's
// Region, SigV4 query-signed for the source Region, valid for an hour. The
// signing itself is the SDK's (@smithy/signature-v4); the URL's layout is
// botocore's: operation parameters in body order, then the auth parameters.
import { Hash, SignatureV4 } from './sdk.js';
import type { AwsCredentialIdentity } from '@smithy/types';
import { formatQuery, type QueryPair, setPair } from './query-encoding.js';
import { parseQueryFirstValues, pyReplace, signedHost, urlsplit, urlunsplit } from './endpoint-url.js';

export const PRESIGN_EXPIRES_SECONDS = 3600;

export interface PresignInput {
  /** botocore's URL of the request (`https://ec2.us-east-1.amazonaws.com/`, or from --endpoint-url: see endpoint-url.ts). */
  readonly url: string;
  /** The client's Region: where the copy is made. */
  readonly clientRegion: string;
  readonly sourceRegion: string;
  /** The serialized request, `Action` and `Version` first, in body order. */
  readonly pairs: readonly QueryPair[];
  /** Undefined for unsigned requests (`--no-sign-request`). */
  readonly credentials: AwsCredentialIdentity | undefined;
  readonly signingDate?: Date;
}

const AUTH_ORDER = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Security-Token'];

export async function presignCopySnapshot(input: PresignInput): Promise<string> {
  // botocore's guess at the source Region's endpoint: every occurrence of the client's Region in the URL replaced.
  const url = pyReplace(input.url, input.clientRegion, input.sourceRegion);
  // botocore's URL for an unsigned client is that URL alone.
  if (!input.credentials) return url;

  const parts = urlsplit(url);
  // The endpoint's own query parameters come first (decoded, then encoded again), then the operation's.
  let operation: QueryPair[] = parseQueryFirstValues(parts.query);
  for (const [key, value] of setPair(input.pairs, 'DestinationRegion', input.clientRegion)) operation = setPair(operation, key, value);
  const signer = new SignatureV4({
    credentials: input.credentials,
    region: input.sourceRegion,
    service: 'ec2',
    sha256: Hash.bind(null, 'sha256'),
  });
  // Only the path, the query and the Host header enter the signature; the SDK normalises and escapes the path as botocore does.
  const presigned = await signer.presign(
    { method: 'GET', protocol: `${parts.scheme}:`, hostname: '', path: parts.path, query: Object.fromEntries(operation), headers: { host: signedHost(url) } },
    { expiresIn: PRESIGN_EXPIRES_SECONDS, signingDate: input.signingDate },
  );
  const signed = presigned.query as Record<string, string>;
  const auth: QueryPair[] = AUTH_ORDER.filter((k) => signed[k] !== undefined).map((k) => [k, signed[k]!]);
  // botocore appends the signature to the URL as a string: after the fragment, when there is one.
  return `${urlunsplit({ ...parts, query: formatQuery([...operation, ...auth]) })}&X-Amz-Signature=${signed['X-Amz-Signature']!}`;
}
