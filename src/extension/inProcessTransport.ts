// The engine in the extension host itself, for browser hosts where a web worker cannot be
// started. Only the web entry uses it: the Node entry always has worker threads.
import type { ResponseMessage, RequestMessage } from '../engine/protocol';
import { EngineServer } from '../engine/server';
import type { Transport } from './engineClient';

export class InProcessTransport implements Transport {
  private readonly server = new EngineServer();
  private listener: ((message: ResponseMessage) => void) | undefined;

  post(message: RequestMessage): void {
    // Answer asynchronously, as a worker would, so callers behave the same either way.
    queueMicrotask(() => this.listener?.(this.answer(message)));
  }

  /** The engine's answer; whatever it throws becomes the answer, never an exception in the extension host. */
  private answer(message: RequestMessage): ResponseMessage {
    try {
      return this.server.handleMessage(message);
    } catch (error) {
      return { id: message.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
    }
  }

  onMessage(listener: (message: ResponseMessage) => void): void {
    this.listener = listener;
  }

  onError(): void {}

  dispose(): void {
    this.listener = undefined;
  }
}
