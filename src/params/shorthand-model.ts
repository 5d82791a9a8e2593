// The model-driven fix-ups the AWS CLI applies after parsing shorthand (its
// "back-compat" pass), walking the parsed value alongside the shape:
// - a member whose shape is a list but whose value is not a list becomes [value]
//   (the wrapped value is not walked further);
// - integer members go through Python int() (general error when that fails);
// - boolean members become true/false when the text is `true`/`false` in any
//   case; any other text is left as it is (validation then rejects it);
// - keys the shape does not know are left alone (validation reports them).
// The value passed in is never replaced itself, only what is inside it: the
// AWS CLI runs this pass with a throw-away parent, so a dict given where a list
// is expected stays a dict (and fails validation).
import { CliError } from '../errors.js';
import type { Shape } from '../model/shapes.js';
import { pythonInt } from '../python/int.js';
import { PyDict, pyTypeName } from '../python/value.js';

/** Applies the fix-ups in place and returns `value`. Throws a general CliError where Python would raise. */
export function applyShorthandModel<T>(value: T, shape: Shape): T {
  visit(value, shape, undefined);
  return value;
}

type Slot = { readonly parent: PyDict | unknown[]; readonly key: string | number } | undefined;

function put(slot: Slot, value: unknown): void {
  if (!slot) return;
  if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  else slot.parent.set(slot.key as string, value);
}

function visit(value: unknown, shape: Shape, slot: Slot): void {
  switch (shape.type) {
    case 'structure':
      if (!(value instanceof PyDict)) return;
      for (const member of shape.members) {
        if (value.has(member.name)) visit(value.get(member.name), member.shape, { parent: value, key: member.name });
      }
      return;
    case 'list':
      if (!Array.isArray(value)) {
        if (value !== null && value !== undefined) put(slot, [value]);
        return;
      }
      value.forEach((item, i) => visit(item, shape.member, { parent: value, key: i }));
      return;
    case 'integer':
      if (value === null || value === undefined) return;
      put(slot, pythonInt(value));
      return;
    case 'boolean': {
      if (value === null || value === undefined) return;
      let lowered: string;
      if (typeof value === 'string') lowered = value.toLowerCase();
      else if (value instanceof Uint8Array) return; // bytes.lower() never equals a str
      else throw new CliError('general', `'${pyTypeName(value)}' object has no attribute 'lower'`);
      if (lowered === 'true') put(slot, true);
      else if (lowered === 'false') put(slot, false);
      return;
    }
    case 'string':
      return;
  }
}
