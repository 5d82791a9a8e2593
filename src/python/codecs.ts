// Python's strict 'utf-8' decoder and 'latin-1' encoder, failing with the
// texts of the UnicodeDecodeError / UnicodeEncodeError Python raises, for
// bytes botocore decodes (server answers, token files) and header values
// http.client encodes.
import { PyValueError } from './value.js';

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

function decodeError(bytes: Uint8Array, start: number, end: number, reason: string): PyValueError {
  const where = end - start === 1 ? `byte 0x${hex2(bytes[start]!)} in position ${start}` : `bytes in position ${start}-${end - 1}`;
  return new PyValueError(`'utf-8' codec can't decode ${where}: ${reason}`);
}

/** The continuation-byte range allowed right after a lead byte (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** bytes.decode('utf-8'): the text, or the first UnicodeDecodeError as Python words it. */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) throw decodeError(bytes, i, i + 1, 'invalid start byte');
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) throw decodeError(bytes, i, bytes.length, 'unexpected end of data');
      const [low, high] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      const b = bytes[i + k]!;
      if (b < low || b > high) throw decodeError(bytes, i, i + k, 'invalid continuation byte');
    }
    i += length;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function escapeCodePoint(cp: number): string {
  return cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** str.encode('latin-1') succeeds, or the UnicodeEncodeError Python raises (positions in code points). */
export function checkLatin1(text: string): void {
  const codePoints = Array.from(text, (c) => c.codePointAt(0)!);
  const start = codePoints.findIndex((cp) => cp > 0xff);
  if (start < 0) return;
  let end = start + 1;
  while (end < codePoints.length && codePoints[end]! > 0xff) end += 1;
  const what = end - start === 1 ? `character '${escapeCodePoint(codePoints[start]!)}' in position ${start}` : `characters in position ${start}-${end - 1}`;
  throw new PyValueError(`'latin-1' codec can't encode ${what}: ordinal not in range(256)`);
}
