// `npm start`'s first screen: a sample file of the demo workspace with its live warnings, the cursor on the
// first one, and the lesson beside it at the section that warning links to. The development launcher
// names the file in an environment variable; the extension acts on it only when it runs in development
// mode, and once per window, so a reload keeps whatever the person has opened since.
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE, FIRST_SCREEN_ENV } from '../commands';
import { ruleIdOf } from './diagnostics';
import type { LessonText } from './lesson-links';

const SHOWN_KEY = 'integrationCoach.firstScreenShown';
/** How long to wait for the file's first analysis: the worker starts cold with the window. */
const FIRST_FINDINGS_TIMEOUT_MS = 60_000;

/** Where the first screen ended: the file, the first warning's line (1-based) and the lesson section opened. */
export interface FirstScreen {
  file: string;
  line?: number;
  sectionId?: string;
}

/** Shows the first screen when `npm start` asked for it; resolves to undefined when it did not. */
export async function showFirstScreenIfAsked(context: vscode.ExtensionContext, lesson: LessonText, log: vscode.LogOutputChannel): Promise<FirstScreen | undefined> {
  const relative = process.env[FIRST_SCREEN_ENV];
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!relative || !folder || context.extensionMode !== vscode.ExtensionMode.Development) return undefined;
  if (context.workspaceState.get<boolean>(SHOWN_KEY)) return undefined;
  await context.workspaceState.update(SHOWN_KEY, true);
  return showFirstScreen(vscode.Uri.joinPath(folder.uri, relative), lesson, log);
}

/** Opens the file, waits for its warnings, puts the cursor on the first and opens the lesson beside it there. */
export async function showFirstScreen(file: vscode.Uri, lesson: LessonText, log: vscode.LogOutputChannel): Promise<FirstScreen> {
  const editor = await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.One, preview: false });
  const first = await firstWarning(file, FIRST_FINDINGS_TIMEOUT_MS);
  const ruleId = first && ruleIdOf(first);
  const sectionId = ruleId && lesson.ruleSection(ruleId)?.sectionId;
  if (first) {
    editor.selection = new vscode.Selection(first.range.start, first.range.start);
    editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  } else {
    log.warn(`first screen: no warning in ${file.fsPath} after ${FIRST_FINDINGS_TIMEOUT_MS / 1000} s; opening the lesson at the top`);
  }
  await vscode.commands.executeCommand(Commands.openLesson, sectionId);
  return { file: file.fsPath, ...(first ? { line: first.range.start.line + 1 } : {}), ...(sectionId ? { sectionId } : {}) };
}

/** The file's first Integration Coach diagnostic by position, as soon as there is one. */
function firstWarning(file: vscode.Uri, timeoutMs: number): Promise<vscode.Diagnostic | undefined> {
  const current = () =>
    vscode.languages
      .getDiagnostics(file)
      .filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE)
      .sort((a, b) => a.range.start.compareTo(b.range.start))[0];
  return new Promise((resolve) => {
    const settle = (diagnostic: vscode.Diagnostic | undefined) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(diagnostic);
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((uri) => uri.toString() === file.toString())) return;
      const diagnostic = current();
      if (diagnostic) settle(diagnostic);
    });
    const timer = setTimeout(() => settle(undefined), timeoutMs);
    const already = current();
    if (already) settle(already);
  });
}
