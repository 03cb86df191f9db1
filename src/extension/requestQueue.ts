// Which engine request is sent next. The engine answers one request at a time, in the order it
// gets them, so the supervisor holds requests back and sends them in this order: file updates and
// feature requests (hover, completion, …) in the order they were made, and a check once the
// engine has answered every request made before it. A check is the one slow request: a hover
// made while one waits goes ahead of it, and a check or hover cancelled while it waits is never
// sent (as in vscode-eslint's versioned request queue). No `vscode` here: plain Node unit tests run it.
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

/** A request in the queue; `seq` is the order in which requests were made. */
export interface Queued {
  request: Request;
  seq: number;
}

/**
 * The index in `waiting` of the request to send now, or undefined to wait for answers. Nothing is
 * sent while a check runs (what waits can still be cancelled, and would only queue behind it);
 * updates and feature requests keep their order among themselves. A check goes once every
 * request made before it was answered: those made after it may overtake it while it waits, but
 * never keep it waiting for ever.
 */
export function nextToSend(waiting: readonly Queued[], inFlight: readonly Queued[]): number | undefined {
  if (inFlight.some((item) => waitsForTheRest(item.request))) return undefined;
  const first = waiting.findIndex((item) => !waitsForTheRest(item.request));
  if (first >= 0) return first;
  const check = waiting[0];
  return check && inFlight.every((item) => item.seq > check.seq) ? 0 : undefined;
}
