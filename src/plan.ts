// planOperation(argv, io) → Plan: everything v1 decides before a request is
// sent (the config files, the global options, the operation's parameters and
// their validation, the settings, the output choices), as one plain object.
// execute.ts carries it out: credentials, sending, waiting, printing.
//
// Planning reads files (the config files, --cli-input-json, file:// and
// http:// parameter values) and writes --debug lines, but sends no request.
// Its errors come out as PlanFailure, carrying the error format asked for,
// so that the error path never parses argv or reads the config files again.
import packageInfo from '../package.json' with { type: 'json' };
import { CliError } from './errors.js';
import { createDebugLogger, type DebugLogger } from './debug.js';
import { pyRepr } from './python/repr.js';
import { COPY_SNAPSHOT, PROGRAM_NAME } from './model/copy-snapshot.js';
import { GLOBAL_OPTIONS } from './model/globals.js';
import { flagOf } from './model/options.js';
import { escapeControls } from './output/terminal.js';
import { parseGlobals, parseOperation, type GlobalArgs, type Invocation } from './parse/index.js';
import { checkParams, mergeInputDocument, paramsFromOptions, readInputDocument, readYamlInputDocument } from './params/build.js';
import { sampleOutput, skeletonJson, skeletonYaml } from './params/skeleton.js';
import { serializerBooleans, serializerKeyError } from './params/validate.js';
import { pythonInt } from './python/int.js';
import type { Io } from './cli.js';
import type { PyDict } from './python/value.js';
import type { BulkArgs } from './bulk/args.js';
import type { CompiledQuery } from './output/query.js';
import type { OutputOptions } from './output/index.js';
import type { Timeouts } from './request/index.js';
import type { Env, Settings, SharedConfig } from './request/settings.js';

/** Where a request goes and as whom: what --wait-for and the copy share. */
export interface Connection {
  readonly globals: GlobalArgs;
  readonly settings: Settings;
  readonly region: string;
  readonly timeouts: Timeouts;
  /** Whether the request is signed (credentials are looked for): not with --no-sign-request. */
  readonly sign: boolean;
  readonly debug: DebugLogger | undefined;
}

/** How the response is printed on stdout. */
export interface OutputPlan extends OutputOptions {
  /** Whether a reader that went away is an error (text output, as v1). */
  readonly closedStdoutFails: boolean;
}

export type Plan =
  /** Text on stdout and nothing else (--version, the input skeletons). */
  | { readonly kind: 'print'; readonly text: string; readonly closedStdoutFails: boolean; readonly errorFormat: string | undefined }
  | { readonly kind: 'help'; readonly errorFormat: string | undefined }
  | {
      readonly kind: 'copy';
      readonly errorFormat: string | undefined;
      readonly connection: Connection;
      /** The CopySnapshot parameters, validated (or passed through the serializer, without validation). */
      readonly params: PyDict;
      /** --generate-cli-skeleton output: v1's sample output instead of a request. */
      readonly sampleOutput: unknown;
      /**
       * What v1 reports only after it found the credentials (it looks for them
       * when it creates the client): a parameter validation error or a bad
       * --wait-timeout. execute() throws it then.
       */
      readonly failure: unknown;
      readonly output: OutputPlan;
      /** --wait: the timeout in milliseconds (undefined: none). */
      readonly wait: { readonly timeoutMs: number | undefined } | undefined;
      /** Bulk copies and --copy-tags (issue 17): options v1 rejects, so v1's command lines never have them. */
      readonly bulk: { readonly args: BulkArgs; readonly pollMs: number | undefined } | undefined;
    }
  | {
      readonly kind: 'wait-for';
      readonly errorFormat: string | undefined;
      readonly connection: Connection;
      readonly snapshotIds: readonly string[];
      readonly timeoutMs: number | undefined;
    };

/** A failure while planning, with the error format the command line and config had asked for by then. */
export class PlanFailure extends Error {
  constructor(
    readonly thrown: unknown,
    readonly errorFormat: string | undefined,
  ) {
    super('planning failed');
  }
}

type OperationInvocation = Extract<Invocation, { kind: 'operation' }>;

export function versionLine(io: Io): string {
  const { nodeVersion, os, osRelease } = io.runtime;
  return `${PROGRAM_NAME}/${packageInfo.version} Node.js/${nodeVersion.replace(/^v/, '')} ${os}/${osRelease}\n`;
}

/** Messages on stderr: on a terminal, control characters (from the network, or echoed input) are shown escaped. */
export function writeStderrShown(io: Io, text: string): void {
  io.writeStderr(io.stderrIsTty ? escapeControls(text) : text);
}

/** The value of the last `--cli-error-format X` or `--cli-error-format=X` in argv (when the global options do not parse). */
export function errorFormatWord(argv: readonly string[]): string | undefined {
  const flag = flagOf(GLOBAL_OPTIONS, 'cliErrorFormat');
  let found: string | undefined;
  argv.forEach((word, i) => {
    if (word === flag) found = argv[i + 1];
    else if (word.startsWith(`${flag}=`)) found = word.slice(flag.length + 1);
  });
  return found;
}

/** --cli-error-format, else AWS_CLI_ERROR_FORMAT, else the profile's cli_error_format (when the config files could be read). */
async function requestedErrorFormat(globals: GlobalArgs, env: Env, config: SharedConfig | undefined): Promise<string | undefined> {
  const requested = globals.cliErrorFormat ?? env.AWS_CLI_ERROR_FORMAT;
  if (requested !== undefined || config === undefined) return requested;
  const { profileName, profileSettings } = await import('./request/settings.js');
  try {
    return profileSettings(config, profileName(globals, env).name).cli_error_format;
  } catch {
    return undefined;
  }
}

export async function planOperation(argv: readonly string[], io: Io): Promise<Plan> {
  // v1 reads its config files before anything else: a malformed one stops every
  // command, before the command line's own errors (held until then).
  let parsed: ReturnType<typeof parseGlobals> | undefined;
  let parseError: unknown;
  try {
    parsed = parseGlobals(argv);
  } catch (error) {
    parseError = error;
  }
  const formatGlobals: GlobalArgs =
    parsed === undefined ? { cliErrorFormat: errorFormatWord(argv) } : parsed.kind === 'globals' ? parsed.globals : {};
  const { loadSharedConfig } = await import('./request/config-files.js');
  let config: SharedConfig;
  try {
    config = await loadSharedConfig(io.env, io.passwdHome);
  } catch (error) {
    throw new PlanFailure(error, await requestedErrorFormat(formatGlobals, io.env, undefined));
  }
  const errorFormat = await requestedErrorFormat(formatGlobals, io.env, config);
  try {
    if (parsed === undefined) throw parseError;
    return await planParsed(parsed, argv, io, config, errorFormat);
  } catch (error) {
    throw new PlanFailure(error, errorFormat);
  }
}

async function planParsed(
  first: ReturnType<typeof parseGlobals>,
  argv: readonly string[],
  io: Io,
  config: SharedConfig,
  errorFormat: string | undefined,
): Promise<Plan> {
  if (first.kind === 'version') return { kind: 'print', text: versionLine(io), closedStdoutFails: false, errorFormat };
  const debug = first.globals.debug ? createDebugLogger((text) => writeStderrShown(io, text)) : undefined;
  debug?.log('awscli.clidriver', `CLI version: ${versionLine(io).trim()}`);
  debug?.log('awscli.clidriver', `Arguments entered to CLI: ${pyRepr([...argv])}`);
  const checked = await checkGlobals(first.globals);
  const invocation = parseOperation(first.rest, first.globals);
  if (invocation.kind === 'help') return { kind: 'help', errorFormat };
  const top = { ...checked, debug, config, errorFormat };
  if (invocation.kind === 'wait-for') {
    const { parseWaitTimeout } = await import('./wait/timeout.js');
    const timeoutMs = parseWaitTimeout(invocation.timeout);
    const connection = await connectionOf(invocation.globals, io, top, true);
    return { kind: 'wait-for', errorFormat, connection, snapshotIds: invocation.snapshotIds, timeoutMs };
  }
  return planCopy(invocation, io, top);
}

/** What v1 checks right after the global options are parsed, before the operation's. */
async function checkGlobals(globals: GlobalArgs) {
  const query = globals.query === undefined ? undefined : (await import('./output/query.js')).compileQuery(globals.query);
  const { pyUrlsplit } = await import('./request/settings.js');
  if (globals.endpointUrl !== undefined && !pyUrlsplit(globals.endpointUrl).scheme) {
    throw new CliError(
      'configuration',
      `Bad value for --endpoint-url "${globals.endpointUrl}": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`,
    );
  }
  const timeouts: Timeouts = {
    read: globals.cliReadTimeout === undefined ? undefined : Number(pythonInt(globals.cliReadTimeout)),
    connect: globals.cliConnectTimeout === undefined ? undefined : Number(pythonInt(globals.cliConnectTimeout)),
  };
  return { query, timeouts };
}

interface TopLevel {
  readonly query: CompiledQuery | undefined;
  readonly timeouts: Timeouts;
  readonly debug: DebugLogger | undefined;
  readonly config: SharedConfig;
  readonly errorFormat: string | undefined;
}

/** The Region and settings of a request, checked in v1's order. */
async function connectionOf(globals: GlobalArgs, io: Io, top: TopLevel, sign: boolean): Promise<Connection> {
  const { resolveSettings, requireRegion, requireValidEndpoint, endpointFor } = await import('./request/settings.js');
  const settings = resolveSettings(globals, io.env, top.config);
  const region = requireRegion(settings);
  // botocore checks the endpoint it built from the Region as it checks the user's (`--region ''`: `https://ec2..amazonaws.com`).
  requireValidEndpoint(settings.endpointUrl ?? endpointFor(settings, region));
  top.debug?.log(
    'botocore.session',
    `Resolved settings: profile=${settings.profile} region=${region} output=${settings.output} endpoint=${settings.endpointUrl ?? 'default'} retry_mode=${settings.retryMode} max_attempts=${settings.maxAttempts}`,
  );
  return { globals, settings, region, timeouts: top.timeouts, sign: sign && globals.signRequest !== false, debug: top.debug };
}

/**
 * The parameters as the request will carry them: validated when
 * parameter_validation is on; otherwise as botocore's serializer takes them
 * (its KeyError for a missing member, its booleans). Not for the sample output.
 */
export function checkedParams(params: PyDict, settings: Settings, skeleton: string | undefined): PyDict {
  if (settings.parameterValidation) {
    checkParams(params, COPY_SNAPSHOT.input);
    return params;
  }
  if (skeleton === 'output') return params;
  const keyError = serializerKeyError(params, COPY_SNAPSHOT.input);
  if (keyError !== undefined) throw new CliError('general', keyError);
  return serializerBooleans(params, COPY_SNAPSHOT.input) as PyDict;
}

async function planCopy(invocation: OperationInvocation, io: Io, top: TopLevel): Promise<Plan> {
  const { globals } = invocation;
  const { errorFormat, config } = top;
  const { requireProfile, profileName, profileSettings } = await import('./request/settings.js');
  // v1 finds a named profile missing, builds the parameters and reads
  // --cli-input-json before it prints an input skeleton.
  requireProfile(globals, io.env, config);
  const profileSection = profileSettings(config, profileName(globals, io.env).name);
  const context = { env: io.env, followUrls: (profileSection.cli_follow_urlparam ?? 'true') === 'true' };
  let params = await paramsFromOptions(invocation.members, COPY_SNAPSHOT.input, context);
  if (invocation.cliInputJson !== undefined) {
    params = mergeInputDocument(params, await readInputDocument(invocation.cliInputJson, context));
  } else if (invocation.cliInputYaml !== undefined) {
    params = mergeInputDocument(params, await readYamlInputDocument(invocation.cliInputYaml, context));
  }
  if (invocation.skeleton === 'input') return { kind: 'print', text: skeletonJson(COPY_SNAPSHOT.input), closedStdoutFails: true, errorFormat };
  if (invocation.skeleton === 'yaml-input') return { kind: 'print', text: skeletonYaml(COPY_SNAPSHOT.input), closedStdoutFails: false, errorFormat };
  const connection = await connectionOf(globals, io, top, invocation.skeleton !== 'output');
  const { settings } = connection;
  const bulk = invocation.bulk !== undefined && invocation.skeleton === undefined ? invocation.bulk : undefined;
  // What v1 would report after the credentials are found, in its order.
  let failure: unknown;
  let waitTimeoutMs: number | undefined;
  try {
    // The bulk path validates the parameters it ends with itself.
    if (bulk === undefined) params = checkedParams(params, settings, invocation.skeleton);
    if (invocation.wait !== undefined) waitTimeoutMs = (await import('./wait/timeout.js')).parseWaitTimeout(invocation.wait.timeout);
  } catch (error) {
    failure = error;
  }
  return {
    kind: 'copy',
    errorFormat,
    connection,
    params,
    sampleOutput: invocation.skeleton === 'output' ? sampleOutput(COPY_SNAPSHOT.output) : undefined,
    failure,
    output: {
      format: settings.output,
      query: top.query,
      color: globals.color === 'on' || (globals.color !== 'off' && io.stdoutIsTty),
      terminalWidth: io.stdoutIsTty ? (io.terminalColumns ?? 80) : 80,
      terminal: io.stdoutIsTty,
      title: COPY_SNAPSHOT.name,
      closedStdoutFails: settings.output === 'text',
    },
    wait: invocation.wait === undefined ? undefined : { timeoutMs: waitTimeoutMs },
    bulk:
      bulk === undefined
        ? undefined
        : { args: bulk, pollMs: io.env.COPY_SNAPSHOT_POLL_MS === undefined ? undefined : Number(io.env.COPY_SNAPSHOT_POLL_MS) },
  };
}
