// botocore writes query parameters in the order the parameter dict holds its
// keys (command-line options in model order, then keys only --cli-input-json
// gave, nested keys as the user wrote them). The SDK writes them in model
// order. This puts the SDK's pairs into botocore's order.
import type { Member, Shape, StructureShape } from '../model/shapes.js';
import type { QueryPair } from './query-encoding.js';

const LEADING = ['Action', 'Version'];

/** Position of each segment of a flattened key (`TagSpecification.1.Tag.2.Key`) within `params`. */
function rankOf(key: string, params: Record<string, unknown>, shape: StructureShape): number[] {
  const leading = LEADING.indexOf(key);
  if (leading >= 0) return [-2 + leading];
  const segments = key.split('.');
  const ranks: number[] = [];
  let value: unknown = params;
  let current: Shape | undefined = shape;
  for (let i = 0; i < segments.length && current; i++) {
    const segment = segments[i]!;
    if (current.type === 'structure') {
      const member: Member | undefined = current.members.find((m) => m.wireName === segment);
      const keys = value && typeof value === 'object' ? Object.keys(value) : [];
      if (!member) return [...ranks, Number.MAX_SAFE_INTEGER];
      const position = keys.indexOf(member.name);
      ranks.push(position < 0 ? Number.MAX_SAFE_INTEGER : position);
      value = (value as Record<string, unknown> | undefined)?.[member.name];
      current = member.shape;
    } else if (current.type === 'list') {
      ranks.push(Number(segment));
      value = Array.isArray(value) ? value[Number(segment) - 1] : undefined;
      current = current.member;
    } else {
      break;
    }
  }
  return ranks;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

export function orderLikeBotocore(pairs: readonly QueryPair[], params: Record<string, unknown>, shape: StructureShape): QueryPair[] {
  return pairs
    .map((pair, index) => ({ pair, index, rank: rankOf(pair[0], params, shape) }))
    .sort((x, y) => compareRanks(x.rank, y.rank) || x.index - y.index)
    .map(({ pair }) => pair);
}
