// Every failure is a CliError of one kind. The kind alone decides the exit code
// and the shape of what reaches stderr, in this one table (AWS CLI v1 rules).

export type ErrorKind =
  /** argparse-style problems: missing required, expected one argument, ambiguous, bad choice. */
  | 'usage'
  /** Words left over after parsing (`Unknown options: a, b`). */
  | 'unknown-options'
  /** A value that could not be decoded: shorthand, JSON, paramfiles, integers. */
  | 'param'
  /** Client-side model validation (`Parameter validation failed:`). */
  | 'validation'
  /** Settings that cannot be used: missing profile, bad endpoint, bad region name. */
  | 'configuration'
  | 'no-region'
  | 'no-credentials'
  /** The service answered with an error (DryRunOperation included). */
  | 'service'
  /** The request never got an answer: refused, timed out, TLS, unparsable reply. */
  | 'connection'
  /** Anything else, printed as v1 prints an unexpected exception. */
  | 'general'
  /** Ctrl-C. */
  | 'interrupted'
  /** SIGTERM while --wait waits (CI cancel, `timeout`, `docker stop`): 128 + 15. */
  | 'terminated'
  /** SIGHUP while --wait waits (the terminal went away): 128 + 1. */
  | 'hangup';

type Layout =
  /** `usage…` then `<prog>: error: <msg>` */
  | 'argparse'
  /** `usage…` then a blank line and `<msg>` */
  | 'usage-then-message'
  /** a blank line, then `<msg>` */
  | 'blank-line'
  /** `<msg>` alone */
  | 'bare'
  /** a newline on stdout (v1's Ctrl-C); the message, if any, on stderr */
  | 'interrupt'
  /** the message, if any, on stderr */
  | 'signal';

const KINDS: Record<ErrorKind, { exitCode: number; layout: Layout }> = {
  usage: { exitCode: 2, layout: 'argparse' },
  'unknown-options': { exitCode: 255, layout: 'usage-then-message' },
  param: { exitCode: 255, layout: 'blank-line' },
  validation: { exitCode: 255, layout: 'blank-line' },
  configuration: { exitCode: 255, layout: 'blank-line' },
  'no-region': { exitCode: 255, layout: 'bare' },
  'no-credentials': { exitCode: 255, layout: 'bare' },
  service: { exitCode: 255, layout: 'blank-line' },
  connection: { exitCode: 255, layout: 'blank-line' },
  general: { exitCode: 255, layout: 'blank-line' },
  interrupted: { exitCode: 130, layout: 'interrupt' },
  terminated: { exitCode: 143, layout: 'signal' },
  hangup: { exitCode: 129, layout: 'signal' },
};

export class CliError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** The Code of --cli-error-format's document, where the kind alone does not say it. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** `Error parsing parameter '<name>': <detail>`; `name` is shown as given (`--description`, `cli-input-json`). */
export class ParamError extends CliError {
  constructor(
    readonly paramName: string,
    readonly detail: string,
  ) {
    super('param', `Error parsing parameter '${paramName}': ${detail}`);
  }
}

/** `Parameter validation failed:` followed by one line per problem. */
export class ValidationError extends CliError {
  constructor(readonly problems: readonly string[]) {
    super('validation', `Parameter validation failed:\n${problems.join('\n')}`);
  }
}

/** A service error, worded as botocore words a ClientError. */
export class ServiceError extends CliError {
  declare readonly code: string;
  constructor(
    code: string,
    readonly serviceMessage: string,
    readonly operation: string,
    readonly retriesExhausted?: number,
  ) {
    const retries = retriesExhausted === undefined ? '' : ` (reached max retries: ${retriesExhausted})`;
    super('service', `An error occurred (${code}) when calling the ${operation} operation${retries}: ${serviceMessage}`, code);
  }
}

export function exitCodeOf(kind: ErrorKind): number {
  return KINDS[kind].exitCode;
}

/** Every exit code the program can end with, and the kinds that lead to it (for the help and man pages). */
export function exitCodes(): ReadonlyMap<number, readonly ErrorKind[]> {
  const codes = new Map<number, ErrorKind[]>();
  for (const [kind, { exitCode }] of Object.entries(KINDS) as [ErrorKind, { exitCode: number }][]) {
    codes.set(exitCode, [...(codes.get(exitCode) ?? []), kind]);
  }
  return codes;
}

/** The usage block printed before argparse errors and unknown options (ours, not AWS's). */
export function usageBlock(prog: string): string {
  return `usage: ${prog} [options]\nTo see help text, you can run:\n\n  ${prog} help\n`;
}

export interface RenderedError {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What the process prints for an error, and its exit code. */
export function renderError(error: CliError, prog: string): RenderedError {
  const { exitCode, layout } = KINDS[error.kind];
  const message = error.message;
  switch (layout) {
    case 'argparse':
      return { stdout: '', stderr: `${usageBlock(prog)}${prog}: error: ${message}\n`, exitCode };
    case 'usage-then-message':
      return { stdout: '', stderr: `${usageBlock(prog)}\n${message}\n`, exitCode };
    case 'blank-line':
      return { stdout: '', stderr: `\n${message}\n`, exitCode };
    case 'bare':
      return { stdout: '', stderr: `${message}\n`, exitCode };
    case 'interrupt':
      return { stdout: '\n', stderr: message ? `${message}\n` : '', exitCode };
    case 'signal':
      return { stdout: '', stderr: message ? `${message}\n` : '', exitCode };
  }
}

/** Turns anything thrown into a CliError, keeping typed errors as they are. */
export function toCliError(thrown: unknown): CliError {
  if (thrown instanceof CliError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new CliError('general', message);
}
