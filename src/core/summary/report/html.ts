// The standalone HTML report: one file with no script and no external resource, readable in any
// browser offline. Every text and attribute value is escaped; tag and attribute names come only
// from the view builder, never from a portfolio file.
import type { Summary } from '../summarize';
import { cspHash } from './sha256';
import { buildReportView, visibleText, type VNode, type ViewOptions } from './view';

const VOID_TAGS = new Set(['br', 'hr', 'img', 'meta', 'link', 'input']);
const SAFE_NAME = /^[a-zA-Z][a-zA-Z0-9-]*$/;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderNode(node: VNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  if (!SAFE_NAME.test(node.tag)) return '';
  let out = `<${node.tag}`;
  for (const [name, value] of Object.entries(node.attrs ?? {})) {
    if (!SAFE_NAME.test(name) || /^on/i.test(name)) continue;
    if (name === 'href' && !/^https:\/\//.test(value)) continue;
    out += ` ${name}="${escapeHtml(value)}"`;
  }
  out += '>';
  if (VOID_TAGS.has(node.tag)) return out;
  for (const child of node.children ?? []) out += renderNode(child);
  return `${out}</${node.tag}>`;
}

/** Colours for the standalone report, named like VS Code's theme variables that the CSS uses. */
export const STANDALONE_THEME = `
:root { color-scheme: light dark;
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", sans-serif; --vscode-font-size: 14px;
  --vscode-foreground: #1f2328; --vscode-descriptionForeground: #59636e; --vscode-editor-background: #ffffff;
  --vscode-panel-border: #d1d9e0; --vscode-textLink-foreground: #0969da; --vscode-charts-blue: #2f6fdf;
  --vscode-charts-green: #1a7f37; --vscode-charts-yellow: #9a6700; --vscode-charts-red: #cf222e;
  --vscode-charts-purple: #8250df; --vscode-charts-orange: #bc4c00; --vscode-focusBorder: #0969da;
  --vscode-button-background: #0969da; --vscode-button-foreground: #ffffff; --vscode-editorWidget-background: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root {
  --vscode-foreground: #e6edf3; --vscode-descriptionForeground: #9198a1; --vscode-editor-background: #0d1117;
  --vscode-panel-border: #3d444d; --vscode-textLink-foreground: #4493f8; --vscode-charts-blue: #4493f8;
  --vscode-charts-green: #3fb950; --vscode-charts-yellow: #d29922; --vscode-charts-red: #f85149;
  --vscode-charts-purple: #ab7df8; --vscode-charts-orange: #db6d28; --vscode-editorWidget-background: #151b23; } }
body { background: var(--vscode-editor-background); margin: 0 auto; max-width: 1100px; padding: 24px; }
`;

export interface StandaloneOptions extends ViewOptions {
  /** The report's CSS (media/summary.css), inlined so the file stands alone. */
  css: string;
}

export function renderStandaloneHtml(summary: Summary, options: StandaloneOptions): string {
  const title = visibleText(`${summary.name ?? 'Portfolio'}: alignment report ${summary.today}`);
  const body = renderNode(buildReportView(summary, { ...options, interactive: false }));
  // Line ends as the HTML parser will see them, so that the hash matches (CRLF checkouts).
  const style = `${STANDALONE_THEME}\n${options.css.replace(/<\/style/gi, '')}`.replace(/\r\n?/g, '\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // No script may run, nothing may load: the report is data only. The one <style> element is
    // allowed by its hash rather than 'unsafe-inline', so no other inline style could apply.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspHash(style)}; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    `<body class="standalone">${body}</body>`,
    '</html>',
    '',
  ].join('\n');
}
