// Client-side parameter validation with botocore's rules and wording
// (`Parameter validation failed:` lines). Every problem is collected. In a
// structure: missing required members (model's required order), then unknown
// keys (input order), then the known members (input order), depth first.
// Paths read `input` at the top, then `TagSpecifications[0].Tags[1].Key`.
//
// Types follow Python's isinstance: a bool is also an int (so `true` passes an
// integer member and `false` fails its min of 1), a float is never an int.
// Values use the representation in src/python/value.ts; a key whose value is
// `undefined` counts as absent.
import type { Shape, StructureShape } from '../model/shapes.js';
import { pyClass, pyStr } from '../python/repr.js';
import { dictKeys, hasKey, isDict, isInt } from '../python/value.js';

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
      return isDict(value);
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
      const dict = value as Record<string, unknown>;
      for (const required of shape.required ?? []) {
        if (!hasKey(dict, required)) problems.push(`Missing required parameter in ${pathName(path)}: "${required}"`);
      }
      const memberNames = shape.members.map((m) => m.name);
      const known: string[] = [];
      for (const key of dictKeys(dict)) {
        if (memberNames.includes(key)) known.push(key);
        else problems.push(`Unknown parameter in ${pathName(path)}: "${key}", must be one of: ${memberNames.join(', ')}`);
      }
      for (const key of known) {
        const member = shape.members.find((m) => m.name === key)!;
        check(dict[key], member.shape, `${path}.${key}`, problems);
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
export function validateParams(params: Record<string, unknown>, shape: StructureShape): string[] {
  const problems: string[] = [];
  check(params, shape, '', problems);
  return problems;
}
