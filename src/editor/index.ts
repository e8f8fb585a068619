// Editor features: live diagnostics, hovers, code actions, the workspace scan and its status item.
// Registration only: nothing here parses, reads files or starts the worker during activation.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import { CONFIG_FILE_NAME, forgetConfigFiles } from '../shared/config-file';
import type { FeatureDeps } from '../features';
import { RuleCodeActionProvider } from './code-actions';
import { LessonHoverProvider } from './hover';
import { showFirstScreen, showFirstScreenIfAsked, type FirstScreen } from './first-screen';
import { LessonText, lessonProtocolUri, registerLessonUriHandler } from './lesson-links';
import { LiveDiagnostics, type LiveStats } from './live-diagnostics';
import { openSample } from './sample';
import { SECTION, statusBarSettingId } from './settings';
import { AnalysisNote, type AnalysisNoteState, FindingsStatusItem } from './status-bar';
import { LANGUAGE_EXTENSIONS } from './text-helpers';
import { AnalysisWorkerClient, type WorkerStats } from './worker-client';
import { WorkspaceFilters } from './workspace-filters';
import { WorkspaceScanner, type ScanSummary, type ScanTestHooks } from './workspace-scan';

export { ruleIdOf } from './diagnostics';
export type { ScanSummary } from './workspace-scan';

/** What the editor features show the extension's API (for the integration tests and automation). */
export interface EditorApi {
  lastScan(): ScanSummary | undefined;
  cancelScan(): void;
  setScanHooks(hooks: ScanTestHooks): void;
  /** The setting warnings shown this session, in order. */
  settingWarnings(): string[];
  workerStats(): WorkerStats;
  liveStats(): LiveStats;
  /** The document version whose diagnostics are published, or undefined (not analysed, or closed). */
  analysedVersion(uri: vscode.Uri): number | undefined;
  /** Stops the worker as a crash would; the next analysis restarts it. */
  simulateWorkerCrash(): void;
  /** What the worker is analysing now (a document's URI), once it has started on it. */
  workerBusyWith(): string | undefined;
  /** The findings item: its text, the count, and whether it shows (integrationCoach.statusBar.findings). */
  statusBar(): { text: string; count: number; visible: boolean };
  /** The status bar note on incomplete analysis (hidden unless it applies). */
  analysisNote(): AnalysisNoteState;
  /** The `<uriScheme>://<extension id>/lesson?section=<id>` link the URI handler serves. */
  lessonProtocolLink(sectionId: string): string;
  /** `npm start`'s first screen for a file: the file, its first warning, the lesson beside it there. */
  showFirstScreen(file: vscode.Uri): Promise<FirstScreen>;
}

/** Opens the output channel (the analysis note's click). Not in the palette, so not contributed. */
const SHOW_OUTPUT_COMMAND = 'integrationCoach.showOutput';

export function registerEditorFeatures(deps: FeatureDeps): EditorApi {
  const { context, log, settings } = deps;
  const note = new AnalysisNote(SHOW_OUTPUT_COMMAND);
  const workerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'analysis-worker.js').fsPath;
  const worker = new AnalysisWorkerClient(workerPath, log, { onPaused: (message) => note.notePaused(message) });
  const lesson = new LessonText(context.extensionUri.fsPath, log);
  const filters = new WorkspaceFilters(settings, log, (): Promise<void> => scanner.pause());
  const live = new LiveDiagnostics(worker, settings, log, note, (uri) => scanner.dropFile(uri), filters);
  const scanner = new WorkspaceScanner(worker, settings, log, (uri) => live.collection.has(uri), filters);
  const status = new FindingsStatusItem([live.collection, scanner.collection], () => settings.statusBarMode('findings'));
  const selector = Object.keys(LANGUAGE_EXTENSIONS).map((language) => ({ language }));

  context.subscriptions.push(
    { dispose: () => worker.dispose() },
    filters,
    live,
    scanner,
    status,
    note,
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => log.show(true)),
    vscode.languages.registerHoverProvider(selector, new LessonHoverProvider(lesson)),
    vscode.languages.registerCodeActionsProvider(selector, new RuleCodeActionProvider(live, lesson), RuleCodeActionProvider.metadata),
    registerLessonUriHandler(log),
    vscode.commands.registerCommand(Commands.scanWorkspace, () => scanner.run()),
    vscode.commands.registerCommand(Commands.openSample, () => openSample()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(statusBarSettingId('findings'))) status.update();
      // The filters first: they read integrationCoach.exclude through the settings reader when next built.
      const exclusionsChanged = filters.dropOnSettingsChange(event);
      if (!exclusionsChanged && !event.affectsConfiguration(SECTION)) return;
      settings.invalidate();
      live.analyseAllOpen();
      scanner.rerender();
    }),
    filters.onDidChange(() => live.analyseAllOpen()),
    watchDeletions((deleted) => {
      live.forgetDeleted(deleted);
      scanner.dropDeleted(deleted);
    }),
    watchConfigFiles(() => {
      settings.invalidate();
      live.analyseAllOpen();
      scanner.rerender();
    }),
  );
  live.start();
  void showFirstScreenIfAsked(context, lesson, log);

  return {
    lastScan: () => scanner.lastSummary,
    cancelScan: () => scanner.cancel(),
    setScanHooks: (hooks) => (scanner.hooks = hooks),
    settingWarnings: () => [...settings.warningsShown],
    workerStats: () => ({ ...worker.stats }),
    liveStats: () => live.snapshot(),
    analysedVersion: (uri) => live.analysedVersion(uri),
    simulateWorkerCrash: () => worker.simulateCrash(),
    workerBusyWith: () => worker.busyWith(),
    statusBar: () => ({ text: status.text, count: status.count, visible: status.visible }),
    analysisNote: () => note.state(),
    lessonProtocolLink: (sectionId) => lessonProtocolUri(context.extension.id, sectionId).toString(true),
    showFirstScreen: (file) => showFirstScreen(file, lesson, log),
  };
}

/** Files and folders deleted on disk (by the user, a tool or git), whatever their kind. */
function watchDeletions(onDelete: (uri: vscode.Uri) => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  return vscode.Disposable.from(watcher, watcher.onDidDelete(onDelete));
}

/** The project's configuration files (integration-coach.config.json): a change, a new one or one deleted takes effect at once. */
function watchConfigFiles(onChange: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
  const changed = () => {
    forgetConfigFiles();
    onChange();
  };
  return vscode.Disposable.from(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
}
