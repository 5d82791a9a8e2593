// YAML decoding for --cli-input-yaml, kept in its own module so the yaml
// package is loaded only when YAML input is given. A static named import:
// the bundled package is CommonJS, whose dynamic import has no named exports.
import { parse, YAMLError } from 'yaml';
import { dictFrom, dictSet } from '../python/value.js';

/**
 * The yaml package's own types as the Python value layer knows them: an
 * ordered map (`!!omap`) becomes an ordered dict; a `!!set` stays a Set, which
 * src/python shows as Python shows a set. Shared nodes (aliases) stay shared.
 */
function pythonValues(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const hit = seen.get(value);
  if (hit !== undefined) return hit;
  if (value instanceof Map) {
    const dict = dictFrom([], true);
    seen.set(value, dict);
    for (const [key, item] of value) dictSet(dict, String(key), pythonValues(item, seen));
    return dict;
  }
  if (value instanceof Set) {
    const set = new Set<unknown>();
    seen.set(value, set);
    for (const item of value) set.add(pythonValues(item, seen));
    return set;
  }
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    seen.set(value, list);
    for (const item of value) list.push(pythonValues(item, seen));
    return list;
  }
  const entries = value as Record<string, unknown>;
  seen.set(value, entries);
  for (const key of Object.keys(entries)) entries[key] = pythonValues(entries[key], seen);
  return entries;
}

/** The document, or undefined when the text is not YAML. Warnings are not printed (logLevel 'error' throws errors and stays quiet otherwise). */
export function parseYamlDocument(text: string): { value: unknown } | undefined {
  try {
    return { value: pythonValues(parse(text, { logLevel: 'error' })) };
  } catch (error) {
    if (error instanceof YAMLError) return undefined;
    throw error;
  }
}
