// Adaptive retry mode's client-side rate limiter, as botocore builds it
// (retries/adaptive.py, bucket.py, throttling.py): off until a throttling
// error arrives; from then on every request takes a token from a bucket whose
// fill rate follows CUBIC (cut to 0.7 of the measured send rate on
// throttling, grown back along a cubic curve on success, never more than
// twice the measured rate, never below 0.5 per second). The SDK's
// DefaultRateLimiter has the same constants but starts from another bucket
// (fill rate 0.5 instead of 1, the first refill lost) and rounds its rates,
// so it would space requests differently. Time comes from the clock given.

export interface LimiterClock {
  /** Seconds since the epoch (fractions included). */
  now(): number;
  sleep(seconds: number): Promise<void>;
}

export const systemClock: LimiterClock = {
  now: () => Date.now() / 1000,
  sleep: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
};

const MIN_FILL_RATE = 0.5;
const SMOOTHING = 0.8;
/** The measured rate is updated every half second. */
const TIME_BUCKET_SCALE = 2;
const SCALE_CONSTANT = 0.4;
const BETA = 0.7;
const MAX_RATE_ADJUST_SCALE = 2;

/** bucket.TokenBucket. */
class TokenBucket {
  private fillRate = 0;
  private maxCapacity = 0;
  private capacity = 0;
  private lastTimestamp: number | undefined;

  constructor(
    private readonly clock: LimiterClock,
    maxRate: number,
  ) {
    this.maxRate = maxRate;
  }

  get maxRate(): number {
    return this.fillRate;
  }

  set maxRate(value: number) {
    // Tokens earned so far are earned at the old rate.
    this.refill();
    this.fillRate = Math.max(value, MIN_FILL_RATE);
    this.maxCapacity = value >= 1 ? value : 1;
    this.capacity = Math.min(this.capacity, this.maxCapacity);
  }

  get availableCapacity(): number {
    return this.capacity;
  }

  async acquire(): Promise<void> {
    this.refill();
    while (this.capacity < 1) {
      await this.clock.sleep((1 - this.capacity) / this.fillRate);
      this.refill();
    }
    this.capacity -= 1;
  }

  private refill(): void {
    const now = this.clock.now();
    if (this.lastTimestamp === undefined) {
      this.lastTimestamp = now;
      return;
    }
    this.capacity = Math.min(this.maxCapacity, this.capacity + (now - this.lastTimestamp) * this.fillRate);
    this.lastTimestamp = now;
  }
}

/** adaptive.RateClocker: a smoothed rate of responses, in half-second buckets. */
class RateClocker {
  private measured = 0;
  private count = 0;
  private lastBucket: number;

  constructor(private readonly clock: LimiterClock) {
    this.lastBucket = Math.floor(clock.now());
  }

  record(): number {
    const bucket = Math.floor(this.clock.now() * TIME_BUCKET_SCALE) / TIME_BUCKET_SCALE;
    this.count += 1;
    if (bucket > this.lastBucket) {
      const current = this.count / (bucket - this.lastBucket);
      this.measured = current * SMOOTHING + this.measured * (1 - SMOOTHING);
      this.count = 0;
      this.lastBucket = bucket;
    }
    return this.measured;
  }
}

/** throttling.CubicCalculator. */
class CubicCalculator {
  private wMax = 0;
  private k = 0;

  constructor(private lastFail: number) {}

  successReceived(timestamp: number): number {
    return SCALE_CONSTANT * (timestamp - this.lastFail - this.k) ** 3 + this.wMax;
  }

  errorReceived(currentRate: number, timestamp: number): number {
    this.wMax = currentRate;
    this.k = ((this.wMax * (1 - BETA)) / SCALE_CONSTANT) ** (1 / 3);
    this.lastFail = timestamp;
    return currentRate * BETA;
  }
}

/** adaptive.ClientRateLimiter: one per client, shared by all its calls. */
export class ClientRateLimiter {
  private enabled = false;
  private readonly bucket: TokenBucket;
  private readonly clocker: RateClocker;
  private readonly cubic: CubicCalculator;

  constructor(private readonly clock: LimiterClock = systemClock) {
    this.cubic = new CubicCalculator(clock.now());
    this.bucket = new TokenBucket(clock, 1);
    this.clocker = new RateClocker(clock);
  }

  /** Before every attempt is sent (botocore's before-send). */
  async beforeSend(): Promise<void> {
    if (this.enabled) await this.bucket.acquire();
  }

  /** After every attempt, answered or not (botocore's needs-retry). */
  afterResponse(throttling: boolean): void {
    const measured = this.clocker.record();
    const timestamp = this.clock.now();
    let rate: number;
    if (!throttling) rate = this.cubic.successReceived(timestamp);
    else {
      rate = this.cubic.errorReceived(this.enabled ? Math.min(measured, this.bucket.maxRate) : measured, timestamp);
      this.enabled = true;
    }
    this.bucket.maxRate = Math.min(rate, MAX_RATE_ADJUST_SCALE * measured);
  }

  /** For tests and --debug: the bucket's state. */
  state(): { enabled: boolean; maxRate: number; capacity: number } {
    return { enabled: this.enabled, maxRate: this.bucket.maxRate, capacity: this.bucket.availableCapacity };
  }
}
