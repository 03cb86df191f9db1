// A small stand-in for the `vscode` module, enough to run the summary panel's host code in plain
// Node: it records what the code asks VS Code to do. The unit test bundle maps `vscode` here
// (esbuild alias); the real API is exercised by the integration tests inside VS Code.
/* eslint-disable @typescript-eslint/no-explicit-any */

export class Disposable {
  constructor(private readonly callOnDispose: () => void) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}

export class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  readonly event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(private readonly text: string, readonly scheme: string, readonly path: string) {}
  static parse(value: string): Uri {
    const url = new URL(value);
    return new Uri(value, url.protocol.replace(/:$/, ''), decodeURIComponent(url.pathname));
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return Uri.parse([base.toString().replace(/\/$/, ''), ...segments].join('/'));
  }
  toString(): string {
    return this.text;
  }
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
}

// Classes the extension's converters name; the panel does not use them.
export class Location {
  constructor(readonly uri: Uri, readonly range: Range) {}
}
export class Diagnostic {
  constructor(readonly range: Range, readonly message: string, readonly severity?: DiagnosticSeverity) {}
}
export class DiagnosticRelatedInformation {
  constructor(readonly location: Location, readonly message: string) {}
}
export class WorkspaceEdit {}

export enum ViewColumn { Active = -1, Beside = -2, One = 1, Two = 2, Three = 3 }
export enum DiagnosticSeverity { Error = 0, Warning = 1, Information = 2, Hint = 3 }

/** What the code under test asked for, and the files it can open. */
export const fake = {
  documents: new Map<string, string>(),
  shown: [] as Array<{ uri: string; selection: Range | undefined; viewColumn: unknown }>,
  commands: [] as Array<{ id: string; args: unknown[] }>,
  written: new Map<string, string>(),
  messages: [] as string[],
  saveTarget: undefined as Uri | undefined,
  activeEditor: new EventEmitter<unknown>(),
  reset(): void {
    this.documents.clear();
    this.shown = [];
    this.commands = [];
    this.written.clear();
    this.messages = [];
    this.saveTarget = undefined;
  },
};

function document(uri: Uri): any {
  const text = fake.documents.get(uri.toString());
  if (text === undefined) throw new Error(`cannot open ${uri.toString()}`);
  const lines = text.split('\n');
  return {
    uri,
    lineCount: lines.length,
    lineAt: (line: number) => ({ text: lines[line], firstNonWhitespaceCharacterIndex: /^\s*/.exec(lines[line] ?? '')![0].length }),
  };
}

export const window = {
  visibleTextEditors: [] as unknown[],
  activeTextEditor: undefined as unknown,
  onDidChangeActiveTextEditor: fake.activeEditor.event,
  async showTextDocument(doc: { uri: Uri }, options: { selection?: Range; viewColumn?: unknown } = {}): Promise<unknown> {
    fake.shown.push({ uri: doc.uri.toString(), selection: options.selection, viewColumn: options.viewColumn });
    return { document: doc };
  },
  async showSaveDialog(): Promise<Uri | undefined> {
    return fake.saveTarget;
  },
  async showInformationMessage(message: string): Promise<undefined> {
    fake.messages.push(message);
    return undefined;
  },
  async showErrorMessage(message: string): Promise<undefined> {
    fake.messages.push(message);
    return undefined;
  },
};

export const workspace = {
  async openTextDocument(uri: Uri): Promise<unknown> {
    return document(uri);
  },
  asRelativePath(uri: Uri): string {
    return uri.path.slice(uri.path.lastIndexOf('/') + 1);
  },
  fs: {
    async writeFile(uri: Uri, bytes: Uint8Array): Promise<void> {
      fake.written.set(uri.toString(), new TextDecoder().decode(bytes));
    },
  },
};

export const commands = {
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    fake.commands.push({ id, args });
    return undefined;
  },
};

/** A webview panel whose page is the test: it collects posted messages and can send some back. */
export class FakeWebviewPanel {
  readonly posted: unknown[] = [];
  visible = true;
  viewColumn: ViewColumn | undefined = ViewColumn.Two;
  title = '';
  private readonly received = new EventEmitter<unknown>();
  private readonly viewState = new EventEmitter<unknown>();
  private readonly disposed = new EventEmitter<void>();
  readonly onDidChangeViewState = this.viewState.event;
  readonly onDidDispose = this.disposed.event;
  readonly webview = {
    options: {} as unknown,
    html: '',
    cspSource: 'https://webview.test',
    asWebviewUri: (uri: Uri) => Uri.parse(uri.toString().replace(/^file:\/\//, 'https://webview.test')),
    onDidReceiveMessage: this.received.event,
    postMessage: async (message: unknown) => {
      this.posted.push(message);
      return true;
    },
  };
  /** The page sends a message to the host. */
  send(message: unknown): void {
    this.received.fire(message);
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.viewState.fire({ webviewPanel: this });
  }
  reveal(): void {}
  dispose(): void {
    this.disposed.fire();
  }
}
