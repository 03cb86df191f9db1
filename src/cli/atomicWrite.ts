// Writes a file whole or not at all: into a temporary file in the same folder, then renamed over
// the target, so a reader (or a crash) never sees half a file. Refuses to replace an existing
// file unless `force`. (A local writer for import and the xlsx report; meant to be merged with
// the shared atomic writer when there is one.)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './discover';

export function writeFileAtomic(target: string, data: string | Uint8Array, options: { force: boolean; shown: string }): void {
  if (!options.force && fs.existsSync(target)) throw new UsageError(`${options.shown} already exists: add --force to overwrite it.`);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, data, { flag: 'wx' });
    if (!options.force && fs.existsSync(target)) throw new UsageError(`${options.shown} already exists: add --force to overwrite it.`);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot write ${options.shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
