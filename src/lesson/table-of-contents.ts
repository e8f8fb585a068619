// The lesson's table of contents as data: which sections it lists, which one is being read, which are
// completed. Pure (no DOM, no `vscode`): webview/table-of-contents.ts draws it and moves through it.
import type { LessonProgress } from './messages';
import { CHECKLIST_ITEM_IDS, QUESTION_IDS, sectionContaining, type Lesson, type SectionId } from './content-types';

export interface TocEntry {
  readonly id: string;
  readonly title: string;
  /** The section being read: the one in view, or the one holding the item in view. */
  readonly current: boolean;
  /** The section's own task is done (see COMPLETION). */
  readonly completed: boolean;
}

/**
 * The sections that ask the reader to do something, and when that is done, from the progress the panel
 * already keeps. Other sections are read, not completed, and never carry a ✓.
 */
type Completion = (progress: LessonProgress) => boolean;
const COMPLETION = new Map<string, Completion>(Object.entries({
  progress: (progress) => progress.completed,
  'verification-checklist': (progress) => CHECKLIST_ITEM_IDS.every((id) => progress.checklist[id] === true),
  'check-yourself': (progress) => QUESTION_IDS.every((id) => progress.openedCards.includes(id)),
} satisfies Partial<Record<SectionId, Completion>>));

/** Every section in reading order; `inView` may name a section or an item (a mistake, a question). */
export function tableOfContents(lesson: Lesson, progress: LessonProgress, inView: string | undefined): TocEntry[] {
  const currentId = inView === undefined ? undefined : sectionContaining(lesson, inView)?.id;
  return lesson.sections.map((section) => ({
    id: section.id,
    title: section.title,
    current: section.id === currentId,
    completed: COMPLETION.get(section.id)?.(progress) ?? false,
  }));
}

/** Keys that move through the table of contents, and where each one goes from `index` among `count`. */
export function movedIndex(key: string, index: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowDown': return Math.min(index + 1, count - 1);
    case 'ArrowUp': return Math.max(index - 1, 0);
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return undefined;
  }
}
