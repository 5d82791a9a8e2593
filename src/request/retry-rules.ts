// AWS CLI v1's retry rules, in one table: which failures botocore retries in
// each retry mode, how long it waits, when it says "reached max retries", and
// how it reads AWS_RETRY_MODE / AWS_MAX_ATTEMPTS (or retry_mode /
// max_attempts). The SDK's own classification differs (it retries clock skew
// and RequestTimeout in every mode, never 509, nor a garbled status line), so
// the client runs the strategy below instead.
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { CliError } from '../errors.js';
import { pythonInt } from '../python/int.js';
import { ClientRateLimiter, systemClock, type LimiterClock } from './rate-limiter.js';

export type RetryMode = 'legacy' | 'standard' | 'adaptive';

/** What a failed attempt was: an HTTP answer (status, error code) or no answer at all. */
export interface Failure {
  readonly status?: number | undefined;
  readonly code?: string | undefined;
  /** The request got no HTTP answer (refused, reset, timed out, TLS, garbled). */
  readonly transport: boolean;
}

/**
 * botocore's throttling error codes (retries/standard.py), which standard
 * and adaptive retry on any status; --wait also slows down on them.
 */
export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

/** The services whose calls this program makes with botocore's retry rules. */
export type RetryService = 'ec2' | 'sts';

const RULES = {
  /** data/_retry.json's default policies (per service additions below); an error code counts only with its status. */
  legacy: {
    statuses: new Set([429, 500, 502, 503, 504, 509]),
    codesWithStatus: new Map([
      ['Throttling', 400],
      ['ThrottlingException', 400],
      ['ThrottledException', 400],
      ['RequestThrottledException', 400],
      ['ProvisionedThroughputExceededException', 400],
    ]),
    codes: new Set<string>(),
    defaultMaxAttempts: 5,
  },
  /** retries/standard.py: transient statuses and codes, throttling codes, and the errors a model marks retryable. */
  standard: {
    statuses: new Set([500, 502, 503, 504]),
    codesWithStatus: new Map<string, number>(),
    codes: new Set(['RequestTimeout', 'RequestTimeoutException', 'PriorRequestNotComplete', ...THROTTLING_CODES]),
    defaultMaxAttempts: 3,
  },
} as const;

/**
 * What each service adds: _retry.json's per-service policies (legacy), and
 * the errors its model marks retryable (standard). EC2 models none; STS marks
 * IDPCommunicationError.
 */
const SERVICE_RULES: Record<RetryService, { legacyCodesWithStatus: ReadonlyMap<string, number>; modeledRetryable: ReadonlySet<string> }> = {
  ec2: {
    legacyCodesWithStatus: new Map([
      ['RequestLimitExceeded', 503],
      ['EC2ThrottledException', 503],
    ]),
    modeledRetryable: new Set(),
  },
  sts: {
    legacyCodesWithStatus: new Map([['IDPCommunicationError', 400]]),
    modeledRetryable: new Set(['IDPCommunicationError']),
  },
};

/** Adaptive mode retries as standard does; its client-side rate limiter (rate-limiter.ts) only spaces requests out. */
const rulesOf = (mode: RetryMode) => RULES[mode === 'legacy' ? 'legacy' : 'standard'];

export function defaultMaxAttempts(mode: RetryMode): number {
  return rulesOf(mode).defaultMaxAttempts;
}

/** Whether botocore retries this failure in this mode (attempts aside). Every mode retries a request that got no answer. */
export function isRetryable(mode: RetryMode, failure: Failure, service: RetryService = 'ec2'): boolean {
  if (failure.transport) return true;
  const rules = rulesOf(mode);
  const { status, code } = failure;
  if (status !== undefined && rules.statuses.has(status)) return true;
  if (code === undefined) return false;
  if (mode === 'legacy') {
    const withStatus = rules.codesWithStatus.get(code) ?? SERVICE_RULES[service].legacyCodesWithStatus.get(code);
    return status !== undefined && withStatus === status;
  }
  return rules.codes.has(code) || SERVICE_RULES[service].modeledRetryable.has(code);
}

/**
 * Whether the error message says "(reached max retries: N)": legacy when a
 * retryable failure used the last attempt; standard and adaptive whenever the
 * last attempt failed (their attempt check runs first).
 */
export function reachedMaxAttempts(mode: RetryMode, failure: Failure, attempts: number, maxAttempts: number, service: RetryService = 'ec2'): boolean {
  if (attempts < maxAttempts) return false;
  return mode !== 'legacy' || isRetryable(mode, failure, service);
}

/** Seconds before retry `n` (1-based): rand × 2^(n-1), capped at 20 s outside legacy. */
export function backoffMs(mode: RetryMode, retry: number, random: () => number = Math.random): number {
  const growth = 2 ** (retry - 1);
  return random() * (mode === 'legacy' ? growth : Math.min(growth, 20)) * 1000;
}

const MODES: readonly RetryMode[] = ['legacy', 'standard', 'adaptive'];

/** retry_mode as botocore's Config checks it. */
function parseRetryMode(text: string | undefined): RetryMode {
  if (text === undefined) return 'legacy';
  if ((MODES as readonly string[]).includes(text)) return text as RetryMode;
  throw new CliError(
    'configuration',
    `Invalid value provided to "mode": "${text}" must be one of: ('legacy', 'standard', 'adaptive')`,
  );
}

/**
 * Both settings as botocore reads them, in its order: max_attempts through
 * int() and checked (at least 1) before retry_mode is.
 */
export function parseRetrySettings(modeText: string | undefined, attemptsText: string | undefined): { mode: RetryMode; maxAttempts: number } {
  const attempts = attemptsText === undefined ? undefined : parseMaxAttempts(attemptsText);
  const mode = parseRetryMode(modeText);
  return { mode, maxAttempts: attempts ?? defaultMaxAttempts(mode) };
}

/** max_attempts: int() of the text, then at least 1 (botocore's Config). */
function parseMaxAttempts(text: string): number {
  const n = pythonInt(text);
  if (n < 1) {
    throw new CliError('configuration', `Value provided to "max_attempts": ${String(n)} must be an integer greater than or equal to 1.`);
  }
  return typeof n === 'bigint' ? Number.MAX_SAFE_INTEGER : n;
}

interface SdkFailure {
  readonly $metadata?: { httpStatusCode?: number };
  readonly Error?: { Code?: string };
  readonly name?: string;
  readonly code?: unknown;
}

/** The failure behind an SDK error: a service answer, a transport failure, or neither (our own checks, credentials). */
export function failureOf(error: unknown): Failure | undefined {
  const e = (error ?? {}) as SdkFailure;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return { status, code: e.Error?.Code, transport: false };
  if (error instanceof CliError) return error.kind === 'connection' ? { transport: true } : undefined;
  if (e.name === 'TimeoutError' || (typeof e.code === 'string' && /^(E[A-Z]|HPE_|ERR_)/.test(e.code))) return { transport: true };
  return undefined;
}

class Token implements RetryToken {
  constructor(
    private readonly retries: number,
    private readonly delayMs: number,
  ) {}
  getRetryCount(): number {
    return this.retries;
  }
  getRetryDelay(): number {
    return this.delayMs;
  }
}

/** Whether botocore's adaptive limiter counts the failure as throttling (standard.ThrottlingErrorDetector; EC2 models no throttling errors). */
export function isThrottling(failure: Failure | undefined): boolean {
  return failure?.code !== undefined && THROTTLING_CODES.has(failure.code);
}

/**
 * The SDK retry loop driven by botocore's rules. In adaptive mode, every
 * attempt first waits for the client's rate limiter, after the backoff (so
 * the strategy sleeps itself, and hands the SDK no delay).
 */
export class BotocoreRetryStrategy implements RetryStrategyV2 {
  readonly mode: string;
  private readonly limiter: ClientRateLimiter | undefined;
  constructor(
    private readonly retryMode: RetryMode,
    private readonly maxAttempts: number,
    private readonly clock: LimiterClock = systemClock,
    private readonly random: () => number = Math.random,
  ) {
    this.mode = retryMode;
    this.limiter = retryMode === 'adaptive' ? new ClientRateLimiter(clock) : undefined;
  }

  async acquireInitialRetryToken(): Promise<RetryToken> {
    await this.limiter?.beforeSend();
    return new Token(0, 0);
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const failure = failureOf(info.error);
    this.limiter?.afterResponse(isThrottling(failure));
    const attempts = token.getRetryCount() + 1;
    if (failure === undefined || attempts >= this.maxAttempts || !isRetryable(this.retryMode, failure)) throw info.error;
    const delayMs = backoffMs(this.retryMode, attempts, this.random);
    if (!this.limiter) return new Token(attempts, delayMs);
    await this.clock.sleep(delayMs / 1000);
    await this.limiter.beforeSend();
    return new Token(attempts, 0);
  }

  recordSuccess(): void {
    this.limiter?.afterResponse(false);
  }
}
