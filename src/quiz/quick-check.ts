// The quick check in a QuickPick: a view over quiz-logic.ts. quick-check-view.ts decides what each step
// shows; this file owns the QuickPick, the commands, the status bar item and the notifications. The status
// bar item shows as integrationCoach.statusBar.quickCheck says ("auto": once the quick check was started).
import * as vscode from 'vscode';
import { Commands } from '../commands';
import type { FeatureDeps } from '../features';
import { QUESTION_IDS, getSection, loadLesson, sectionTitle, type Lesson, type QuizQuestion } from '../lesson/content';
import {
  answer, current, endEarly, isFinished, masteredCount, retryMissed, startSession, statusText, summary,
  type AnswerFeedback, type QuizOption, type QuizResults, type QuizSession,
} from './quiz-logic';
import { statusBarSettingId } from '../editor/settings';
import { statusBarItemShown } from '../editor/status-bar-mode';
import { QuickCheckStartedFlag } from './quick-check-started';
import { QuizResultsStore } from './quiz-results-store';
import {
  QUIZ_SECTION_ID, endedEarlyMessage, feedbackScreen, pausedMessage, questionScreen, retryMissedLabel, summaryScreen,
  type QuickCheckAction, type Screen, type ScreenStep, type SectionTitleOf,
} from './quick-check-view';

/** What the extension's API shows of the quick check, for tests and automation. */
export interface QuickCheckSnapshot {
  /** The QuickPick is open. */
  active: boolean;
  /** "Open lesson" paused a session; running the quick check resumes it. */
  paused: boolean;
  step?: ScreenStep;
  title?: string;
  placeholder?: string;
  /** The labels of the rows, as the QuickPick shows them (separators left out). */
  items?: string[];
  /** The same rows with the line under the label, where there is one. */
  rows?: { label: string; detail?: string }[];
  /** The question on screen (asked, or just answered). */
  questionId?: string;
  /** The session's questions in asking order. */
  askedIds?: string[];
  /** The stored results, as read from globalState. */
  results: QuizResults;
  statusBar: { text: string; tooltip: string; visible: boolean };
  /** The last notification the quick check showed (ended early, paused). */
  lastNotice?: string;
}

/** Asks the learner to confirm, as vscode.window.showWarningMessage with `modal: true` does. */
export type QuickCheckConfirm = (message: string, options: vscode.MessageOptions, ...buttons: string[]) => Thenable<string | undefined>;

export interface QuickCheckHandle {
  snapshot(): QuickCheckSnapshot;
  /**
   * For tests: VS Code refuses to show modal dialogs while it runs extension tests ("DialogService:
   * refused to show dialog in tests"), so a test answers the reset confirmation through this instead.
   * Disposing the result puts the real dialog back.
   */
  replaceConfirmation(confirm: QuickCheckConfirm): vscode.Disposable;
  /** For tests: forgets that the quick check was ever started (see QuickCheckStartedFlag.forget). */
  forgetStarted(): Promise<void>;
}

const OPEN_LESSON_BUTTON = 'Open lesson';
const RESET_BUTTON = 'Reset';

export function registerQuickCheck(deps: FeatureDeps): QuickCheckHandle {
  const quickCheck = new QuickCheck(deps);
  deps.context.subscriptions.push(quickCheck);
  return quickCheck;
}

// ---------------------------------------------------------------------------------------------
// One run of the QuickPick.

type Step =
  | { readonly kind: 'question' }
  | { readonly kind: 'feedback'; readonly feedback: AnswerFeedback; readonly chosen: QuizOption; readonly question: QuizQuestion }
  | { readonly kind: 'summary' };

/** Everything a run needs to be shown again: what "Open lesson" pauses and running the check resumes. */
interface RunState {
  readonly session: QuizSession;
  /** Retrying the missed questions of an earlier session. */
  readonly retrying: boolean;
  readonly step: Step;
}

/** What a run asks of the feature around it. */
interface RunHost {
  readonly questions: readonly QuizQuestion[];
  readonly sectionTitleOf: SectionTitleOf;
  masteredText(): string;
  recordAnswer(feedback: AnswerFeedback): void;
  openLesson(sectionId: string): void;
  paused(state: RunState): void;
  /** Escape (or another quick input taking the place) while questions were left: the session ended early. */
  endedEarly(session: QuizSession): void;
  closed(run: QuickCheckRun): void;
}

interface RowItem extends vscode.QuickPickItem {
  readonly action: QuickCheckAction;
}

class QuickCheckRun implements vscode.Disposable {
  private readonly pick = vscode.window.createQuickPick<RowItem>();
  private screen: Screen | undefined;
  /** Set when the run hides the QuickPick itself, so onDidHide can tell that from Escape. */
  private hiding: 'pause' | 'close' | undefined;

  constructor(
    private state: RunState,
    private readonly host: RunHost,
  ) {
    // Focus moving elsewhere (a click in the editor) must not end the check; Escape does.
    this.pick.ignoreFocusOut = true;
    this.pick.onDidAccept(() => this.accept());
    this.pick.onDidHide(() => this.hidden());
    this.render();
    this.pick.show();
  }

  show(): void {
    this.pick.show();
  }

  current(): { state: RunState; screen: Screen | undefined } {
    return { state: this.state, screen: this.screen };
  }

  dispose(): void {
    this.hiding ??= 'close';
    this.pick.dispose();
  }

  private render(): void {
    const screen = this.screenFor(this.state);
    const items = screen.rows.map((row): RowItem => ({
      label: row.label,
      description: row.description,
      detail: row.detail,
      kind: row.separator ? vscode.QuickPickItemKind.Separator : vscode.QuickPickItemKind.Default,
      action: row.action,
    }));
    this.screen = screen;
    // The filter text of the last step would hide the new rows.
    this.pick.value = '';
    this.pick.title = screen.title;
    this.pick.placeholder = screen.placeholder;
    this.pick.items = items;
    this.pick.activeItems = [items[screen.activeIndex]];
  }

  private screenFor({ session, retrying, step }: RunState): Screen {
    switch (step.kind) {
      case 'question':
        return questionScreen(session, retrying);
      case 'feedback':
        return feedbackScreen(session, step.feedback, step.chosen, step.question, retrying, this.host.sectionTitleOf);
      case 'summary':
        return summaryScreen(session, retrying, this.host.masteredText(), this.host.sectionTitleOf);
    }
  }

  private accept(): void {
    const item = this.pick.selectedItems[0] ?? this.pick.activeItems[0];
    if (item !== undefined) this.perform(item.action);
  }

  private perform(action: QuickCheckAction): void {
    switch (action.kind) {
      case 'answer':
        return this.answer(action.optionId);
      case 'next':
        return this.go({ ...this.state, step: isFinished(this.state.session) ? { kind: 'summary' } : { kind: 'question' } });
      case 'retryMissed':
        return this.go({ session: retryMissed(this.host.questions, this.state.session), retrying: true, step: { kind: 'question' } });
      case 'restart':
        return this.go({ session: startSession(this.host.questions), retrying: false, step: { kind: 'question' } });
      case 'openLesson':
        if (action.pause) this.host.paused(this.state);
        this.hide(action.pause ? 'pause' : 'close');
        return this.host.openLesson(action.sectionId);
      case 'close':
        return this.hide('close');
      case 'none':
        // A row of text: there is nothing to do, but a filter typed before Enter should not linger.
        this.pick.value = '';
        return;
    }
  }

  private answer(optionId: string): void {
    const asked = current(this.state.session);
    const chosen = asked?.options.find((option) => option.id === optionId);
    if (asked === undefined || chosen === undefined) return;
    const { session, feedback } = answer(this.state.session, optionId);
    // Shown first, stored after: the learner sees the result at once; the store queues its writes.
    this.go({ ...this.state, session, step: { kind: 'feedback', feedback, chosen, question: asked.question } });
    this.host.recordAnswer(feedback);
  }

  private go(state: RunState): void {
    this.state = state;
    this.render();
  }

  private hide(reason: 'pause' | 'close'): void {
    this.hiding = reason;
    this.pick.hide();
  }

  private hidden(): void {
    // Answers are stored as they are given, so ending early only has to tell the learner where they stand.
    if (this.hiding === undefined && this.state.step.kind !== 'summary') this.host.endedEarly(endEarly(this.state.session));
    this.pick.dispose();
    this.host.closed(this);
  }
}

// ---------------------------------------------------------------------------------------------
// The feature: commands, status bar, notifications.

class QuickCheck implements QuickCheckHandle, vscode.Disposable {
  private readonly store: QuizResultsStore;
  private readonly startedFlag: QuickCheckStartedFlag;
  private statusBarVisible = false;
  private readonly statusBar = vscode.window.createStatusBarItem('integrationCoach.quickCheckStatus', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private run: QuickCheckRun | undefined;
  private pausedState: RunState | undefined;
  private lastNotice: string | undefined;
  private confirm: QuickCheckConfirm = (message, options, ...buttons) => vscode.window.showWarningMessage(message, options, ...buttons);

  constructor(private readonly deps: FeatureDeps) {
    this.store = new QuizResultsStore(deps.context.globalState, deps.progress, deps.log);
    this.startedFlag = new QuickCheckStartedFlag(deps.context.globalState);
    this.statusBar.name = 'Integration Coach Quick Check';
    this.statusBar.command = Commands.quickCheck;
    this.disposables.push(
      this.statusBar,
      vscode.commands.registerCommand(Commands.quickCheck, () => this.start()),
      vscode.commands.registerCommand(Commands.resetQuickCheck, () => this.confirmReset()),
      this.store.onDidChange(() => this.updateStatusBar()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(statusBarSettingId('quickCheck'))) this.updateStatusBar();
      }),
    );
    this.updateStatusBar();
    void this.store.syncProgress();
  }

  snapshot(): QuickCheckSnapshot {
    const shown = this.run?.current() ?? (this.pausedState ? { state: this.pausedState, screen: undefined } : undefined);
    const state = shown?.state;
    const screen = shown?.screen;
    return {
      active: this.run !== undefined,
      paused: this.pausedState !== undefined,
      step: screen?.step,
      title: screen?.title,
      placeholder: screen?.placeholder,
      items: screen?.rows.filter((row) => !row.separator).map((row) => row.label),
      rows: screen?.rows.filter((row) => !row.separator).map(({ label, detail }) => ({ label, ...(detail === undefined ? {} : { detail }) })),
      questionId: state === undefined ? undefined : questionOnScreen(state),
      askedIds: state?.session.questions.map((asked) => asked.question.id),
      results: this.store.get(),
      statusBar: { text: this.statusBar.text, tooltip: String(this.statusBar.tooltip ?? ''), visible: this.statusBarVisible },
      lastNotice: this.lastNotice,
    };
  }

  replaceConfirmation(confirm: QuickCheckConfirm): vscode.Disposable {
    const original = this.confirm;
    this.confirm = confirm;
    return { dispose: () => (this.confirm = original) };
  }

  async forgetStarted(): Promise<void> {
    await this.startedFlag.forget();
    this.updateStatusBar();
  }

  dispose(): void {
    this.run?.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  /** The quick check command: shows the open run, resumes a paused one, or starts a fresh one. */
  private start(): void {
    if (this.run !== undefined) return this.run.show();
    this.startedFlag.markStarted().then(() => this.updateStatusBar(), (error: unknown) => this.deps.log.error(`Storing that the quick check started failed: ${String(error)}`));
    const paused = this.pausedState;
    this.pausedState = undefined;
    this.open((questions) => paused ?? { session: startSession(questions), retrying: false, step: { kind: 'question' } });
  }

  /** Opens a run in the state `stateFor` gives; nothing (after an error message) when the lesson cannot be read. */
  private open(stateFor: (questions: readonly QuizQuestion[]) => RunState): void {
    const lesson = this.lesson();
    if (lesson === undefined) return;
    const host = this.host(lesson);
    this.run = new QuickCheckRun(stateFor(host.questions), host);
    this.updateStatusBar();
  }

  /** The run's view of the feature. */
  private host(lesson: Lesson): RunHost {
    return {
      questions: questionsOf(lesson),
      sectionTitleOf: (id) => sectionTitle(lesson, id) ?? id,
      masteredText: () => `Mastered overall: ${masteredCount(this.store.get())} of ${QUESTION_IDS.length}`,
      recordAnswer: (feedback) => void this.store.record([{ questionId: feedback.questionId, correct: feedback.correct }]),
      openLesson: (sectionId) => void vscode.commands.executeCommand(Commands.openLesson, sectionId),
      paused: (state) => this.pause(state),
      endedEarly: (session) => void this.reportEnd(session),
      closed: (run) => {
        if (this.run === run) this.run = undefined;
        this.updateStatusBar();
      },
    };
  }

  private lesson(): Lesson | undefined {
    const loaded = loadLesson(this.deps.context.extensionUri.fsPath);
    if (loaded.ok) return loaded.lesson;
    this.deps.log.error(`The quick check cannot start, the lesson content is invalid:\n  ${loaded.errors.join('\n  ')}`);
    void vscode.window.showErrorMessage('Integration Coach: the quick check cannot start because the lesson content is invalid. See the Integration Coach log.');
    return undefined;
  }

  /** No button: a notification without one hides by itself, so it does not linger once the learner goes on. */
  private pause(state: RunState): void {
    this.pausedState = state;
    void this.notify(pausedMessage(state.session), []);
  }

  /** After Escape: the score so far, with "Retry missed (n)" and "Open lesson". */
  private async reportEnd(session: QuizSession): Promise<void> {
    const message = endedEarlyMessage(session);
    if (message === undefined) return;
    const missedIds = summary(session).missedIds;
    const retry = missedIds.length > 0 ? retryMissedLabel(missedIds.length) : undefined;
    const choice = await this.notify(message, [...(retry ? [retry] : []), OPEN_LESSON_BUTTON]);
    if (choice === undefined || this.run !== undefined) return;
    if (choice === retry) {
      this.pausedState = undefined;
      this.open((questions) => ({ session: retryMissed(questions, session), retrying: true, step: { kind: 'question' } }));
    } else {
      // The first missed question's section teaches what went wrong; with nothing missed, the quiz cards.
      const firstMissed = session.questions.find((asked) => asked.question.id === missedIds[0]);
      void vscode.commands.executeCommand(Commands.openLesson, firstMissed?.question.sectionId ?? QUIZ_SECTION_ID);
    }
  }

  private notify(message: string, buttons: string[]): Thenable<string | undefined> {
    this.lastNotice = message;
    this.deps.log.info(message);
    return vscode.window.showInformationMessage(message, ...buttons);
  }

  private async confirmReset(): Promise<void> {
    const results = this.store.get();
    const answered = Object.keys(results.results).length;
    if (answered === 0) {
      void vscode.window.showInformationMessage('There is no quick check progress to reset.');
      return;
    }
    const detail = `This forgets your answers to ${answered} of ${QUESTION_IDS.length} questions (${masteredCount(results)} mastered) and the "Mastered" marks in the lesson.`;
    let choice: string | undefined;
    try {
      choice = await this.confirm('Reset your quick check progress?', { modal: true, detail }, RESET_BUTTON);
    } catch (error) {
      // A dialog that cannot be shown is no confirmation.
      this.deps.log.warn(`The reset confirmation could not be shown, so nothing was reset: ${String(error)}`);
      return;
    }
    if (choice !== RESET_BUTTON) return;
    await this.store.reset();
    this.deps.log.info('Quick check progress reset.');
  }

  private updateStatusBar(): void {
    const results = this.store.get();
    const total = QUESTION_IDS.length;
    const paused = this.pausedState !== undefined && this.run === undefined;
    this.statusBar.text = `$(mortar-board) ${statusText(results, total)}${paused ? ' $(debug-pause)' : ''}`;
    this.statusBar.tooltip =
      `Integration and APIs: ${masteredCount(results)} of ${total} quick check questions mastered (your last answer was right). ` +
      (paused ? 'Paused: click to go on.' : 'Click to run the quick check.');
    this.statusBar.accessibilityInformation = { label: this.statusBar.tooltip };
    // A run on screen or paused counts as started even before the flag is stored.
    const started = this.startedFlag.started || this.run !== undefined || this.pausedState !== undefined;
    this.statusBarVisible = statusBarItemShown(this.deps.settings.statusBarMode('quickCheck'), started);
    if (this.statusBarVisible) this.statusBar.show();
    else this.statusBar.hide();
  }
}

function questionsOf(lesson: Lesson): readonly QuizQuestion[] {
  return getSection(lesson, 'check-yourself').questions;
}

/** The question the learner is looking at: the one asked, or the one just answered. */
function questionOnScreen({ session, step }: RunState): string | undefined {
  if (step.kind === 'feedback') return step.feedback.questionId;
  if (step.kind === 'question') return current(session)?.question.id;
  return undefined;
}
