import * as vscode from 'vscode';
import { Commands, OUTPUT_CHANNEL_NAME } from './commands';
import { LessonPanel } from './lesson/lesson-panel';

// Activation stays light: it registers commands and providers; nothing parses code here.
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(Commands.openLesson, (sectionId?: unknown) =>
      LessonPanel.createOrShow(context, log, typeof sectionId === 'string' ? sectionId : undefined),
    ),
  );
  log.info('Integration Coach activated');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
