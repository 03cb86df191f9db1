// The engine in a Node worker thread (desktop and code-server extension hosts).
import { parentPort } from 'node:worker_threads';
import type { RequestMessage } from './protocol';
import { usePlainEnvironment } from './plainEnvironment';
import { EngineServer } from './server';

usePlainEnvironment();

const server = new EngineServer();
parentPort?.on('message', (message: RequestMessage) => parentPort?.postMessage(server.handleMessage(message)));
