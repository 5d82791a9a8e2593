// EC2 query-protocol bodies as ordered [key, value] pairs, and the strict
// percent-encoding botocore uses for presigned URLs (only A-Z a-z 0-9 - _ . ~ kept).

import { CliError } from '../errors.js';

export type QueryPair = readonly [key: string, value: string];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A lone surrogate cannot be sent as UTF-8: Python's encoder says so, with its position (in code points). */
function unencodable(text: string): CliError | undefined {
  // One scan of the string, no copy of it: values can be tens of megabytes.
  const found = LONE_SURROGATE.exec(text);
  if (!found) return undefined;
  let position = 0;
  for (let i = 0; i < found.index; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate before the lone one always has its low half (or it would have been found first).
    if (unit < 0xd800 || unit > 0xdbff) position++;
  }
  const code = text.charCodeAt(found.index).toString(16);
  return new CliError('general', `'utf-8' codec can't encode character '\\u${code}' in position ${position}: surrogates not allowed`);
}

/**
 * Fails as botocore does when a string anywhere in the parameters cannot be
 * encoded. A container met again (a YAML alias, maybe of itself) is not walked twice.
 */
export function assertEncodable(value: unknown, seen = new Set<object>()): void {
  if (typeof value === 'string') {
    const error = unencodable(value);
    if (error) throw error;
  } else if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array) && !seen.has(value)) {
    seen.add(value);
    for (const item of Array.isArray(value) ? value : Object.values(value)) assertEncodable(item, seen);
  }
}

export function percentEncode(text: string): string {
  const error = unencodable(text);
  if (error) throw error;
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeComponent(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

export function parseQueryBody(body: string): QueryPair[] {
  return body
    .split('&')
    .filter((part) => part.length > 0)
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [decodeComponent(part), ''] : [decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))];
    });
}

export function formatQuery(pairs: readonly QueryPair[]): string {
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}

/** A form body as botocore writes it (Python's urlencode): the same, but `+` for a space. */
export function formatFormBody(pairs: readonly QueryPair[]): string {
  return formatQuery(pairs).replace(/%20/g, '+');
}

/** Sets `key` to `value`: in place when present (as a Python dict keeps its position), else at the end. */
export function setPair(pairs: readonly QueryPair[], key: string, value: string): QueryPair[] {
  const at = pairs.findIndex(([k]) => k === key);
  if (at < 0) return [...pairs, [key, value]];
  return pairs.map((pair, i) => (i === at ? [key, value] : pair));
}
