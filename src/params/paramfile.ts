// Option values that name their content elsewhere, as AWS CLI v1 reads them:
// file:// (text, universal newlines, `~` and `$VAR` expanded), fileb://
// (bytes), and http(s):// (fetched, unless cli_follow_urlparam is false).
import { readFile } from 'node:fs/promises';
import { ParamError } from '../errors.js';
import { pythonStringRepr } from '../parse/python-string.js';
import type { Env } from '../request/settings.js';

export interface ParamfileOptions {
  readonly env: Env;
  /** Fetch http:// and https:// values (v1's cli_follow_urlparam). */
  readonly followUrls: boolean;
}

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
  const code = (error as { code?: string }).code ?? '';
  const known = ERRNO[code];
  if (known) return `[Errno ${known[0]}] ${known[1]}: ${pythonStringRepr(path)}`;
  return `${(error as Error).message}`;
}

async function readLocal(prefix: string, value: string, optionName: string, env: Env): Promise<Buffer> {
  const path = expandPath(value.slice(prefix.length), env);
  try {
    return await readFile(path);
  } catch (error) {
    throw new ParamError(optionName, `Unable to load paramfile ${value}: ${pythonOsError(error, path)}`);
  }
}

function decodeText(bytes: Buffer, path: string, optionName: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ParamError(
      optionName,
      `Unable to load paramfile (${path}), text contents could not be decoded.  If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.`,
    );
  }
  return text.replace(/\r\n?/g, '\n');
}

async function fetchText(url: string, optionName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new ParamError(optionName, `Unable to retrieve ${url}: Could not connect to the endpoint URL: "${url}"`);
  }
  if (response.status !== 200) {
    throw new ParamError(optionName, `Unable to retrieve ${url}: received non 200 status code of ${response.status}`);
  }
  return response.text();
}

/**
 * The value an option really carries: text for file:// and URLs, bytes for
 * fileb://, and the value itself when it names nothing.
 */
export async function loadParamfile(value: string, optionName: string, options: ParamfileOptions): Promise<string | Uint8Array> {
  if (value.startsWith('file://')) {
    const bytes = await readLocal('file://', value, optionName, options.env);
    return decodeText(bytes, expandPath(value.slice('file://'.length), options.env), optionName);
  }
  if (value.startsWith('fileb://')) {
    return new Uint8Array(await readLocal('fileb://', value, optionName, options.env));
  }
  if (options.followUrls && (value.startsWith('http://') || value.startsWith('https://'))) {
    return fetchText(value, optionName);
  }
  return value;
}
