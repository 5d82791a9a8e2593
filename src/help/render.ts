// The help page, generated from the operation model and the option tables
// (src/parse/options.ts lists every option), plus the prose in text.ts.
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import type { Member, OperationModel, Shape, StructureShape } from '../model/shapes.js';
import { globalOptions, operationOptions, type CliOption } from '../parse/options.js';
import { bold, finish, underline, wrapParagraph, wrapPreformatted } from './layout.js';
import { exitCodes } from '../errors.js';
import { shellWord } from '../shell-word.js';
import { SUBCOMMANDS } from '../completion/spec.js';
import {
  DESCRIPTION,
  ENVIRONMENT,
  EXIT_KIND_TEXT,
  EXIT_STATUS_INTRO,
  SUBCOMMANDS_INTRO,
  EXAMPLES,
  EXTRA_NOTE,
  JSON_INTRO,
  OUTPUT_INTRO,
  SHORTHAND_INTRO,
  type Example,
  type ExampleArg,
} from './text.js';

export interface HelpOptions {
  /** Bold headings and option names, underlined placeholders (ANSI escapes). */
  readonly styled: boolean;
  /** Columns to fill; values below MIN_WIDTH are raised to it. */
  readonly width: number;
}

export const MIN_WIDTH = 40;

/** Indentation steps of the page. */
const SECTION = 4;
const STEP = 4;

export type ValueType = 'string' | 'boolean' | 'integer' | 'list' | 'structure';

/** Operation options grouped the way the page lists them: a boolean member's pair together. */
export interface OptionEntry {
  readonly options: readonly CliOption[];
  readonly member?: Member;
  readonly type: ValueType;
  readonly required: boolean;
}

function valueTypeOf(option: CliOption): ValueType {
  if (option.member) return option.member.shape.type;
  if (option.kind === 'flag') return 'boolean';
  if (option.kind === 'list') return 'list';
  return option.hint === 'integer' ? 'integer' : 'string';
}

/** The operation's options in model order, then the options v1 adds to every operation. */
export function operationEntries(options: readonly CliOption[]): OptionEntry[] {
  const entries: OptionEntry[] = [];
  for (const option of options) {
    const last = entries.at(-1);
    if (option.member && last?.member === option.member) {
      entries[entries.length - 1] = { ...last, options: [...last.options, option] };
      continue;
    }
    entries.push({ options: [option], member: option.member, type: valueTypeOf(option), required: option.required });
  }
  return entries;
}

export function globalEntries(options: readonly CliOption[]): OptionEntry[] {
  return options.map((option) => ({
    options: [option],
    type: valueTypeOf(option),
    required: false,
  }));
}

/** `[--encrypted | --no-encrypted]`, `--source-region <value>`, `[--output <value>]`. */
export function synopsisEntry(entry: OptionEntry): string {
  const names = entry.options.map((o) => bold(o.flag)).join(' | ');
  const first = entry.options[0]!;
  const value = `<${underline('value')}>`;
  const values = first.kind === 'list' && !first.member ? `${value} [${value}...]` : value;
  const text = entry.options.length === 1 && first.kind !== 'flag' ? `${names} ${values}` : names;
  return entry.required ? text : `[${text}]`;
}

// ---------------------------------------------------------------- page lines

class Page {
  readonly lines: string[] = [];
  private headingAt = -1;
  constructor(readonly width: number) {}

  /** One empty line, never two in a row nor one right under a heading. */
  blank(): void {
    const last = this.lines.length - 1;
    if (last >= 0 && this.lines[last] !== '' && last !== this.headingAt) this.lines.push('');
  }

  heading(text: string): void {
    this.blank();
    this.lines.push(bold(text));
    this.headingAt = this.lines.length - 1;
  }

  para(text: string, indent: number, hang = indent): void {
    this.lines.push(...wrapParagraph(text, this.width, indent, hang));
  }

  pre(lines: readonly string[], indent: number): void {
    for (const line of lines) this.lines.push(...wrapPreformatted(' '.repeat(indent) + line, this.width));
  }
}

// --------------------------------------------------------- text references

class References {
  constructor(
    private readonly operations: readonly CliOption[],
    private readonly globals: readonly CliOption[],
    private readonly operation: OperationModel,
  ) {}

  memberFlag(name: string): string {
    const option = this.operations.find((o) => o.member?.name === name);
    if (!option) throw new Error(`help text names member ${name}, which has no option`);
    return option.flag;
  }

  operationFlag(dest: string): string {
    const option = this.operations.find((o) => !o.member && o.dest === dest);
    if (!option) throw new Error(`help text names operation option ${dest}, which does not exist`);
    return option.flag;
  }

  globalFlag(dest: string): string {
    const option = this.globals.find((o) => o.dest === dest);
    if (!option) throw new Error(`help text names global option ${dest}, which does not exist`);
    return option.flag;
  }

  /** `{member:X}`, `{global:x}`, `{op:x}` and `{command}` → bold option and command names. */
  resolve(text: string): string {
    return text.replace(/\{(member|global|op|command)(?::(\w+))?\}/g, (_whole, kind: string, name: string | undefined) => {
      if (kind === 'command') return bold(this.operation.cliName);
      if (kind === 'op') return bold(this.operationFlag(name!));
      return bold(kind === 'member' ? this.memberFlag(name!) : this.globalFlag(name!));
    });
  }
}

// ------------------------------------------------------------ shape syntax

function scalarName(shape: Shape): string {
  return shape.type;
}

/** Shorthand for one value of `shape`; nested structures in braces, nested lists in brackets. */
export function shorthandSyntax(shape: Shape, nested = false): string {
  switch (shape.type) {
    case 'structure': {
      const body = shape.members.map((m) => `${m.name}=${shorthandSyntax(m.shape, true)}`).join(',');
      return nested ? `{${body}}` : body;
    }
    case 'list': {
      const element = shorthandSyntax(shape.member, true);
      return nested ? `[${element},...]` : shorthandSyntax(shape.member, false);
    }
    default:
      return scalarName(shape);
  }
}

function indented(lines: readonly string[], by = 2): string[] {
  return lines.map((l) => ' '.repeat(by) + l);
}

/** The JSON form of a value of `shape`, enum values joined by `|`. */
export function jsonSyntax(shape: Shape): string[] {
  switch (shape.type) {
    case 'string':
      return [shape.enum ? shape.enum.map((v) => `"${v}"`).join('|') : '"string"'];
    case 'integer':
      return ['integer'];
    case 'boolean':
      return ['true|false'];
    case 'list':
      return ['[', ...indented(jsonSyntax(shape.member)), '  ...', ']'];
    case 'structure': {
      const members = shape.members.flatMap((m, i) => {
        const value = jsonSyntax(m.shape);
        const lines = [`"${m.name}": ${value[0]}`, ...value.slice(1)];
        if (i < shape.members.length - 1) lines[lines.length - 1] += ',';
        return indented(lines);
      });
      return ['{', ...members, '}'];
    }
  }
}

function elementStructure(shape: Shape): StructureShape | undefined {
  if (shape.type === 'structure') return shape;
  if (shape.type === 'list') return elementStructure(shape.member);
  return undefined;
}

// ----------------------------------------------------------------- sections

function describeValue(page: Page, shape: Shape, indent: number): void {
  if (shape.type === 'string' && shape.enum) {
    page.blank();
    page.para(`Possible values: ${shape.enum.join(', ')}`, indent, indent + 2);
  }
  const structure = elementStructure(shape);
  if (structure) {
    page.blank();
    page.para(shape.type === 'list' ? 'Each element is a structure with these members:' : 'A structure with these members:', indent);
    describeMembers(page, structure, indent + 2);
  }
}

function describeMembers(page: Page, shape: StructureShape, indent: number): void {
  for (const member of shape.members) {
    page.blank();
    page.para(`${member.name} -> (${member.shape.type})`, indent);
    page.para(member.summary, indent + STEP);
    if (member.details) {
      page.blank();
      page.para(member.details, indent + STEP);
    }
    describeValue(page, member.shape, indent + STEP);
  }
}

function choiceBullets(page: Page, option: CliOption, indent: number): void {
  if (!option.choices) return;
  page.blank();
  page.para('Choices:', indent);
  for (const choice of option.choices) {
    const note = option.extraChoices?.includes(choice) ? ` (${EXTRA_NOTE})` : '';
    page.para(`* ${bold(choice)}${note}`, indent + 2, indent + 4);
  }
  if (option.kind === 'optional' && option.constValue !== undefined) {
    page.blank();
    page.para(`Given without a value, it means ${bold(option.constValue)}.`, indent);
  }
}

function optionHeading(entry: OptionEntry): string {
  const names = entry.options.map((o) => bold(o.flag)).join(' | ');
  const marks = [entry.required ? '[required]' : '', entry.options.some((o) => o.extra) ? `[${EXTRA_NOTE}]` : '']
    .filter((m) => m !== '')
    .join(' ');
  return `${names} (${entry.type})${marks ? ` ${marks}` : ''}`;
}

function describeOption(page: Page, entry: OptionEntry, indent: number): void {
  const first = entry.options[0]!;
  page.blank();
  page.para(optionHeading(entry), indent, indent + STEP);
  page.para(entry.member?.summary ?? first.summary, indent + STEP);
  const details = entry.member ? entry.member.details : first.details;
  if (details) {
    page.blank();
    page.para(details, indent + STEP);
  }
  if (entry.member) describeValue(page, entry.member.shape, indent + STEP);
  choiceBullets(page, first, indent + STEP);
  const shape = entry.member?.shape;
  if (shape && elementStructure(shape)) {
    page.blank();
    page.para(SHORTHAND_INTRO, indent + STEP);
    page.blank();
    page.pre([shorthandSyntax(shape)], indent + 2 * STEP);
    page.blank();
    page.para(JSON_INTRO, indent + STEP);
    page.blank();
    page.pre(jsonSyntax(shape), indent + 2 * STEP);
  }
}

/** [option, shell-quoted value] pairs of an example. */
function exampleWords(example: Example, refs: References): Array<[string, string | undefined]> {
  return example.args.map((arg: ExampleArg) => {
    const flag = 'member' in arg ? refs.memberFlag(arg.member) : refs.globalFlag(arg.global);
    return [flag, arg.value === undefined ? undefined : shellWord(arg.value)];
  });
}

function renderExample(page: Page, example: Example, refs: References, operation: OperationModel): void {
  page.blank();
  page.para(bold(example.title), SECTION);
  page.blank();
  page.para(refs.resolve(example.text), SECTION + STEP);
  page.blank();
  // One option per line; a value too wide to share its option's line gets a line of its own.
  const indent = SECTION + 2 * STEP;
  const lines = [operation.cliName];
  for (const [flag, value] of exampleWords(example, refs)) {
    const together = value === undefined ? flag : `${flag} ${value}`;
    if (indent + STEP + together.length + 2 <= page.width || value === undefined) lines.push(`${' '.repeat(STEP)}${together}`);
    else lines.push(`${' '.repeat(STEP)}${flag}`, `${' '.repeat(2 * STEP)}${value}`);
  }
  page.pre(lines.map((line, i) => (i < lines.length - 1 ? `${line} \\` : line)), indent);
  page.blank();
  page.para('Output:', SECTION + STEP);
  page.blank();
  page.pre(example.output.replace(/\n$/, '').split('\n'), SECTION + 2 * STEP);
}

/** The whole page, ending with a newline. */
export function renderHelp(options: HelpOptions, operation: OperationModel = COPY_SNAPSHOT): string {
  const operationList = operationOptions(operation);
  const globalList = globalOptions();
  const refs = new References(operationList, globalList, operation);
  const page = new Page(Math.max(MIN_WIDTH, Math.floor(options.width)));
  const operations = operationEntries(operationList);
  const globals = globalEntries(globalList);

  page.heading('NAME');
  page.para(`${bold(operation.cliName)} - ${operation.summary}`, SECTION, SECTION + STEP);

  page.heading('DESCRIPTION');
  DESCRIPTION.forEach((paragraph, i) => {
    if (i > 0) page.blank();
    page.para(refs.resolve(paragraph), SECTION);
  });

  page.heading('SYNOPSIS');
  page.pre([bold(operation.cliName)], SECTION);
  page.pre([...operations, ...globals].map(synopsisEntry), SECTION + STEP);

  page.heading('OPTIONS');
  for (const entry of operations) describeOption(page, entry, SECTION);

  page.heading('GLOBAL OPTIONS');
  for (const entry of globals) describeOption(page, entry, SECTION);

  page.heading('EXAMPLES');
  for (const example of EXAMPLES) renderExample(page, example, refs, operation);

  page.heading('OUTPUT');
  page.para(refs.resolve(OUTPUT_INTRO), SECTION);
  describeMembers(page, operation.output, SECTION);

  page.heading('SUBCOMMANDS');
  page.para(SUBCOMMANDS_INTRO, SECTION);
  for (const sub of SUBCOMMANDS) {
    page.blank();
    page.para(`${bold(operation.cliName)} ${bold(sub.name)}${sub.args.length > 0 ? ` {${sub.args.join(',')}}` : ''}`, SECTION, SECTION + STEP);
    page.para(sub.description, SECTION + STEP);
  }

  page.heading('EXIT STATUS');
  page.para(EXIT_STATUS_INTRO.replace(/`([^`]+)`/g, (_w, code: string) => bold(code)), SECTION);
  const codes = [[0, ['success']] as const, ...[...exitCodes()].sort(([a], [b]) => a - b)];
  for (const [code, kinds] of codes) {
    page.blank();
    page.para(bold(String(code)), SECTION);
    for (const kind of kinds) page.para(`* ${refs.resolve(EXIT_KIND_TEXT[kind])}`, SECTION + STEP, SECTION + STEP + 2);
  }

  page.heading('ENVIRONMENT');
  for (const [names, text] of ENVIRONMENT) {
    page.blank();
    page.para(bold(names), SECTION);
    page.para(refs.resolve(text), SECTION + STEP);
  }

  return finish(`${page.lines.join('\n')}\n`, options.styled);
}
