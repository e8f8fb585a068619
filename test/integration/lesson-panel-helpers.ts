// Opening the lesson panel and waiting for what the reader would see, for the lesson suites.
import * as vscode from 'vscode';
import { Commands } from '../../src/commands';
import { activeApi, lessonTabs } from './extension-api';
import { harnessAvailable, probeLesson } from './harness-client';
import { waitFor, waitUntil } from './wait';

export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const [folder] = vscode.workspace.workspaceFolders ?? [];
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, relativePath));
  return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
}

export async function openLessonAndWait(sectionId?: string): Promise<void> {
  await vscode.commands.executeCommand(Commands.openLesson, ...(sectionId ? [sectionId] : []));
  await waitFor(() => lessonTabs().length === 1, 'the lesson panel');
  if (harnessAvailable()) {
    await waitFor(() => probeLesson<boolean>(`document.getElementById('lesson')?.getAttribute('aria-busy') === 'false'`), 'the lesson to render', 45_000);
  }
}

export async function sectionInViewBecomes(id: string): Promise<void> {
  const api = await activeApi();
  await waitUntil(() => api.lessonPanel().sectionInView, (inView) => inView === id, `the webview to report "${id}" in view`);
}
