// v1's `--output text` (awscli/text.py): scalars as Python str(), dicts as a sorted
// tab-joined line of their scalar values, lists of dicts with the union of their
// scalar keys, identifiers upper-cased.

import { compareStr } from '../python/compare.js';
import { pyStr } from '../python/repr.js';
import { fromJs, isDict, pyTypeName, PyError, type PyDict } from '../python/value.js';
import { FormatterError } from './formatter-error.js';

const isContainer = (x: unknown): boolean => Array.isArray(x) || isDict(x);

export function formatText(value: unknown): string {
  const out: string[] = [];
  try {
    formatAny(fromJs(value), out, null, null);
  } catch (e) {
    if (e instanceof PyError) throw new FormatterError(e.message, out.join(''));
    throw e;
  }
  return out.join('');
}

function formatAny(item: unknown, out: string[], identifier: string | null, scalarKeys: string[] | null): void {
  if (isDict(item)) formatDict(scalarKeys, item, identifier, out);
  else if (Array.isArray(item)) formatList(item, identifier, out);
  else out.push(`${pyStr(item)}\n`);
}

function formatList(item: unknown[], identifier: string | null, out: string[]): void {
  if (item.length === 0) return;
  if (item.some(isDict)) {
    const allKeys = allScalarKeys(item);
    for (const element of item) formatAny(element, out, identifier, allKeys);
  } else if (item.some(Array.isArray)) {
    const scalars = item.filter((el) => !isContainer(el));
    const nonScalars = item.filter(isContainer);
    if (scalars.length > 0) formatScalarList(scalars, identifier, out);
    for (const nonScalar of nonScalars) formatAny(nonScalar, out, identifier, null);
  } else {
    formatScalarList(item, identifier, out);
  }
}

function formatScalarList(elements: unknown[], identifier: string | null, out: string[]): void {
  if (identifier !== null) {
    for (const el of elements) out.push(`${identifier.toUpperCase()}\t${pyStr(el)}\n`);
  } else {
    out.push(`${elements.map(pyStr).join('\t')}\n`);
  }
}

function formatDict(scalarKeys: string[] | null, item: PyDict, identifier: string | null, out: string[]): void {
  const scalars: string[] = [];
  const nonScalars: [string, unknown][] = [];
  if (scalarKeys === null) {
    for (const key of item.keys().sort(compareStr)) {
      const value = item.get(key);
      if (isContainer(value)) nonScalars.push([key, value]);
      else scalars.push(pyStr(value));
    }
  } else {
    for (const key of scalarKeys) scalars.push(item.has(key) ? pyStr(item.get(key)) : '');
    const known = new Set(scalarKeys);
    for (const key of item.keys().filter((k) => !known.has(k)).sort(compareStr)) {
      nonScalars.push([key, item.get(key)]);
    }
  }
  if (scalars.length > 0) {
    if (identifier !== null) scalars.unshift(identifier.toUpperCase());
    out.push(`${scalars.join('\t')}\n`);
  }
  for (const [key, value] of nonScalars) formatAny(value, out, key, null);
}

function allScalarKeys(list: unknown[]): string[] {
  const seen = new Set<string>();
  for (const element of list) {
    if (!isDict(element)) throw new PyError(`'${pyTypeName(element)}' object has no attribute 'items'`);
    for (const [key, value] of element) if (!isContainer(value)) seen.add(key);
  }
  return [...seen].sort(compareStr);
}
