// src/python/int.ts. Expected values come from Python 3.11.7's int() (the AWS
// CLI's converter for integer options and shorthand members), via
// test/params/fixtures/reference.json (capture.mjs + reference.py, mode "int").
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { pythonInt } from '../../src/python/int.js';
import { pyRepr } from '../../src/python/repr.js';
import { referenceCases } from '../params/fixtures.js';

describe('pythonInt', () => {
  it.each(referenceCases('int').map((c) => [c.input, c.expected] as const))('%j', (text, expected) => {
    try {
      expect({ repr: pyRepr(pythonInt(text)) }).toEqual(expected);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      expect(e.kind).toBe('general');
      expect({ valueerror: e.message }).toEqual(expected);
    }
  });

  it('returns numbers while safe, bigints beyond', () => {
    expect(pythonInt(' 15 ')).toBe(15);
    expect(pythonInt('-0')).toBe(0);
    expect(pythonInt('99999999999999999999')).toBe(99999999999999999999n);
  });

  it('treats U+001C..U+001F as text, not whitespace (str.isspace() says otherwise)', () => {
    // python3.11 -c 'int("\x1c5")' → ValueError; '\x85' and '\u3000' are skipped.
    expect(() => pythonInt('\x1c5')).toThrow("invalid literal for int() with base 10: '\\x1c5'");
    expect(() => pythonInt('5\x1f')).toThrow("invalid literal for int() with base 10: '5\\x1f'");
    expect(pythonInt('\x855\u3000')).toBe(5);
  });

  it('accepts bytes like int(b"...")', () => {
    expect(pythonInt(new Uint8Array([32, 49, 95, 50, 10]))).toBe(12);
    expect(() => pythonInt(new Uint8Array([97]))).toThrow("invalid literal for int() with base 10: b'a'");
  });
});
