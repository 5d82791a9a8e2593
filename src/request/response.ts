// The SDK's parsed response as the AWS CLI shows it: members in model order,
// absent members left out, the response metadata dropped.
import type { Shape } from '../model/shapes.js';

export function inModelOrder(value: unknown, shape: Shape): unknown {
  if (value === undefined || value === null) return value;
  if (shape.type === 'list') return Array.isArray(value) ? value.map((v) => inModelOrder(v, shape.member)) : value;
  if (shape.type !== 'structure' || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const member of shape.members) {
    if (source[member.name] !== undefined) ordered[member.name] = inModelOrder(source[member.name], member.shape);
  }
  return ordered;
}
