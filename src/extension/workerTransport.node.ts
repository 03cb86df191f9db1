// The engine in a Node worker thread (desktop and code-server extension hosts). Its death (an
// uncaught error, running out of memory, exiting) is reported through onError, once.
import { Worker } from 'node:worker_threads';
import type { RequestMessage, ResponseMessage } from '../engine/protocol';
import type { Transport } from './engineClient';

export function workerThreadTransport(script: string): Transport {
  const worker = new Worker(script);
  worker.unref();
  let disposed = false;
  let dead = false;
  const deathListeners: Array<(error: Error) => void> = [];
  const die = (error: Error) => {
    if (disposed || dead) return;
    dead = true;
    for (const listener of deathListeners) listener(error);
  };
  worker.on('error', (error: Error) => die(new Error(`the worker failed (${error.message.split('\n')[0]})`)));
  worker.on('messageerror', (error: Error) => die(new Error(`an answer of the worker could not be read (${error.message})`)));
  worker.on('exit', (code: number) => die(new Error(`the worker exited (code ${code})`)));
  return {
    post: (message: RequestMessage) => worker.postMessage(message),
    onMessage: (listener: (message: ResponseMessage) => void) => worker.on('message', listener),
    onError: (listener: (error: Error) => void) => void deathListeners.push(listener),
    dispose: () => {
      disposed = true;
      void worker.terminate();
    },
    terminate: () => void worker.terminate(),
  };
}
