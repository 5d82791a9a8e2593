// Pure planning of a bulk copy: which sources, which copies already made can
// be reused, what each new copy is tagged with. No I/O here: run.ts feeds it
// what EC2 listed and carries out the plan.
import { CliError } from '../errors.js';
import { SOURCE_TAG_KEY } from '../model/bulk.js';
import { parsePercent } from '../wait/format.js';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** A snapshot as DescribeSnapshots lists it (what planning needs). */
export interface ListedSnapshot {
  readonly snapshotId: string;
  readonly state: string;
  readonly progress?: string;
  readonly stateMessage?: string;
  readonly tags: readonly Tag[];
}

/** The value of the source tag: `<source Region>/<source snapshot id>`. */
export function sourceTagValue(sourceRegion: string, sourceId: string): string {
  return `${sourceRegion}/${sourceId}`;
}

/** Ids from a file: separated by any whitespace, empty words dropped. */
export function splitIdList(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

/** The ids once each, in first-seen order (a source is copied once however often it is named). */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

const STATE_RANK: Record<string, number> = { completed: 0, pending: 1 };

/**
 * For each source, the existing copy to reuse: a completed one rather than
 * a pending one (the oldest listed when several); copies in `error` are not
 * reused, so the source is copied again.
 */
export function reusableCopies(sourceRegion: string, sources: readonly string[], existing: readonly ListedSnapshot[]): Map<string, ListedSnapshot> {
  const wanted = new Map(sources.map((id) => [sourceTagValue(sourceRegion, id), id]));
  const chosen = new Map<string, ListedSnapshot>();
  for (const copy of existing) {
    const rank = STATE_RANK[copy.state];
    const source = wanted.get(copy.tags.find((t) => t.Key === SOURCE_TAG_KEY)?.Value ?? '');
    if (rank === undefined || source === undefined) continue;
    const current = chosen.get(source);
    if (current === undefined || rank < STATE_RANK[current.state]!) chosen.set(source, copy);
  }
  return chosen;
}

export interface TagSpecification {
  readonly ResourceType?: string;
  readonly Tags?: readonly Tag[];
  readonly [other: string]: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The copy's TagSpecifications: the source's tags (not `aws:` ones, which
 * EC2 reserves) under the explicit snapshot tags, which win for the same key,
 * and the source tag (when `sourceTag` is given) last, which always wins.
 * Specifications for other resource types are kept as they are.
 */
export function copyTagSpecifications(
  explicit: readonly TagSpecification[] | undefined,
  sourceTags: readonly Tag[],
  sourceTag: Tag | undefined,
): TagSpecification[] {
  // With parameter_validation = false, what the user gave may be anything: merge only into lists.
  if (explicit !== undefined && (!Array.isArray(explicit) || !explicit.every((spec) => isRecord(spec) && (spec.Tags === undefined || Array.isArray(spec.Tags))))) {
    throw new CliError('general', '--copy-tags: TagSpecifications must be a list of specifications, each with a list of Tags, to merge the source tags into');
  }
  const merged = new Map<string, string>();
  for (const tag of sourceTags) if (!tag.Key.startsWith('aws:')) merged.set(tag.Key, tag.Value);
  const specs = [...(explicit ?? [])];
  let at = specs.findIndex((spec) => spec.ResourceType === 'snapshot');
  for (const spec of specs) {
    if (spec.ResourceType === 'snapshot') for (const tag of spec.Tags ?? []) merged.set(tag.Key, tag.Value);
  }
  if (sourceTag) {
    merged.delete(sourceTag.Key);
    merged.set(sourceTag.Key, sourceTag.Value);
  }
  if (merged.size === 0) return specs;
  const snapshotSpec: TagSpecification = { ResourceType: 'snapshot', Tags: [...merged].map(([Key, Value]) => ({ Key, Value })) };
  const rest = specs.filter((spec) => spec.ResourceType !== 'snapshot');
  if (at < 0) return [...rest, snapshotSpec];
  at = specs.slice(0, at).filter((spec) => spec.ResourceType !== 'snapshot').length;
  return [...rest.slice(0, at), snapshotSpec, ...rest.slice(at)];
}

/** One line of the result, in input order. */
export interface CopyOutcome {
  readonly SourceSnapshotId: string;
  readonly SnapshotId?: string;
  readonly State: string;
  readonly StateMessage?: string;
}

/**
 * The effective in-flight limit after EC2 said ResourceLimitExceeded with
 * `pending` of our copies in flight: EC2's own limit is at most that (other
 * copies may count too), and never below one.
 */
export function lowerLimit(limit: number, pending: number): number {
  return Math.max(1, Math.min(limit, pending));
}

/** Filters values are limited per call; lists are sent in chunks of this many. */
export const CHUNK = 200;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * How long a copy has left, from its progress (`45%`) and when we started it:
 * it went p% in the time elapsed, so (100 - p)% takes proportionally. A
 * function of the time it is asked at; undefined when there is no basis.
 */
export function remainingEstimate(startedAt: number | undefined, progress: string | undefined, seenAt: number): (now: number) => number | undefined {
  const percent = parsePercent(progress);
  if (startedAt === undefined || percent === undefined || !(percent > 0 && percent < 100)) return () => undefined;
  const left = ((seenAt - startedAt) * (100 - percent)) / percent;
  return (now) => Math.max(0, left - (now - seenAt));
}

export const MIN_POLL_MS = 250;
export const MAX_POLL_MS = 15_000;

/**
 * The next poll: when the first copy in flight should be done, by its
 * progress (at least 250 ms, at most 15 s); without an estimate, the
 * previous interval grown by half, up to 15 s.
 */
export function nextInterval(previous: number, remaining: readonly (number | undefined)[]): number {
  const known = remaining.filter((ms): ms is number => ms !== undefined);
  if (known.length === 0) return Math.min(Math.round(previous * 1.5), MAX_POLL_MS);
  return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.ceil(Math.min(...known)) + 50));
}
