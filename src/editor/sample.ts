// `integrationCoach.openSample` (used by the walkthrough): an untitled TypeScript document with the
// mistakes the module teaches, so the diagnostics, hover and quick fixes can be tried at once.
import * as vscode from 'vscode';
import { SAMPLE_SOURCE } from './sample-source';

export async function openSample(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: SAMPLE_SOURCE });
  return vscode.window.showTextDocument(document);
}
