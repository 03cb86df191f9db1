// A page script for tests only: exposes the page's tree renderer, so a test can hand it trees
// that view.ts would never build (script tags, event handlers, javascript: links) and see that
// the renderer's own lists drop them.
import type { VNode } from '../../../src/core/summary/report/view';
import { renderNode } from '../../../src/webview/page/render';

(window as unknown as { renderTree: (tree: VNode) => void }).renderTree = (tree: VNode) => {
  const app = document.getElementById('app')!;
  const node = renderNode(tree);
  app.replaceChildren(...(node ? [node] : []));
};
(window as unknown as { probeReady: boolean }).probeReady = true;
