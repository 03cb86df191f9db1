// The summary panel's Trend, host side: when the page asks, reads the folder's git history
// (extension/gitTrend.ts), has the engine check each point, and posts progress and then the points.
// Apart from the summary, so that git never holds up the figures; the last result is kept to post
// again when the page reloads (a hidden panel is unloaded).
import type * as vscode from 'vscode';
import type { TrendPoint } from '../../core/summary/report/trendView';
import { trendUnavailable } from '../../core/summary/report/trendView';
import type { TrendStep } from '../../core/summary/trend';
import type { GitAccess } from '../../extension/gitBase';
import { trendHistory } from '../../extension/gitTrend';
import { MAX_TREND_POINTS, type TrendMessage } from '../protocol';

export interface TrendSource {
  folder: string;
  access: Promise<GitAccess>;
  /** The folder's portfolio files (URIs), as the engine knows them. */
  files: ReadonlySet<string>;
  /** The engine's figures for the points (the 'trend' request). */
  check(steps: TrendStep[]): Promise<TrendPoint[]>;
}

export class TrendLoader {
  /** The last finished trend, posted again after a page reload. */
  private kept: TrendMessage | undefined;
  private running = 0;

  constructor(
    private readonly post: (message: TrendMessage) => void,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The trend to post again once the page has its summary, if it is of that folder. */
  keptFor(folder: string): TrendMessage | undefined {
    return this.kept?.folder === folder ? this.kept : undefined;
  }

  async load(source: TrendSource): Promise<void> {
    const run = ++this.running;
    const { folder } = source;
    const say = (status: TrendMessage['status'], message: string, points?: TrendPoint[]) => {
      if (run !== this.running) return; // A newer request (or another folder) took over.
      const out: TrendMessage = { type: 'trend', folder, status, message, ...(points ? { points } : {}) };
      if (status !== 'loading') this.kept = out;
      this.post(out);
    };
    say('loading', 'Looking for the git repository…');
    const access = await source.access;
    if ('reason' in access) return say('unavailable', trendUnavailable(access.reason));
    try {
      const history = await trendHistory(access.repository, source.files, MAX_TREND_POINTS, (message) => say('loading', message));
      if (history.steps.length === 0)
        return say('ready', 'No commit has these portfolio files yet: commit them to git to see their trend.', []);
      say('loading', `Checking ${history.steps.length} point${history.steps.length === 1 ? '' : 's'}…`);
      const points = await source.check(history.steps);
      const count = `${points.length} commit${points.length === 1 ? '' : 's'}`;
      say(
        'ready',
        history.capped
          ? `The last ${count} that changed this folder's portfolio files (older ones are left out), oldest first.`
          : `The ${count} that changed this folder's portfolio files, oldest first.`,
        points,
      );
    } catch (error) {
      this.log.warn(`Summary panel: trend: ${(error as Error).message}`);
      say('failed', `The trend could not be read from git: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  /** Forgets the trend (the panel shows another folder) and drops any answer still on its way. */
  reset(): void {
    this.kept = undefined;
    this.running++;
  }
}
