import { describe, expect, it } from 'vitest';
import { createDebugLogger, maskSecrets } from '../src/debug.js';
import { startEc2Endpoint } from './support/ec2-endpoint.js';
import { isolatedEnv, isolatedHome, runMain } from './support/run-main.js';

const SIG = 'a'.repeat(64);

describe('maskSecrets', () => {
  it.each([
    [`Authorization: AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=${SIG}`, 'Authorization: AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=****'],
    [`?X-Amz-Signature=${SIG}&a=b`, '?X-Amz-Signature=****&a=b'],
    [`X-Amz-Security-Token%3DAbC%252Bd%26X-Amz-Signature%3D${SIG}`, 'X-Amz-Security-Token%3D****%26X-Amz-Signature%3D****'],
    ['{"x-amz-security-token":"tok/en+1"}', '{"x-amz-security-token":"****"}'],
  ])('%s', (input, expected) => {
    expect(maskSecrets(input, [])).toBe(expected);
  });

  it('masks registered secrets raw, encoded and encoded twice', () => {
    const secret = 'wJal/rX+Utn=';
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${encodeURIComponent(encodeURIComponent(secret))}`;
    expect(maskSecrets(text, [secret])).toBe('a **** b **** c ****');
  });
});

describe('createDebugLogger', () => {
  it('writes v1 line format', () => {
    const lines: string[] = [];
    const logger = createDebugLogger((t) => lines.push(t), () => new Date(2026, 10, 24, 22, 41, 52, 86));
    logger.log('awscli.clidriver', 'CLI version: x');
    expect(lines).toEqual(['2026-11-24 22:41:52,086 - MainThread - awscli.clidriver - DEBUG - CLI version: x\n']);
  });
});

describe('--debug never shows a secret', () => {
  it.each([[[]], [['--no-sign-request']], [['--dry-run']]])('extra args %j', async (extra) => {
    const ec2 = await startEc2Endpoint();
    try {
      const secret = 'SuperSecret/Key+With=Chars';
      const token = 'Session/Token+With=Chars12345';
      const env = isolatedEnv(isolatedHome(), { AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token });
      const r = await runMain(
        ['--source-region', 'us-west-2', '--source-snapshot-id', 'snap-1', '--endpoint-url', ec2.url, '--debug', ...extra],
        env,
      );
      const out = r.stdout + r.stderr;
      expect(r.stderr).toMatch(/ - MainThread - botocore\.endpoint - DEBUG - Sending http request/);
      const sent = ec2.requests[0]!;
      const signatures = [
        /Signature=([0-9a-f]{64})/.exec(sent.headers.authorization ?? '')?.[1],
        /X-Amz-Signature=([0-9a-f]{64})/.exec(sent.form.find(([k]) => k === 'PresignedUrl')?.[1] ?? '')?.[1],
      ].filter((s): s is string => s !== undefined);
      if (!extra.includes('--no-sign-request')) expect(signatures).toHaveLength(2);
      for (const needle of [secret, encodeURIComponent(secret), token, encodeURIComponent(token), ...signatures]) {
        expect(out).not.toContain(needle);
      }
    } finally {
      await ec2.close();
    }
  });
});
