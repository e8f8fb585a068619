// The learner's progress in the lesson, kept in the extension's globalState so it survives closing
// the panel and reloading the window. A stored value is read through the message schema and repaired
// (see progress-repair.ts); what was dropped is logged once, and stays stored until the next change.
import type * as vscode from 'vscode';
import type { LessonProgress } from './messages';
import { emptyProgress, repairProgress } from './progress-repair';

/** The globalState key of the lesson progress (synced across machines: see src/synced-state.ts). */
export const LESSON_PROGRESS_KEY = 'integrationCoach.lessonProgress.v1';

export class ProgressStore {
  private readonly listeners = new Set<(progress: LessonProgress) => void>();
  /** The last stored value read and its repair: the log names a corrupt value once, not at every read. */
  private lastRead: { stored: unknown; progress: LessonProgress } | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get(): LessonProgress {
    const stored = this.state.get<unknown>(LESSON_PROGRESS_KEY);
    if (this.lastRead && this.lastRead.stored === stored) return this.lastRead.progress;
    const { progress, dropped } = repairProgress(stored);
    if (dropped.length > 0) {
      this.log.warn(`The stored lesson progress had parts that do not fit its schema; they are left out (and replaced at the next change):\n  ${dropped.join('\n  ')}`);
    }
    this.lastRead = { stored, progress };
    return progress;
  }

  async update(change: (progress: LessonProgress) => LessonProgress): Promise<LessonProgress> {
    return this.store(change(this.get()));
  }

  /** Forgets completion, checklist and opened cards; the quick check's marks are its own (see quiz-results-store.ts). */
  async reset(): Promise<LessonProgress> {
    const { quiz } = this.get();
    return this.store({ ...emptyProgress(), ...(quiz ? { quiz } : {}) });
  }

  /**
   * For tests: stores a value as it is, bypassing every check, as a corrupt or foreign globalState would
   * hold it. Listeners are not told: they learn it on their next read, as after a restart.
   */
  async storeRaw(value: unknown): Promise<void> {
    await this.state.update(LESSON_PROGRESS_KEY, value);
  }

  onDidChange(listener: (progress: LessonProgress) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private async store(next: LessonProgress): Promise<LessonProgress> {
    await this.state.update(LESSON_PROGRESS_KEY, next);
    for (const listener of this.listeners) listener(next);
    return next;
  }
}
