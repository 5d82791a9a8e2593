// What botocore's EC2 serializer makes of the parameters (a Python dict):
//
// - sdkInput(): the SDK's input, made here and nowhere else. botocore's body
//   dict holds ints, floats, None and a bool given to a string or integer
//   member (parameter_validation off) as they are, and urlencode() writes
//   their str(): `1.0`, `True`, `None`, `1e+16`. The SDK writes String() of
//   what it is given, so such values are given to it as Python's str() of them.
//
// - makingRequestMessage(): what --debug logs as a call is about to be sent:
//   Making request for OperationModel(name=CopySnapshot) with params: {'url_path': '/', …}
// botocore prints its request_dict there, a Python dict whose body holds the
// parameters as its EC2 serializer flattened them (in the parameter dict's
// order, integers as they are). We print the same dict through the
// Python-repr layer, less what only botocore has at that point: the
// User-Agent header, the `context` (a Python object's address), and the
// PresignedUrl/DestinationRegion a CopySnapshot gets just before it is signed
// (the `Request body:` line shows the body as sent).
import { COPY_SNAPSHOT } from '../model/copy-snapshot.js';
import type { Member, Shape, StructureShape } from '../model/shapes.js';
import { pyRepr, pyStr } from '../python/repr.js';
import { PyDict, PyFloat, toJs } from '../python/value.js';

const STRING: Shape = { type: 'string' };
const member = (name: string, wireName: string, shape: Shape): Member => ({ name, wireName, shape, summary: '' });

/** DescribeSnapshots' input, as far as --wait and bulk copies use it. */
const DESCRIBE_SNAPSHOTS_INPUT: StructureShape = {
  type: 'structure',
  members: [
    member(
      'Filters',
      'Filter',
      { type: 'list', member: { type: 'structure', members: [member('Name', 'Name', STRING), member('Values', 'Value', { type: 'list', member: STRING })] } },
    ),
    member('OwnerIds', 'Owner', { type: 'list', member: STRING }),
    member('SnapshotIds', 'SnapshotId', { type: 'list', member: STRING }),
    member('NextToken', 'NextToken', STRING),
  ],
};

const INPUTS = { CopySnapshot: COPY_SNAPSHOT.input, DescribeSnapshots: DESCRIBE_SNAPSHOTS_INPUT } as const;

/**
 * botocore's EC2Serializer into `body`: keys flattened with the members' wire
 * names, list items numbered from 1, booleans as 'true'/'false', other
 * scalars as they are. A value of another type than its shape's (only with
 * parameter_validation off) is written as it is.
 */
function serialize(body: PyDict, value: unknown, shape: Shape, prefix: string): void {
  if (shape.type === 'structure' && value instanceof PyDict) {
    for (const [key, item] of value) {
      const found = shape.members.find((m) => m.name === key);
      if (found) serialize(body, item, found.shape, prefix === '' ? found.wireName : `${prefix}.${found.wireName}`);
    }
  } else if (shape.type === 'list' && Array.isArray(value)) {
    value.forEach((item, i) => serialize(body, item, shape.member, `${prefix}.${i + 1}`));
  } else if (shape.type === 'boolean' && typeof value === 'boolean') {
    body.set(prefix, value ? 'true' : 'false');
  } else {
    body.set(prefix, value);
  }
}

/**
 * A value as the SDK is to serialize it where `shape` (undefined: a key the
 * model does not know) expects it. A container met again (a YAML alias inside
 * itself, only with parameter_validation off) is the copy already made.
 */
function sdkValue(value: unknown, shape: Shape | undefined, made = new Map<object, unknown>()): unknown {
  if (value instanceof PyDict || Array.isArray(value)) {
    const again = made.get(value);
    if (again !== undefined) return again;
  }
  if (value instanceof PyDict) {
    const out: Record<string, unknown> = {};
    made.set(value, out);
    for (const [key, item] of value) {
      const found = shape?.type === 'structure' ? shape.members.find((m) => m.name === key) : undefined;
      Object.defineProperty(out, key, { value: sdkValue(item, found?.shape, made), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    made.set(value, out);
    for (const item of value) out.push(sdkValue(item, shape?.type === 'list' ? shape.member : undefined, made));
    return out;
  }
  const scalar = value === null || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value instanceof PyFloat;
  if (scalar && (shape?.type === 'string' || shape?.type === 'integer')) return pyStr(value);
  return toJs(value);
}

/** The CopySnapshot parameters as the SDK's input (plain objects; see above for scalars). */
export function sdkInput(params: PyDict): Record<string, unknown> {
  return sdkValue(params, COPY_SNAPSHOT.input) as Record<string, unknown>;
}

/** botocore's URL for the request: the endpoint with `/` as its path when it has none. */
function requestUrl(endpoint: string): string {
  return endpoint.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*)(?=[?#]|$)/, '$1/');
}

/** The `Making request for OperationModel(...)` debug message for a call with these parameters. */
export function makingRequestMessage(operation: keyof typeof INPUTS, params: PyDict, endpoint: string): string {
  const body = new PyDict([
    ['Action', operation],
    ['Version', COPY_SNAPSHOT.apiVersion],
  ]);
  serialize(body, params, INPUTS[operation], '');
  const requestDict = new PyDict([
    ['url_path', '/'],
    ['query_string', ''],
    ['method', 'POST'],
    ['headers', new PyDict([['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8']])],
    ['body', body],
    ['url', requestUrl(endpoint)],
  ]);
  return `Making request for OperationModel(name=${operation}) with params: ${pyRepr(requestDict)}`;
}
