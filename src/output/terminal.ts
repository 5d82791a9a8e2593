// Nothing that came from the network reaches a terminal with raw control
// characters: ESC, BEL, CR and the C1 range can rewrite a screen or a window
// title. Where the stream is a terminal, such characters in values and messages
// are shown escaped, the way Python's repr shows them (`\x1b`, `\r`, `\x9b`);
// newlines and tabs stay. Pipes get v1's bytes unchanged.
import { PyDict } from '../python/value.js';

// C0 but tab and newline, DEL, C1.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

function escapeOne(ch: string): string {
  if (ch === '\r') return '\\r';
  return `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** The text with every control character but newline and tab escaped. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** The same for every string (keys included) in a result (Python values). */
export function escapeControlsDeep(value: unknown): unknown {
  if (typeof value === 'string') return escapeControls(value);
  if (Array.isArray(value)) return value.map(escapeControlsDeep);
  if (value instanceof PyDict) {
    const out = new PyDict([], value.ordered);
    for (const [key, member] of value) out.set(escapeControls(key), escapeControlsDeep(member));
    return out;
  }
  return value;
}

/**
 * JSON text for a terminal: the JSON formatter already escapes C0 (as json.dumps does) but, like
 * v1's ensure_ascii=False, writes DEL and C1 as they are; they can only be inside strings, where a
 * \u escape means the same.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(/[\x7f-\x9f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
