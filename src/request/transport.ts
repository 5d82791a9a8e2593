// How bytes reach the endpoint: TLS trust (--ca-bundle > AWS_CA_BUNDLE >
// ca_bundle, --no-verify-ssl), proxies from HTTPS_PROXY / HTTP_PROXY /
// NO_PROXY chosen as botocore chooses them (Python's urllib rules), and AWS
// CLI v1's timeouts (a socket read timeout and a connect timeout, 60 s each,
// 0 meaning none); and the texts botocore prints when any of that fails.
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { NodeHttpHandler } from './sdk.js';
import type { HttpHandlerOptions } from '@smithy/types';
import type { HttpRequest } from '@smithy/core/transport';
import { CliError } from '../errors.js';
import { HandshakeLimitedAgent } from './handshake.js';
import { errnoText } from '../python/errno.js';
import { requestUrl } from './endpoint-url.js';
import type { Env } from '../env.js';

export interface TransportOptions {
  /** The endpoint URL, which decides http vs https and the proxy. */
  readonly endpoint: string;
  readonly verifySsl: boolean;
  readonly caBundle: string | undefined;
  /** 0 waits forever. */
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  /** Where the proxy variables come from (the invocation's environment, io.env). */
  readonly env: Env;
  /** The request target sent for every request (path and query, as urllib3 writes them), in place of the SDK's. */
  readonly target?: string;
}

export interface Transport {
  readonly handler: NodeHttpHandler;
  /** The proxy the request goes through, as botocore names it in errors (credentials masked), if any. */
  readonly proxy: string | undefined;
}

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };

/** botocore names the request's URL in errors: the endpoint with its path, or '/' (see endpoint-url.ts). */
export function endpointForMessages(endpoint: string): string {
  return requestUrl(endpoint);
}

// ------------------------------------------------------------------ proxies

/** Python's urllib.request.getproxies_environment(): `<scheme>_proxy` variables, lower-case names winning. */
function environProxies(env: Env): Map<string, string> {
  const proxies = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    const lower = name.toLowerCase();
    if (value && lower.endsWith('_proxy')) proxies.set(lower.slice(0, -6), value);
  }
  // A CGI script must not trust HTTP_PROXY (it can come from a request header).
  if (env.REQUEST_METHOD !== undefined) proxies.delete('http');
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !name.endsWith('_proxy')) continue;
    const key = name.toLowerCase().slice(0, -6);
    if (value) proxies.set(key, value);
    else proxies.delete(key);
  }
  return proxies;
}

/** Python's urllib.request.proxy_bypass_environment(host) for NO_PROXY (DNS suffixes, no CIDR). */
function bypassesProxy(netloc: string, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  if (noProxy === '*') return true;
  const host = netloc.toLowerCase();
  const split = /^(.*):([0-9]*)$/s.exec(host);
  const hostOnly = split ? split[1]! : host;
  for (const entry of noProxy.split(',')) {
    let name = entry.trim();
    if (!name) continue;
    name = name.replace(/^\.+/, '').toLowerCase();
    if (hostOnly === name || host === name) return true;
    if (hostOnly.endsWith(`.${name}`) || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** botocore's ProxyConfiguration._fix_proxy_url. */
function fixProxyUrl(url: string): string {
  if (url.startsWith('http:') || url.startsWith('https:')) return url;
  if (url.startsWith('//')) return `http:${url}`;
  return `http://${url}`;
}

/** botocore's mask_proxy_url: the user name and password become `***` (first occurrence of each). */
function maskProxyUrl(url: string): string {
  const netloc = /^[^:/?#]*:\/\/([^/?#]*)/.exec(url)?.[1] ?? '';
  const at = netloc.lastIndexOf('@');
  if (at < 0) return url;
  const userinfo = netloc.slice(0, at);
  const colon = userinfo.indexOf(':');
  const username = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const password = colon < 0 ? '' : userinfo.slice(colon + 1);
  let masked = url;
  if (username) masked = masked.replace(username, '***');
  if (password) masked = masked.replace(password, '***');
  return masked;
}

/**
 * The proxy botocore would use for `endpoint` (get_environ_proxies +
 * proxy_url_for): `<scheme>_proxy` for the endpoint's scheme (ALL_PROXY is
 * not consulted), unless NO_PROXY matches the endpoint's host[:port].
 */
export function proxyForEndpoint(endpoint: string, env: Env): string | undefined {
  const m = /^([^:/?#]+):\/\/([^/?#]*)/.exec(endpoint);
  if (!m) return undefined;
  const proxies = environProxies(env);
  if (bypassesProxy(m[2]!, proxies.get('no'))) return undefined;
  const proxy = proxies.get(m[1]!.toLowerCase());
  return proxy ? fixProxyUrl(proxy) : undefined;
}

// ---------------------------------------------------------------------- TLS

/** The CA bundle's bytes, or botocore's SSL error for a file OpenSSL cannot load. */
function readCaBundle(path: string, endpoint: string): Buffer {
  const fail = (reason: string) => new CliError('connection', `SSL validation failed for ${endpointForMessages(endpoint)} ${reason}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    throw fail(errnoText(error) ?? (error as Error).message);
  }
  if (!/-----BEGIN (?:TRUSTED )?CERTIFICATE-----|-----BEGIN X509 CRL-----/.test(bytes.toString('latin1'))) {
    throw fail('[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found (_ssl.c:4154)');
  }
  return bytes;
}

// ---------------------------------------------------------------- handlers

/**
 * Node's timers hold at most 2^31-1 ms (about 24.8 days); anything longer is
 * as good as none. The SDK's handler also arms a warning timer 2 s past the
 * connect timeout, so that much room is kept below the limit.
 */
const MAX_TIMER_MS = 2 ** 31 - 1 - 2000;
/** Python's socket timeouts are _PyTime_t nanoseconds: at most 9223372036.854775807 s. */
const MAX_PYTHON_TIMEOUT_MS = 9_223_372_036_854;

function timerMs(ms: number): number {
  if (ms > MAX_PYTHON_TIMEOUT_MS) {
    throw new CliError('general', 'An HTTP Client raised an unhandled exception: timestamp too large to convert to C _PyTime_t');
  }
  return ms > MAX_TIMER_MS ? 0 : ms;
}

export async function makeTransport(options: TransportOptions): Promise<Transport> {
  const connectionTimeout = timerMs(options.connectTimeoutMs);
  const socketTimeout = timerMs(options.readTimeoutMs);
  const secure = /^https:/i.test(options.endpoint);
  // Like botocore, a CA bundle is loaded only to verify an https endpoint.
  const tls = {
    rejectUnauthorized: options.verifySsl,
    ca: secure && options.verifySsl && options.caBundle !== undefined ? readCaBundle(options.caBundle, options.endpoint) : undefined,
  };
  const proxy = proxyForEndpoint(options.endpoint, options.env);
  let proxyUrl: URL | undefined;
  if (proxy !== undefined) {
    try {
      proxyUrl = new URL(proxy);
    } catch {
      throw new CliError('connection', `Failed to connect to proxy URL: "${maskProxyUrl(proxy)}"`);
    }
  }
  // The proxy agents are loaded only when a proxy is in use.
  const proxyAgents = proxyUrl ? await import('./proxy-agents.js') : undefined;
  const httpsAgent =
    proxyUrl && secure
      ? new proxyAgents!.TunnelAgent(proxyUrl.href, tls, { connectMs: connectionTimeout, readMs: socketTimeout })
      : new HandshakeLimitedAgent({ ...tls, keepAlive: true }, connectionTimeout);
  const httpAgent = proxyUrl && !secure ? new proxyAgents!.HttpProxyAgent(proxyUrl.href, { keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const handler = new (options.target === undefined ? NodeHttpHandler : targetedHandler(options.target))({
    httpAgent,
    httpsAgent,
    // Through a tunnel the SDK would time the whole of it (proxy, CONNECT, TLS) as connecting; the
    // tunnel agent times each step as urllib3 does instead, so that failures are worded as v1 words them.
    connectionTimeout: proxyUrl && secure ? 0 : connectionTimeout,
    socketTimeout,
    logger: SILENT,
  });
  return { handler, proxy: proxy === undefined ? undefined : maskProxyUrl(proxy) };
}

/** A handler that sends `target` as the request target of every request (the SDK's path and query left aside). */
function targetedHandler(target: string): typeof NodeHttpHandler {
  return class TargetedHandler extends NodeHttpHandler {
    override handle(request: HttpRequest, handlerOptions?: HttpHandlerOptions) {
      const sent = Object.assign(Object.create(Object.getPrototypeOf(request) as object) as HttpRequest, request, { path: target, query: {} });
      return super.handle(sent, handlerOptions);
    }
  };
}

function origin(request: HttpRequest): string {
  const port = request.port ? `:${request.port}` : '';
  return `${request.protocol}//${request.hostname}${port}`;
}

/**
 * A request handler for clients whose endpoint is only known per request
 * (the STS client behind assume-role): proxy, TLS and timeouts are chosen
 * for each origin as makeTransport chooses them, and failures below HTTP
 * are thrown already worded as botocore words them (naming that endpoint).
 */
export class PerEndpointHandler extends NodeHttpHandler {
  private readonly transports = new Map<string, Transport>();

  constructor(private readonly options: Omit<TransportOptions, 'endpoint'>) {
    super({ logger: SILENT });
  }

  override async handle(request: HttpRequest, handlerOptions?: HttpHandlerOptions) {
    const endpoint = origin(request);
    let transport = this.transports.get(endpoint);
    if (!transport) {
      transport = await makeTransport({ ...this.options, endpoint });
      this.transports.set(endpoint, transport);
    }
    try {
      return await transport.handler.handle(request, handlerOptions);
    } catch (error) {
      throw transportError(error, endpoint, transport.proxy) ?? error;
    }
  }

  override destroy(): void {
    for (const transport of this.transports.values()) transport.handler.destroy();
    this.transports.clear();
    super.destroy();
  }
}

// ------------------------------------------------------------------ errors

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** OpenSSL's verify-error strings (as Python's ssl module shows them) for Node's codes. */
const TLS_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  CERT_UNTRUSTED: 'certificate not trusted',
};

/** The endpoint could not be reached at all (botocore's EndpointConnectionError). */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
/** The connection broke after the request went out (urllib3's ProtocolError: botocore's ConnectionClosedError). */
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * A failure below HTTP, worded as botocore words it; undefined when it is not one.
 * The endpoint is named with a '/' appended unless `exactUrl` (botocore names
 * the request's URL: the endpoint and '/' for the EC2 client, the URL as
 * given for the credential providers' own requests).
 */
export function transportError(error: unknown, endpoint: string, proxy: string | undefined, exactUrl = false): CliError | undefined {
  if (error instanceof CliError) return error;
  const e = error as { name?: string; code?: string; message?: string };
  const url = exactUrl ? endpoint : endpointForMessages(endpoint);
  const code = e.code ?? '';
  if (TLS_CODES.has(code)) {
    const reason = code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'Hostname mismatch, certificate is not valid' : (TLS_REASONS[code] ?? e.message);
    return new CliError('connection', `SSL validation failed for ${url} [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${reason} (_ssl.c:1006)`);
  }
  // A TLS handshake that fails inside OpenSSL (e.g. https to a plain-http port): Python names OpenSSL's reason.
  const openssl = code === 'EPROTO' || code.startsWith('ERR_SSL_') ? /SSL routines:[^:]*:([^:]+):/.exec(e.message ?? '') : null;
  if (openssl) {
    const reason = openssl[1]!;
    return new CliError('connection', `SSL validation failed for ${url} [SSL: ${reason.toUpperCase().replace(/ /g, '_')}] ${reason} (_ssl.c:1006)`);
  }
  if (code === 'EPROXYCONNECT' || (proxy && CONNECT_CODES.has(code))) {
    return new CliError('connection', `Failed to connect to proxy URL: "${proxy}"`);
  }
  if (CLOSED_CODES.has(code) || code.startsWith('HPE_')) {
    return new CliError('connection', `Connection was closed before we received a valid response from endpoint URL: "${url}".`);
  }
  if (e.name === 'TimeoutError' || code === 'ETIMEDOUT') {
    const connecting = /did not establish a connection|^connect ETIMEDOUT/.test(e.message ?? '');
    return new CliError('connection', `${connecting ? 'Connect' : 'Read'} timeout on endpoint URL: "${url}"`);
  }
  if (CONNECT_CODES.has(code)) {
    return new CliError('connection', `Could not connect to the endpoint URL: "${url}"`);
  }
  if (proxy && /Proxy|tunnel|CONNECT/i.test(e.message ?? '')) {
    return new CliError('connection', `Failed to connect to proxy URL: "${proxy}"`);
  }
  return undefined;
}
