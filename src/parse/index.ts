// argv → what the user asked for. Two passes, as the AWS CLI makes them: the
// global options first (they may appear anywhere), then the operation's
// options over the words that are left.
import { CliError } from '../errors.js';
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import type { OperationModel } from '../model/shapes.js';
import { parseKnownArgs } from './argparse.js';
import { argSpecsOf, buildProgram, cliOptionsOf, type CliOption } from './program.js';

const WAIT_FOR = '--wait-for';

export interface GlobalArgs {
  debug?: boolean;
  endpointUrl?: string;
  verifySsl?: boolean;
  paginate?: boolean;
  output?: string;
  query?: string;
  profile?: string;
  region?: string;
  color?: string;
  signRequest?: boolean;
  caBundle?: string;
  cliReadTimeout?: string;
  cliConnectTimeout?: string;
  v2Debug?: boolean;
  cliPager?: boolean;
  cliBinaryFormat?: string;
  cliErrorFormat?: string;
}

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
      readonly skeleton?: string;
      /** --wait, and --wait-timeout as given. */
      readonly wait?: { readonly timeout?: string };
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
  if (words.includes('--cli-input-json') || words.includes('--cli-input-yaml')) return true;
  // Ours: --wait-for copies nothing, so the copy's required options are not.
  if (words.some((w) => w === WAIT_FOR || w.startsWith(`${WAIT_FOR}=`))) return true;
  const skeleton = words.indexOf('--generate-cli-skeleton');
  return skeleton >= 0 && words[skeleton + 1] !== 'output';
}

export type GlobalParse =
  | { readonly kind: 'version' }
  | { readonly kind: 'globals'; readonly globals: GlobalArgs; readonly rest: readonly string[] };

/** Pass 1: the global options, wherever they stand; the other words are kept in order. */
export function parseGlobals(argv: readonly string[], operation: OperationModel = COPY_SNAPSHOT): GlobalParse {
  const main = parseKnownArgs(argv, argSpecsOf(cliOptionsOf(buildProgram(operation), 'global')));
  if (main.versionRequested) return { kind: 'version' };
  return { kind: 'globals', globals: main.values as GlobalArgs, rest: main.extras };
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
  const op = parseKnownArgs(rest, argSpecsOf(cliOptionsOf(buildProgram(operation), 'operation')), {
    positional: true,
    relaxRequired: relaxesRequired(rest),
  });
  if (op.positional === 'help') return { kind: 'help', globals };
  const leftover = op.positional === undefined ? op.extras : [...op.extras, op.positional];
  if (leftover.length > 0) throw new CliError('unknown-options', `Unknown options: ${leftover.join(', ')}`);

  const { cliInputJson, cliInputYaml, generateCliSkeleton, wait, waitTimeout, waitFor, ...members } = op.values;
  if (waitFor !== undefined) {
    return waitForInvocation(waitFor as string[], waitTimeout as string | undefined, op.values, globals, operation);
  }
  if (cliInputJson !== undefined && cliInputYaml !== undefined) {
    throw new CliError('param', 'Only one --cli-input- parameter may be specified.');
  }
  return {
    kind: 'operation',
    globals,
    members: members as MemberArgs,
    cliInputJson: cliInputJson as string | undefined,
    cliInputYaml: cliInputYaml as string | undefined,
    skeleton: generateCliSkeleton as string | undefined,
    wait: wait === true || waitTimeout !== undefined ? { timeout: waitTimeout as string | undefined } : undefined,
  };
}

/** --wait-for IDS: argparse's words for an empty list and for options that make no sense with it. */
function waitForInvocation(
  ids: readonly string[],
  timeout: string | undefined,
  values: Record<string, unknown>,
  globals: GlobalArgs,
  operation: OperationModel,
): Extract<Invocation, { kind: 'wait-for' }> {
  if (ids.length === 0) throw new CliError('usage', `argument ${WAIT_FOR}: expected at least one argument`);
  const options = cliOptionsOf(buildProgram(operation), 'operation');
  const destOf = (o: CliOption) => o.member?.name ?? o.attributeName();
  const compatible = new Set(['waitFor', 'waitTimeout', 'wait']);
  // A boolean pair shares one value: name the one that set it.
  const given = (o: CliOption) => values[destOf(o)] !== undefined && (o.member?.shape.type !== 'boolean' || values[destOf(o)] === !o.negate);
  const clash = options.find((o) => !compatible.has(destOf(o)) && given(o));
  if (clash) throw new CliError('usage', `argument ${WAIT_FOR}: not allowed with argument ${clash.long}`);
  return { kind: 'wait-for', globals, snapshotIds: ids, timeout };
}

/** Both passes, for callers that need no work between them. */
export function parseCommandLine(argv: readonly string[], operation: OperationModel = COPY_SNAPSHOT): Invocation {
  const first = parseGlobals(argv, operation);
  return first.kind === 'version' ? first : parseOperation(first.rest, first.globals, operation);
}
