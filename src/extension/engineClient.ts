// How the extension reaches the engine: a worker thread (Node hosts), a web worker (browser hosts)
// or the engine on the extension host's own thread. engineSupervisor.ts sends the requests.
import type { RequestMessage, ResponseMessage } from '../engine/protocol';

export interface Transport {
  post(message: RequestMessage): void;
  onMessage(listener: (message: ResponseMessage) => void): void;
  /** The worker died or broke (error, exit, a message that could not be read): it answers no more. */
  onError(listener: (error: Error) => void): void;
  /** Ends the worker and hears nothing more from it. */
  dispose(): void;
  /**
   * Ends the worker from outside, as a crash would, without telling anyone: the death is noticed
   * as a real one is (an exit event, or a request that times out). Only the in-editor tests call
   * it, through a command registered in test mode; a transport without a worker has none.
   */
  terminate?(): void;
}
