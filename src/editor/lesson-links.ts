// Links from the editor to the lesson: the command link a diagnostic and a hover carry, the
// `<scheme>://<extension id>/lesson?section=<id>` link the CLI and the ESLint plugin print, and the
// URI handler that serves the latter. Section ids are kebab-case, so neither link has a character the
// Problems view would re-encode.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import { loadLesson, sectionTitle, type Lesson, type RuleSection } from '../lesson/content';
import { readLessonLink } from '../lesson-link';
import type { RuleId } from '../analysis/types';

/** `command:integrationCoach.openLesson?["<sectionId>"]`: opens the lesson panel at the section. */
export function lessonCommandUri(sectionId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${Commands.openLesson}?${encodeURIComponent(JSON.stringify([sectionId]))}`);
}

/** `vscode://integration-coach.integration-coach/lesson?section=<id>`, with this editor's own scheme (code-server's differs). */
export function lessonProtocolUri(extensionId: string, sectionId: string): vscode.Uri {
  return vscode.Uri.parse(`${vscode.env.uriScheme}://${extensionId}/lesson?section=${encodeURIComponent(sectionId)}`);
}

/**
 * Opens the lesson for `…/lesson?section=<id>`; anything else is ignored. What is ignored is logged
 * quoted, since anyone who can open a URI chooses its text.
 */
export function registerLessonUriHandler(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.window.registerUriHandler({
    handleUri(uri: vscode.Uri) {
      const request = readLessonLink(uri.path, uri.query);
      if (request.warning !== undefined) log.warn(request.warning);
      if (request.open) void vscode.commands.executeCommand(Commands.openLesson, request.sectionId);
    },
  });
}

/** The lesson's excerpts and titles, loaded and validated on first use (a hover or a code action). */
export class LessonText {
  private lesson: Lesson | null | undefined;

  constructor(
    private readonly extensionRoot: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  ruleSection(ruleId: RuleId): RuleSection | undefined {
    return this.load()?.ruleSections[ruleId];
  }

  title(sectionId: string): string {
    const lesson = this.load();
    return (lesson && sectionTitle(lesson, sectionId)) ?? sectionId;
  }

  private load(): Lesson | undefined {
    if (this.lesson === undefined) {
      const loaded = loadLesson(this.extensionRoot);
      if (!loaded.ok) this.log.error(`The lesson content is invalid, so hovers show no excerpt:\n  ${loaded.errors.join('\n  ')}`);
      this.lesson = loaded.ok ? loaded.lesson : null;
    }
    return this.lesson ?? undefined;
  }
}
