// Client-side parameter validation with botocore's rules and wording
// (`Parameter validation failed:` lines). Every problem is collected. In a
// structure: missing required members (model's required order), then unknown
// keys (input order), then the known members (input order), depth first.
// Paths read `input` at the top, then `TagSpecifications[0].Tags[1].Key`.
//
// Types follow Python's isinstance: a bool is also an int (so `true` passes an
// integer member and `false` fails its min of 1), a float is never an int.
// Values use the representation in src/python/value.ts (dicts are PyDicts).
import type { Shape, StructureShape } from '../model/shapes.js';
import { pyClass, pyRepr, pyStr } from '../python/repr.js';
import { isInt, isNumber, numValue, PyDict } from '../python/value.js';

const VALID_TYPES: Record<Shape['type'], string> = {
  string: "<class 'str'>",
  integer: "<class 'int'>",
  boolean: "<class 'bool'>",
  list: "<class 'list'>, <class 'tuple'>",
  structure: "<class 'dict'>",
};

/** isinstance(value, int): a bool is an int too. */
function isPyInt(value: unknown): value is number | bigint | boolean {
  return typeof value === 'boolean' || isInt(value);
}

function hasType(value: unknown, type: Shape['type']): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return isPyInt(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'structure':
      return value instanceof PyDict;
  }
}

function pathName(path: string): string {
  if (path === '') return 'input';
  return path.startsWith('.') ? path.slice(1) : path;
}

function check(value: unknown, shape: Shape, path: string, problems: string[]): void {
  if (!hasType(value, shape.type)) {
    problems.push(
      `Invalid type for parameter ${pathName(path)}, value: ${pyStr(value)}, type: ${pyClass(value)}, valid types: ${VALID_TYPES[shape.type]}`,
    );
    return;
  }
  switch (shape.type) {
    case 'structure': {
      const dict = value as PyDict;
      for (const required of shape.required ?? []) {
        if (!dict.has(required)) problems.push(`Missing required parameter in ${pathName(path)}: "${required}"`);
      }
      const memberNames = shape.members.map((m) => m.name);
      const known: string[] = [];
      for (const key of dict.keys()) {
        if (memberNames.includes(key)) known.push(key);
        else problems.push(`Unknown parameter in ${pathName(path)}: "${key}", must be one of: ${memberNames.join(', ')}`);
      }
      for (const key of known) {
        const member = shape.members.find((m) => m.name === key)!;
        check(dict.get(key), member.shape, `${path}.${key}`, problems);
      }
      return;
    }
    case 'list':
      (value as unknown[]).forEach((item, i) => check(item, shape.member, `${path}[${i}]`, problems));
      return;
    case 'integer':
      if (shape.min !== undefined) {
        const n = value as number | bigint | boolean;
        const below = typeof n === 'bigint' ? n < BigInt(shape.min) : Number(n) < shape.min;
        if (below) {
          problems.push(`Invalid value for parameter ${pathName(path)}, value: ${pyStr(n)}, valid min value: ${shape.min}`);
        }
      }
      return;
    default:
      return;
  }
}

/**
 * botocore's problem lines for `params` against the operation's input shape,
 * in botocore's order; [] when valid. Wrap a non-empty result in
 * `new ValidationError(problems)`.
 */
export function validateParams(params: PyDict, shape: StructureShape): string[] {
  const problems: string[] = [];
  check(params, shape, '', problems);
  return problems;
}

/**
 * With parameter_validation off, botocore's query serializer still looks every
 * key up in its structure's members, in input order, and fails on the first
 * unknown one with a KeyError: printed as the key's repr (`'Nope'`).
 */
export function serializerKeyError(value: unknown, shape: Shape): string | undefined {
  if (shape.type === 'structure' && value instanceof PyDict) {
    for (const [key, item] of value) {
      const member = shape.members.find((m) => m.name === key);
      if (!member) return pyRepr(key);
      const inner = serializerKeyError(item, member.shape);
      if (inner !== undefined) return inner;
    }
  } else if (shape.type === 'list' && Array.isArray(value)) {
    for (const item of value) {
      const inner = serializerKeyError(item, shape.member);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/** Python's truth value of a parameter value. */
function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return false;
  if (isNumber(value)) return numValue(value) !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof PyDict) return value.size > 0;
  return true;
}

/**
 * With parameter_validation off, botocore's serializer writes a boolean
 * member as `true`/`false` by the value's truth, whatever its type: the same
 * values, as the SDK then serializes them.
 */
export function serializerBooleans(value: unknown, shape: Shape): unknown {
  if (shape.type === 'boolean') return typeof value === 'boolean' ? value : pyTruthy(value);
  if (shape.type === 'structure' && value instanceof PyDict) {
    const out = new PyDict();
    for (const [key, item] of value) {
      const member = shape.members.find((m) => m.name === key);
      out.set(key, member ? serializerBooleans(item, member.shape) : item);
    }
    return out;
  }
  if (shape.type === 'list' && Array.isArray(value)) return value.map((item) => serializerBooleans(item, shape.member));
  return value;
}
