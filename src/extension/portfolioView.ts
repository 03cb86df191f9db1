// The Portfolio view (its own activity-bar container, and optionally the Explorer): a tree asked
// of the engine one node and one page at a time (portfolioTree request), so the extension host
// never parses or holds the whole portfolio, and the tree shows what the diagnostics show.
import * as vscode from 'vscode';
import type { TreeNode, TreePage } from '../core/features/portfolioTree';
import type { PortfolioQueries } from './portfolioQueries';

export const VIEW_ID = 'portfolioAlignment.portfolio';
export const EXPLORER_VIEW_ID = 'portfolioAlignment.explorerPortfolio';
/** True when some folder holds a portfolio file (the welcome view shows otherwise). */
const HAS_PORTFOLIO_CONTEXT = 'portfolioAlignment.hasPortfolio';
/** True when the spreadsheet import command exists: it guards the welcome view's link to it. */
const IMPORT_CONTEXT = 'portfolioAlignment.importSpreadsheetAvailable';
const IMPORT_COMMAND = 'portfolioAlignment.importSpreadsheet';
/** Checks arrive as a burst while typing: wait for a pause before asking again. */
const REFRESH_DELAY_MS = 300;
/** Children shown per Load more…, and the most asked of the engine at once (it clamps to the same). */
const PAGE_SIZE = 200;
const MAX_REQUEST = 2000;

export type ViewElement =
  | { type: 'folder'; treeId: string; folder: string; name: string }
  | { type: 'node'; treeId: string; folder: string; node: TreeNode }
  | { type: 'more'; treeId: string; folder: string; parentTreeId: string; shown: number; total: number }
  | { type: 'message'; treeId: string; folder: string; text: string };

const GROUP_ICONS: Record<string, string> = { unlinked: 'warning', outcomes: 'target', capabilities: 'layers', problems: 'checklist' };

function iconOf(node: TreeNode): vscode.ThemeIcon {
  switch (node.kind) {
    case 'group':
      return new vscode.ThemeIcon(GROUP_ICONS[node.id] ?? 'folder');
    case 'outcome':
      return new vscode.ThemeIcon('target');
    case 'capability':
      return new vscode.ThemeIcon('layers');
    case 'rule':
      return new vscode.ThemeIcon('law');
    case 'problem':
      return new vscode.ThemeIcon(node.severity === 'error' ? 'error' : node.severity === 'warning' ? 'warning' : 'info');
    case 'initiative':
      return node.unlinked
        ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('problemsWarningIcon.foreground'))
        : new vscode.ThemeIcon('project');
  }
}

/** "portfolio.initiative.unlinked.located": what the view/item/context menus match on. */
function contextValueOf(node: TreeNode): string {
  return ['portfolio', node.kind, node.unlinked ? 'unlinked' : '', node.location ? 'located' : ''].filter(Boolean).join('.');
}

export class PortfolioTreeProvider implements vscode.TreeDataProvider<ViewElement>, vscode.Disposable {
  private readonly onDidChangeEmitter = new vscode.EventEmitter<ViewElement | undefined>();
  readonly onDidChangeTreeData = this.onDidChangeEmitter.event;
  private readonly onDidRefreshEmitter = new vscode.EventEmitter<void>();
  /** Fires after the tree was told to refresh (for tests: wait for a change). */
  readonly onDidRefresh = this.onDidRefreshEmitter.event;
  /** How many children are shown under a parent, by its tree id (Load more… raises it). */
  private readonly shown = new Map<string, number>();
  /** Unlinked initiatives across folders, from the last top-level page of each. */
  private readonly badges = new Map<string, { count: number; spend: string }>();
  private readonly onDidChangeBadgeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeBadge = this.onDidChangeBadgeEmitter.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Raised on every refresh: a page answered for an older one is not cached as current. */
  generation = 0;

  constructor(
    private readonly service: PortfolioQueries,
    private readonly pageSize = PAGE_SIZE,
  ) {
    this.disposables.push(
      this.onDidChangeEmitter,
      this.onDidRefreshEmitter,
      this.onDidChangeBadgeEmitter,
      service.onDidCheck(() => this.scheduleRefresh()),
    );
  }

  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), REFRESH_DELAY_MS);
  }

  refresh(): void {
    this.timer = undefined;
    this.generation++;
    void vscode.commands.executeCommand('setContext', HAS_PORTFOLIO_CONTEXT, this.service.portfolioFolders().length > 0);
    this.onDidChangeEmitter.fire(undefined);
    this.onDidRefreshEmitter.fire();
  }

  /** Unlinked initiatives of every folder: the view's badge. */
  get badge(): { count: number; spend: string[] } {
    const all = [...this.badges.values()];
    return { count: all.reduce((n, b) => n + b.count, 0), spend: all.map((b) => b.spend) };
  }

  getTreeItem(element: ViewElement): vscode.TreeItem {
    switch (element.type) {
      case 'folder': {
        const item = new vscode.TreeItem(element.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.treeId;
        item.iconPath = vscode.ThemeIcon.Folder;
        item.contextValue = 'portfolio.folder';
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(
          `Load ${Math.min(this.pageSize, element.total - element.shown)} more…`,
          vscode.TreeItemCollapsibleState.None,
        );
        item.id = element.treeId;
        item.description = `${element.shown} of ${element.total} shown`;
        item.iconPath = new vscode.ThemeIcon('more');
        item.command = { command: 'portfolioAlignment.view.loadMore', title: 'Load more', arguments: [element] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(element.text, vscode.TreeItemCollapsibleState.None);
        item.id = element.treeId;
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
      case 'node':
        return this.nodeItem(element);
    }
  }

  private nodeItem(element: Extract<ViewElement, { type: 'node' }>): vscode.TreeItem {
    const { node } = element;
    const expand = node.id === 'unlinked' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, node.expandable ? expand : vscode.TreeItemCollapsibleState.None);
    item.id = element.treeId;
    item.description = node.description;
    if (node.tooltip) item.tooltip = node.tooltip;
    item.iconPath = iconOf(node);
    item.contextValue = contextValueOf(node);
    if (node.location) item.command = { command: 'portfolioAlignment.view.open', title: 'Open', arguments: [element] };
    return item;
  }

  async getChildren(element?: ViewElement): Promise<ViewElement[]> {
    if (!element) {
      const folders = this.service.portfolioFolders();
      void vscode.commands.executeCommand('setContext', HAS_PORTFOLIO_CONTEXT, folders.length > 0);
      if (folders.length === 0) {
        this.setBadges(new Map());
        return [];
      }
      if (folders.length > 1) return folders.map((f) => ({ type: 'folder', treeId: f.key, folder: f.key, name: f.name }));
      return this.pageOf(folders[0]!.key, '', folders[0]!.key);
    }
    if (element.type === 'folder') return this.pageOf(element.folder, '', element.treeId);
    if (element.type === 'node' && element.node.expandable) return this.pageOf(element.folder, element.node.id, element.treeId);
    return [];
  }

  /** The children of one node as shown: the pages loaded so far, and Load more… if some are left. */
  private async pageOf(folder: string, node: string, parentTreeId: string): Promise<ViewElement[]> {
    const want = this.shown.get(parentTreeId) ?? this.pageSize;
    let page: TreePage;
    const items: TreeNode[] = [];
    try {
      do {
        page = await this.service.request({
          type: 'portfolioTree',
          folder,
          node,
          offset: items.length,
          limit: Math.min(MAX_REQUEST, want - items.length),
        });
        items.push(...page.items);
      } while (items.length < want && items.length < page.total && page.items.length > 0);
    } catch (error) {
      return [
        { type: 'message', treeId: `${parentTreeId}\nerror`, folder, text: `Could not read the portfolio: ${(error as Error).message}` },
      ];
    }
    if (node === '') this.setBadge(folder, page.badge);
    const used = new Set<string>();
    const out: ViewElement[] = items.map((child) => ({
      type: 'node',
      treeId: uniqueId(`${parentTreeId}\n${child.id}`, used),
      folder,
      node: child,
    }));
    if (items.length < page.total)
      out.push({ type: 'more', treeId: `${parentTreeId}\nmore`, folder, parentTreeId, shown: items.length, total: page.total });
    return out;
  }

  private setBadge(folder: string, badge: { count: number; spend: string }): void {
    const before = this.badges.get(folder);
    if (before && before.count === badge.count && before.spend === badge.spend) return;
    const next = new Map(this.badges);
    next.set(folder, badge);
    this.setBadges(next);
  }

  private setBadges(next: Map<string, { count: number; spend: string }>): void {
    this.badges.clear();
    for (const [key, value] of next) this.badges.set(key, value);
    this.onDidChangeBadgeEmitter.fire();
  }

  /** Shows the next page under the parent of a Load more… item. */
  loadMore(element: ViewElement): void {
    if (element.type !== 'more') return;
    this.shown.set(element.parentTreeId, element.shown + this.pageSize);
    // The parent element is not kept: refreshing the whole tree asks only expanded nodes again.
    this.refresh();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** Two siblings may have the same id (an id defined twice on one line); tree items may not. */
function uniqueId(id: string, used: Set<string>): string {
  let unique = id;
  for (let n = 2; used.has(unique); n++) unique = `${id}#${n}`;
  used.add(unique);
  return unique;
}

function locationOf(element: unknown): { uri: vscode.Uri; range: vscode.Range } | undefined {
  const node = (element as { node?: TreeNode } | undefined)?.node;
  if (!node?.location) return undefined;
  const { path, line, character } = node.location;
  const position = new vscode.Position(line, character);
  return { uri: vscode.Uri.parse(path), range: new vscode.Range(position, position) };
}

/** Opens a node's YAML at its line. */
async function openNode(element: unknown, revealInCenter: boolean): Promise<vscode.TextEditor | undefined> {
  const where = locationOf(element);
  if (!where) return undefined;
  const editor = await vscode.window.showTextDocument(where.uri, { selection: where.range, preview: !revealInCenter });
  if (revealInCenter) editor.revealRange(where.range, vscode.TextEditorRevealType.InCenter);
  return editor;
}

/** A file the summary can start from: the node's own, or the folder's first. */
function summaryResource(service: PortfolioQueries, element: unknown): vscode.Uri | undefined {
  const where = locationOf(element);
  if (where) return where.uri;
  const folder = (element as { folder?: string } | undefined)?.folder ?? service.portfolioFolders()[0]?.key;
  const first = folder === undefined ? undefined : [...service.filesOf(folder)][0];
  return first === undefined ? undefined : vscode.Uri.parse(first);
}

/** The guard of the welcome view's Import from Spreadsheet link: true only once the command exists. */
async function updateImportContext(): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  await vscode.commands.executeCommand('setContext', IMPORT_CONTEXT, commands.includes(IMPORT_COMMAND));
}

export interface PortfolioView {
  provider: PortfolioTreeProvider;
  view: vscode.TreeView<ViewElement>;
  disposables: vscode.Disposable[];
}

export function registerPortfolioView(service: PortfolioQueries): PortfolioView {
  const provider = new PortfolioTreeProvider(service);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const explorerView = vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const updateBadge = () => {
    const { count, spend } = provider.badge;
    const badge =
      count > 0
        ? { value: count, tooltip: `${count} initiative${count === 1 ? '' : 's'} with unlinked spend (${spend.join(', ')})` }
        : undefined;
    view.badge = badge;
    explorerView.badge = badge;
  };
  void vscode.commands.executeCommand('setContext', HAS_PORTFOLIO_CONTEXT, false);
  // Other extensions' commands (and one added later in this one) are registered after activation.
  setTimeout(() => void updateImportContext(), 0);
  const disposables: vscode.Disposable[] = [
    provider,
    view,
    explorerView,
    provider.onDidChangeBadge(updateBadge),
    vscode.extensions.onDidChange(() => void updateImportContext()),
    vscode.commands.registerCommand('portfolioAlignment.view.open', (element: unknown) => openNode(element, false)),
    vscode.commands.registerCommand('portfolioAlignment.view.revealInFile', (element: unknown) => openNode(element, true)),
    vscode.commands.registerCommand('portfolioAlignment.view.linkToOutcome', (element: unknown) => {
      const where = locationOf(element);
      const initiative = (element as { node?: TreeNode }).node?.initiative;
      if (!where || !initiative) return false;
      return vscode.commands.executeCommand('portfolioAlignment.linkToOutcome', where.uri, initiative);
    }),
    vscode.commands.registerCommand('portfolioAlignment.view.showSummary', (element: unknown) =>
      vscode.commands.executeCommand('portfolioAlignment.showSummary', summaryResource(service, element)),
    ),
    vscode.commands.registerCommand('portfolioAlignment.view.refresh', () => provider.refresh()),
    vscode.commands.registerCommand('portfolioAlignment.view.loadMore', (element: ViewElement) => provider.loadMore(element)),
  ];
  return { provider, view, disposables };
}
