// Completion, hover, go to definition, references, rename, outline and CodeLens: each asks the
// engine, which answers from the same index the diagnostics come from.
import * as vscode from 'vscode';
import type { CompletionKind } from '../core/features/completion';
import type { SymbolKind } from '../core/features/symbols';
import { unpackSymbols, type PackedSymbols } from '../core/features/packedSymbols';
import { fromPosition, toLocation, toRange, toWorkspaceEdit } from './convert';
import { afterPendingCheck } from './checkFirst';
import { readSettings } from './config';
import { noteOutlineCut } from './outlineNotice';
import { LensBudget } from './lensBudget';
import type { PortfolioQueries } from './portfolioQueries';

export const SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }, { pattern: '**/*.portfolio.{yaml,yml}' }];

const COMPLETION_KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  outcome: vscode.CompletionItemKind.Reference,
  initiative: vscode.CompletionItemKind.Reference,
  service: vscode.CompletionItemKind.Module,
  value: vscode.CompletionItemKind.EnumMember,
  key: vscode.CompletionItemKind.Property,
};

const SYMBOL_KINDS: Record<SymbolKind, vscode.SymbolKind> = {
  namespace: vscode.SymbolKind.Namespace,
  array: vscode.SymbolKind.Array,
  object: vscode.SymbolKind.Object,
  field: vscode.SymbolKind.Field,
  number: vscode.SymbolKind.Number,
  event: vscode.SymbolKind.Event,
};

/** VS Code's symbols straight from the engine's packed outline (no intermediate objects). */
function toSymbols(packed: PackedSymbols): vscode.DocumentSymbol[] {
  return unpackSymbols<vscode.DocumentSymbol>(
    packed,
    ({ name, detail, kind, numbers: n, offset: i }) =>
      new vscode.DocumentSymbol(
        name || ' ',
        detail,
        SYMBOL_KINDS[kind],
        new vscode.Range(n[i]!, n[i + 1]!, n[i + 2]!, n[i + 3]!),
        new vscode.Range(n[i + 4]!, n[i + 5]!, n[i + 6]!, n[i + 7]!),
      ),
    (symbol, children) => (symbol.children = children),
  );
}

/** Cancelled once every caller sharing an answer has cancelled: until then the request is still wanted. */
class SharedCancellation {
  private readonly source = new vscode.CancellationTokenSource();
  private wanting = 0;
  readonly token = this.source.token;

  add(token: vscode.CancellationToken): void {
    if (token.isCancellationRequested) return;
    this.wanting++;
    const listener = token.onCancellationRequested(() => {
      listener.dispose();
      if (--this.wanting === 0) this.source.cancel();
    });
  }
}

/**
 * One answer per document version: the outline, breadcrumbs and sticky scroll each ask for the
 * symbols after an edit, and on a large file each answer is thousands of symbols from the worker.
 */
class PerVersion<T> {
  private readonly answers = new Map<string, { version: number; answer: Promise<T>; askers: SharedCancellation }>();

  get(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
    compute: (token: vscode.CancellationToken) => Promise<T>,
  ): Promise<T> {
    const key = document.uri.toString();
    const known = this.answers.get(key);
    if (known && known.version === document.version && !known.askers.token.isCancellationRequested) {
      known.askers.add(token);
      return known.answer;
    }
    const askers = new SharedCancellation();
    askers.add(token);
    const answer = compute(askers.token);
    this.answers.set(key, { version: document.version, answer, askers });
    // No answer (the engine did not have the file yet, or failed) is not kept: the next request asks again.
    const drop = () => {
      if (this.answers.get(key)?.answer === answer) this.answers.delete(key);
    };
    answer.then((value) => value === undefined && drop(), drop);
    return answer;
  }

  forget(document: vscode.TextDocument): void {
    this.answers.delete(document.uri.toString());
  }

  /** A setting the answers depend on changed: every document is asked again. */
  forgetAll(): void {
    this.answers.clear();
  }
}

/** Runs a request against the engine for a portfolio document; other documents get nothing, and so does a request cancelled before its turn. */
async function withFolder<T>(
  service: PortfolioQueries,
  document: vscode.TextDocument,
  run: (folder: string, path: string) => Promise<T>,
): Promise<T | undefined> {
  const folder = await service.prepare(document);
  if (folder === undefined) return undefined;
  try {
    return await run(folder, document.uri.toString());
  } catch {
    return undefined;
  }
}

export function registerLanguageFeatures(service: PortfolioQueries): vscode.Disposable[] {
  const lensesChanged = new vscode.EventEmitter<void>();
  const lensBudget = new LensBudget(() => lensesChanged.fire());
  const symbols = new PerVersion<vscode.DocumentSymbol[] | undefined>();
  return [
    lensesChanged,
    lensBudget,
    service.onDidCheck(() => lensesChanged.fire()),
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        provideCompletionItems: (document, position, token) =>
          withFolder(service, document, async (folder, path) => {
            const result = await service.request({ type: 'completion', folder, path, position: fromPosition(position) }, token);
            if (!result) return undefined;
            const range = toRange(result.range);
            return result.items.map((item) => {
              const completion = new vscode.CompletionItem(item.label, COMPLETION_KINDS[item.kind]);
              completion.range = range;
              if (item.detail) completion.detail = item.detail;
              if (item.documentation) completion.documentation = item.documentation;
              if (item.sortText) completion.sortText = item.sortText;
              if (item.insertText) completion.insertText = item.insertText;
              return completion;
            });
          }),
      },
      '[',
      ',',
      ' ',
      '{',
    ),
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover: (document, position, token) =>
        withFolder(service, document, async (folder, path) => {
          const result = await service.request({ type: 'hover', folder, path, position: fromPosition(position) }, token);
          return result ? new vscode.Hover(new vscode.MarkdownString(result.markdown), toRange(result.range)) : undefined;
        }),
    }),
    vscode.languages.registerDefinitionProvider(SELECTOR, {
      provideDefinition: (document, position, token) =>
        withFolder(service, document, async (folder, path) =>
          (await service.request({ type: 'definition', folder, path, position: fromPosition(position) }, token)).map(toLocation),
        ),
    }),
    vscode.languages.registerReferenceProvider(SELECTOR, {
      provideReferences: (document, position, context, token) =>
        withFolder(service, document, async (folder, path) =>
          (
            await service.request(
              { type: 'references', folder, path, position: fromPosition(position), includeDeclaration: context.includeDeclaration },
              token,
            )
          ).map(toLocation),
        ),
    }),
    vscode.languages.registerRenameProvider(SELECTOR, {
      prepareRename: async (document, position) => {
        const folder = await service.prepare(document);
        if (folder === undefined) throw new Error('Not a portfolio file.');
        const result = await service.request({
          type: 'prepareRename',
          folder,
          path: document.uri.toString(),
          position: fromPosition(position),
        });
        if ('error' in result) throw new Error(result.error);
        return { range: toRange(result.range), placeholder: result.placeholder };
      },
      provideRenameEdits: async (document, position, newName) => {
        const folder = await service.prepare(document);
        if (folder === undefined) return undefined;
        const result = await service.request({
          type: 'rename',
          folder,
          path: document.uri.toString(),
          position: fromPosition(position),
          newName,
        });
        if ('error' in result) throw new Error(result.error);
        return toWorkspaceEdit(result.edits);
      },
    }),
    vscode.workspace.onDidCloseTextDocument((document) => symbols.forget(document)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('portfolioAlignment.maxOutlineSymbols')) symbols.forgetAll();
    }),
    vscode.languages.registerDocumentSymbolProvider(
      SELECTOR,
      {
        provideDocumentSymbols: async (document, token) => {
          await afterPendingCheck(service, document, token);
          if (token.isCancellationRequested) return undefined;
          return symbols.get(document, token, (wanted) =>
            withFolder(service, document, async (folder, path) => {
              const limit = readSettings(document.uri).maxOutlineSymbols;
              const packed = await service.request({ type: 'packedSymbols', folder, path, limit }, wanted);
              noteOutlineCut(document, packed.names.length, packed.total);
              return toSymbols(packed);
            }),
          );
        },
      },
      { label: 'Portfolio' },
    ),
    vscode.languages.registerCodeLensProvider(SELECTOR, {
      onDidChangeCodeLenses: lensesChanged.event,
      provideCodeLenses: async (document, token) => {
        await afterPendingCheck(service, document, token);
        if (token.isCancellationRequested) return undefined;
        return withFolder(service, document, async (folder, path) => {
          const visible = lensBudget.visibleSpans(document);
          const { lenses, cut } = await service.request({ type: 'lensesNear', folder, path, visible }, token);
          lensBudget.noteCut(document, cut);
          return lenses.map((lens) => {
            const range = toRange(lens.range);
            if (lens.command?.kind === 'references') {
              return new vscode.CodeLens(range, {
                title: lens.title,
                command: 'portfolioAlignment.showReferences',
                arguments: [document.uri, range.start],
                tooltip: 'Show the initiatives that serve this outcome',
              });
            }
            if (lens.command?.kind === 'link') {
              return new vscode.CodeLens(range, {
                title: lens.title,
                command: 'portfolioAlignment.linkToOutcome',
                arguments: [document.uri, lens.command.initiative],
                tooltip: 'Link this initiative to an outcome',
              });
            }
            return new vscode.CodeLens(range, { title: lens.title, command: '' });
          });
        });
      },
    }),
  ];
}
