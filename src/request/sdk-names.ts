// The names of SDK internals our code and the build rely on. They live in
// this module, which imports nothing, so that scripts/build.mjs can read them
// too; our code reaches them through the door, src/request/sdk.ts, which
// re-exports them. test/request/sdk-door.test.ts checks each against the
// installed SDK: an upgrade that renames one fails there, loudly.

/** The EC2 client's signing step: ours is added before it, and removed with it for unsigned requests. */
export const SIGNING_MIDDLEWARE = 'httpSigningMiddleware';
/** The EC2 client's retry step: unsigned, the presign step runs right after it. */
export const RETRY_MIDDLEWARE = 'retryMiddleware';
/** The signer's method that writes the canonical request (overridden in signing-date.ts). */
export const SIGNER_CANONICAL_REQUEST = 'createCanonicalRequest';
/** The flag of @aws-sdk/core's state object that says the Node version warning was printed. */
export const NODE_VERSION_WARNING_FLAG = 'warningEmitted';
/** The EC2 client's service and client names, as its command builder is given them. */
export const EC2_SERVICE = 'AmazonEC2';
export const EC2_CLIENT = 'EC2Client';

/**
 * The schemas the build keeps of each SDK client's schema module (every EC2
 * shape, 1.3 MB): those reachable from the operations we send. To send
 * another operation, add its `<Operation>$`; the build fails if the bundle
 * uses a schema that was pruned.
 */
export const SCHEMA_ROOTS: Readonly<Record<string, readonly string[]>> = {
  'client-ec2': ['CopySnapshot$', 'DescribeSnapshots$'],
};
