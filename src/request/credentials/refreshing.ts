// Credentials that keep themselves valid, as botocore's RefreshableCredentials
// do: within 15 minutes of expiry a refresh is tried and its failure is
// tolerated (the old keys still work); within 10 minutes it must succeed.
// Keys that arrive already expired are an error. A provider whose first
// fetch is deferred (assume-role, web identity, SSO) fetches on first use.
import { CliError } from '../../errors.js';
import type { DebugLogger } from '../../debug.js';
import type { Found, Keys } from './types.js';

const ADVISORY_SECONDS = 15 * 60;
const MANDATORY_SECONDS = 10 * 60;

export const STILL_EXPIRED = 'Credentials were refreshed, but the refreshed credentials are still expired.';

/** str() of an aware UTC datetime: `2099-01-01 00:00:00+00:00`, microseconds when there are any. */
function pythonDatetime(date: Date): string {
  const iso = date.toISOString();
  const ms = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms === '000' ? '' : `.${ms}000`}+00:00`;
}

export class LiveCredentials {
  private keys: Keys | undefined;
  private refreshing: Promise<Keys> | undefined;

  constructor(
    private readonly found: Found,
    private readonly now: () => Date,
    private readonly debug?: DebugLogger,
  ) {
    this.keys = found.keys;
    debug?.addSecret(found.keys?.secretAccessKey);
    debug?.addSecret(found.keys?.sessionToken);
  }

  /** botocore's METHOD name of the provider that found them. */
  get method(): string {
    return this.found.method;
  }

  private secondsLeft(keys: Keys): number {
    return keys.expiration === undefined ? Infinity : (keys.expiration.getTime() - this.now().getTime()) / 1000;
  }

  /** Valid keys for the next request, refreshed first when they are close to expiry. */
  async current(): Promise<Keys> {
    const keys = this.keys;
    if (keys === undefined) return this.fetchFirst();
    const refresh = this.found.refresh;
    const left = this.secondsLeft(keys);
    if (refresh === undefined || left >= (this.found.advisoryRefreshSeconds ?? ADVISORY_SECONDS)) return keys;
    this.debug?.log('botocore.credentials', 'Credentials need to be refreshed.');
    const mandatory = left < (this.found.mandatoryRefreshSeconds ?? MANDATORY_SECONDS);
    try {
      this.accept(await this.once(refresh));
    } catch (error) {
      this.debug?.log(
        'botocore.credentials',
        `Refreshing temporary credentials failed during ${mandatory ? 'mandatory' : 'advisory'} refresh period.`,
        'WARNING',
      );
      if (mandatory) throw error;
    }
    return this.keys!;
  }

  private async fetchFirst(): Promise<Keys> {
    const refresh = this.found.refresh;
    if (refresh === undefined) throw new Error(`credentials of ${this.found.method} have neither keys nor a way to fetch them`);
    this.accept(await this.once(refresh));
    return this.keys!;
  }

  /** One refresh at a time: concurrent requests share it. */
  private once(refresh: () => Promise<Keys>): Promise<Keys> {
    this.refreshing ??= refresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private accept(keys: Keys): void {
    this.keys = keys;
    this.debug?.addSecret(keys.secretAccessKey);
    this.debug?.addSecret(keys.sessionToken);
    if (keys.expiration !== undefined) this.debug?.log('botocore.credentials', `Retrieved credentials will expire at: ${pythonDatetime(keys.expiration)}`);
    if (this.secondsLeft(keys) < 0) {
      this.debug?.log('botocore.credentials', STILL_EXPIRED, 'WARNING');
      throw new CliError('general', STILL_EXPIRED);
    }
  }
}
