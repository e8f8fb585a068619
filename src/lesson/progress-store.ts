// The learner's progress in the lesson, kept in the extension's globalState so it survives closing
// the panel and reloading the window. A stored value of the wrong shape is replaced, never trusted.
import type * as vscode from 'vscode';
import type { LessonProgress } from './messages';

const KEY = 'integrationCoach.lessonProgress.v1';

export function emptyProgress(): LessonProgress {
  return { completed: false, checklist: {}, openedCards: [] };
}

function isProgress(value: unknown): value is LessonProgress {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<LessonProgress>;
  return (
    typeof candidate.completed === 'boolean' &&
    typeof candidate.checklist === 'object' && candidate.checklist !== null &&
    Object.values(candidate.checklist).every((checked) => typeof checked === 'boolean') &&
    Array.isArray(candidate.openedCards) && candidate.openedCards.every((id) => typeof id === 'string')
  );
}

export class ProgressStore {
  private readonly listeners = new Set<(progress: LessonProgress) => void>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get(): LessonProgress {
    const stored = this.state.get<unknown>(KEY);
    if (stored === undefined) return emptyProgress();
    if (isProgress(stored)) return { ...emptyProgress(), ...stored };
    this.log.warn('The stored lesson progress had an unexpected shape; starting from empty progress.');
    return emptyProgress();
  }

  async update(change: (progress: LessonProgress) => LessonProgress): Promise<LessonProgress> {
    const next = change(this.get());
    await this.state.update(KEY, next);
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onDidChange(listener: (progress: LessonProgress) => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
