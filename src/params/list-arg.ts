// Turning the value of a list-of-structures option (--tag-specifications) into
// request data, as the AWS CLI v1 does: JSON or shorthand, decided from the
// first word.
import { CliError, ParamError } from '../errors.js';
import type { ListShape, Shape } from '../model/shapes.js';
import { JSON_MAX_DEPTH, PythonJsonError, jsonLoads } from '../python/json.js';
import { pyLstrip, pyStrip } from '../python/text.js';
import { applyShorthandModel } from './shorthand-model.js';
import { ShorthandSyntaxError, parseShorthand, type ShorthandOptions } from './shorthand.js';

export interface ListArgumentOptions {
  /** Loads `Key@=file://…` values inside shorthand (see ShorthandOptions.loadParamfile). */
  readonly loadParamfile?: ShorthandOptions['loadParamfile'];
}

/** JSON text → value, or `Invalid JSON: <python message>\nJSON received: <text>`. */
function decodeJson(text: string, optionName: string, maxDepth: number): unknown {
  try {
    return jsonLoads(text, { orderedDict: true, maxDepth });
  } catch (e) {
    if (e instanceof PythonJsonError) throw new ParamError(optionName, `Invalid JSON: ${e.message}\nJSON received: ${text}`);
    throw e;
  }
}

function startsLikeJson(text: string): boolean {
  const stripped = pyStrip(text);
  return stripped.startsWith('[') || stripped.startsWith('{');
}

/** `text.lstrip()[0]`: Python raises IndexError on an all-blank word. */
function firstNonBlank(text: string): string {
  const stripped = pyLstrip(text);
  if (stripped === '') throw new CliError('general', 'string index out of range');
  return stripped[0]!;
}

function parseShorthandWord(word: string, optionName: string, options: ListArgumentOptions): unknown {
  try {
    return parseShorthand(word, { loadParamfile: options.loadParamfile });
  } catch (e) {
    if (e instanceof ShorthandSyntaxError) throw new ParamError(optionName, e.message);
    throw e;
  }
}

/** A list element given as JSON: it must be an object (`{…}`). */
function structureFromJsonWord(word: string, optionName: string): unknown {
  if (firstNonBlank(word) === '{') return decodeJson(word, optionName, JSON_MAX_DEPTH.structureWord);
  throw new ParamError(optionName, `Invalid JSON:\n${word}`);
}

function requireListOfStructures(shape: Shape): asserts shape is ListShape {
  if (shape.type !== 'list' || shape.member.type !== 'structure') {
    throw new TypeError('parseListArgument handles lists of structures only');
  }
}

/**
 * The words given to a list option (`--tag-specifications w1 w2 …`, argparse
 * nargs='*'):
 * - no words → [];
 * - first word (stripped) starts with `[` or `{` → JSON: a single `[…]` word is
 *   the whole list, otherwise every word must be one `{…}` object;
 * - otherwise every word is one shorthand structure, then the model fix-ups run.
 *
 * Throws ParamError (`optionName` as shown, e.g. `--tag-specifications`) for JSON
 * and shorthand syntax errors, a general CliError where Python itself fails
 * (blank word among JSON words, int() in shorthand, recursion), or whatever
 * options.loadParamfile throws. The result is not validated.
 */
export function parseListArgument(
  words: readonly string[],
  optionName: string,
  shape: Shape,
  options: ListArgumentOptions = {},
): unknown[] {
  requireListOfStructures(shape);
  if (words.length > 0 && startsLikeJson(words[0]!)) {
    if (words.length === 1 && pyStrip(words[0]!).startsWith('[')) {
      return decodeJson(words[0]!, optionName, JSON_MAX_DEPTH.listOption) as unknown[];
    }
    return words.map((word) => structureFromJsonWord(word, optionName));
  }
  const parsed = words.map((word) => parseShorthandWord(word, optionName, options));
  return applyShorthandModel(parsed, shape);
}

/**
 * One string value for a list option: what a single `file://` word loads to.
 * The AWS CLI handles it differently from words:
 * - text starting (after whitespace) with `[` → the JSON list;
 * - text starting with `{` → each *character* is taken as a JSON word, so it
 *   always fails: `Invalid JSON: Expecting property name enclosed in double
 *   quotes: line 1 column 2 (char 1)\nJSON received: {` (or IndexError when the
 *   text starts with whitespace);
 * - anything else → one shorthand structure (a dict, which then fails
 *   validation as a dict where a list is expected; a trailing newline in the
 *   file is a shorthand syntax error).
 * A `fileb://` value (bytes) fails as Python fails on it.
 */
export function parseListArgumentValue(
  value: string | Uint8Array,
  optionName: string,
  shape: Shape,
  options: ListArgumentOptions = {},
): unknown {
  requireListOfStructures(shape);
  if (value instanceof Uint8Array) {
    // The shorthand parser indexes the bytes and compares ints with str.
    throw new CliError(
      'general',
      value.length === 0
        ? "a bytes-like object is required, not 'str'"
        : "'in <string>' requires string as left operand, not int",
    );
  }
  if (startsLikeJson(value)) {
    if (firstNonBlank(value) === '[') return decodeJson(value, optionName, JSON_MAX_DEPTH.listOption);
    // Iterating over a str yields characters: the first one decides.
    for (const ch of value) structureFromJsonWord(ch, optionName);
    return [];
  }
  const parsed = parseShorthandWord(value, optionName, options);
  return applyShorthandModel(parsed, shape);
}
