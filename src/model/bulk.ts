// The options of bulk copies (issue 17): not in AWS CLI v1, which rejects
// them all, so they are `extra` (matched only when spelled in full) and no
// command line v1 accepts changes meaning. Declared here like the
// operation's members, so the parser, help and completion derive from them;
// they never reach the CopySnapshot request itself (src/bulk/ reads them).
import type { Member, Shape, StructureShape } from './shapes.js';

const stringShape: Shape = { type: 'string' };

/** describe-snapshots' Filter: `Name=tag:backup,Values=daily` or JSON. */
const filterShape: StructureShape = {
  type: 'structure',
  members: [
    { name: 'Name', wireName: 'Name', shape: stringShape, summary: 'The filter name, such as tag:backup or volume-id.' },
    { name: 'Values', wireName: 'Value', shape: { type: 'list', member: stringShape }, summary: 'The values to match.' },
  ],
};

/** The tag key every bulk copy carries: `<source Region>/<source snapshot id>`. */
export const SOURCE_TAG_KEY = 'copy-snapshot:source';

/** The default of --max-in-flight (EC2's smallest per-Region copy limit). */
export const DEFAULT_MAX_IN_FLIGHT = 5;

export const BULK_MEMBERS: readonly Member[] = [
  {
    name: 'SourceSnapshotIds',
    wireName: 'SourceSnapshotIds',
    shape: { type: 'list', member: stringShape },
    summary: 'Copy several snapshots from --source-region: their ids, or file://PATH holding ids separated by whitespace.',
    details: `Instead of --source-snapshot-id. Each copy is tagged ${SOURCE_TAG_KEY}=<source Region>/<source id>; copies already made (pending or completed) are reused, so running the command again never copies twice. Prints {"Copies": [...]} in the order given.`,
  },
  {
    name: 'SourceFilters',
    wireName: 'SourceFilters',
    shape: { type: 'list', member: filterShape },
    summary: 'Copy the snapshots you own in --source-region that match these describe-snapshots filters (shorthand or JSON).',
    details: 'Instead of --source-snapshot-id, e.g. Name=tag:backup,Values=daily.',
  },
  {
    name: 'CopyTags',
    wireName: 'CopyTags',
    shape: { type: 'boolean' },
    summary: "Give each copy its source snapshot's tags (not the aws: ones); --tag-specifications wins for the same key.",
  },
  {
    name: 'MaxInFlight',
    wireName: 'MaxInFlight',
    shape: { type: 'integer', min: 1 },
    summary: `With --source-snapshot-ids or --source-filters: at most this many copies pending at once in the destination (default ${DEFAULT_MAX_IN_FLIGHT}).`,
    details: 'When EC2 answers ResourceLimitExceeded, the copy waits for a slot and the limit is lowered to what EC2 allows.',
  },
];
