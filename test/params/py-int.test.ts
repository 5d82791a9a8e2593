// Expected values come from Python 3.11.7's int() (the AWS CLI's converter for
// integer options and shorthand members), via fixtures/reference.json
// (capture.mjs + reference.py, mode "int").
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { pythonInt } from '../../src/params/py-int.js';
import { pyRepr } from '../../src/params/python-repr.js';
import { referenceCases } from './fixtures.js';

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

  it('accepts bytes like int(b"...")', () => {
    expect(pythonInt(new Uint8Array([32, 49, 95, 50, 10]))).toBe(12);
    expect(() => pythonInt(new Uint8Array([97]))).toThrow("invalid literal for int() with base 10: b'a'");
  });
});
