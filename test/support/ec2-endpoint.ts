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
  /**
   * A simulated EC2 with Regions (bulk copies): when given, CopySnapshot and
   * DescribeSnapshots are answered from per-Region state instead of the
   * fixed answers above. See SimulatedEc2Options.
   */
  readonly simulated?: SimulatedEc2Options;
}

/** A snapshot seeded into a simulated Region. */
export interface SeedSnapshot {
  readonly id: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** Default 123456789012 (the caller). */
  readonly ownerId?: string;
}

export interface SimulatedEc2Options {
  /** Region → its snapshots. A Region is told apart by the signing Region of the Authorization header (us-east-1 when unsigned). */
  readonly regions: Readonly<Record<string, { readonly snapshots?: readonly SeedSnapshot[]; readonly copyLimit?: number }>>;
  /** How long a copy stays pending (default 1000 ms). */
  readonly copyDurationMs?: number;
  /** Copies of these source ids end in `error` with this StateMessage. */
  readonly failingSources?: Readonly<Record<string, string>>;
}

/** A snapshot as the simulated EC2 holds it. */
export interface SimulatedSnapshot {
  readonly id: string;
  readonly ownerId: string;
  readonly tags: Readonly<Record<string, string>>;
  /** For copies: the source, its Region, when it started and ends, how it ends. */
  readonly copyOf?: { readonly region: string; readonly snapshotId: string; readonly startedAt: number; readonly endsAt: number; readonly failure?: string };
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
  /** Simulated EC2 only: the snapshots of a Region (copies included), in creation order. */
  snapshots(region: string): readonly SimulatedSnapshot[];
  /** Simulated EC2 only: the most copies ever pending at once in a Region. */
  maxPending(region: string): number;
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

  const world = options.simulated ? simulatedEc2(options.simulated) : undefined;

  function defaultResponse(request: RecordedRequest): ScriptedResponse {
    if (world) return world.answer(request);
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
    snapshots: (region) => world?.snapshots(region) ?? [],
    maxPending: (region) => world?.maxPending.get(region) ?? 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const CALLER = '123456789012';

/** The Region in the request's SigV4 credential scope (us-east-1 when unsigned). */
function requestRegion(request: RecordedRequest): string {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(header(request.headers, 'authorization') ?? '')?.[1] ?? 'us-east-1';
}

/** `Prefix.1`, `Prefix.2`, … values in order. */
function numbered(form: readonly FormPair[], prefix: string): string[] {
  const values: string[] = [];
  for (let n = 1; ; n++) {
    const value = form.find(([k]) => k === `${prefix}.${n}`)?.[1];
    if (value === undefined) return values;
    values.push(value);
  }
}

function simulatedEc2(options: SimulatedEc2Options) {
  const duration = options.copyDurationMs ?? 1000;
  const byRegion = new Map<string, SimulatedSnapshot[]>();
  const maxPending = new Map<string, number>();
  for (const [region, seed] of Object.entries(options.regions)) {
    byRegion.set(region, (seed.snapshots ?? []).map((s) => ({ id: s.id, ownerId: s.ownerId ?? CALLER, tags: { ...s.tags } })));
  }
  let counter = 0;
  const snapshots = (region: string) => byRegion.get(region) ?? [];
  const stateOf = (s: SimulatedSnapshot, now: number) => {
    if (!s.copyOf) return { state: 'completed', progress: '100%' } as const;
    if (now >= s.copyOf.endsAt) return s.copyOf.failure === undefined ? ({ state: 'completed', progress: '100%' } as const) : ({ state: 'error', progress: '0%', stateMessage: s.copyOf.failure } as const);
    const percent = Math.min(99, Math.floor(((now - s.copyOf.startedAt) / Math.max(1, duration)) * 100));
    return { state: 'pending', progress: `${percent}%` } as const;
  };
  const pendingIn = (region: string, now: number) => snapshots(region).filter((s) => stateOf(s, now).state === 'pending').length;

  function copy(request: RecordedRequest, region: string): ScriptedResponse {
    const get = (key: string) => request.form.find(([k]) => k === key)?.[1];
    const sourceRegion = get('SourceRegion') ?? '';
    const sourceId = get('SourceSnapshotId') ?? '';
    if (!snapshots(sourceRegion).some((s) => s.id === sourceId)) {
      return errorResponse(400, 'InvalidSnapshot.NotFound', `The snapshot '${sourceId}' does not exist.`);
    }
    if (get('DryRun') === 'true') return errorResponse(412, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
    const now = Date.now();
    const limit = options.regions[region]?.copyLimit ?? Infinity;
    if (pendingIn(region, now) >= limit) {
      return errorResponse(400, 'ResourceLimitExceeded', `Too many snapshot copies in progress. The limit is ${limit} for this destination region.`);
    }
    counter += 1;
    const id = `snap-${(0xc0000000 + counter).toString(16).padStart(17, '0')}`;
    const tags = Object.fromEntries(snapshotTags(request.form).map((t) => [t.key, t.value]));
    const failure = options.failingSources?.[sourceId];
    const created: SimulatedSnapshot = {
      id,
      ownerId: CALLER,
      tags,
      copyOf: { region: sourceRegion, snapshotId: sourceId, startedAt: now, endsAt: now + duration, ...(failure === undefined ? {} : { failure }) },
    };
    if (!byRegion.has(region)) byRegion.set(region, []);
    byRegion.get(region)!.push(created);
    maxPending.set(region, Math.max(maxPending.get(region) ?? 0, pendingIn(region, now)));
    return { body: copySnapshotXml(id, request.form) };
  }

  function matches(s: SimulatedSnapshot, name: string, values: readonly string[], now: number): boolean {
    if (name.startsWith('tag:')) {
      const value = s.tags[name.slice(4)];
      return value !== undefined && values.includes(value);
    }
    if (name === 'tag-key') return values.some((v) => v in s.tags);
    if (name === 'owner-id') return values.includes(s.ownerId);
    if (name === 'snapshot-id') return values.includes(s.id);
    if (name === 'status') return values.includes(stateOf(s, now).state);
    return false;
  }

  function describe(request: RecordedRequest, region: string): ScriptedResponse {
    const now = Date.now();
    const ids = numbered(request.form, 'SnapshotId');
    const owners = numbered(request.form, 'Owner');
    for (const id of ids) {
      if (!snapshots(region).some((s) => s.id === id)) return errorResponse(400, 'InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
    }
    const filters: { name: string; values: string[] }[] = [];
    for (let n = 1; ; n++) {
      const name = request.form.find(([k]) => k === `Filter.${n}.Name`)?.[1];
      if (name === undefined) break;
      filters.push({ name, values: numbered(request.form, `Filter.${n}.Value`) });
    }
    const listed = snapshots(region).filter(
      (s) =>
        (ids.length === 0 || ids.includes(s.id)) &&
        (owners.length === 0 || owners.some((o) => o === s.ownerId || (o === 'self' && s.ownerId === CALLER))) &&
        filters.every((f) => matches(s, f.name, f.values, now)),
    );
    const items = listed.map((s) => {
      const state = stateOf(s, now);
      const message = 'stateMessage' in state && state.stateMessage !== undefined ? `<statusMessage>${xmlEscape(state.stateMessage)}</statusMessage>` : '';
      const tags = Object.entries(s.tags);
      const tagSet = tags.length ? `<tagSet>${tags.map(([k, v]) => `<item><key>${xmlEscape(k)}</key><value>${xmlEscape(v)}</value></item>`).join('')}</tagSet>` : '';
      return (
        `<item><snapshotId>${s.id}</snapshotId><volumeId>vol-ffffffff</volumeId><status>${state.state}</status>${message}` +
        `<startTime>2024-01-01T00:00:00.000Z</startTime><progress>${state.progress}</progress><ownerId>${s.ownerId}</ownerId>` +
        `<volumeSize>8</volumeSize><encrypted>false</encrypted>${tagSet}</item>`
      );
    });
    return {
      body:
        `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeSnapshotsResponse xmlns="${XMLNS}"><requestId>${requestId()}</requestId>` +
        `<snapshotSet>${items.join('')}</snapshotSet></DescribeSnapshotsResponse>`,
    };
  }

  return {
    snapshots,
    maxPending,
    answer(request: RecordedRequest): ScriptedResponse {
      const region = requestRegion(request);
      if (request.action === 'CopySnapshot') return copy(request, region);
      if (request.action === 'DescribeSnapshots') return describe(request, region);
      return errorResponse(400, 'InvalidAction', `The action ${request.action ?? '(none)'} is not valid for this web service.`);
    },
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
