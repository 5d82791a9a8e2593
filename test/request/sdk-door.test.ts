// src/request/sdk.ts's one change to the SDK: HttpRequest.clone copies the
// query in linear time, and otherwise exactly as the SDK's own clone does.
import { HttpRequest } from '@smithy/core/protocols';
import { describe, expect, it, vi } from 'vitest';
import '../../src/request/sdk.js';

describe('HttpRequest.clone through the SDK door', () => {
  it('copies the query key by key, in order, arrays copied, the rest as the SDK does', () => {
    const original = new HttpRequest({
      method: 'GET',
      hostname: 'ec2.us-west-2.amazonaws.com',
      path: '/',
      query: { b: '2', a: ['x', 'y'], ['__proto__']: 'kept as a key' } as Record<string, string | string[]>,
      headers: { host: 'ec2.us-west-2.amazonaws.com' },
    });
    const cloned = HttpRequest.clone(original);
    expect(cloned).toBeInstanceOf(HttpRequest);
    expect(cloned).not.toBe(original);
    expect(Object.keys(cloned.query)).toEqual(Object.keys(original.query));
    expect(cloned.query).toEqual(original.query);
    expect(cloned.query).not.toBe(original.query);
    expect(cloned.query.a).not.toBe(original.query.a);
    expect(Object.getOwnPropertyDescriptor(cloned.query, '__proto__')?.value).toBe('kept as a key');
    expect(cloned.headers).toEqual(original.headers);
    expect(cloned.headers).not.toBe(original.headers);
    expect({ ...cloned, query: undefined, headers: undefined }).toEqual({ ...original, query: undefined, headers: undefined });
  });

  it('gives a request without a query an empty one, as the SDK does', () => {
    const cloned = HttpRequest.clone({ method: 'GET', protocol: 'https:', hostname: 'h', path: '/', headers: {}, query: undefined as never });
    expect(cloned.query).toEqual({});
  });

  it('copies 100,000 parameters (quadratic copying would not finish within the test time-out)', () => {
    const query = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`TagSpecification.${i + 1}.ResourceType`, 'snapshot']));
    const cloned = HttpRequest.clone(new HttpRequest({ query }));
    expect(Object.keys(cloned.query)).toHaveLength(100_000);
    expect(cloned.query['TagSpecification.100000.ResourceType']).toBe('snapshot');
  });

  it('is applied once, however often the door is evaluated', async () => {
    const patched = HttpRequest.clone;
    expect(Object.getOwnPropertySymbols(patched).map(String)).toEqual(['Symbol(copy-snapshot.linearQueryClone)']);
    vi.resetModules();
    await import('../../src/request/sdk.js');
    expect(HttpRequest.clone).toBe(patched);
  });
});
