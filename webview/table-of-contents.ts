// The table of contents: sticky at the top of a narrow panel (opened from its button), beside the
// lesson in a wide one. The model (entries, current, completed) is src/lesson/table-of-contents.ts;
// here it is drawn and moved through by keyboard: Up/Down/Home/End move, Enter opens, Escape leaves.
import type { Lesson } from '../src/lesson/content-types';
import type { LessonProgress } from '../src/lesson/messages';
import { emptyProgress } from '../src/lesson/progress-repair';
import { movedIndex, tableOfContents, type TocEntry } from '../src/lesson/table-of-contents';
import { h } from './dom';

interface TocState {
  lesson: Lesson;
  progress: LessonProgress;
  inView: string | undefined;
  nav: HTMLElement;
}

let state: TocState | undefined;

const links = (nav: HTMLElement) => [...nav.querySelectorAll<HTMLAnchorElement>('.toc-link')];
const toggleOf = (nav: HTMLElement) => nav.querySelector<HTMLButtonElement>('.toc-toggle');

function setExpanded(nav: HTMLElement, expanded: boolean): void {
  nav.classList.toggle('expanded', expanded);
  toggleOf(nav)?.setAttribute('aria-expanded', String(expanded));
}

/** The section element being read (or the top of the lesson): where focus goes back to. */
function contentTarget(root: HTMLElement): HTMLElement | null {
  const current = state?.nav.querySelector<HTMLElement>('.toc-link[aria-current]')?.dataset.section;
  return root.querySelector<HTMLElement>(current ? `#${CSS.escape(current)}` : '.section');
}

/** One link in the tab order (the current section's), the others reached with the arrow keys. */
function focusLink(nav: HTMLElement, index: number): void {
  const all = links(nav);
  all.forEach((link, i) => link.setAttribute('tabindex', i === index ? '0' : '-1'));
  all[index]?.focus();
}

function onListKey(root: HTMLElement, nav: HTMLElement, event: KeyboardEvent): void {
  const all = links(nav);
  const index = all.indexOf(document.activeElement as HTMLAnchorElement);
  if (event.key === 'Escape') {
    event.preventDefault();
    setExpanded(nav, false);
    contentTarget(root)?.focus({ preventScroll: true });
    return;
  }
  const next = index < 0 ? undefined : movedIndex(event.key, index, all.length);
  if (next === undefined) return;
  event.preventDefault();
  focusLink(nav, next);
}

function openSection(root: HTMLElement, nav: HTMLElement, id: string): void {
  const target = root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  if (!target) return;
  setExpanded(nav, false);
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

function entryItem(root: HTMLElement, nav: HTMLElement, entry: TocEntry): HTMLElement {
  const link = h('a', { class: 'toc-link', href: `#${entry.id}`, 'data-section': entry.id, tabindex: -1 },
    h('span', { class: 'toc-title' }, entry.title),
    h('span', { class: 'toc-done', hidden: true }, h('span', { 'aria-hidden': 'true' }, '✓'), h('span', { class: 'visually-hidden' }, ' (completed)')));
  link.addEventListener('click', (event) => {
    event.preventDefault();
    openSection(root, nav, entry.id);
  });
  return h('li', {}, link);
}

/** Moves focus into the list, to the section being read (the first one before any is). */
function focusCurrent(nav: HTMLElement): void {
  const all = links(nav);
  focusLink(nav, Math.max(0, all.findIndex((link) => link.hasAttribute('aria-current'))));
}

/** Draws the table of contents for a freshly rendered lesson; progress and position arrive later. */
export function renderTableOfContents(root: HTMLElement, lesson: Lesson): HTMLElement {
  const nav = h('nav', { class: 'toc', 'aria-label': 'Contents' });
  const toggle = h('button', { class: 'toc-toggle', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'toc-list' },
    h('span', { class: 'toc-heading' }, 'Contents'), h('span', { class: 'toc-now' }));
  const list = h('ol', { class: 'toc-list', id: 'toc-list' }, ...tableOfContents(lesson, emptyProgress(), undefined)
    .map((entry) => entryItem(root, nav, entry)));
  toggle.addEventListener('click', () => {
    const expanding = !nav.classList.contains('expanded');
    setExpanded(nav, expanding);
    if (expanding) focusCurrent(nav);
  });
  toggle.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown') return;
    event.preventDefault();
    setExpanded(nav, true);
    focusCurrent(nav);
  });
  list.addEventListener('keydown', (event) => onListKey(root, nav, event));
  nav.append(toggle, list);
  state = { lesson, progress: emptyProgress(), inView: undefined, nav };
  redraw();
  return nav;
}

/** Brings the drawn entries in line with the state: current section, ticks, the one tab stop, the button's line. */
function redraw(): void {
  if (!state) return;
  const entries = tableOfContents(state.lesson, state.progress, state.inView);
  const all = links(state.nav);
  const focused = all.indexOf(document.activeElement as HTMLAnchorElement);
  entries.forEach((entry, i) => {
    const link = all[i];
    if (entry.current) link.setAttribute('aria-current', 'location');
    else link.removeAttribute('aria-current');
    (link.querySelector('.toc-done') as HTMLElement).hidden = !entry.completed;
    // While the reader moves through the list, their place in it stays the one in the tab order.
    if (focused < 0) link.setAttribute('tabindex', entry.current ? '0' : '-1');
  });
  if (focused < 0 && !entries.some((entry) => entry.current)) all[0]?.setAttribute('tabindex', '0');
  const now = state.nav.querySelector('.toc-now');
  if (now) now.textContent = entries.find((entry) => entry.current)?.title ?? '';
}

export function showProgressInContents(progress: LessonProgress): void {
  if (state) state.progress = progress;
  redraw();
}

export function showInViewInContents(sectionOrItemId: string): void {
  if (state) state.inView = sectionOrItemId;
  redraw();
}
