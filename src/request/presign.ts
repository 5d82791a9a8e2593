// The PresignedUrl botocore attaches to CopySnapshot (its
// inject_presigned_url_ec2 handler): the same request as a GET against the
// source Region's endpoint, with DestinationRegion set to the client's
// Region, SigV4 query-signed for the source Region, valid for an hour. The
// signing itself is the SDK's (@smithy/signature-v4); the URL's layout is
// botocore's: operation parameters in body order, then the auth parameters.
import { Hash, SignatureV4 } from './sdk.js';
import type { AwsCredentialIdentity } from '@smithy/types';
import { formatQuery, type QueryPair, setPair } from './query-encoding.js';

export const PRESIGN_EXPIRES_SECONDS = 3600;

export interface PresignInput {
  /** The endpoint the request goes to (`https://ec2.us-east-1.amazonaws.com/`, or --endpoint-url). */
  readonly endpoint: string;
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
  const base = input.clientRegion ? input.endpoint.split(input.clientRegion).join(input.sourceRegion) : input.endpoint;
  const url = new URL(base);
  // botocore's URL for an unsigned client is the endpoint alone.
  if (!input.credentials) return url.href;

  const operation = setPair(input.pairs, 'DestinationRegion', input.clientRegion);
  const signer = new SignatureV4({
    credentials: input.credentials,
    region: input.sourceRegion,
    service: 'ec2',
    sha256: Hash.bind(null, 'sha256'),
  });
  const presigned = await signer.presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: Object.fromEntries(operation),
      headers: { host: url.host },
    },
    { expiresIn: PRESIGN_EXPIRES_SECONDS, signingDate: input.signingDate },
  );
  const signed = presigned.query as Record<string, string>;
  const auth: QueryPair[] = AUTH_ORDER.filter((k) => signed[k] !== undefined).map((k) => [k, signed[k]!]);
  auth.push(['X-Amz-Signature', signed['X-Amz-Signature']!]);
  return `${url.protocol}//${url.host}${url.pathname}?${formatQuery([...operation, ...auth])}`;
}
