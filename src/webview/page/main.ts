// The summary panel's page: receives the engine's summary from the host, renders it with the same
// view builder as the standalone report, and sends the user's actions back. It computes no figure
// of its own. Its state (scope, filters, table pages, scroll) is kept with setState, so that the
// panel comes back as it was after it was hidden or the window was reloaded.
import { buildReportView } from '../../core/summary/report/view';
import {
  INITIAL_PAGE_STATE,
  PageMessageSchema,
  parseHostMessage,
  parsePageState,
  type HostMessage,
  type PageMessage,
  type PageState,
  type SummaryMessage,
} from '../protocol';
import { describeFilters } from '../describeFilters';
import { Controls } from './controls';
import { focusKey, restoreFocus } from './focus';
import { renderNode } from './render';
import { cardDeltas, comparisonSection, withCardDeltas, type Comparison } from '../../core/summary/report/compareView';
import type { VElement } from '../../core/summary/report/view';
import { trendSection, trendUnavailable, type TrendState } from '../../core/summary/report/trendView';
import { MAX_TREND_POINTS, type TrendMessage } from '../protocol';

/** The report with each card's change since the ref, and the changes listed after the cards. */
function withComparison(report: VElement, comparison: Comparison, displayPath: (path: string) => string): VElement {
  const view = withCardDeltas(report, cardDeltas(comparison), comparison.ref);
  const children = [...(view.children ?? [])];
  const headline = children.findIndex((c) => typeof c !== 'string' && c.attrs?.class === 'headline');
  children.splice(headline + 1, 0, comparisonSection(comparison, displayPath));
  return { ...view, children };
}

/** The report with the Trend section after the headline (and after the changes, when comparing). */
function withTrend(report: VElement, trend: TrendState): VElement {
  const children = [...(report.children ?? [])];
  let after = -1;
  children.forEach((c, i) => {
    if (typeof c !== 'string' && /(^|\s)(headline|comparison)(\s|$)/.test(c.attrs?.class ?? '')) after = i;
  });
  children.splice(after + 1, 0, trendSection(trend, MAX_TREND_POINTS));
  return { ...report, children };
}

const vscode = acquireVsCodeApi();
let state: PageState = parsePageState(vscode.getState()) ?? INITIAL_PAGE_STATE;
let current: SummaryMessage | undefined;
/** The Trend section of the current folder: asked for by the user, then sent by the host. */
let trend: TrendState = { status: 'idle' };
/** The scroll position saved before a reload is applied once, when the first summary is shown. */
let pendingScroll: number | undefined = state.scrollY;

const app = document.getElementById('app') ?? document.body;
const statusLine = document.createElement('p');
statusLine.className = 'status-line';
statusLine.setAttribute('role', 'status');
const reportRoot = document.createElement('div');
reportRoot.className = 'report-root';

const controls = new Controls({
  scope: (scope) => {
    state = { ...state, scope, pages: {} };
    request({ type: 'setScope', scope });
  },
  filter: (filters) => {
    state = { ...state, filters, pages: {} };
    request({ type: 'setFilter', owner: filters.owner, status: filters.status });
  },
  export: (format) => post({ type: 'export', format }),
  compare: () => post({ type: 'compare' }),
  clearComparison: () => request({ type: 'clearComparison' }),
});
app.append(controls.root, statusLine, reportRoot);

function post(message: PageMessage): void {
  // Checked here too, so that a bad value (a NaN line, say) is caught where it is made.
  if (PageMessageSchema.safeParse(message).success) vscode.postMessage(message);
}

/** A change the host answers with a new summary: say so until it comes. */
function request(message: PageMessage): void {
  save();
  showStatus('Updating…', true);
  post(message);
}

function save(): void {
  vscode.setState(state);
}

function showStatus(message: string, busy: boolean): void {
  statusLine.textContent = message;
  document.body.classList.toggle('busy', busy);
  reportRoot.setAttribute('aria-busy', String(busy));
}

function render(): void {
  if (!current) return;
  const message = current;
  const report = buildReportView(message.summary, {
    interactive: true,
    pageSize: message.view.pageSize,
    pages: state.pages,
    bands: message.view.bands,
    displayPath: (path) => (Object.hasOwn(message.displayPaths, path) ? message.displayPaths[path]! : path),
    filterNote: describeFilters(message.scope, message.file?.name, message.filters),
  });
  const comparison = message.comparison;
  const compared = comparison
    ? withComparison(report, comparison, (path) => (Object.hasOwn(message.displayPaths, path) ? message.displayPaths[path]! : path))
    : report;
  const view = withTrend(compared, trendOf(message));
  const focused = reportRoot.contains(document.activeElement) ? focusKey(document.activeElement) : undefined;
  const scrollY = pendingScroll ?? window.scrollY;
  pendingScroll = undefined;
  const node = renderNode(view);
  reportRoot.replaceChildren(...(node ? [node] : []));
  window.scrollTo(0, scrollY);
  restoreFocus(reportRoot, focused);
  reportRendered();
}

/** The trend as shown: where git is known to be missing, the section says why before it is asked. */
function trendOf(message: SummaryMessage): TrendState {
  if (trend.status === 'idle' && message.compare?.available === false && message.compare.reason)
    return { status: 'unavailable', message: trendUnavailable(message.compare.reason) };
  return trend;
}

function receiveTrend(message: TrendMessage): void {
  if (!current || message.folder !== current.folder) return;
  trend =
    message.status === 'ready'
      ? { status: 'ready', message: message.message, points: message.points ?? [] }
      : { status: message.status, message: message.message };
  render();
}

/** Tells the host what is on screen, read back from the page itself (editor tests check it). */
function reportRendered(): void {
  const score = reportRoot.querySelector('.card.score .card-value')?.firstChild?.textContent ?? '';
  const unlinked = [...reportRoot.querySelectorAll('table[data-table="unlinked"] button.reveal, table[data-table="unlinked"] .place')].map(
    (b) => b.textContent ?? '',
  );
  const trendDots = reportRoot.querySelector('#trend svg.trend-chart')
    ? reportRoot.querySelectorAll('#trend .trend-dot.score').length
    : undefined;
  post({ type: 'rendered', score, unlinked: unlinked.slice(0, 1000), ...(trendDots !== undefined ? { trendPoints: trendDots } : {}) });
}

function receive(message: HostMessage): void {
  if (message.type === 'status') {
    showStatus(message.message, message.busy);
    if (!current) reportRoot.replaceChildren();
    return;
  }
  if (message.type === 'trend') return receiveTrend(message);
  if (current && current.folder !== message.folder) trend = { status: 'idle' };
  current = message;
  state = { ...state, folder: message.folder, file: message.file?.path ?? null, scope: message.scope, filters: message.filters };
  controls.update(message);
  showStatus('', false);
  render();
  save();
}

function onClick(event: MouseEvent): void {
  const button = (event.target as Element | null)?.closest?.('button[data-action]');
  if (!(button instanceof HTMLButtonElement) || button.disabled) return;
  const data = (name: string) => button.getAttribute(`data-${name}`) ?? '';
  switch (data('action')) {
    case 'reveal':
      post({ type: 'reveal', path: data('path'), line: Number(data('line')) });
      break;
    case 'link':
      post({ type: 'link', path: data('path'), initiative: data('id') });
      break;
    case 'problems':
      post({ type: 'showProblems', rule: data('rule') as Extract<PageMessage, { type: 'showProblems' }>['rule'] });
      break;
    case 'trend':
      trend = { status: 'loading', message: 'Reading the git history…' };
      render();
      post({ type: 'showTrend' });
      break;
    case 'page': {
      const page = Number(data('page'));
      if (!Number.isInteger(page) || page < 0) return;
      state = { ...state, pages: { ...state.pages, [data('table')]: page } };
      render();
      save();
      break;
    }
  }
}

let scrollQueued = false;
function onScroll(): void {
  if (scrollQueued || pendingScroll !== undefined) return;
  scrollQueued = true;
  requestAnimationFrame(() => {
    scrollQueued = false;
    state = { ...state, scrollY: Math.max(0, window.scrollY) };
    save();
  });
}

reportRoot.addEventListener('click', onClick);
window.addEventListener('scroll', onScroll, { passive: true });
window.addEventListener('message', (event: MessageEvent) => {
  const message = parseHostMessage(event.data);
  if (message) receive(message);
  else console.warn('Portfolio Alignment: ignored a message that is not a valid summary update.');
});
showStatus('Loading the alignment summary…', true);
post({ type: 'ready' });
