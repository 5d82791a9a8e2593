// Loads the CLI's CommonJS bundles with V8's code cache, the way Python
// keeps __pycache__: the first run of a bundle compiles it and, as it exits,
// saves the bytecode V8 made for it; later runs hand that back to V8 instead
// of parsing and compiling the bundle again. This is where most of the start-up
// time of a request goes (Node 20 has no compile cache of its own; Node 22's
// module.enableCompileCache() does the same for files Node loads itself).
//
// A cache file is only ever a speed-up, and any doubt about one means "no
// cache". V8 release builds do not checksum cache data (damaged bytes can crash
// the process) and check only the length of the source (a cache made from any
// other source of that length would run). So:
// - every entry carries a SHA-256 of the exact bundle bytes it was made from
//   and of its own data, both checked before V8 sees anything;
// - the directory, $NODE_COMPILE_CACHE included, must be a real directory owned
//   by this user, writable by nobody else, under ancestors nobody else can
//   rename things in (owned by this user or root, and not writable by others
//   unless sticky); a missing one is made 0700 whatever the umask;
// - each file is opened without following links and judged on the opened file:
//   a regular file with one link, owned by this user, not writable by others.
// The file name also carries the bundle's path, size and modification time (a
// rebuild gets a new cache) and Node's version and arguments, NODE_OPTIONS
// included. The directory is os.tmpdir()/copy-snapshot-compile-cache-<uid> or
// $NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns caching off, as it
// does for Node's own. Without user ids (Windows) there is no cache.
import { hash as oneShotHash, createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { Script } from 'node:vm';
import type { Env } from '../env.js';

/**
 * Which runs a cache was made by. A run that sends a request compiles more of
 * the CLI than one that prints help; the cache of the fuller run is preferred
 * and, once it exists, never replaced by the other.
 */
export type CacheKind = 'full' | 'light';

export interface CacheDirFacts {
  readonly env: Env;
  readonly tmpdir: string;
  /** undefined where the platform has no user ids (the cache is then off). */
  readonly uid: number | undefined;
}

const GROUP_OR_OTHER_WRITE = 0o022;
const STICKY = 0o1000;

/** Where the caches go, or undefined when caching is off or the directory is not safe to trust. */
export function cacheDirectory({ env, tmpdir: tmp, uid }: CacheDirFacts): string | undefined {
  const disabled = env.NODE_DISABLE_COMPILE_CACHE;
  if (disabled !== undefined && disabled !== '' && disabled !== '0') return undefined;
  // Ownership is what makes a cache trustworthy; without user ids nothing can be judged.
  if (uid === undefined) return undefined;
  try {
    if (env.NODE_COMPILE_CACHE) {
      // The user's own choice, as for Node's cache; links on the way are the user's business,
      // the real directory is judged (and used, so a link changed later changes nothing).
      makePrivateDirectory(resolvePath(env.NODE_COMPILE_CACHE));
      return trustedDirectory(realpathSync.native(env.NODE_COMPILE_CACHE), uid);
    }
    const dir = join(tmp, `copy-snapshot-compile-cache-${uid}`);
    makePrivateDirectory(dir);
    // In a shared temporary directory, use only a real directory of ours in place: no link.
    if (lstatSync(dir).isSymbolicLink()) return undefined;
    return trustedDirectory(realpathSync.native(dir), uid);
  } catch {
    return undefined;
  }
}

/** Makes the directory (and any missing parents) 0700, whatever the umask; an existing one is left as it is. */
function makePrivateDirectory(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  // mkdir's mode is cut by the umask: set it on everything made here.
  for (let made = dir; ; made = dirname(made)) {
    chmodSync(made, 0o700);
    if (made === first || dirname(made) === made) break;
  }
}

/**
 * The directory when code read from it can be trusted: a directory of this user that nobody else
 * can write to, whose ancestors nobody else can rename it or them away in. `real` has no links.
 */
function trustedDirectory(real: string, uid: number): string | undefined {
  const stat = lstatSync(real);
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & GROUP_OR_OTHER_WRITE) !== 0) return undefined;
  for (let parent = dirname(real); ; parent = dirname(parent)) {
    const up = lstatSync(parent);
    if (!up.isDirectory() || (up.uid !== uid && up.uid !== 0)) return undefined;
    if ((up.mode & GROUP_OR_OTHER_WRITE) !== 0 && (up.mode & STICKY) === 0) return undefined;
    if (dirname(parent) === parent) break;
  }
  return real;
}

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell installed copies and Node arguments apart in a file name. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export interface BundleIdentity {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly nodeVersion: string;
  readonly arch: string;
  readonly execArgv: readonly string[];
}

/** The cache file's name without its kind: `<bundle>-<hash of path and Node>-<size>-<mtime>`. */
export function cacheStem(id: BundleIdentity): string {
  const name = basename(id.file).replace(/\.c?js$/, '');
  const where = shortHash(`${id.file}\0${id.nodeVersion}\0${id.arch}\0${id.execArgv.join('\0')}`);
  return `${name}-${where}-${id.size}-${Math.trunc(id.mtimeMs)}`;
}

/** Code a bundle is wrapped in: the same parameters Node gives a CommonJS module. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';
const WRAPPER_TAIL = '\n})';

type ModuleFunction = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

// A cache file: MAGIC, SHA-256 of the bundle's bytes, SHA-256 of the data, V8's data.
// (72 bytes of header keep the data 8-byte aligned, as V8 wants it, so it is not copied.)
const MAGIC = Buffer.from('CSCC\0\0\0\x01', 'latin1');
const DIGEST = 32;
const HEADER = MAGIC.length + 2 * DIGEST;
/** Far above any real cache of these bundles (a few hundred kB); a bigger file is not read. */
const MAX_CACHE_FILE = 64 * 1024 * 1024;

function sha256(data: Uint8Array): Buffer {
  // crypto.hash (Node >= 20.12) skips the Hash object; older Node 20 takes the long way.
  return typeof oneShotHash === 'function' ? (oneShotHash('sha256', data, 'buffer') as unknown as Buffer) : createHash('sha256').update(data).digest();
}

/** The bytes of a cache file for V8's `data` made from a bundle whose bytes hash to `sourceDigest`. */
export function encodeCacheEntry(sourceDigest: Buffer, data: Buffer): Buffer {
  return Buffer.concat([MAGIC, sourceDigest, sha256(data), data]);
}

/** V8's data from a cache file's bytes, or undefined unless it is whole and made from this source. */
export function decodeCacheEntry(entry: Buffer, sourceDigest: Buffer): Buffer | undefined {
  if (entry.length <= HEADER || !entry.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (!entry.subarray(MAGIC.length, MAGIC.length + DIGEST).equals(sourceDigest)) return undefined;
  const data = entry.subarray(HEADER);
  return sha256(data).equals(entry.subarray(MAGIC.length + DIGEST, HEADER)) ? data : undefined;
}

/**
 * A cache file's bytes, read without following a link, if the opened file is a regular file with
 * one name, owned by `uid` and writable by nobody else; otherwise undefined.
 */
export function readTrustedFile(path: string, uid: number): Buffer | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO planted in the directory must not hang the open.
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.uid !== uid || stat.nlink !== 1 || (stat.mode & GROUP_OR_OTHER_WRITE) !== 0) return undefined;
    if (stat.size > MAX_CACHE_FILE) return undefined;
    const bytes = Buffer.allocUnsafeSlow(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const n = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (n === 0) return undefined; // shrank while being read
      filled += n;
    }
    return bytes;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

interface LoadedBundle {
  readonly script: Script;
  readonly stem: string | undefined;
  readonly sourceDigest: Buffer | undefined;
  /** The kind of cache V8 accepted, if any. */
  readonly consumed: CacheKind | undefined;
}

export interface BundleLoaderOptions {
  readonly env: Env;
  /** Overrides for tests; default to the real process's. */
  readonly cacheDir?: string | undefined;
  readonly uid?: number | undefined;
  readonly nodeVersion?: string;
  readonly execArgv?: readonly string[];
}

/**
 * Loads bundles (each once) with the code cache and, when the process exits,
 * writes the caches this run can improve on. `resolve` lets a bundle's
 * require() of a sibling bundle come back here, so it is cached too.
 */
export class BundleLoader {
  private readonly loaded = new Map<string, { bundle: LoadedBundle; exports: unknown }>();
  private readonly dir: string | undefined;
  private readonly uid: number | undefined;
  private readonly nodeVersion: string;
  private readonly execArgv: readonly string[];
  private fullRun = false;

  constructor(
    options: BundleLoaderOptions,
    private readonly resolve: (specifier: string, from: string) => string | undefined = () => undefined,
  ) {
    this.uid = 'uid' in options ? options.uid : process.getuid?.();
    const dir = 'cacheDir' in options ? options.cacheDir : cacheDirectory({ env: options.env, tmpdir: tmpdir(), uid: this.uid });
    // Without user ids, no file can be judged: no cache.
    this.dir = this.uid === undefined ? undefined : dir;
    this.nodeVersion = options.nodeVersion ?? process.version;
    // NODE_OPTIONS can set V8 flags too, and V8 rejects a cache made under other flags.
    this.execArgv = options.execArgv ?? [...process.execArgv, `NODE_OPTIONS=${options.env.NODE_OPTIONS ?? ''}`];
  }

  /** The run will send a request: its caches are the ones to keep. */
  markFullRun(): void {
    this.fullRun = true;
  }

  /** Runs the bundle (the first time) and returns its module.exports. */
  load(file: string): unknown {
    const done = this.loaded.get(file);
    if (done) return done.exports;
    const bytes = readFileSync(file);
    // The build emits ASCII only (esbuild escapes the rest), which latin1 decodes fastest.
    const source = bytes.toString('latin1');
    const stem = this.dir === undefined ? undefined : this.stemOf(file);
    const sourceDigest = stem === undefined ? undefined : sha256(bytes);
    // The fullest cache there is that is whole and made from these very bytes; V8 judges the rest
    // (its version and flags) when the script is compiled. (Compiling the same source again in this
    // process would not judge another: V8 reuses its first result.)
    let kind: CacheKind | undefined;
    let cachedData: Buffer | undefined;
    for (const k of stem === undefined ? [] : (['full', 'light'] as const)) {
      cachedData = this.readEntry(join(this.dir!, `${stem}.${k}.bin`), sourceDigest!);
      if (cachedData === undefined) continue;
      kind = k;
      break;
    }
    const script = new Script(WRAPPER_HEAD + source + WRAPPER_TAIL, { filename: file, cachedData });
    let consumed: CacheKind | undefined;
    if (cachedData !== undefined) {
      // Useless to this Node: gone, and this run writes a new one.
      if (script.cachedDataRejected) removeQuietly(join(this.dir!, `${stem}.${kind}.bin`));
      else consumed = kind;
    }
    const module = { exports: {} as unknown };
    const entry = { bundle: { script, stem, sourceDigest, consumed }, exports: module.exports };
    this.loaded.set(file, entry);
    const realRequire = createRequire(file);
    const bundleRequire = Object.assign((specifier: string) => {
      const sibling = this.resolve(specifier, file);
      return sibling === undefined ? realRequire(specifier) : this.load(sibling);
    }, realRequire) as NodeJS.Require;
    try {
      (script.runInThisContext() as ModuleFunction)(module.exports, bundleRequire, module, file, dirname(file));
    } catch (error) {
      // As with require(): a bundle that threw is not kept half-loaded; the next load runs it again.
      this.loaded.delete(file);
      throw error;
    }
    entry.exports = module.exports;
    return module.exports;
  }

  /** Writes the caches worth writing; meant for process 'exit' (synchronous, never throws). */
  saveCaches(): void {
    if (this.dir === undefined) return;
    const kind: CacheKind = this.fullRun ? 'full' : 'light';
    for (const { bundle } of this.loaded.values()) {
      if (bundle.stem === undefined || bundle.sourceDigest === undefined) continue;
      // A full cache is never replaced by a light one, nor a cache V8 took by one of the same kind.
      if (bundle.consumed === 'full' || bundle.consumed === kind) continue;
      try {
        writeAtomically(join(this.dir, `${bundle.stem}.${kind}.bin`), encodeCacheEntry(bundle.sourceDigest, bundle.script.createCachedData()));
        if (kind === 'full') removeQuietly(join(this.dir, `${bundle.stem}.light.bin`));
        removeStale(this.dir, bundle.stem);
      } catch {
        // A cache is only a speed-up.
      }
    }
  }

  /** V8's data of a trusted, whole cache file made from the bundle, else undefined (a damaged one is deleted). */
  private readEntry(path: string, sourceDigest: Buffer): Buffer | undefined {
    const bytes = readTrustedFile(path, this.uid!);
    if (bytes === undefined) return undefined;
    const data = decodeCacheEntry(bytes, sourceDigest);
    // Ours, but damaged or of other bytes: replaced by this run's.
    if (data === undefined) removeQuietly(path);
    return data;
  }

  private stemOf(file: string): string | undefined {
    try {
      const { size, mtimeMs } = statSync(file);
      return cacheStem({ file, size, mtimeMs, nodeVersion: this.nodeVersion, arch: process.arch, execArgv: this.execArgv });
    } catch {
      return undefined;
    }
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function writeAtomically(path: string, data: Buffer): void {
  // Readers see the old file or the whole new one, never half of it. The temporary file is new
  // (O_EXCL), never a link someone left, and private whatever the umask.
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      for (let written = 0; written < data.length; ) written += writeSync(fd, data, written, data.length - written);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
}

/** Deletes the caches of earlier builds of the same bundle at the same place (same name and hash, other size or time). */
function removeStale(dir: string, stem: string): void {
  const prefix = stem.split('-').slice(0, -2).join('-') + '-';
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && !name.startsWith(`${stem}.`) && /\.(full|light)\.bin$/.test(name)) removeQuietly(join(dir, name));
  }
}
