// Every option of the command line, as one list of plain records derived
// from the model: the option tables (model/globals.ts, model/wait.ts) and the
// operation's members (model/copy-snapshot.ts, model/bulk.ts). argparse.ts
// matches words against these records; the help page and the completion
// scripts read the same ones.
import { GLOBAL_OPTIONS, INPUT_OPTIONS } from '../model/globals.js';
import { WAIT_OPTIONS } from '../model/wait.js';
import { BULK_MEMBERS } from '../model/bulk.js';
import { destOf, isNegated, type OptionDecl, type OptionKind, type ParsedValues, type ValueHint } from '../model/options.js';
import { cliOptionName, isRequired, type Member, type OperationModel } from '../model/shapes.js';

export type OptionScope = 'global' | 'operation';

export interface CliOption {
  readonly flag: string;
  /** Where the value is stored: the member's name, else the flag's `destOf`. */
  readonly dest: string;
  readonly scope: OptionScope;
  readonly kind: OptionKind;
  /** A `--no-x` flag (stores false). */
  readonly negated: boolean;
  /** The model member this option fills (operation options only). */
  readonly member?: Member;
  /** Every accepted choice, v1's first (undefined when any value goes). */
  readonly choices?: readonly string[];
  /** The choices AWS CLI v1 does not have (not listed in its invalid-choice message). */
  readonly extraChoices?: readonly string[];
  readonly constValue?: string;
  readonly extra: boolean;
  readonly required: boolean;
  readonly version: boolean;
  readonly hint?: ValueHint;
  readonly summary: string;
  readonly details?: string;
}

function fromDecl(decl: OptionDecl, scope: OptionScope): CliOption {
  const choices = decl.choices && [...decl.choices, ...(decl.extraChoices ?? [])];
  return {
    flag: decl.flag,
    dest: destOf(decl.flag),
    scope,
    kind: decl.kind,
    negated: decl.kind === 'flag' && isNegated(decl.flag),
    ...(choices ? { choices, extraChoices: decl.extraChoices } : {}),
    constValue: decl.constValue,
    extra: decl.extra ?? false,
    required: false,
    version: decl.version ?? false,
    hint: decl.hint,
    summary: decl.summary,
    details: decl.details,
  };
}

/** An operation member's option(s): `--x` and `--no-x` for a boolean (only `--x` when extra), a list, or one value. */
function memberOptions(member: Member, required: boolean, extra: boolean): CliOption[] {
  const name = cliOptionName(member.name);
  const option = (flag: string, kind: OptionKind, negated = false): CliOption => ({
    flag,
    dest: member.name,
    scope: 'operation',
    kind,
    negated,
    member,
    extra,
    required: required && kind === 'value',
    version: false,
    summary: negated ? `The opposite of --${name}.` : member.summary,
  });
  switch (member.shape.type) {
    case 'boolean':
      return extra ? [option(`--${name}`, 'flag')] : [option(`--${name}`, 'flag'), option(`--no-${name}`, 'flag', true)];
    case 'list':
      return [option(`--${name}`, 'list')];
    default:
      return [option(`--${name}`, 'value')];
  }
}

/** The global options, in v1's order. */
export function globalOptions(): CliOption[] {
  return GLOBAL_OPTIONS.map((decl) => fromDecl(decl, 'global'));
}

/** The operation's options: its members, v1's per-operation options, then ours (waiting, bulk copies). */
export function operationOptions(operation: OperationModel): CliOption[] {
  return [
    ...operation.input.members.flatMap((m) => memberOptions(m, isRequired(operation.input, m.name), false)),
    ...INPUT_OPTIONS.map((decl) => fromDecl(decl, 'operation')),
    ...WAIT_OPTIONS.map((decl) => fromDecl(decl, 'operation')),
    ...BULK_MEMBERS.flatMap((m) => memberOptions(m, false, true)),
  ];
}

function fits(decl: OptionDecl, value: unknown): boolean {
  const isChoice = (v: unknown) =>
    typeof v === 'string' && (decl.choices === undefined || decl.choices.includes(v) || (decl.extraChoices?.includes(v) ?? false));
  switch (decl.kind) {
    case 'flag':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value) && value.every(isChoice);
    default:
      return isChoice(value);
  }
}

/**
 * The values of `table`'s options among what argparse stored, typed by the
 * table: each value is checked against its declaration (a boolean for a flag,
 * a list of words, one word; a listed choice), so the type is what is there.
 */
export function tableValues<T extends readonly OptionDecl[]>(table: T, values: Readonly<Record<string, unknown>>): ParsedValues<T> {
  if (holdsTableValues(table, values)) return values;
  throw new Error('internal error: a parsed value does not fit its option declaration');
}

function holdsTableValues<T extends readonly OptionDecl[]>(table: T, values: Readonly<Record<string, unknown>>): values is ParsedValues<T> {
  return table.every((decl) => {
    const value = values[destOf(decl.flag)];
    return value === undefined || fits(decl, value);
  });
}
