// The engine in a Node worker thread (desktop and code-server extension hosts).
import { parentPort } from 'node:worker_threads';
import type { RequestMessage } from './protocol';
import { usePlainEnvironment } from './plainEnvironment';
import { EngineServer } from './server';
import { warmUp } from './warmUp';

usePlainEnvironment();

const server = new EngineServer();
parentPort?.on('message', (message: RequestMessage) => parentPort?.postMessage(server.handleMessage(message)));
// After the handler is installed: requests that arrive meanwhile wait in the port's queue.
setTimeout(warmUp, 0);
