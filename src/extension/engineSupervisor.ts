// Keeps the validation engine answering. It sends requests over a transport (worker thread, web
// worker or the extension host's own thread) and, when the worker dies, breaks or stops answering,
// rejects what was waiting, starts a new one and has the service send the settings and files
// again. A worker that keeps dying is given up on, and says so, instead of looping. Requests wait
// here until their turn (requestQueue.ts): a cancelled one is dropped unsent, and a check waits
// for the requests made after it.
// No `vscode` here and no Node module: it runs in every host and in plain Node unit tests.
import type { Request, ResponseMessage, ResultOf } from '../engine/protocol';
import type { Transport } from './engineClient';
import { nextToSend, RequestCancelledError, type CancelSignal } from './requestQueue';

/** The engine could not answer (it died, did not answer in time, or was given up on): not the request's fault. */
export class EngineUnavailableError extends Error {}

/** The engine answered with an error: it could not take this request (a file's text, say). */
export class EngineRequestError extends Error {
  constructor(
    readonly requestType: Request['type'],
    readonly reason: string,
  ) {
    super(`The validation engine could not handle "${requestType}": ${reason}`);
  }
}

export type EngineState = 'idle' | 'running' | 'restarting' | 'stopped';

export interface EngineFailure {
  /** What happened, as a sentence part: "the worker exited (code 1)". */
  reason: string;
  /** The request the engine was working on: it answers in the order it was sent them, so the oldest one sent and not answered. */
  during?: Request;
  /** Failures within the crash window, this one included. */
  count: number;
  /** Whether a new engine is started (false: given up, state "stopped"). */
  restarting: boolean;
}

export interface SupervisorOptions {
  log(message: string): void;
  /** Called when a new engine has started, before anything else is sent: send it the settings and files again. */
  onRestart(): void;
  /** This many failures within `crashWindowMs` and the engine is given up on. */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** Wait before the first, second, … restart: a worker that dies at once is not restarted in a tight loop. */
  restartDelaysMs?: readonly number[];
  /** How long the engine may go without answering while requests wait: a base plus so much per MB of text it holds. */
  timeoutBaseMs?: number;
  timeoutPerMbMs?: number;
}

type Listener<T> = (value: T) => void;

interface Pending {
  request: Request;
  /** The order in which requests were made (requestQueue.ts). */
  seq: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A request not sent yet, with what takes it back. */
interface Waiting extends Pending {
  cancelled?: { dispose(): void };
}

const DEFAULTS = { maxCrashes: 3, crashWindowMs: 60_000, restartDelaysMs: [500, 2000], timeoutBaseMs: 20_000, timeoutPerMbMs: 10_000 };

/** The file a request is about, if any. */
export function pathOfRequest(request: Request | undefined): string | undefined {
  return request && 'path' in request ? request.path : undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

export class EngineSupervisor {
  private transport: Transport | undefined;
  /** Bumped whenever a transport is let go, so that its late events are ignored. */
  private generation = 0;
  private nextId = 1;
  private nextSeq = 1;
  /** Sent and not answered yet, in the order sent (the engine answers in that order). */
  private readonly pending = new Map<number, Pending>();
  /** Not sent yet: requestQueue.ts says which goes next. */
  private readonly waiting: Waiting[] = [];
  private crashTimes: number[] = [];
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  /** Text the engine holds, by folder and path: large workspaces get longer to answer. */
  private readonly held = new Map<string, number>();
  private awaitingRecovery = false;
  private disposed = false;
  private current: EngineState = 'idle';
  private readonly options: Required<SupervisorOptions>;
  private readonly listeners = {
    state: [] as Listener<EngineState>[],
    failure: [] as Listener<EngineFailure>[],
    recovered: [] as Listener<EngineFailure>[],
  };
  /** The last failure, kept for the status bar and the diagnostics. */
  lastFailure: EngineFailure | undefined;

  constructor(
    private readonly createTransport: () => Transport,
    options: SupervisorOptions,
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  get state(): EngineState {
    return this.current;
  }

  /** Whether an engine was ever started (requests that only tidy up need not start one). */
  get started(): boolean {
    return this.current !== 'idle';
  }

  onDidChangeState(listener: Listener<EngineState>): { dispose(): void } {
    return this.listen(this.listeners.state, listener);
  }

  /** Fires on every failure, with whether the engine is restarted or given up on. */
  onDidFail(listener: Listener<EngineFailure>): { dispose(): void } {
    return this.listen(this.listeners.failure, listener);
  }

  /** Fires when a restarted engine first answers, with the failure it recovered from. */
  onDidRecover(listener: Listener<EngineFailure>): { dispose(): void } {
    return this.listen(this.listeners.recovered, listener);
  }

  /** Sends a request in its turn; one whose `signal` is cancelled before then is not sent and rejects with RequestCancelledError. */
  request<T extends Request>(request: T, signal?: CancelSignal): Promise<ResultOf[T['type']]> {
    const refusal = this.refusal();
    if (refusal) return Promise.reject(new EngineUnavailableError(refusal));
    if (signal?.isCancellationRequested) return Promise.reject(new RequestCancelledError(request.type));
    try {
      if (!this.transport) this.start();
    } catch (error) {
      this.fail(`it could not be started (${(error as Error).message})`);
      return Promise.reject(new EngineUnavailableError(`The validation engine could not be started: ${(error as Error).message}`));
    }
    return new Promise((resolve, reject) => {
      const item: Waiting = { request, seq: this.nextSeq++, resolve: resolve as (value: unknown) => void, reject };
      item.cancelled = signal?.onCancellationRequested(() => this.withdraw(item));
      this.waiting.push(item);
      this.sendWhatIsDue();
    });
  }

  /** Starts a new engine now, forgetting earlier failures: after it was given up on, when the user asks. */
  restart(): void {
    if (this.disposed) return;
    this.crashTimes = [];
    this.letGo(new EngineUnavailableError('The validation engine was restarted.'));
    this.relaunch();
  }

  /** Ends the worker from outside as a crash would (see Transport.terminate); false if there is no worker to end. */
  terminateWorker(): boolean {
    if (!this.transport?.terminate) return false;
    this.transport.terminate();
    return true;
  }

  dispose(): void {
    this.disposed = true;
    this.letGo(new EngineUnavailableError('The validation engine has stopped.'));
  }

  // ---- inside ----

  /** Takes a request back if it was not sent yet. */
  private withdraw(item: Waiting): void {
    const index = this.waiting.indexOf(item);
    if (index < 0) return;
    this.waiting.splice(index, 1);
    item.cancelled?.dispose();
    item.reject(new RequestCancelledError(item.request.type));
    this.sendWhatIsDue();
  }

  /** Sends the waiting requests whose turn it is. */
  private sendWhatIsDue(): void {
    for (let next = this.nextIndex(); next !== undefined && this.transport; next = this.nextIndex()) {
      const [item] = this.waiting.splice(next, 1);
      if (item) this.send(this.transport, item);
    }
  }

  private nextIndex(): number | undefined {
    return nextToSend(this.waiting, [...this.pending.values()]);
  }

  private send(transport: Transport, item: Waiting): void {
    item.cancelled?.dispose();
    const id = this.nextId++;
    this.track(item.request);
    this.pending.set(id, { request: item.request, seq: item.seq, resolve: item.resolve, reject: item.reject });
    this.armWatchdog();
    try {
      transport.post({ id, request: item.request });
    } catch (error) {
      this.fail(`a request could not be sent to it (${(error as Error).message})`);
    }
  }

  private refusal(): string | undefined {
    if (this.disposed) return 'The validation engine has stopped.';
    if (this.current === 'restarting') return 'The validation engine is restarting; try again in a moment.';
    if (this.current === 'stopped') return this.stoppedMessage();
    return undefined;
  }

  private stoppedMessage(): string {
    const reason = this.lastFailure ? ` (last: ${this.lastFailure.reason})` : '';
    return `The validation engine failed ${this.lastFailure?.count ?? this.options.maxCrashes} times within a minute and was stopped${reason}. Run "Portfolio Alignment: Validate Workspace" or reload the window to start it again.`;
  }

  private start(): Transport {
    const generation = ++this.generation;
    const transport = this.createTransport();
    transport.onMessage((message) => {
      if (generation === this.generation) this.receive(message);
    });
    transport.onError((error) => {
      if (generation === this.generation) this.fail(error.message);
    });
    this.transport = transport;
    this.setState('running');
    return transport;
  }

  private receive(message: ResponseMessage): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    this.rearmWatchdog();
    if (this.awaitingRecovery && this.lastFailure) {
      this.awaitingRecovery = false;
      this.emit(this.listeners.recovered, this.lastFailure);
    }
    this.settle(pending, message);
    this.sendWhatIsDue();
  }

  private settle(pending: Pending, message: ResponseMessage): void {
    if ('error' in message) {
      this.options.log(
        `Engine error on "${pending.request.type}"${pathOfRequest(pending.request) ? ` for ${pathOfRequest(pending.request)}` : ''}: ${message.error}`,
      );
      pending.reject(new EngineRequestError(pending.request.type, firstLine(message.error)));
    } else {
      pending.resolve(message.result);
    }
  }

  /** The engine is gone or hung: reject what waits, then restart it after a pause, or give up. */
  private fail(reason: string): void {
    if (this.disposed || this.current === 'stopped' || this.current === 'restarting') return;
    const during = this.pending.values().next().value?.request;
    const now = Date.now();
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < this.options.crashWindowMs), now];
    const count = this.crashTimes.length;
    const restarting = count < this.options.maxCrashes;
    const failure: EngineFailure = { reason, during, count, restarting };
    this.lastFailure = failure;
    const what = during ? ` while handling "${during.type}"${pathOfRequest(during) ? ` for ${pathOfRequest(during)}` : ''}` : '';
    this.options.log(
      `The validation engine failed${what}: ${reason}. ${restarting ? `Restarting it (failure ${count} within a minute).` : `Not restarting it: ${count} failures within a minute.`}`,
    );
    this.letGo(
      new EngineUnavailableError(`The validation engine stopped (${reason}); ${restarting ? 'it is restarting' : 'it was given up on'}.`),
    );
    this.awaitingRecovery = false;
    this.setState(restarting ? 'restarting' : 'stopped');
    if (restarting) {
      const delays = this.options.restartDelaysMs;
      const delay = delays[Math.min(count - 1, delays.length - 1)] ?? 0;
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined;
        this.relaunch();
      }, delay);
    }
    this.emit(this.listeners.failure, failure);
  }

  private relaunch(): void {
    if (this.disposed) return;
    this.held.clear();
    try {
      this.start();
    } catch (error) {
      this.current = 'running'; // so that fail() counts this one
      this.fail(`it could not be started again (${(error as Error).message})`);
      return;
    }
    this.awaitingRecovery = this.lastFailure !== undefined;
    try {
      this.options.onRestart();
    } catch (error) {
      this.options.log(`Sending the files to the restarted engine failed: ${(error as Error).message}`);
    }
  }

  /** Drops the current transport and timers and rejects every waiting request. */
  private letGo(error: Error): void {
    this.generation++;
    const transport = this.transport;
    this.transport = undefined;
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    if (this.restartTimer !== undefined) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    try {
      transport?.dispose();
    } catch {
      // already dead
    }
    const waiting = [...this.pending.values(), ...this.waiting.splice(0)];
    this.pending.clear();
    for (const item of waiting) {
      (item as Waiting).cancelled?.dispose();
      item.reject(error);
    }
  }

  private timeoutMs(): number {
    let chars = 0;
    for (const n of this.held.values()) chars += n;
    return this.options.timeoutBaseMs + Math.round((chars / 1_000_000) * this.options.timeoutPerMbMs);
  }

  /** Times the engine's silence while requests wait; every answer starts the clock again. */
  private armWatchdog(): void {
    if (this.watchdog !== undefined || this.pending.size === 0) return;
    const limit = this.timeoutMs();
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      if (this.pending.size > 0) this.fail(`it did not answer within ${Math.round(limit / 1000)} s`);
    }, limit);
  }

  private rearmWatchdog(): void {
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    this.watchdog = undefined;
    this.armWatchdog();
  }

  private track(request: Request): void {
    const key = (path: string) => `${request.folder}\n${path}`;
    if (request.type === 'update') this.held.set(key(request.path), request.text?.length ?? 0);
    else if (request.type === 'edit')
      this.held.set(
        key(request.path),
        (this.held.get(key(request.path)) ?? 0) + request.changes.reduce((n, c) => n + c.text.length - (c.end - c.start), 0),
      );
    else if (request.type === 'remove') this.held.delete(key(request.path));
    else if (request.type === 'dropFolder')
      for (const k of [...this.held.keys()]) if (k.startsWith(`${request.folder}\n`)) this.held.delete(k);
  }

  private setState(state: EngineState): void {
    if (this.current === state) return;
    this.current = state;
    this.emit(this.listeners.state, state);
  }

  private listen<T>(list: Listener<T>[], listener: Listener<T>): { dispose(): void } {
    list.push(listener);
    return { dispose: () => void list.splice(list.indexOf(listener) >>> 0, 1) };
  }

  private emit<T>(list: Listener<T>[], value: T): void {
    for (const listener of [...list]) {
      try {
        listener(value);
      } catch (error) {
        this.options.log(`A listener of the engine supervisor failed: ${(error as Error).message}`);
      }
    }
  }
}
