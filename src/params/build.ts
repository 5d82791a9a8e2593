// Option values → the request parameters, in the order botocore would hold
// them: command-line members in model order, then --cli-input-json keys the
// command line did not set, in the JSON's order. Then botocore's validation.
import { CliError, ParamError, ValidationError } from '../errors.js';
import { cliOptionName, type Member, type StructureShape } from '../model/shapes.js';
import type { MemberArgs } from '../parse/index.js';
import type { Env } from '../request/settings.js';
import { parseListArgument, parseListArgumentValue } from './list-arg.js';
import { loadOptionValue, ParamfileError, readLocalParamfile } from './paramfile.js';
import { pythonInt } from '../python/int.js';
import { jsonLoads, PythonJsonError } from '../python/json.js';
import { PyDict, pyTypeName } from '../python/value.js';
import { validateParams } from './validate.js';
import { INPUT_OPTIONS } from '../model/globals.js';
import { flagOf } from '../model/options.js';

/** The operation's parameters: a Python dict, in botocore's order. */
export type Params = PyDict;

export interface ParamContext {
  readonly env: Env;
  /** v1's cli_follow_urlparam: fetch http(s):// option values. */
  readonly followUrls: boolean;
}

/** Members whose values are never fetched from a URL (decision 6: a presigned URL is a value). */
const LITERAL_URL_MEMBERS = new Set(['PresignedUrl']);

/** Shorthand `Key@=file://…`: v1 reports a failed load as a plain error, not a parameter error. */
function loadAtFile(env: Env) {
  return (value: string): string | Uint8Array => {
    try {
      return readLocalParamfile(value, env) ?? value;
    } catch (error) {
      if (error instanceof ParamfileError) throw new CliError('general', error.message);
      throw error;
    }
  };
}

async function memberValue(member: Member, raw: string | boolean | string[], context: ParamContext): Promise<unknown> {
  const optionName = `--${cliOptionName(member.name)}`;
  const followUrls = context.followUrls && !LITERAL_URL_MEMBERS.has(member.name);
  switch (member.shape.type) {
    case 'boolean':
      return raw;
    case 'list': {
      const words = raw as string[];
      const loadParamfile = loadAtFile(context.env);
      if (words.length === 1) {
        const loaded = await loadOptionValue(words[0]!, optionName, context.env, followUrls);
        if (loaded !== words[0]) return parseListArgumentValue(loaded, optionName, member.shape, { loadParamfile });
      }
      return parseListArgument(words, optionName, member.shape, { loadParamfile });
    }
    case 'integer':
      return pythonInt(await loadOptionValue(raw as string, optionName, context.env, followUrls));
    default:
      return loadOptionValue(raw as string, optionName, context.env, followUrls);
  }
}

export async function paramsFromOptions(members: MemberArgs, shape: StructureShape, context: ParamContext): Promise<Params> {
  const params = new PyDict();
  for (const member of shape.members) {
    const raw = members[member.name];
    if (raw !== undefined) params.set(member.name, await memberValue(member, raw, context));
  }
  return params;
}

/** The --cli-input-json document: inline JSON or a file, decoded as Python's json.loads does. */
export async function readInputDocument(value: string, context: ParamContext): Promise<PyDict> {
  const loaded = await loadOptionValue(value, flagOf(INPUT_OPTIONS, 'cliInputJson'), context.env, false);
  const text = typeof loaded === 'string' ? loaded : new TextDecoder().decode(loaded);
  let document: unknown;
  try {
    document = jsonLoads(text);
  } catch (error) {
    if (error instanceof PythonJsonError) {
      throw new ParamError('cli-input-json', `Invalid JSON: ${error.message}\nJSON received: ${text}`);
    }
    throw error;
  }
  if (!(document instanceof PyDict)) throw new CliError('general', `'${pyTypeName(document)}' object has no attribute 'keys'`);
  return document;
}

/** The --cli-input-yaml document (AWS CLI v2): inline YAML or a file, merged like the JSON one. */
export async function readYamlInputDocument(value: string, context: ParamContext): Promise<PyDict> {
  const loaded = await loadOptionValue(value, flagOf(INPUT_OPTIONS, 'cliInputYaml'), context.env, false);
  const text = typeof loaded === 'string' ? loaded : new TextDecoder().decode(loaded);
  const { parseYamlDocument } = await import('./yaml-input.js');
  const parsed = parseYamlDocument(text);
  if (!parsed) throw new ParamError('cli-input-yaml', 'Invalid YAML received.');
  const document = parsed.value;
  if (!(document instanceof PyDict)) {
    throw new ParamError(flagOf(INPUT_OPTIONS, 'cliInputYaml'), `Invalid type: expecting map, received <class '${pyTypeName(document)}'>`);
  }
  return document;
}

/** Top-level merge: a key from the input document is added only where the command line left it unset. */
export function mergeInputDocument(params: Params, document: PyDict): Params {
  const merged = params.copy();
  for (const [key, value] of document) if (!merged.has(key)) merged.set(key, value);
  return merged;
}

/** botocore's client-side validation: every problem at once, or nothing. */
export function checkParams(params: Params, shape: StructureShape): void {
  const problems = validateParams(params, shape);
  if (problems.length > 0) throw new ValidationError(problems);
}
