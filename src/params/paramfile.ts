// Option values that name their content elsewhere, as AWS CLI v1 reads them:
// file:// (text, universal newlines, `~` and `$VAR` expanded), fileb://
// (bytes), and http(s):// (fetched, unless cli_follow_urlparam is false).
import { readFileSync } from 'node:fs';
import { ParamError } from '../errors.js';
import { reprString } from '../python/repr.js';
import type { Env } from '../request/settings.js';

/** A paramfile that could not be read; the caller decides how v1 reports it. */
export class ParamfileError extends Error {}

/** Python's os.path.expanduser (for `~` and `~/…`) then os.path.expandvars. */
export function expandPath(path: string, env: Env): string {
  let expanded = path;
  if ((expanded === '~' || expanded.startsWith('~/')) && env.HOME !== undefined) {
    expanded = env.HOME.replace(/\/+$/, '') + expanded.slice(1) || '/';
  }
  return expanded.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    return env[key] ?? whole;
  });
}

const ERRNO: Record<string, [number, string]> = {
  ENOENT: [2, 'No such file or directory'],
  EACCES: [13, 'Permission denied'],
  EISDIR: [21, 'Is a directory'],
  ENOTDIR: [20, 'Not a directory'],
  ELOOP: [40, 'Too many levels of symbolic links'],
  ENAMETOOLONG: [36, 'File name too long'],
};

/** Python's str(OSError): `[Errno 2] No such file or directory: '/tmp/x'`. */
function pythonOsError(error: unknown, path: string): string {
  const known = ERRNO[(error as { code?: string }).code ?? ''];
  return known ? `[Errno ${known[0]}] ${known[1]}: ${reprString(path)}` : (error as Error).message;
}

/** file:// and fileb:// values, read synchronously (also used for shorthand `@=`); undefined for other values. */
export function readLocalParamfile(value: string, env: Env): string | Uint8Array | undefined {
  const binary = value.startsWith('fileb://');
  if (!binary && !value.startsWith('file://')) return undefined;
  const path = expandPath(value.slice(binary ? 'fileb://'.length : 'file://'.length), env);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ParamfileError(`Unable to load paramfile ${value}: ${pythonOsError(error, path)}`);
  }
  if (binary) return new Uint8Array(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes).replace(/\r\n?/g, '\n');
  } catch {
    throw new ParamfileError(
      `Unable to load paramfile (${path}), text contents could not be decoded.  If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.`,
    );
  }
}

async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new ParamfileError(`Unable to retrieve ${url}: Could not connect to the endpoint URL: "${url}"`);
  }
  if (response.status !== 200) {
    throw new ParamfileError(`Unable to retrieve ${url}: received non 200 status code of ${response.status}`);
  }
  return response.text();
}

/**
 * The value an option really carries: text for file:// and fetched URLs,
 * bytes for fileb://, the value itself when it names nothing. Failures are
 * `Error parsing parameter '<option>': …`.
 */
export async function loadOptionValue(value: string, optionName: string, env: Env, followUrls: boolean): Promise<string | Uint8Array> {
  try {
    const local = readLocalParamfile(value, env);
    if (local !== undefined) return local;
    if (followUrls && (value.startsWith('http://') || value.startsWith('https://'))) return await fetchText(value);
    return value;
  } catch (error) {
    if (error instanceof ParamfileError) throw new ParamError(optionName, error.message);
    throw error;
  }
}
