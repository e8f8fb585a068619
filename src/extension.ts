import * as vscode from 'vscode';
import { Commands, OUTPUT_CHANNEL_NAME } from './commands';
import { createDecisionNote } from './decision-note/create-decision-note';
import { registerEditorFeatures, type EditorApi } from './editor';
import { SettingsReader, type SettingSchemas } from './editor/settings';
import type { FeatureDeps } from './features';
import { LessonPanel, registerLessonSerializer, type LessonPanelDeps, type LessonPanelSnapshot } from './lesson/lesson-panel';
import type { LessonProgress, PracticeResult } from './lesson/messages';
import { ProgressStore } from './lesson/progress-store';
import { readingPosition } from './lesson/reading-position';
import { registerResetLessonProgress, type LessonResetConfirm } from './lesson/reset-progress';
import { registerQuickCheck, type QuickCheckConfirm, type QuickCheckSnapshot } from './quiz/quick-check';
import { SYNCED_GLOBAL_STATE_KEYS } from './synced-state';

/** What the extension exports: a read-only view used by the integration tests and by automation. */
export interface IntegrationCoachApi {
  lessonPanel(): LessonPanelSnapshot;
  lessonProgress(): LessonProgress;
  practiceResult(): PracticeResult | undefined;
  quickCheck(): QuickCheckSnapshot;
  /** For tests: answers the quick check's reset confirmation (VS Code refuses modal dialogs in extension tests). */
  replaceQuickCheckConfirmation(confirm: QuickCheckConfirm): vscode.Disposable;
  /** For tests: answers the lesson progress reset's confirmation, likewise. */
  replaceLessonResetConfirmation(confirm: LessonResetConfirm): vscode.Disposable;
  /** For tests: forgets that the quick check was ever started, as on a fresh profile (its status bar item then hides on "auto"). */
  forgetQuickCheckStarted(): Thenable<void>;
  /** For tests: stores a value as the lesson progress unchecked, as a corrupt globalState would hold it. */
  storeRawLessonProgress(value: unknown): Thenable<void>;
  /** Live diagnostics, the workspace scan, setting warnings, the analysis worker (see src/editor). */
  editor: EditorApi;
  /** How long `activate` took, in milliseconds. */
  activationMs: number;
}

// Activation stays light: it registers commands and providers; nothing parses code here.
export function activate(context: vscode.ExtensionContext): IntegrationCoachApi {
  const activationStart = performance.now();
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  // The learner's progress follows them to their other machines (Settings Sync).
  context.globalState.setKeysForSync(SYNCED_GLOBAL_STATE_KEYS);
  const settingSchemas = (context.extension.packageJSON as { contributes: { configuration: { properties: SettingSchemas } } }).contributes.configuration.properties;
  const deps: FeatureDeps & LessonPanelDeps = {
    context, log, progress: new ProgressStore(context.globalState, log), readingPosition: readingPosition(context, log), settings: new SettingsReader(settingSchemas, log),
  };
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(Commands.openLesson, (sectionId?: unknown) =>
      LessonPanel.createOrShow(deps, typeof sectionId === 'string' ? sectionId : undefined),
    ),
    vscode.commands.registerCommand(Commands.createDecisionNote, () =>
      createDecisionNote(context.extensionUri.fsPath, LessonPanel.practiceResult()),
    ),
  );
  // Not disposed on deactivation: the workbench must still find a serializer when it saves the layout
  // on reload, or it drops the lesson tab instead of keeping it for the next session.
  registerLessonSerializer(deps);
  const editor = registerEditorFeatures(deps);
  const quickCheck = registerQuickCheck(deps);
  const lessonReset = registerResetLessonProgress(deps);
  const activationMs = Math.round((performance.now() - activationStart) * 10) / 10;
  log.info(`Integration Coach activated in ${activationMs} ms`);
  return {
    lessonPanel: () => LessonPanel.snapshot(),
    lessonProgress: () => deps.progress.get(),
    practiceResult: () => LessonPanel.practiceResult(),
    quickCheck: () => quickCheck.snapshot(),
    replaceQuickCheckConfirmation: (confirm) => quickCheck.replaceConfirmation(confirm),
    replaceLessonResetConfirmation: (confirm) => lessonReset.replaceConfirmation(confirm),
    storeRawLessonProgress: (value) => deps.progress.storeRaw(value),
    forgetQuickCheckStarted: () => quickCheck.forgetStarted(),
    editor,
    activationMs,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
