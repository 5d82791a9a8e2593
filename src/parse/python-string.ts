// Python's repr() of a str, as argparse and the AWS CLI put it in messages.

const NAMED_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function isPrintable(codePoint: number): boolean {
  // Python treats C0/C1 controls, DEL, separators other than space, surrogates
  // and unassigned/format characters as non-printable. Letters, marks,
  // numbers, punctuation, symbols and the plain space are printable.
  if (codePoint === 0x20) return true;
  const ch = String.fromCodePoint(codePoint);
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}

function escapeCodePoint(codePoint: number): string {
  if (codePoint <= 0xff) return `\\x${codePoint.toString(16).padStart(2, '0')}`;
  if (codePoint <= 0xffff) return `\\u${codePoint.toString(16).padStart(4, '0')}`;
  return `\\U${codePoint.toString(16).padStart(8, '0')}`;
}

export function pythonStringRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let body = '';
  for (const ch of value) {
    const named = NAMED_ESCAPES[ch];
    if (named) body += named;
    else if (ch === quote) body += `\\${quote}`;
    else if (isPrintable(ch.codePointAt(0)!)) body += ch;
    else body += escapeCodePoint(ch.codePointAt(0)!);
  }
  return `${quote}${body}${quote}`;
}
