// The progress renderer: exact strings on a terminal (one redrawn line) and
// on a pipe (one line per change), with time injected.
import { describe, expect, it } from 'vitest';
import { describeStatus, formatElapsed, parsePercent, pipeLine, ttyLine } from '../../src/wait/format.js';
import { progressReporter } from '../../src/wait/progress.js';
import { completed, failed, pending, sink } from './fakes.js';

describe('formatElapsed', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [5_000, '5s'],
    [59_999, '59s'],
    [60_000, '1m 00s'],
    [65_000, '1m 05s'],
    [3_599_000, '59m 59s'],
    [3_600_000, '1h 00m 00s'],
    [3_723_000, '1h 02m 03s'],
    [-5, '0s'],
  ])('%d ms → %s', (ms, text) => expect(formatElapsed(ms)).toBe(text));
});

describe('parsePercent', () => {
  it.each([
    ['45%', 45],
    ['0%', 0],
    ['100%', 100],
    ['12.5%', 12.5],
    ['140%', 100],
    ['', undefined],
    [undefined, undefined],
    ['soon', undefined],
  ])('%s → %s', (text, value) => expect(parsePercent(text)).toBe(value));
});

describe('describeStatus and pipeLine', () => {
  it('names the state and the progress as EC2 sends them', () => {
    expect(describeStatus(pending('45%'))).toBe('pending 45%');
    expect(describeStatus(pending())).toBe('pending');
    expect(describeStatus(undefined)).toBe('not listed yet');
    expect(pipeLine('snap-1', pending('45%'), 65_000)).toBe('snap-1: pending 45% (1m 05s)');
    expect(pipeLine('snap-1', completed, 190_000)).toBe('snap-1: completed 100% (3m 10s)');
    expect(pipeLine('snap-1', undefined, 0)).toBe('snap-1: not listed yet (0s)');
  });
});

describe('ttyLine', () => {
  it('draws a 30-cell bar on a wide terminal', () => {
    expect(ttyLine('snap-1', pending('45%'), 65_000, 80)).toBe('snap-1 [##############................]  45% pending 1m 05s');
    expect(ttyLine('snap-1', pending('0%'), 0, 120)).toBe('snap-1 [..............................]   0% pending 0s');
    expect(ttyLine('snap-1', completed, 3_723_000, 80)).toBe('snap-1 [##############################] 100% completed 1h 02m 03s');
  });

  it('shows no percent before EC2 gives one, and fills the bar once completed whatever Progress says', () => {
    expect(ttyLine('snap-1', pending(), 2_000, 80)).toBe('snap-1 [..............................]      pending 2s');
    expect(ttyLine('snap-1', undefined, 2_000, 80)).toBe('snap-1 [..............................]      not listed yet 2s');
    expect(ttyLine('snap-1', { snapshotId: 'snap-1', state: 'completed' }, 0, 80)).toBe(
      'snap-1 [##############################]      completed 0s',
    );
  });

  it('narrows the bar to the terminal, keeping room for the state and time', () => {
    const id = 'snap-0123456789abcdef0';
    const line = ttyLine(id, pending('50%'), 5_000, 80);
    expect(line).toBe(`${id} [###########...........]  50% pending 5s`);
    // 79 - (22 + 1 + 2 + 1 + 4 + 1 + 14 + 1 + 11) = 22 cells
    expect(line.indexOf(']') - line.indexOf('[') - 1).toBe(22);
  });

  it('drops the bar, then cuts the line, on a narrow terminal: it never wraps', () => {
    expect(ttyLine('snap-1', pending('45%'), 65_000, 50)).toBe('snap-1  45% pending 1m 05s');
    expect(ttyLine('snap-1', pending('45%'), 65_000, 20)).toBe('snap-1  45% pending');
    for (let columns = 1; columns < 120; columns++) {
      expect(ttyLine('snap-0123456789abcdef0', pending('99%'), 36_000_000, columns).length).toBeLessThanOrEqual(Math.max(0, columns - 1));
    }
  });
});

describe('progressReporter on a terminal', () => {
  it('redraws one line in place, each tick and each answer, and ends it with a newline', () => {
    const err = sink(true, 80);
    const reporter = progressReporter('snap-1', err);
    expect(reporter.wantsTicks).toBe(true);
    reporter.tick(0); // nothing known yet: nothing drawn
    reporter.status(pending('0%'), 0);
    reporter.tick(1_000);
    reporter.tick(1_400); // same second: same line, not redrawn
    reporter.status(pending('45%'), 2_000);
    reporter.status(completed, 3_000);
    reporter.end();
    expect(err.writes).toEqual([
      '\rsnap-1 [..............................]   0% pending 0s\x1b[K',
      '\rsnap-1 [..............................]   0% pending 1s\x1b[K',
      // 0% at 0s, 45% at 2s: 55% more takes 2.4 s at that rate
      '\rsnap-1 [##############................]  45% pending 2s, 2s left\x1b[K',
      '\rsnap-1 [##############################] 100% completed 3s\x1b[K',
      '\n',
    ]);
  });

  it('uses 80 columns when the width is unknown or 0, and writes nothing at the end if nothing was drawn', () => {
    for (const columns of [undefined, 0]) {
      const err = sink(true, columns);
      const reporter = progressReporter('snap-1', err);
      reporter.end();
      expect(err.writes).toEqual([]);
      reporter.status(pending('45%'), 65_000);
      expect(err.text()).toBe('\rsnap-1 [##############................]  45% pending 1m 05s\x1b[K');
    }
  });
});

describe('progressReporter on a terminal that is resized', () => {
  it('redraws at once at the new width, draws plain lines while narrower than 40 columns, and stops listening at the end', () => {
    const err = sink(true, 80);
    const reporter = progressReporter('snap-1', err);
    expect(err.listening()).toBe(1);
    err.resize(70); // nothing drawn yet: nothing to redraw
    expect(err.writes).toEqual([]);
    reporter.status(pending('10%'), 0);
    err.resize(50);
    err.resize(30);
    reporter.tick(1_000); // narrow: no redraw of the time
    reporter.status(pending('40%'), 2_000);
    err.resize(60);
    reporter.end();
    expect(err.listening()).toBe(0);
    err.resize(90);
    expect(err.writes).toEqual([
      '\rsnap-1 [###.........................]  10% pending 0s\x1b[K',
      // 50 columns leave no room for a bar of 10 cells
      '\rsnap-1  10% pending 0s\x1b[K',
      '\n',
      'snap-1: pending 40% (2s, 4s left)\n',
      '\rsnap-1 [#######...........]  40% pending 2s, 4s left\x1b[K',
      '\n',
    ]);
  });
});

describe('progressReporter on a pipe', () => {
  it('writes one line per change of state or progress, nothing on ticks, nothing at the end', () => {
    const err = sink(false);
    const reporter = progressReporter('snap-1', err);
    expect(reporter.wantsTicks).toBe(false);
    reporter.status(undefined, 0);
    reporter.status(undefined, 2_000);
    reporter.status(pending(), 5_000);
    reporter.status(pending('0%'), 9_000);
    reporter.tick(10_000);
    reporter.status(pending('0%'), 15_000);
    reporter.status(pending('45%'), 65_000);
    reporter.status(failed('boom'), 70_000);
    reporter.end();
    expect(err.text()).toBe(
      'snap-1: not listed yet (0s)\n' +
        'snap-1: pending (5s)\n' +
        'snap-1: pending 0% (9s)\n' +
        // 0% at 9s, 45% at 65s: the remaining 55% at that rate take 68 s
        'snap-1: pending 45% (1m 05s, 1m 08s left)\n' +
        'snap-1: error 12% (1m 10s)\n',
    );
  });
});
