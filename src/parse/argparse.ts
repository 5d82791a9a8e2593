// Argument matching with the semantics of Python's argparse (3.11) as the AWS
// CLI configures it: unique prefixes, `--opt=value`, last one wins, `--`,
// the hidden `help` positional, and argparse's exact error messages.
// The options are declared in src/model and listed by options.ts; this
// decides which word belongs to which option.
import { CliError } from '../errors.js';
import type { OptionKind } from '../model/options.js';
import { closeMatches } from './close-matches.js';
import type { CliOption } from './options.js';
import { reprString } from '../python/repr.js';

export interface ParsedArgs {
  /** dest → value, for the options that were given. */
  readonly values: Record<string, unknown>;
  /** Words no option took, in argparse's order. */
  readonly extras: string[];
  /** The word taken by the hidden `help` positional, if the table has one. */
  readonly positional?: string;
  /** `--version` was reached. */
  readonly versionRequested: boolean;
}

export interface ParseOptions {
  /** The table has argparse's optional positional (`help`, nargs='?'). */
  readonly positional?: boolean;
  /** Skip the required-argument check. */
  readonly relaxRequired?: boolean;
}

interface Classified {
  readonly spec: CliOption | undefined;
  readonly explicit: string | undefined;
}

function usageError(message: string): CliError {
  return new CliError('usage', message);
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

function classify(word: string, specs: readonly CliOption[]): Classified | undefined {
  if (!word.startsWith('-')) return undefined;
  const exact = specs.find((s) => s.flag === word);
  if (exact) return { spec: exact, explicit: undefined };
  if (word.length === 1) return undefined;
  const eq = word.indexOf('=');
  if (eq >= 0) {
    const named = specs.find((s) => s.flag === word.slice(0, eq));
    if (named) return { spec: named, explicit: word.slice(eq + 1) };
  }
  if (word.startsWith('--')) {
    const prefix = eq >= 0 ? word.slice(0, eq) : word;
    const matches = specs.filter((s) => !s.extra && s.flag.startsWith(prefix));
    if (matches.length > 1) {
      throw usageError(`ambiguous option: ${word} could match ${matches.map((s) => s.flag).join(', ')}`);
    }
    if (matches.length === 1) {
      return { spec: matches[0], explicit: eq >= 0 ? word.slice(eq + 1) : undefined };
    }
  }
  if (NEGATIVE_NUMBER.test(word)) return undefined;
  if (word.includes(' ')) return undefined;
  return { spec: undefined, explicit: undefined };
}

/** The choices v1 lists in its message (not the extra ones we accept besides). */
function listedChoices(spec: CliOption): readonly string[] {
  return (spec.choices ?? []).filter((c) => !spec.extraChoices?.includes(c));
}

function invalidChoice(spec: CliOption, value: string): CliError {
  const listed = listedChoices(spec);
  const rows: string[] = [];
  for (let i = 0; i < listed.length; i += 2) {
    rows.push(
      listed
        .slice(i, i + 2)
        .map((c) => c.padEnd(40))
        .join(' | '),
    );
  }
  const parts = ['Invalid choice, valid choices are:\n', ...rows];
  const suggestions = closeMatches(value, listed);
  if (suggestions.length > 0) {
    parts.push(`\n\nInvalid choice: ${reprString(value)}, maybe you meant:\n`);
    parts.push(...suggestions.map((s) => `  * ${s}`));
  }
  return usageError(`argument ${spec.flag}: ${parts.join('\n')}`);
}

function checkChoice(spec: CliOption, value: unknown): void {
  if (!spec.choices || typeof value !== 'string') return;
  if (spec.choices.includes(value)) return;
  throw invalidChoice(spec, value);
}

/** argparse's nargs patterns for an option: how many of the next words it takes. */
function wordsTaken(kind: OptionKind, pattern: string): number | undefined {
  const run = /^A*/.exec(pattern)![0].length;
  switch (kind) {
    case 'flag':
      return 0;
    case 'value':
      return run >= 1 ? 1 : undefined;
    case 'optional':
      return Math.min(run, 1);
    case 'list':
      return run;
  }
}

export function parseKnownArgs(words: readonly string[], specs: readonly CliOption[], options: ParseOptions = {}): ParsedArgs {
  // Pass 1: classify every word ('O' option, 'A' argument, '-' the `--` marker).
  const classes = new Map<number, Classified>();
  let pattern = '';
  let afterMarker = false;
  words.forEach((word, index) => {
    if (afterMarker) {
      pattern += 'A';
    } else if (word === '--') {
      afterMarker = true;
      pattern += '-';
    } else {
      const c = classify(word, specs);
      if (c) {
        classes.set(index, c);
        pattern += 'O';
      } else {
        pattern += 'A';
      }
    }
  });

  const values: Record<string, unknown> = {};
  const seen = new Set<CliOption>();
  const extras: string[] = [];
  let positionalOpen = options.positional ?? false;
  let positional: string | undefined;
  let versionRequested = false;

  const takeAction = (spec: CliOption, args: string[]): void => {
    seen.add(spec);
    let value: unknown;
    switch (spec.kind) {
      case 'flag':
        value = !spec.negated;
        break;
      case 'value':
        value = args[0];
        checkChoice(spec, value);
        break;
      case 'optional':
        value = args.length > 0 ? args[0] : spec.constValue;
        checkChoice(spec, value);
        break;
      case 'list':
        value = args;
        for (const v of args) checkChoice(spec, v);
        break;
    }
    if (spec.version) versionRequested = true;
    values[spec.dest] = value;
  };

  const consumeOptional = (start: number): number => {
    const { spec, explicit } = classes.get(start)!;
    if (!spec) {
      extras.push(words[start]!);
      return start + 1;
    }
    if (explicit !== undefined) {
      if (spec.kind === 'flag') {
        throw usageError(`argument ${spec.flag}: ignored explicit argument ${reprString(explicit)}`);
      }
      takeAction(spec, [explicit]);
      return start + 1;
    }
    const count = wordsTaken(spec.kind, pattern.slice(start + 1));
    if (count === undefined) throw usageError(`argument ${spec.flag}: expected one argument`);
    takeAction(spec, words.slice(start + 1, start + 1 + count));
    return start + 1 + count;
  };

  const consumePositionals = (start: number): number => {
    if (!positionalOpen) return start;
    positionalOpen = false;
    const count = /^-*A?-*/.exec(pattern.slice(start))![0].length;
    const args = words.slice(start, start + count);
    const marker = args.indexOf('--');
    if (marker >= 0) args.splice(marker, 1);
    positional = args[0];
    return start + count;
  };

  const optionIndices = [...classes.keys()];
  const lastOption = optionIndices.length > 0 ? Math.max(...optionIndices) : -1;
  let start = 0;
  while (start <= lastOption && !versionRequested) {
    const nextOption = Math.min(...optionIndices.filter((i) => i >= start));
    if (start !== nextOption) {
      const end = consumePositionals(start);
      if (end > start) {
        start = end;
        continue;
      }
    }
    if (!classes.has(start)) {
      extras.push(...words.slice(start, nextOption));
      start = nextOption;
    }
    start = consumeOptional(start);
  }
  if (versionRequested) return { values, extras, positional, versionRequested };
  const stop = consumePositionals(start);
  extras.push(...words.slice(stop));

  if (!options.relaxRequired) {
    const missing = specs.filter((s) => s.required && !seen.has(s)).map((s) => s.flag);
    if (missing.length > 0) throw usageError(`the following arguments are required: ${missing.join(', ')}`);
  }
  return { values, extras, positional, versionRequested };
}
