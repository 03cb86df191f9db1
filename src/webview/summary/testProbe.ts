// What the in-editor tests watch of the summary panel: each message posted to the page, and what
// the page says it rendered. Attached only when the extension runs its tests
// (ExtensionMode.Test); a user's panel has no probe.
import * as vscode from 'vscode';
import type { HostMessage, PageMessage } from '../protocol';
import type { MessageProbe } from './webviewHost';

/** What the page reports it shows after a render. */
export interface RenderedReport {
  score: string;
  unlinked: string[];
  /** The dots of the Trend section's score chart, once it is drawn. */
  trendPoints?: number;
}

export class SummaryTestProbe implements MessageProbe<HostMessage, PageMessage>, vscode.Disposable {
  private readonly onDidPostEmitter = new vscode.EventEmitter<HostMessage>();
  private readonly onDidRenderEmitter = new vscode.EventEmitter<RenderedReport>();
  /** Fires with each message posted to the page. */
  readonly onDidPost = this.onDidPostEmitter.event;
  /** Fires when the page has rendered, with what it shows. */
  readonly onDidRender = this.onDidRenderEmitter.event;
  /** What the page last said it shows. */
  lastRendered: RenderedReport | undefined;

  posted(message: HostMessage): void {
    this.onDidPostEmitter.fire(message);
  }

  received(message: PageMessage): void {
    if (message.type !== 'rendered') return;
    this.lastRendered = {
      score: message.score,
      unlinked: message.unlinked,
      ...(message.trendPoints !== undefined ? { trendPoints: message.trendPoints } : {}),
    };
    this.onDidRenderEmitter.fire(this.lastRendered);
  }

  dispose(): void {
    this.onDidPostEmitter.dispose();
    this.onDidRenderEmitter.dispose();
  }
}
