// A small stand-in for the `vscode` module, just enough to run the extension's activate() in plain
// Node and time it. It is honest in two ways: every call does the bookkeeping the real API would
// (commands and providers are stored, events really fire, settings come from the manifest's
// defaults), and any member it lacks throws — so activate() can never skip work silently; the bench
// reports the missing member instead of a number.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Listener<T> = (e: T) => unknown;

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }
  constructor(private readonly onDispose: () => unknown) {}
  dispose(): void {
    this.onDispose();
  }
}

class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', '', path, '', '');
  }
  static parse(value: string): Uri {
    const u = new URL(value);
    return new Uri(u.protocol.replace(/:$/, ''), u.host, decodeURIComponent(u.pathname), u.search.slice(1), u.hash.slice(1));
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return base.with({ path: join(base.path, ...segments) });
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { scheme?: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
  toJSON(): object {
    return { scheme: this.scheme, authority: this.authority, path: this.path, query: this.query, fragment: this.fragment };
  }
}

class Position {
  constructor(readonly line: number, readonly character: number) {}
}
class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c ?? 0, d ?? 0) : (b as Position);
  }
}
class Selection extends Range {}
class ThemeIcon {
  constructor(readonly id: string) {}
}
class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Refactor = new CodeActionKind('refactor');
  static readonly RefactorRewrite = new CodeActionKind('refactor.rewrite');
  static readonly Source = new CodeActionKind('source');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
}
class CodeAction {
  constructor(readonly title: string, readonly kind?: CodeActionKind) {}
}
class WorkspaceEdit {
  readonly edits: unknown[] = [];
  replace(uri: Uri, range: Range, text: string): void {
    this.edits.push({ uri, range, text });
  }
}
class Diagnostic {
  constructor(readonly range: Range, readonly message: string, readonly severity = 0) {}
}
class TabInputTextDiff {
  constructor(readonly original: Uri, readonly modified: Uri) {}
}

/** Settings: the manifest's defaults, like a fresh profile. */
function configuration(root: string) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } | { properties: Record<string, { default?: unknown }> }[] };
  };
  const sections = ([] as { properties: Record<string, { default?: unknown }> }[]).concat(manifest.contributes.configuration);
  const defaults = new Map<string, unknown>();
  for (const s of sections) for (const [key, p] of Object.entries(s.properties)) defaults.set(key, p.default);
  return (section?: string) => {
    const full = (key: string): string => (section ? `${section}.${key}` : key);
    return {
      get: <T>(key: string, fallback?: T): T | undefined => (defaults.has(full(key)) ? (defaults.get(full(key)) as T) : fallback),
      has: (key: string): boolean => defaults.has(full(key)),
      inspect: (key: string) => ({ key: full(key), defaultValue: defaults.get(full(key)) }),
      update: async (): Promise<void> => {},
    };
  };
}

function memento() {
  const store = new Map<string, unknown>();
  return {
    keys: () => [...store.keys()],
    get: <T>(key: string, fallback?: T): T | undefined => (store.has(key) ? (store.get(key) as T) : fallback),
    update: async (key: string, value: unknown): Promise<void> => {
      if (value === undefined) store.delete(key);
      else store.set(key, value);
    },
    setKeysForSync: (): void => {},
  };
}

/** What activate() touched, so the bench can show the stand-in was exercised. */
export interface Touched {
  commands: string[];
  providers: string[];
  outputChannels: string[];
}

/** Any member not provided throws, naming it: a silent `undefined` could let activate() skip work. */
function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (typeof key === 'symbol' || key in obj || key === 'then' || key === 'toJSON' || key === '__esModule') {
        return Reflect.get(obj, key, receiver);
      }
      throw new Error(`vscode stand-in lacks ${name}.${key}`);
    },
  });
}

export function createFakeVscode(root: string) {
  const touched: Touched = { commands: [], providers: [], outputChannels: [] };
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const register = (kind: string) => (id: unknown): Disposable => {
    touched.providers.push(`${kind}:${typeof id === 'string' ? id : 'selector'}`);
    return new Disposable(() => {});
  };
  const noopEvent = new EventEmitter<unknown>().event;
  const channel = (name: string) => {
    touched.outputChannels.push(name);
    const lines: string[] = [];
    const write = (...parts: unknown[]): void => {
      lines.push(parts.map(String).join(' '));
    };
    return strict(`LogOutputChannel(${name})`, {
      name, logLevel: 2, onDidChangeLogLevel: noopEvent,
      trace: write, debug: write, info: write, warn: write, error: write, append: write, appendLine: write,
      replace: write, clear: (): void => {}, show: (): void => {}, hide: (): void => {}, dispose: (): void => {},
    });
  };
  const statusBarItem = () =>
    strict('StatusBarItem', { text: '', tooltip: '', command: undefined as unknown, name: '', show: (): void => {}, hide: (): void => {}, dispose: (): void => {} });

  const vscode = strict('vscode', {
    version: '1.100.0',
    Disposable, EventEmitter, Uri, Position, Range, Selection, ThemeIcon, CodeActionKind, CodeAction,
    WorkspaceEdit, Diagnostic, TabInputTextDiff,
    StatusBarAlignment: { Left: 1, Right: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    EndOfLine: { LF: 1, CRLF: 2 },
    SymbolKind: { File: 0, Module: 1, Namespace: 2, Package: 3, Class: 4, Method: 5, Property: 6, Field: 7, Constructor: 8, Enum: 9, Interface: 10, Function: 11, Variable: 12, Constant: 13, Struct: 22 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    l10n: strict('l10n', {
      bundle: undefined,
      uri: undefined,
      t: (message: string, ...args: unknown[]): string => message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)]))),
    }),
    env: strict('env', {
      language: 'en', appName: 'Visual Studio Code', uriScheme: 'vscode', machineId: 'bench', sessionId: 'bench',
      clipboard: { readText: async () => '', writeText: async (): Promise<void> => {} },
      openExternal: async (): Promise<boolean> => true,
    }),
    window: strict('window', {
      activeTextEditor: undefined, visibleTextEditors: [], tabGroups: { all: [], onDidChangeTabs: noopEvent },
      onDidChangeActiveTextEditor: noopEvent, onDidChangeTextEditorSelection: noopEvent, onDidChangeVisibleTextEditors: noopEvent,
      createOutputChannel: channel,
      createStatusBarItem: statusBarItem,
      registerWebviewViewProvider: register('webviewView'),
      registerUriHandler: register('uri'),
      showInformationMessage: async () => undefined, showWarningMessage: async () => undefined,
      showErrorMessage: async () => undefined, showInputBox: async () => undefined, showQuickPick: async () => undefined,
      setStatusBarMessage: () => new Disposable(() => {}),
      withProgress: async <R>(_o: unknown, task: (p: { report(): void }, t: unknown) => Promise<R>) => task({ report: () => {} }, { isCancellationRequested: false, onCancellationRequested: noopEvent }),
    }),
    commands: strict('commands', {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown): Disposable => {
        if (commands.has(id)) throw new Error(`command '${id}' already exists`);
        commands.set(id, fn);
        touched.commands.push(id);
        return new Disposable(() => commands.delete(id));
      },
      registerTextEditorCommand: (id: string, fn: (...args: unknown[]) => unknown): Disposable => {
        commands.set(id, fn);
        touched.commands.push(id);
        return new Disposable(() => commands.delete(id));
      },
      executeCommand: async (id: string, ...args: unknown[]): Promise<unknown> => commands.get(id)?.(...args),
      getCommands: async () => [...commands.keys()],
    }),
    workspace: strict('workspace', {
      name: undefined, workspaceFolders: undefined, isTrusted: true,
      getConfiguration: configuration(root),
      onDidChangeConfiguration: noopEvent, onDidOpenTextDocument: noopEvent, onDidCloseTextDocument: noopEvent,
      onDidChangeTextDocument: noopEvent, onDidSaveTextDocument: noopEvent, onDidChangeWorkspaceFolders: noopEvent,
      registerTextDocumentContentProvider: register('textDocumentContent'),
      getWorkspaceFolder: () => undefined,
      asRelativePath: (p: string | Uri) => (typeof p === 'string' ? p : p.path),
      textDocuments: [],
    }),
    languages: strict('languages', {
      registerCodeActionsProvider: register('codeActions'),
      registerInlineCompletionItemProvider: register('inlineCompletionItem'),
      getDiagnostics: () => [],
      onDidChangeDiagnostics: noopEvent,
    }),
  });

  const secretsChanged = new EventEmitter<{ key: string }>();
  const secrets = new Map<string, string>();
  const storage = Uri.file(join(root, '.bench-storage'));
  const context = strict('ExtensionContext', {
    subscriptions: [] as { dispose(): unknown }[],
    secrets: strict('SecretStorage', {
      onDidChange: secretsChanged.event,
      get: async (key: string) => secrets.get(key),
      store: async (key: string, value: string) => {
        secrets.set(key, value);
        secretsChanged.fire({ key });
      },
      delete: async (key: string) => {
        secrets.delete(key);
        secretsChanged.fire({ key });
      },
      keys: async () => [...secrets.keys()],
    }),
    globalState: memento(),
    workspaceState: memento(),
    extensionUri: Uri.file(root),
    extensionPath: root,
    globalStorageUri: storage,
    storageUri: storage,
    logUri: storage,
    globalStoragePath: storage.fsPath,
    storagePath: storage.fsPath,
    logPath: storage.fsPath,
    extensionMode: 1,
    asAbsolutePath: (p: string) => join(root, p),
    extension: { id: 'siliconflow-chat.siliconflow-chat', extensionUri: Uri.file(root), packageJSON: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as unknown },
  });
  return { vscode, context, touched };
}
