// The one door between our code and the AWS SDK at run time: every SDK value
// our modules use is imported from here (types may still be imported from
// the packages; they vanish at build time).
//
// The build ships this module as its own bundle (dist/sdk.cjs) and the rest
// of the CLI as another (dist/app.cjs), so that the SDK is read, compiled and
// evaluated only when a request is about to be sent, and is tree-shaken to
// exactly the names below. Keeping every SDK import behind this door also
// means the two bundles never hold two copies of an SDK class (whose
// instanceof checks would then disagree); scripts/build.mjs fails the build
// if SDK code turns up anywhere else.
import { HttpRequest } from '@smithy/core/protocols';

export { HttpRequest };
export { CopySnapshot$, CopySnapshotCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
export { state as sdkVersionWarning } from '@aws-sdk/core/client';
export { makeBuilder } from '@smithy/core/client';
export { getEndpointPlugin } from '@smithy/core/endpoints';
export { Hash } from '@smithy/core/serde';
export { NodeHttpHandler } from '@smithy/node-http-handler';
export { SignatureV4 } from '@smithy/signature-v4';

/**
 * The SDK internals our code leans on, by name. Each is checked against the
 * SDK in test/request/sdk-door.test.ts, so that an SDK upgrade that renames
 * one fails there, loudly.
 */
/** The signer's method that writes the canonical request (overridden in signing-date.ts). */
export const SIGNER_CANONICAL_REQUEST = 'createCanonicalRequest';
/** Middleware of the EC2 client's stack we add ours relative to, or remove. */
export const SIGNING_MIDDLEWARE = 'httpSigningMiddleware';
export const RETRY_MIDDLEWARE = 'retryMiddleware';

/** The SDK's credential providers (with their STS and SSO clients): heavy, so only loaded when a profile needs them. */
export const loadCredentialProviders = () => import('@aws-sdk/credential-providers');

// @smithy/core's HttpRequest.clone copies the query with a reduce that spreads
// its accumulator: quadratic in the number of parameters. SignatureV4.presign
// clones the request twice, so presigning a CopySnapshot with 10,000 tag
// specifications took about 25 s (botocore's takes a fraction of a second).
// The SDK's clone still does everything but the query, which is copied here
// the way it copies it (own keys in order, arrays copied), in linear time.
// (Applied once per SDK instance: test runners may evaluate this module again.)
const LINEAR = Symbol.for('copy-snapshot.linearQueryClone');
if (!(LINEAR in HttpRequest.clone)) {
  const sdkClone = HttpRequest.clone;
  HttpRequest.clone = Object.assign(
    function cloneWithLinearQuery(request: Parameters<typeof sdkClone>[0]) {
      const cloned = sdkClone({ ...request, query: {} });
      if (request.query) {
        cloned.query = Object.fromEntries(Object.entries(request.query).map(([key, value]) => [key, Array.isArray(value) ? [...value] : value]));
      }
      return cloned;
    },
    { [LINEAR]: true },
  );
}
