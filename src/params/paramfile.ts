// Option values that name their content elsewhere, as AWS CLI v1 reads them:
// file:// (text, universal newlines, `~` and `$VAR` expanded), fileb://
// (bytes), and http(s):// (fetched, unless cli_follow_urlparam is false).
import { readFileSync } from 'node:fs';
import { ParamError } from '../errors.js';
import { pythonOsError } from '../python/errno.js';
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

/** v1's limits for fetching a parameter from a URL (and our own on size); tests shorten them. */
export interface FetchLimits {
  /** botocore's URLLib3Session default: 60 s to connect (TLS included), then 60 s between reads. */
  readonly timeoutMs: number;
  /** v1 has none (300 MB took it down); a value this big cannot be a parameter anyway. */
  readonly maxBytes: number;
}

export const URL_FETCH_LIMITS: FetchLimits = { timeoutMs: 60_000, maxBytes: 64 * 1024 * 1024 };

/** Socket errors botocore reports as a connection closed early (urllib3's ProtocolError). */
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * GET the URL as v1's paramfile fetching does (botocore's URLLib3Session): no
 * proxy, no redirects (any answer but 200 is an error), a connect and a read
 * timeout; plus a size limit. The connection is closed on every outcome.
 */
async function fetchText(url: string, limits: FetchLimits): Promise<string> {
  const secure = url.startsWith('https://');
  const { request } = secure ? await import('node:https') : await import('node:http');
  return new Promise<string>((resolve, reject) => {
    let connected = false;
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      req?.destroy();
      reject(new ParamfileError(`Unable to retrieve ${url}: ${reason}`));
    };
    const tooBig = (): void => fail(`the response is larger than ${limits.maxBytes} bytes, the limit for a parameter value`);
    let req: ReturnType<typeof request> | undefined;
    try {
      // agent: false: a connection of its own, closed when the answer is read.
      req = request(url, { method: 'GET', agent: false, headers: { 'Accept-Encoding': 'identity' } });
    } catch {
      fail(`Could not connect to the endpoint URL: "${url}"`);
      return;
    }
    req.on('socket', (socket) => {
      socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true));
    });
    // Inactivity on the socket: before the connection (and TLS) is up, the connect timeout; after, the read one.
    if (limits.timeoutMs > 0) {
      req.setTimeout(limits.timeoutMs, () => fail(`${connected ? 'Read' : 'Connect'} timeout on endpoint URL: "${url}"`));
    }
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (CLOSED_CODES.has(error.code ?? '') && connected) {
        fail(`Connection was closed before we received a valid response from endpoint URL: "${url}".`);
      } else {
        fail(`Could not connect to the endpoint URL: "${url}"`);
      }
    });
    req.on('response', (response) => {
      if (response.statusCode !== 200) {
        fail(`received non 200 status code of ${response.statusCode}`);
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (declared > limits.maxBytes) {
        tooBig();
        return;
      }
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) tooBig();
        else chunks.push(chunk);
      });
      response.on('error', () => fail(`Connection was closed before we received a valid response from endpoint URL: "${url}".`));
      response.on('aborted', () => fail(`Connection was closed before we received a valid response from endpoint URL: "${url}".`));
      response.on('end', () => {
        if (settled) return;
        settled = true;
        req!.destroy();
        resolve(new TextDecoder().decode(Buffer.concat(chunks, size)));
      });
    });
    req.end();
  });
}

/**
 * The value an option really carries: text for file:// and fetched URLs,
 * bytes for fileb://, the value itself when it names nothing. Failures are
 * `Error parsing parameter '<option>': …`.
 */
export async function loadOptionValue(
  value: string,
  optionName: string,
  env: Env,
  followUrls: boolean,
  limits: FetchLimits = URL_FETCH_LIMITS,
): Promise<string | Uint8Array> {
  try {
    const local = readLocalParamfile(value, env);
    if (local !== undefined) return local;
    if (followUrls && (value.startsWith('http://') || value.startsWith('https://'))) return await fetchText(value, limits);
    return value;
  } catch (error) {
    if (error instanceof ParamfileError) throw new ParamError(optionName, error.message);
    throw error;
  }
}
