// A hover over one of our diagnostics adds a link that opens the lesson at the rule's section, then the
// lesson's two-line excerpt for the rule. VS Code's own diagnostic hover shows the message above it, so
// the link comes first: below the excerpt it fell under the hover's fold (issue 15).
import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { RuleId } from '../analysis/types';
import { ruleIdOf } from './diagnostics';
import { lessonCommandUri, type LessonText } from './lesson-links';

export class LessonHoverProvider implements vscode.HoverProvider {
  constructor(private readonly lesson: LessonText) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const here = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => ruleIdOf(diagnostic) && diagnostic.range.contains(position));
    if (here.length === 0) return undefined;
    const ruleIds = [...new Set(here.map((diagnostic) => ruleIdOf(diagnostic)!))];
    const contents = ruleIds.map((ruleId) => this.excerptFor(ruleId)).filter((text): text is vscode.MarkdownString => text !== undefined);
    if (contents.length === 0) return undefined;
    const range = here.map((diagnostic) => diagnostic.range).reduce((a, b) => a.union(b));
    return new vscode.Hover(contents, range);
  }

  private excerptFor(ruleId: RuleId): vscode.MarkdownString | undefined {
    const section = this.lesson.ruleSection(ruleId);
    if (!section) return undefined;
    // Only the one command may run from this text: never `isTrusted: true`.
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: [Commands.openLesson] };
    markdown.appendMarkdown(`$(book) **${escape(this.lesson.title(section.sectionId))}** (\`${ruleId}\`) · `);
    markdown.appendMarkdown(`[Open lesson section](${lessonCommandUri(section.sectionId).toString()} "Open the lesson at this section")\n\n`);
    markdown.appendMarkdown(section.excerpt.map((line) => `> ${escape(line)}`).join('\n>\n'));
    return markdown;
  }
}

/** The excerpt is plain text: anything Markdown would interpret is escaped. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}
