// The globalState keys that follow the learner across machines through Settings Sync: the lesson progress,
// the quick check's results and whether it was ever started. Each key is defined once, beside the store that
// writes it; this list only gathers them (a unit test checks that every key the stores write is here).
import { LESSON_PROGRESS_KEY } from './lesson/progress-store';
import { QUICK_CHECK_STARTED_KEY } from './quiz/quick-check-started';
import { QUIZ_RESULTS_KEY } from './quiz/quiz-state';

export const SYNCED_GLOBAL_STATE_KEYS: readonly string[] = [LESSON_PROGRESS_KEY, QUIZ_RESULTS_KEY, QUICK_CHECK_STARTED_KEY];
