// main(argv, io) → exit code. The only module that sees the outside world is
// the launcher that calls this with the real process; everything here goes
// through `io`, so tests can run main() directly.
import packageInfo from '../package.json' with { type: 'json' };
import { CliError, renderError, toCliError } from './errors.js';
import { createDebugLogger, type DebugLogger } from './debug.js';
import { pyRepr } from './python/repr.js';
import { COPY_SNAPSHOT, PROGRAM_NAME as PROG } from './model/copy-snapshot.js';
import { FormatterError } from './output/formatter-error.js';
import { escapeControls } from './output/terminal.js';
import { parseGlobals, parseOperation, type GlobalArgs, type Invocation } from './parse/index.js';
import { runCompletionCommand } from './completion/index.js';
import { checkParams, mergeInputDocument, paramsFromOptions, readInputDocument, readYamlInputDocument } from './params/build.js';
import { sampleOutput, skeletonJson, skeletonYaml } from './params/skeleton.js';
import { serializerBooleans, serializerKeyError } from './params/validate.js';
import { pythonInt } from './python/int.js';
import type { Env, SharedConfig } from './request/settings.js';
import type { RequestContext } from './request/index.js';

export interface Io {
  readonly env: Env;
  readonly stdoutIsTty: boolean;
  /** Columns of the terminal on stdout, when it is one. */
  readonly terminalColumns: number | undefined;
  /** `Node.js/<version> <OS>/<release>` facts for --version. */
  readonly runtime: { readonly nodeVersion: string; readonly os: string; readonly osRelease: string };
  /** Whether stderr is a terminal (--wait redraws a progress bar there) and its width now. */
  readonly stderrIsTty?: boolean;
  readonly stderrColumns?: () => number | undefined;
  /** The clock credentials are judged by (default: the system's). */
  readonly now?: () => Date;
  /** Whether stdout is a regular file (asked only by `completion bash`). */
  readonly stdoutIsFile?: () => boolean;
  /** Calls `listener` when the terminal on stderr changes size; returns the unsubscribe. */
  readonly onStderrResize?: (listener: () => void) => () => void;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
  /**
   * Called before stdout writes that v1 makes without catching a closed pipe
   * (text output, skeletons): a reader that went away is then an error (255,
   * `[Errno 32] Broken pipe`); otherwise (json, table) it ends us quietly.
   */
  readonly closedStdoutFails?: () => void;
}


type OperationInvocation = Extract<Invocation, { kind: 'operation' }>;

function versionLine(io: Io): string {
  const { nodeVersion, os, osRelease } = io.runtime;
  return `${PROG}/${packageInfo.version} Node.js/${nodeVersion.replace(/^v/, '')} ${os}/${osRelease}\n`;
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
  const timeouts = {
    read: globals.cliReadTimeout === undefined ? undefined : Number(pythonInt(globals.cliReadTimeout)),
    connect: globals.cliConnectTimeout === undefined ? undefined : Number(pythonInt(globals.cliConnectTimeout)),
  };
  return { query, timeouts };
}

type TopLevel = Awaited<ReturnType<typeof checkGlobals>> & { readonly debug: DebugLogger | undefined; readonly config: SharedConfig };

async function runOperation(invocation: OperationInvocation, io: Io, { query, timeouts, debug, config }: TopLevel): Promise<number> {
  const { globals } = invocation;
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
  if (invocation.skeleton === 'input') {
    io.closedStdoutFails?.();
    io.writeStdout(skeletonJson(COPY_SNAPSHOT.input));
    return 0;
  }
  if (invocation.skeleton === 'yaml-input') {
    io.writeStdout(skeletonYaml(COPY_SNAPSHOT.input));
    return 0;
  }
  const { settings, region, credentials } = await connectionSettings(globals, io, config, debug, invocation.skeleton !== 'output');
  if (invocation.bulk !== undefined && invocation.skeleton === undefined) {
    // Bulk copies and --copy-tags (issue 17): options v1 rejects, so v1's command lines never come here.
    const { runBulk } = await import('./bulk/run.js');
    const bulk = await runBulk({
      bulk: invocation.bulk,
      params,
      context: { globals, settings, region, credentials, timeouts, debug, warn: (text) => writeStderrShown(io, text) },
      io,
      query,
      wait: invocation.wait !== undefined,
      waitTimeoutMs: invocation.wait === undefined ? undefined : (await import('./wait/timeout.js')).parseWaitTimeout(invocation.wait.timeout),
      checkParams: (p) => settings.parameterValidation && checkParams(p, COPY_SNAPSHOT.input),
      pollMs: io.env.COPY_SNAPSHOT_POLL_MS === undefined ? undefined : Number(io.env.COPY_SNAPSHOT_POLL_MS),
    });
    if (bulk.kind === 'done') return bulk.exitCode;
    params = bulk.params;
  }
  if (settings.parameterValidation) checkParams(params, COPY_SNAPSHOT.input);
  else if (invocation.skeleton !== 'output') {
    const keyError = serializerKeyError(params, COPY_SNAPSHOT.input);
    if (keyError !== undefined) throw new CliError('general', keyError);
    params = serializerBooleans(params, COPY_SNAPSHOT.input) as typeof params;
  }
  const waitTimeoutMs =
    invocation.wait === undefined ? undefined : (await import('./wait/timeout.js')).parseWaitTimeout(invocation.wait.timeout);

  let result: unknown;
  let requestContext: RequestContext | undefined;
  if (invocation.skeleton === 'output') {
    result = sampleOutput(COPY_SNAPSHOT.output);
  } else {
    const { copySnapshot } = await import('./request/index.js');
    requestContext = { globals, settings, region, credentials, timeouts, debug, warn: (text) => writeStderrShown(io, text) };
    result = await copySnapshot(params, requestContext);
  }
  const { formatOutput } = await import('./output/index.js');
  const color = globals.color === 'on' || (globals.color !== 'off' && io.stdoutIsTty);
  if (settings.output === 'text') io.closedStdoutFails?.();
  io.writeStdout(
    formatOutput(result, {
      format: settings.output,
      query,
      color,
      terminalWidth: io.stdoutIsTty ? (io.terminalColumns ?? 80) : 80,
      title: COPY_SNAPSHOT.name,
      terminal: io.stdoutIsTty,
    }),
  );
  if (invocation.wait !== undefined && requestContext !== undefined) {
    // stdout is exactly v1's; the wait only talks on stderr.
    const { copiedSnapshotId } = await import('./wait/index.js');
    await waitForCopies([copiedSnapshotId(result)], requestContext, waitTimeoutMs, io);
  }
  return 0;
}

/** The Region, settings and credentials of a request, checked in v1's order. */
async function connectionSettings(globals: GlobalArgs, io: Io, config: SharedConfig, debug: DebugLogger | undefined, sign: boolean) {
  const { resolveSettings, requireRegion, requireValidEndpoint, endpointFor } = await import('./request/settings.js');
  const settings = resolveSettings(globals, io.env, config);
  const region = requireRegion(settings);
  // botocore checks the endpoint it built from the Region as it checks the user's (`--region ''`: `https://ec2..amazonaws.com`).
  requireValidEndpoint(settings.endpointUrl ?? endpointFor(settings, region));
  debug?.log('botocore.session', `Resolved settings: profile=${settings.profile} region=${region} output=${settings.output} endpoint=${settings.endpointUrl ?? 'default'} retry_mode=${settings.retryMode} max_attempts=${settings.maxAttempts}`);
  const { credentialProvider } = await import('./request/credentials/index.js');
  const credentials = globals.signRequest === false || !sign ? undefined : credentialProvider(settings, io.env, { debug, now: io.now });
  // v1 finds credentials when it creates the client: their errors come before validation's.
  await credentials?.prepare?.();
  return { settings, region, credentials };
}

/** Polls until every copy is completed (progress on stderr); a stop signal ends it with the copies going on. */
async function waitForCopies(snapshotIds: readonly string[], context: RequestContext, timeoutMs: number | undefined, io: Io): Promise<void> {
  const { clientOptions } = await import('./request/index.js');
  const wait = await import('./wait/index.js');
  const plain = io.env.TERM === 'dumb';
  await wait.abortOnInterrupt((signal) =>
    wait.waitForCopies({
      snapshotIds,
      client: clientOptions(context),
      timeoutMs,
      stderr: {
        write: (text) => io.writeStderr(text),
        isTty: io.stderrIsTty === true && !plain,
        columns: io.stderrColumns,
        onResize: io.onStderrResize,
      },
      signal,
      resume: { region: context.region, profile: context.globals.profile, endpointUrl: context.globals.endpointUrl },
    }),
  );
}

/** `--wait-for snap-… [snap-…]`: no copy, only the wait, in the Region (and with the profile) given. */
async function runWaitFor(invocation: Extract<Invocation, { kind: 'wait-for' }>, io: Io, { timeouts, debug }: TopLevel): Promise<number> {
  const { globals } = invocation;
  const timeoutMs = (await import('./wait/timeout.js')).parseWaitTimeout(invocation.timeout);
  const { loadSharedConfig } = await import('./request/config-files.js');
  const config = await loadSharedConfig(io.env);
  const { settings, region, credentials } = await connectionSettings(globals, io, config, debug, true);
  const context: RequestContext = { globals, settings, region, credentials, timeouts, debug, warn: (text) => writeStderrShown(io, text) };
  await waitForCopies(invocation.snapshotIds, context, timeoutMs, io);
  return 0;
}

/** Messages on stderr: on a terminal, control characters (from the network, or echoed input) are shown escaped. */
function writeStderrShown(io: Io, text: string): void {
  io.writeStderr(io.stderrIsTty ? escapeControls(text) : text);
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const completion = runCompletionCommand(argv, io);
    if (completion !== undefined) return completion;
    // v1 reads its config files before anything else: a malformed one stops every command.
    const { loadSharedConfig } = await import('./request/config-files.js');
    const config = await loadSharedConfig(io.env);
    const first = parseGlobals(argv);
    if (first.kind === 'version') {
      io.writeStdout(versionLine(io));
      return 0;
    }
    const debug = first.globals.debug ? createDebugLogger((text) => writeStderrShown(io, text)) : undefined;
    debug?.log('awscli.clidriver', `CLI version: ${versionLine(io).trim()}`);
    debug?.log('awscli.clidriver', `Arguments entered to CLI: ${pyRepr([...argv])}`);
    const topLevel = { ...(await checkGlobals(first.globals)), debug, config };
    const invocation = parseOperation(first.rest, first.globals);
    if (invocation.kind === 'help') {
      const { runHelp } = await import('./help/index.js');
      await runHelp(io);
      return 0;
    }
    if (invocation.kind === 'wait-for') return await runWaitFor(invocation, io, topLevel);
    return await runOperation(invocation, io, topLevel);
  } catch (thrown) {
    // v1 had already written what its formatter produced before it failed.
    if (thrown instanceof FormatterError) io.writeStdout(thrown.partialOutput);
    const error = toCliError(thrown);
    const rendered = renderError(error, PROG);
    if (rendered.stdout) io.writeStdout(rendered.stdout);
    const stderr = thrown instanceof FormatterError ? thrown.stderrText : rendered.stderr;
    writeStderrShown(io, (await machineReadableError(error, argv, io.env)) ?? stderr);
    return rendered.exitCode;
  }
}

/** The error as --cli-error-format / AWS_CLI_ERROR_FORMAT / cli_error_format asks, when not v1's text. */
async function machineReadableError(error: CliError, argv: readonly string[], env: Io['env']): Promise<string | undefined> {
  let globals: GlobalArgs = {};
  try {
    const first = parseGlobals(argv);
    if (first.kind === 'globals') globals = first.globals;
  } catch {
    // The global options themselves are wrong: the format can still be read off the words.
    globals = { cliErrorFormat: errorFormatWord(argv) };
  }
  let requested = globals.cliErrorFormat ?? env.AWS_CLI_ERROR_FORMAT;
  if (requested === undefined) {
    const { loadSharedConfig } = await import('./request/config-files.js');
    const { profileName, profileSettings } = await import('./request/settings.js');
    try {
      const config = await loadSharedConfig(env);
      requested = profileSettings(config, profileName(globals, env).name).cli_error_format;
    } catch {
      return undefined;
    }
  }
  const { formatError, isErrorFormat } = await import('./output/error-format.js');
  return isErrorFormat(requested) ? formatError(error, requested) : undefined;
}

/** The value of the last `--cli-error-format X` or `--cli-error-format=X` in argv. */
function errorFormatWord(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  argv.forEach((word, i) => {
    if (word === '--cli-error-format') found = argv[i + 1];
    else if (word.startsWith('--cli-error-format=')) found = word.slice('--cli-error-format='.length);
  });
  return found;
}
