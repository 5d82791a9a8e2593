// A configured endpoint as botocore and urllib3 use it: split by Python's
// urlsplit, joined with the operation's path ('/') into the request URL,
// which keeps the endpoint's path (dot segments and percent-escapes as
// written), query string, userinfo and fragment. From that URL come the
// request target on the wire (urllib3's), the Host botocore signs, the
// canonical query of the request's signature, and the PresignedUrl's base.
import { isIP } from 'node:net';
import { CliError } from '../errors.js';
import { pyRepr } from '../python/repr.js';

export interface UrlParts {
  /** Lower-cased, '' when there is none. */
  readonly scheme: string;
  /** '' when the URL has no `//` authority (see `hasNetloc`). */
  readonly netloc: string;
  readonly hasNetloc: boolean;
  readonly path: string;
  readonly query: string;
  readonly fragment: string;
}

/** What Python's urlsplit reads: leading C0 controls and spaces dropped, tabs and newlines removed. */
export function urlsplitInput(url: string): string {
  return url.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
}

/** Python's urlsplit, with its IPv6 bracket checks (ValueError texts). */
export function urlsplit(url: string): UrlParts {
  let rest = urlsplitInput(url);
  let scheme = '';
  const colon = rest.indexOf(':');
  if (colon > 0 && /^[a-zA-Z][a-zA-Z0-9+.-]*$/.test(rest.slice(0, colon))) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  let netloc = '';
  const hasNetloc = rest.startsWith('//');
  if (hasNetloc) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
    rest = end < 0 ? '' : rest.slice(2 + end);
    checkBrackets(netloc);
  }
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) [rest, fragment] = [rest.slice(0, hash), rest.slice(hash + 1)];
  let query = '';
  const mark = rest.indexOf('?');
  if (mark >= 0) [rest, query] = [rest.slice(0, mark), rest.slice(mark + 1)];
  return { scheme, netloc, hasNetloc, path: rest, query, fragment };
}

function checkBrackets(netloc: string): void {
  const open = netloc.includes('[');
  if (open !== netloc.includes(']')) throw new CliError('general', 'Invalid IPv6 URL');
  if (!open) return;
  const host = netloc.slice(netloc.indexOf('[') + 1).split(']', 1)[0]!;
  const valid = host.startsWith('v') ? /^v[a-fA-F0-9]+\..+$/.test(host) : isIP(host) !== 0;
  if (!valid) throw new CliError('general', `${pyRepr(host)} does not appear to be an IPv4 or IPv6 address`);
}

/** Python's urlunsplit (an empty query or fragment is left out). */
export function urlunsplit(parts: Omit<UrlParts, 'hasNetloc'>): string {
  let url = parts.path;
  if (parts.netloc || ((parts.scheme === 'http' || parts.scheme === 'https') && !url.startsWith('//'))) {
    if (url && !url.startsWith('/')) url = `/${url}`;
    url = `//${parts.netloc}${url}`;
  }
  if (parts.scheme) url = `${parts.scheme}:${url}`;
  if (parts.query) url += `?${parts.query}`;
  if (parts.fragment) url += `#${parts.fragment}`;
  return url;
}

/** botocore's request URL for an operation whose path is '/': the endpoint's own path, or '/' when it has none. */
export function requestUrl(endpoint: string): string {
  const parts = urlsplit(endpoint);
  return urlunsplit({ ...parts, path: parts.path || '/' });
}

/** The host urlsplit finds in a netloc: userinfo and port dropped, lower-cased, IPv6 without brackets. */
export function netlocHost(netloc: string): string {
  const host = netloc.slice(netloc.lastIndexOf('@') + 1);
  if (host.includes('[')) return host.slice(host.indexOf('[') + 1).split(']', 1)[0]!.toLowerCase();
  return host.split(':', 1)[0]!.toLowerCase();
}

/** SplitResult.port: the number after the host, undefined for none or an empty one; ValueError texts otherwise. */
export function netlocPort(netloc: string): number | undefined {
  const host = netloc.slice(netloc.lastIndexOf('@') + 1);
  const afterBracket = host.includes('[') ? host.slice(host.indexOf(']') + 1) : host;
  const at = afterBracket.indexOf(':');
  const port = at < 0 ? '' : afterBracket.slice(at + 1);
  if (port === '') return undefined;
  // Python's int() allows surrounding whitespace and underscores between digits; the ASCII-digit check comes first.
  if (!/^[0-9]+$/.test(port)) throw new CliError('general', `Port could not be cast to integer value as ${pyRepr(port)}`);
  const value = Number(port);
  if (value > 65535) throw new CliError('general', 'Port out of range 0-65535');
  return value;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

/** botocore's _host_from_url: the Host a signature covers (host, and the port unless the scheme's default). */
export function signedHost(url: string): string {
  const parts = urlsplit(url);
  let host = netlocHost(parts.netloc);
  if (host.includes(':')) host = `[${host}]`;
  const port = netlocPort(parts.netloc);
  if (port !== undefined && port !== DEFAULT_PORTS[parts.scheme]) host += `:${port}`;
  return host;
}

/** The scheme and host[:port] of an endpoint, userinfo left out: what the SDK is told to connect to. */
export function endpointOrigin(endpoint: string): string {
  const parts = urlsplit(endpoint);
  return `${parts.scheme}://${parts.netloc.slice(parts.netloc.lastIndexOf('@') + 1)}`;
}

const PERCENT = /%[a-fA-F0-9]{2}/g;
const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-~';
const PATH_CHARS = new Set(`${UNRESERVED}!$&'()*+,;=:@/`);
const QUERY_CHARS = new Set([...PATH_CHARS, '?']);

/** urllib3's _encode_invalid_chars: escapes upper-cased, other bytes outside `allowed` percent-encoded. */
function encodeInvalidChars(component: string, allowed: ReadonlySet<string>): string {
  let escapes = 0;
  const normalized = component.replace(PERCENT, (escape) => {
    escapes += 1;
    return escape.toUpperCase();
  });
  const bytes = Buffer.from(normalized, 'utf8');
  const alreadyEncoded = escapes === bytes.filter((b) => b === 0x25).length;
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if ((alreadyEncoded && byte === 0x25) || (byte < 128 && allowed.has(char))) out += char;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The request target urllib3 sends for botocore's URL: urlparse's path (a
 * last segment's `;params` left out) or '/', then '?query' when there is
 * one, invalid characters percent-encoded. The fragment and userinfo stay behind.
 */
export function requestTarget(url: string): string {
  const parts = urlsplit(url);
  let path = parts.path;
  const lastSlash = path.lastIndexOf('/');
  const semicolon = path.indexOf(';', lastSlash < 0 ? 0 : lastSlash);
  if (semicolon >= 0) path = path.slice(0, semicolon);
  const target = `${path || '/'}${parts.query ? `?${parts.query}` : ''}`;
  // urllib3's _TARGET_RE: the path up to '?' or '#', then the query up to '#'.
  const mark = target.indexOf('?');
  if (mark < 0) return encodeInvalidChars(target, PATH_CHARS);
  return `${encodeInvalidChars(target.slice(0, mark), PATH_CHARS)}?${encodeInvalidChars(target.slice(mark + 1), QUERY_CHARS)}`;
}

/** botocore's canonical query for a request whose parameters are all in its body: the URL's own pairs, as written, sorted. */
export function canonicalQueryOfUrl(url: string): string {
  const { query } = urlsplit(url);
  if (!query) return '';
  const pairs = query.split('&').map((pair): [string, string] => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
  });
  pairs.sort(([k1, v1], [k2, v2]) => comparePy(k1, k2) || comparePy(v1, v2));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Python's string order (by code point). */
function comparePy(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
  }
  return x.length - y.length;
}

/** Python's unquote: percent-escapes decoded as UTF-8, an invalid sequence becoming U+FFFD. */
function unquote(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[a-fA-F0-9]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}

/**
 * Python's parse_qs(query, keep_blank_values=True) reduced to its first
 * values, as botocore's presigner reads an endpoint's query: `+` is a space,
 * a pair without `=` has an empty value, a repeated key keeps its first value.
 */
export function parseQueryFirstValues(query: string): [string, string][] {
  const seen = new Map<string, string>();
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const [key, value] = eq < 0 ? [piece, ''] : [piece.slice(0, eq), piece.slice(eq + 1)];
    const name = unquote(key.replace(/\+/g, ' '));
    if (!seen.has(name)) seen.set(name, unquote(value.replace(/\+/g, ' ')));
  }
  return [...seen];
}

/** Python's str.replace (an empty `old` inserts `replacement` around every character). */
export function pyReplace(text: string, old: string, replacement: string): string {
  if (old === '') return `${replacement}${[...text].join(replacement)}${text === '' ? '' : replacement}`;
  return text.split(old).join(replacement);
}
