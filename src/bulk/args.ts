// The bulk-copy options as the parser hands them over, and the rules argparse
// would enforce for them (a mutually exclusive group, nargs='+', type=int):
// their errors are usage errors (exit 2) in argparse's words.
import { CliError } from '../errors.js';
import { BULK_MEMBERS } from '../model/bulk.js';
import { cliOptionName } from '../model/shapes.js';
import type { MemberArgs } from '../parse/index.js';

export interface BulkArgs {
  /** The words of --source-snapshot-ids (ids, or one file://PATH). */
  readonly SourceSnapshotIds?: readonly string[];
  /** The words of --source-filters (shorthand or JSON, as for describe-snapshots --filters). */
  readonly SourceFilters?: readonly string[];
  readonly CopyTags?: boolean;
  /** Checked: a whole number ≥ 1. */
  readonly MaxInFlight?: string;
}

const SELECTION_FLAGS = (['SourceSnapshotIds', 'SourceFilters'] as const).map((member) => `--${cliOptionName(member)}`);

/** Whether the words select several sources (then --source-snapshot-id is not required). */
export function isBulkSelection(words: readonly string[]): boolean {
  return words.some((word) => SELECTION_FLAGS.some((flag) => word === flag || word.startsWith(`${flag}=`)));
}

/** Splits the bulk options off the operation's members; `bulk` is undefined when none was given. */
export function takeBulkArgs(all: MemberArgs): { bulk: BulkArgs | undefined; members: MemberArgs } {
  const members: MemberArgs = { ...all };
  const bulk: Record<string, unknown> = {};
  for (const { name } of BULK_MEMBERS) {
    if (name in members) {
      bulk[name] = members[name];
      delete members[name];
    }
  }
  return { bulk: Object.keys(bulk).length === 0 ? undefined : (bulk as BulkArgs), members };
}

function usage(message: string): CliError {
  return new CliError('usage', message);
}

const flag = (name: string) => `--${cliOptionName(name)}`;

/** Whether several snapshots are copied (as opposed to --copy-tags on one). */
export function selectsMany(bulk: BulkArgs | undefined): boolean {
  return bulk?.SourceSnapshotIds !== undefined || bulk?.SourceFilters !== undefined;
}

/**
 * Exactly one of --source-snapshot-id, --source-snapshot-ids, --source-filters;
 * the lists not empty; --source-region still required; --max-in-flight a
 * whole number ≥ 1, only for several sources. `relaxed`: --cli-input-json or
 * a skeleton may supply the required options.
 */
export function checkBulkArgs(bulk: BulkArgs, members: MemberArgs, relaxed: boolean): void {
  const given = (['SourceSnapshotId', 'SourceSnapshotIds', 'SourceFilters'] as const).filter((name) =>
    name === 'SourceSnapshotId' ? members.SourceSnapshotId !== undefined : bulk[name] !== undefined,
  );
  if (given.length > 1) throw usage(`argument ${flag(given[1]!)}: not allowed with argument ${flag(given[0]!)}`);
  for (const name of ['SourceSnapshotIds', 'SourceFilters'] as const) {
    if (bulk[name]?.length === 0) throw usage(`argument ${flag(name)}: expected at least one argument`);
  }
  if (selectsMany(bulk) && !relaxed && members.SourceRegion === undefined) {
    throw usage('the following arguments are required: --source-region');
  }
  if (bulk.MaxInFlight !== undefined) {
    if (!selectsMany(bulk)) throw usage('argument --max-in-flight: only allowed with --source-snapshot-ids or --source-filters');
    if (!/^\s*\+?\d+\s*$/.test(bulk.MaxInFlight)) throw usage(`argument --max-in-flight: invalid int value: '${bulk.MaxInFlight}'`);
    if (Number(bulk.MaxInFlight) < 1) throw usage(`argument --max-in-flight: must be at least 1, not ${bulk.MaxInFlight.trim()}`);
  }
}
