// The figures of the trend: a folder's portfolio files at a series of commits, each checked like
// the folder is now. One Workspace is carried from point to point, so that a commit re-reads only
// the files it changed (the CLI's `history` does the same over git blobs).
import { Workspace, type CheckOptions } from '../check/workspace';
import { trendPointOf, type TrendPoint } from './report/trendView';

/** One point of history: the files that changed since the point before (all of them at the first). */
export interface TrendStep {
  commit: string;
  date: string;
  label?: string;
  changed: Array<{ path: string; text: string }>;
  /** Files of the point before that this point does not have. */
  removed: string[];
}

export function trendOf(steps: readonly TrendStep[], options: CheckOptions): TrendPoint[] {
  const workspace = new Workspace();
  return steps.map((step) => {
    for (const path of step.removed) workspace.removeFile(path);
    for (const file of step.changed) workspace.setFile(file.path, file.text);
    return trendPointOf(step.commit, step.date, workspace.check(options).summary, step.label);
  });
}
