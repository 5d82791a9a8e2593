// --cli-connect-timeout and --cli-read-timeout: awscli puts them in the
// session's default client config, so every client of the invocation (EC2,
// and the STS and SSO clients of the credential providers) uses them.
import { CliError } from '../errors.js';

export interface Timeouts {
  /** Seconds, as given (v1 converts with int()); undefined means the 60 s default, 0 means none. */
  readonly connect: number | undefined;
  readonly read: number | undefined;
}

export interface TimeoutsMs {
  /** Milliseconds; 0 waits forever. */
  readonly connectMs: number;
  readonly readMs: number;
}

const DEFAULT_TIMEOUT_SECONDS = 60;

/** botocore's defaults, for clients made without the command line's (tests, the providers' own units). */
export const DEFAULT_TIMEOUTS_MS: TimeoutsMs = { connectMs: DEFAULT_TIMEOUT_SECONDS * 1000, readMs: DEFAULT_TIMEOUT_SECONDS * 1000 };

/** Milliseconds for the transport; v1's error for a negative value comes when a request is made. */
function timeoutMs(seconds: number | undefined, kind: 'read' | 'connect'): number {
  const value = seconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (value < 0) {
    throw new CliError(
      'general',
      `Attempted to set ${kind} timeout to ${value}, but the timeout cannot be set to a value less than or equal to 0.`,
    );
  }
  return value * 1000;
}

/** Both timeouts in milliseconds (throws v1's error for a negative one). */
export function timeoutsMs(timeouts: Timeouts): TimeoutsMs {
  return { connectMs: timeoutMs(timeouts.connect, 'connect'), readMs: timeoutMs(timeouts.read, 'read') };
}
