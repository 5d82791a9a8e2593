// The package as a user installs it: `npm pack`, then `npm install -g` of the
// tarball into a scratch prefix, run from PATH; and the README's install and
// uninstall lines. Uses dist/ as `npm test` builds it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import packageInfo from '../../package.json' with { type: 'json' };

const ROOT = join(import.meta.dirname, '..', '..');
const TARBALL = `copy-snapshot-${packageInfo.version}.tgz`;
const work = mkdtempSync(join(tmpdir(), 'cs-install-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function npm(args: string[], cwd = ROOT) {
  const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' },
    timeout: 120_000,
  });
  expect(r.stderr).not.toMatch(/ERR!/);
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('npm pack, then npm install -g of the tarball', () => {
  it('ships LICENSE, the man page and the third-party licences, and installs a working copy-snapshot on PATH', () => {
    const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work])) as [{ filename: string; files: { path: string }[] }];
    expect(packed[0].filename).toBe(TARBALL);
    expect(packed[0].files.map((f) => f.path).sort()).toEqual(
      [
        'LICENSE',
        'README.md',
        'bin/copy-snapshot',
        'bin/package.json',
        'dist/THIRD-PARTY-LICENSES.txt',
        'dist/app.cjs',
        'dist/copy-snapshot.1',
        'dist/launch.cjs',
        'dist/sdk.cjs',
        'package.json',
      ].sort(),
    );

    const prefix = join(work, 'prefix');
    npm(['install', '-g', '--prefix', prefix, '--offline', join(work, TARBALL)], work);
    const env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`, HOME: work };
    const version = spawnSync('copy-snapshot', ['--version'], { cwd: work, encoding: 'utf8', env });
    expect(version.stdout).toMatch(new RegExp(`^copy-snapshot/${packageInfo.version.replace(/\./g, '\\.')} Node\\.js/`));
    expect(realpathSync(join(prefix, 'share', 'man', 'man1', 'copy-snapshot.1'))).toBe(
      join(realpathSync(prefix), 'lib', 'node_modules', 'copy-snapshot', 'dist', 'copy-snapshot.1'),
    );

    npm(['uninstall', '-g', '--prefix', prefix, 'copy-snapshot'], work);
    expect(existsSync(join(prefix, 'bin', 'copy-snapshot'))).toBe(false);
    expect(existsSync(join(prefix, 'share', 'man', 'man1', 'copy-snapshot.1'))).toBe(false);
  });
});

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const codeLines = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => block[1]!.split('\n'));

  it('keeps npm install and npm test as the set-up', () => {
    expect(codeLines).toContain('npm install && npm run demo   # build, then copy a snapshot on a local EC2 stand-in with --wait');
    expect(codeLines.some((line) => line.startsWith('npm test '))).toBe(true);
  });

  it('installs onto PATH from the clone and from a packed tarball, and says how to uninstall', () => {
    expect(codeLines).toContain('npm install -g .');
    expect(codeLines.some((line) => line.startsWith('npm pack '))).toBe(true);
    expect(codeLines).toContain(`npm install -g ./${TARBALL}`);
    expect(codeLines.some((line) => line.startsWith('npm uninstall -g copy-snapshot'))).toBe(true);
  });

  it('never runs the unpublished name through npx', () => {
    expect(codeLines.filter((line) => /\bnpx\b/.test(line))).toEqual([]);
  });
});
