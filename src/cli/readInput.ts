// Reading one portfolio file for the command line: regular files only, never more than the size
// limit, and bytes that are not UTF-8 reported (encoding.ts) instead of decoded with losses.
import * as fs from 'node:fs';
import { encodingProblem } from '../core/syntax/encoding';
import { UsageError } from './discover';

/** The default of --max-file-size: far above any real portfolio, far below what exhausts memory. */
export const DEFAULT_MAX_FILE_SIZE = 50_000_000;

export type InputFile = { text: string } | { unreadable: string };

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** Parses a size such as 50MB, 1.5GB, 512KiB or 1048576 (bytes); undefined when it is not one. */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * unit);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** A size for people: 52.4 MB, 900 bytes. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'KB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
  return `${Number(value.toFixed(1))} ${unit}`;
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

function notRegular(shown: string, stat: fs.Stats): UsageError {
  return new UsageError(`${shown} is ${kindOf(stat)}, not a regular file: only portfolio files saved on disk can be checked.`);
}

/** `size` in bytes when known (a file that grew while being read has none). */
function tooLarge(shown: string, size: number | undefined, limit: number): UsageError {
  const enough = Math.max(1, Math.ceil((size ?? limit * 2) / 1e6));
  return new UsageError(
    `${shown} is ${size === undefined ? `over ${formatSize(limit)}` : formatSize(size)}, over the limit of ${formatSize(limit)} per file: if it really is a portfolio that large, raise the limit, such as --max-file-size ${enough}MB.`,
  );
}

/** Reads to the end, or undefined once more than `limit` bytes came (a file that grew since it was measured). */
function readAtMost(fd: number, expected: number, limit: number): Buffer | undefined {
  let buffer = Buffer.alloc(Math.min(limit, expected) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) return undefined;
      const grown = Buffer.alloc(Math.min(limit + 1, length * 2));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
}

/**
 * Reads a file that must be a regular file of at most `limit` bytes, or throws a UsageError with
 * one line that says why not. `shown` is the path as printed.
 */
export function readInputFile(file: string, shown: string, limit: number): InputFile {
  let fd: number | undefined;
  try {
    // Checked before opening: opening a FIFO for reading waits for a writer, and a socket cannot be opened.
    const before = fs.statSync(file);
    if (!before.isFile()) throw notRegular(shown, before);
    if (before.size > limit) throw tooLarge(shown, before.size, limit);
    // O_NONBLOCK: should the path have been swapped for a FIFO since, opening it still returns at once.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw notRegular(shown, stat);
    const bytes = readAtMost(fd, stat.size, limit);
    if (bytes === undefined) throw tooLarge(shown, undefined, limit);
    const problem = encodingProblem(bytes);
    return problem ? { unreadable: problem } : { text: bytes.toString('utf8') };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read ${shown}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'it no longer exists' : (code ?? (error as Error).message)}`,
    );
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
