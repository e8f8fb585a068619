// "Integration Coach: Reset Lesson Progress": after a modal confirmation, forgets completion, checklist
// and opened cards. An open panel shows the change at once (the store tells it). It is also the way out
// when stored progress is broken beyond what the repair keeps.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { FeatureDeps } from '../features';
import type { QuickCheckConfirm } from '../quiz/quick-check';
import type { LessonProgress } from './messages';

const RESET_BUTTON = 'Reset';

/** Asks the learner to confirm, as vscode.window.showWarningMessage with `modal: true` does. */
export type LessonResetConfirm = QuickCheckConfirm;

export interface LessonResetHandle {
  /** For tests: answers the confirmation instead of the modal dialog (see QuickCheckHandle.replaceConfirmation). */
  replaceConfirmation(confirm: LessonResetConfirm): vscode.Disposable;
}

function describe(progress: LessonProgress): string {
  const checked = Object.values(progress.checklist).filter(Boolean).length;
  return `This unmarks the module as complete${progress.completed ? '' : ' (it is not marked)'}, unticks ${checked} checklist item(s) and forgets ` +
    `${progress.openedCards.length} opened card(s). Your quick check results stay (Reset Quick Check Progress clears those).`;
}

export function registerResetLessonProgress(deps: FeatureDeps): LessonResetHandle {
  let confirm: LessonResetConfirm = (message, options, ...buttons) => vscode.window.showWarningMessage(message, options, ...buttons);
  const confirmReset = async (): Promise<void> => {
    let choice: string | undefined;
    try {
      choice = await confirm('Reset your lesson progress?', { modal: true, detail: describe(deps.progress.get()) }, RESET_BUTTON);
    } catch (error) {
      // A dialog that cannot be shown is no confirmation.
      deps.log.warn(`The reset confirmation could not be shown, so nothing was reset: ${String(error)}`);
      return;
    }
    if (choice !== RESET_BUTTON) return;
    await deps.progress.reset();
    deps.log.info('Lesson progress reset.');
  };
  deps.context.subscriptions.push(vscode.commands.registerCommand(Commands.resetLessonProgress, confirmReset));
  return {
    replaceConfirmation(replacement) {
      const original = confirm;
      confirm = replacement;
      return { dispose: () => (confirm = original) };
    },
  };
}
