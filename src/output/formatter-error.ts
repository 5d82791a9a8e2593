// A Python exception raised while a formatter ran. v1 prints `"\n" + str(e) + "\n"`
// on stderr (rc 255); what the formatter had already written stays on stdout.

import { CliError } from '../errors.js';

export class FormatterError extends CliError {
  constructor(
    message: string,
    /** What v1 had already written to stdout when the exception was raised. */
    readonly partialOutput: string,
  ) {
    super('general', message);
  }
}
