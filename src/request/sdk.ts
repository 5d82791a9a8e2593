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
import { CopySnapshot$, CopySnapshotCommand } from '@aws-sdk/client-ec2';
import { state as sdkVersionWarning } from '@aws-sdk/core/client';
import { makeBuilder } from '@smithy/core/client';
import { getEndpointPlugin } from '@smithy/core/endpoints';
import { EC2_CLIENT, EC2_SERVICE, NODE_VERSION_WARNING_FLAG } from './sdk-names.js';

export * from './sdk-names.js';
export { HttpRequest };
export { DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
export { Hash } from '@smithy/core/serde';
export { NodeHttpHandler } from '@smithy/node-http-handler';
export { SignatureV4 } from '@smithy/signature-v4';

/**
 * CopySnapshot as the SDK builds it (same endpoint parameters, schema and
 * name), minus the SDK's own presign plugin: ours is botocore's (presign.ts).
 */
export const CopySnapshotBotocoreStyle = makeBuilder(
  CopySnapshotCommand.getEndpointParameterInstructions(),
  EC2_SERVICE,
  EC2_CLIENT,
  getEndpointPlugin,
)({}, () => [], 'CopySnapshot', CopySnapshot$);

/** The SDK warns on stderr about Node < 22; the AWS CLI prints no such thing. */
export function silenceNodeVersionWarning(): void {
  sdkVersionWarning[NODE_VERSION_WARNING_FLAG] = true;
}

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
