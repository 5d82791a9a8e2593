// YAML decoding for --cli-input-yaml, kept in its own module so the yaml
// package is loaded only when YAML input is given. A static named import:
// the bundled package is CommonJS, whose dynamic import has no named exports.
import { parseDocument, Parser, stringify, visit, YAMLError } from 'yaml';
import { CliError } from '../errors.js';
import { PyDatetime, PyDict } from '../python/value.js';

/**
 * How deeply collections may nest. AWS CLI v2's YAML loader composes nodes
 * recursively, so Python stops a deep document with RecursionError; the yaml
 * package would overflow the JS stack somewhat deeper (and, in one process
 * used for several documents, abort V8). No v1 exists to measure: the limit
 * is where PyYAML's composer (two frames per level, from about 20 deep)
 * would stop, well below the yaml package's own breaking point.
 */
export const YAML_MAX_DEPTH = 490;

interface CstNode {
  readonly type: string;
  readonly value?: CstNode;
  readonly key?: CstNode | null;
  readonly items?: readonly { readonly key?: CstNode | null; readonly value?: CstNode }[];
}

/** The deepest collection nesting of the text's concrete syntax tree, walked without recursion. */
function nestingDepth(text: string): number {
  let deepest = 0;
  const pending: [CstNode, number][] = [];
  for (const token of new Parser().parse(text)) pending.push([token as CstNode, 0]);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    const inner = node.items !== undefined ? depth + 1 : depth;
    deepest = Math.max(deepest, inner);
    if (node.value) pending.push([node.value, inner]);
    for (const item of node.items ?? []) {
      if (item.key) pending.push([item.key, inner]);
      if (item.value) pending.push([item.value, inner]);
    }
  }
  return deepest;
}

const OMAP_TAG = 'tag:yaml.org,2002:omap';

/**
 * A mapping key as a dict key, as the yaml package writes keys of plain
 * objects: null is '', a scalar its String(), a collection in flow style (`[ a ]`).
 */
function dictKey(key: unknown): string {
  if (key === null) return '';
  if (typeof key !== 'object') return String(key);
  return stringify(key, { collectionStyle: 'flow' }).trimEnd();
}

/**
 * The yaml package's values (mappings read as Maps, so that keys keep their
 * order whatever they look like) as Python values: a mapping becomes a dict,
 * an ordered map (`!!omap`) an OrderedDict, a `!!timestamp` a datetime; a
 * `!!set` stays a Set, which src/python shows as Python shows a set. Shared nodes (aliases) stay shared.
 */
function pythonValues(value: unknown, omaps: WeakSet<object>, seen = new Map<object, unknown>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new PyDatetime(value);
  const hit = seen.get(value);
  if (hit !== undefined) return hit;
  if (value instanceof Map) {
    const dict = new PyDict([], omaps.has(value));
    seen.set(value, dict);
    for (const [key, item] of value) dict.set(dictKey(key), pythonValues(item, omaps, seen));
    return dict;
  }
  if (value instanceof Set) {
    const set = new Set<unknown>();
    seen.set(value, set);
    for (const item of value) set.add(pythonValues(item, omaps, seen));
    return set;
  }
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    seen.set(value, list);
    for (const item of value) list.push(pythonValues(item, omaps, seen));
    return list;
  }
  return value;
}

/**
 * The document, or undefined when the text is not YAML. Warnings are not
 * printed (logLevel 'error' throws errors and stays quiet otherwise). Nesting
 * deeper than YAML_MAX_DEPTH is Python's RecursionError (a general CliError).
 */
export function parseYamlDocument(text: string): { value: unknown } | undefined {
  if (nestingDepth(text) > YAML_MAX_DEPTH) throw new CliError('general', 'maximum recursion depth exceeded');
  try {
    const doc = parseDocument(text, { logLevel: 'error' });
    if (doc.errors.length > 0) return undefined;
    // Every mapping comes out as a Map; the Maps of ordered maps are noted as they are made.
    const omaps = new WeakSet<object>();
    visit(doc, {
      Seq(_, node) {
        if (node.tag !== OMAP_TAG) return;
        const toJSON = node.toJSON.bind(node);
        node.toJSON = (...args: Parameters<typeof toJSON>) => {
          const made: unknown = toJSON(...args);
          if (typeof made === 'object' && made !== null) omaps.add(made);
          return made as ReturnType<typeof toJSON>;
        };
      },
    });
    return { value: pythonValues(doc.toJS({ mapAsMap: true }), omaps) };
  } catch (error) {
    if (error instanceof YAMLError) return undefined;
    throw error;
  }
}
