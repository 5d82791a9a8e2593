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
export { CopySnapshot$, CopySnapshotCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
export { state as sdkVersionWarning } from '@aws-sdk/core/client';
export { makeBuilder } from '@smithy/core/client';
export { getEndpointPlugin } from '@smithy/core/endpoints';
export { ConfiguredRetryStrategy } from '@smithy/core/retry';
export { Hash } from '@smithy/core/serde';
export { NodeHttpHandler } from '@smithy/node-http-handler';
export { SignatureV4 } from '@smithy/signature-v4';

/** The SDK's credential providers (with their STS and SSO clients): heavy, so only loaded when a profile needs them. */
export const loadCredentialProviders = () => import('@aws-sdk/credential-providers');
