// The status bar: an item with the number of findings in the workspace (open documents and the last
// scan; a click opens the Problems panel), shown as integrationCoach.statusBar.findings says ("auto": only
// while there are findings), and a note shown only while analysis is incomplete.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { statusBarItemShown, type StatusBarMode } from './status-bar-mode';

const OPEN_PROBLEMS = 'workbench.actions.view.problems';

export class FindingsStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('integrationCoach.findings', vscode.StatusBarAlignment.Left, 50);
  private readonly listener: vscode.Disposable;
  private pending: NodeJS.Timeout | undefined;
  count = 0;
  visible = false;

  constructor(
    private readonly collections: readonly vscode.DiagnosticCollection[],
    private readonly mode: () => StatusBarMode,
  ) {
    this.item.name = 'Integration Coach findings';
    this.item.command = { command: OPEN_PROBLEMS, title: 'Open the Problems panel' };
    // Many documents publish at once during a scan: count once per burst.
    this.listener = vscode.languages.onDidChangeDiagnostics(() => {
      this.pending ??= setTimeout(() => this.update(), 50);
    });
    this.update();
  }

  get text(): string {
    return this.item.text;
  }

  update(): void {
    this.pending = undefined;
    const uris = new Set<string>();
    let count = 0;
    for (const collection of this.collections) {
      collection.forEach((uri, diagnostics) => {
        // A file is in one collection at a time, but count it once even if not.
        if (uris.has(uri.toString())) return;
        uris.add(uri.toString());
        count += diagnostics.length;
      });
    }
    this.count = count;
    const noun = count === 1 ? 'retry issue' : 'retry issues';
    this.item.text = `$(${count > 0 ? 'warning' : 'check'}) ${count} ${noun}`;
    this.item.tooltip = `Integration Coach: ${count} ${noun} in open files and the last workspace scan. Click to open the Problems panel.`;
    this.item.accessibilityInformation = { label: `Integration Coach: ${count} ${noun} in the workspace. Open the Problems panel.`, role: 'button' };
    this.visible = statusBarItemShown(this.mode(), count > 0);
    if (this.visible) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.listener.dispose();
    this.item.dispose();
  }
}

/** What the analysis note shows now (the extension's API exposes it for tests). */
export interface AnalysisNoteState {
  visible: boolean;
  text: string;
  tooltip: string;
}

/**
 * A status bar note, shown only while it applies: while an open document was not fully analysed (the
 * time budget ran out, the worker hung or crashed on it, it is too large) or while analysis is paused
 * after too many worker failures. It names the active document when that one has a note. A click
 * opens the output channel, which has the details.
 */
export class AnalysisNote implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('integrationCoach.analysisNote', vscode.StatusBarAlignment.Left, 49);
  private readonly documents = new Map<string, { name: string; reason: string }>();
  private paused: string | undefined;
  private readonly listener = vscode.window.onDidChangeActiveTextEditor(() => this.render());
  private visible = false;

  constructor(showOutputCommand: string) {
    this.item.name = 'Integration Coach analysis note';
    this.item.command = { command: showOutputCommand, title: 'Show the Integration Coach output' };
  }

  /** A document was not fully analysed, for this reason (shown until it is, or it closes). */
  noteDocument(uri: vscode.Uri, reason: string): void {
    this.documents.set(uri.toString(), { name: baseName(uri), reason });
    this.render();
  }

  clearDocument(uri: vscode.Uri): void {
    if (this.documents.delete(uri.toString())) this.render();
  }

  /** Analysis stopped for the session (shown until the window reloads). */
  notePaused(reason: string): void {
    this.paused = reason;
    this.render();
  }

  state(): AnalysisNoteState {
    return { visible: this.visible, text: this.item.text, tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : '' };
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }

  private render(): void {
    const lines = [...(this.paused ? [this.paused] : []), ...[...this.documents.values()].map(({ name, reason }) => `${name}: ${reason}`)];
    this.visible = lines.length > 0;
    if (!this.visible) return this.item.hide();
    this.item.text = this.paused ? '$(error) Integration Coach paused' : `$(warning) ${this.subject()} not fully analysed`;
    this.item.tooltip = `Integration Coach:\n${lines.join('\n')}\nClick to open the output.`;
    this.item.accessibilityInformation = { label: `Integration Coach: ${lines.join('. ')}. Open the output.`, role: 'button' };
    this.item.show();
  }

  /** The active document's name when it has a note, else how many documents have one. */
  private subject(): string {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const noted = active === undefined ? undefined : this.documents.get(active);
    if (noted) return noted.name;
    return this.documents.size === 1 ? [...this.documents.values()][0]!.name : `${this.documents.size} files`;
  }
}

function baseName(uri: vscode.Uri): string {
  return path.posix.basename(uri.path) || uri.toString(true);
}
