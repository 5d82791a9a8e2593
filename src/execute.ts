// execute(plan, io, deps): carries out what planOperation decided: finds the
// credentials, sends CopySnapshot (or runs the bulk copy), prints the
// response, waits. The request, the credentials and the wait are `deps`,
// whose real defaults are loaded only when used; tests replace them to see
// the parameters a request would carry without a socket.
import type { Io } from './cli.js';
import { checkedParams, writeStderrShown, type Connection, type OutputPlan, type Plan } from './plan.js';
import type { RequestContext } from './request/index.js';
import type { CredentialOptions, CliCredentialProvider } from './request/credentials/index.js';
import type { Settings } from './request/settings.js';
import type { PyDict } from './python/value.js';

export interface ExecuteDeps {
  /** Sends CopySnapshot with these parameters; resolves to the response as v1 parses it. */
  readonly send: (params: PyDict, context: RequestContext) => Promise<unknown>;
  /** The credentials of the invocation (walked by `prepare()` before anything is sent). */
  readonly credentials: (settings: Settings, env: Io['env'], options: CredentialOptions) => Promise<CliCredentialProvider>;
  /** Polls until every copy is completed (progress on stderr); a stop signal ends it with the copies going on. */
  readonly waitForCopies: (snapshotIds: readonly string[], context: RequestContext, timeoutMs: number | undefined, io: Io) => Promise<void>;
}

export const realDeps: ExecuteDeps = {
  send: async (params, context) => (await import('./request/index.js')).copySnapshot(params, context),
  credentials: async (settings, env, options) => (await import('./request/credentials/index.js')).credentialProvider(settings, env, options),
  waitForCopies,
};

export async function execute(plan: Plan, io: Io, deps: Partial<ExecuteDeps> = {}): Promise<number> {
  const use: ExecuteDeps = { ...realDeps, ...deps };
  switch (plan.kind) {
    case 'print':
      if (plan.closedStdoutFails) io.closedStdoutFails?.();
      io.writeStdout(plan.text);
      return 0;
    case 'help': {
      const { runHelp } = await import('./help/index.js');
      await runHelp(io);
      return 0;
    }
    case 'wait-for': {
      const context = await requestContext(plan.connection, io, use);
      await use.waitForCopies(plan.snapshotIds, context, plan.timeoutMs, io);
      return 0;
    }
    case 'copy':
      return executeCopy(plan, io, use);
  }
}

/** The context every request of the invocation shares; v1 finds the credentials when it creates the client, before it validates. */
async function requestContext(connection: Connection, io: Io, deps: ExecuteDeps): Promise<RequestContext> {
  const { globals, settings, region, timeouts, debug } = connection;
  let credentials: CliCredentialProvider | undefined;
  if (connection.sign) {
    const { mfaPromptThrough } = await import('./request/credentials/mfa.js');
    credentials = await deps.credentials(settings, io.env, { debug, now: io.now, passwdHome: io.passwdHome, mfaPrompt: mfaPromptThrough(io.getpass), timeouts });
    await credentials.prepare();
  }
  return { globals, settings, region, credentials, timeouts, debug, env: io.env, warn: (text) => writeStderrShown(io, text) };
}

async function executeCopy(plan: Extract<Plan, { kind: 'copy' }>, io: Io, deps: ExecuteDeps): Promise<number> {
  const context = await requestContext(plan.connection, io, deps);
  if (plan.failure !== undefined) throw plan.failure;
  let params = plan.params;
  if (plan.bulk !== undefined) {
    const { runBulk } = await import('./bulk/run.js');
    const { settings } = plan.connection;
    const bulk = await runBulk({
      bulk: plan.bulk.args,
      params,
      context,
      io,
      query: plan.output.query,
      wait: plan.wait !== undefined,
      waitTimeoutMs: plan.wait?.timeoutMs,
      checkParams: (p) => settings.parameterValidation && checkedParams(p, settings, undefined),
      pollMs: plan.bulk.pollMs,
    });
    if (bulk.kind === 'done') return bulk.exitCode;
    params = checkedParams(bulk.params, settings, undefined);
  }
  const sample = plan.sampleOutput !== undefined;
  const result = sample ? plan.sampleOutput : await deps.send(params, context);
  await printResult(result, plan.output, io);
  if (plan.wait !== undefined && !sample) {
    // stdout is exactly v1's; the wait only talks on stderr.
    const { copiedSnapshotId } = await import('./wait/index.js');
    await deps.waitForCopies([copiedSnapshotId(result)], context, plan.wait.timeoutMs, io);
  }
  return 0;
}

async function printResult(result: unknown, output: OutputPlan, io: Io): Promise<void> {
  const { formatOutput } = await import('./output/index.js');
  if (output.closedStdoutFails) io.closedStdoutFails?.();
  io.writeStdout(formatOutput(result, output));
}

/** Polls until every copy is completed (progress on stderr); a stop signal ends it with the copies going on. */
async function waitForCopies(snapshotIds: readonly string[], context: RequestContext, timeoutMs: number | undefined, io: Io): Promise<void> {
  const { clientOptions } = await import('./request/index.js');
  const wait = await import('./wait/index.js');
  const plain = io.env.TERM === 'dumb';
  await wait.abortOnInterrupt(
    (signal) =>
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
    io,
  );
}
