// Live diagnostics for the open TypeScript and JavaScript documents: analysed on open, on change
// (debounced) and on save, in the worker; cleared on close. A result for an older version is dropped.
// With `crossFile` on, a document's imports are followed within its workspace folder (the worker reads the
// unsaved text of open documents rather than the disk; the workspace scan does the same), and a change to a
// file one of them read (typed, saved, or closed without saving) analyses that document again.
// A document the workspace scan leaves out (the shared file filter: files.exclude, search.exclude,
// integrationCoach.exclude, .gitignore) is not analysed live either.
import * as vscode from 'vscode';
import type { Finding } from '../analysis/types';
import { PATH_TOO_LONG } from '../shared/file-filter';
import { toDiagnostics } from './diagnostics';
import { LatestRequests } from './latest-requests';
import type { EditorAnalysisResult } from './protocol';
import type { SettingsReader } from './settings';
import { analyzeOptionsOf, type EditorSettings } from './settings-effects';
import type { AnalysisNote } from './status-bar';
import { projectPath, projectRootOf, unsavedTexts } from './project-roots';
import { analysisFileName, LANGUAGE_EXTENSIONS } from './text-helpers';
import { AnalysisPausedError, type AnalysisWorkerClient } from './worker-client';
import type { WorkspaceFilters } from './workspace-filters';

/** Documents of these schemes are views of other things (diffs, output), not the user's code. */
const IGNORED_SCHEMES = new Set(['git', 'gitfs', 'output', 'vscode-scm', 'debug', 'walkThroughSnippet']);

/** The findings last published for a document, with the version they describe. */
export interface AnalysedDocument {
  version: number;
  findings: Finding[];
}

export interface LiveStats {
  published: number;
  droppedStale: number;
  /** Milliseconds from sending a document to the worker to publishing its diagnostics, the latest last (at most 100). */
  latenciesMs: number[];
}

const MAX_LATENCIES_KEPT = 100;

export class LiveDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('integration-coach');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly latest = new LatestRequests();
  private readonly analysed = new Map<string, AnalysedDocument>();
  private readonly skippedReasons = new Map<string, string>();
  /** The version of each document whose analysis is on its way. */
  private readonly inFlight = new Map<string, number>();
  /** The project files each document's last analysis read through its imports (`/` separators). */
  private readonly modulesRead = new Map<string, ReadonlySet<string>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly stats: LiveStats = { published: 0, droppedStale: 0, latenciesMs: [] };

  constructor(
    private readonly worker: AnalysisWorkerClient,
    private readonly settings: SettingsReader,
    private readonly log: vscode.LogOutputChannel,
    /** Shows, while it applies, that an open document was not fully analysed. */
    private readonly note: AnalysisNote,
    /** Told after a document's diagnostics are published (the workspace scan drops its older copy). */
    private readonly onPublished: (uri: vscode.Uri) => void,
    /** The exclusions, shared with the workspace scan. */
    private readonly filters: WorkspaceFilters,
  ) {}

  /** Starts listening. The documents already open are analysed just after activation, not during it. */
  start(): void {
    const workspace = vscode.workspace;
    this.disposables.push(
      workspace.onDidOpenTextDocument((document) => void this.analyseNow(document)),
      workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      workspace.onDidSaveTextDocument((document) => {
        void this.analyseNow(document);
        this.analyseImporters(document);
      }),
      workspace.onDidCloseTextDocument((document) => {
        this.forget(document.uri);
        // Closed without saving, its unsaved text is gone: those that read it read the disk again.
        this.analyseImporters(document);
      }),
      vscode.window.tabGroups.onDidChangeTabs((event) => void this.forgetClosedIfDeleted(event.closed)),
      // A document shown again whose current version has no result (one was lost or dropped) is analysed.
      vscode.window.onDidChangeVisibleTextEditors((editors) => this.analyseUnanalysed(editors.map((editor) => editor.document))),
    );
    const initial = setTimeout(() => {
      for (const document of vscode.workspace.textDocuments) void this.analyseNow(document);
    }, 0);
    this.disposables.push({ dispose: () => clearTimeout(initial) });
  }

  /**
   * Re-analyses the documents in use (a setting changed). VS Code keeps a document whose editor was closed
   * for a while before it reports the close; analysing it again would bring back findings the user closed,
   * or those of a file since deleted.
   */
  analyseAllOpen(): void {
    const inTabs = urisInTabs();
    for (const document of vscode.workspace.textDocuments) {
      const key = document.uri.toString();
      if (this.analysed.has(key) || inTabs.has(key)) void this.analyseNow(document);
    }
  }

  /**
   * A file or folder was deleted on disk: its findings go, unless an editor still shows unsaved text for it
   * (saving it writes the file again).
   */
  forgetDeleted(deleted: vscode.Uri): void {
    const prefix = `${deleted.toString()}/`;
    const inTabs = urisInTabs();
    const keptUnsaved = new Set(vscode.workspace.textDocuments.filter((document) => document.isDirty && inTabs.has(document.uri.toString())).map((document) => document.uri.toString()));
    for (const key of [...this.analysed.keys()]) {
      if ((key === deleted.toString() || key.startsWith(prefix)) && !keptUnsaved.has(key)) this.forget(vscode.Uri.parse(key));
    }
  }

  /** The last editor of a file deleted meanwhile (its unsaved text kept it) was closed: its findings go. */
  private async forgetClosedIfDeleted(closed: readonly vscode.Tab[]): Promise<void> {
    const inTabs = urisInTabs();
    for (const tab of closed) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const uri = tab.input.uri;
      if (inTabs.has(uri.toString()) || !this.analysed.has(uri.toString()) || uri.scheme === 'untitled') continue;
      const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
      if (!exists) this.forget(uri);
    }
  }

  /** Analyses the documents whose current version has no published result and none on its way. */
  private analyseUnanalysed(documents: readonly vscode.TextDocument[]): void {
    for (const document of documents) {
      const key = document.uri.toString();
      if (this.current(document) || this.inFlight.get(key) === document.version || this.timers.has(key)) continue;
      void this.analyseNow(document);
    }
  }

  /** What was last published for a document, if it is still the document's current version. */
  current(document: vscode.TextDocument): AnalysedDocument | undefined {
    const analysed = this.analysed.get(document.uri.toString());
    return analysed?.version === document.version ? analysed : undefined;
  }

  analysedVersion(uri: vscode.Uri): number | undefined {
    return this.analysed.get(uri.toString())?.version;
  }

  snapshot(): LiveStats {
    return { ...this.stats, droppedStale: this.latest.dropped, latenciesMs: [...this.stats.latenciesMs] };
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.collection.dispose();
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    // An event without changes only reports the dirty state.
    if (event.contentChanges.length === 0 || !isCode(event.document)) return;
    const settings = this.settings.read(event.document.uri);
    if (settings.run !== 'onType') return;
    this.analyseLater(event.document, settings.debounceMs);
    this.analyseImporters(event.document);
  }

  private analyseLater(document: vscode.TextDocument, debounceMs: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => void this.analyseNow(document), debounceMs));
  }

  /** Analyses again, after the debounce, the open documents whose last analysis read this one through their imports. */
  private analyseImporters(changed: vscode.TextDocument): void {
    const path = projectPath(changed.fileName);
    for (const document of vscode.workspace.textDocuments) {
      if (document === changed || !this.modulesRead.get(document.uri.toString())?.has(path)) continue;
      this.analyseLater(document, this.settings.read(document.uri).debounceMs);
    }
  }

  private async analyseNow(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const version = document.version;
    // On its way from here: the exclusion may wait for the folder's filter to be built. The ticket is taken
    // now, so a close or a deletion meanwhile (which forgets the document) drops the result too.
    this.inFlight.set(key, version);
    const ticket = this.latest.start(key);
    try {
      if (await this.isAnalysable(document) && !document.isClosed) await this.analyse(document, version, ticket);
    } finally {
      if (this.inFlight.get(key) === version) this.inFlight.delete(key);
    }
  }

  private async analyse(document: vscode.TextDocument, version: number, ticket: number): Promise<void> {
    const key = document.uri.toString();
    const settings = this.settings.read(document.uri);
    const sentAt = performance.now();
    let result: EditorAnalysisResult;
    try {
      const item = { fileName: analysisFileName(document.fileName, document.languageId), text: document.getText(), key, projectRoot: projectRootOf(document.uri) };
      const crossFile = settings.crossFile && item.projectRoot !== undefined;
      result = (await this.worker.analyze([item], analyzeOptionsOf(settings), crossFile ? unsavedTexts() : undefined))[0]!;
    } catch (error) {
      // No retry here: the worker client re-sends whatever a failure interrupted, and stops only the file
      // that hung. A rejection means analysis is paused (the client said so once) or is shutting down.
      if (!(error instanceof AnalysisPausedError)) this.log.error(`Could not analyse ${document.uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const currentVersion = document.isClosed ? undefined : document.version;
    if (!this.latest.accept(key, ticket, version, currentVersion)) return;
    this.noteSkipped(document.uri, result.skipped);
    this.modulesRead.set(key, new Set(result.modulesRead ?? []));
    this.publish(document.uri, { version, findings: result.findings }, settings);
    this.recordLatency(performance.now() - sentAt);
  }

  private publish(uri: vscode.Uri, analysed: AnalysedDocument, settings: EditorSettings): void {
    this.analysed.set(uri.toString(), analysed);
    this.collection.set(uri, toDiagnostics(analysed.findings, settings.rules, uri));
    this.stats.published++;
    this.onPublished(uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.latest.forget(key);
    this.inFlight.delete(key);
    this.analysed.delete(key);
    this.modulesRead.delete(key);
    this.skippedReasons.delete(key);
    this.note.clearDocument(uri);
    this.collection.delete(uri);
  }

  /**
   * Whether the document is code the workspace scan would read. One that is not loses what it had; one
   * too deep or too long for the patterns to be matched safely gets a note saying so, as the scan logs.
   */
  private async isAnalysable(document: vscode.TextDocument): Promise<boolean> {
    const exclusion = isCode(document) ? await this.filters.exclusionOf(document.uri) : 'excluded';
    if (exclusion === undefined) return true;
    if (this.analysed.has(document.uri.toString())) this.forget(document.uri);
    if (exclusion === 'too-long') this.noteSkipped(document.uri, PATH_TOO_LONG);
    return false;
  }

  /**
   * Says why a document was not (fully) analysed: the time budget ran out, the worker was stopped on it,
   * it is too large or binary. One output line per document and reason; the status bar note while it lasts.
   */
  private noteSkipped(uri: vscode.Uri, reason: string | undefined): void {
    const key = uri.toString();
    if (!reason) {
      this.skippedReasons.delete(key);
      this.note.clearDocument(uri);
      return;
    }
    if (this.skippedReasons.get(key) !== reason) this.log.info(`Not fully analysed: ${uri.toString(true)}: ${reason}`);
    this.skippedReasons.set(key, reason);
    this.note.noteDocument(uri, reason);
  }

  private recordLatency(ms: number): void {
    this.stats.latenciesMs.push(Math.round(ms * 10) / 10);
    if (this.stats.latenciesMs.length > MAX_LATENCIES_KEPT) this.stats.latenciesMs.shift();
  }
}

/** A TypeScript or JavaScript document of the user's (not a view of something else: a diff, an output). */
function isCode(document: vscode.TextDocument): boolean {
  return document.languageId in LANGUAGE_EXTENSIONS && !IGNORED_SCHEMES.has(document.uri.scheme);
}

/** The documents shown in an editor tab (text and diff editors). */
function urisInTabs(): Set<string> {
  const uris = new Set<string>();
  for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs)) {
    if (tab.input instanceof vscode.TabInputText) uris.add(tab.input.uri.toString());
    if (tab.input instanceof vscode.TabInputTextDiff) uris.add(tab.input.modified.toString());
  }
  return uris;
}
