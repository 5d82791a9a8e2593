// What the completion scripts know, derived from the option list
// (src/parse/options.ts) and the operation model: every option the
// CLI accepts, how many values each takes, the fixed choices, where values
// come from at completion time, and the keys and enum values of shorthand
// structures.
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import type { OptionKind } from '../model/options.js';
import type { OperationModel, Shape, StructureShape } from '../model/shapes.js';
import { globalOptions, operationOptions, type CliOption } from '../parse/options.js';

/** The hidden argv words the scripts call back with: `copy-snapshot __complete profiles`. */
export const CALLBACK_WORD = '__complete';
export const PROFILES_TOPIC = 'profiles';

/** The shells `completion SHELL` writes a script for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The argv[0] that asks for a completion script. */
export const COMPLETION_WORD = 'completion';
/** The argv[0] (alone) that shows the help page. */
export const HELP_WORD = 'help';

/** Words that may come first instead of options, and the words each takes after it. */
export interface Subcommand {
  readonly name: string;
  readonly description: string;
  readonly args: readonly string[];
}

export const SUBCOMMANDS: readonly Subcommand[] = [
  { name: COMPLETION_WORD, description: 'Print the completion script for a shell.', args: SHELLS },
  { name: HELP_WORD, description: 'Show the manual page.', args: [] },
];

export type Arity = 'none' | 'one' | 'optional' | 'list';

export interface ShorthandKeys {
  /** The element structure's member names, in model order. */
  readonly keys: readonly string[];
  /** Enum values of string members, by member name. */
  readonly enums: Readonly<Record<string, readonly string[]>>;
}

export interface CompletionOption {
  readonly flag: string;
  readonly description: string;
  readonly arity: Arity;
  /** Not in AWS CLI v1: never matched by an abbreviation. */
  readonly exactOnly: boolean;
  readonly choices?: readonly string[];
  readonly dynamic?: typeof PROFILES_TOPIC;
  readonly shorthand?: ShorthandKeys;
  /** Operation options read file:// and fileb:// values. */
  readonly paramfile: boolean;
  /** The value is the path of a local file (--ca-bundle). */
  readonly file: boolean;
}

export interface CompletionSpec {
  readonly command: string;
  /** Every option, operation options first (model order), then the global ones. */
  readonly options: readonly CompletionOption[];
  readonly subcommands: readonly Subcommand[];
}

const ARITY: Readonly<Record<OptionKind, Arity>> = { flag: 'none', value: 'one', optional: 'optional', list: 'list' };

function elementStructure(shape: Shape): StructureShape | undefined {
  if (shape.type === 'structure') return shape;
  if (shape.type === 'list') return elementStructure(shape.member);
  return undefined;
}

function shorthandOf(shape: Shape): ShorthandKeys | undefined {
  const structure = elementStructure(shape);
  if (!structure) return undefined;
  const enums: Record<string, readonly string[]> = {};
  for (const m of structure.members) if (m.shape.type === 'string' && m.shape.enum) enums[m.name] = m.shape.enum;
  return { keys: structure.members.map((m) => m.name), enums };
}

function describe(option: CliOption): CompletionOption {
  const shorthand = option.member ? shorthandOf(option.member.shape) : undefined;
  return {
    flag: option.flag,
    // A negated option (--no-encrypted) has its own summary; the others' is the member's, or the table's.
    description: option.summary,
    arity: ARITY[option.kind],
    exactOnly: option.extra,
    ...(option.choices ? { choices: option.choices } : {}),
    ...(option.hint === 'profile' ? { dynamic: PROFILES_TOPIC } : {}),
    ...(shorthand ? { shorthand } : {}),
    // Operation values may be file:// paths; our wait options take durations and snapshot ids instead.
    paramfile: option.scope === 'operation' && option.kind !== 'flag' && option.hint !== 'duration' && option.hint !== 'snapshot-id',
    file: option.hint === 'file',
  };
}

export function completionSpec(operation: OperationModel = COPY_SNAPSHOT): CompletionSpec {
  return {
    command: operation.cliName,
    options: [...operationOptions(operation), ...globalOptions()].map(describe),
    subcommands: SUBCOMMANDS,
  };
}

/** `copy-snapshot` → `_copy_snapshot`: a shell function name. */
export function functionName(command: string): string {
  return `_${command.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** The words SUBCOMMAND takes after it (the shells, after `completion`). */
export function subcommandArgs(spec: CompletionSpec, subcommand: string): readonly string[] {
  return spec.subcommands.find((c) => c.name === subcommand)?.args ?? [];
}
