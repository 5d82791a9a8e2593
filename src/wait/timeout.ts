// --wait-timeout SECONDS: Python int() of the value, as v1 converts its own
// integer options (`invalid literal for int() with base 10: 'x'`). Light (no
// SDK), so the value is checked before the copy is sent.
import { CliError } from '../errors.js';
import { pythonInt } from '../python/int.js';

/** Milliseconds to wait at most; undefined (no --wait-timeout) waits for ever. */
export function parseWaitTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = pythonInt(value);
  if (seconds < 0) {
    throw new CliError('general', `Attempted to set wait timeout to ${seconds}, but the timeout cannot be set to a value less than 0.`);
  }
  return Number(seconds) * 1000;
}
