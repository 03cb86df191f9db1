// Which engine request is sent next. The engine answers one request at a time, in the order it
// gets them, so the supervisor holds requests back and sends them in this order: file updates and
// feature requests (hover, completion, …) in the order they were made, and a check only when the
// engine has nothing else to do. A check is the one slow request: a hover made while one waits is
// answered first, and a check or hover cancelled while it waits is never sent (as in
// vscode-eslint's versioned request queue). No `vscode` here: plain Node unit tests run it.
import type { Request } from '../engine/protocol';

/** What a caller hands in to take a request back: a vscode.CancellationToken fits. */
export interface CancelSignal {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** The request was cancelled (or superseded) before the engine got it: it was not run. */
export class RequestCancelledError extends Error {
  constructor(readonly requestType: Request['type']) {
    super(`The "${requestType}" request was cancelled before the validation engine ran it.`);
  }
}

/** Checks wait for everything else: they only read what the updates before them wrote. */
function waitsForTheRest(request: Request): boolean {
  return request.type === 'check';
}

/**
 * The index in `waiting` of the request to send now, or undefined to wait for answers. Nothing is
 * sent while a check runs (what waits can still be cancelled, and would only queue behind it);
 * updates and feature requests keep their order among themselves.
 */
export function nextToSend(waiting: ReadonlyArray<{ request: Request }>, inFlight: ReadonlyArray<Request>): number | undefined {
  if (inFlight.some(waitsForTheRest)) return undefined;
  const first = waiting.findIndex((item) => !waitsForTheRest(item.request));
  if (first >= 0) return first;
  return waiting.length > 0 && inFlight.length === 0 ? 0 : undefined;
}
