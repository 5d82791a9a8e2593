// --wait-timeout DURATION: seconds (90), or a number with a unit (90s, 15m,
// 2h); 0 waits without a limit, as 0 means for v1's own timeouts. The option
// is ours, so a bad value gets our own argparse-style error (exit 2). Light
// (no SDK), so the value is checked before the copy is sent.
import { CliError } from '../errors.js';
import { DURATION_UNITS } from '../model/wait.js';

const DURATION = new RegExp(`^(\\d+)(${Object.keys(DURATION_UNITS).join('|')})?$`);

/** Milliseconds to wait at most; undefined (no --wait-timeout, or 0) waits for ever. */
export function parseWaitTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = DURATION.exec(value.trim());
  if (!match) {
    const units = Object.keys(DURATION_UNITS).join(', ');
    throw new CliError(
      'usage',
      `argument --wait-timeout: invalid duration: '${value}' (seconds, or a whole number followed by ${units}: 90, 90s, 15m, 2h; 0 for no limit)`,
    );
  }
  const ms = Number(match[1]) * (DURATION_UNITS[match[2] ?? 's'] ?? 1) * 1000;
  return ms === 0 ? undefined : ms;
}
