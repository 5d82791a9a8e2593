// The code cache of dist/launch.cjs (src/launch/compile-cache.ts): where the
// cache files go and when that place is refused, how they are named, and which
// files a run reads, writes and deletes. Checked through file names, contents
// and inode numbers only, never timings: a rewrite goes through rename(), so a
// cache file that keeps its inode was not written again.
//
// V8 keeps every script it compiles in a per-process cache and, when the same
// source is compiled again, uses that and ignores the cache data it is handed
// (it reports it as accepted whatever it holds). So in this process a cache is
// only really checked the first time a bundle's source is compiled; each bundle
// written here carries a unique comment for that reason, and the tests that need
// V8 to judge a cache file run the loader in child processes.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BundleLoader, type BundleLoaderOptions, cacheDirectory, cacheStem, shortHash } from '../../src/launch/compile-cache.js';

const SOURCE = resolve(import.meta.dirname, '..', '..', 'src', 'launch', 'compile-cache.ts');
const POSIX = process.platform !== 'win32';
/** Node 22 and later keep their own compile cache of the entry files in $NODE_COMPILE_CACHE (`v22.23.5-x64-…`). */
const NODE_OWN_CACHE = /^v\d+\.\d+\.\d+-/;
/** Fixed so that the stems the loader computes can be computed here too. */
const NODE = 'v20.0.0-test';
const ARGV: readonly string[] = ['--test-flag'];

const scratchDirs: string[] = [];
const counters: string[] = [];

afterEach(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const key of counters.splice(0)) delete (globalThis as Record<string, unknown>)[key];
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-compile-cache-test-'));
  scratchDirs.push(dir);
  return dir;
}

/** A global the bundle bumps each time it runs, removed after the test. */
function counter(): string {
  const key = `__csCompileCacheTest_${randomUUID().replace(/-/g, '')}`;
  counters.push(key);
  return key;
}

function runs(key: string): unknown {
  return (globalThis as Record<string, unknown>)[key];
}

function bump(key: string): string {
  return `globalThis[${JSON.stringify(key)}] = (globalThis[${JSON.stringify(key)}] || 0) + 1;`;
}

/** The unique comment keeps V8 from reusing a compilation of the same text made by another test. */
function writeBundle(dir: string, name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `${body}\n// ${randomUUID()}\n`);
  return file;
}

function stemOf(file: string, nodeVersion = NODE, execArgv = ARGV): string {
  const { size, mtimeMs } = statSync(file);
  return cacheStem({ file, size, mtimeMs, nodeVersion, arch: process.arch, execArgv });
}

function loader(cacheDir: string | undefined, resolveSibling?: (specifier: string, from: string) => string | undefined): BundleLoader {
  const options: BundleLoaderOptions = { env: {}, cacheDir, nodeVersion: NODE, execArgv: ARGV };
  return new BundleLoader(options, resolveSibling);
}

function inode(path: string): number {
  return statSync(path).ino;
}

describe.skipIf(!POSIX)('cacheDirectory', () => {
  const uid = POSIX ? process.getuid!() : 0;
  const defaultDir = (tmp: string, owner = uid): string => join(tmp, `copy-snapshot-compile-cache-${owner}`);

  it.each(['1', 'true'])('NODE_DISABLE_COMPILE_CACHE=%s turns the cache off', (value) => {
    const tmp = scratch();
    expect(cacheDirectory({ env: { NODE_DISABLE_COMPILE_CACHE: value }, tmpdir: tmp, uid })).toBeUndefined();
    // Even over the user's own directory, and without creating anything.
    const own = join(tmp, 'own');
    expect(cacheDirectory({ env: { NODE_DISABLE_COMPILE_CACHE: value, NODE_COMPILE_CACHE: own }, tmpdir: tmp, uid })).toBeUndefined();
    expect(readdirSync(tmp)).toEqual([]);
  });

  it.each(['0', ''])('NODE_DISABLE_COMPILE_CACHE=%j leaves it on', (value) => {
    const tmp = scratch();
    expect(cacheDirectory({ env: { NODE_DISABLE_COMPILE_CACHE: value }, tmpdir: tmp, uid })).toBe(defaultDir(tmp));
  });

  it('uses and creates $NODE_COMPILE_CACHE, private whatever the umask', () => {
    const tmp = scratch();
    const own = join(tmp, 'a', 'b');
    const before = process.umask(0);
    try {
      expect(cacheDirectory({ env: { NODE_COMPILE_CACHE: own }, tmpdir: tmp, uid })).toBe(own);
    } finally {
      process.umask(before);
    }
    // Made 0700, the parent it had to make as well.
    expect(statSync(own).mode & 0o7777).toBe(0o700);
    expect(statSync(join(tmp, 'a')).mode & 0o7777).toBe(0o700);
    // The default directory is not made as well.
    expect(readdirSync(tmp)).toEqual(['a']);
  });

  it('makes the default directory 0700 under umask 0 too', () => {
    const tmp = scratch();
    const before = process.umask(0);
    try {
      expect(cacheDirectory({ env: {}, tmpdir: tmp, uid })).toBe(defaultDir(tmp));
    } finally {
      process.umask(before);
    }
    expect(statSync(defaultDir(tmp)).mode & 0o7777).toBe(0o700);
  });

  it('is off without user ids, even with $NODE_COMPILE_CACHE (no file could be judged)', () => {
    const tmp = scratch();
    expect(cacheDirectory({ env: { NODE_COMPILE_CACHE: join(tmp, 'own') }, tmpdir: tmp, uid: undefined })).toBeUndefined();
    expect(readdirSync(tmp)).toEqual([]);
  });

  it.each(['777', '720', '702', '1777'])('refuses a $NODE_COMPILE_CACHE with mode %s (others can write to it)', (octal) => {
    const mode = parseInt(octal, 8);
    const tmp = scratch();
    const own = join(tmp, 'shared');
    mkdirSync(own);
    chmodSync(own, mode);
    expect(cacheDirectory({ env: { NODE_COMPILE_CACHE: own }, tmpdir: tmp, uid })).toBeUndefined();
    expect(statSync(own).mode & 0o7777).toBe(mode);
  });

  it('refuses a $NODE_COMPILE_CACHE owned by another user', () => {
    const tmp = scratch();
    const own = join(tmp, 'theirs');
    mkdirSync(own, { mode: 0o700 });
    expect(cacheDirectory({ env: { NODE_COMPILE_CACHE: own }, tmpdir: tmp, uid: uid + 1 })).toBeUndefined();
  });

  it.each([
    ['$NODE_COMPILE_CACHE', (parent: string): Record<string, string> => ({ NODE_COMPILE_CACHE: join(parent, 'cache') })],
    ['the default directory', (): Record<string, string> => ({})],
  ])('refuses %s inside a directory others can write to without the sticky bit', (_name, envOf) => {
    const tmp = scratch();
    const parent = join(tmp, 'open');
    mkdirSync(parent);
    chmodSync(parent, 0o777);
    expect(cacheDirectory({ env: envOf(parent), tmpdir: parent, uid })).toBeUndefined();
    // Group-writable is no better; sticky (as /tmp is) is fine.
    chmodSync(parent, 0o775);
    expect(cacheDirectory({ env: envOf(parent), tmpdir: parent, uid })).toBeUndefined();
    chmodSync(parent, 0o1777);
    expect(cacheDirectory({ env: envOf(parent), tmpdir: parent, uid })).toBe(join(parent, envOf(parent).NODE_COMPILE_CACHE ? 'cache' : `copy-snapshot-compile-cache-${uid}`));
  });

  it('refuses a directory whose ancestor is open to others, however far up', () => {
    const tmp = scratch();
    const open = join(tmp, 'open');
    mkdirSync(join(open, 'x', 'y'), { recursive: true });
    chmodSync(open, 0o777);
    expect(cacheDirectory({ env: { NODE_COMPILE_CACHE: join(open, 'x', 'y', 'cache') }, tmpdir: tmp, uid })).toBeUndefined();
  });

  it('follows links in $NODE_COMPILE_CACHE and answers the real directory', () => {
    const tmp = scratch();
    const real = join(tmp, 'real');
    mkdirSync(real, { mode: 0o700 });
    symlinkSync(real, join(tmp, 'link'));
    expect(cacheDirectory({ env: { NODE_COMPILE_CACHE: join(tmp, 'link') }, tmpdir: tmp, uid })).toBe(real);
    chmodSync(real, 0o777);
    expect(cacheDirectory({ env: { NODE_COMPILE_CACHE: join(tmp, 'link') }, tmpdir: tmp, uid })).toBeUndefined();
  });

  it('defaults to <tmpdir>/copy-snapshot-compile-cache-<uid>, made private', () => {
    const tmp = scratch();
    expect(cacheDirectory({ env: {}, tmpdir: tmp, uid })).toBe(defaultDir(tmp));
    const stat = lstatSync(defaultDir(tmp));
    expect(stat.isDirectory()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o700);
    // Found again as it is.
    expect(cacheDirectory({ env: {}, tmpdir: tmp, uid })).toBe(defaultDir(tmp));
  });

  it('is off without a uid', () => {
    const tmp = scratch();
    expect(cacheDirectory({ env: {}, tmpdir: tmp, uid: undefined })).toBeUndefined();
    expect(readdirSync(tmp)).toEqual([]);
  });

  it.each([0o777, 0o720, 0o702])('refuses an existing directory with mode %o (others can write to it)', (mode) => {
    const tmp = scratch();
    mkdirSync(defaultDir(tmp));
    chmodSync(defaultDir(tmp), mode);
    expect(cacheDirectory({ env: {}, tmpdir: tmp, uid })).toBeUndefined();
    // Nor does it quietly repair it.
    expect(statSync(defaultDir(tmp)).mode & 0o777).toBe(mode);
  });

  it('accepts an existing directory only the user can write to', () => {
    const tmp = scratch();
    mkdirSync(defaultDir(tmp));
    chmodSync(defaultDir(tmp), 0o755);
    expect(cacheDirectory({ env: {}, tmpdir: tmp, uid })).toBe(defaultDir(tmp));
  });

  it('refuses a symlink in place of the directory, even to a private directory of ours', () => {
    const tmp = scratch();
    const target = join(tmp, 'elsewhere');
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, defaultDir(tmp));
    expect(cacheDirectory({ env: {}, tmpdir: tmp, uid })).toBeUndefined();
  });

  it('refuses a dangling symlink and a plain file in place of the directory', () => {
    const tmp = scratch();
    symlinkSync(join(tmp, 'nowhere'), defaultDir(tmp));
    expect(cacheDirectory({ env: {}, tmpdir: tmp, uid })).toBeUndefined();
    expect(existsSync(join(tmp, 'nowhere'))).toBe(false);

    const other = scratch();
    writeFileSync(defaultDir(other), '');
    expect(cacheDirectory({ env: {}, tmpdir: other, uid })).toBeUndefined();
  });

  it('refuses a directory the given uid does not own', () => {
    const tmp = scratch();
    // Made by this process, so owned by this user and not by uid + 1.
    expect(cacheDirectory({ env: {}, tmpdir: tmp, uid: uid + 1 })).toBeUndefined();
    expect(statSync(defaultDir(tmp, uid + 1)).uid).toBe(uid);
  });
});

describe('shortHash', () => {
  it('is 32-bit FNV-1a as 8 hex digits', () => {
    // Reference values of FNV-1a 32.
    expect(shortHash('')).toBe('811c9dc5');
    expect(shortHash('a')).toBe('e40c292c');
    expect(shortHash('foobar')).toBe('bf9cf968');
  });

  it('is deterministic, always 8 hex digits, and tells inputs apart', () => {
    const inputs = ['', 'a', 'b', 'ab', 'ba', '/opt/cs/dist/app.cjs', '/opt/cs/dist/sdk.cjs', 'x'.repeat(10_000)];
    const hashes = inputs.map(shortHash);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{8}$/);
    expect(inputs.map(shortHash)).toEqual(hashes);
    expect(new Set(hashes).size).toBe(inputs.length);
  });
});

describe('cacheStem', () => {
  const id = { file: '/opt/cs/dist/app.cjs', size: 1234, mtimeMs: 1_700_000_000_123.875, nodeVersion: 'v20.11.1', arch: 'x64', execArgv: ['--no-warnings', '--stack-size=2000'] };

  it('is <name>-<hash of path, Node and arguments>-<size>-<whole ms>', () => {
    // Hashes computed apart from shortHash (FNV-1a of the UTF-8 bytes, NUL-separated).
    expect(cacheStem(id)).toBe('app-384b4d56-1234-1700000000123');
    expect(cacheStem({ ...id, execArgv: [] })).toBe('app-54d44912-1234-1700000000123');
    expect(cacheStem(id)).toBe(`app-${shortHash('/opt/cs/dist/app.cjs\0v20.11.1\0x64\0--no-warnings\0--stack-size=2000')}-1234-1700000000123`);
  });

  it('drops .cjs and .js but keeps other dots of the name', () => {
    expect(cacheStem({ ...id, file: '/opt/cs/dist/sdk.cjs' })).toMatch(/^sdk-[0-9a-f]{8}-1234-1700000000123$/);
    expect(cacheStem({ ...id, file: '/opt/cs/dist/sdk.js' })).toMatch(/^sdk-[0-9a-f]{8}-1234-1700000000123$/);
    expect(cacheStem({ ...id, file: '/opt/cs/dist/app.v2.cjs' })).toMatch(/^app\.v2-[0-9a-f]{8}-/);
  });

  it('changes with the path, Node version, architecture and arguments, not only the name', () => {
    const hashOf = (stem: string): string => stem.split('-')[1]!;
    const base = hashOf(cacheStem(id));
    expect(hashOf(cacheStem({ ...id, file: '/usr/lib/cs/dist/app.cjs' }))).not.toBe(base);
    expect(hashOf(cacheStem({ ...id, nodeVersion: 'v20.11.2' }))).not.toBe(base);
    expect(hashOf(cacheStem({ ...id, arch: 'arm64' }))).not.toBe(base);
    expect(hashOf(cacheStem({ ...id, execArgv: ['--no-warnings'] }))).not.toBe(base);
    // The separator keeps argument boundaries apart.
    expect(hashOf(cacheStem({ ...id, execArgv: ['--no-warnings--stack-size=2000'] }))).not.toBe(base);
    // Size and time are fields of their own.
    expect(cacheStem({ ...id, size: 1235 })).toBe('app-384b4d56-1235-1700000000123');
    expect(cacheStem({ ...id, mtimeMs: 1_700_000_000_124 })).toBe('app-384b4d56-1234-1700000000124');
  });
});

describe('BundleLoader', () => {
  it('runs a bundle as CommonJS and returns module.exports', () => {
    const dir = scratch();
    const file = writeBundle(
      dir,
      'app.cjs',
      `const path = require('node:path');
module.exports = { value: 42, dirname: __dirname, filename: __filename, sep: path.sep, resolved: require.resolve('./other.cjs'), isModule: typeof module === 'object' };`,
    );
    writeBundle(dir, 'other.cjs', 'exports.other = true;');
    expect(loader(scratch()).load(file)).toEqual({ value: 42, dirname: dir, filename: file, sep: '/', resolved: join(dir, 'other.cjs'), isModule: true });
  });

  it('hands the bundle its exports object too', () => {
    const dir = scratch();
    const file = writeBundle(dir, 'app.cjs', 'exports.a = 1; module.exports.b = 2;');
    expect(loader(scratch()).load(file)).toEqual({ a: 1, b: 2 });
  });

  it('runs each bundle once per loader', () => {
    const dir = scratch();
    const key = counter();
    const file = writeBundle(dir, 'app.cjs', `${bump(key)} module.exports = { n: globalThis[${JSON.stringify(key)}] };`);
    const bundles = loader(scratch());
    const first = bundles.load(file);
    expect(bundles.load(file)).toBe(first);
    expect(first).toEqual({ n: 1 });
    expect(runs(key)).toBe(1);
  });

  it('runs a bundle that threw again on the next load, as require() does', () => {
    const dir = scratch();
    const key = counter();
    const file = writeBundle(dir, 'app.cjs', `${bump(key)} if (globalThis[${JSON.stringify(key)}] === 1) throw new Error('first run fails'); module.exports = { ok: true };`);
    const bundles = loader(scratch());
    expect(() => bundles.load(file)).toThrow('first run fails');
    expect(bundles.load(file)).toEqual({ ok: true });
    expect(runs(key)).toBe(2);
  });

  it('requires a sibling through Node when resolve does not claim it, caching only its own bundles', () => {
    const dir = scratch();
    const cache = scratch();
    const otherKey = counter();
    const main = writeBundle(dir, 'app.cjs', `module.exports = { other: require('./other.cjs') };`);
    writeBundle(dir, 'other.cjs', `${bump(otherKey)} module.exports = { sibling: 7 };`);
    const bundles = loader(cache);
    expect(bundles.load(main)).toEqual({ other: { sibling: 7 } });
    bundles.saveCaches();
    expect(readdirSync(cache)).toEqual([`${stemOf(main)}.light.bin`]);
  });

  it('sends a sibling claimed by resolve through the loader, which caches it too', () => {
    const dir = scratch();
    const cache = scratch();
    const otherKey = counter();
    const main = writeBundle(dir, 'app.cjs', `const path = require('node:path');\nmodule.exports = { other: require('./other.cjs'), join: path.join('a', 'b') };`);
    const other = writeBundle(dir, 'other.cjs', `${bump(otherKey)} module.exports = { sibling: 7 };`);
    const calls: [string, string][] = [];
    const bundles = loader(cache, (specifier, from) => {
      calls.push([specifier, from]);
      return specifier === './other.cjs' ? join(dirname(from), 'other.cjs') : undefined;
    });
    const exports = bundles.load(main) as { other: unknown; join: string };
    expect(exports).toEqual({ other: { sibling: 7 }, join: 'a/b' });
    // Every require() of the bundle is offered to resolve first, with the requiring file.
    expect(calls).toEqual([
      ['node:path', main],
      ['./other.cjs', main],
    ]);
    // The sibling is the loader's: loading it again is the same object, run once.
    expect(bundles.load(other)).toBe(exports.other);
    expect(runs(otherKey)).toBe(1);
    bundles.saveCaches();
    expect(readdirSync(cache).sort()).toEqual([`${stemOf(main)}.light.bin`, `${stemOf(other)}.light.bin`].sort());
  });

  it('writes a light cache, then a full one that replaces it', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'module.exports = { value: 42 };');
    const stem = stemOf(file);

    const light = loader(cache);
    light.load(file);
    expect(readdirSync(cache)).toEqual([]);
    light.saveCaches();
    expect(readdirSync(cache)).toEqual([`${stem}.light.bin`]);
    expect(readFileSync(join(cache, `${stem}.light.bin`)).length).toBeGreaterThan(0);
    expect(statSync(join(cache, `${stem}.light.bin`)).mode & 0o777).toBe(0o600);

    const full = loader(cache);
    full.load(file);
    full.markFullRun();
    full.saveCaches();
    expect(readdirSync(cache)).toEqual([`${stem}.full.bin`]);
    expect(statSync(join(cache, `${stem}.full.bin`)).mode & 0o777).toBe(0o600);
  });

  it('writes a full cache straight away on a full run', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'module.exports = { value: 42 };');
    const bundles = loader(cache);
    bundles.markFullRun();
    bundles.load(file);
    bundles.saveCaches();
    expect(readdirSync(cache)).toEqual([`${stemOf(file)}.full.bin`]);
  });

  it('does not rewrite a cache it used of the same kind', () => {
    const dir = scratch();
    const cache = scratch();
    const key = counter();
    const file = writeBundle(dir, 'app.cjs', `${bump(key)} module.exports = { value: 42 };`);
    const path = join(cache, `${stemOf(file)}.light.bin`);
    const first = loader(cache);
    first.load(file);
    first.saveCaches();
    const [ino, bytes] = [inode(path), readFileSync(path)];

    const second = loader(cache);
    expect(second.load(file)).toEqual({ value: 42 });
    second.saveCaches();
    expect(runs(key)).toBe(2);
    expect(inode(path)).toBe(ino);
    expect(readFileSync(path)).toEqual(bytes);
    expect(readdirSync(cache)).toEqual([`${stemOf(file)}.light.bin`]);
  });

  it('never replaces a full cache from a light run, nor rewrites it on a full one', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'module.exports = { value: 42 };');
    const path = join(cache, `${stemOf(file)}.full.bin`);
    const full = loader(cache);
    full.markFullRun();
    full.load(file);
    full.saveCaches();
    const ino = inode(path);

    const light = loader(cache);
    light.load(file);
    light.saveCaches();
    expect(readdirSync(cache)).toEqual([`${stemOf(file)}.full.bin`]);
    expect(inode(path)).toBe(ino);

    const again = loader(cache);
    again.markFullRun();
    again.load(file);
    again.saveCaches();
    expect(readdirSync(cache)).toEqual([`${stemOf(file)}.full.bin`]);
    expect(inode(path)).toBe(ino);
  });

  it.each(['light', 'full'] as const)('passes over a corrupt %s cache, runs the bundle and writes a good one', (kind) => {
    const dir = scratch();
    const cache = scratch();
    const key = counter();
    const file = writeBundle(dir, 'app.cjs', `${bump(key)} module.exports = { value: 42 };`);
    const path = join(cache, `${stemOf(file)}.${kind}.bin`);
    const garbage = randomBytes(512);
    writeFileSync(path, garbage);

    const bundles = loader(cache);
    if (kind === 'full') bundles.markFullRun();
    expect(bundles.load(file)).toEqual({ value: 42 });
    expect(runs(key)).toBe(1);
    bundles.saveCaches();
    expect(readdirSync(cache)).toEqual([`${stemOf(file)}.${kind}.bin`]);
    expect(readFileSync(path).equals(garbage)).toBe(false);
    expect(readFileSync(path).length).toBeGreaterThan(0);
  });

  it('gives a changed bundle a new stem and deletes the old stem’s caches, and only those', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'module.exports = { value: 1 };');
    const oldStem = stemOf(file);
    const before = loader(cache);
    before.markFullRun();
    before.load(file);
    before.saveCaches();
    // A light cache of the old build as well, left by some other run.
    writeFileSync(join(cache, `${oldStem}.light.bin`), 'old');

    const [name, hash] = oldStem.split('-') as [string, string];
    const unrelated = [
      `${name}-${hash === '00000000' ? '11111111' : '00000000'}-1-1.full.bin`, // another install of the same bundle
      `sdk-${hash}-1-1.light.bin`, // another bundle
      `${name}-${hash}-notes.txt`, // not a cache file
      'README',
    ];
    for (const entry of unrelated) writeFileSync(join(cache, entry), 'keep');

    writeBundle(dir, 'app.cjs', 'module.exports = { value: 2, more: true };');
    const newStem = stemOf(file);
    expect(newStem).not.toBe(oldStem);
    expect(newStem.startsWith(`${name}-${hash}-`)).toBe(true);

    const after = loader(cache);
    expect(after.load(file)).toEqual({ value: 2, more: true });
    after.saveCaches();
    expect(readdirSync(cache).sort()).toEqual([`${newStem}.light.bin`, ...unrelated].sort());
    for (const entry of unrelated) expect(readFileSync(join(cache, entry), 'utf8')).toBe('keep');
  });

  it('names caches by the Node version and arguments it is given', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'module.exports = {};');
    const bundles = new BundleLoader({ env: {}, cacheDir: cache, nodeVersion: 'v99.1.0', execArgv: ['--a', '--b'] });
    bundles.load(file);
    bundles.saveCaches();
    expect(readdirSync(cache)).toEqual([`${stemOf(file, 'v99.1.0', ['--a', '--b'])}.light.bin`]);
    expect(stemOf(file, 'v99.1.0', ['--a', '--b'])).not.toBe(stemOf(file));
  });

  it('defaults to the running Node’s version and arguments, and the directory of its environment', () => {
    const dir = scratch();
    const cache = join(scratch(), 'from-env');
    const file = writeBundle(dir, 'app.cjs', 'module.exports = {};');
    const bundles = new BundleLoader({ env: { NODE_COMPILE_CACHE: cache } });
    bundles.load(file);
    bundles.saveCaches();
    expect(readdirSync(cache)).toEqual([`${stemOf(file, process.version, [...process.execArgv, 'NODE_OPTIONS='])}.light.bin`]);
  });

  it('counts NODE_OPTIONS among the arguments, since it can set V8 flags', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'module.exports = {};');
    for (const options of ['--max-old-space-size=200', '--stack-size=900']) {
      const bundles = new BundleLoader({ env: { NODE_OPTIONS: options }, cacheDir: cache });
      bundles.load(file);
      bundles.saveCaches();
    }
    // Different hashes, so neither run took the other's cache for a stale build of its own.
    expect(readdirSync(cache).sort()).toEqual(
      [
        `${stemOf(file, process.version, [...process.execArgv, 'NODE_OPTIONS=--max-old-space-size=200'])}.light.bin`,
        `${stemOf(file, process.version, [...process.execArgv, 'NODE_OPTIONS=--stack-size=900'])}.light.bin`,
      ].sort(),
    );
  });

  it('writes nothing when the environment turns the cache off', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'module.exports = { value: 42 };');
    const bundles = new BundleLoader({ env: { NODE_DISABLE_COMPILE_CACHE: '1', NODE_COMPILE_CACHE: cache } });
    bundles.markFullRun();
    expect(bundles.load(file)).toEqual({ value: 42 });
    bundles.saveCaches();
    expect(readdirSync(cache)).toEqual([]);
  });

  it('with cacheDir: undefined reads and writes no cache, whatever the environment says', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'module.exports = { value: 42 };');
    writeBundle(dir, 'other.cjs', 'module.exports = 1;');
    const bundles = new BundleLoader({ env: { NODE_COMPILE_CACHE: cache }, cacheDir: undefined });
    bundles.markFullRun();
    expect(bundles.load(file)).toEqual({ value: 42 });
    bundles.saveCaches();
    expect(readdirSync(cache)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['app.cjs', 'other.cjs']);
  });

  it('saveCaches never throws when the directory has gone', () => {
    const dir = scratch();
    const cache = join(scratch(), 'gone');
    mkdirSync(cache);
    const file = writeBundle(dir, 'app.cjs', 'module.exports = {};');
    const bundles = loader(cache);
    bundles.load(file);
    rmSync(cache, { recursive: true });
    expect(() => bundles.saveCaches()).not.toThrow();
    expect(existsSync(cache)).toBe(false);
  });
});

// Separate processes, where V8 checks the cache data it is given (see the top of the file).
describe('BundleLoader across processes', () => {
  let work: string;
  let runner: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'cs-compile-cache-proc-'));
    const { code } = transformSync(readFileSync(SOURCE, 'utf8'), { loader: 'ts', format: 'esm' });
    writeFileSync(join(work, 'compile-cache.mjs'), code);
    runner = join(work, 'run.mjs');
    writeFileSync(
      runner,
      `import { BundleLoader } from './compile-cache.mjs';
const [file, cacheDir, kind] = process.argv.slice(2);
const loader = new BundleLoader(cacheDir === '-' ? { env: process.env } : { env: process.env, cacheDir });
if (kind === 'full') loader.markFullRun();
process.stdout.write(JSON.stringify(loader.load(file)));
loader.saveCaches();
`,
    );
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  /** One run of a launcher, with no Node arguments and only the NODE_OPTIONS given (none by default). */
  function run(file: string, cacheDir: string, kind: 'light' | 'full', nodeOptions?: string): unknown {
    const env = { PATH: process.env.PATH ?? '', ...(nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions }) };
    return JSON.parse(execFileSync(process.execPath, [runner, file, cacheDir, kind], { encoding: 'utf8', env }));
  }

  /** A run with the cache directory from $NODE_COMPILE_CACHE, as the launcher does it; the exit status and output. */
  function runWithEnvDir(file: string, cacheDir: string): { status: number | null; stdout: string } {
    const result = spawnSync(process.execPath, [runner, file, '-', 'light'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NODE_COMPILE_CACHE: cacheDir }, timeout: 20_000 });
    return { status: result.status, stdout: result.stdout };
  }

  /**
   * A bundle big enough that V8's cache of it has much to deserialize (damage to such a cache makes
   * V8 abort), whose result names `who`. Every `who` of the same length gives a bundle of the same length.
   */
  function bigBundle(who: string): string {
    const parts: string[] = [];
    for (let i = 0; i < 400; i++) {
      parts.push(`function f${i}(a, b) { const o = { k${i}: [a, b, 'v${i}'], n: ${i} * a, s: \`t${i}-\${b}\` }; return Object.keys(o).length + o.k${i}.length + (a > ${i} ? f${(i + 1) % 400}.length : 0); }`);
    }
    parts.push(`let sum = 0; for (let i = 0; i < 400; i++) sum += globalThis['f' + i] ? 0 : 1;`);
    parts.push(`module.exports = { who: ${JSON.stringify(who)}, total: [${Array.from({ length: 400 }, (_, i) => `f${i}(1, 2)`).join(', ')}].reduce((x, y) => x + y, 0) };`);
    return parts.join('\n');
  }

  /**
   * What an attacker does to plant bytecode: the loader itself compiles `evil`, a bundle of the same
   * length, at the same path with the same modification time, so the cache file has the victim's
   * name (in whatever format the loader writes); then the real bundle is put back.
   */
  function plant(file: string, good: string, evil: string, cacheDir: string): string[] {
    expect(evil.length).toBe(good.length);
    const when = new Date('2026-01-02T03:04:05Z');
    writeFileSync(file, evil);
    utimesSync(file, when, when);
    expect(run(file, cacheDir, 'light')).toMatchObject({ who: 'attack' });
    writeFileSync(file, good);
    utimesSync(file, when, when);
    return readdirSync(cacheDir).filter((name) => name.endsWith('.bin'));
  }

  /**
   * plant(), and the file then claims the victim's bundle digest (anyone can compute it), so only
   * where the file is and who owns it can tell. Answers the file's name.
   */
  function plantPassingDigest(file: string, good: string, cacheDir: string): string {
    const [name] = plant(file, good, bigBundle('attack'), cacheDir);
    const path = join(cacheDir, name!);
    const planted = readFileSync(path);
    if (planted.subarray(0, 4).toString('latin1') === 'CSCC') {
      planted.set(createHash('sha256').update(Buffer.from(good, 'latin1')).digest(), 8);
      writeFileSync(path, planted);
    }
    return name!;
  }

  it('a damaged cache file is never handed to V8: the bundle runs and the cache is rewritten (no V8 abort)', () => {
    const dir = scratch();
    const cache = scratch();
    const file = join(dir, 'app.cjs');
    writeFileSync(file, bigBundle('victim'));
    const expected = run(file, cache, 'light');
    expect(expected).toMatchObject({ who: 'victim' });
    const [name] = readdirSync(cache);
    const path = join(cache, name!);
    // A disk error or a bad copy: bytes flipped all over the second half.
    const damaged = readFileSync(path);
    for (let i = damaged.length >> 1; i < damaged.length; i += 97) damaged[i]! ^= 0xff;
    writeFileSync(path, damaged);

    const result = spawnSync(process.execPath, [runner, file, cache, 'light'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 20_000 });
    expect({ status: result.status, signal: result.signal, stderr: result.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual(expected);
    expect(readFileSync(path).equals(damaged)).toBe(false);
    expect(run(file, cache, 'light')).toEqual(expected);
  });

  it('a cache made from other bytes of the same length is not used', () => {
    const dir = scratch();
    const cache = scratch();
    const file = join(dir, 'app.cjs');
    const good = bigBundle('victim');
    plant(file, good, bigBundle('attack'), cache);
    expect(run(file, cache, 'light')).toMatchObject({ who: 'victim' });
  });

  it.skipIf(!POSIX || process.getuid?.() !== 0)('a cache file owned by another user is not used (and is replaced)', () => {
    const dir = scratch();
    const cache = scratch();
    const file = join(dir, 'app.cjs');
    const good = bigBundle('victim');
    const path = join(cache, plantPassingDigest(file, good, cache));
    chownSync(path, 65534, 65534);
    expect(run(file, cache, 'light')).toMatchObject({ who: 'victim' });
    expect(statSync(path).uid).toBe(process.getuid!());
  });

  it.each(['666', '620'])('a cache file others can write to (mode %s) is not used', (mode) => {
    const dir = scratch();
    const cache = scratch();
    const file = join(dir, 'app.cjs');
    const good = bigBundle('victim');
    const path = join(cache, plantPassingDigest(file, good, cache));
    chmodSync(path, parseInt(mode, 8));
    expect(run(file, cache, 'light')).toMatchObject({ who: 'victim' });
  });

  it('a link in place of a cache file is not followed, and a FIFO does not hang the run', () => {
    const dir = scratch();
    const elsewhere = scratch();
    const cache = scratch();
    const file = join(dir, 'app.cjs');
    const good = bigBundle('victim');
    const name = plantPassingDigest(file, good, elsewhere);
    symlinkSync(join(elsewhere, name!), join(cache, name!));
    expect(run(file, cache, 'light')).toMatchObject({ who: 'victim' });
    expect(lstatSync(join(cache, name!)).isSymbolicLink()).toBe(false);

    const fifoCache = scratch();
    execFileSync('mkfifo', [join(fifoCache, name!)]);
    const result = spawnSync(process.execPath, [runner, file, fifoCache, 'light'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 20_000 });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ who: 'victim' });
  });

  it('a $NODE_COMPILE_CACHE others can write to is not used', () => {
    const dir = scratch();
    const cache = scratch();
    const file = join(dir, 'app.cjs');
    const good = bigBundle('victim');
    plant(file, good, bigBundle('attack'), cache);
    chmodSync(cache, 0o777);
    expect(runWithEnvDir(file, cache)).toEqual({ status: 0, stdout: expect.stringContaining('"who":"victim"') });
    // Nor written to (Node 22 and later put their own cache of the entry files there: Node's, not ours).
    expect(readdirSync(cache).filter((name) => !NODE_OWN_CACHE.test(name)).length).toBe(1);
  });

  function childStem(file: string, nodeOptions = ''): string {
    return stemOf(file, process.version, [`NODE_OPTIONS=${nodeOptions}`]);
  }

  it('uses the cache a previous run wrote, keeping the full one over light runs', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'function twice(n) { return n * 2; }\nmodule.exports = { value: twice(21) };');
    const light = join(cache, `${childStem(file)}.light.bin`);
    const full = join(cache, `${childStem(file)}.full.bin`);

    expect(run(file, cache, 'light')).toEqual({ value: 42 });
    expect(readdirSync(cache)).toEqual([`${childStem(file)}.light.bin`]);
    const lightIno = inode(light);
    expect(run(file, cache, 'light')).toEqual({ value: 42 });
    expect(inode(light)).toBe(lightIno);

    expect(run(file, cache, 'full')).toEqual({ value: 42 });
    expect(readdirSync(cache)).toEqual([`${childStem(file)}.full.bin`]);
    const fullIno = inode(full);
    expect(run(file, cache, 'light')).toEqual({ value: 42 });
    expect(run(file, cache, 'full')).toEqual({ value: 42 });
    expect(readdirSync(cache)).toEqual([`${childStem(file)}.full.bin`]);
    expect(inode(full)).toBe(fullIno);
  });

  it('rewrites a corrupt cache, and the next run uses the new one', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'module.exports = { value: 42 };');
    const light = join(cache, `${childStem(file)}.light.bin`);
    const garbage = randomBytes(512);
    writeFileSync(light, garbage);

    expect(run(file, cache, 'light')).toEqual({ value: 42 });
    // (Compared by content: the rejected file is deleted first, so the new one may get its inode number.)
    expect(readFileSync(light).equals(garbage)).toBe(false);
    const goodIno = inode(light);
    expect(run(file, cache, 'light')).toEqual({ value: 42 });
    expect(inode(light)).toBe(goodIno);
  });

  it('keeps apart the caches of runs under different V8 flags from NODE_OPTIONS', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'module.exports = { value: 42 };');
    const flagged = join(cache, `${childStem(file, '--max-old-space-size=200')}.full.bin`);
    const plain = join(cache, `${childStem(file)}.full.bin`);

    expect(run(file, cache, 'full', '--max-old-space-size=200')).toEqual({ value: 42 });
    expect(run(file, cache, 'full')).toEqual({ value: 42 });
    expect(readdirSync(cache).sort()).toEqual([flagged, plain].map((path) => path.slice(cache.length + 1)).sort());
    const [flaggedIno, plainIno] = [inode(flagged), inode(plain)];
    // Each run takes its own cache: V8 would reject the other's.
    expect(run(file, cache, 'full', '--max-old-space-size=200')).toEqual({ value: 42 });
    expect(run(file, cache, 'full')).toEqual({ value: 42 });
    expect([inode(flagged), inode(plain)]).toEqual([flaggedIno, plainIno]);
  });

  // A full cache V8 rejects (say a corrupt file, or one made by another build of the same Node
  // version) must not make every light run compile from scratch until the next full run.
  it('lets a light run use the light cache when the full one is rejected', () => {
    const dir = scratch();
    const cache = scratch();
    const file = writeBundle(dir, 'app.cjs', 'module.exports = { value: 42 };');
    writeFileSync(join(cache, `${childStem(file)}.full.bin`), randomBytes(512));
    const light = join(cache, `${childStem(file)}.light.bin`);

    expect(run(file, cache, 'light')).toEqual({ value: 42 });
    const ino = inode(light);
    expect(run(file, cache, 'light')).toEqual({ value: 42 });
    expect(inode(light)).toBe(ino);
  });
});
