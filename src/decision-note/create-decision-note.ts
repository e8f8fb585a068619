// `integrationCoach.createDecisionNote`: opens the decision note as an untitled Markdown document, so
// the user chooses where (and whether) to save it.
import * as vscode from 'vscode';
import { ruleIdOf } from '../editor/diagnostics';
import { getSection, loadLesson } from '../lesson/content';
import type { PracticeResult } from '../lesson/messages';
import { buildDecisionNote, type NoteFinding } from './decision-note';

/** Our findings as the Problems panel holds them now: open documents and the last workspace scan. */
function workspaceFindings(): NoteFinding[] {
  const findings: NoteFinding[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) continue;
      const line = diagnostic.range.start.line + 1;
      findings.push({ ruleId, path: vscode.workspace.asRelativePath(uri), link: `${uri.toString()}#L${line}`, line, message: diagnostic.message });
    }
  }
  return findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}

function moduleAssumptions(extensionRoot: string): string[] {
  const loaded = loadLesson(extensionRoot);
  if (!loaded.ok) return ['Contracts are versioned.', 'Failures are observable.'];
  return getSection(loaded.lesson, 'assumptions').items.map((item) => (item.lead ? `${item.lead}. ${item.text}` : item.text));
}

export async function createDecisionNote(extensionRoot: string, practice: PracticeResult | undefined): Promise<vscode.TextEditor> {
  const content = buildDecisionNote({
    workspaceName: vscode.workspace.name ?? 'this project',
    date: new Date(),
    assumptions: moduleAssumptions(extensionRoot),
    findings: workspaceFindings(),
    practice,
  });
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  // In the editor group of the code, not over the lesson panel.
  return vscode.window.showTextDocument(document, { viewColumn: vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One });
}
