// Writing a file the command line produces (a report, an export): all of it or nothing. The data
// goes to a temporary file in the same folder, which is then renamed over the target, so a full
// disk or a crash never leaves a truncated file or destroys the one that was there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './discover';

export interface WriteOutputOptions {
  /** Replace the target if it exists (otherwise an existing target is left alone: UsageError). */
  force?: boolean;
  /** Files the command read: the target may not be one of them, whatever name it is given by. */
  inputs?: readonly string[];
  /** The folder a relative target is resolved in (default: the process's working folder). */
  cwd?: string;
  /** The option that named the target, for messages (default `--out`). */
  option?: string;
}

function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/** The target's real path when it exists (through symlinks), else its folder's real path and its name. */
function resolveTarget(absolute: string): string {
  return realPathOf(absolute) ?? path.join(realPathOf(path.dirname(absolute)) ?? path.dirname(absolute), path.basename(absolute));
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EFBIG':
      return 'the file is larger than this system allows';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOENT':
      return 'its folder does not exist';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    default:
      return code ?? (error as Error).message;
  }
}

/** Refuses a target that is empty, a folder, not a regular file, one of the inputs, or (without force) an existing file. */
function checkTarget(target: string, resolved: string, options: WriteOutputOptions): fs.Stats | undefined {
  const option = options.option ?? '--out';
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(resolved);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory())
    throw new UsageError(`${target} is a folder: give ${option} a file name, such as ${target.replace(/[\\/]+$/, '') || '.'}/report.md.`);
  const inputs = new Set((options.inputs ?? []).map((input) => realPathOf(input) ?? path.resolve(input)));
  if (inputs.has(resolved))
    throw new UsageError(
      `${target} is one of the portfolio files being read: write to another file, so that the portfolio is not overwritten.`,
    );
  if (stat && !stat.isFile()) throw new UsageError(`${target} exists and is not a regular file: give ${option} the name of a file.`);
  if (stat && !options.force) throw new UsageError(`${target} already exists: add --force to overwrite it.`);
  const folder = path.dirname(resolved);
  if (!fs.existsSync(folder)) throw new UsageError(`Cannot write ${target}: the folder ${path.dirname(target) || '.'} does not exist.`);
  return stat;
}

/** Writes all of `data` to a new file and flushes it to disk. */
function writeNew(file: string, data: string | Uint8Array, mode: number): void {
  const fd = fs.openSync(file, 'wx', mode);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let at = 0; at < bytes.length;) at += fs.writeSync(fd, bytes, at, bytes.length - at);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `data` to `target` atomically, or throws a UsageError (one line: what is wrong and what
 * to do) and leaves the disk as it was. Returns the absolute path written. Refuses an empty name,
 * a folder, anything but a regular file, one of `inputs` (compared by real path, so a symlink or
 * another spelling of an input is refused too), and an existing file unless `force` is set. A
 * target that is a symlink to a file is written through: the file it points to is replaced.
 */
export function writeOutput(target: string, data: string | Uint8Array, options: WriteOutputOptions = {}): string {
  const option = options.option ?? '--out';
  if (target.trim() === '') throw new UsageError(`${option} needs a file name, such as ${option} report.md.`);
  const absolute = path.resolve(options.cwd ?? process.cwd(), target);
  const resolved = resolveTarget(absolute);
  const existing = checkTarget(target, resolved, options);
  const temporary = path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    writeNew(temporary, data, existing ? existing.mode & 0o777 : 0o666);
    if (existing) {
      fs.renameSync(temporary, resolved);
    } else {
      // A hard link fails if another process created the target meanwhile, where a rename would replace it.
      try {
        fs.linkSync(temporary, resolved);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' && !options.force) throw new UsageError(`${target} already exists: add --force to overwrite it.`);
        // Some file systems (FAT, some network shares) have no hard links; a dangling symlink is replaced with --force.
        if (code !== 'EEXIST' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EOPNOTSUPP') throw error;
        fs.renameSync(temporary, resolved);
      }
    }
    return resolved;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot write ${target}: ${reason(error)}.${existing ? ' The file that was there is unchanged.' : ''}`);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
