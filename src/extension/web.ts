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
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}
declare const Worker: { new (url: string): WebWorker };

function webWorkerTransport(context: vscode.ExtensionContext): Transport {
  const url = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'engine.js').toString(true);
  const worker = new Worker(url);
  return {
    post: (message: RequestMessage) => worker.postMessage(message),
    onMessage: (listener: (message: ResponseMessage) => void) => worker.addEventListener('message', (event) => listener(event.data as ResponseMessage)),
    onError: (listener: (error: Error) => void) => worker.addEventListener('error', (event) => listener(new Error(event.message || 'web worker error'))),
    dispose: () => worker.terminate(),
  };
}

export function activate(context: vscode.ExtensionContext) {
  return activateExtension(context, () => {
    try {
      return webWorkerTransport(context);
    } catch {
      return new InProcessTransport();
    }
  }, () => summaryModule);
}

export function deactivate(): void {}
