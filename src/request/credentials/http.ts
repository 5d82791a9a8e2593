// One HTTP exchange for the credential providers (instance metadata,
// container credentials, STS, SSO), over the same transport as the EC2
// request: proxies chosen from the environment as botocore chooses them,
// the CA bundle for https, a connect and a read timeout. Failures below
// HTTP come back worded as botocore words them, naming `nameInErrors`.
import type { Readable } from 'node:stream';
import type { Env } from '../settings.js';
import type { TimeoutsMs } from '../timeouts.js';
import { HttpRequest } from '../sdk.js';
import { makeTransport, transportError } from '../transport.js';

export interface HttpCall {
  readonly method: 'GET' | 'PUT' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Connect and read timeout, in milliseconds, one for both or each its own; 0 waits forever. */
  readonly timeoutMs: number | TimeoutsMs;
  /** Where the proxy variables come from; `{}` for a direct connection. */
  readonly env: Env;
  readonly caBundle?: string | undefined;
  /** The URL as errors name it, exactly (default: `url`; botocore names the request's URL as given, no '/' added). */
  readonly nameInErrors?: string;
  /** Answers larger than this fail (default 1 MiB: credentials are small). */
  readonly maxBytes?: number;
}

export interface HttpAnswer {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;

async function readAll(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += bytes.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new Error(`response larger than ${maxBytes} bytes`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** Sends one request and reads the whole answer; the connection is closed before this returns. */
export async function httpCall(call: HttpCall): Promise<HttpAnswer> {
  const url = new URL(call.url);
  const transport = await makeTransport({
    endpoint: url.origin,
    verifySsl: true,
    caBundle: call.caBundle,
    connectTimeoutMs: typeof call.timeoutMs === 'number' ? call.timeoutMs : call.timeoutMs.connectMs,
    readTimeoutMs: typeof call.timeoutMs === 'number' ? call.timeoutMs : call.timeoutMs.readMs,
    env: call.env,
  });
  try {
    const { response } = await transport.handler.handle(
      new HttpRequest({
      method: call.method,
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : undefined,
      // The query string goes out as given, in its order (the handler would sort a query object).
      path: `${url.pathname}${url.search}`,
      query: {},
      headers: { host: url.host, ...(call.body !== undefined ? { 'content-length': String(Buffer.byteLength(call.body)) } : {}), ...call.headers },
      body: call.body,
      }),
    );
    const body = response.body ? await readAll(response.body as Readable, call.maxBytes ?? DEFAULT_MAX_BYTES) : Buffer.alloc(0);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) headers[name.toLowerCase()] = String(value);
    return { status: response.statusCode, headers, body };
  } catch (error) {
    throw transportError(error, call.nameInErrors ?? call.url, transport.proxy, true) ?? error;
  } finally {
    transport.handler.destroy();
  }
}
