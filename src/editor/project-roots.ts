// What the analysis across files needs from the editor: the workspace folder a file's imports are followed
// within, and the unsaved texts of open documents (the worker reads them rather than the disk). Shared by
// live diagnostics and the workspace scan, so that both see a file the same way.
import * as vscode from 'vscode';
import { LANGUAGE_EXTENSIONS } from './text-helpers';

/** A file's path as the project index keeps it: `/` separators. */
export function projectPath(fileName: string): string {
  return fileName.replace(/\\/g, '/');
}

/** The workspace folder a file on disk is in: the root its imports are followed within. */
export function projectRootOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? projectPath(folder.uri.fsPath) : undefined;
}

/** The open code documents on disk with unsaved changes, by path. */
export function unsavedTexts(): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty && document.uri.scheme === 'file' && document.languageId in LANGUAGE_EXTENSIONS) texts[projectPath(document.fileName)] = document.getText();
  }
  return texts;
}
