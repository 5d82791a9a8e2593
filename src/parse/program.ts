// The commander program, generated from the operation model and the global
// options. It is the one declaration of every option; argparse.ts matches
// words against it with argparse's rules, and the help page and completion
// read it too.
import { Command, Option } from 'commander';
import { GLOBAL_OPTIONS, type ValueHint } from '../model/globals.js';
import { WAIT_OPTIONS } from '../model/wait.js';
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import { cliOptionName, isRequired, type Member, type OperationModel } from '../model/shapes.js';
import type { ArgSpec, Nargs } from './argparse.js';

export type OptionScope = 'global' | 'operation';

/** A commander option with what argparse matching needs beyond commander's own fields. */
export class CliOption extends Option {
  scope: OptionScope = 'operation';
  /** The model member this option fills (operation options only). */
  member?: Member;
  /** Choices accepted without being listed in v1's invalid-choice message. */
  extraChoices?: readonly string[];
  /** Not in AWS CLI v1: matched only when spelled out in full. */
  extra = false;
  /** What `--generate-cli-skeleton` alone means. */
  constValue?: string;
  /** More words for the help page. */
  details?: string;
  /** What the value names, for completion (a local file). */
  valueHint?: ValueHint;
}

/** Options AWS CLI v1 adds to every operation. */
export const SKELETON_MODES = ['input', 'output'] as const;
export const EXTRA_SKELETON_MODES = ['yaml-input'] as const;

function memberOptions(member: Member, operation: OperationModel): CliOption[] {
  const name = cliOptionName(member.name);
  const make = (flags: string, summary: string): CliOption => {
    const option = new CliOption(flags, summary);
    option.member = member;
    return option;
  };
  switch (member.shape.type) {
    case 'boolean':
      return [make(`--${name}`, member.summary), make(`--no-${name}`, `The opposite of --${name}.`)];
    case 'list':
      return [make(`--${name} [values...]`, member.summary)];
    default: {
      const option = make(`--${name} <value>`, member.summary);
      if (isRequired(operation.input, member.name)) option.makeOptionMandatory();
      return [option];
    }
  }
}

function globalOptions(): CliOption[] {
  return GLOBAL_OPTIONS.map((g) => {
    const option = new CliOption(g.kind === 'flag' ? g.flag : `${g.flag} <value>`, g.summary);
    option.scope = 'global';
    option.extra = g.extra ?? false;
    option.valueHint = g.valueHint;
    if (g.choices) {
      option.choices([...g.choices, ...(g.extraChoices ?? [])]);
      option.extraChoices = g.extraChoices;
    }
    return option;
  });
}

function operationOptions(operation: OperationModel): CliOption[] {
  const options = operation.input.members.flatMap((m) => memberOptions(m, operation));
  options.push(new CliOption('--cli-input-json <value>', 'Read the parameters from JSON (inline or file://); options given on the command line win.'));
  options.push(extraOption('--cli-input-yaml <value>', 'Read the parameters from YAML (inline or file://), as AWS CLI v2 does; options given on the command line win.'));
  const skeleton = new CliOption('--generate-cli-skeleton [value]', 'Print a parameter template (input, yaml-input) or a sample result (output) and send nothing.');
  skeleton.choices([...SKELETON_MODES, ...EXTRA_SKELETON_MODES]);
  skeleton.extraChoices = EXTRA_SKELETON_MODES;
  skeleton.constValue = 'input';
  options.push(skeleton);
  for (const w of WAIT_OPTIONS) {
    const value = { flag: '', value: ' <value>', list: ' [values...]' }[w.kind];
    const option = extraOption(`${w.flag}${value}`, w.summary);
    option.details = w.details;
    options.push(option);
  }
  return options;
}

/** An option AWS CLI v1 does not have: matched only when spelled in full. */
function extraOption(flags: string, summary: string): CliOption {
  const option = new CliOption(flags, summary);
  option.extra = true;
  return option;
}

export function buildProgram(operation: OperationModel = COPY_SNAPSHOT): Command {
  const program = new Command(operation.cliName)
    .description(operation.summary)
    .helpOption(false)
    .allowUnknownOption(true)
    .allowExcessArguments(true);
  for (const option of [...globalOptions(), ...operationOptions(operation)]) program.addOption(option);
  return program;
}

export function cliOptionsOf(program: Command, scope: OptionScope): CliOption[] {
  return program.options.filter((o): o is CliOption => o instanceof CliOption && o.scope === scope);
}

function nargsOf(option: Option): Nargs {
  if (option.required) return 'one';
  if (option.optional) return option.variadic ? 'any' : 'optional';
  return 'zero';
}

/** The argparse view of commander options: one ArgSpec per flag. */
export function argSpecsOf(options: readonly CliOption[]): ArgSpec[] {
  return options.map((option) => {
    const listed = option.argChoices?.filter((c) => !option.extraChoices?.includes(c));
    return {
      flag: option.long!,
      dest: option.member?.name ?? option.attributeName(),
      nargs: nargsOf(option),
      constValue: nargsOf(option) === 'zero' ? !option.negate : option.constValue,
      choices: listed,
      extraChoices: option.extraChoices,
      exactOnly: option.extra,
      required: option.mandatory,
      isVersion: option.long === '--version',
    };
  });
}
