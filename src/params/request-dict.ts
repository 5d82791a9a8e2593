// What --debug logs as a call is about to be sent, in botocore's words:
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
import { pyRepr } from '../python/repr.js';
import { PyDict } from '../python/value.js';

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
