// src/request/sdk.ts, the one door to the SDK: its change to the SDK
// (HttpRequest.clone copies the query in linear time, and otherwise exactly
// as the SDK's own clone does), and every SDK internal our code and the build
// rely on, named and checked against the installed SDK, so that an upgrade
// that moves one fails here.
import { HttpRequest } from '@smithy/core/protocols';
import { CopySnapshotCommand, EC2Client } from '@aws-sdk/client-ec2';
import { state } from '@aws-sdk/core/client';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HandlerExecutionContext } from '@smithy/types';
import { describe, expect, it, vi } from 'vitest';
import {
  CopySnapshotBotocoreStyle,
  EC2_CLIENT,
  EC2_SERVICE,
  NODE_VERSION_WARNING_FLAG,
  RETRY_MIDDLEWARE,
  SCHEMA_ROOTS,
  SIGNER_CANONICAL_REQUEST,
  SIGNING_MIDDLEWARE,
  silenceNodeVersionWarning,
} from '../../src/request/sdk.js';

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

describe('the SDK internals named in the door', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
  const INPUT = { SourceRegion: 'us-west-2', SourceSnapshotId: 'snap-1' };

  /** What a command leaves in its handler context and request, sent through a client whose handler answers nothing. */
  async function sent(command: CopySnapshotCommand | InstanceType<typeof CopySnapshotBotocoreStyle>) {
    const client = new EC2Client({ region: 'us-east-1', credentials, maxAttempts: 1 });
    let context: HandlerExecutionContext | undefined;
    let body = '';
    client.middlewareStack.add(
      (next, ctx) => (args) => {
        context = ctx;
        return next(args);
      },
      { step: 'initialize' },
    );
    client.middlewareStack.addRelativeTo(
      () => (args: { request: unknown }) => {
        body = String((args.request as HttpRequest).body);
        throw new Error('not sent');
      },
      { relation: 'after', toMiddleware: SIGNING_MIDDLEWARE },
    );
    await expect(client.send(command as CopySnapshotCommand)).rejects.toThrow('not sent');
    return { context: context!, body };
  }

  it('names middleware the EC2 client has: the signing and retry steps', () => {
    const client = new EC2Client({ region: 'us-east-1', credentials });
    const names = client.middlewareStack.identify().map((entry) => entry.split(' ')[0]);
    expect(names).toContain(SIGNING_MIDDLEWARE);
    expect(names).toContain(RETRY_MIDDLEWARE);
  });

  it("builds CopySnapshot as the SDK's own command does, without the SDK's presign", async () => {
    const ours = await sent(new CopySnapshotBotocoreStyle(INPUT));
    const sdk = await sent(new CopySnapshotCommand(INPUT));
    expect(ours.context.clientName).toBe(EC2_CLIENT);
    expect(ours.context.commandName).toBe(sdk.context.commandName);
    expect(ours.context.clientName).toBe(sdk.context.clientName);
    const smithy = (c: HandlerExecutionContext) => {
      const { service, operation } = c.__smithy_context as { service?: string; operation?: string };
      return { service, operation };
    };
    expect(smithy(ours.context)).toEqual(smithy(sdk.context));
    expect(smithy(ours.context).service).toBe(EC2_SERVICE);
    expect(sdk.body).toContain('PresignedUrl=');
    expect(ours.body).toBe('Action=CopySnapshot&Version=2016-11-15&SourceRegion=us-west-2&SourceSnapshotId=snap-1');
  });

  it("names the signer's canonical-request method, which signing and presigning call", async () => {
    const spy = vi.spyOn(SignatureV4.prototype as unknown as Record<string, (...a: unknown[]) => string>, SIGNER_CANONICAL_REQUEST);
    try {
      const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'ec2', sha256: (await import('@smithy/core/serde')).Hash.bind(null, 'sha256') });
      const request = new HttpRequest({ method: 'GET', hostname: 'h', path: '/', headers: { host: 'h' } });
      await signer.sign(request);
      await signer.presign(request);
      expect(spy).toHaveBeenCalledTimes(2);
      expect(spy.mock.results[0]!.value).toMatch(/^GET\n\/\n\n/);
    } finally {
      spy.mockRestore();
    }
  });

  it("hands the client's whole configuration to the signer's constructor (how signing-date.ts gets its slot and query)", async () => {
    const seen: unknown[] = [];
    class Recording extends SignatureV4 {
      constructor(init: ConstructorParameters<typeof SignatureV4>[0]) {
        super(init);
        seen.push((init as { marker?: unknown }).marker);
      }
    }
    const client = new EC2Client(Object.assign({ region: 'us-east-1', credentials, maxAttempts: 1, signerConstructor: Recording }, { marker: 'kept' }));
    client.middlewareStack.addRelativeTo(
      () => () => {
        throw new Error('not sent');
      },
      { relation: 'after', toMiddleware: SIGNING_MIDDLEWARE },
    );
    await expect(client.send(new CopySnapshotBotocoreStyle(INPUT))).rejects.toThrow('not sent');
    expect(seen).toEqual(['kept']);
  });

  it("switches off the SDK's Node version warning through the flag it checks", () => {
    expect(typeof (state as Record<string, unknown>)[NODE_VERSION_WARNING_FLAG]).toBe('boolean');
    silenceNodeVersionWarning();
    expect((state as Record<string, unknown>)[NODE_VERSION_WARNING_FLAG]).toBe(true);
  });

  it('keeps schema roots that the SDK clients export', async () => {
    expect(Object.keys(SCHEMA_ROOTS).length).toBeGreaterThan(0);
    for (const [client, roots] of Object.entries(SCHEMA_ROOTS)) {
      const exported = (await import(`@aws-sdk/${client}`)) as Record<string, unknown>;
      for (const root of roots) expect(exported[root], `${client} ${root}`).toBeDefined();
    }
  });
});
