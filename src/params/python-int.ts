// Python's int(text) for option values: surrounding whitespace, a sign,
// and single underscores between digits are allowed.
import { CliError } from '../errors.js';
import { pythonStringRepr } from '../parse/python-string.js';

const INTEGER = /^[+-]?\d+(?:_\d+)*$/;

export function parsePythonInt(text: string): number {
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) {
    throw new CliError('general', `invalid literal for int() with base 10: ${pythonStringRepr(text)}`);
  }
  return Number(trimmed.replace(/_/g, ''));
}
