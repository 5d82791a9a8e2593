// YAML decoding for --cli-input-yaml, kept in its own module so the yaml
// package is loaded only when YAML input is given. A static named import:
// the bundled package is CommonJS, whose dynamic import has no named exports.
import { parseDocument, stringify, visit, YAMLError } from 'yaml';
import { PyDatetime, PyDict } from '../python/value.js';

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

/** The document, or undefined when the text is not YAML. Warnings are not printed. */
export function parseYamlDocument(text: string): { value: unknown } | undefined {
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
