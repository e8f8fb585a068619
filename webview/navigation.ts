// Where the reader is: reports the section in view to the extension (and the table of contents),
// remembers the scroll position across reloads, and scrolls to (and marks) a section the extension asks for.
import { showInViewInContents } from './table-of-contents';
import { saveViewState, savedViewState, send } from './vscode-api';

/** The class of the part the panel was opened to show; it stays until the reader does something. */
export const REVEALED_CLASS = 'revealed';
let lastReported: string | undefined;

/** Sections and the items a link can point at (mistakes, checklist items, questions), in page order. */
const READING_TARGETS = '.section, .mistake, .checklist li, .flip-card';
/**
 * How far below the top edge a part may start and still count as the one being read, beyond its
 * scroll margin (which keeps a part scrolled to clear of the sticky table of contents).
 */
const TOP_TOLERANCE_PX = 24;

/** The most specific part whose top has reached the top of the view. */
function sectionInView(root: HTMLElement): string | undefined {
  const targets = [...root.querySelectorAll<HTMLElement>(READING_TARGETS)];
  let current: HTMLElement | undefined;
  for (const target of targets) {
    const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
    if (target.getBoundingClientRect().top <= margin + TOP_TOLERANCE_PX) current = target;
  }
  return (current ?? targets[0])?.id;
}

function report(root: HTMLElement, itemId?: string): void {
  const id = itemId ?? sectionInView(root);
  saveViewState({ scrollY: window.scrollY, ...(id ? { sectionId: id } : {}) });
  if (id && id !== lastReported) {
    lastReported = id;
    send({ type: 'sectionInView', sectionId: id });
    showInViewInContents(id);
  }
}

/** The reader's own input (not a scroll the page made) ends the mark of a revealed part. */
function clearRevealMarkOnInput(root: HTMLElement): void {
  const clear = () => {
    for (const marked of root.querySelectorAll(`.${REVEALED_CLASS}`)) marked.classList.remove(REVEALED_CLASS);
  };
  for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart']) window.addEventListener(type, clear, { passive: true });
}

export function trackReading(root: HTMLElement): void {
  clearRevealMarkOnInput(root);
  let scheduled = false;
  window.addEventListener('scroll', () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      report(root);
    });
  }, { passive: true });
}

/**
 * Scrolls to a section or item, marks it (a bar in the theme's focus colour, not a flood of colour) and
 * moves keyboard focus there. The mark stays until the reader's next input or the next reveal.
 */
export function revealSection(root: HTMLElement, id: string): void {
  const target = root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  if (!target) return;
  for (const marked of root.querySelectorAll(`.${REVEALED_CLASS}`)) marked.classList.remove(REVEALED_CLASS);
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
  target.classList.add(REVEALED_CLASS);
  lastReported = undefined;
  report(root, id);
}

/**
 * After a reload, puts the reader back where they were. The webview's saved offset is exact but VS Code
 * saves it only now and then; the extension stores the section in view at every change. So the offset
 * is used when it belongs to that section, and the section otherwise.
 */
export function restoreScroll(root: HTMLElement, rememberedSection?: string): void {
  const state = savedViewState();
  const offsetIsCurrent = state !== undefined && (!rememberedSection || state.sectionId === rememberedSection);
  if (state && offsetIsCurrent) window.scrollTo(0, state.scrollY);
  else if (rememberedSection) root.querySelector(`#${CSS.escape(rememberedSection)}`)?.scrollIntoView({ block: 'start' });
  lastReported = undefined;
  report(root);
}
