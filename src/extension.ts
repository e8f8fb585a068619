import * as vscode from 'vscode';
import { Commands, OUTPUT_CHANNEL_NAME } from './commands';
import { LessonPanel, registerLessonSerializer, type LessonPanelDeps, type LessonPanelSnapshot } from './lesson/lesson-panel';
import type { LessonProgress } from './lesson/messages';
import { ProgressStore } from './lesson/progress-store';

/** What the extension exports: a read-only view used by the integration tests and by automation. */
export interface IntegrationCoachApi {
  lessonPanel(): LessonPanelSnapshot;
  lessonProgress(): LessonProgress;
}

// Activation stays light: it registers commands and providers; nothing parses code here.
export function activate(context: vscode.ExtensionContext): IntegrationCoachApi {
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const deps: LessonPanelDeps = { context, log, progress: new ProgressStore(context.globalState, log) };
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(Commands.openLesson, (sectionId?: unknown) =>
      LessonPanel.createOrShow(deps, typeof sectionId === 'string' ? sectionId : undefined),
    ),
    registerLessonSerializer(deps),
    { dispose: () => LessonPanel.close() },
  );
  log.info('Integration Coach activated');
  return { lessonPanel: () => LessonPanel.snapshot(), lessonProgress: () => deps.progress.get() };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
