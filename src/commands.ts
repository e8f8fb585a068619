// Every command id of the extension, in one place. package.json contributes the same ids;
// a unit test keeps the two lists in step.
export const Commands = {
  openLesson: 'integrationCoach.openLesson',
  resetLessonProgress: 'integrationCoach.resetLessonProgress',
  quickCheck: 'integrationCoach.quickCheck',
  resetQuickCheck: 'integrationCoach.resetQuickCheck',
  scanWorkspace: 'integrationCoach.scanWorkspace',
  openSample: 'integrationCoach.openSample',
  createDecisionNote: 'integrationCoach.createDecisionNote',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** The webview panel's view type, also named in package.json's `onWebviewPanel:` activation event. */
export const LESSON_VIEW_TYPE = 'integrationCoach.lesson';

export const OUTPUT_CHANNEL_NAME = 'Integration Coach';

/** The diagnostics' `source`, shown in the Problems panel. */
export const DIAGNOSTIC_SOURCE = 'Integration Coach';

/**
 * Set by `npm start` (test/harness/start-dev.ts) to the workspace-relative path of the file its first screen
 * shows with the lesson beside it; read by the extension in development mode only (src/editor/first-screen.ts).
 */
export const FIRST_SCREEN_ENV = 'INTEGRATION_COACH_FIRST_SCREEN';
