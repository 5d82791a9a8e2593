// Option values → the request parameters, in the order botocore would hold
// them: command-line members in model order, then --cli-input-json keys the
// command line did not set, in the JSON's order.
import type { Member, StructureShape } from '../model/shapes.js';
import type { MemberArgs } from '../parse/index.js';
import { parsePythonInt } from './python-int.js';

export type Params = Record<string, unknown>;

export interface ValueDecoders {
  /** A string option's value after file:// / http(s):// handling. */
  readonly scalar: (member: Member, optionName: string, value: string) => string | Uint8Array | Promise<string | Uint8Array>;
  /** The words of a list option (shorthand or JSON). */
  readonly list: (member: Member, optionName: string, words: readonly string[]) => unknown | Promise<unknown>;
}

export async function paramsFromOptions(
  members: MemberArgs,
  shape: StructureShape,
  decode: ValueDecoders,
  optionName: (m: Member) => string,
): Promise<Params> {
  const params: Params = {};
  for (const member of shape.members) {
    const raw = members[member.name];
    if (raw === undefined) continue;
    const name = optionName(member);
    switch (member.shape.type) {
      case 'boolean':
        params[member.name] = raw;
        break;
      case 'list':
        params[member.name] = await decode.list(member, name, raw as string[]);
        break;
      case 'integer':
        params[member.name] = parsePythonInt(String(await decode.scalar(member, name, raw as string)));
        break;
      default:
        params[member.name] = await decode.scalar(member, name, raw as string);
    }
  }
  return params;
}

/** Top-level merge: a key from the input document is added only where the command line left it unset. */
export function mergeInputDocument(params: Params, document: Record<string, unknown>): Params {
  const merged: Params = { ...params };
  for (const [key, value] of Object.entries(document)) {
    if (!(key in merged)) merged[key] = value;
  }
  return merged;
}
