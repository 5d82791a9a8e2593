// Python's view of text, for code that must count and classify characters the
// way CPython does: a Python `str` is indexed by code point (an astral
// character is one position, not two UTF-16 units), and Python's notion of
// whitespace (`str.isspace`, `str.strip`, `\s` in `re`) is its own set.

/** Code points Python's `str.isspace()` accepts (also what `re`'s `\s` and `str.strip()` use). */
export function isPySpace(cp: number): boolean {
  if (cp <= 0x20) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x1f);
  if (cp < 0x85) return false;
  return (
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** The characters of `text` as code points (a lone surrogate counts as one). */
export function codePoints(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    out.push(cp);
    if (cp > 0xffff) i++;
  }
  return out;
}

/** How many Python characters (code points) the first `utf16Index` units of `text` hold. */
export function codePointIndex(text: string, utf16Index: number): number {
  let count = 0;
  for (let i = 0; i < utf16Index && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < utf16Index) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** Python `text.rstrip()`. */
export function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0) {
    const unit = text.charCodeAt(end - 1);
    // Whitespace is always in the BMP, so a trailing surrogate ends the strip.
    if (!isPySpace(unit)) break;
    end--;
  }
  return text.slice(0, end);
}

/** Python `text.lstrip()`. */
export function pyLstrip(text: string): string {
  let start = 0;
  while (start < text.length && isPySpace(text.charCodeAt(start))) start++;
  return text.slice(start);
}

/** Python `text.strip()`. */
export function pyStrip(text: string): string {
  return pyRstrip(pyLstrip(text));
}
