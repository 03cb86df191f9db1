// The engine in a web worker (vscode.dev, github.dev and other browser extension hosts).
import type { RequestMessage } from './protocol';
import { EngineServer } from './server';

declare const self: { onmessage: ((event: { data: RequestMessage }) => void) | null; postMessage(message: unknown): void };

const server = new EngineServer();
self.onmessage = (event) => self.postMessage(server.handleMessage(event.data));
