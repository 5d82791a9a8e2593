// Our own options for waiting on copies (AWS CLI v1 has none of them, so they
// are matched only when written out in full). Declared here, once: the parser,
// the help page, the man page and the completion scripts read this list.
import type { OptionDecl } from './options.js';

/** Units --wait-timeout accepts after a number, in seconds. */
export const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };

export const WAIT_OPTIONS = [
  {
    flag: '--wait',
    kind: 'flag',
    extra: true,
    summary: 'After the copy is accepted, wait until the new snapshot is completed, showing progress on stderr.',
  },
  {
    flag: '--wait-timeout',
    kind: 'value',
    extra: true,
    hint: 'duration',
    summary: 'With --wait or --wait-for: give up waiting after this long (the copy goes on in EC2).',
    details:
      'A number of seconds (90), or a number followed by s, m or h (90s, 15m, 2h). 0, the default, waits without a limit.',
  },
  {
    flag: '--wait-for',
    kind: 'list',
    extra: true,
    hint: 'snapshot-id',
    summary: 'Copy nothing; wait for copies made earlier, given by the ids of the new snapshots.',
    details:
      'For instance after Ctrl-C or a --wait-timeout. Use the Region (and profile) the copies were made with. The options of the copy itself are not allowed with it.',
  },
] as const satisfies readonly OptionDecl[];
