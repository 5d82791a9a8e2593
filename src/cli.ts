// main(argv, io) → exit code. The only module that sees the outside world is
// the launcher that calls this with the real process; everything here goes
// through `io`, so tests can run main() directly.
import packageInfo from '../package.json' with { type: 'json' };
import { CliError, renderError, toCliError } from './errors.js';
import { createDebugLogger, type DebugLogger } from './debug.js';
import { pyRepr } from './python/repr.js';
import { COPY_SNAPSHOT } from './model/copy-snapshot.js';
import { FormatterError } from './output/formatter-error.js';
import { parseGlobals, parseOperation, type GlobalArgs, type Invocation } from './parse/index.js';
import { runCompletionCommand } from './completion/index.js';
import { checkParams, mergeInputDocument, paramsFromOptions, readInputDocument, readYamlInputDocument } from './params/build.js';
import { sampleOutput, skeletonJson, skeletonYaml } from './params/skeleton.js';
import { pythonInt } from './python/int.js';
import type { Env } from './request/settings.js';
import type { RequestContext } from './request/index.js';

export interface Io {
  readonly env: Env;
  readonly stdoutIsTty: boolean;
  /** Columns of the terminal on stdout, when it is one. */
  readonly terminalColumns: number | undefined;
  /** `Node.js/<version> <OS>/<release>` facts for --version. */
  readonly runtime: { readonly nodeVersion: string; readonly os: string; readonly osRelease: string };
  /** Whether stderr is a terminal (--wait redraws a progress bar there) and its width. */
  readonly stderrIsTty?: boolean;
  readonly stderrColumns?: number | undefined;
  /** The clock credentials are judged by (default: the system's). */
  readonly now?: () => Date;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

const PROG = 'copy-snapshot';

type OperationInvocation = Extract<Invocation, { kind: 'operation' }>;

function versionLine(io: Io): string {
  const { nodeVersion, os, osRelease } = io.runtime;
  return `${PROG}/${packageInfo.version} Node.js/${nodeVersion.replace(/^v/, '')} ${os}/${osRelease}\n`;
}

function hasScheme(url: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(url);
}

/** What v1 checks right after the global options are parsed, before the operation's. */
async function checkGlobals(globals: GlobalArgs) {
  const query = globals.query === undefined ? undefined : (await import('./output/query.js')).compileQuery(globals.query);
  if (globals.endpointUrl !== undefined && !hasScheme(globals.endpointUrl)) {
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

type TopLevel = Awaited<ReturnType<typeof checkGlobals>> & { readonly debug: DebugLogger | undefined };

async function runOperation(invocation: OperationInvocation, io: Io, { query, timeouts, debug }: TopLevel): Promise<number> {
  if (invocation.skeleton === 'input') {
    io.writeStdout(skeletonJson(COPY_SNAPSHOT.input));
    return 0;
  }
  if (invocation.skeleton === 'yaml-input') {
    io.writeStdout(skeletonYaml(COPY_SNAPSHOT.input));
    return 0;
  }
  const { globals } = invocation;
  const { loadSharedConfig } = await import('./request/config-files.js');
  const { resolveSettings, requireRegion, requireValidEndpoint, profileName } = await import('./request/settings.js');
  const config = await loadSharedConfig(io.env);
  const profileSection = config.configFile[profileName(globals, io.env).name] ?? {};
  const context = { env: io.env, followUrls: (profileSection.cli_follow_urlparam ?? 'true') === 'true' };
  let params = await paramsFromOptions(invocation.members, COPY_SNAPSHOT.input, context);
  if (invocation.cliInputJson !== undefined) {
    params = mergeInputDocument(params, await readInputDocument(invocation.cliInputJson, context));
  } else if (invocation.cliInputYaml !== undefined) {
    params = mergeInputDocument(params, await readYamlInputDocument(invocation.cliInputYaml, context));
  }
  const settings = resolveSettings(globals, io.env, config);
  const region = requireRegion(settings);
  if (settings.endpointUrl !== undefined) requireValidEndpoint(settings.endpointUrl);
  debug?.log('botocore.session', `Resolved settings: profile=${settings.profile} region=${region} output=${settings.output} endpoint=${settings.endpointUrl ?? 'default'} retry_mode=${settings.retryMode} max_attempts=${settings.maxAttempts}`);
  const { credentialProvider } = await import('./request/credentials/index.js');
  const credentials = globals.signRequest === false || invocation.skeleton === 'output' ? undefined : credentialProvider(settings, io.env, { debug, now: io.now });
  // v1 finds credentials when it creates the client: their errors come before validation's.
  await credentials?.prepare?.();
  if (settings.parameterValidation) checkParams(params, COPY_SNAPSHOT.input);
  const waitTimeoutMs =
    invocation.wait === undefined ? undefined : (await import('./wait/timeout.js')).parseWaitTimeout(invocation.wait.timeout);

  let result: unknown;
  let requestContext: RequestContext | undefined;
  if (invocation.skeleton === 'output') {
    result = sampleOutput(COPY_SNAPSHOT.output);
  } else {
    const { copySnapshot } = await import('./request/index.js');
    requestContext = { globals, settings, region, credentials, timeouts, debug, warn: (text) => io.writeStderr(text) };
    result = await copySnapshot(params, requestContext);
  }
  const { formatOutput } = await import('./output/index.js');
  const color = globals.color === 'on' || (globals.color !== 'off' && io.stdoutIsTty);
  io.writeStdout(
    formatOutput(result, {
      format: settings.output,
      query,
      color,
      terminalWidth: io.stdoutIsTty ? (io.terminalColumns ?? 80) : 80,
      title: COPY_SNAPSHOT.name,
    }),
  );
  if (invocation.wait !== undefined && requestContext !== undefined) {
    // stdout is exactly v1's; the wait only talks on stderr.
    const { clientOptions } = await import('./request/index.js');
    const { abortOnInterrupt, waitAfterCopy } = await import('./wait/index.js');
    const client = clientOptions(requestContext);
    await abortOnInterrupt((signal) =>
      waitAfterCopy({
        result,
        client,
        timeoutMs: waitTimeoutMs,
        stderr: { write: (text) => io.writeStderr(text), isTty: io.stderrIsTty === true, columns: io.stderrColumns },
        signal,
      }),
    );
  }
  return 0;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const completion = runCompletionCommand(argv, io);
    if (completion !== undefined) return completion;
    const first = parseGlobals(argv);
    if (first.kind === 'version') {
      io.writeStdout(versionLine(io));
      return 0;
    }
    const debug = first.globals.debug ? createDebugLogger((text) => io.writeStderr(text)) : undefined;
    debug?.log('awscli.clidriver', `CLI version: ${versionLine(io).trim()}`);
    debug?.log('awscli.clidriver', `Arguments entered to CLI: ${pyRepr([...argv])}`);
    const topLevel = { ...(await checkGlobals(first.globals)), debug };
    const invocation = parseOperation(first.rest, first.globals);
    if (invocation.kind === 'help') {
      const { runHelp } = await import('./help/index.js');
      await runHelp(io);
      return 0;
    }
    return await runOperation(invocation, io, topLevel);
  } catch (thrown) {
    // v1 had already written what its formatter produced before it failed.
    if (thrown instanceof FormatterError) io.writeStdout(thrown.partialOutput);
    const error = toCliError(thrown);
    const rendered = renderError(error, PROG);
    if (rendered.stdout) io.writeStdout(rendered.stdout);
    io.writeStderr((await machineReadableError(error, argv, io.env)) ?? rendered.stderr);
    return rendered.exitCode;
  }
}

/** The error as --cli-error-format / AWS_CLI_ERROR_FORMAT / cli_error_format asks, when not v1's text. */
async function machineReadableError(error: CliError, argv: readonly string[], env: Io['env']): Promise<string | undefined> {
  if (!['service', 'param', 'validation', 'configuration', 'no-region', 'no-credentials'].includes(error.kind)) return undefined;
  let globals: GlobalArgs = {};
  try {
    const first = parseGlobals(argv);
    if (first.kind === 'globals') globals = first.globals;
  } catch {
    return undefined;
  }
  let requested = globals.cliErrorFormat ?? env.AWS_CLI_ERROR_FORMAT;
  if (requested === undefined) {
    const { loadSharedConfig } = await import('./request/config-files.js');
    const { profileName } = await import('./request/settings.js');
    const config = await loadSharedConfig(env);
    requested = config.configFile[profileName(globals, env).name]?.cli_error_format;
  }
  const { formatError, isErrorFormat } = await import('./output/error-format.js');
  return isErrorFormat(requested) ? formatError(error, requested) : undefined;
}
