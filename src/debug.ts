// --debug: log lines in AWS CLI v1's format
//   2026-11-24 22:41:52,086 - MainThread - <logger> - DEBUG - <message>
// with every secret masked before the line is written: the secret key and
// session token wherever they appear, request signatures, and the presigned
// URL's signature and token.

/** One log line; the level is DEBUG unless said (botocore logs some findings at INFO, failures at WARNING). */
export type DebugLog = (logger: string, message: string, level?: 'DEBUG' | 'INFO' | 'WARNING') => void;

const MASK = '****';

function timestamp(now: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ` +
    `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())},${pad(now.getMilliseconds(), 3)}`
  );
}

/** Masks signatures and tokens by their shape, and the given secrets wherever they stand. */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  let masked = text
    .replace(/(Signature=)[0-9a-f]{64}/g, `$1${MASK}`)
    .replace(/(X-Amz-Signature(?:=|%3D))[0-9a-f]{64}/gi, `$1${MASK}`)
    .replace(/(X-Amz-Security-Token(?:=|%3D|"?:\s*"?))(?:(?!%26|&)[^\s"',])+/gi, `$1${MASK}`);
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    // Raw, URL-encoded, and encoded twice (a presigned URL inside a form body).
    const once = encodeURIComponent(secret);
    for (const form of new Set([secret, once, encodeURIComponent(once)])) masked = masked.split(form).join(MASK);
  }
  return masked;
}

export interface DebugLogger {
  readonly log: DebugLog;
  /** Registers a secret to mask from now on (credentials become known late). */
  readonly addSecret: (secret: string | undefined) => void;
}

export function createDebugLogger(write: (text: string) => void, now: () => Date = () => new Date()): DebugLogger {
  const secrets = new Set<string>();
  return {
    log: (logger, message, level = 'DEBUG') => write(`${timestamp(now())} - MainThread - ${logger} - ${level} - ${maskSecrets(message, secrets)}\n`),
    addSecret: (secret) => {
      if (secret) secrets.add(secret);
    },
  };
}
