// The request room: from validated parameters and resolved settings to the
// response as the AWS CLI shows it. Loaded only on the path that sends.
import { CliError } from '../errors.js';
import { COPY_SNAPSHOT, PROGRAM_NAME } from '../model/copy-snapshot.js';
import type { GlobalArgs } from '../parse/index.js';
import { inModelOrder } from './response.js';
import { assertEncodable } from './query-encoding.js';
import { sendCopySnapshot } from './send.js';
import { endpointFor, type Env, type Settings } from './settings.js';
import { timeoutsMs, type Timeouts } from './timeouts.js';

export type { Timeouts } from './timeouts.js';
import type { ClientOptions } from './client.js';
import type { DebugLogger } from '../debug.js';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { makingRequestMessage, sdkInput } from '../params/serialize.js';
import type { PyDict } from '../python/value.js';

/** What every request of one invocation shares. */
export interface RequestContext {
  readonly globals: GlobalArgs;
  readonly settings: Settings;
  readonly region: string;
  readonly credentials: AwsCredentialIdentityProvider | undefined;
  readonly timeouts: Timeouts;
  /** Where warnings go (stderr). */
  readonly warn: (text: string) => void;
  /** --debug logging, when on. */
  readonly debug?: DebugLogger;
  /** The invocation's environment (io.env): proxies are chosen from it. */
  readonly env: Env;
}

/** The EC2 client settings for this invocation (also used by --wait's polling). */
export function clientOptions(context: RequestContext): ClientOptions {
  const { settings, globals, region } = context;
  return {
    region,
    endpoint: endpointFor(settings, region),
    credentials: context.credentials,
    maxAttempts: settings.maxAttempts,
    retryMode: settings.retryMode,
    connectTimeoutMs: timeoutsMs(context.timeouts).connectMs,
    readTimeoutMs: timeoutsMs(context.timeouts).readMs,
    verifySsl: globals.verifySsl !== false,
    caBundle: settings.caBundle,
    debug: context.debug,
    env: context.env,
    userAgentAppId: settings.userAgentAppId,
  };
}

export async function copySnapshot(pyParams: PyDict, context: RequestContext): Promise<unknown> {
  const options = clientOptions(context);
  if (!options.verifySsl && options.endpoint.startsWith('https:')) {
    const host = new URL(options.endpoint).hostname;
    context.warn(
      `${PROGRAM_NAME}: warning: Unverified HTTPS request is being made to host '${host}'. Adding certificate verification is strongly advised.\n`,
    );
  }
  context.debug?.log('botocore.endpoint', makingRequestMessage('CopySnapshot', pyParams, options.endpoint));
  // The Python values become the SDK's input here, and only here.
  const params = sdkInput(pyParams);
  assertEncodable(params);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(options.endpoint)?.[1]?.toLowerCase() ?? '';
  if (scheme !== 'http' && scheme !== 'https') {
    // urllib3's pool manager knows only these two.
    throw new CliError('general', `An HTTP Client raised an unhandled exception: Not supported URL scheme ${scheme}`);
  }
  if (context.region === '' && context.credentials !== undefined && !('PresignedUrl' in params)) {
    // botocore signs the PresignedUrl for an empty Region with no Host header and fails on it.
    throw new CliError('general', "'NoneType' object has no attribute 'split'");
  }
  const output = await sendCopySnapshot({ ...options, params });
  return inModelOrder(output, COPY_SNAPSHOT.output);
}
