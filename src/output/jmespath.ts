// A JMESPath engine that behaves as Python's `jmespath` 1.x does inside the AWS CLI:
// the same grammar quirks, the same results (Python equality, ordering, int/float),
// and the same error texts, in code points as Python counts them.

import { pyEquals, pyLess } from '../python/compare.js';
import { pyIntFromStr } from '../python/int.js';
import { CliError } from '../errors.js';
import { jsonDumps, jsonLoads, PythonJsonError, type JsonDumpsOptions } from '../python/json.js';
import { pyStr } from '../python/repr.js';
import { CALLING, GETTING_REPR, IN_COMPARISON, IN_INSTANCECHECK, PY_RECURSION_LIMIT, PyRecursionError, PyStack } from '../python/recursion.js';
import { numberTextToAscii, pyLstrip } from '../python/text.js';
import {
  ExpRef,
  PyError,
  PyTypeError,
  PyValueError,
  getKey,
  isDict,
  isFloat,
  isNumber,
  numValue,
  PyDict,
  pyFloat,
  pyInt,
  pyTypeName,
  type PyFloat,
  type PyTypeName,
} from '../python/value.js';

// ---------------------------------------------------------------- errors

/** A compile-time error; `message` is Python's str(exception). */
export class JmesPathSyntaxError extends PyError {}

class LexError {
  constructor(
    readonly position: number,
    readonly message: string,
  ) {}
}

class ParseError {
  constructor(
    readonly position: number,
    readonly tokenValue: string,
    readonly tokenType: string,
    readonly message: string,
  ) {}
}

class IncompleteError {}

// ---------------------------------------------------------------- lexer

interface Token {
  type: string;
  value: unknown;
  /** str(value) as Python prints it in error messages. */
  text: string;
  start: number;
}

const SIMPLE_TOKENS: Record<string, string> = {
  '.': 'dot',
  '*': 'star',
  ']': 'rbracket',
  ',': 'comma',
  ':': 'colon',
  '@': 'current',
  '(': 'lparen',
  ')': 'rparen',
  '{': 'lbrace',
  '}': 'rbrace',
};

const isStartIdent = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z_]$/.test(c);
const isIdent = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9_]$/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

class Lexer {
  private readonly chars: string[];
  private pos = 0;
  private cur: string | undefined;
  private readonly tokens: Token[] = [];

  /** @param jsonDepth how deeply a literal's JSON may nest before Python's json.loads reaches the recursion limit here. */
  constructor(
    private readonly expression: string,
    private readonly jsonDepth = Infinity,
  ) {
    this.chars = Array.from(expression);
    this.cur = this.chars[0];
  }

  /** Advances; at the last character the position stays and the current becomes undefined. */
  private next(): string | undefined {
    if (this.pos === this.chars.length - 1) {
      this.cur = undefined;
    } else {
      this.pos += 1;
      this.cur = this.chars[this.pos];
    }
    return this.cur;
  }

  private push(type: string, value: unknown, start: number, text = pyStr(value)): void {
    this.tokens.push({ type, value, text, start });
  }

  tokenize(): Token[] {
    while (this.cur !== undefined) {
      const c = this.cur;
      const simple = SIMPLE_TOKENS[c];
      if (simple !== undefined) {
        this.push(simple, c, this.pos);
        this.next();
      } else if (isStartIdent(c)) {
        const start = this.pos;
        let buff = c;
        while (isIdent(this.next())) buff += this.cur;
        this.push('unquoted_identifier', buff, start);
      } else if (WHITESPACE.has(c)) {
        this.next();
      } else if (c === '[') {
        const start = this.pos;
        const n = this.next();
        if (n === ']') {
          this.next();
          this.push('flatten', '[]', start);
        } else if (n === '?') {
          this.next();
          this.push('filter', '[?', start);
        } else {
          this.push('lbracket', '[', start);
        }
      } else if (c === "'") {
        const start = this.pos;
        const lexeme = this.consumeUntil("'").replaceAll("\\'", "'");
        this.push('literal', lexeme, start);
      } else if (c === '|') {
        this.matchOrElse('|', 'or', 'pipe');
      } else if (c === '&') {
        this.matchOrElse('&', 'and', 'expref');
      } else if (c === '`') {
        this.literal();
      } else if (isDigit(c) || c === '-') {
        const start = this.pos;
        let buff = c;
        while (isDigit(this.next())) buff += this.cur;
        if (c === '-' && buff.length === 1) throw new LexError(start, "Unknown token '-'");
        const big = BigInt(buff);
        this.push('number', Number(big), start, big.toString());
      } else if (c === '"') {
        this.quotedIdentifier();
      } else if (c === '<') {
        this.matchOrElse('=', 'lte', 'lt');
      } else if (c === '>') {
        this.matchOrElse('=', 'gte', 'gt');
      } else if (c === '!') {
        this.matchOrElse('=', 'ne', 'not');
      } else if (c === '=') {
        if (this.next() === '=') {
          this.push('eq', '==', this.pos - 1);
          this.next();
        } else {
          const position = this.cur === undefined ? this.pos : this.pos - 1;
          throw new LexError(position, "Unknown token '='");
        }
      } else {
        throw new LexError(this.pos, `Unknown token ${c}`);
      }
    }
    this.push('eof', '', this.chars.length);
    return this.tokens;
  }

  private consumeUntil(delimiter: string): string {
    const start = this.pos;
    let buff = '';
    this.next();
    while (this.cur !== delimiter) {
      if (this.cur === '\\') {
        buff += '\\';
        this.next();
      }
      if (this.cur === undefined) throw new LexError(start, `Unclosed ${delimiter} delimiter`);
      buff += this.cur;
      this.next();
    }
    this.next();
    return buff;
  }

  private literal(): void {
    const start = this.pos;
    const lexeme = this.consumeUntil('`').replaceAll('\\`', '`');
    let value: unknown;
    try {
      value = loads(lexeme, this.jsonDepth);
    } catch (e) {
      // RecursionError is no ValueError: it is not caught.
      if (!(e instanceof PythonJsonError)) throw e;
      // JEP-12's deprecated form: anything that is not JSON is read as a JSON string body.
      try {
        value = loads(`"${pyLstrip(lexeme)}"`);
      } catch {
        throw new LexError(start, `Bad token ${lexeme}`);
      }
    }
    this.push('literal', value, start);
  }

  private quotedIdentifier(): void {
    const start = this.pos;
    const lexeme = `"${this.consumeUntil('"')}"`;
    let value: unknown;
    try {
      value = loads(lexeme);
    } catch (e) {
      const reason = (e as Error).message.split(':')[0] ?? '';
      throw new LexError(start, reason);
    }
    this.push('quoted_identifier', value, start);
  }

  private matchOrElse(expected: string, matchType: string, elseType: string): void {
    const start = this.pos;
    const current = this.cur!;
    const n = this.next();
    if (n === expected) {
      this.next();
      this.push(matchType, current + n, start);
    } else {
      this.push(elseType, current, start);
    }
  }
}

/** json.loads as jmespath's lexer calls it; nesting deeper than maxDepth is Python's RecursionError. */
function loads(text: string, maxDepth = Infinity): unknown {
  try {
    return jsonLoads(text, { maxDepth });
  } catch (e) {
    if (e instanceof CliError) throw new PyRecursionError(e.message);
    throw e;
  }
}

// ---------------------------------------------------------------- parser

export interface Node {
  type: string;
  value?: unknown;
  children: Node[];
}

const node = (type: string, children: Node[] = [], value?: unknown): Node =>
  value === undefined ? { type, children } : { type, children, value };

const BINDING_POWER: Record<string, number> = {
  eof: 0,
  unquoted_identifier: 0,
  quoted_identifier: 0,
  literal: 0,
  rbracket: 0,
  rparen: 0,
  comma: 0,
  rbrace: 0,
  number: 0,
  current: 0,
  expref: 0,
  colon: 0,
  pipe: 1,
  or: 2,
  and: 3,
  eq: 5,
  gt: 5,
  lt: 5,
  gte: 5,
  lte: 5,
  ne: 5,
  flatten: 9,
  star: 20,
  filter: 21,
  dot: 40,
  not: 45,
  lbrace: 50,
  lbracket: 55,
  lparen: 60,
};
const PROJECTION_STOP = 10;

/** Token types with a _token_nud_* method; any other goes to _error_nud_token. */
const NUD_TYPES = new Set([
  'literal', 'unquoted_identifier', 'quoted_identifier', 'star', 'filter', 'lbrace',
  'lparen', 'flatten', 'not', 'lbracket', 'current', 'expref',
]);

const pyListRepr = (items: readonly string[]): string => `[${items.map((s) => `'${s}'`).join(', ')}]`;

/**
 * The parser of jmespath/parser.py, one method per Python method. Python's
 * stack is counted (see src/python/recursion.ts): every method that the
 * Python parser runs as a frame of its own runs through `py.frame`, so that a
 * deep expression fails with RecursionError where Python's does, at the same
 * depth and with the same message. Python's one-line helpers (_advance,
 * _current_token, ast.*) are the `+1` of each frame.
 */
class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly py: PyStack,
  ) {}

  /** Parser._parse (the frame `py` stands in). */
  parse(): Node {
    const parsed = this.expression(0);
    if (this.current() !== 'eof') {
      const t = this.lookaheadToken(0);
      this.construct();
      throw new ParseError(t.start, t.text, t.type, `Unexpected token: ${t.text}`);
    }
    return parsed;
  }

  /**
   * Instantiating a jmespath exception class from the current frame: the
   * call through tp_call (+1), ParseError.__init__ (+2), and its
   * super().__init__ call (+3).
   */
  private construct(): void {
    this.py.check(2);
    this.py.check(3, CALLING);
  }

  private current(): string {
    return this.tokens[this.index]!.type;
  }
  private lookahead(n: number): string {
    return this.lookaheadToken(n).type;
  }
  private lookaheadToken(n: number): Token {
    const i = this.index + n;
    // Python indexes from the end for negative positions.
    return this.tokens[i < 0 ? this.tokens.length + i : i]!;
  }
  private advance(): void {
    this.index += 1;
  }

  private expression(bindingPower: number): Node {
    return this.py.frame(() => {
      const leftToken = this.lookaheadToken(0);
      this.advance();
      // _error_nud_token starts with a comparison (run once, so never specialized).
      const known = leftToken.type !== 'eof' && NUD_TYPES.has(leftToken.type);
      let left = this.py.frame(() => this.nud(leftToken), known ? '' : IN_COMPARISON);
      let current = this.current();
      while (bindingPower < BINDING_POWER[current]!) {
        const led = this.ledFor(current);
        if (led === undefined) {
          // _error_led_token → _raise_parse_error_for_token
          return this.py.frame(() => this.errorToken(this.lookaheadToken(0), 'invalid token'));
        }
        this.advance();
        left = this.py.frame(() => led.call(this, left));
        current = this.current();
      }
      return left;
    });
  }

  private nud(token: Token): Node {
    switch (token.type) {
      case 'literal':
        return node('literal', [], token.value);
      case 'unquoted_identifier':
        return node('field', [], token.value);
      case 'quoted_identifier': {
        const field = node('field', [], token.value);
        if (this.current() === 'lparen') {
          const t = this.lookaheadToken(0);
          this.construct();
          throw new ParseError(0, t.text, t.type, 'Quoted identifier not allowed for function names.');
        }
        return field;
      }
      case 'star': {
        const left = node('identity');
        const right =
          this.current() === 'rbracket' ? node('identity') : this.projectionRhs(BINDING_POWER.star!);
        return node('value_projection', [left, right]);
      }
      case 'filter':
        return this.py.frame(() => this.ledFilter(node('identity')));
      case 'lbrace':
        return this.multiSelectHash();
      case 'lparen': {
        const expr = this.expression(0);
        this.match('rparen');
        return expr;
      }
      case 'flatten': {
        const left = node('flatten', [node('identity')]);
        const right = this.projectionRhs(BINDING_POWER.flatten!);
        return node('projection', [left, right]);
      }
      case 'not':
        return node('not_expression', [this.expression(BINDING_POWER.not!)]);
      case 'lbracket': {
        const c = this.current();
        if (c === 'number' || c === 'colon') {
          const right = this.indexExpression();
          return this.projectIfSlice(node('identity'), right);
        }
        if (c === 'star' && this.lookahead(1) === 'rbracket') {
          this.advance();
          this.advance();
          const right = this.projectionRhs(BINDING_POWER.star!);
          return node('projection', [node('identity'), right]);
        }
        return this.multiSelectList();
      }
      case 'current':
        return node('current');
      case 'expref':
        return node('expref', [this.expression(BINDING_POWER.expref!)]);
      case 'eof':
        this.construct();
        throw new IncompleteError();
      default:
        return this.errorToken(token, 'invalid token');
    }
  }

  private ledFor(type: string): ((left: Node) => Node) | undefined {
    switch (type) {
      case 'dot':
        return this.ledDot;
      case 'pipe':
        return (left) => node('pipe', [left, this.expression(BINDING_POWER.pipe!)]);
      case 'or':
        return (left) => node('or_expression', [left, this.expression(BINDING_POWER.or!)]);
      case 'and':
        return (left) => node('and_expression', [left, this.expression(BINDING_POWER.and!)]);
      case 'lparen':
        return this.ledLparen;
      case 'filter':
        return this.ledFilter;
      case 'eq':
      case 'ne':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        // _token_led_eq → _parse_comparator
        return (left) => this.py.frame(() => node('comparator', [left, this.expression(BINDING_POWER[type]!)], type));
      case 'flatten':
        return (left) =>
          node('projection', [node('flatten', [left]), this.projectionRhs(BINDING_POWER.flatten!)]);
      case 'lbracket':
        return this.ledLbracket;
      default:
        return undefined;
    }
  }

  private ledDot(left: Node): Node {
    if (this.current() !== 'star') {
      const right = this.dotRhs(BINDING_POWER.dot!);
      if (left.type === 'subexpression') {
        left.children.push(right);
        return left;
      }
      return node('subexpression', [left, right]);
    }
    this.advance();
    const right = this.projectionRhs(BINDING_POWER.dot!);
    return node('value_projection', [left, right]);
  }

  private ledLparen(left: Node): Node {
    if (left.type !== 'field') {
      const prev = this.lookaheadToken(-2);
      this.construct();
      throw new ParseError(prev.start, prev.text, prev.type, `Invalid function name '${prev.text}'`);
    }
    const args: Node[] = [];
    while (this.current() !== 'rparen') {
      const expr = this.expression(0);
      if (this.current() === 'comma') this.match('comma');
      args.push(expr);
    }
    this.match('rparen');
    return node('function_expression', args, left.value);
  }

  private ledFilter(left: Node): Node {
    const condition = this.expression(0);
    this.match('rbracket');
    const right =
      this.current() === 'flatten' ? node('identity') : this.projectionRhs(BINDING_POWER.filter!);
    return node('filter_projection', [left, right, condition]);
  }

  private ledLbracket(left: Node): Node {
    const t = this.lookaheadToken(0);
    if (t.type === 'number' || t.type === 'colon') {
      const right = this.indexExpression();
      if (left.type === 'index_expression') {
        left.children.push(right);
        return left;
      }
      return this.projectIfSlice(left, right);
    }
    this.match('star');
    this.match('rbracket');
    const right = this.projectionRhs(BINDING_POWER.star!);
    return node('projection', [left, right]);
  }

  private indexExpression(): Node {
    return this.py.frame(() => {
      if (this.lookahead(0) === 'colon' || this.lookahead(1) === 'colon') return this.sliceExpression();
      const n = node('index', [], this.lookaheadToken(0).value);
      this.advance();
      this.match('rbracket');
      return n;
    });
  }

  private sliceExpression(): Node {
    return this.py.frame(() => {
      const parts: (number | null)[] = [null, null, null];
      let index = 0;
      let current = this.current();
      while (current !== 'rbracket' && index < 3) {
        if (current === 'colon') {
          index += 1;
          if (index === 3) this.errorToken(this.lookaheadToken(0), 'syntax error');
          this.advance();
        } else if (current === 'number') {
          parts[index] = this.lookaheadToken(0).value as number;
          this.advance();
        } else {
          this.errorToken(this.lookaheadToken(0), 'syntax error');
        }
        current = this.current();
      }
      this.match('rbracket');
      return node('slice', [], parts);
    });
  }

  private projectIfSlice(left: Node, right: Node): Node {
    return this.py.frame(() => {
      const indexExpr = node('index_expression', [left, right]);
      if (right.type === 'slice') {
        return node('projection', [indexExpr, this.projectionRhs(BINDING_POWER.star!)]);
      }
      return indexExpr;
    });
  }

  private multiSelectList(): Node {
    return this.py.frame(() => {
      const expressions: Node[] = [];
      for (;;) {
        expressions.push(this.expression(0));
        if (this.current() === 'rbracket') break;
        this.match('comma');
      }
      this.match('rbracket');
      return node('multi_select_list', expressions);
    });
  }

  private multiSelectHash(): Node {
    return this.py.frame(() => {
      const pairs: Node[] = [];
      for (;;) {
        const keyToken = this.lookaheadToken(0);
        this.matchMultiple(['quoted_identifier', 'unquoted_identifier']);
        this.match('colon');
        const value = this.expression(0);
        pairs.push(node('key_val_pair', [value], keyToken.value));
        if (this.current() === 'comma') {
          this.match('comma');
        } else if (this.current() === 'rbrace') {
          this.match('rbrace');
          break;
        }
      }
      return node('multi_select_dict', pairs);
    });
  }

  private projectionRhs(bindingPower: number): Node {
    return this.py.frame(() => {
      const c = this.current();
      if (BINDING_POWER[c]! < PROJECTION_STOP) return node('identity');
      if (c === 'lbracket' || c === 'filter') return this.expression(bindingPower);
      if (c === 'dot') {
        this.match('dot');
        return this.dotRhs(bindingPower);
      }
      return this.errorToken(this.lookaheadToken(0), 'syntax error');
    });
  }

  private dotRhs(bindingPower: number): Node {
    return this.py.frame(() => {
      const c = this.current();
      if (c === 'quoted_identifier' || c === 'unquoted_identifier' || c === 'star') {
        return this.expression(bindingPower);
      }
      if (c === 'lbracket') {
        this.match('lbracket');
        return this.multiSelectList();
      }
      if (c === 'lbrace') {
        this.match('lbrace');
        return this.multiSelectHash();
      }
      const t = this.lookaheadToken(0);
      const allowed = ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'];
      // The message's %s of a list: str() (+1), then repr() of each item (+2).
      this.py.check(2, GETTING_REPR);
      return this.errorToken(t, `Expecting: ${pyListRepr(allowed)}, got: ${t.type}`);
    });
  }

  private match(type: string): void {
    return this.py.frame(() => {
      if (this.current() === type) {
        this.advance();
      } else {
        this.errorMaybeEof(type, this.lookaheadToken(0));
      }
    });
  }

  private matchMultiple(types: string[]): void {
    return this.py.frame(() => {
      if (!types.includes(this.current())) this.errorMaybeEof(pyListRepr(types), this.lookaheadToken(0), true);
      this.advance();
    });
  }

  /** _raise_parse_error_for_token: a frame that instantiates ParseError. */
  private errorToken(token: Token, reason: string): never {
    return this.py.frame(() => {
      this.construct();
      throw new ParseError(token.start, token.text, token.type, reason);
    }, CALLING);
  }

  /** _raise_parse_error_maybe_eof: a frame that compares first; `expectedIsList`: the message formats a list. */
  private errorMaybeEof(expected: string, token: Token, expectedIsList = false): never {
    return this.py.frame(() => {
      if (token.type === 'eof') {
        this.construct();
        throw new IncompleteError();
      }
      if (expectedIsList) this.py.check(2, GETTING_REPR);
      this.construct();
      throw new ParseError(token.start, token.text, token.type, `Expecting: ${expected}, got: ${token.type}`);
    }, IN_COMPARISON);
  }
}

/** Python's stack depth where the AWS CLI calls jmespath.compile() for --query (awscli/customizations/globalargs.py). */
export const COMPILE_CALLER_DEPTH = 13;

/**
 * Parses like jmespath.compile(); throws JmesPathSyntaxError with Python's
 * str(e), RecursionError's included, as Python would at `callerDepth`.
 */
export function parseExpression(expression: string, callerDepth = COMPILE_CALLER_DEPTH): Node {
  if (expression === '') throw new JmesPathSyntaxError('Invalid JMESPath expression: cannot be empty.');
  try {
    // compile → Parser.parse → _do_parse → _parse; the lexer's generator runs
    // under _parse, then _consume_literal → json.loads → decode → raw_decode →
    // the C scanner (called through tp_call), whose every container counts.
    const parseDepth = callerDepth + 4;
    const jsonDepth = PY_RECURSION_LIMIT - (parseDepth + 6);
    return new Parser(new Lexer(expression, jsonDepth).tokenize(), new PyStack(parseDepth)).parse();
  } catch (e) {
    if (e instanceof PyRecursionError) throw new JmesPathSyntaxError(e.message);
    if (e instanceof LexError) {
      throw new JmesPathSyntaxError(
        `Bad jmespath expression: ${e.message}:\n${expression}\n${' '.repeat(e.position)}^`,
      );
    }
    if (e instanceof IncompleteError) {
      const len = Array.from(expression).length;
      throw new JmesPathSyntaxError(
        `Invalid jmespath expression: Incomplete expression:\n"${expression}"\n${' '.repeat(len + 1)}^`,
      );
    }
    if (e instanceof ParseError) {
      throw new JmesPathSyntaxError(
        `${e.message}: Parse error at column ${e.position}, token "${e.tokenValue}" ` +
          `(${e.tokenType.toUpperCase()}), for expression:\n"${expression}"\n${' '.repeat(e.position + 1)}^`,
      );
    }
    throw e;
  }
}

// ---------------------------------------------------------------- interpreter

const isActualNumber = (x: unknown): boolean => isNumber(x);
const isComparable = (x: unknown): boolean => isNumber(x) || typeof x === 'string';

function isFalse(x: unknown): boolean {
  return (
    x === '' ||
    x === null ||
    x === undefined ||
    x === false ||
    (Array.isArray(x) && x.length === 0) ||
    (isDict(x) && x.size === 0)
  );
}

function jmesEquals(x: unknown, y: unknown): boolean {
  // Python's 0/1 == False/True is not equality in JMESPath (at the top level only).
  const special = (a: unknown, b: unknown) =>
    isActualNumber(a) && (numValue(a as number) === 0 || numValue(a as number) === 1) && typeof b === 'boolean';
  if (special(x, y) || special(y, x)) return false;
  return pyEquals(x, y);
}

const ORDERING: Record<string, '<' | '>' | '<=' | '>='> = { lt: '<', gt: '>', lte: '<=', gte: '>=' };

function pySlice(list: unknown[], start: number | null, stop: number | null, step: number | null): unknown[] {
  const len = list.length;
  const st = step ?? 1;
  if (st === 0) throw new PyError('slice step cannot be zero');
  const adjust = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (v < 0) {
      v += len;
      if (v < 0) v = st < 0 ? -1 : 0;
    } else if (v >= len) {
      v = st < 0 ? len - 1 : len;
    }
    return v;
  };
  const from = adjust(start, st < 0 ? len - 1 : 0);
  const to = adjust(stop, st < 0 ? -1 : len);
  const out: unknown[] = [];
  if (st > 0) for (let i = from; i < to; i += st) out.push(list[i]);
  else for (let i = from; i > to; i += st) out.push(list[i]);
  return out;
}

/** Python's stack while evaluate() runs (see evaluate). */
let evalStack = new PyStack(0);
/** The function being called, whose expref arguments are evaluated from its frame. */
let exprefCaller = '';

/**
 * What a visit_* method first does one frame further down (PyStack.frame's
 * firstOp): a call of a C function or method (value.get, isinstance) or a
 * class counts as CALLING.
 */
function firstOp(n: Node): string | null {
  switch (n.type) {
    case 'current':
    case 'identity':
    case 'literal':
      return null;
    case 'field':
    case 'index':
    case 'slice':
    case 'expref':
      return CALLING;
    case 'comparator':
      // `node['value'] in self._EQUALITY_OPS`: 'eq' is found by identity, others are compared.
      return n.value === 'eq' ? '' : IN_COMPARISON;
    default:
      return '';
  }
}

/**
 * _is_actual_number(x) called `at` frames below the current one: its
 * isinstance(x, bool), then (not a bool) isinstance(x, Number), whose first
 * run for a type goes down ABCMeta's __instancecheck__/__subclasscheck__
 * through numbers' ABCs: 14 levels, measured on v1.
 */
function checkActualNumber(at: number, x: unknown): void {
  evalStack.check(at + 1, CALLING);
  if (typeof x === 'boolean') return;
  evalStack.check(at + 2, IN_INSTANCECHECK);
  // Python frames and C calls by turns (as v1 runs it; a bare python3 differs in parity).
  for (let k = 3; k <= 14; k++) evalStack.check(at + k, k % 2 === 1 ? CALLING : '');
}

/** TreeInterpreter.visit (its dict.get is specialized, uncounted, by the time it is deep) and the visit_* method it calls: two frames per node. */
function visit(n: Node, value: unknown): unknown {
  return evalStack.frame(() => evalStack.frame(() => visitNode(n, value), firstOp(n)));
}

function visitNode(n: Node, value: unknown): unknown {
  switch (n.type) {
    case 'subexpression':
    case 'index_expression':
    case 'pipe': {
      let result = value;
      for (const child of n.children) result = visit(child, result);
      return result;
    }
    case 'field':
      return isDict(value) ? getKey(value, n.value as string) : null;
    case 'comparator': {
      const left = visit(n.children[0]!, value);
      const right = visit(n.children[1]!, value);
      // _equals → _is_special_number_case → _is_actual_number (the `ne` lambda first);
      // an ordering: _is_comparable → _is_actual_number.
      checkActualNumber(n.value === 'eq' ? 3 : n.value === 'ne' ? 4 : 2, left);
      if (n.value === 'eq') return jmesEquals(left, right);
      if (n.value === 'ne') return !jmesEquals(left, right);
      if (!(isComparable(left) && isComparable(right))) return null;
      return pyLess(ORDERING[n.value as string]!, left, right);
    }
    case 'current':
    case 'identity':
      return value;
    case 'expref': {
      const child = n.children[0]!;
      return new ExpRef(child, (v) => {
        // Run from the function's frame (the function_expression's method, where
        // callFunction runs): map → _Expression.visit; sort_by, min_by, max_by →
        // sorted()/min()/max() → the key function → _Expression.visit.
        const below = exprefCaller === 'map' ? 3 : 5;
        evalStack.depth += below;
        try {
          return visit(child, v);
        } finally {
          evalStack.depth -= below;
        }
      });
    }
    case 'function_expression': {
      const args = n.children.map((child) => visit(child, value));
      // call_function → _validate_arguments → a C call, _type_check → range(),
      // _type_check_single → _get_allowed_pytypes → str.split().
      evalStack.check(2);
      evalStack.check(3, CALLING);
      evalStack.check(4, CALLING);
      evalStack.check(5);
      evalStack.check(6, CALLING);
      const outer = exprefCaller;
      exprefCaller = n.value as string;
      try {
        return callFunction(n.value as string, args);
      } finally {
        exprefCaller = outer;
      }
    }
    case 'filter_projection': {
      const base = visit(n.children[0]!, value);
      if (!Array.isArray(base)) return null;
      const out: unknown[] = [];
      for (const element of base) {
        if (!isFalse(visit(n.children[2]!, element))) {
          const current = visit(n.children[1]!, element);
          if (current !== null) out.push(current);
        }
      }
      return out;
    }
    case 'flatten': {
      const base = visit(n.children[0]!, value);
      if (!Array.isArray(base)) return null;
      const out: unknown[] = [];
      for (const element of base) {
        if (Array.isArray(element)) out.push(...element);
        else out.push(element);
      }
      return out;
    }
    case 'index': {
      if (!Array.isArray(value)) return null;
      let i = n.value as number;
      if (i < 0) i += value.length;
      return i >= 0 && i < value.length ? value[i] : null;
    }
    case 'slice': {
      if (!Array.isArray(value)) return null;
      const [start, stop, step] = n.value as (number | null)[];
      return pySlice(value, start ?? null, stop ?? null, step ?? null);
    }
    case 'key_val_pair':
      return visit(n.children[0]!, value);
    case 'literal':
      return n.value;
    case 'multi_select_dict': {
      if (value === null) return null;
      const out = new PyDict();
      for (const child of n.children) out.set(child.value as string, visit(child, value));
      return out;
    }
    case 'multi_select_list': {
      if (value === null) return null;
      return n.children.map((child) => visit(child, value));
    }
    case 'or_expression': {
      const matched = visit(n.children[0]!, value);
      evalStack.check(2, IN_COMPARISON); // _is_false's first comparison
      return isFalse(matched) ? visit(n.children[1]!, value) : matched;
    }
    case 'and_expression': {
      const matched = visit(n.children[0]!, value);
      evalStack.check(2, IN_COMPARISON); // _is_false's first comparison
      return isFalse(matched) ? matched : visit(n.children[1]!, value);
    }
    case 'not_expression': {
      const v = visit(n.children[0]!, value);
      checkActualNumber(1, v);
      // Python's `not`; every number is truthy here (0 is special-cased to False too).
      if (isNumber(v)) return false;
      return isFalse(v);
    }
    case 'projection': {
      const base = visit(n.children[0]!, value);
      if (!Array.isArray(base)) return null;
      const out: unknown[] = [];
      for (const element of base) {
        const current = visit(n.children[1]!, element);
        if (current !== null) out.push(current);
      }
      return out;
    }
    case 'value_projection': {
      const base = visit(n.children[0]!, value);
      if (!isDict(base)) return null;
      const out: unknown[] = [];
      for (const item of base.values()) {
        const current = visit(n.children[1]!, item);
        if (current !== null) out.push(current);
      }
      return out;
    }
    default:
      throw new PyError(n.type);
  }
}

/**
 * Python's stack depth where the AWS CLI's formatters call search(), C-level
 * calls in progress included (9 or 10 frames, plus calls through tp_call):
 * measured from v1's thresholds, the same for json, text and table.
 */
export const SEARCH_CALLER_DEPTH = 12;

/**
 * Evaluates a parsed expression against JSON-like data (see src/python/value.ts
 * for the value model), as search() does called at `callerDepth`: too deep an
 * expression raises PyError with RecursionError's text.
 */
export function evaluate(ast: Node, data: unknown, callerDepth = SEARCH_CALLER_DEPTH): unknown {
  const outer = evalStack;
  // ParsedResult.search, then TreeInterpreter.visit.
  evalStack = new PyStack(callerDepth + 1);
  try {
    return visit(ast, data);
  } finally {
    evalStack = outer;
  }
}

// ---------------------------------------------------------------- functions

type JmesType = 'boolean' | 'array' | 'object' | 'null' | 'string' | 'number' | 'expref' | 'unknown';

const TYPES_MAP: Record<PyTypeName, JmesType> = {
  bool: 'boolean',
  list: 'array',
  dict: 'object',
  // jmespath's type() has no name for a Python set.
  set: 'unknown',
  'datetime.datetime': 'unknown',
  NoneType: 'null',
  str: 'string',
  float: 'number',
  int: 'number',
  _Expression: 'expref',
  'collections.OrderedDict': 'object',
  bytes: 'unknown',
};

const REVERSE_TYPES_MAP: Record<string, readonly string[]> = {
  boolean: ['bool'],
  array: ['list', '_Projection'],
  object: ['dict', 'OrderedDict'],
  null: ['NoneType'],
  string: ['unicode', 'str'],
  number: ['float', 'int', 'long'],
  expref: ['_Expression'],
};

const jmesType = (x: unknown): JmesType => TYPES_MAP[pyTypeName(x)];

function typeError(fn: string, value: unknown, actual: string, expected: readonly string[]): PyError {
  return new PyError(
    `In function ${fn}(), invalid type for value: ${pyStr(value)}, ` +
      `expected one of: ${pyListRepr(expected)}, received: "${actual}"`,
  );
}

interface ArgSpec {
  types: string[];
  variadic?: boolean;
}

interface FunctionSpec {
  signature: ArgSpec[];
  fn: (...args: any[]) => unknown;
}

function checkType(current: unknown, types: string[], fn: string): void {
  const allowed: string[] = [];
  const subtypes: (readonly string[])[] = [];
  for (const t of types) {
    const dash = t.indexOf('-');
    if (dash >= 0) {
      subtypes.push(REVERSE_TYPES_MAP[t.slice(dash + 1)]!);
      allowed.push(...REVERSE_TYPES_MAP[t.slice(0, dash)]!);
    } else {
      allowed.push(...REVERSE_TYPES_MAP[t]!);
    }
  }
  const actual = pyTypeName(current);
  if (!allowed.includes(actual)) throw typeError(fn, current, TYPES_MAP[actual], types);
  if (subtypes.length === 0) return;
  const list = current as unknown[];
  if (subtypes.length === 1) {
    for (const element of list) {
      const name = pyTypeName(element);
      if (!subtypes[0]!.includes(name)) throw typeError(fn, element, name, types);
    }
  } else if (list.length > 0) {
    const first = pyTypeName(list[0]);
    const match = subtypes.find((s) => s.includes(first));
    if (match === undefined) throw typeError(fn, list[0], first, types);
    for (const element of list) {
      const name = pyTypeName(element);
      if (!match.includes(name)) throw typeError(fn, element, name, types);
    }
  }
}

function callFunction(name: string, args: unknown[]): unknown {
  const spec = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (spec === undefined) throw new PyError(`Unknown function: ${name}()`);
  const sig = spec.signature;
  const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');
  if (sig.length > 0 && sig[sig.length - 1]!.variadic) {
    if (args.length < sig.length) {
      throw new PyError(
        `Expected at least ${sig.length} ${plural(sig.length)} for function ${name}(), received ${args.length}`,
      );
    }
  } else if (args.length !== sig.length) {
    throw new PyError(`Expected ${sig.length} ${plural(sig.length)} for function ${name}(), received ${args.length}`);
  }
  sig.forEach((a, i) => {
    if (a.types.length > 0) checkType(args[i], a.types, name);
  });
  return spec.fn(...args);
}

/** Python's max()/min() loop: the first best wins ties; mixed kinds raise TypeError. */
function pickBest(items: unknown[], keys: unknown[], op: '<' | '>'): unknown {
  let best = 0;
  for (let i = 1; i < items.length; i++) {
    if (pyLess(op, keys[i], keys[best])) best = i;
  }
  return items[best];
}

function pyCmp(a: unknown, b: unknown): number {
  // Python's sort calls `<` only.
  if (pyLess('<', a, b)) return -1;
  if (pyLess('<', b, a)) return 1;
  return 0;
}

function stableSort<T>(items: T[], keys: unknown[]): T[] {
  const idx = items.map((_, i) => i);
  idx.sort((i, j) => pyCmp(keys[i], keys[j]) || i - j);
  return idx.map((i) => items[i]!);
}

function keyFunc(expref: ExpRef, allowed: readonly string[], fn: string): (x: unknown) => unknown {
  return (x) => {
    const result = expref.evaluate(x);
    const t = jmesType(result);
    if (!allowed.includes(t)) throw typeError(fn, result, t, allowed);
    return result;
  };
}

/** Python's sum() of numbers: a float once any float is in, else an exact int. */
function sumOf(list: unknown[]): number | bigint | PyFloat {
  const numbers = list as (number | bigint | PyFloat)[];
  if (numbers.some(isFloat)) return pyFloat(numbers.reduce((acc: number, x) => acc + numValue(x), 0));
  const total = numbers.reduce((acc: bigint, x) => acc + BigInt(x as number | bigint), 0n);
  return Number.isSafeInteger(Number(total)) ? Number(total) : total;
}

/** math.ceil/math.floor refuse what has no integer value. */
function finite(x: number): number {
  if (Number.isNaN(x)) throw new PyError('cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw new PyError('cannot convert float infinity to integer');
  return x;
}

/** Python's iter(x) for the few kinds dict.update() meets. */
function pyIter(x: unknown): unknown[] {
  if (typeof x === 'string') return Array.from(x);
  if (Array.isArray(x)) return x;
  if (isDict(x)) return x.keys();
  throw new PyTypeError(`'${pyTypeName(x)}' object is not iterable`);
}

/** Python's dict.update(other). */
function dictUpdate(target: PyDict, other: unknown): void {
  if (isDict(other)) {
    for (const [k, v] of other) target.set(k, v);
    return;
  }
  pyIter(other).forEach((element, i) => {
    let pair: unknown[];
    try {
      pair = pyIter(element);
    } catch {
      throw new PyTypeError(`cannot convert dictionary update sequence element #${i} to a sequence`);
    }
    if (pair.length !== 2) {
      throw new PyError(`dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
    }
    const [k, v] = pair;
    if (Array.isArray(k) || isDict(k)) throw new PyTypeError(`unhashable type: '${pyTypeName(k)}'`);
    // Non-string keys cannot be held by a JS object; use what json.dumps would print.
    target.set(typeof k === 'string' ? k : jsonKey(k), v);
  });
}

/** json.dumps(x, separators=(',', ':'), default=str), as jmespath's to_string calls it. */
const TO_STRING: JsonDumpsOptions = { separators: [',', ':'], defaultStr: true };

function jsonKey(k: unknown): string {
  const s = jsonDumps(k, TO_STRING);
  return s.startsWith('"') ? pyStr(k) : s;
}

/** Python's int(s) for a str, or undefined where it raises ValueError. */
function intFromString(s: string): number | bigint | undefined {
  try {
    return pyIntFromStr(s);
  } catch (e) {
    if (e instanceof PyValueError) return undefined;
    throw e;
  }
}

/** Python's float(s) for a str, or undefined where it raises ValueError. */
function floatFromString(s: string): number | undefined {
  // float() strips ASCII whitespace only, after Unicode spaces became ' '.
  const t = numberTextToAscii(s).replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
  const m = /^([+-]?)(inf|infinity|nan)$/i.exec(t);
  if (m) {
    if (m[2]!.toLowerCase() === 'nan') return NaN;
    return m[1] === '-' ? -Infinity : Infinity;
  }
  const digits = '[0-9](_?[0-9])*';
  const re = new RegExp(`^[+-]?((${digits})(\\.(${digits})?)?|\\.${digits})([eE][+-]?${digits})?$`);
  if (!re.test(t)) return undefined;
  return Number(t.replaceAll('_', ''));
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  abs: {
    signature: [{ types: ['number'] }],
    fn: (x: number | bigint | PyFloat) => {
      if (typeof x === 'bigint') return x < 0n ? -x : x;
      return isFloat(x) ? pyFloat(Math.abs(numValue(x))) : Math.abs(numValue(x));
    },
  },
  avg: {
    signature: [{ types: ['array-number'] }],
    fn: (list: unknown[]) => (list.length === 0 ? null : pyFloat(numValue(sumOf(list)) / list.length)),
  },
  not_null: {
    signature: [{ types: [], variadic: true }],
    fn: (...args: unknown[]) => args.find((a) => a !== null) ?? null,
  },
  to_array: {
    signature: [{ types: [] }],
    fn: (x: unknown) => (Array.isArray(x) ? x : [x]),
  },
  to_string: {
    signature: [{ types: [] }],
    fn: (x: unknown) => (typeof x === 'string' ? x : jsonDumps(x, TO_STRING)),
  },
  to_number: {
    signature: [{ types: [] }],
    fn: (x: unknown) => {
      if (x === null || typeof x === 'boolean' || Array.isArray(x) || isDict(x)) return null;
      if (isNumber(x)) return x;
      if (typeof x !== 'string') return null;
      const i = intFromString(x);
      if (i !== undefined) return i;
      const f = floatFromString(x);
      return f === undefined ? null : pyFloat(f);
    },
  },
  contains: {
    signature: [{ types: ['array', 'string'] }, { types: [] }],
    fn: (subject: unknown, search: unknown) => {
      if (typeof subject === 'string') {
        if (typeof search !== 'string') {
          throw new PyTypeError(`'in <string>' requires string as left operand, not ${pyTypeName(search)}`);
        }
        return subject.includes(search);
      }
      return (subject as unknown[]).some((el) => el === search || pyEquals(el, search));
    },
  },
  length: {
    signature: [{ types: ['string', 'array', 'object'] }],
    fn: (x: unknown) => {
      if (typeof x === 'string') return Array.from(x).length;
      if (Array.isArray(x)) return x.length;
      return (x as PyDict).size;
    },
  },
  ends_with: {
    signature: [{ types: ['string'] }, { types: ['string'] }],
    fn: (s: string, suffix: string) => s.endsWith(suffix),
  },
  starts_with: {
    signature: [{ types: ['string'] }, { types: ['string'] }],
    fn: (s: string, prefix: string) => s.startsWith(prefix),
  },
  reverse: {
    signature: [{ types: ['array', 'string'] }],
    fn: (x: unknown) => (typeof x === 'string' ? Array.from(x).reverse().join('') : [...(x as unknown[])].reverse()),
  },
  ceil: {
    signature: [{ types: ['number'] }],
    fn: (x: number | bigint | PyFloat) => (typeof x === 'bigint' ? x : pyInt(Math.ceil(finite(numValue(x))))),
  },
  floor: {
    signature: [{ types: ['number'] }],
    fn: (x: number | bigint | PyFloat) => (typeof x === 'bigint' ? x : pyInt(Math.floor(finite(numValue(x))))),
  },
  join: {
    signature: [{ types: ['string'] }, { types: ['array-string'] }],
    fn: (sep: string, list: string[]) => list.join(sep),
  },
  map: {
    signature: [{ types: ['expref'] }, { types: ['array'] }],
    fn: (expref: ExpRef, list: unknown[]) => list.map((el) => expref.evaluate(el)),
  },
  max: {
    signature: [{ types: ['array-number', 'array-string'] }],
    fn: (list: unknown[]) => (list.length === 0 ? null : pickBest(list, list, '>')),
  },
  merge: {
    signature: [{ types: ['object'], variadic: true }],
    fn: (...args: unknown[]) => {
      const merged = new PyDict();
      for (const a of args) dictUpdate(merged, a);
      return merged;
    },
  },
  min: {
    signature: [{ types: ['array-number', 'array-string'] }],
    fn: (list: unknown[]) => (list.length === 0 ? null : pickBest(list, list, '<')),
  },
  sort: {
    signature: [{ types: ['array-string', 'array-number'] }],
    fn: (list: unknown[]) => stableSort(list, list),
  },
  sum: {
    signature: [{ types: ['array-number'] }],
    fn: (list: unknown[]) => sumOf(list),
  },
  keys: {
    signature: [{ types: ['object'] }],
    fn: (obj: PyDict) => obj.keys(),
  },
  values: {
    signature: [{ types: ['object'] }],
    fn: (obj: PyDict) => obj.values(),
  },
  type: {
    signature: [{ types: [] }],
    fn: (x: unknown) => {
      const t = jmesType(x);
      return t === 'expref' ? null : t;
    },
  },
  sort_by: {
    signature: [{ types: ['array'] }, { types: ['expref'] }],
    fn: (list: unknown[], expref: ExpRef) => {
      if (list.length === 0) return list;
      const required = jmesType(expref.evaluate(list[0]));
      if (required !== 'number' && required !== 'string') {
        throw typeError('sort_by', list[0], required, ['string', 'number']);
      }
      const key = keyFunc(expref, [required], 'sort_by');
      return stableSort(list, list.map(key));
    },
  },
  min_by: {
    signature: [{ types: ['array'] }, { types: ['expref'] }],
    fn: (list: unknown[], expref: ExpRef) => byKey(list, expref, 'min_by', '<'),
  },
  max_by: {
    signature: [{ types: ['array'] }, { types: ['expref'] }],
    fn: (list: unknown[], expref: ExpRef) => byKey(list, expref, 'max_by', '>'),
  },
};

function byKey(list: unknown[], expref: ExpRef, fn: string, op: '<' | '>'): unknown {
  const key = keyFunc(expref, ['number', 'string'], fn);
  if (list.length === 0) return null;
  let best = list[0];
  let bestKey = key(best);
  for (let i = 1; i < list.length; i++) {
    const k = key(list[i]);
    if (pyLess(op, k, bestKey)) {
      best = list[i];
      bestKey = k;
    }
  }
  return best;
}

