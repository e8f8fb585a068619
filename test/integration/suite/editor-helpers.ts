// Shared by the editor-*.test.ts files: the rule fixtures (test/fixtures/workspace/rules/) and the
// waits on published diagnostics. Not a test file itself (no `.test` in its name).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import ts from 'typescript';
import { DIAGNOSTIC_SOURCE } from '../../../src/commands';
import type { RuleId } from '../../../src/analysis/types';
import { ruleIdOf } from '../../../src/editor/diagnostics';
import { activeApi } from '../extension-api';
import { evaluateInWorkbench } from '../harness-client';
import { waitFor, waitUntil } from '../wait';

export interface RuleFixture {
  file: string;
  ruleId: RuleId;
  /** 0-based [line, character, endLine, endCharacter] of the diagnostic. */
  range: [number, number, number, number];
  sectionId: string;
}

/** One file per rule, plus JavaScript; each has exactly this one finding. */
export const RULE_FIXTURES: RuleFixture[] = [
  { file: 'rules/unbounded-retry.ts', ruleId: 'unbounded-retry', range: [2, 2, 2, 14], sectionId: 'mistake-unbounded-retries' },
  { file: 'rules/retry-without-jitter.ts', ruleId: 'retry-without-jitter', range: [2, 2, 2, 47], sectionId: 'mistake-unbounded-retries' },
  { file: 'rules/missing-idempotency-key.ts', ruleId: 'missing-idempotency-key', range: [4, 19, 4, 115], sectionId: 'mistake-missing-idempotency' },
  { file: 'rules/unstable-idempotency-key.ts', ruleId: 'unstable-idempotency-key', range: [6, 38, 6, 57], sectionId: 'mistake-missing-idempotency' },
  { file: 'rules/poll-status.js', ruleId: 'retry-without-jitter', range: [2, 2, 2, 48], sectionId: 'mistake-unbounded-retries' },
];

/** Code that looks like a retry but is not one: it must stay silent. */
export const LOOKALIKES = ['rules/lookalikes/queue-consumer.ts', 'rules/lookalikes/pagination.ts', 'rules/lookalikes/per-item-loop.ts', 'rules/lookalikes/polling-with-deadline.ts'];

export function workspaceUri(relativePath: string): vscode.Uri {
  const [folder] = vscode.workspace.workspaceFolders ?? [];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function openFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
}

/** Each file that holds our diagnostics, by its workspace-relative path, with how many. */
export function filesWithOurDiagnostics(): Record<string, number> {
  const files: Record<string, number> = {};
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const ours = diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE).length;
    if (ours > 0) files[vscode.workspace.asRelativePath(uri)] = ours;
  }
  return files;
}

/** Waits until the document's current version has been analysed, then returns our diagnostics. */
export async function analysed(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  const api = await activeApi();
  await waitFor(() => api.editor.analysedVersion(document.uri) === document.version, `${vscode.workspace.asRelativePath(document.uri)} v${document.version} to be analysed`);
  return ourDiagnostics(document.uri);
}

/**
 * Waits until a condition on the document's diagnostics holds. The wait watches the diagnostics (as
 * rule@range), so a time-out lists the ones VS Code had and when, not the ones from before the wait.
 */
export async function diagnosticsWhere(uri: vscode.Uri, what: string, condition: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  let last: vscode.Diagnostic[] = [];
  try {
    await waitUntil(() => (last = ourDiagnostics(uri)).map(describeDiagnostic), () => condition(last), what, timeoutMs);
  } catch (error) {
    // What the analysis worker and the live diagnostics went through, so that a wait that never ends says why.
    const editor = (await activeApi()).editor;
    const state = `analysis worker ${JSON.stringify(editor.workerStats())}; live diagnostics ${JSON.stringify(editor.liveStats())}`;
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n  ${state}`, { cause: error });
  }
  return last;
}

export function describeDiagnostic(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${ruleIdOf(diagnostic)}@${start.line}:${start.character}-${end.line}:${end.character}`;
}

export function rangeOf(diagnostic: vscode.Diagnostic): [number, number, number, number] {
  const { start, end } = diagnostic.range;
  return [start.line, start.character, end.line, end.character];
}

/** The lesson link a diagnostic carries, as the command and arguments it runs. */
export function linkOf(diagnostic: vscode.Diagnostic): { uri: vscode.Uri; command: string; args: unknown[] } {
  const code = diagnostic.code;
  assert.ok(typeof code === 'object' && code !== null && 'target' in code, 'code has a target');
  const uri = code.target;
  assert.equal(uri.scheme, 'command');
  return { uri, command: uri.path, args: JSON.parse(uri.query) as unknown[] };
}

/** Syntax errors of a TypeScript or JavaScript text. */
export function parseErrors(text: string, fileName: string): string[] {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const diagnostics = (sourceFile as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

/** Undoes a test's edits: reverts the document to its saved text. */
export async function revert(document: vscode.TextDocument): Promise<void> {
  if (!document.isDirty) return;
  await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => !document.isDirty, `${vscode.workspace.asRelativePath(document.uri)} to be reverted`);
}

/** Closes every editor (after reverting edits) and waits until VS Code has closed the documents. */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((doc) => doc.isDirty)) {
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function updateSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('integrationCoach').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Leaves the window as the other suites expect it: no panel, no notifications. */
export async function tidyWorkbench(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('notifications.clearAll');
}

/**
 * The texts of the notifications, read in the notification centre: it keeps each one until it is cleared, while a
 * toast hides itself after a while, which on a busy machine can be before a test reads it. Only the centre's items
 * are read: a toast it hides stays in the page. Needs the browser harness.
 */
export async function notificationTexts(): Promise<string[]> {
  await vscode.commands.executeCommand('notifications.showList');
  try {
    const read = `(() => { const center = document.querySelector('.notifications-center.visible');
      return center ? [...center.querySelectorAll('.notification-list-item-message')].map((e) => e.textContent) : null; })()`;
    return await waitFor(() => evaluateInWorkbench<string[] | null>(read), 'the notification centre');
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}
