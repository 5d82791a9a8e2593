// Carrying out a bulk copy (issue 17): resolve the sources, reuse the copies
// already made, start the others without ever having more than the limit
// pending in the destination, optionally wait for all of them, and print
// {"Copies": [...]} in input order. Pure decisions live in plan.ts; EC2 calls
// in ec2.ts; stderr lines in progress.ts.
import { CliError, ParamError, ServiceError } from '../errors.js';
import { BULK_MEMBERS, DEFAULT_MAX_IN_FLIGHT, SOURCE_TAG_KEY } from '../model/bulk.js';
import type { Io } from '../cli.js';
import type { CompiledQuery } from '../output/query.js';
import type { RequestContext } from '../request/index.js';
import { selectsMany, type BulkArgs } from './args.js';
import { snapshotLister, sendCopy, type SnapshotLister } from './ec2.js';
import {
  chunks,
  copyTagSpecifications,
  lowerLimit,
  nextInterval,
  remainingEstimate,
  reusableCopies,
  sourceTagValue,
  splitIdList,
  uniqueIds,
  type CopyOutcome,
  type ListedSnapshot,
  type Tag,
  type TagSpecification,
} from './plan.js';
import { bulkProgress, failureLine, interruptedLine, timeoutLine } from './progress.js';
import { fromJs, toJs, type PyDict } from '../python/value.js';
import { cliOptionName } from '../model/shapes.js';

const SOURCE_IDS_FLAG = `--${cliOptionName('SourceSnapshotIds')}`;

export interface BulkRun {
  readonly bulk: BulkArgs;
  /** The CopySnapshot parameters from the options and --cli-input-json (no SourceSnapshotId for several). */
  readonly params: PyDict;
  readonly context: RequestContext;
  readonly io: Io;
  readonly query: CompiledQuery | undefined;
  readonly wait: boolean;
  readonly waitTimeoutMs: number | undefined;
  /** Validates CopySnapshot parameters as the single command does (when validation is on). */
  readonly checkParams: (params: PyDict) => void;
  /** Milliseconds between DescribeSnapshots polls (default: 1 s growing to 15 s). */
  readonly pollMs?: number | undefined;
}

/** `done`: everything printed, exit with this code; `single`: one --source-snapshot-id with --copy-tags, these parameters go on the usual path. */
export type BulkResult = { readonly kind: 'done'; readonly exitCode: number } | { readonly kind: 'single'; readonly params: PyDict };

function sourceOptions(run: BulkRun, sourceRegion: string) {
  return import('../request/index.js').then(async ({ clientOptions }) => {
    const { endpointFor } = await import('../request/settings.js');
    const dest = clientOptions(run.context);
    return { dest, source: { ...dest, region: sourceRegion, endpoint: endpointFor(run.context.settings, sourceRegion) } };
  });
}

/**
 * Tags of the given snapshots in the source Region, by id. EC2 refuses a
 * whole call when one id does not exist: that chunk is then asked id by id,
 * and a missing source is left for its CopySnapshot to fail alone.
 */
async function tagsOf(lister: SnapshotLister, ids: readonly string[]): Promise<Map<string, Tag[]>> {
  const tags = new Map<string, Tag[]>();
  const ask = async (part: string[]) => {
    for (const s of await lister.list({ SnapshotIds: part })) tags.set(s.snapshotId, [...s.tags]);
  };
  for (const part of chunks(ids)) {
    try {
      await ask(part);
    } catch (error) {
      if (!isCode(error, 'InvalidSnapshot.NotFound')) throw error;
      for (const id of part) await ask([id]).catch((single: unknown) => {
        if (!isCode(single, 'InvalidSnapshot.NotFound')) throw single;
      });
    }
  }
  return tags;
}

async function readIds(run: BulkRun, words: readonly string[]): Promise<string[]> {
  if (words.length !== 1 || !words[0]!.startsWith('file://')) return [...words];
  const { loadOptionValue } = await import('../params/paramfile.js');
  const loaded = await loadOptionValue(words[0]!, SOURCE_IDS_FLAG, run.io.env, false);
  const ids = splitIdList(typeof loaded === 'string' ? loaded : new TextDecoder().decode(loaded));
  if (ids.length === 0) throw new ParamError(SOURCE_IDS_FLAG, `${words[0]} holds no snapshot ids`);
  return ids;
}

async function readFilters(run: BulkRun, words: readonly string[]): Promise<unknown> {
  const { paramsFromOptions } = await import('../params/build.js');
  const member = BULK_MEMBERS.find((m) => m.name === 'SourceFilters')!;
  const parsed = await paramsFromOptions({ SourceFilters: [...words] }, { type: 'structure', members: [member] }, { env: run.io.env, followUrls: false });
  return toJs(parsed.get('SourceFilters'));
}

/** The TagSpecifications given (Python values) as the JavaScript data plan.ts merges tags into. */
function explicitTagSpecifications(params: PyDict): TagSpecification[] | undefined {
  return toJs(params.get('TagSpecifications')) as TagSpecification[] | undefined;
}

function isCode(error: unknown, code: string): error is ServiceError {
  return error instanceof ServiceError && error.code === code;
}

export async function runBulk(run: BulkRun): Promise<BulkResult> {
  const { bulk, params } = run;
  const sourceRegion = params.get('SourceRegion');
  const sourceSnapshotId = params.get('SourceSnapshotId');
  if (!selectsMany(bulk)) {
    // --copy-tags on one --source-snapshot-id: its tags, then the usual path.
    if (typeof sourceRegion !== 'string' || typeof sourceSnapshotId !== 'string') return { kind: 'single', params };
    // The parameters are checked before the source's tags are read (and merged into them).
    run.checkParams(params);
    const { source } = await sourceOptions(run, sourceRegion);
    const lister = await snapshotLister(source);
    try {
      const tags = (await tagsOf(lister, [sourceSnapshotId])).get(sourceSnapshotId) ?? [];
      const specs = copyTagSpecifications(explicitTagSpecifications(params), tags, undefined);
      return { kind: 'single', params: specs.length === 0 ? params : params.with('TagSpecifications', fromJs(specs)) };
    } finally {
      lister.close();
    }
  }
  const selector = bulk.SourceSnapshotIds !== undefined ? SOURCE_IDS_FLAG : `--${cliOptionName('SourceFilters')}`;
  if (params.has('SourceSnapshotId')) throw new CliError('usage', `argument ${selector}: not allowed with argument --source-snapshot-id`);
  if (params.has('PresignedUrl')) throw new CliError('usage', `argument --presigned-url: not allowed with argument ${selector}`);
  if (typeof sourceRegion !== 'string') throw new CliError('usage', 'the following arguments are required: --source-region');
  const filters = bulk.SourceFilters === undefined ? undefined : await readFilters(run, bulk.SourceFilters);
  const ids = bulk.SourceSnapshotIds === undefined ? undefined : uniqueIds(await readIds(run, bulk.SourceSnapshotIds));
  run.checkParams(params.with('SourceSnapshotId', ids?.[0] ?? 'snap-00000000'));

  const { dest, source } = await sourceOptions(run, sourceRegion);
  const sourceLister = await snapshotLister(source);
  const destLister = await snapshotLister(dest);
  try {
    const { abortOnInterrupt } = await import('../wait/interrupt.js');
    return await abortOnInterrupt((signal) => copyAll(run, { sourceRegion, ids, filters, sourceLister, destLister, dest, signal }), run.io);
  } finally {
    sourceLister.close();
    destLister.close();
  }
}

interface Plan {
  readonly sourceRegion: string;
  readonly ids: string[] | undefined;
  readonly filters: unknown;
  readonly sourceLister: SnapshotLister;
  readonly destLister: SnapshotLister;
  readonly dest: Awaited<ReturnType<typeof sourceOptions>>['dest'];
  readonly signal: AbortSignal;
}

async function copyAll(run: BulkRun, plan: Plan): Promise<BulkResult> {
  const { sourceRegion, sourceLister, destLister, signal } = plan;
  const copyTags = run.bulk.CopyTags === true;
  // 1. The sources, in input order (EC2's order for filters), and their tags when wanted.
  let sources: string[];
  let sourceTags = new Map<string, Tag[]>();
  if (plan.ids !== undefined) {
    sources = plan.ids;
    if (copyTags) sourceTags = await tagsOf(sourceLister, sources);
  } else {
    const listed = await sourceLister.list({ OwnerIds: ['self'], Filters: plan.filters as never }, signal);
    sources = uniqueIds(listed.map((s) => s.snapshotId));
    for (const s of listed) sourceTags.set(s.snapshotId, [...s.tags]);
  }
  // 2. Copies made before (by an earlier run), found by their source tag.
  const existing: ListedSnapshot[] = [];
  for (const part of chunks(sources)) {
    const values = part.map((id) => sourceTagValue(sourceRegion, id));
    existing.push(...(await destLister.list({ OwnerIds: ['self'], Filters: [{ Name: `tag:${SOURCE_TAG_KEY}`, Values: values }] }, signal)));
  }
  const reused = reusableCopies(sourceRegion, sources, existing);

  const outcomes = new Map<string, CopyOutcome>();
  const pending = new Map<string, string>(); // copy id → source id
  const progress = bulkProgress(run.wait ? run.io : undefined, sources.length);
  for (const id of sources) {
    const copy = reused.get(id);
    if (copy === undefined) continue;
    outcomes.set(id, { SourceSnapshotId: id, SnapshotId: copy.snapshotId, State: copy.state });
    if (copy.state === 'pending') pending.set(copy.snapshotId, id);
    progress.update(id, copy.snapshotId, copy);
  }
  const queue = sources.filter((id) => !reused.has(id));
  run.context.debug?.log('copy-snapshot.bulk', `${sources.length} sources, ${reused.size} copies reused, ${queue.length} to copy, at most ${run.bulk.MaxInFlight ?? DEFAULT_MAX_IN_FLIGHT} in flight`);

  // 3. Start the others, never more than `limit` pending.
  let limit = Number(run.bulk.MaxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  const initialPoll = run.pollMs ?? 1000;
  let interval = initialPoll;
  const { systemClock } = await import('../wait/clock.js');
  const { isThrottling } = await import('../wait/poll.js');
  const started = systemClock.now();
  const deadline = run.wait && run.waitTimeoutMs !== undefined ? started + run.waitTimeoutMs : Infinity;

  // When we started each copy, and how long EC2's progress says it has left.
  const startedAt = new Map<string, number>();
  const estimates = new Map<string, (now: number) => number | undefined>();
  const poll = async () => {
    await systemClock.sleep(interval, signal);
    if (signal.aborted) return;
    if (pending.size === 0) {
      // EC2's limit is taken by copies that are not ours: ask less and less often.
      if (run.pollMs === undefined) interval = nextInterval(interval, []);
      return;
    }
    try {
      for (const part of chunks([...pending.keys()])) {
        for (const status of await destLister.list({ SnapshotIds: part }, signal)) {
          const sourceId = pending.get(status.snapshotId);
          if (sourceId === undefined) continue;
          progress.update(sourceId, status.snapshotId, status, systemClock.now() - started);
          outcomes.set(sourceId, {
            SourceSnapshotId: sourceId,
            SnapshotId: status.snapshotId,
            State: status.state,
            ...(status.state === 'error' && status.stateMessage ? { StateMessage: status.stateMessage } : {}),
          });
          if (status.state === 'completed' || status.state === 'error') pending.delete(status.snapshotId);
          else estimates.set(status.snapshotId, remainingEstimate(startedAt.get(status.snapshotId), status.progress, systemClock.now()));
        }
      }
      if (run.pollMs === undefined) interval = nextInterval(interval, [...pending.keys()].map((id) => estimates.get(id)?.(systemClock.now())));
    } catch (error) {
      if (signal.aborted) return;
      // A copy EC2 does not list yet (eventual consistency): ask again next time.
      if (isThrottling(error)) interval = Math.min(interval * 2, 60_000);
      else if (!isCode(error, 'InvalidSnapshot.NotFound')) throw error;
    }
  };

  let mustWait = false;
  while (queue.length > 0 && !signal.aborted) {
    if (mustWait || pending.size >= limit) {
      mustWait = false;
      await poll();
      continue;
    }
    const sourceId = queue[0]!;
    const tagSpecs = copyTagSpecifications(
      explicitTagSpecifications(run.params),
      copyTags ? (sourceTags.get(sourceId) ?? []) : [],
      { Key: SOURCE_TAG_KEY, Value: sourceTagValue(sourceRegion, sourceId) },
    );
    try {
      const copyId = await sendCopy(plan.dest, run.params.with('SourceSnapshotId', sourceId).set('TagSpecifications', fromJs(tagSpecs)));
      queue.shift();
      outcomes.set(sourceId, { SourceSnapshotId: sourceId, SnapshotId: copyId, State: 'pending' });
      pending.set(copyId, sourceId);
      startedAt.set(copyId, systemClock.now());
      interval = initialPoll;
      progress.update(sourceId, copyId, { state: 'pending' }, systemClock.now() - started);
    } catch (error) {
      if (isCode(error, 'ResourceLimitExceeded')) {
        // Not an error: EC2's limit is lower than ours. Wait for a slot.
        limit = lowerLimit(limit, pending.size);
        run.context.debug?.log('copy-snapshot.bulk', `ResourceLimitExceeded with ${pending.size} in flight: the limit is now ${limit}`);
        mustWait = true;
        continue;
      }
      if (isThrottling(error)) {
        mustWait = true;
        continue;
      }
      queue.shift();
      const dryRun = isCode(error, 'DryRunOperation');
      const message = error instanceof ServiceError ? error.message : (error as Error).message;
      outcomes.set(sourceId, { SourceSnapshotId: sourceId, State: dryRun ? 'dry-run' : 'error', StateMessage: message });
    }
  }
  // 4. With --wait, until none is pending.
  let timedOut = false;
  while (run.wait && pending.size > 0 && !signal.aborted) {
    if (systemClock.now() >= deadline) {
      timedOut = true;
      break;
    }
    await poll();
  }
  progress.end();

  if (signal.aborted) {
    // Ctrl-C, SIGTERM or SIGHUP: the error names the copies that go on (and its kind gives 130, 143 or 129).
    const { STOPPED_KIND } = await import('../wait/index.js');
    const { stopSignalOf } = await import('../wait/interrupt.js');
    const going = [...pending].map(([copy, src]) => `${copy} (from ${src})`);
    throw new CliError(STOPPED_KIND[stopSignalOf(signal) ?? 'SIGINT'], interruptedLine(going, queue.length));
  }
  const copies = sources.map((id) => outcomes.get(id) ?? { SourceSnapshotId: id, State: 'not-started' });
  await printResult(run, { Copies: copies });
  const failures = copies.filter((c) => c.State === 'error');
  for (const failure of failures) run.io.writeStderr(`${failureLine(failure)}\n`);
  if (timedOut) run.io.writeStderr(`${timeoutLine(run.waitTimeoutMs ?? 0, [...pending.keys()])}\n`);
  return { kind: 'done', exitCode: failures.length > 0 || timedOut ? 255 : 0 };
}

async function printResult(run: BulkRun, result: unknown): Promise<void> {
  const { formatOutput } = await import('../output/index.js');
  const { globals, settings } = run.context;
  const color = globals.color === 'on' || (globals.color !== 'off' && run.io.stdoutIsTty);
  run.io.writeStdout(
    formatOutput(result, {
      format: settings.output,
      query: run.query,
      color,
      terminalWidth: run.io.stdoutIsTty ? (run.io.terminalColumns ?? 80) : 80,
      title: 'CopySnapshot',
      terminal: run.io.stdoutIsTty,
    }),
  );
}
