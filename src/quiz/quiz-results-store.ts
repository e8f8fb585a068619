// The quick check's results in globalState (QUIZ_RESULTS_KEY), the one place that reads and writes them.
// Every change is mirrored into the lesson progress (`quiz`: question id → last answer right), so an
// open lesson panel marks the mastered cards at once. `vscode` is only a type here: tests pass a fake Memento.

import type * as vscode from 'vscode';
import { QUESTION_IDS } from '../lesson/content-types';
import type { LessonProgress } from '../lesson/messages';
import type { ProgressStore } from '../lesson/progress-store';
import { QUIZ_RESULTS_KEY, emptyResults, parseStoredResults, recordAnswers, type AnsweredQuestion, type QuizResults } from './quiz-logic';

/** What the lesson panel shows for the quiz: question id → whether the last answer was right. */
export function quizProgress(results: QuizResults): Record<string, boolean> {
  return Object.fromEntries(Object.entries(results.results).map(([id, result]) => [id, result.correct]));
}

/** Whether the lesson progress already shows these results (an absent `quiz` is the same as none answered). */
export function progressShows(progress: LessonProgress, results: QuizResults): boolean {
  const shown = progress.quiz ?? {};
  const wanted = quizProgress(results);
  const ids = new Set([...Object.keys(shown), ...Object.keys(wanted)]);
  return [...ids].every((id) => shown[id] === wanted[id]);
}

export class QuizResultsStore {
  private readonly listeners = new Set<(results: QuizResults) => void>();
  /** Writes run one after another, so two quick answers cannot overwrite each other's result. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly state: vscode.Memento,
    private readonly progress: ProgressStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * The stored results, parsed. An old, broken or foreign value is migrated or reset by
   * parseStoredResults; the note is logged and the repaired value written back, so it is noted once.
   */
  get(): QuizResults {
    const parsed = parseStoredResults(this.state.get<unknown>(QUIZ_RESULTS_KEY), QUESTION_IDS);
    if (parsed.note !== undefined) {
      this.log.warn(parsed.note);
      // Not queued: Memento.update takes the value at once, so a write queued behind this read (say,
      // the answer being recorded) still lands last.
      this.state.update(QUIZ_RESULTS_KEY, parsed.results).then(undefined, (error: unknown) =>
        this.log.error(`Writing back the repaired quick check results failed: ${String(error)}`));
    }
    return parsed.results;
  }

  /** Adds answers (the latest answer to a question replaces the earlier one) and stores them. */
  record(answers: readonly AnsweredQuestion[]): Promise<QuizResults> {
    return this.enqueue(() => this.save(recordAnswers(this.get(), answers, this.clock())));
  }

  /** Forgets every answer. */
  reset(): Promise<QuizResults> {
    return this.enqueue(() => this.save(emptyResults()));
  }

  /** Brings the lesson progress in step with the stored results, e.g. after an older build left them apart. */
  syncProgress(): Promise<void> {
    return this.enqueue(async () => {
      const results = this.get();
      if (!progressShows(this.progress.get(), results)) await this.showInProgress(results);
    });
  }

  onDidChange(listener: (results: QuizResults) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private async save(results: QuizResults): Promise<QuizResults> {
    await this.state.update(QUIZ_RESULTS_KEY, results);
    await this.showInProgress(results);
    for (const listener of this.listeners) listener(results);
    return results;
  }

  private async showInProgress(results: QuizResults): Promise<void> {
    await this.progress.update((progress) => ({ ...progress, quiz: quizProgress(results) }));
  }

  private enqueue<T>(work: () => PromiseLike<T> | T): Promise<T> {
    const next = this.writes.then(work);
    // A failed write is logged, and must not stop the writes queued after it.
    this.writes = next.catch((error: unknown) => this.log.error(`Storing the quick check results failed: ${String(error)}`));
    return next;
  }
}
