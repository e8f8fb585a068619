// Renders the validated lesson into the panel: one small function per section kind. Interactive
// state (completion, checklist, opened cards, quiz mastery) is applied separately by applyProgress,
// so an update from the extension never rebuilds the page under the reader's cursor.
import {
  formatCounter,
  type ArtefactSection,
  type ChecklistSection,
  type CodeExample,
  type DiagramPathsSection,
  type HeaderSection,
  type Lesson,
  type ListSection,
  type MistakesSection,
  type NavigationSection,
  type PracticeSection,
  type ProgressSection,
  type ProseSection,
  type QuizQuestion,
  type QuizSection,
  type Section,
  type TermsSection,
  type WorkedExampleSection,
} from '../src/lesson/content-types';
import type { LessonProgress } from '../src/lesson/messages';
import { badge, button, checkbox, divider, setChecked } from './components';
import { codeBlock } from './code-block';
import { h } from './dom';
import { mentalModelDiagram, pathsDiagram } from './diagrams';
import { practiceView } from './practice';
import { renderTableOfContents, showProgressInContents } from './table-of-contents';
import { send } from './vscode-api';

const paragraphs = (texts: readonly string[]) => texts.map((text) => h('p', {}, text));

function heading(section: Section): HTMLElement {
  return h('h2', { id: `${section.id}-heading` }, section.title);
}

function header(section: HeaderSection): HTMLElement[] {
  return [h('p', { class: 'eyebrow' }, section.eyebrow), h('h1', {}, section.title), h('p', { class: 'tagline' }, section.tagline)];
}

function navigation(section: NavigationSection): HTMLElement[] {
  const { module } = section;
  return [
    h('nav', { 'aria-label': section.title, class: 'module-nav' },
      h('div', { class: 'nav-module' },
        h('span', { class: 'nav-label' }, module.label),
        h('span', { class: 'nav-title' }, module.title),
        h('span', { class: 'nav-summary' }, module.summary))),
  ];
}

function progress(section: ProgressSection): HTMLElement[] {
  return [
    heading(section),
    h('p', {}, section.text),
    checkbox('Mark this module complete', false, (completed) => send({ type: 'setCompleted', completed }), 'module-complete'),
  ];
}

function list(section: ListSection): HTMLElement[] {
  const items = section.items.map((item) => h('li', {}, item.lead && h('strong', {}, `${item.lead}. `), item.text));
  return [heading(section), h(section.ordered ? 'ol' : 'ul', {}, ...items)];
}

function codeExample(example: CodeExample): HTMLElement {
  // ✗ and ✓ are in every common UI font; the emoji ❌ and ✅ are not (they render as boxes without one).
  const verdict = example.verdict === 'bad' ? '✗ Avoid' : '✓ Prefer';
  return h('figure', { class: `code-example code-${example.verdict}`, id: example.id },
    h('figcaption', {}, h('span', { class: 'verdict' }, verdict), ' ', example.caption),
    codeBlock(example, `${verdict}: ${example.caption}`));
}

function mistakes(section: MistakesSection): HTMLElement[] {
  return [
    heading(section),
    h('h3', {}, section.heading),
    h('p', {}, section.intro),
    ...section.items.map((item) =>
      h('article', { id: item.id, class: 'mistake', tabindex: -1 }, h('h4', {}, item.title), h('p', {}, item.text), ...item.examples.map(codeExample))),
  ];
}

function checklist(section: ChecklistSection): HTMLElement[] {
  return [
    heading(section),
    h('h3', {}, section.heading),
    h('p', {}, section.intro),
    h('ul', { class: 'checklist' }, ...section.items.map((item) =>
      h('li', { id: item.id, tabindex: -1 },
        checkbox(item.title, false, (checked) => send({ type: 'setChecklistItem', itemId: item.id, checked }), `checklist-${item.id}`),
        h('p', { class: 'checklist-description' }, item.description)))),
  ];
}

function flipCard(question: QuizQuestion): HTMLElement {
  const answerId = `${question.id}-answer`;
  const card = h('li', { id: question.id, class: 'flip-card', tabindex: -1 },
    h('div', { class: 'card-front' },
      h('p', { class: 'card-question' }, `${question.question}?`),
      h('span', { class: 'mastery', hidden: true }, badge('Mastered in the quick check'))),
    h('div', { class: 'card-back', id: answerId, hidden: true, role: 'region', 'aria-label': `Answer: ${question.question}` },
      h('p', { class: 'card-answer' }, question.answer)));
  const toggle = button('Show answer', () => {
    const opening = card.classList.toggle('open');
    (card.querySelector('.card-back') as HTMLElement).hidden = !opening;
    toggle.textContent = opening ? 'Hide answer' : 'Show answer';
    toggle.setAttribute('aria-expanded', String(opening));
    if (opening) send({ type: 'openCard', questionId: question.id });
  }, { secondary: true, ariaLabel: `Show the answer to: ${question.question}` });
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', answerId);
  card.querySelector('.card-front')?.append(toggle);
  return card;
}

function quiz(section: QuizSection): HTMLElement[] {
  return [
    heading(section),
    h('h3', {}, section.heading),
    h('p', { class: 'quiz-counter', 'aria-live': 'polite', 'data-template': section.counterTemplate, 'data-total': section.questions.length },
      formatCounter(section.counterTemplate, 0, section.questions.length)),
    h('ul', { class: 'flip-cards' }, ...section.questions.map(flipCard)),
  ];
}

function terms(section: TermsSection): HTMLElement[] {
  return [heading(section), h('dl', { class: 'terms' }, ...section.terms.flatMap((term) => [h('dt', {}, term.term), h('dd', {}, term.definition)]))];
}

function artefact(section: ArtefactSection): HTMLElement[] {
  return [
    heading(section),
    h('h3', {}, section.artefact.label), h('p', {}, section.artefact.text),
    h('h3', {}, section.reflection.label), h('p', {}, section.reflection.text),
  ];
}

function sectionBody(section: Section): HTMLElement[] {
  switch (section.kind) {
    case 'header': return header(section);
    case 'navigation': return navigation(section);
    case 'progress': return progress(section);
    case 'prose': return [heading(section), ...paragraphs((section as ProseSection).paragraphs)];
    case 'list': return list(section);
    case 'diagram-paths': return diagramPaths(section);
    case 'worked-example': return [heading(section), ...paragraphs((section as WorkedExampleSection).paragraphs)];
    case 'mistakes': return mistakes(section);
    case 'checklist': return checklist(section);
    case 'mental-model': return [heading(section), mentalModelDiagram(section)];
    case 'terms': return terms(section);
    case 'quiz': return quiz(section);
    case 'artefact': return artefact(section);
    case 'practice': return [heading(section), h('p', {}, (section as PracticeSection).text), practiceView()];
  }
}

function diagramPaths(section: DiagramPathsSection): HTMLElement[] {
  return [heading(section), pathsDiagram(section.diagram), h('aside', { class: 'aside' }, section.aside.text), ...paragraphs(section.paragraphs)];
}

export function renderLesson(root: HTMLElement, lesson: Lesson): void {
  const sections = lesson.sections.map((section) =>
    h(section.kind === 'header' ? 'header' : 'section', {
      id: section.id,
      class: `section section-${section.kind}`,
      'aria-labelledby': section.kind === 'header' || section.kind === 'navigation' ? undefined : `${section.id}-heading`,
      tabindex: -1,
    }, ...sectionBody(section)));
  const body = h('div', { class: 'lesson-body' }, ...sections.flatMap((element, index) => (index > 1 ? [divider(), element] : [element])));
  root.replaceChildren(renderTableOfContents(root, lesson), body);
  root.classList.add('with-contents');
  root.setAttribute('aria-busy', 'false');
}

export function renderLoadError(root: HTMLElement, errors: readonly string[]): void {
  root.classList.remove('with-contents');
  root.replaceChildren(
    h('section', { class: 'load-error', role: 'alert' },
      h('h1', {}, 'The lesson could not be shown'),
      h('p', {}, 'Its content did not pass validation. The details are also in the "Integration Coach" output channel:'),
      h('ul', {}, ...errors.map((error) => h('li', {}, h('code', {}, error))))));
  root.setAttribute('aria-busy', 'false');
}

/** Brings the controls in line with the stored progress without re-rendering the page. */
export function applyProgress(root: HTMLElement, state: LessonProgress): void {
  setChecked(root.querySelector('#module-complete'), state.completed);
  for (const element of root.querySelectorAll<HTMLElement>('.checklist li')) {
    setChecked(element.querySelector('vscode-checkbox'), state.checklist[element.id] === true);
  }
  const cards = [...root.querySelectorAll<HTMLElement>('.flip-card')];
  for (const card of cards) {
    card.classList.toggle('seen', state.openedCards.includes(card.id));
    const mastery = card.querySelector<HTMLElement>('.mastery');
    if (mastery) mastery.hidden = state.quiz?.[card.id] !== true;
  }
  const counter = root.querySelector<HTMLElement>('.quiz-counter');
  if (counter) {
    const opened = cards.filter((card) => state.openedCards.includes(card.id)).length;
    counter.textContent = formatCounter(counter.dataset.template ?? '', opened, Number(counter.dataset.total));
  }
  showProgressInContents(state);
}
