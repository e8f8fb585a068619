// Code actions for each of our diagnostics: the finding's own fixes (the first preferred), "Open lesson:
// <section>", "Disable <rule> for this line" and "Disable <rule> for this file". Fixes are never applied
// on save: they change behaviour.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { Finding, RuleId } from '../analysis/types';
import { ruleIdOf, sameFinding, toRange } from './diagnostics';
import type { LessonText } from './lesson-links';
import type { LiveDiagnostics } from './live-diagnostics';
import { disableFileEdit, disableNextLineEdit } from './text-helpers';

export class RuleCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly live: LiveDiagnostics,
    private readonly lesson: LessonText,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    // Fixes are edits of the analysed version: offered only while the document still has that version.
    const findings = this.live.current(document)?.findings ?? [];
    return context.diagnostics.flatMap((diagnostic) => {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) return [];
      const finding = findings.find((candidate) => sameFinding(diagnostic, candidate));
      return [...this.fixActions(document, diagnostic, finding), this.lessonAction(diagnostic, ruleId, finding), this.disableLineAction(document, diagnostic, ruleId), this.disableFileAction(document, diagnostic, ruleId)];
    });
  }

  private fixActions(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding | undefined): vscode.CodeAction[] {
    return (finding?.fixes ?? []).map((fix, index) => {
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of fix.edits) action.edit.replace(document.uri, toRange(edit.range), edit.newText);
      action.diagnostics = [diagnostic];
      action.isPreferred = index === 0;
      return action;
    });
  }

  private lessonAction(diagnostic: vscode.Diagnostic, ruleId: RuleId, finding: Finding | undefined): vscode.CodeAction {
    const sectionId = finding?.lessonSection ?? this.lesson.ruleSection(ruleId)?.sectionId;
    const action = new vscode.CodeAction(`Open lesson: ${sectionId ? this.lesson.title(sectionId) : 'Integration and APIs'}`, vscode.CodeActionKind.QuickFix);
    action.command = { command: Commands.openLesson, title: action.title, arguments: sectionId ? [sectionId] : [] };
    action.diagnostics = [diagnostic];
    return action;
  }

  private disableLineAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, ruleId: RuleId): vscode.CodeAction {
    const line = diagnostic.range.start.line;
    const previous = line > 0 ? document.lineAt(line - 1).text : undefined;
    const change = disableNextLineEdit(document.lineAt(line).text, previous, ruleId);
    const action = new vscode.CodeAction(`Disable ${ruleId} for this line`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    if (change.kind === 'append') action.edit.insert(document.uri, new vscode.Position(line - 1, change.character), change.text);
    else action.edit.insert(document.uri, new vscode.Position(line, 0), change.text);
    action.diagnostics = [diagnostic];
    return action;
  }

  /** A disable block from the top of the file (after its shebang and header comments): every host reads it, the CLI and ESLint plugin too. */
  private disableFileAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, ruleId: RuleId): vscode.CodeAction {
    const lines = Array.from({ length: document.lineCount }, (_, line) => document.lineAt(line).text);
    const change = disableFileEdit(lines, ruleId);
    const action = new vscode.CodeAction(`Disable ${ruleId} for this file`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.insert(document.uri, new vscode.Position(change.line, change.kind === 'append' ? change.character : 0), change.text);
    action.diagnostics = [diagnostic];
    return action;
  }
}
