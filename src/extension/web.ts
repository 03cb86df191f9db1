// Entry point of the browser extension host (vscode.dev, github.dev): the engine runs in a web
// worker; no Node API is used on this path.
import * as vscode from 'vscode';
import type { RequestMessage, ResponseMessage } from '../engine/protocol';
import * as summaryModule from '../webview/summary/index';
import { activateExtension } from './activate';
import type { Transport } from './engineClient';
import { InProcessTransport } from './inProcessTransport';

// The web worker API, declared here because the extension's types are not the DOM's.
interface WebWorker {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: string; preventDefault?(): void }) => void): void;
  terminate(): void;
}
declare const Worker: { new (url: string): WebWorker };

// A web worker has no exit event: one that dies silently (killed for memory) is noticed by the
// supervisor's timeout; an uncaught error or an unreadable answer is reported here, once.
function webWorkerTransport(context: vscode.ExtensionContext): Transport {
  const url = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'engine.js').toString(true);
  const worker = new Worker(url);
  let gone = false;
  const deathListeners: Array<(error: Error) => void> = [];
  const die = (error: Error) => {
    if (gone) return;
    gone = true;
    for (const listener of deathListeners) listener(error);
  };
  worker.addEventListener('error', (event) => {
    // Handled here: without this the error (a script that failed to load, say) is also rethrown
    // in the extension host as an uncaught one.
    event.preventDefault?.();
    die(new Error(`the web worker failed (${event.message || 'no message'})`));
  });
  worker.addEventListener('messageerror', () => die(new Error('an answer of the web worker could not be read')));
  return {
    post: (message: RequestMessage) => worker.postMessage(message),
    onMessage: (listener: (message: ResponseMessage) => void) =>
      worker.addEventListener('message', (event) => listener(event.data as ResponseMessage)),
    onError: (listener: (error: Error) => void) => void deathListeners.push(listener),
    dispose: () => {
      gone = true;
      worker.terminate();
    },
    terminate: () => worker.terminate(),
  };
}

export function activate(context: vscode.ExtensionContext) {
  return activateExtension(
    context,
    () => {
      try {
        return webWorkerTransport(context);
      } catch {
        return new InProcessTransport();
      }
    },
    () => summaryModule,
  );
}

export function deactivate(): void {}
