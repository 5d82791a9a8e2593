// Container credentials (botocore's ContainerProvider, METHOD `container-role`,
// canonical name EcsContainer). STUB: to be written.
import type { Provider } from './types.js';

export const containerProvider: Provider = async () => undefined;
