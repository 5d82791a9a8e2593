// Text layout for the help page: inline styles as zero-width markers, word
// wrapping on visible width, and a final pass that turns the markers into ANSI
// escapes (styled) or drops them (plain). Styles are applied word by word, so
// wrapping at spaces never splits a styled run across lines.

const OPEN_BOLD = '\u0001B';
const CLOSE_BOLD = '\u0001b';
const OPEN_UNDERLINE = '\u0001U';
const CLOSE_UNDERLINE = '\u0001u';
const MARKER = /\u0001[BbUu]/g;

/** The ANSI escapes used when styled (SGR bold / underline and their resets). */
export const ANSI = {
  bold: '\u001b[1m',
  boldOff: '\u001b[22m',
  underline: '\u001b[4m',
  underlineOff: '\u001b[24m',
} as const;

function styleWords(text: string, open: string, close: string): string {
  return text.replace(/\S+/g, (word) => `${open}${word}${close}`);
}

export function bold(text: string): string {
  return styleWords(text, OPEN_BOLD, CLOSE_BOLD);
}

export function underline(text: string): string {
  return styleWords(text, OPEN_UNDERLINE, CLOSE_UNDERLINE);
}

export function stripMarkers(text: string): string {
  return text.replace(MARKER, '');
}

export function visibleLength(text: string): number {
  return [...stripMarkers(text)].length;
}

/** Markers → ANSI escapes (styled) or nothing (plain). */
export function finish(text: string, styled: boolean): string {
  if (!styled) return stripMarkers(text);
  return text
    .replaceAll(OPEN_BOLD, ANSI.bold)
    .replaceAll(CLOSE_BOLD, ANSI.boldOff)
    .replaceAll(OPEN_UNDERLINE, ANSI.underline)
    .replaceAll(CLOSE_UNDERLINE, ANSI.underlineOff);
}

/** Splits a plain word that cannot fit into pieces of at most `room` characters. */
function hardSplit(word: string, room: number): string[] {
  const chars = [...stripMarkers(word)];
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += room) pieces.push(chars.slice(i, i + room).join(''));
  return pieces;
}

/**
 * Fills `text` into lines of at most `width` columns, the first starting with
 * `indent` spaces and the rest with `hangIndent` (default: the same).
 */
export function wrapParagraph(text: string, width: number, indent: number, hangIndent = indent): string[] {
  const lines: string[] = [];
  let line = '';
  let lineLength = 0;
  let lead = indent;
  const flush = () => {
    lines.push(' '.repeat(lead) + line);
    line = '';
    lineLength = 0;
    lead = hangIndent;
  };
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const length = visibleLength(word);
    const room = Math.max(1, width - lead);
    if (line !== '' && lineLength + 1 + length > room) flush();
    const roomNow = Math.max(1, width - lead);
    if (line === '' && length > roomNow) {
      const pieces = hardSplit(word, roomNow);
      for (const piece of pieces.slice(0, -1)) {
        line = piece;
        flush();
      }
      line = pieces.at(-1) ?? '';
      lineLength = line.length;
      continue;
    }
    if (line === '') {
      line = word;
      lineLength = length;
    } else {
      line = `${line} ${word}`;
      lineLength += 1 + length;
    }
  }
  if (line !== '') flush();
  return lines;
}

/** Characters up to and including the first break character (or all). */
function tokenLength(chars: readonly string[]): number {
  const at = chars.findIndex((c, i) => i > 0 && (c === ' ' || c === '|' || c === ','));
  return at < 0 ? chars.length : at + 1;
}

/**
 * A preformatted line (syntax block, command line) that is too wide is broken
 * after a space, `|` or `,` and continued two columns further in; a run with
 * no such place is cut where the width ends.
 */
export function wrapPreformatted(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const plainIndent = /^ */.exec(stripMarkers(line))?.[0].length ?? 0;
  const continuation = ' '.repeat(Math.min(plainIndent + 2, Math.max(0, width - 10)));
  const out: string[] = [];
  // Work on the visible text: a line this long loses its styling, which only
  // syntax blocks (unstyled) ever reach.
  const chars = [...stripMarkers(line)];
  let start = 0;
  let prefix = '';
  while (prefix.length + (chars.length - start) > width) {
    const room = width - prefix.length;
    let cut = -1;
    for (let i = Math.min(room, chars.length - start) - 1; i > 0; i--) {
      const ch = chars[start + i];
      if (ch === ' ' || ch === '|' || ch === ',') {
        cut = i + 1;
        break;
      }
    }
    if (cut <= 0 || chars.slice(start, start + cut).join('').trim() === '') {
      // No place to break: a continuation line gives up some of its indent
      // before a token is cut.
      const token = tokenLength(chars.slice(start));
      if (prefix !== '' && token > room) {
        const shorter = ' '.repeat(Math.max(0, width - token));
        if (shorter.length < prefix.length) {
          prefix = shorter;
          continue;
        }
      }
      cut = room;
    }
    out.push((prefix + chars.slice(start, start + cut).join('')).trimEnd());
    start += cut;
    while (start < chars.length && /\s/.test(chars[start]!)) start++;
    prefix = continuation;
  }
  const rest = chars.slice(start).join('');
  if (rest !== '') out.push(prefix + rest);
  return out;
}
