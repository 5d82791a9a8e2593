// v1's json output: Python json.dumps(indent=4, ensure_ascii=False), and an
// empty object prints nothing at all.
import { jsonDumps } from '../python/json.js';

export function formatJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return '';
  return `${jsonDumps(value, { indent: 4, ensureAscii: false })}\n`;
}
