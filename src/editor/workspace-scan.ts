// `integrationCoach.scanWorkspace`: analyses every TypeScript and JavaScript file of the workspace in the
// worker, batch by batch, under a cancellable progress notification that counts files, and fills the
// Problems panel. Open documents keep their live diagnostics; the scan covers the others.
import * as vscode from 'vscode';
import type { Finding, RuleId } from '../analysis/types';
import { RULE_IDS } from '../lesson/content-types';
import { decodeText, isSourceFile, PATH_TOO_LONG } from '../shared/file-filter';
import { encodingOf, maxBytesOnDisk } from '../shared/file-filter/decode-text';
import { toDiagnostics } from './diagnostics';
import { FIND_FILES_EXCLUDE } from './exclude-globs';
import type { AnalysisItem } from './protocol';
import type { SettingsReader } from './settings';
import { projectPath, projectRootOf, unsavedTexts } from './project-roots';
import { analyzeOptionsOf, fileSelectionOf } from './settings-effects';
import type { AnalysisWorkerClient } from './worker-client';
import { relativePath, type WorkspaceFilters } from './workspace-filters';

const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
/** Files per message to the worker: small enough for the progress to move, large enough to amortise the round trip. */
const BATCH_SIZE = 8;
/**
 * The longest the filter works on the extension host's thread before it lets other work in. Every
 * extension shares that thread; a tenth of this is already a dropped frame in a typing extension.
 */
const SLICE_MS = 10;

export interface ScanSummary {
  /** Files found (after excludes). */
  totalFiles: number;
  /** Files analysed before the scan ended or was cancelled. */
  scannedFiles: number;
  /** Files not analysed: over the size limit, unreadable, or skipped by the core. */
  skippedFiles: number;
  findings: number;
  byRule: Record<RuleId, number>;
  /** Findings per workspace-relative path, for files with any. */
  byFile: Record<string, number>;
  cancelled: boolean;
  durationMs: number;
}

interface ScannedFile {
  uri: vscode.Uri;
  findings: Finding[];
}

/** Hooks for the integration tests: cancel a scan under way, or act between batches. */
export interface ScanTestHooks {
  beforeBatch?: (scannedFiles: number, totalFiles: number) => void | Promise<void>;
  /** Called each time the file filter pauses to let other work in on the extension host. */
  filterPaused?: () => void;
}

export class WorkspaceScanner implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('integration-coach-scan');
  /** Findings of the last scan per file, so a change of rule severities re-renders without rescanning. */
  private readonly results = new Map<string, ScannedFile>();
  private running: vscode.CancellationTokenSource | undefined;
  lastSummary: ScanSummary | undefined;
  hooks: ScanTestHooks = {};

  constructor(
    private readonly worker: AnalysisWorkerClient,
    private readonly settings: SettingsReader,
    private readonly log: vscode.LogOutputChannel,
    /** Whether a document is open and so has live diagnostics that take precedence. */
    private readonly isLive: (uri: vscode.Uri) => boolean,
    /** The exclusions, shared with live diagnostics. */
    private readonly filters: WorkspaceFilters,
  ) {}

  /** The command: scans under a progress notification, then reports the totals. */
  async run(): Promise<ScanSummary | undefined> {
    if (this.running) {
      void vscode.window.showInformationMessage('Integration Coach: a workspace scan is already running.');
      return undefined;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('Integration Coach: open a folder to scan it.');
      return undefined;
    }
    const source = (this.running = new vscode.CancellationTokenSource());
    try {
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Integration Coach: scanning the workspace', cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => source.cancel());
          return this.scan(progress, source.token);
        },
      );
      this.lastSummary = summary;
      this.log.info(`Workspace scan: ${describe(summary)} in ${summary.durationMs} ms`);
      void vscode.window.showInformationMessage(`Integration Coach: ${describe(summary)}`);
      return summary;
    } finally {
      source.dispose();
      this.running = undefined;
    }
  }

  /** Cancels the scan under way, as its notification's Cancel button does. */
  cancel(): void {
    this.running?.cancel();
  }

  /** A document opened or was analysed live: its scan result is out of date. */
  dropFile(uri: vscode.Uri): void {
    this.results.delete(uri.toString());
    this.collection.delete(uri);
  }

  /** A file or folder was deleted on disk: the scan's findings for it, or for what it held, go. */
  dropDeleted(deleted: vscode.Uri): void {
    const prefix = `${deleted.toString()}/`;
    for (const { uri } of [...this.results.values()]) {
      if (uri.toString() === deleted.toString() || uri.toString().startsWith(prefix)) this.dropFile(uri);
    }
  }

  /** Re-renders the scan's diagnostics with the current severities (a rule may now be off). */
  rerender(): void {
    for (const { uri, findings } of this.results.values()) this.collection.set(uri, toDiagnostics(findings, this.settings.read(uri).rules, uri));
  }

  dispose(): void {
    this.running?.cancel();
    this.collection.dispose();
  }

  private async scan(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<ScanSummary> {
    const started = performance.now();
    this.results.clear();
    this.collection.clear();
    progress.report({ message: 'finding files…' });
    const files = await this.listFiles(token);
    const summary: ScanSummary = {
      totalFiles: files.length, scannedFiles: 0, skippedFiles: 0, findings: 0, byRule: emptyCounts(), byFile: {}, cancelled: false, durationMs: 0,
    };
    progress.report({ message: `0/${files.length} files` });
    for (let start = 0; start < files.length; start += BATCH_SIZE) {
      await this.hooks.beforeBatch?.(summary.scannedFiles, files.length);
      if (token.isCancellationRequested) break;
      const batch = files.slice(start, start + BATCH_SIZE);
      await this.scanBatch(batch, summary);
      progress.report({ message: `${summary.scannedFiles}/${files.length} files`, increment: (100 * batch.length) / files.length });
    }
    summary.cancelled = token.isCancellationRequested;
    summary.durationMs = Math.round(performance.now() - started);
    return summary;
  }

  /** Every source file of every folder, honouring files.exclude, search.exclude, integrationCoach.exclude and the .gitignore files. */
  private async listFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const files: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const filter = await this.filters.rebuild(folder, token);
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, SOURCE_GLOB), FIND_FILES_EXCLUDE, undefined, token);
      let tooLong = 0;
      files.push(...(await this.keepInSlices(found, token, (uri) => {
        const path = relativePath(folder, uri);
        if (!isSourceFile(path)) return false;
        const exclusion = filter.fileExclusion(path);
        if (exclusion === 'too-long') tooLong++;
        return exclusion === undefined;
      })));
      if (tooLong > 0) this.log.warn(`Workspace scan: ${tooLong} files of ${folder.name}: ${PATH_TOO_LONG}`);
    }
    return files.sort((a, b) => a.toString().localeCompare(b.toString()));
  }

  /** The items `keep` accepts, judged in slices of SLICE_MS with a pause between them. */
  private async keepInSlices<T>(items: readonly T[], token: vscode.CancellationToken, keep: (item: T) => boolean): Promise<T[]> {
    const kept: T[] = [];
    let sliceStart = performance.now();
    for (const item of items) {
      if (token.isCancellationRequested) break;
      if (keep(item)) kept.push(item);
      if (performance.now() - sliceStart > SLICE_MS) {
        await this.pause();
        sliceStart = performance.now();
      }
    }
    return kept;
  }

  /** Lets the extension host's other work run (other extensions, messages from the window). */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.hooks.filterPaused?.();
  }

  private async scanBatch(batch: vscode.Uri[], summary: ScanSummary): Promise<void> {
    const read = await Promise.all(batch.map((uri) => this.readSource(uri)));
    summary.scannedFiles += batch.length;
    const readable = read.filter((file): file is { uri: vscode.Uri; item: AnalysisItem } => file !== undefined);
    summary.skippedFiles += batch.length - readable.length;
    if (readable.length === 0) return;
    // One folder's options for the batch: files of a batch almost always share a folder.
    const settings = this.settings.read(readable[0]!.uri);
    let results;
    try {
      // Imports are followed as live diagnostics follow them, so a file open in an editor counts the same here.
      results = await this.worker.analyze(readable.map((file) => file.item), analyzeOptionsOf(settings), settings.crossFile ? unsavedTexts() : undefined);
    } catch (error) {
      this.log.error(`Workspace scan: a batch of ${readable.length} files failed: ${error instanceof Error ? error.message : String(error)}`);
      summary.skippedFiles += readable.length;
      return;
    }
    readable.forEach(({ uri }, i) => {
      const result = results[i]!;
      if (result.skipped) {
        summary.skippedFiles++;
        this.log.info(`Workspace scan: not analysed ${uri.toString(true)}: ${result.skipped}`);
      }
      this.record(uri, result.findings, summary);
    });
  }

  /** The file's text, or undefined when it is not a regular file, over the size limit, or unreadable. */
  private async readSource(uri: vscode.Uri): Promise<{ uri: vscode.Uri; item: AnalysisItem } | undefined> {
    try {
      const limitBytes = fileSelectionOf(this.settings.read(uri)).maxFileSizeBytes;
      const notRead = (why: string) => {
        this.log.info(`Workspace scan: not read ${uri.toString(true)}: ${why}`);
        return undefined;
      };
      const stat = await vscode.workspace.fs.stat(uri);
      if (!(stat.type & vscode.FileType.File)) return notRead('not a regular file');
      // First against the most a file within the limit can take on disk (UTF-16 takes two bytes a
      // character), then against its own encoding's; the core measures the text itself.
      const tooLarge = 'larger than integrationCoach.maxFileSizeKb';
      if (stat.size > maxBytesOnDisk(limitBytes, 'utf-16le')) return notRead(tooLarge);
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.length > maxBytesOnDisk(limitBytes, encodingOf(bytes))) return notRead(tooLarge);
      const projectRoot = projectRootOf(uri);
      return { uri, item: { fileName: projectRoot === undefined ? uri.path : projectPath(uri.fsPath), text: decodeText(bytes), projectRoot } };
    } catch (error) {
      this.log.warn(`Workspace scan: cannot read ${uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private record(uri: vscode.Uri, findings: Finding[], summary: ScanSummary): void {
    const rules = this.settings.read(uri).rules;
    const diagnostics = toDiagnostics(findings, rules, uri);
    // Counted as shown: a rule switched off counts nothing.
    for (const finding of findings.filter((f) => (rules[f.ruleId] ?? f.severity) !== 'off')) summary.byRule[finding.ruleId]++;
    summary.findings += diagnostics.length;
    if (diagnostics.length > 0) summary.byFile[vscode.workspace.asRelativePath(uri, false)] = diagnostics.length;
    if (this.isLive(uri)) return;
    this.results.set(uri.toString(), { uri, findings });
    this.collection.set(uri, diagnostics);
  }
}

function emptyCounts(): Record<RuleId, number> {
  return Object.fromEntries(RULE_IDS.map((id) => [id, 0])) as Record<RuleId, number>;
}

/** "Scanned 12 files: 7 findings (unbounded-retry 3, retry-without-jitter 4)" */
export function describe(summary: ScanSummary): string {
  const rules = Object.entries(summary.byRule).filter(([, count]) => count > 0).map(([id, count]) => `${id} ${count}`);
  const findings = `${summary.findings} finding${summary.findings === 1 ? '' : 's'}${rules.length ? ` (${rules.join(', ')})` : ''}`;
  const skipped = summary.skippedFiles ? `, ${summary.skippedFiles} skipped` : '';
  if (summary.cancelled) return `Scan cancelled after ${summary.scannedFiles} of ${summary.totalFiles} files: ${findings} so far${skipped}.`;
  return `Scanned ${summary.scannedFiles} files: ${findings}${skipped}.`;
}
