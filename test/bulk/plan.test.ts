// The pure parts of bulk copies: planning (reuse, tags, limits) and the words
// on stderr, including the terminal's redrawn block.
import { describe, expect, it } from 'vitest';
import { checkBulkArgs, isBulkSelection, takeBulkArgs } from '../../src/bulk/args.js';
import { copyTagSpecifications, lowerLimit, reusableCopies, splitIdList, uniqueIds, type ListedSnapshot } from '../../src/bulk/plan.js';
import { bulkProgress, failureLine, interruptedLine, plain, totalLine } from '../../src/bulk/progress.js';
import type { Io } from '../../src/cli.js';

const copy = (snapshotId: string, state: string, source: string): ListedSnapshot => ({
  snapshotId,
  state,
  tags: [{ Key: 'copy-snapshot:source', Value: `us-west-2/${source}` }],
});

describe('reusableCopies', () => {
  it('reuses a completed copy rather than a pending one, never one in error, and only of the wanted sources', () => {
    const existing = [
      copy('snap-c1', 'pending', 'snap-1'),
      copy('snap-c2', 'completed', 'snap-1'),
      copy('snap-c3', 'error', 'snap-2'),
      copy('snap-c4', 'pending', 'snap-3'),
      copy('snap-c5', 'completed', 'snap-9'),
      { snapshotId: 'snap-c6', state: 'completed', tags: [{ Key: 'copy-snapshot:source', Value: 'eu-west-1/snap-3' }] },
    ];
    const chosen = reusableCopies('us-west-2', ['snap-1', 'snap-2', 'snap-3'], existing);
    expect([...chosen].map(([source, c]) => [source, c.snapshotId])).toEqual([
      ['snap-1', 'snap-c2'],
      ['snap-3', 'snap-c4'],
    ]);
  });
});

describe('copyTagSpecifications', () => {
  it.each([[{ a: 1 }], [[1]], [[{ ResourceType: 'snapshot', Tags: 'x' }]]])('refuses to merge into %j (parameter_validation = false lets it through)', (explicit) => {
    expect(() => copyTagSpecifications(explicit as never, [{ Key: 'k', Value: 'v' }], undefined)).toThrow(
      '--copy-tags: TagSpecifications must be a list of specifications, each with a list of Tags, to merge the source tags into',
    );
  });

  const source = { Key: 'copy-snapshot:source', Value: 'us-west-2/snap-1' };

  it('puts the source tags under the explicit ones, drops aws: tags, and the source tag last', () => {
    const specs = copyTagSpecifications(
      [{ ResourceType: 'snapshot', Tags: [{ Key: 'team', Value: 'dr' }, { Key: 'copy-snapshot:source', Value: 'mine' }] }],
      [{ Key: 'Name', Value: 'web' }, { Key: 'team', Value: 'ops' }, { Key: 'aws:backup:source-resource', Value: 'x' }],
      source,
    );
    expect(specs).toEqual([{ ResourceType: 'snapshot', Tags: [{ Key: 'Name', Value: 'web' }, { Key: 'team', Value: 'dr' }, source] }]);
  });

  it('keeps specifications for other resource types where they were', () => {
    const other = { ResourceType: 'volume', Tags: [{ Key: 'a', Value: 'b' }] };
    expect(copyTagSpecifications([other], [], source)).toEqual([other, { ResourceType: 'snapshot', Tags: [source] }]);
    expect(copyTagSpecifications([{ ResourceType: 'snapshot', Tags: [] }, other], [], source)).toEqual([{ ResourceType: 'snapshot', Tags: [source] }, other]);
  });

  it('adds nothing when there is nothing to add (one snapshot, source without tags)', () => {
    expect(copyTagSpecifications(undefined, [{ Key: 'aws:x', Value: 'y' }], undefined)).toEqual([]);
  });
});

describe('small rules', () => {
  it('lowers the limit to the copies in flight, never below one', () => {
    expect(lowerLimit(5, 3)).toBe(3);
    expect(lowerLimit(2, 3)).toBe(2);
    expect(lowerLimit(5, 0)).toBe(1);
  });

  it('splits id files on any whitespace and names each source once', () => {
    expect(splitIdList('\n snap-1\tsnap-2\r\nsnap-1  \n')).toEqual(['snap-1', 'snap-2', 'snap-1']);
    expect(uniqueIds(['snap-2', 'snap-1', 'snap-2'])).toEqual(['snap-2', 'snap-1']);
  });

  it('recognizes the selecting options only when spelled in full', () => {
    expect(isBulkSelection(['--source-snapshot-ids', 'a'])).toBe(true);
    expect(isBulkSelection(['--source-filters=Name=a,Values=b'])).toBe(true);
    expect(isBulkSelection(['--source-snapshot-id', 'a', '--source-filter', 'x'])).toBe(false);
  });

  it('splits the bulk options off the members', () => {
    expect(takeBulkArgs({ SourceRegion: 'r', CopyTags: true })).toEqual({ bulk: { CopyTags: true }, members: { SourceRegion: 'r' } });
    expect(takeBulkArgs({ SourceRegion: 'r' })).toEqual({ bulk: undefined, members: { SourceRegion: 'r' } });
  });

  it('lets --cli-input-json supply --source-region', () => {
    expect(() => checkBulkArgs({ SourceSnapshotIds: ['a'] }, {}, true)).not.toThrow();
    expect(() => checkBulkArgs({ SourceSnapshotIds: ['a'] }, {}, false)).toThrow('the following arguments are required: --source-region');
  });
});

describe('stderr', () => {
  it('words failures and interruptions, without control characters from the network', () => {
    expect(failureLine({ SourceSnapshotId: 'snap-1', SnapshotId: 'snap-c', State: 'error', StateMessage: 'bad\x1b[31m key' })).toBe(
      'copy-snapshot: snap-c (copy of snap-1) failed: bad\\x1b[31m key',
    );
    expect(failureLine({ SourceSnapshotId: 'snap-1', State: 'error' })).toBe('copy-snapshot: the copy of snap-1 failed: EC2 gave no StateMessage');
    expect(interruptedLine(['snap-c (from snap-1)'], 2)).toBe(
      'copy-snapshot: stopped; these copies continue in EC2: snap-c (from snap-1); 2 not started (run the same command again to resume)',
    );
    expect(plain('a\u0085b\u007fc')).toBe('a\\x85b\\x7fc');
    expect(totalLine(5, ['completed', 'pending', 'error', 'completed'], 65_000)).toBe('5 copies: 2 completed, 1 pending, 1 failed, 1 waiting (1m 05s)');
  });

  it('on a terminal: finished copies get a line, the ones in flight and the total are redrawn below', () => {
    let err = '';
    const io = { stderrIsTty: true, stderrColumns: () => 100, writeStderr: (t: string) => void (err += t) } as unknown as Io;
    const progress = bulkProgress(io, 2);
    progress.update('snap-1', 'snap-c1', { state: 'pending' }, 0);
    progress.update('snap-2', 'snap-c2', { state: 'pending', progress: '10%' }, 1000);
    progress.update('snap-1', 'snap-c1', { state: 'completed', progress: '100%' }, 2000);
    expect(err).toBe(
      'snap-1 -> snap-c1: pending (0s)\n2 copies: 0 completed, 1 pending, 0 failed, 1 waiting (0s)\n' +
        '\x1b[2A\r\x1b[J' +
        'snap-1 -> snap-c1: pending (0s)\nsnap-2 -> snap-c2: pending 10% (1s)\n2 copies: 0 completed, 2 pending, 0 failed, 0 waiting (1s)\n' +
        '\x1b[3A\r\x1b[J' +
        'snap-1 -> snap-c1: completed 100% (2s)\nsnap-2 -> snap-c2: pending 10% (1s)\n2 copies: 1 completed, 1 pending, 0 failed, 0 waiting (2s)\n',
    );
  });
});

describe('poll timing', () => {
  it('estimates what is left from the progress and polls when the first copy should be done', async () => {
    const { nextInterval, remainingEstimate } = await import('../../src/bulk/plan.js');
    expect(remainingEstimate(1000, '25%', 2000)(2000)).toBe(3000);
    expect(remainingEstimate(1000, '25%', 2000)(4000)).toBe(1000);
    expect(remainingEstimate(undefined, '25%', 2000)(2000)).toBeUndefined();
    expect(remainingEstimate(1000, '0%', 2000)(2000)).toBeUndefined();
    expect(nextInterval(1000, [3000, undefined, 1200])).toBe(1250);
    expect(nextInterval(1000, [10])).toBe(250);
    expect(nextInterval(1000, [60_000])).toBe(15_000);
    expect(nextInterval(1000, [undefined])).toBe(1500);
    expect(nextInterval(12_000, [])).toBe(15_000);
  });
});
