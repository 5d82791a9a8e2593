// A Python exception raised while a formatter ran. v1 prints `"\n" + str(e) + "\n"`
// on stderr (rc 255); what the formatter had already written stays on stdout.

import { CliError } from '../errors.js';

export class FormatterError extends CliError {
  constructor(
    message: string,
    /** What v1 had already written to stdout when the exception was raised. */
    readonly partialOutput: string,
    /**
     * The coloured table formatter had started colorama with autoreset: from
     * then on every write to stderr is followed by a reset (`\x1b[0m`).
     */
    readonly stderrAutoreset = false,
  ) {
    super('general', message);
  }

  /** stderr as v1 writes it: `\n`, the message and `\n`, each write reset when colorama wraps stderr. */
  get stderrText(): string {
    const reset = this.stderrAutoreset ? '\x1b[0m' : '';
    return ['\n', this.message, '\n'].map((write) => write + reset).join('');
  }
}
