// The lesson panel's tab icon, one file per theme kind: a single grey cannot stand out on both light and
// dark tab backgrounds (test/unit/lesson/tab-icon.test.ts measures the contrast). Paths relative to the extension.
export const LESSON_TAB_ICON = {
  light: ['media', 'lesson-icon-light.svg'],
  dark: ['media', 'lesson-icon-dark.svg'],
} as const;
