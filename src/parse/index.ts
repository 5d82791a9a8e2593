// argv → what the user asked for. Two passes, as the AWS CLI makes them: the
// global options first (they may appear anywhere), then the operation's
// options over the words that are left.
import { CliError } from '../errors.js';
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import type { OperationModel } from '../model/shapes.js';
import { GLOBAL_OPTIONS, INPUT_OPTIONS } from '../model/globals.js';
import { flagOf, type ParsedValues } from '../model/options.js';
import { WAIT_OPTIONS } from '../model/wait.js';
import { parseKnownArgs } from './argparse.js';
import { globalOptions, operationOptions, tableValues, type CliOption } from './options.js';
import { checkBulkArgs, isBulkSelection, takeBulkArgs, type BulkArgs } from '../bulk/args.js';

const WAIT_FOR = flagOf(WAIT_OPTIONS, 'waitFor');
const CLI_INPUT_JSON = flagOf(INPUT_OPTIONS, 'cliInputJson');
const CLI_INPUT_YAML = flagOf(INPUT_OPTIONS, 'cliInputYaml');
const SKELETON = flagOf(INPUT_OPTIONS, 'generateCliSkeleton');

/** The global options' values, typed by their table (model/globals.ts). */
export type GlobalArgs = ParsedValues<typeof GLOBAL_OPTIONS>;
type InputArgs = ParsedValues<typeof INPUT_OPTIONS>;
type WaitArgs = ParsedValues<typeof WAIT_OPTIONS>;

/** Raw option values by model member name: a string, a boolean, or the words of a list option. */
export type MemberArgs = Record<string, string | boolean | string[]>;

export type Invocation =
  | { readonly kind: 'version' }
  | { readonly kind: 'help'; readonly globals: GlobalArgs }
  | {
      readonly kind: 'operation';
      readonly globals: GlobalArgs;
      readonly members: MemberArgs;
      readonly cliInputJson?: string;
      readonly cliInputYaml?: string;
      readonly skeleton?: InputArgs['generateCliSkeleton'];
      /** --wait, and --wait-timeout as given. */
      readonly wait?: { readonly timeout?: string };
      /** Bulk-copy options (src/bulk/), only when one was given. */
      readonly bulk?: BulkArgs;
    }
  | {
      /** --wait-for: no copy, only waiting for the copies named. */
      readonly kind: 'wait-for';
      readonly globals: GlobalArgs;
      readonly snapshotIds: readonly string[];
      readonly timeout?: string;
    };

/** v1 drops required-ness when these exact words are present (not `--generate-cli-skeleton output`); v2 adds --cli-input-yaml. */
function relaxesRequired(words: readonly string[]): boolean {
  if (words.includes(CLI_INPUT_JSON) || words.includes(CLI_INPUT_YAML)) return true;
  // Ours: --wait-for copies nothing, so the copy's required options are not.
  if (words.some((w) => w === WAIT_FOR || w.startsWith(`${WAIT_FOR}=`))) return true;
  const skeleton = words.indexOf(SKELETON);
  return skeleton >= 0 && words[skeleton + 1] !== 'output';
}

export type GlobalParse =
  | { readonly kind: 'version' }
  | { readonly kind: 'globals'; readonly globals: GlobalArgs; readonly rest: readonly string[] };

/** Pass 1: the global options, wherever they stand; the other words are kept in order. */
export function parseGlobals(argv: readonly string[]): GlobalParse {
  // A `--` right after the operation name: v1's top-level parser then sees
  // only positionals, so global options are not globals (they end up unknown),
  // and the operation's parser gets the words without it. Elsewhere `--` is
  // the operation parser's (it ends a list option's values).
  const dashes = argv[0] === '--' ? 0 : -1;
  const before = dashes < 0 ? argv : argv.slice(0, dashes);
  const main = parseKnownArgs(before, globalOptions());
  if (main.versionRequested) return { kind: 'version' };
  const after = dashes < 0 ? [] : argv.slice(dashes + 1);
  return { kind: 'globals', globals: tableValues(GLOBAL_OPTIONS, main.values), rest: [...main.extras, ...after] };
}

/** Pass 2: the operation's options over what pass 1 left. */
export function parseOperation(
  rest: readonly string[],
  globals: GlobalArgs,
  operation: OperationModel = COPY_SNAPSHOT,
): Exclude<Invocation, { kind: 'version' }> {
  if (rest.length === 1 && rest[0] === 'help') return { kind: 'help', globals };
  // v1 rejects --help (argparse without add_help); here it shows the help page.
  if (rest.includes('--help')) return { kind: 'help', globals };
  const options = operationOptions(operation);
  const op = parseKnownArgs(rest, options, {
    positional: true,
    relaxRequired: relaxesRequired(rest) || isBulkSelection(rest),
  });
  if (op.positional === 'help') return { kind: 'help', globals };
  const leftover = op.positional === undefined ? op.extras : [...op.extras, op.positional];
  if (leftover.length > 0) throw new CliError('unknown-options', `Unknown options: ${leftover.join(', ')}`);

  const { cliInputJson, cliInputYaml, generateCliSkeleton } = tableValues(INPUT_OPTIONS, op.values);
  const { wait, waitTimeout, waitFor } = tableValues(WAIT_OPTIONS, op.values);
  if (waitFor !== undefined) return waitForInvocation(waitFor, waitTimeout, op.values, globals, options);
  const { bulk, members } = takeBulkArgs(memberValues(options, op.values));
  if (bulk !== undefined) checkBulkArgs(bulk, members, relaxesRequired(rest));
  if (cliInputJson !== undefined && cliInputYaml !== undefined) {
    throw new CliError('param', 'Only one --cli-input- parameter may be specified.');
  }
  return {
    kind: 'operation',
    globals,
    members,
    cliInputJson,
    cliInputYaml,
    skeleton: generateCliSkeleton,
    wait: wait === true || waitTimeout !== undefined ? { timeout: waitTimeout } : undefined,
    ...(bulk === undefined ? {} : { bulk }),
  };
}

/** The values of the member options (the operation's and the bulk ones), in the order they were stored. */
function memberValues(options: readonly CliOption[], values: Readonly<Record<string, unknown>>): MemberArgs {
  const members = new Set(options.filter((o) => o.member !== undefined).map((o) => o.dest));
  const out: MemberArgs = {};
  for (const [dest, value] of Object.entries(values)) {
    if (!members.has(dest)) continue;
    if (typeof value === 'string' || typeof value === 'boolean') out[dest] = value;
    else if (Array.isArray(value)) out[dest] = value.map(String);
  }
  return out;
}

/** --wait-for IDS: argparse's words for an empty list and for options that make no sense with it. */
function waitForInvocation(
  ids: readonly string[],
  timeout: WaitArgs['waitTimeout'],
  values: Readonly<Record<string, unknown>>,
  globals: GlobalArgs,
  options: readonly CliOption[],
): Extract<Invocation, { kind: 'wait-for' }> {
  if (ids.length === 0) throw new CliError('usage', `argument ${WAIT_FOR}: expected at least one argument`);
  const compatible = new Set<string>(WAIT_OPTIONS.map((w) => w.flag));
  // A boolean pair shares one value: name the one that set it.
  const given = (o: CliOption) => values[o.dest] !== undefined && (o.kind !== 'flag' || values[o.dest] === !o.negated);
  const clash = options.find((o) => !compatible.has(o.flag) && given(o));
  if (clash) throw new CliError('usage', `argument ${WAIT_FOR}: not allowed with argument ${clash.flag}`);
  return { kind: 'wait-for', globals, snapshotIds: ids, timeout };
}

/** Both passes, for callers that need no work between them. */
export function parseCommandLine(argv: readonly string[], operation: OperationModel = COPY_SNAPSHOT): Invocation {
  const first = parseGlobals(argv);
  return first.kind === 'version' ? first : parseOperation(first.rest, first.globals, operation);
}
