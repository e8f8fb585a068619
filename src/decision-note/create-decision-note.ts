// `integrationCoach.createDecisionNote`: opens the decision note as an untitled Markdown document, so
// the user chooses whether to save it. Its proposed place is the first workspace folder's root (Save
// offers that path), and its evidence links are relative to that place, so they still work once the
// note is committed.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ruleIdOf } from '../editor/diagnostics';
import { getSection, loadLesson } from '../lesson/content';
import type { PracticeResult } from '../lesson/messages';
import { buildDecisionNote, evidenceLink, type NoteFinding } from './decision-note';

/** Our findings as the Problems panel holds them now: open documents and the last workspace scan. */
function workspaceFindings(noteFolder: string | undefined): NoteFinding[] {
  const findings: NoteFinding[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) continue;
      const line = diagnostic.range.start.line + 1;
      const link = evidenceLink(noteFolder, { scheme: uri.scheme, path: uri.path, uri: uri.toString() }, line);
      findings.push({ ruleId, path: vscode.workspace.asRelativePath(uri), link, line, message: diagnostic.message });
    }
  }
  return findings.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}

function moduleAssumptions(extensionRoot: string): string[] {
  const loaded = loadLesson(extensionRoot);
  if (!loaded.ok) return ['Contracts are versioned.', 'Failures are observable.'];
  return getSection(loaded.lesson, 'assumptions').items.map((item) => (item.lead ? `${item.lead}. ${item.text}` : item.text));
}

/** Where Save proposes to put the note: the first workspace folder's root; none without a folder on disk. */
function proposedNoteUri(date: Date): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
  if (!folder) return undefined;
  const file = vscode.Uri.joinPath(folder.uri, `decision-note-${date.toISOString().slice(0, 10)}.md`);
  return file.with({ scheme: 'untitled' });
}

export async function createDecisionNote(extensionRoot: string, practice: PracticeResult | undefined): Promise<vscode.TextEditor> {
  const date = new Date();
  const noteUri = proposedNoteUri(date);
  const content = buildDecisionNote({
    workspaceName: vscode.workspace.name ?? 'this project',
    date,
    assumptions: moduleAssumptions(extensionRoot),
    findings: workspaceFindings(noteUri && path.posix.dirname(noteUri.path)),
    practice,
  });
  const document = await openUntitled(noteUri, content);
  // In the editor group of the code, not over the lesson panel.
  return vscode.window.showTextDocument(document, { viewColumn: vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One });
}

/** An untitled Markdown document with the content; at the proposed path when there is one (an untitled URI with a path keeps it for Save). */
async function openUntitled(uri: vscode.Uri | undefined, content: string): Promise<vscode.TextDocument> {
  if (!uri) return vscode.workspace.openTextDocument({ language: 'markdown', content });
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  // A note of the same day still open from before is replaced, not appended to.
  edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), content);
  await vscode.workspace.applyEdit(edit);
  if (document.languageId !== 'markdown') return vscode.languages.setTextDocumentLanguage(document, 'markdown');
  return document;
}
