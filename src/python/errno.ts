// Python's OSError texts for the errors Node reports by code: `[Errno 2] No
// such file or directory`, and str(OSError) with the file name(s) after it,
// as v1 prints a file it could not open, run or write. One table for every
// place that reads, runs or writes a file.
import { reprString } from './repr.js';

const ERRNO: Readonly<Record<string, readonly [number, string]>> = {
  EPERM: [1, 'Operation not permitted'],
  ENOENT: [2, 'No such file or directory'],
  EIO: [5, 'Input/output error'],
  ENXIO: [6, 'No such device or address'],
  ENOEXEC: [8, 'Exec format error'],
  EACCES: [13, 'Permission denied'],
  EEXIST: [17, 'File exists'],
  ENOTDIR: [20, 'Not a directory'],
  EISDIR: [21, 'Is a directory'],
  ENOSPC: [28, 'No space left on device'],
  EROFS: [30, 'Read-only file system'],
  ENAMETOOLONG: [36, 'File name too long'],
  ELOOP: [40, 'Too many levels of symbolic links'],
  EDQUOT: [122, 'Disk quota exceeded'],
};

function codeOf(error: unknown): string {
  return (error as { code?: unknown } | undefined)?.code?.toString() ?? '';
}

/** `[Errno N] <strerror>` for the error's code; undefined for a code not in the table. */
export function errnoText(error: unknown): string | undefined {
  const known = ERRNO[codeOf(error)];
  return known ? `[Errno ${known[0]}] ${known[1]}` : undefined;
}

/**
 * str(OSError) for a failed operation on `paths` (`'a' -> 'b'` for a rename):
 * `[Errno 2] No such file or directory: '/tmp/x'`; the error's own message for
 * a code not in the table.
 */
export function pythonOsError(error: unknown, ...paths: string[]): string {
  const text = errnoText(error);
  if (text === undefined) return error instanceof Error ? error.message : String(error);
  return paths.length ? `${text}: ${paths.map(reprString).join(' -> ')}` : text;
}
