// v1's json output: Python json.dumps(indent=4, ensure_ascii=False), and an
// empty object prints nothing at all.
import { jsonDumps } from '../python/json.js';
import { fromJs, isDict } from '../python/value.js';

export function formatJson(value: unknown): string {
  const v = fromJs(value);
  if (isDict(v) && v.size === 0) return '';
  return `${jsonDumps(v, { indent: 4, ensureAscii: false })}\n`;
}
