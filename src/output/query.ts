// --query: compiled once at startup (a bad expression fails before any request),
// applied to the response after ResponseMetadata is gone. Python jmespath semantics.

import { CliError } from '../errors.js';
import { fromJs, PyError } from '../python/value.js';
import { evaluate, JmesPathSyntaxError, parseExpression, type Node } from './jmespath.js';

export interface CompiledQuery {
  readonly expression: string;
  /** Applies the expression; throws CliError('general', <Python's message>) where Python raises, RecursionError included. */
  search(data: unknown): unknown;
}

export function compileQuery(expression: string): CompiledQuery {
  let ast: Node;
  try {
    ast = parseExpression(expression);
  } catch (e) {
    if (e instanceof JmesPathSyntaxError) {
      throw new CliError('general', `Bad value for --query ${expression}: ${e.message}`);
    }
    throw e;
  }
  return {
    expression,
    search(data: unknown): unknown {
      try {
        return evaluate(ast, fromJs(data));
      } catch (e) {
        if (e instanceof PyError) throw new CliError('general', e.message);
        throw e;
      }
    },
  };
}
