// --wait in a real terminal: tmux runs the built binary in a window that is
// narrowed while the bar is drawn. The bar must follow the new width (one
// line redrawn in place), not wrap onto a new line at every redraw.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome } from '../support/run-main.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'copy-snapshot');
const NEW_ID = 'snap-0123456789abcdef0';
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;

const home = isolatedHome();
const sockets = mkdtempSync(join(tmpdir(), 'cs-tmux-'));
const socket = join(sockets, 'socket');
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(sockets, { recursive: true, force: true });
});

let ec2: Ec2Endpoint;
beforeEach(async () => {
  ec2 = await startEc2Endpoint();
});
afterEach(async () => {
  tmux('kill-server');
  await ec2.close();
});

function tmux(...args: string[]): string {
  return spawnSync('tmux', ['-S', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' }).stdout ?? '';
}

/** The pane as shown (one string per row, trailing blanks cut). */
function pane(): string[] {
  return tmux('capture-pane', '-p', '-S', '-', '-t', 'wait').split('\n').map((row) => row.trimEnd());
}

async function until(test: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (test()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}:\n${pane().join('\n')}`);
}

describe.skipIf(!HAS_TMUX)('--wait in a terminal that is resized (tmux)', () => {
  it('redraws the bar in place at the new width after the window is narrowed', async () => {
    ec2.setCopyProgress({ durationMs: 4_000 });
    const env = { ...isolatedEnv(home, { AWS_DEFAULT_REGION: 'eu-west-1' }), TERM: 'xterm' };
    const exports = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
    const command = `env -i PATH='${process.env.PATH ?? ''}' ${exports} ${process.execPath} ${BIN} --source-region us-east-1 --source-snapshot-id snap-1 --wait --endpoint-url ${ec2.url} >/dev/null; echo "exit=$?"`;
    tmux('new-session', '-d', '-s', 'wait', '-x', '100', '-y', '20', command);
    tmux('set-option', '-t', 'wait', 'remain-on-exit', 'on');
    tmux('set-window-option', '-t', 'wait', 'window-size', 'manual');
    await until(() => pane().some((row) => row.startsWith(`${NEW_ID} [`)), 'the bar');
    expect(pane().find((row) => row.startsWith(NEW_ID))).toMatch(new RegExp(`^${NEW_ID} \\[[#.]{30}\\] +\\d+% pending \\ds$`));

    tmux('resize-window', '-t', 'wait', '-x', '50', '-y', '20');
    await until(() => pane().some((row) => row.startsWith('exit=')), 'the end of the wait');
    const rows = pane().filter((row) => row !== '' && !row.startsWith('Pane is dead'));
    // tmux rewrapped the wide line when the window was narrowed; its first
    // row is left over (a line drawn in place cannot reach back above the
    // cursor without risking what another program printed there). Every
    // later redraw stays on one row: the finished bar in the new width.
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(new RegExp(`^${NEW_ID} \\[[#.]{26}$`));
    expect(rows[1]).toMatch(new RegExp(`^${NEW_ID} 100% completed \\ds$`));
    expect(rows.at(-1)).toBe('exit=0');
  });
});
