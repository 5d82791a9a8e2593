// Adaptive retry mode's rate limiter against botocore's own, both driven by a
// fake clock (no real time passes): fixtures/adaptive.json holds what
// botocore 1.43.11's ClientRateLimiter did for seeded random scenarios
// (regenerate: python3 test/request/fixtures/gen_adaptive.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RetryErrorInfo } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { ClientRateLimiter, type LimiterClock } from '../../src/request/rate-limiter.js';
import { BotocoreRetryStrategy } from '../../src/request/retry-rules.js';

interface BucketState {
  enabled: boolean;
  maxRate: number;
  capacity: number;
}
type Step = { wait: number } | { send: number } | { ok: BucketState } | { throttled: BucketState };
const SCENARIOS = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'adaptive.json'), 'utf8')) as { start: number; steps: Step[] }[];

/** As the generator's clock: sleeping moves fake time (1 ns at least), and is counted. */
interface FakeClock {
  now: number;
  slept: number[];
  readonly clock: LimiterClock;
}

function fakeClock(start: number): FakeClock {
  const clock: FakeClock = {
    now: start,
    slept: [] as number[],
    clock: {
      now: () => clock.now,
      sleep: async (seconds: number) => {
        const amount = Math.max(seconds, 1e-9);
        clock.now += amount;
        clock.slept.push(amount);
      },
    },
  };
  return clock;
}

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe("ClientRateLimiter behaves as botocore's (fixtures/adaptive.json)", () => {
  it.each(SCENARIOS.map((s, n) => [n, s] as const))('scenario %i', async (_, scenario) => {
    const fake = fakeClock(scenario.start);
    const limiter = new ClientRateLimiter(fake.clock);
    for (const step of scenario.steps) {
      if ('wait' in step) fake.now += step.wait;
      else if ('send' in step) {
        fake.slept = [];
        await limiter.beforeSend();
        close(
          fake.slept.reduce((a, b) => a + b, 0),
          step.send,
        );
      } else {
        const expected = 'ok' in step ? step.ok : step.throttled;
        limiter.afterResponse('throttled' in step);
        const state = limiter.state();
        expect(state.enabled).toBe(expected.enabled);
        close(state.maxRate, expected.maxRate);
        close(state.capacity, expected.capacity);
      }
    }
  });

  it('lets requests through without waiting until a throttling error arrives', async () => {
    const fake = fakeClock(100);
    const limiter = new ClientRateLimiter(fake.clock);
    for (let n = 0; n < 50; n++) {
      await limiter.beforeSend();
      limiter.afterResponse(false);
      fake.now += 0.01;
    }
    expect(fake.slept).toEqual([]);
    expect(limiter.state().enabled).toBe(false);
  });

  it('after a throttling error at a low measured rate, sends at most one request each 2 s (the minimum fill rate)', async () => {
    const fake = fakeClock(100);
    const limiter = new ClientRateLimiter(fake.clock);
    limiter.afterResponse(true);
    expect(limiter.state()).toEqual({ enabled: true, maxRate: 0.5, capacity: 0 });
    await limiter.beforeSend();
    expect(fake.slept).toEqual([2]);
  });
});

describe('BotocoreRetryStrategy in adaptive mode', () => {
  const info = (status: number, code: string): RetryErrorInfo =>
    ({ error: Object.assign(new Error('x'), { $metadata: { httpStatusCode: status }, Error: { Code: code } }), errorType: 'CLIENT_ERROR' }) as RetryErrorInfo;
  const throttled = info(503, 'RequestLimitExceeded');
  const invalid = info(400, 'InvalidParameterValue');

  it('waits the backoff, then for the limiter, itself (the SDK gets no delay); retries as standard does', async () => {
    const fake = fakeClock(100);
    const strategy = new BotocoreRetryStrategy('adaptive', 3, fake.clock, () => 0.5);
    let token = await strategy.acquireInitialRetryToken();
    token = await strategy.refreshRetryTokenForRetry(token, throttled);
    expect([token.getRetryCount(), token.getRetryDelay()]).toEqual([1, 0]);
    // Backoff 0.5 × 2^0 s, then the bucket (empty, filling at 0.5 per second) needs the other 1.5 s.
    expect(fake.slept).toEqual([0.5, 1.5]);
    token = await strategy.refreshRetryTokenForRetry(token, throttled);
    expect(token.getRetryCount()).toBe(2);
    await expect(strategy.refreshRetryTokenForRetry(token, throttled)).rejects.toBe(throttled.error);
  });

  it('does not retry what standard does not retry, and never waits before a throttling error', async () => {
    const fake = fakeClock(100);
    const strategy = new BotocoreRetryStrategy('adaptive', 3, fake.clock, () => 0.5);
    const token = await strategy.acquireInitialRetryToken();
    await expect(strategy.refreshRetryTokenForRetry(token, invalid)).rejects.toBe(invalid.error);
    strategy.recordSuccess();
    await strategy.acquireInitialRetryToken();
    expect(fake.slept).toEqual([]);
  });

  it('standard mode has no limiter: the SDK sleeps the backoff', async () => {
    const fake = fakeClock(100);
    const strategy = new BotocoreRetryStrategy('standard', 3, fake.clock, () => 0.5);
    const token = await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), throttled);
    expect([token.getRetryCount(), token.getRetryDelay()]).toEqual([1, 500]);
    expect(fake.slept).toEqual([]);
  });
});
