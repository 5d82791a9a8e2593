// The STS calls behind assume-role and web identity, made as botocore's STS
// client makes them for the AWS CLI v1 credential providers: a query-protocol
// POST (`Action=...&Version=2011-06-15&...`, parameters in the order of the
// caller's arguments, as botocore serializes its kwargs dict), SigV4-signed
// for AssumeRole and unsigned for AssumeRoleWithWebIdentity (its model says
// `authtype: none`), the invocation's timeouts (--cli-connect-timeout, --cli-read-timeout), its CA
// bundle and proxies, the invocation's retry mode and attempts, and v1's
// texts for every failure.
//
// Where the call goes (botocore 1.43, for a client of the CLI's Region):
//   AWS_ENDPOINT_URL_STS > AWS_ENDPOINT_URL > [services x] sts.endpoint_url >
//   the profile's endpoint_url (none of them when configured endpoints are
//   ignored); else sts_regional_endpoints (AWS_STS_REGIONAL_ENDPOINTS, then
//   the profile; default `regional`): `legacy` sends the Regions that once
//   used the global endpoint to https://sts.amazonaws.com (signed for
//   us-east-1), everything else goes to https://sts.<region>.<dns suffix>.
import { randomUUID } from 'node:crypto';
import { timeoutsMs } from '../timeouts.js';
import { USER_AGENT_PRODUCT } from '../user-agent.js';
import { CliError, ServiceError, ValidationError } from '../../errors.js';
import { reprBytes } from '../../python/repr.js';
import { parseTimestamp } from '../../python/subscript.js';
import { formatFormBody, type QueryPair } from '../query-encoding.js';
import { standardEndpoint } from '../endpoints.js';
import { configuredEndpoint, endpointVariant, requireRegion, requireValidEndpoint } from '../settings.js';
import { backoffMs, isRetryable, reachedMaxAttempts } from '../retry-rules.js';
import { checkXml } from '../xml-check.js';
import type { HttpAnswer } from './http.js';
import type { CredentialContext, Keys } from './types.js';

/**
 * AssumeRole's arguments. They are sent in the order of this object's keys,
 * as botocore sends its kwargs: RoleSessionName (when configured),
 * ExternalId, SerialNumber, DurationSeconds, RoleArn, RoleSessionName (when
 * generated), TokenCode.
 */
export interface AssumeRoleArgs {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly ExternalId?: string;
  readonly SerialNumber?: string;
  readonly TokenCode?: string;
  readonly DurationSeconds?: number;
}

/** AssumeRoleWithWebIdentity's arguments, sent in the order of this object's keys. */
export interface AssumeRoleWithWebIdentityArgs {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly WebIdentityToken: string;
  readonly DurationSeconds?: number;
}

/** What an STS call returned: the keys, and the response as botocore parses it (what the CLI's cache stores). */
export interface StsResult {
  readonly keys: Keys;
  /**
   * The parsed response: the result's members in model order (timestamps kept
   * as text, as the CLI's parser keeps them), `ResponseMetadata`, and
   * `Credentials.AccountId` when the assumed role's ARN names an account.
   */
  readonly response: Record<string, unknown>;
}

const API_VERSION = '2011-06-15';
/** The Regions botocore sends to the global endpoint when sts_regional_endpoints is `legacy`. */
const LEGACY_GLOBAL_REGIONS = new Set([
  'ap-northeast-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'aws-global',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]);
const GLOBAL_ENDPOINT = 'https://sts.amazonaws.com';

// ------------------------------------------------------------------ endpoint

export interface StsEndpoint {
  /** Where the POST goes, as botocore names it in errors (`https://sts.eu-west-1.amazonaws.com/`). */
  readonly url: string;
  readonly signingRegion: string;
}

/** The endpoint URL with botocore's request path: the endpoint's own path, or `/`. */
function requestUrl(endpoint: string): string {
  const parts = /^([^:/?#]+:\/\/[^/?#]*)([^?#]*)(.*)$/s.exec(endpoint);
  if (!parts) return endpoint;
  return `${parts[1]}${parts[2] || '/'}${parts[3]}`;
}

/** Where botocore's STS client for the invocation's Region sends its calls, and for which Region it signs them. */
export function stsEndpoint(context: CredentialContext): StsEndpoint {
  const profile = context.profiles[context.settings.profile] ?? {};
  const mode = context.env.AWS_STS_REGIONAL_ENDPOINTS ?? profile.sts_regional_endpoints;
  const regional = mode || 'regional';
  if (regional !== 'regional' && regional !== 'legacy') {
    throw new CliError('configuration', `STS regional endpoints option ${regional} is invalid. Valid options are: "legacy", "regional"`);
  }
  const configured = configuredEndpoint({ envSuffix: 'STS', servicesKey: 'sts' }, profile, context.config, context.env);
  if (configured !== undefined) {
    requireValidEndpoint(configured);
    return { url: requestUrl(configured), signingRegion: requireRegion(context.settings) };
  }
  const region = context.settings.region;
  if (region === undefined || region === '') return { url: `${GLOBAL_ENDPOINT}/`, signingRegion: 'us-east-1' };
  const name = requireRegion(context.settings);
  const variant = endpointVariant(context.settings);
  // The global endpoint is only ever the plain one: FIPS or dual-stack asks for the Region's.
  if (!variant.fips && !variant.dualStack && (name === 'aws-global' || (regional === 'legacy' && LEGACY_GLOBAL_REGIONS.has(name)))) {
    return { url: `${GLOBAL_ENDPOINT}/`, signingRegion: 'us-east-1' };
  }
  return { url: `${standardEndpoint('sts', name, variant)}/`, signingRegion: name };
}

// ---------------------------------------------------------------- validation

type Operation = 'AssumeRole' | 'AssumeRoleWithWebIdentity';

/** The minimums botocore's parameter validation checks for what the providers send (lengths in code points). */
const MIN_LENGTH: Readonly<Record<string, number>> = {
  RoleArn: 20,
  RoleSessionName: 2,
  ExternalId: 2,
  SerialNumber: 9,
  TokenCode: 6,
  WebIdentityToken: 4,
};
const MIN_VALUE: Readonly<Record<string, number>> = { DurationSeconds: 900 };

function validate(pairs: ReadonlyArray<readonly [string, string | number]>): void {
  const problems: string[] = [];
  for (const [name, value] of pairs) {
    if (typeof value === 'number') {
      const min = MIN_VALUE[name];
      if (min !== undefined && value < min) problems.push(`Invalid value for parameter ${name}, value: ${value}, valid min value: ${min}`);
    } else {
      const min = MIN_LENGTH[name];
      const length = [...value].length;
      if (min !== undefined && length < min) problems.push(`Invalid length for parameter ${name}, value: ${length}, valid min length: ${min}`);
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

// ------------------------------------------------------------------ response

interface XmlElement {
  readonly name: string;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

/**
 * The element tree of an XML document already known to be well-formed
 * (checkXml): names without their namespace prefix, as botocore reads them;
 * an element's text is what comes before its first child.
 */
function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const token = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>]+)(?:\s[^>]*?)?(\/?)>|([^<]+)/g;
  for (const m of text.matchAll(token)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) {
      if (top.children.length === 0) top.text += m[1];
    } else if (m[2] !== undefined) {
      stack.pop();
    } else if (m[3] !== undefined) {
      const element: XmlElement = { name: m[3].replace(/^[^:]*:/, ''), children: [], text: '' };
      top.children.push(element);
      if (m[4] !== '/') stack.push(element);
    } else if (m[5] !== undefined && top.children.length === 0) {
      top.text += decodeText(m[5]);
    }
  }
  return root.children[0] ?? root;
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** The members of the result structures, in model order; `int` members are integers. */
const RESULT_MEMBERS: Readonly<Record<Operation, readonly string[]>> = {
  AssumeRole: ['Credentials', 'AssumedRoleUser', 'PackedPolicySize:int', 'SourceIdentity'],
  AssumeRoleWithWebIdentity: [
    'Credentials',
    'SubjectFromWebIdentityToken',
    'AssumedRoleUser',
    'PackedPolicySize:int',
    'Provider',
    'Audience',
    'SourceIdentity',
  ],
};
const STRUCTURES: Readonly<Record<string, readonly string[]>> = {
  Credentials: ['AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'],
  AssumedRoleUser: ['AssumedRoleId', 'Arn'],
};

function structure(element: XmlElement, members: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of members) {
    const [name, type] = member.split(':') as [string, string | undefined];
    const node = child(element, name);
    if (!node) continue;
    const nested = STRUCTURES[name];
    if (nested) out[name] = structure(node, nested);
    else if (type === 'int') out[name] = Number.parseInt(node.text, 10);
    else out[name] = node.text;
  }
  return out;
}

function responseMetadata(root: XmlElement | undefined, answer: HttpAnswer, retries: number): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  for (const node of child(root, 'ResponseMetadata')?.children ?? []) metadata[node.name] = node.text;
  return { ...metadata, HTTPStatusCode: answer.status, HTTPHeaders: { ...answer.headers }, RetryAttempts: retries };
}

/** botocore's ResponseParserError for a body that is not XML. */
function unparsable(message: string, body: Buffer): CliError {
  return new CliError('general', `Unable to parse response (${message}), invalid XML received. Further retries may succeed:\n${reprBytes(new Uint8Array(body))}`);
}

/** The account in the assumed role's ARN, as botocore's ArnParser finds it. */
function accountOf(arn: unknown): string | undefined {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return undefined;
  const parts = arn.split(':');
  return parts.length >= 6 ? parts[4] : undefined;
}

/** A missing key is Python's KeyError, which v1 prints as the key's repr. */
function required(record: Record<string, unknown> | undefined, key: string): unknown {
  if (record === undefined || !(key in record)) throw new CliError('general', `'${key}'`);
  return record[key];
}

function keysOf(response: Record<string, unknown>): Keys {
  const credentials = required(response, 'Credentials') as Record<string, unknown>;
  const accessKeyId = String(required(credentials, 'AccessKeyId'));
  const secretAccessKey = String(required(credentials, 'SecretAccessKey'));
  const sessionToken = String(required(credentials, 'SessionToken'));
  const expiration = parseTimestamp(required(credentials, 'Expiration'));
  const accountId = credentials.AccountId;
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration,
    accountId: typeof accountId === 'string' ? accountId : undefined,
  };
}

// --------------------------------------------------------------------- calls

interface Failure {
  readonly code: string;
  readonly message: string;
  readonly status: number;
}

/**
 * What the STS client shares with the EC2 client and its transport. Loaded
 * when a call is made: both reach the SDK, which the paths that send nothing
 * never load.
 */
type ClientTables = typeof import('../client.js');

/** The error in a non-2xx answer, as botocore's query parser reads it. */
function failureOf(answer: HttpAnswer, { reasonPhrase, serviceMessage }: ClientTables): Failure {
  const stripped = answer.body.toString('latin1').replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, '');
  if (answer.status >= 500 && (stripped === '' || stripped.startsWith('<html>'))) {
    return { code: String(answer.status), message: reasonPhrase(answer.status), status: answer.status };
  }
  const text = answer.body.toString('utf8');
  const problem = checkXml(text);
  if (problem) throw unparsable(problem.message, answer.body);
  const root = parseXml(text);
  const error = child(root, 'Error') ?? child(child(root, 'Errors'), 'Error');
  const code = child(error, 'Code');
  const message = child(error, 'Message');
  return {
    code: code ? code.text : 'Unknown',
    message: message ? serviceMessage(message.text) : 'Unknown',
    status: answer.status,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** --debug: the answer as received, as the EC2 exchange is logged. */
function logAnswer(context: CredentialContext, answer: HttpAnswer): void {
  context.debug?.log('botocore.parsers', `Response headers: ${JSON.stringify(answer.headers)}`);
  context.debug?.log('botocore.parsers', `Response body:\n${answer.body.toString('utf8')}`);
}

interface Call {
  readonly operation: Operation;
  readonly args: object;
  /** The keys that sign the call; undefined sends it unsigned. */
  readonly signWith: Keys | undefined;
}

/** The form body's pairs, from the arguments in their order (undefined members are not sent). */
function argumentPairs(args: object): Array<readonly [string, string | number]> {
  return Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [key, typeof value === 'number' ? value : String(value)]);
}

async function signedHeaders(call: Call, endpoint: StsEndpoint, body: string, date: Date): Promise<Record<string, string>> {
  const url = new URL(endpoint.url);
  const headers: Record<string, string> = { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  const keys = call.signWith;
  if (!keys) return headers;
  const { Hash, HttpRequest, SignatureV4 } = await import('../sdk.js');
  const signer = new SignatureV4({
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, sessionToken: keys.sessionToken },
    region: endpoint.signingRegion,
    service: 'sts',
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      headers,
      body,
    }),
    { signingDate: date },
  );
  return signed.headers as Record<string, string>;
}

async function callSts(context: CredentialContext, call: Call): Promise<StsResult> {
  const endpoint = stsEndpoint(context);
  const [{ httpCall }, tables] = await Promise.all([import('./http.js'), import('../client.js')]);
  const pairs = argumentPairs(call.args);
  if (context.settings.parameterValidation) validate(pairs);
  const body = formatFormBody([
    ['Action', call.operation],
    ['Version', API_VERSION],
    ...pairs.map(([k, v]): QueryPair => [k, String(v)]),
  ]);
  const mode = context.settings.retryMode;
  const maxAttempts = context.settings.maxAttempts;
  const invocationId = randomUUID();
  const debug = context.debug;
  // --debug masks the signing keys and the web identity token (as sent, and form-encoded in the body).
  debug?.addSecret(call.signWith?.secretAccessKey);
  debug?.addSecret(call.signWith?.sessionToken);
  for (const [key, value] of pairs) {
    if (key !== 'WebIdentityToken') continue;
    debug?.addSecret(String(value));
    debug?.addSecret(formatFormBody([['', String(value)]]).slice(1));
  }
  for (let attempt = 1; ; attempt += 1) {
    const headers = await signedHeaders(call, endpoint, body, context.now());
    // Not signed (botocore leaves user-agent out of the signature too).
    headers['user-agent'] = USER_AGENT_PRODUCT;
    headers['amz-sdk-invocation-id'] = invocationId;
    headers['amz-sdk-request'] = attempt === 1 ? 'attempt=1' : `attempt=${attempt}; max=${maxAttempts}`;
    debug?.log('botocore.endpoint', `Sending http request: <AWSPreparedRequest stream_output=False, method=POST, url=${endpoint.url}, headers=${JSON.stringify(headers)}>`);
    debug?.log('botocore.endpoint', `Request body: ${body}`);
    let answer: HttpAnswer;
    try {
      answer = await httpCall({
        method: 'POST',
        url: endpoint.url,
        headers,
        body,
        timeoutMs: timeoutsMs(context.clientTimeouts),
        env: context.env,
        caBundle: context.settings.caBundle,
        nameInErrors: endpoint.url,
      });
    } catch (error) {
      // botocore retries every connection failure (refused, reset, timeouts, TLS, proxy), then raises the last.
      if (error instanceof CliError && error.kind === 'connection') {
        if (attempt < maxAttempts) {
          await sleep(backoffMs(mode, attempt));
          continue;
        }
        // botocore names the request URL exactly (transportError adds a '/' to one that does not end in one).
        throw new CliError('connection', error.message.split(`${endpoint.url}/`).join(endpoint.url));
      }
      throw error;
    }
    if (answer.status >= 300) {
      logAnswer(context, answer);
      const failure = failureOf(answer, tables);
      const asRetried = { status: failure.status, code: failure.code, transport: false };
      if (attempt < maxAttempts && isRetryable(mode, asRetried, 'sts')) {
        await sleep(backoffMs(mode, attempt));
        continue;
      }
      const exhausted = reachedMaxAttempts(mode, asRetried, attempt, maxAttempts, 'sts') ? attempt - 1 : undefined;
      throw new ServiceError(failure.code, failure.message, call.operation, exhausted);
    }
    const text = answer.body.toString('utf8');
    const problem = checkXml(text);
    if (problem) {
      logAnswer(context, answer);
      throw unparsable(problem.message, answer.body);
    }
    const root = parseXml(text);
    // The answer's keys are secrets before the answer is logged.
    for (const name of ['SecretAccessKey', 'SessionToken']) debug?.addSecret(child(child(child(root, `${call.operation}Result`), 'Credentials'), name)?.text);
    logAnswer(context, answer);
    const result = child(root, `${call.operation}Result`);
    if (!result) throw new CliError('general', `'${call.operation}Result'`);
    const response = structure(result, RESULT_MEMBERS[call.operation]);
    response.ResponseMetadata = responseMetadata(root, answer, attempt - 1);
    const user = response.AssumedRoleUser as Record<string, unknown> | undefined;
    const accountId = accountOf(user?.Arn);
    const credentials = response.Credentials as Record<string, unknown> | undefined;
    if (accountId !== undefined && credentials) credentials.AccountId = accountId;
    return { keys: keysOf(response), response };
  }
}

/** AssumeRole signed with `source`, with the keys and the parsed response; errors worded as v1 words them. */
export function assumeRoleCall(context: CredentialContext, source: Keys, args: AssumeRoleArgs): Promise<StsResult> {
  return callSts(context, { operation: 'AssumeRole', args, signWith: source });
}

/** AssumeRoleWithWebIdentity (unsigned), with the keys and the parsed response. */
export function assumeRoleWithWebIdentityCall(context: CredentialContext, args: AssumeRoleWithWebIdentityArgs): Promise<StsResult> {
  return callSts(context, { operation: 'AssumeRoleWithWebIdentity', args, signWith: undefined });
}

/** AssumeRole signed with `source`; errors worded as v1 words them (`... when calling the AssumeRole operation: ...`). */
export async function assumeRole(context: CredentialContext, source: Keys, args: AssumeRoleArgs): Promise<Keys> {
  return (await assumeRoleCall(context, source, args)).keys;
}

/** AssumeRoleWithWebIdentity (unsigned). */
export async function assumeRoleWithWebIdentity(context: CredentialContext, args: AssumeRoleWithWebIdentityArgs): Promise<Keys> {
  return (await assumeRoleWithWebIdentityCall(context, args)).keys;
}
