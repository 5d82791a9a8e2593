// CPython's recursion limit, counted instead of relying on JS's stack. Code
// that mirrors a recursive Python function keeps a PyStack: `frame()` for each
// Python call it mirrors, `check()` for C-level checks (a comparison, a call
// through tp_call, a repr) that go deeper for a moment. The depth at which v1
// calls into the mirrored code was measured on aws-cli 1.45 / Python 3.11.

import { PyError } from './value.js';

/** sys.getrecursionlimit(): the AWS CLI never changes it. */
export const PY_RECURSION_LIMIT = 1000;

/** Python's RecursionError; `message` is its str(). */
export class PyRecursionError extends PyError {}

/** Suffixes CPython adds to "maximum recursion depth exceeded" for C-level checks. */
export const IN_COMPARISON = ' in comparison';
export const IN_INSTANCECHECK = ' in __instancecheck__';
export const CALLING = ' while calling a Python object';
export const GETTING_REPR = ' while getting the repr of an object';
export const GETTING_STR = ' while getting the str of an object';

export class PyStack {
  /**
   * @param depth Python's stack depth (frames plus C-level checks in progress)
   *   at the point where the mirrored code is called.
   */
  constructor(
    public depth: number,
    readonly limit = PY_RECURSION_LIMIT,
  ) {}

  /** Something `levels` below the current frame: RecursionError if that is past the limit. */
  check(levels: number, where = ''): void {
    if (this.depth + levels > this.limit) throw new PyRecursionError(`maximum recursion depth exceeded${where}`);
  }

  /**
   * Runs `body` as one Python frame below the current one. `firstOp` is the
   * kind of the first thing that frame does one level further down ('' for a
   * call of a Python function, or one of the C-level suffixes); null when
   * the frame calls nothing.
   */
  frame<T>(body: () => T, firstOp: string | null = ''): T {
    this.check(1);
    if (firstOp !== null) this.check(2, firstOp);
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
    }
  }
}
