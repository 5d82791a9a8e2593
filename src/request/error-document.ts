// The code and message of an error answer, read from its tree as botocore's
// EC2 parser reads them (QueryParser._do_error_parse, _replace_nodes): every
// element with children becomes a dict of its children (of the first of
// repeated ones), every other element its text (None when empty); the
// `Errors` entry is merged into the top level; the message is str() of what
// `Error.Message` holds (`{'b': 'x'}` for markup, None, or Unknown when
// missing). What would raise a Python exception raises v1's message.
import { CliError } from '../errors.js';
import { pyStr } from '../python/repr.js';
import { PyDict } from '../python/value.js';
import { PYTHON_NESTING_LIMIT, type XmlElement } from './xml-check.js';

type Value = string | null | PyDict;

const pythonError = (message: string) => new CliError('general', message);

/** _build_name_to_xml_node: children by tag, repeated tags as lists; of a list, its first element's. */
function byName(node: XmlElement | XmlElement[]): Map<string, XmlElement | XmlElement[]> {
  const element = Array.isArray(node) ? node[0]! : node;
  const out = new Map<string, XmlElement | XmlElement[]>();
  for (const child of element.children) {
    const seen = out.get(child.name);
    if (seen === undefined) out.set(child.name, child);
    else if (Array.isArray(seen)) seen.push(child);
    else out.set(child.name, [seen, child]);
  }
  return out;
}

/** _replace_nodes; `depth` counts the levels below the root, for Python's recursion limit. */
function replaceNodes(nodes: Map<string, XmlElement | XmlElement[]>, depth: number): PyDict {
  const out = new PyDict();
  for (const [key, value] of nodes) {
    const items = Array.isArray(value) ? value : value.children;
    if (items.length === 0) {
      out.set(key, (value as XmlElement).text ?? null);
      continue;
    }
    // The value's own children are one level deeper than it (the root's children are at level 2, depth 0).
    if (depth + 3 >= PYTHON_NESTING_LIMIT) throw pythonError('maximum recursion depth exceeded while calling a Python object');
    out.set(key, replaceNodes(byName(value), depth + 1));
  }
  return out;
}

const typeName = (value: unknown) => (value === null ? 'NoneType' : typeof value === 'string' ? 'str' : 'dict');

export interface ErrorDocument {
  /** Error.Code as botocore reads it (Unknown when missing). */
  readonly code: string;
  /** str() of Error.Message (Unknown when missing). */
  readonly message: string;
}

/** The error answer's code and message, or v1's message for what makes botocore raise. */
export function readErrorDocument(root: XmlElement): ErrorDocument {
  const parsed = replaceNodes(byName(root), 0);
  if (parsed.has('Errors')) {
    const errors = parsed.get('Errors') as Value;
    parsed.delete('Errors');
    // dict.update(): a dict merges; a string is a sequence of one-character items; None is no sequence.
    if (errors === null) throw pythonError("'NoneType' object is not iterable");
    if (typeof errors === 'string') throw pythonError('dictionary update sequence element #0 has length 1; 2 is required');
    for (const [key, value] of errors) parsed.set(key, value);
  }
  const error = parsed.has('Error') ? (parsed.get('Error') as Value) : new PyDict();
  if (error === null || typeof error === 'string') throw pythonError(`'${typeName(error)}' object has no attribute 'get'`);
  const code = error.has('Code') ? error.get('Code') : 'Unknown';
  // botocore looks the code up in a dict of modeled errors.
  if (code instanceof PyDict) throw pythonError("unhashable type: 'dict'");
  return { code: pyStr(code), message: error.has('Message') ? pyStr(error.get('Message')) : 'Unknown' };
}

/** The error answer as the SDK's service errors look (what client.ts translates into v1's text). */
export function errorDocumentError(root: XmlElement, status: number): Error {
  const { code, message } = readErrorDocument(root);
  return Object.assign(new Error(message), {
    name: code,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    // Shown as it is: botocore's str() of the value.
    $reason: message,
    Error: { Code: code, Message: message },
  });
}
