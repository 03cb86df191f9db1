// The engine in a Node worker thread (desktop and code-server extension hosts).
import { parentPort } from 'node:worker_threads';
import type { RequestMessage } from './protocol';
import { EngineServer } from './server';

const server = new EngineServer();
parentPort?.on('message', (message: RequestMessage) => parentPort?.postMessage(server.handleMessage(message)));
