// The messages between the lesson webview and the extension, and their checks. Both sides import
// this file; the validators are ajv code generated at build time from messages.schema.json.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { lazy } from '../shared/lazy';
import type { Lesson } from './content-types';

// The generated validators are large: they load on the first message, not when the extension activates.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require (see shared/lazy.ts)
const validators = lazy(() => require('@generated/validators') as typeof import('@generated/validators'));

/** What the panel shows as the learner's progress; persisted by the extension in globalState. */
export interface LessonProgress {
  completed: boolean;
  /** Checklist item id → checked. */
  checklist: Record<string, boolean>;
  /** Question ids whose "Check yourself" card the learner has opened. */
  openedCards: string[];
  /** Question id → whether the last quick-check answer was right (absent: never answered). */
  quiz?: Record<string, boolean>;
}

/** The simulator's figures, as the practice view reports them (the decision note quotes them). */
export interface PracticeSummary {
  peakAmplification: number;
  recoverySeconds: number | null;
  lost: number;
  duplicates: number;
  totalRequests: number;
  succeeded: number;
  failed: number;
}

export interface PracticeResult {
  preset: 'retry-storm' | 'capped-jitter' | 'queue' | 'custom';
  summary: PracticeSummary;
  sentences: string[];
}

export type ToExtension =
  | { type: 'ready' }
  | { type: 'setCompleted'; completed: boolean }
  | { type: 'setChecklistItem'; itemId: string; checked: boolean }
  | { type: 'openCard'; questionId: string }
  | { type: 'sectionInView'; sectionId: string }
  | ({ type: 'practiceResult' } & PracticeResult);

export type ToWebview =
  /** focusSection: scroll there and highlight it; restoreSection: where the reader was before a reload. */
  | { type: 'init'; lesson: Lesson; progress: LessonProgress; focusSection?: string; restoreSection?: string }
  | { type: 'loadError'; errors: string[] }
  | { type: 'progress'; progress: LessonProgress }
  | { type: 'reveal'; sectionId: string };

/** A failed check names the place and the broken rule: `keyword` is the JSON Schema keyword, e.g. `maxItems`. */
export type Checked<T> = { ok: true; message: T } | { ok: false; error: string; keyword?: string };

function failure(error: ErrorObject | undefined, where: string): { ok: false; error: string; keyword?: string } {
  return { ok: false, error: `${where} ${error?.message ?? 'is invalid'}`, ...(error ? { keyword: error.keyword } : {}) };
}

function check<T>(validate: ValidateFunction, data: unknown): Checked<T> {
  if (validate(data)) return { ok: true, message: data as T };
  const [first] = validate.errors ?? [];
  return failure(first, first?.instancePath || '(message)');
}

/** Checks a message that claims to come from the webview. */
export function checkToExtension(data: unknown): Checked<ToExtension> {
  return check<ToExtension>(validators().validateToExtension, data);
}

/** Checks a message that claims to come from the extension. */
export function checkToWebview(data: unknown): Checked<ToWebview> {
  return check<ToWebview>(validators().validateToWebview, data);
}

const PROGRESS_PATH = '/progress';

/**
 * Checks stored progress against the schema of the `progress` message, the one definition of its shape.
 * The error names the place inside the progress (`/checklist/Bad` rather than `/progress/checklist/Bad`).
 */
export function checkProgress(progress: unknown): Checked<LessonProgress> {
  const validate = validators().validateToWebview;
  if (validate({ type: 'progress', progress })) return { ok: true, message: progress as LessonProgress };
  // The message schema is a oneOf: only the `progress` branch reports errors under /progress.
  const error = validate.errors?.find(({ instancePath }) => instancePath === PROGRESS_PATH || instancePath.startsWith(`${PROGRESS_PATH}/`));
  return failure(error, error?.instancePath.slice(PROGRESS_PATH.length) || '(progress)');
}
