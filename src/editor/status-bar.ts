// A status bar item with the number of findings in the workspace (open documents and the last scan);
// a click opens the Problems panel.
import * as vscode from 'vscode';

const OPEN_PROBLEMS = 'workbench.actions.view.problems';

export class FindingsStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('integrationCoach.findings', vscode.StatusBarAlignment.Left, 50);
  private readonly listener: vscode.Disposable;
  private pending: NodeJS.Timeout | undefined;
  count = 0;

  constructor(private readonly collections: readonly vscode.DiagnosticCollection[]) {
    this.item.name = 'Integration Coach findings';
    this.item.command = { command: OPEN_PROBLEMS, title: 'Open the Problems panel' };
    // Many documents publish at once during a scan: count once per burst.
    this.listener = vscode.languages.onDidChangeDiagnostics(() => {
      this.pending ??= setTimeout(() => this.update(), 50);
    });
    this.update();
    this.item.show();
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
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.listener.dispose();
    this.item.dispose();
  }
}
