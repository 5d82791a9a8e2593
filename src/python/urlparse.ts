// Python 3.11's urllib.parse.urlsplit() as far as the scheme and the
// `hostname` attribute go, and ipaddress.ip_address()'s strict parsing as far
// as `is_loopback` goes: botocore decides which hosts it may ask for
// credentials with these, so they must read a URL exactly as Python does
// (Node's URL parser would turn `127.1` into `127.0.0.1`; Python does not).
import { reprString } from './repr.js';
import { PyValueError } from './value.js';

/** Characters urlsplit strips from the left of a URL (C0 controls and space). */
const LEADING_JUNK = /^[\x00-\x20]+/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+\-.]*$/;

export interface SplitUrl {
  /** Lower-cased; '' when the URL has none. */
  readonly scheme: string;
  /** Everything between `//` and the first `/`, `?` or `#`; '' when absent. */
  readonly netloc: string;
  /** The `hostname` attribute: lower-cased (not the IPv6 zone), brackets removed; undefined for None. */
  readonly hostname: string | undefined;
}

/** urlsplit(url) (scheme, netloc and hostname), raising the ValueErrors it raises. */
export function urlSplit(input: string): SplitUrl {
  let url = input.replace(LEADING_JUNK, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  const colon = url.indexOf(':');
  if (colon > 0 && SCHEME.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  let netloc = '';
  if (url.startsWith('//')) {
    const rest = url.slice(2);
    const end = rest.search(/[/?#]/);
    netloc = end < 0 ? rest : rest.slice(0, end);
    const open = netloc.includes('[');
    const close = netloc.includes(']');
    if (open !== close) throw new PyValueError('Invalid IPv6 URL');
    if (open) checkBracketedHost(netloc.slice(netloc.indexOf('[') + 1).split(']')[0]!);
  }
  return { scheme, netloc, hostname: hostnameOf(netloc) };
}

/** urllib.parse's _check_bracketed_host. */
function checkBracketedHost(host: string): void {
  if (host.startsWith('v')) {
    if (!/^v[a-fA-F0-9]+\..+$/s.test(host)) throw new PyValueError('IPvFuture address is invalid');
    return;
  }
  if (parseIPv4(host) !== undefined) throw new PyValueError('An IPv4 address cannot be in brackets');
  if (parseIPv6(host) === undefined) throw new PyValueError(`${reprString(host)} does not appear to be an IPv4 or IPv6 address`);
}

function hostnameOf(netloc: string): string | undefined {
  const hostinfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  const bracket = hostinfo.indexOf('[');
  let host: string;
  if (bracket >= 0) {
    const inner = hostinfo.slice(bracket + 1);
    const close = inner.indexOf(']');
    host = close < 0 ? inner : inner.slice(0, close);
  } else {
    const port = hostinfo.indexOf(':');
    host = port < 0 ? hostinfo : hostinfo.slice(0, port);
  }
  if (host === '') return undefined;
  const zone = host.indexOf('%');
  return zone < 0 ? host.toLowerCase() : host.slice(0, zone).toLowerCase() + host.slice(zone);
}

// ---------------------------------------------------------------- ipaddress

const DECIMAL = /^[0-9]{1,3}$/;
const HEXTET = /^[0-9A-Fa-f]{1,4}$/;

/** IPv4Address(text): four decimal octets, no leading zeros; undefined when Python rejects it. */
export function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!DECIMAL.test(part)) return undefined;
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    octets.push(value);
  }
  return octets;
}

/** IPv6Address(text), scope id allowed: the eight hextets, or undefined when Python rejects it. */
export function parseIPv6(text: string): number[] | undefined {
  let address = text;
  const percent = text.indexOf('%');
  if (percent >= 0) {
    const scope = text.slice(percent + 1);
    if (scope === '' || scope.includes('%')) return undefined;
    address = text.slice(0, percent);
  }
  if (address === '' || address.includes('/')) return undefined;
  const parts = address.split(':');
  if (parts.length < 3) return undefined;
  if (parts[parts.length - 1]!.includes('.')) {
    const v4 = parseIPv4(parts.pop()!);
    if (v4 === undefined) return undefined;
    parts.push(((v4[0]! << 8) | v4[1]!).toString(16), ((v4[2]! << 8) | v4[3]!).toString(16));
  }
  if (parts.length > 9) return undefined;
  let skip = -1;
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] !== '') continue;
    if (skip >= 0) return undefined;
    skip = i;
  }
  let high: number;
  let low: number;
  if (skip >= 0) {
    high = skip;
    low = parts.length - skip - 1;
    if (parts[0] === '' && --high !== 0) return undefined;
    if (parts[parts.length - 1] === '' && --low !== 0) return undefined;
    if (8 - (high + low) < 1) return undefined;
  } else {
    if (parts.length !== 8 || parts[0] === '' || parts[7] === '') return undefined;
    high = 8;
    low = 0;
  }
  const hextets: number[] = [];
  const take = (part: string): boolean => {
    if (!HEXTET.test(part)) return false;
    hextets.push(parseInt(part, 16));
    return true;
  };
  for (let i = 0; i < high; i++) if (!take(parts[i]!)) return undefined;
  while (hextets.length < 8 - low) hextets.push(0);
  for (let i = parts.length - low; i < parts.length; i++) if (!take(parts[i]!)) return undefined;
  return hextets;
}

/** ip_address(host).is_loopback, False where ip_address raises (Python 3.11: only ::1 for IPv6). */
export function isLoopbackAddress(host: string | undefined): boolean {
  if (host === undefined) return false;
  const v4 = parseIPv4(host);
  if (v4 !== undefined) return v4[0] === 127;
  const v6 = parseIPv6(host);
  return v6 !== undefined && v6.slice(0, 7).every((h) => h === 0) && v6[7] === 1;
}
