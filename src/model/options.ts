// The vocabulary of the option tables (globals.ts, wait.ts): each option is
// declared once, `as const`, and everything else is derived from the
// declaration: the argparse specs (src/parse/options.ts), the help page, the
// completion scripts, and, by TypeScript, the type of the parsed values
// (`ParsedValues`). The operation's own options come from its members
// (copy-snapshot.ts, bulk.ts) and are derived the same way.

/** How many words an option takes: none, exactly one, one or none (a default), or any number. */
export type OptionKind = 'flag' | 'value' | 'optional' | 'list';

/**
 * What a value is, where something reads that: `file` a local path and
 * `profile` a profile name (completion offers them), `integer` a number (the
 * help page's type), `duration` and `snapshot-id` our wait values (never
 * file:// paramfiles).
 */
export type ValueHint = 'file' | 'profile' | 'integer' | 'duration' | 'snapshot-id';

export interface OptionDecl {
  /** The long flag; `--no-x` flags store false under x. */
  readonly flag: `--${string}`;
  readonly kind: OptionKind;
  /** Choices v1 accepts and lists in its "Invalid choice" message. */
  readonly choices?: readonly string[];
  /** Further choices we accept (AWS CLI v2's, ours), never listed in v1's message. */
  readonly extraChoices?: readonly string[];
  /** An `optional` option given without a value stores this. */
  readonly constValue?: string;
  /** Not in AWS CLI v1: matched only when spelled out in full, so no abbreviation that works with v1 becomes ambiguous. */
  readonly extra?: boolean;
  /** Reaching it prints the version and ends the parse (argparse's `action='version'`). */
  readonly version?: boolean;
  readonly hint?: ValueHint;
  /** One line, our own words: help page and completion. */
  readonly summary: string;
  /** More words for the help page. */
  readonly details?: string;
}

/** `cli-read-timeout` → `cliReadTimeout`. */
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** Where a flag's value is stored: `--cli-read-timeout` → `cliReadTimeout`, `--no-verify-ssl` → `verifySsl`. */
export type Dest<F extends string> = F extends `--no-${infer Rest}` ? Camel<Rest> : F extends `--${infer Rest}` ? Camel<Rest> : never;

/** The run-time twin of `Dest` (test/parse/options.test.ts holds the two together). */
export function destOf(flag: string): string {
  return flag
    .replace(/^--(no-)?/, '')
    .replace(/-(.)/g, (_dash, c: string) => c.toUpperCase());
}

/** A `--no-x` flag: stores false where `--x` would store true. */
export function isNegated(flag: string): boolean {
  return flag.startsWith('--no-');
}

/** The value an option stores: a boolean for a flag, the words of a list, else one word. */
export type ValueOf<O extends OptionDecl> = O['kind'] extends 'flag' ? boolean : O['kind'] extends 'list' ? string[] : string;

/** What parsing a table yields: each option's value under its `Dest`, absent when it was not given. */
export type ParsedValues<T extends readonly OptionDecl[]> = { -readonly [O in T[number] as Dest<O['flag']>]?: ValueOf<O> };

/** The flag of `table`'s option whose value is stored under `dest` (a dest the table lacks does not compile). */
export function flagOf<T extends readonly OptionDecl[]>(table: T, dest: keyof ParsedValues<T>): T[number]['flag'] {
  const decl = table.find((d) => destOf(d.flag) === dest);
  if (decl === undefined) throw new Error(`no option stores ${String(dest)}`);
  return decl.flag;
}
