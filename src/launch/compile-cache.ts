// Loads the CLI's CommonJS bundles with V8's code cache, the way Python
// keeps __pycache__: the first run of a bundle compiles it and, as it exits,
// saves the bytecode V8 made for it; later runs hand that back to V8 instead
// of parsing and compiling the bundle again. This is where most of the start-up
// time of a request goes (Node 20 has no compile cache of its own; Node 22's
// module.enableCompileCache() does the same for files Node loads itself).
//
// A cache file is only ever a speed-up. V8 checks it against its own version
// and flags and the length of the source, and rejects a mismatch (the bundle
// is then compiled as usual and the cache rewritten); every failure to read or
// write one is ignored. Since V8 does not compare the source itself, the file
// name carries the bundle's path, size and modification time (a rebuild gets a
// new cache), and Node's version and arguments, NODE_OPTIONS included. The
// files are kept in a directory only this user can write to,
// os.tmpdir()/copy-snapshot-compile-cache-<uid>, or $NODE_COMPILE_CACHE;
// NODE_DISABLE_COMPILE_CACHE=1 turns caching off, as it does for Node's own.
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

type Env = Readonly<Record<string, string | undefined>>;

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

/** Where the caches go, or undefined when caching is off or the directory is not safe to trust. */
export function cacheDirectory({ env, tmpdir: tmp, uid }: CacheDirFacts): string | undefined {
  const disabled = env.NODE_DISABLE_COMPILE_CACHE;
  if (disabled !== undefined && disabled !== '' && disabled !== '0') return undefined;
  try {
    if (env.NODE_COMPILE_CACHE) {
      // The user's own choice, as for Node's cache.
      mkdirSync(env.NODE_COMPILE_CACHE, { recursive: true });
      return env.NODE_COMPILE_CACHE;
    }
    if (uid === undefined) return undefined;
    const dir = join(tmp, `copy-snapshot-compile-cache-${uid}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // In a shared temporary directory, use only a real directory of ours that nobody else can write to:
    // code read from it is run.
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
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

interface LoadedBundle {
  readonly script: Script;
  readonly stem: string | undefined;
  /** The kind of cache V8 accepted, if any. */
  readonly consumed: CacheKind | undefined;
}

export interface BundleLoaderOptions {
  readonly env: Env;
  /** Overrides for tests; default to the real process's. */
  readonly cacheDir?: string | undefined;
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
  private readonly nodeVersion: string;
  private readonly execArgv: readonly string[];
  private fullRun = false;

  constructor(
    options: BundleLoaderOptions,
    private readonly resolve: (specifier: string, from: string) => string | undefined = () => undefined,
  ) {
    this.dir =
      'cacheDir' in options ? options.cacheDir : cacheDirectory({ env: options.env, tmpdir: tmpdir(), uid: process.getuid?.() });
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
    // The build emits ASCII only (esbuild escapes the rest), which latin1 decodes fastest.
    const source = readFileSync(file, 'latin1');
    const stem = this.dir === undefined ? undefined : this.stemOf(file);
    // The fullest cache there is; V8 judges it when the script is compiled. (Compiling the
    // same source again in this process would not judge another: V8 reuses its first result.)
    let kind: CacheKind | undefined;
    let cachedData: Buffer | undefined;
    for (const k of stem === undefined ? [] : (['full', 'light'] as const)) {
      cachedData = readOrUndefined(join(this.dir!, `${stem}.${k}.bin`));
      if (cachedData === undefined) continue;
      kind = k;
      break;
    }
    const script = new Script(WRAPPER_HEAD + source + WRAPPER_TAIL, { filename: file, cachedData });
    let consumed: CacheKind | undefined;
    if (cachedData !== undefined) {
      // Useless to this Node (or damaged): gone, and this run writes a new one.
      if (script.cachedDataRejected) removeQuietly(join(this.dir!, `${stem}.${kind}.bin`));
      else consumed = kind;
    }
    const module = { exports: {} as unknown };
    const entry = { bundle: { script, stem, consumed }, exports: module.exports };
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
      if (bundle.stem === undefined) continue;
      // A full cache is never replaced by a light one, nor a cache V8 took by one of the same kind.
      if (bundle.consumed === 'full' || bundle.consumed === kind) continue;
      try {
        writeAtomically(join(this.dir, `${bundle.stem}.${kind}.bin`), bundle.script.createCachedData());
        if (kind === 'full') removeQuietly(join(this.dir, `${bundle.stem}.light.bin`));
        removeStale(this.dir, bundle.stem);
      } catch {
        // A cache is only a speed-up.
      }
    }
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

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
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
  // Readers see the old file or the whole new one, never half of it.
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: 0o600 });
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
