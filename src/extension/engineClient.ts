// The extension's side of the engine protocol: requests with ids over a worker transport.
import type { Request, RequestMessage, ResponseMessage, ResultOf } from '../engine/protocol';

export interface Transport {
  post(message: RequestMessage): void;
  onMessage(listener: (message: ResponseMessage) => void): void;
  onError(listener: (error: Error) => void): void;
  dispose(): void;
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private disposed = false;

  constructor(private readonly transport: Transport, private readonly log: (message: string) => void) {
    transport.onMessage((message) => this.receive(message));
    transport.onError((error) => {
      log(`Validation worker failed: ${error.message}`);
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    });
  }

  request<T extends Request>(request: T): Promise<ResultOf[T['type']]> {
    if (this.disposed) return Promise.reject(new Error('The validation engine has stopped.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.transport.post({ id, request });
    });
  }

  private receive(message: ResponseMessage): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if ('error' in message) {
      this.log(`Engine error: ${message.error}`);
      pending.reject(new Error(message.error.split('\n')[0]));
    } else {
      pending.resolve(message.result);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const { reject } of this.pending.values()) reject(new Error('The validation engine has stopped.'));
    this.pending.clear();
    this.transport.dispose();
  }
}
