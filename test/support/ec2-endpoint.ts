// One local EC2-compatible endpoint for request tests, fault scenarios,
// --wait tests and the demo. It records every request, answers CopySnapshot
// and DescribeSnapshots the way EC2 (and moto) do, and lets a test script
// other answers: errors, throttling, delays, dropped connections.
//
//   const ec2 = await startEc2Endpoint();
//   ec2.enqueue(errorResponse(400, 'InvalidSnapshot.NotFound', "The snapshot 'snap-x' does not exist."));
//   ... run against ec2.url ...
//   ec2.requests[0]!.form  // [['Action', 'CopySnapshot'], ['Version', '2016-11-15'], ...]
//   await ec2.close();
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hash } from '@smithy/core/serde';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';

export type FormPair = readonly [key: string, value: string];

export interface RecordedRequest {
  readonly method: string;
  /** The request target as sent (`/`, or `/path?query`). */
  readonly path: string;
  /** Header names lower-cased, as node:http gives them. */
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The form-encoded body decoded, in wire order. */
  readonly form: readonly FormPair[];
  /** The `Action` form value, when there is one. */
  readonly action: string | undefined;
}

/** Absent fields take the default answer's: `{ delayMs: 5000 }` is the usual answer, late. */
export interface ScriptedResponse {
  readonly status?: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait this long before answering (read timeouts, slow endpoints). */
  readonly delayMs?: number;
  /** Drop the connection without answering. */
  readonly hangUp?: boolean;
}

/** Returns a response, or undefined to fall through to the default answer. */
export type ResponseHandler = (request: RecordedRequest) => ScriptedResponse | undefined | Promise<ScriptedResponse | undefined>;

/** One DescribeSnapshots answer for the copied snapshot. */
export interface SnapshotState {
  readonly state: 'pending' | 'completed' | 'error' | 'recoverable' | 'recovering';
  readonly progress?: string;
  readonly stateMessage?: string;
}

/**
 * A copy that progresses with time, as EC2's does: `pending` from 0% up to
 * 99%, then `end`. Used instead of the `snapshotStates` sequence when given.
 */
export interface CopyProgress {
  /** How long the copy takes, from the last CopySnapshot (or the first DescribeSnapshots when none came). */
  readonly durationMs: number;
  /** The state once the time is up (default completed, 100%); an `error` state with a stateMessage makes it fail. */
  readonly end?: SnapshotState;
}

export interface Ec2EndpointOptions {
  /** The SnapshotId CopySnapshot answers with (default `snap-0123456789abcdef0`). */
  readonly snapshotId?: string;
  /** DescribeSnapshots answers, one per call; the last one repeats (default: completed, 100%). */
  readonly snapshotStates?: readonly SnapshotState[];
  /** DescribeSnapshots answers by elapsed time instead of by call (see CopyProgress). */
  readonly copyProgress?: CopyProgress;
  /**
   * Snapshots that exist in the source Region. When given, CopySnapshot of
   * any other SourceSnapshotId answers InvalidSnapshot.NotFound, as EC2 does;
   * when absent, every source is accepted.
   */
  readonly sourceSnapshots?: readonly string[];
}

export interface Ec2Endpoint {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Answers for the next requests, one each, before any handler or default. */
  enqueue(...responses: ScriptedResponse[]): void;
  /** A handler consulted after the queue; undefined removes it. */
  respondWith(handler: ResponseHandler | undefined): void;
  /** Replaces the DescribeSnapshots sequence (and restarts it); ends any copyProgress. */
  setSnapshotStates(states: readonly SnapshotState[]): void;
  /** Makes DescribeSnapshots answer by elapsed time (restarting the clock now); undefined goes back to the sequence. */
  setCopyProgress(progress: CopyProgress | undefined): void;
  close(): Promise<void>;
}

const XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export function decodeForm(body: string): FormPair[] {
  return [...new URLSearchParams(body)];
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

let requestCounter = 0;
function requestId(): string {
  requestCounter += 1;
  return `00000000-0000-4000-8000-${requestCounter.toString(16).padStart(12, '0')}`;
}

/** EC2's error document. */
export function errorXml(code: string, message: string, id = requestId()): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${xmlEscape(code)}</Code>` +
    `<Message>${xmlEscape(message)}</Message></Error></Errors><RequestID>${id}</RequestID></Response>`
  );
}

export function errorResponse(status: number, code: string, message: string): ScriptedResponse {
  return { status, body: errorXml(code, message) };
}

/** What EC2 answers when a caller is throttled (retried by the SDK and botocore). */
export function throttlingResponse(): ScriptedResponse {
  return errorResponse(503, 'RequestLimitExceeded', 'Request limit exceeded.');
}

/** Tags of `TagSpecification.N` entries whose ResourceType is `snapshot`, in wire order. */
function snapshotTags(form: readonly FormPair[]): { key: string; value: string }[] {
  const get = (key: string) => form.find(([k]) => k === key)?.[1];
  const tags: { key: string; value: string }[] = [];
  for (let n = 1; get(`TagSpecification.${n}.ResourceType`) !== undefined; n++) {
    if (get(`TagSpecification.${n}.ResourceType`) !== 'snapshot') continue;
    for (let m = 1; get(`TagSpecification.${n}.Tag.${m}.Key`) !== undefined; m++) {
      tags.push({ key: get(`TagSpecification.${n}.Tag.${m}.Key`)!, value: get(`TagSpecification.${n}.Tag.${m}.Value`) ?? '' });
    }
  }
  return tags;
}

function copySnapshotXml(snapshotId: string, form: readonly FormPair[]): string {
  const tags = snapshotTags(form);
  const tagSet = tags.length
    ? `<tagSet>${tags.map((t) => `<item><key>${xmlEscape(t.key)}</key><value>${xmlEscape(t.value)}</value></item>`).join('')}</tagSet>`
    : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<CopySnapshotResponse xmlns="${XMLNS}"><requestId>${requestId()}</requestId>` +
    `<snapshotId>${snapshotId}</snapshotId>${tagSet}</CopySnapshotResponse>`
  );
}

function describeSnapshotsXml(snapshotId: string, state: SnapshotState): string {
  const message = state.stateMessage === undefined ? '' : `<statusMessage>${xmlEscape(state.stateMessage)}</statusMessage>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeSnapshotsResponse xmlns="${XMLNS}"><requestId>${requestId()}</requestId>` +
    `<snapshotSet><item><snapshotId>${snapshotId}</snapshotId><volumeId>vol-ffffffff</volumeId>` +
    `<status>${state.state}</status>${message}<startTime>2024-01-01T00:00:00.000Z</startTime>` +
    `<progress>${state.progress ?? (state.state === 'completed' ? '100%' : '0%')}</progress>` +
    `<ownerId>123456789012</ownerId><volumeSize>8</volumeSize><encrypted>false</encrypted></item></snapshotSet>` +
    `</DescribeSnapshotsResponse>`
  );
}

export async function startEc2Endpoint(options: Ec2EndpointOptions = {}): Promise<Ec2Endpoint> {
  const defaultSnapshotId = options.snapshotId ?? 'snap-0123456789abcdef0';
  const requests: RecordedRequest[] = [];
  const queue: ScriptedResponse[] = [];
  let handler: ResponseHandler | undefined;
  let states: readonly SnapshotState[] = options.snapshotStates ?? [{ state: 'completed' }];
  let describeCalls = 0;
  let copyProgress = options.copyProgress;
  let copyStartedAt: number | undefined;

  function progressedState(progress: CopyProgress): SnapshotState {
    copyStartedAt ??= Date.now();
    const elapsed = Date.now() - copyStartedAt;
    if (elapsed >= progress.durationMs) return progress.end ?? { state: 'completed', progress: '100%' };
    const percent = Math.min(99, Math.floor((elapsed / Math.max(1, progress.durationMs)) * 100));
    return { state: 'pending', progress: `${percent}%` };
  }

  function defaultResponse(request: RecordedRequest): ScriptedResponse {
    if (request.action === 'CopySnapshot') {
      const source = request.form.find(([k]) => k === 'SourceSnapshotId')?.[1] ?? '';
      if (options.sourceSnapshots !== undefined && !options.sourceSnapshots.includes(source)) {
        return errorResponse(400, 'InvalidSnapshot.NotFound', `The snapshot '${source}' does not exist.`);
      }
      copyStartedAt = Date.now();
      return { body: copySnapshotXml(defaultSnapshotId, request.form) };
    }
    if (request.action === 'DescribeSnapshots') {
      const state = copyProgress ? progressedState(copyProgress) : (states[Math.min(describeCalls, states.length - 1)] ?? { state: 'completed' });
      describeCalls += 1;
      const id = request.form.find(([k]) => k === 'SnapshotId.1')?.[1] ?? defaultSnapshotId;
      return { body: describeSnapshotsXml(id, state) };
    }
    return errorResponse(400, 'InvalidAction', `The action ${request.action ?? '(none)'} is not valid for this web service.`);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const form = decodeForm(body);
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body,
          form,
          action: form.find(([k]) => k === 'Action')?.[1],
        };
        requests.push(recorded);
        const scripted = queue.shift() ?? (await handler?.(recorded));
        const response = scripted?.body === undefined ? { ...defaultResponse(recorded), ...scripted } : scripted;
        if (response.delayMs) await new Promise((resolve) => setTimeout(resolve, response.delayMs));
        if (response.hangUp) {
          req.socket.destroy();
          return;
        }
        res.writeHead(response.status ?? 200, { 'Content-Type': 'text/xml;charset=UTF-8', ...response.headers });
        res.end(response.body ?? '');
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    enqueue: (...responses) => void queue.push(...responses),
    respondWith: (next) => void (handler = next),
    setSnapshotStates: (next) => {
      states = next;
      describeCalls = 0;
      copyProgress = undefined;
    },
    setCopyProgress: (next) => {
      copyProgress = next;
      copyStartedAt = Date.now();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const sha256 = Hash.bind(null, 'sha256');

/** `20240101T000000Z` → Date. */
function parseAmzDate(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw new Error(`not an X-Amz-Date: ${text}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Recomputes the Authorization header's SigV4 signature for a recorded
 * request (same X-Amz-Date, same signed headers) and says whether it matches.
 */
export async function verifySigV4(
  request: RecordedRequest,
  expected: { readonly secretAccessKey: string; readonly region: string; readonly service: string },
): Promise<boolean> {
  const authorization = header(request.headers, 'authorization');
  const amzDate = header(request.headers, 'x-amz-date');
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/[^,]+, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization ?? '');
  if (!m || !amzDate) return false;
  const [, accessKeyId, signedHeaderList, signature] = m;
  const signed = signedHeaderList!.split(';');
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = header(request.headers, name);
    if (value === undefined) return false;
    headers[name] = value;
  }
  // The signer trusts a given x-amz-content-sha256, so check it against the body here.
  const contentSha256 = headers['x-amz-content-sha256'];
  if (contentSha256 !== undefined && contentSha256 !== createHash('sha256').update(request.body, 'utf8').digest('hex')) return false;
  const [path, query = ''] = request.path.split('?');
  const host = header(request.headers, 'host') ?? '';
  const rebuilt = new HttpRequest({
    method: request.method,
    protocol: 'http:',
    hostname: host.replace(/:\d+$/, ''),
    path,
    query: Object.fromEntries(new URLSearchParams(query)),
    headers,
    body: request.body,
  });
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId!, secretAccessKey: expected.secretAccessKey, sessionToken: headers['x-amz-security-token'] },
    region: expected.region,
    service: expected.service,
    sha256,
    applyChecksum: false,
  });
  const resigned = await signer.sign(rebuilt, { signingDate: parseAmzDate(amzDate), signableHeaders: new Set(signed) });
  return resigned.headers.authorization === authorization;
}

/**
 * Re-presigns a SigV4 query-signed URL (region from its X-Amz-Credential,
 * date from X-Amz-Date, expiry from X-Amz-Expires, `host` signed) and says
 * whether the signature matches its X-Amz-Signature.
 */
export async function verifyPresignedUrl(url: string, expected: { readonly secretAccessKey: string }): Promise<boolean> {
  const parsed = new URL(url);
  const query = Object.fromEntries(parsed.searchParams);
  const credential = query['X-Amz-Credential']?.split('/') ?? [];
  const [accessKeyId, , region, service] = credential;
  const { 'X-Amz-Signature': signature, 'X-Amz-Date': amzDate, 'X-Amz-Expires': expires, 'X-Amz-Security-Token': sessionToken } = query;
  if (credential.length !== 5 || !signature || !amzDate || !expires || query['X-Amz-SignedHeaders'] !== 'host') return false;
  for (const key of Object.keys(query)) if (key.startsWith('X-Amz-')) delete query[key];
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId!, secretAccessKey: expected.secretAccessKey, sessionToken },
    region: region!,
    service: service!,
    sha256,
  });
  const presigned = await signer.presign(
    new HttpRequest({
      method: 'GET',
      protocol: parsed.protocol,
      hostname: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : undefined,
      path: parsed.pathname,
      query,
      headers: { host: parsed.host },
    }),
    { signingDate: parseAmzDate(amzDate), expiresIn: Number(expires) },
  );
  return presigned.query?.['X-Amz-Signature'] === signature;
}
