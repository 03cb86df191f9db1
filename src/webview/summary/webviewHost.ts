// A generic webview host: it loads a page under a strict Content-Security-Policy with a fresh
// nonce, waits for the page's `ready` before posting (messages sent earlier would be lost), keeps
// the last message to post again when the page reloads after being hidden, and validates every
// message from the page before handing it on. What the page shows and does is the feature's.
import * as vscode from 'vscode';
import { makeNonce } from './nonce';
import { panelHtml } from './shell';

export interface HostedPage<In> {
  /** The page's script and stylesheet, inside the extension's media/ folder. */
  script: string;
  style: string;
  /** Validates a message from the page; undefined refuses it. */
  parse(raw: unknown): In | undefined;
}

/** Sees the messages going each way: the in-editor tests attach one (testProbe.ts); nothing else does. */
export interface MessageProbe<Out, In> {
  posted(message: Out): void;
  received(message: In): void;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  // Scripts run (ours, by nonce); resources load from media/ only; no command links.
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
}

export class WebviewHost<Out, In extends { type: string }> implements vscode.Disposable {
  private pageReady = false;
  private lastMessage: Out | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  probe: MessageProbe<Out, In> | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly page: HostedPage<In>,
    private readonly handlers: { ready(): void; message(message: In): Promise<void> },
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidChangeViewState(() => {
        // Hidden, the page is unloaded (no retainContextWhenHidden); shown, it loads and says ready.
        if (!panel.visible) this.pageReady = false;
      }),
    );
    this.load();
  }

  /** The last message posted, or kept to post once the page is ready. */
  get last(): Out | undefined {
    return this.lastMessage;
  }

  private load(): void {
    const webview = this.panel.webview;
    webview.options = webviewOptions(this.extensionUri);
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    this.pageReady = false;
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, this.page.script)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, this.page.style)).toString(),
      nonce: makeNonce(),
    });
  }

  post(message: Out): void {
    this.lastMessage = message;
    if (!this.pageReady) return; // Sent when the page says it is ready.
    void this.panel.webview.postMessage(message);
    this.probe?.posted(message);
  }

  /** Posts a message beside the last one (progress, a section loaded on demand): not kept, not re-sent. */
  postAside(message: Out): void {
    if (!this.pageReady) return;
    void this.panel.webview.postMessage(message);
    this.probe?.posted(message);
  }

  /** Takes a message from the page: validated first; `ready` is the host's, the rest the feature's. */
  async receive(raw: unknown): Promise<void> {
    const message = this.page.parse(raw);
    if (!message) {
      this.log.warn('Webview: ignored a malformed message from the page.');
      return;
    }
    this.probe?.received(message);
    if (message.type === 'ready') {
      this.pageReady = true;
      this.handlers.ready();
      return;
    }
    try {
      await this.handlers.message(message);
    } catch (error) {
      this.log.error(`Webview: ${message.type} failed: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(`Portfolio Alignment: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
