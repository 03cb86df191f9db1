import type { HistoryArgs } from './diffArgs';
import { UsageError } from './discover';

export async function runHistory(_args: HistoryArgs, _io: { cwd: string }): Promise<number> {
  throw new UsageError('history is not built yet.');
}
