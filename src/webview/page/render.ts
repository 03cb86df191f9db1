// Turns the report's view tree (core/summary/report/view.ts) into DOM nodes. Every string in the tree is a
// text node; tag and attribute names come from view.ts, yet are still checked against the lists
// below, so that a tree shaped by a bug (or by a tampered message) cannot add script, event
// handlers, styles or links that leave the page.
import type { VNode } from '../../core/summary/report/view';

const SVG_NS = 'http://www.w3.org/2000/svg';

const HTML_TAGS = new Set([
  'main',
  'header',
  'section',
  'nav',
  'div',
  'span',
  'p',
  'h1',
  'h2',
  'h3',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'caption',
  'figure',
  'figcaption',
  'button',
  'a',
  'strong',
  'em',
  'code',
]);
const SVG_TAGS = new Set(['svg', 'g', 'rect', 'line', 'text', 'title', 'polyline', 'circle']);

const ATTRIBUTES = new Set([
  'class',
  'id',
  'title',
  'role',
  'scope',
  'disabled',
  'href',
  'aria-label',
  'aria-labelledby',
  'aria-hidden',
  'aria-describedby',
  'aria-current',
  'data-action',
  'data-id',
  'data-path',
  'data-line',
  'data-table',
  'data-page',
  'data-rule',
  'data-label',
  // SVG geometry
  'viewBox',
  'width',
  'height',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'text-anchor',
  // the trend's lines and dots
  'points',
  'cx',
  'cy',
  'r',
]);

/** Whether an attribute may be set: listed, never an event handler, links only to https. */
export function allowedAttribute(name: string, value: string): boolean {
  if (!ATTRIBUTES.has(name) || /^on/i.test(name)) return false;
  if (name === 'href') return /^https:\/\//i.test(value.trim()) && !/[\s\u0000-\u001f]/.test(value);
  return true;
}

/** Renders a tree; an element that is not on the lists is dropped with everything under it. */
export function renderNode(node: VNode, inSvg = false): Node | undefined {
  if (typeof node === 'string') return document.createTextNode(node);
  const svg = inSvg || node.tag === 'svg';
  if (svg ? !SVG_TAGS.has(node.tag) : !HTML_TAGS.has(node.tag)) return undefined;
  const element = svg ? document.createElementNS(SVG_NS, node.tag) : document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs ?? {})) {
    if (allowedAttribute(name, value)) element.setAttribute(name, value);
  }
  if (node.tag === 'a') {
    // Links open outside (VS Code asks first); they must not tell the target where they came from.
    element.setAttribute('rel', 'noopener noreferrer');
  }
  if (node.tag === 'button' && !element.hasAttribute('type')) element.setAttribute('type', 'button');
  for (const child of node.children ?? []) {
    const rendered = renderNode(child, svg);
    if (rendered) element.appendChild(rendered);
  }
  return element;
}
