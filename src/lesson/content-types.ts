// The lesson content's types, its fixed ids, and pure helpers over a validated lesson.
// No `vscode`, `fs` or ajv here: the webview bundle can import this file as it is.
// The types are written by hand to match content/lesson.schema.json; change both together.

import type { RuleId } from '../analysis/types';
import { RULE_IDS } from '../analysis/rules/catalog';

/** Where the content and its schema live, relative to the extension's root folder. */
export const LESSON_CONTENT_PATH = 'content/integration-and-apis.json';
export const LESSON_SCHEMA_PATH = 'content/lesson.schema.json';

export const LESSON_ID = 'integration-and-apis';
export const LESSON_SCHEMA_VERSION = 1;

export const SECTION_KINDS = [
  'header',
  'navigation',
  'progress',
  'prose',
  'list',
  'diagram-paths',
  'worked-example',
  'mistakes',
  'checklist',
  'mental-model',
  'terms',
  'quiz',
  'artefact',
  'practice',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** Every section of the module, in reading order, with the kind its content must have. Code refers to these ids. */
export const SECTION_KIND_BY_ID = {
  'module-header': 'header',
  'module-navigation': 'navigation',
  progress: 'progress',
  'why-this-matters': 'prose',
  'learning-outcomes': 'list',
  'before-you-begin': 'list',
  'common-misconceptions': 'list',
  'main-idea': 'diagram-paths',
  'worked-example-retry-storm': 'worked-example',
  'common-mistakes': 'mistakes',
  'verification-checklist': 'checklist',
  'reflection-prompt': 'prose',
  'mental-model': 'mental-model',
  assumptions: 'list',
  'failure-modes': 'list',
  'key-terms': 'terms',
  'check-yourself': 'quiz',
  'artefact-and-reflection': 'artefact',
  'optional-practice': 'practice',
} as const satisfies Record<string, SectionKind>;
export type SectionId = keyof typeof SECTION_KIND_BY_ID;
export const SECTION_IDS = Object.keys(SECTION_KIND_BY_ID) as SectionId[];

export const MISTAKE_IDS = ['mistake-unbounded-retries', 'mistake-missing-idempotency', 'mistake-no-contract-versioning'] as const;
export type MistakeId = (typeof MISTAKE_IDS)[number];

export const CHECKLIST_ITEM_IDS = [
  'check-timeout-retry-budgets',
  'check-idempotent-retry-paths',
  'check-error-semantics',
  'check-version-event-schemas',
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];

export const QUESTION_IDS = [
  'q-sync-risk',
  'q-why-async',
  'q-backward-compat',
  'q-retry-storm',
  'q-why-version',
  'q-message-queue',
  'q-contract-defines',
] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

/** Item ids each section must contain (lint warnings, links and the quick check refer to them). */
export const REQUIRED_ITEM_IDS = {
  'common-mistakes': MISTAKE_IDS,
  'verification-checklist': CHECKLIST_ITEM_IDS,
  'check-yourself': QUESTION_IDS,
} as const satisfies Partial<Record<SectionId, readonly string[]>>;

/**
 * The lint rules the lesson teaches, from the rule catalog (the rule catalog imports nothing, so the
 * webview can load it); `ruleSections` has one entry for each, and the schema lists the same ids
 * (test/unit/analysis/rules/catalog.test.ts checks it).
 */
export { RULE_IDS };
export type LessonRuleId = RuleId;

// ---------------------------------------------------------------------------------------------
// The content. Every text field is plain text (never HTML). Fields documented as "editorial" are
// additions to the module's own words, written for this product.

export interface Lesson {
  readonly $schema?: string;
  readonly schemaVersion: typeof LESSON_SCHEMA_VERSION;
  readonly id: string;
  readonly title: string;
  /** In reading order. Every id in the document (sections, items, nodes, examples) is unique. */
  readonly sections: readonly Section[];
  readonly ruleSections: Readonly<Record<LessonRuleId, RuleSection>>;
}

export interface RuleSection {
  /** A section or item id of the lesson (see `allSectionIds`). */
  readonly sectionId: string;
  /** Two lines of plain text for an editor hover. */
  readonly excerpt: readonly [string, string];
}

interface SectionBase<K extends SectionKind> {
  readonly id: string;
  readonly kind: K;
  readonly title: string;
}

export interface HeaderSection extends SectionBase<'header'> {
  /** The small line above the title ("Applied · Module 2"). */
  readonly eyebrow: string;
  readonly tagline: string;
}

/** The module this extension teaches, as the course's navigation names it. */
export interface ModuleSummary {
  /** "This module". */
  readonly label: string;
  readonly title: string;
  readonly summary: string;
}

export interface NavigationSection extends SectionBase<'navigation'> {
  readonly module: ModuleSummary;
}

export interface ProgressSection extends SectionBase<'progress'> {
  readonly text: string;
}

export interface ProseSection extends SectionBase<'prose'> {
  readonly paragraphs: readonly string[];
}

export interface ListItem {
  /** A bold lead-in without its full stop: render as "<lead>. <text>". */
  readonly lead?: string;
  readonly text: string;
}

export interface ListSection extends SectionBase<'list'> {
  readonly ordered: boolean;
  readonly items: readonly ListItem[];
}

export interface DiagramNode {
  readonly id: string;
  readonly role: 'client' | 'service' | 'queue' | 'consumer';
  readonly label: string;
}

export interface DiagramEdge {
  /** Node ids of the same lane. */
  readonly from: string;
  readonly to: string;
  /** `blocking`: the caller waits for the answer; `message`: the sender does not wait. */
  readonly style: 'blocking' | 'message';
  /** Editorial: a short arrow label. */
  readonly label?: string;
}

/** One path through the system, drawn left to right. */
export interface DiagramLane {
  readonly id: string;
  readonly mode: 'sync' | 'async';
  readonly label: string;
  /** Editorial: one line on how the path behaves. */
  readonly note?: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** A numbered callout ("Stage 1") on one node. */
export interface DiagramStage {
  readonly number: number;
  readonly nodeId: string;
  readonly title: string;
  readonly text: string;
}

export interface PathsDiagram {
  readonly title: string;
  readonly caption: string;
  readonly lanes: readonly DiagramLane[];
  readonly stages: readonly DiagramStage[];
}

export interface DiagramPathsSection extends SectionBase<'diagram-paths'> {
  readonly diagram: PathsDiagram;
  /** A first-person remark ("I think …") set apart from the main text. */
  readonly aside: { readonly text: string };
  readonly paragraphs: readonly string[];
}

export interface WorkedExampleSection extends SectionBase<'worked-example'> {
  readonly paragraphs: readonly string[];
}

/**
 * Editorial: a short worked example. The lint rules run over it: for a `bad` example every rule in
 * `rules` must report; for a `good` one no rule may report. Render `bad` as ❌ and `good` as ✅.
 */
export interface CodeExample {
  readonly id: string;
  readonly verdict: 'bad' | 'good';
  readonly caption: string;
  readonly language: 'typescript' | 'javascript';
  readonly rules: readonly LessonRuleId[];
  /** Plain source text with `\n` line breaks. */
  readonly code: string;
}

export interface MistakeItem {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** Editorial; may be empty. */
  readonly examples: readonly CodeExample[];
}

export interface MistakesSection extends SectionBase<'mistakes'> {
  readonly heading: string;
  readonly intro: string;
  readonly items: readonly MistakeItem[];
}

export interface ChecklistItem {
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

export interface ChecklistSection extends SectionBase<'checklist'> {
  readonly heading: string;
  readonly intro: string;
  readonly items: readonly ChecklistItem[];
}

export interface MentalModelStep {
  readonly id: string;
  /** 1-based, in order. */
  readonly number: number;
  readonly label: string;
  /** Editorial: one line on the step's role (the module gives only its name). */
  readonly detail: string;
}

export interface MentalModelSection extends SectionBase<'mental-model'> {
  readonly heading: string;
  readonly summary: string;
  readonly steps: readonly MentalModelStep[];
}

export interface Term {
  readonly term: string;
  readonly definition: string;
}

export interface TermsSection extends SectionBase<'terms'> {
  readonly terms: readonly Term[];
}

export interface QuizQuestion {
  readonly id: string;
  /** The section or item that teaches the answer. */
  readonly sectionId: string;
  /** The module's words, verbatim (without a question mark, as in the module). */
  readonly question: string;
  readonly answer: string;
  /** Editorial: exactly three plausible wrong answers, distinct from each other and from `answer`. */
  readonly distractors: readonly [string, string, string];
  /** Editorial: one line explaining the right answer. */
  readonly why: string;
}

export interface QuizSection extends SectionBase<'quiz'> {
  readonly heading: string;
  /** The counter label with `{opened}` and `{total}` placeholders; see `formatCounter`. */
  readonly counterTemplate: string;
  readonly questions: readonly QuizQuestion[];
}

export interface LabelledText {
  readonly label: string;
  readonly text: string;
}

export interface ArtefactSection extends SectionBase<'artefact'> {
  readonly artefact: LabelledText;
  readonly reflection: LabelledText;
}

export interface PracticeSection extends SectionBase<'practice'> {
  readonly text: string;
}

export type Section =
  | HeaderSection
  | NavigationSection
  | ProgressSection
  | ProseSection
  | ListSection
  | DiagramPathsSection
  | WorkedExampleSection
  | MistakesSection
  | ChecklistSection
  | MentalModelSection
  | TermsSection
  | QuizSection
  | ArtefactSection
  | PracticeSection;

export type SectionOfKind<K extends SectionKind> = Extract<Section, { kind: K }>;

/** The type of a fixed section, e.g. `SectionById<'main-idea'>` is `DiagramPathsSection`. */
export type SectionById<I extends SectionId> = SectionOfKind<(typeof SECTION_KIND_BY_ID)[I]>;

// ---------------------------------------------------------------------------------------------
// Helpers over a validated lesson.

/** An item a link can scroll to: a mistake, a checklist item or a quiz question. */
export type ScrollableItem = MistakeItem | ChecklistItem | QuizQuestion;

/** The scrollable items of a section, in order (none for most kinds). */
export function sectionItems(section: Section): readonly ScrollableItem[] {
  switch (section.kind) {
    case 'mistakes':
    case 'checklist':
      return section.items;
    case 'quiz':
      return section.questions;
    default:
      return [];
  }
}

/** Ids a link can scroll to: every section, and every mistake, checklist item and question. */
export function allSectionIds(lesson: Lesson): Set<string> {
  const ids = new Set<string>();
  for (const section of lesson.sections) {
    ids.add(section.id);
    for (const item of sectionItems(section)) ids.add(item.id);
  }
  return ids;
}

/** The title of a section or scrollable item (a question's title is its question), or undefined. */
export function sectionTitle(lesson: Lesson, id: string): string | undefined {
  for (const section of lesson.sections) {
    if (section.id === id) return section.title;
    for (const item of sectionItems(section)) {
      if (item.id === id) return 'question' in item ? item.question : item.title;
    }
  }
  return undefined;
}

/** The section that holds a section or item id: the section itself, or the section containing the item. */
export function sectionContaining(lesson: Lesson, id: string): Section | undefined {
  return lesson.sections.find((section) => section.id === id || sectionItems(section).some((item) => item.id === id));
}

/** A fixed section, typed by its id. Validation guarantees it exists with that kind. */
export function getSection<I extends SectionId>(lesson: Lesson, id: I): SectionById<I> {
  const section = lesson.sections.find((s) => s.id === id);
  if (!section || section.kind !== SECTION_KIND_BY_ID[id]) {
    throw new Error(`The lesson has no section '${id}' of kind '${SECTION_KIND_BY_ID[id]}'; was it validated?`);
  }
  return section as SectionById<I>;
}

/** Fills a quiz counter template: `formatCounter('{opened} of {total} opened', 0, 7)` is "0 of 7 opened". */
export function formatCounter(template: string, opened: number, total: number): string {
  return template.replaceAll('{opened}', String(opened)).replaceAll('{total}', String(total));
}
