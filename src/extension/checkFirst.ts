// The check comes first. After an edit, VS Code asks at once for the document's symbols (outline,
// breadcrumbs, sticky scroll) and lenses; on a 10,000-item file each answer is thousands of objects
// built in the worker, copied to the extension host and sent on to the workbench. Asked ahead of
// the debounced check, they held the worker and the extension host while the check waited, so a
// new error took half a second more to show. These requests now wait until no check of the
// document is scheduled or running; VS Code cancels the ones whose version has passed meanwhile.
import type * as vscode from 'vscode';

/** How often the wait looks again (a document closed while its check was scheduled fires nothing). */
const POLL_MS = 100;
/** The longest a request waits, so that an outline is never held back by a check that never ends. */
export const MAX_WAIT_MS = 3_000;

/** What the wait needs of the service (an interface so that the split service can provide it too). */
export interface PendingChecks {
  checkPending(document: vscode.TextDocument): boolean;
  readonly onDidChangeChecking: vscode.Event<{ folder: string; checking: boolean }>;
}

/** Resolves once no check of the document is scheduled or running (or after MAX_WAIT_MS, or when cancelled). */
export async function afterPendingCheck(
  service: PendingChecks,
  document: vscode.TextDocument,
  token?: vscode.CancellationToken,
): Promise<void> {
  if (!service.checkPending(document)) return;
  const deadline = Date.now() + MAX_WAIT_MS;
  while (service.checkPending(document) && !token?.isCancellationRequested && Date.now() < deadline) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      };
      const subscription = service.onDidChangeChecking(done);
      const timer = setTimeout(done, POLL_MS);
    });
  }
}
