// Whether the learner ever started the quick check, kept in globalState: the quick check's status bar
// item stays out of the way until then (integrationCoach.statusBar.quickCheck "auto"). Synced like the
// results, so a learner who started it on one machine sees the item on the next.
import type * as vscode from 'vscode';

/** The globalState key of the flag (synced across machines: see src/synced-state.ts). */
export const QUICK_CHECK_STARTED_KEY = 'integrationCoach.quickCheckStarted';

export class QuickCheckStartedFlag {
  constructor(private readonly state: vscode.Memento) {}

  get started(): boolean {
    return this.state.get<unknown>(QUICK_CHECK_STARTED_KEY) === true;
  }

  /** Stores the flag (once: later starts write nothing). */
  async markStarted(): Promise<void> {
    if (!this.started) await this.state.update(QUICK_CHECK_STARTED_KEY, true);
  }

  /** For tests: as on a profile where the quick check never ran. */
  async forget(): Promise<void> {
    await this.state.update(QUICK_CHECK_STARTED_KEY, undefined);
  }
}
