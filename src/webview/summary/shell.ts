// The panel's HTML: a shell with the Content-Security-Policy, the stylesheet and the page script,
// both from the extension's media/ folder. Everything the panel shows is built by the script from
// messages, as DOM nodes: no portfolio text ever goes through this HTML.

export interface ShellOptions {
  /** webview.cspSource: the origin the webview serves local resources from. */
  cspSource: string;
  /** media/summary.js and media/summary.css as webview URIs. */
  scriptUri: string;
  styleUri: string;
  nonce: string;
}

/** The panel's policy, exactly: nothing loads but our script (by nonce), our CSS and images. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource}; script-src 'nonce-${nonce}'`;
}

/** Escapes a double-quoted attribute value; single quotes stay, so the policy reads as written. */
function attr(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export function panelHtml(options: ShellOptions): string {
  const nonce = attr(options.nonce);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(options.cspSource, options.nonce))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Portfolio alignment</title>',
    `<link rel="stylesheet" href="${attr(options.styleUri)}">`,
    '</head>',
    '<body class="panel">',
    '<div id="app"></div>',
    `<script nonce="${nonce}" src="${attr(options.scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
