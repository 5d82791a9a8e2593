// How bytes reach the endpoint: TLS trust (--ca-bundle > AWS_CA_BUNDLE >
// ca_bundle, --no-verify-ssl), proxies from HTTPS_PROXY / HTTP_PROXY /
// NO_PROXY, and AWS CLI v1's timeouts (a socket read timeout and a connect
// timeout, 60 s each, 0 meaning none).
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import { CliError } from '../errors.js';

export interface TransportOptions {
  /** The endpoint URL, which decides http vs https and the proxy. */
  readonly endpoint: string;
  readonly verifySsl: boolean;
  readonly caBundle: string | undefined;
  /** 0 waits forever. */
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
}

export interface Transport {
  readonly handler: NodeHttpHandler;
  /** The proxy the request goes through, if any (named in proxy errors). */
  readonly proxy: string | undefined;
}

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };

function readCaBundle(path: string, endpoint: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new CliError('connection', `SSL validation failed for ${endpointForMessages(endpoint)} [Errno 2] No such file or directory`);
  }
}

export function endpointForMessages(endpoint: string): string {
  return endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
}

export function makeTransport(options: TransportOptions): Transport {
  const tls = {
    rejectUnauthorized: options.verifySsl,
    ca: options.caBundle === undefined ? undefined : readCaBundle(options.caBundle, options.endpoint),
  };
  const proxy = getProxyForUrl(options.endpoint) || undefined;
  const secure = options.endpoint.startsWith('https:');
  const httpsAgent = proxy && secure ? new HttpsProxyAgent(proxy, { ...tls, keepAlive: true }) : new HttpsAgent({ ...tls, keepAlive: true });
  const httpAgent = proxy && !secure ? new HttpProxyAgent(proxy, { keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const handler = new NodeHttpHandler({
    httpAgent,
    httpsAgent,
    connectionTimeout: options.connectTimeoutMs,
    socketTimeout: options.readTimeoutMs,
    logger: SILENT,
  });
  return { handler, proxy };
}

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

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** A failure below HTTP, worded as botocore words it; undefined when it is not one. */
export function transportError(error: unknown, endpoint: string, proxy: string | undefined): CliError | undefined {
  const e = error as { name?: string; code?: string; message?: string };
  const url = endpointForMessages(endpoint);
  if (e.code && TLS_CODES.has(e.code)) {
    const reason = e.code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'Hostname mismatch, certificate is not valid' : e.message;
    return new CliError('connection', `SSL validation failed for ${url} [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${reason} (_ssl.c:1006)`);
  }
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') {
    const connecting = /did not establish a connection/.test(e.message ?? '');
    return new CliError('connection', `${connecting ? 'Connect' : 'Read'} timeout on endpoint URL: "${url}"`);
  }
  if (e.code && CONNECTION_CODES.has(e.code)) {
    if (proxy && e.code === 'ECONNREFUSED') return new CliError('connection', `Failed to connect to proxy URL: "${proxy}"`);
    return new CliError('connection', `Could not connect to the endpoint URL: "${url}"`);
  }
  if (proxy && /Proxy|tunnel|CONNECT/i.test(e.message ?? '')) {
    return new CliError('connection', `Failed to connect to proxy URL: "${proxy}"`);
  }
  return undefined;
}
