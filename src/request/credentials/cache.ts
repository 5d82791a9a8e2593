// The AWS CLI's credential cache, ~/.aws/cli/cache/<key>.json (botocore's
// JSONFileCache, as awscli sets it up for assume-role and web identity):
// the STS response is kept there and reused until 15 minutes before it
// expires, so a script's second run neither calls STS nor asks for an MFA
// code. The same files are read and written as v1 reads and writes them, so
// both tools share them. A malformed file fails as it fails in v1.
//
// Writes go to a new 0600 file in the same folder, renamed over the entry:
// an older file with wider permissions, or a symbolic link planted at the
// entry's path, is replaced, never written through.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, constants } from 'node:fs';
import { join } from 'node:path';
import { jsonDumps, jsonLoads } from '../../python/json.js';
import { dictGet, parseTimestamp, subscript } from '../../python/subscript.js';
import { pyStr } from '../../python/repr.js';
import { fromJs, PyDict } from '../../python/value.js';
import type { Keys } from './types.js';

const EXPIRY_WINDOW_MS = 15 * 60 * 1000;

export function cacheDirectory(home: string): string {
  return join(home, '.aws', 'cli', 'cache');
}

/** botocore's cache key: sha1 of the call's arguments as `json.dumps(sort_keys=True)` writes them. */
export function cacheKey(args: Readonly<Record<string, string | number>>): string {
  const sorted = new PyDict(Object.keys(args).sort().flatMap((k) => (args[k] === undefined ? [] : [[k, args[k]] as const])));
  return createHash('sha1').update(jsonDumps(sorted), 'utf8').digest('hex');
}

/** Keys from a cache document (botocore reads `Credentials` with these names). */
function keysOf(document: unknown, expiration: Date): Keys {
  const credentials = subscript(document, 'Credentials');
  const accountId = dictGet(credentials, 'AccountId');
  const token = subscript(credentials, 'SessionToken');
  return {
    accessKeyId: pyStr(subscript(credentials, 'AccessKeyId')),
    secretAccessKey: pyStr(subscript(credentials, 'SecretAccessKey')),
    sessionToken: token === null ? undefined : pyStr(token),
    expiration,
    accountId: accountId === undefined || accountId === null ? undefined : pyStr(accountId),
  };
}

/**
 * The cached keys, or undefined when there is no entry or it expires within
 * 15 minutes. A file that is not JSON, or not shaped as botocore expects,
 * raises what Python raises there.
 */
export function readCachedKeys(home: string, key: string, now: Date): Keys | undefined {
  const file = join(cacheDirectory(home), `${key}.json`);
  let text: string;
  try {
    // JSONFileCache asks os.path.isfile, which follows links.
    if (!statSync(file).isFile()) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let document: unknown;
  try {
    document = jsonLoads(text);
  } catch {
    // JSONFileCache turns an unreadable entry into a KeyError of the key.
    throw new Error(`'${key}'`);
  }
  const expiration = parseTimestamp(subscript(subscript(document, 'Credentials'), 'Expiration'));
  if (expiration.getTime() - now.getTime() < EXPIRY_WINDOW_MS) return undefined;
  return keysOf(document, expiration);
}

/**
 * Stores a response document under `key`. Failure to write is never an
 * error: the cache only saves a call next time.
 */
export function writeCachedDocument(home: string, key: string, document: unknown): void {
  const directory = cacheDirectory(home);
  const file = join(directory, `${key}.json`);
  const temporary = join(directory, `tmp${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    mkdirSync(directory, { recursive: true });
    fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    writeSync(fd, jsonDumps(fromJs(document)));
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, file);
  } catch {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was created.
    }
  }
}
