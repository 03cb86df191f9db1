// The engine in a web worker (vscode.dev, github.dev and other browser extension hosts).
import type { RequestMessage } from './protocol';
import { EngineServer } from './server';
import { warmUp } from './warmUp';

declare const self: { onmessage: ((event: { data: RequestMessage }) => void) | null; postMessage(message: unknown): void };

const server = new EngineServer();
self.onmessage = (event) => self.postMessage(server.handleMessage(event.data));
// After the handler is installed: requests that arrive meanwhile wait in the worker's queue.
setTimeout(warmUp, 0);
