// Re-rendering replaces the report's nodes; these keep keyboard focus on "the same" button, so a
// live update or a page change does not throw a keyboard user back to the top.

const IDENTITY = ['data-action', 'data-table', 'data-path', 'data-line', 'data-rule', 'data-id'];

/** What identifies a report button across renders (a pager button by its table and label). */
export function focusKey(element: Element | null): string | undefined {
  if (!element || !element.hasAttribute('data-action')) return undefined;
  const parts = IDENTITY.map((name) => element.getAttribute(name) ?? '');
  if (element.getAttribute('data-action') === 'page') parts.push(element.textContent ?? '');
  return parts.join('\u0000');
}

export function restoreFocus(root: Element, key: string | undefined): void {
  if (key === undefined) return;
  const candidates = root.querySelectorAll<HTMLButtonElement>('button[data-action]');
  for (const candidate of candidates) {
    if (focusKey(candidate) !== key) continue;
    // "Next" on the last page is disabled: move to its enabled neighbour in the same pager.
    const target = candidate.disabled ? candidate.parentElement?.querySelector<HTMLButtonElement>('button:not([disabled])') : candidate;
    target?.focus({ preventScroll: true });
    return;
  }
}
