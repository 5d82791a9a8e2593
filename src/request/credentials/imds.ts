// Instance metadata (botocore's InstanceMetadataProvider, METHOD `iam-role`,
// canonical name Ec2InstanceMetadata). STUB: to be written.
import type { Provider } from './types.js';

export const instanceMetadataProvider: Provider = async () => undefined;
