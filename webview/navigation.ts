// Where the reader is: reports the section in view to the extension, remembers the scroll position
// across reloads, and scrolls to (and briefly highlights) a section the extension asks for.
import { saveViewState, savedViewState, send } from './vscode-api';

const HIGHLIGHT_MS = 2000;
let lastReported: string | undefined;

/** Sections and the items a link can point at (mistakes, checklist items, questions), in page order. */
const READING_TARGETS = '.section, .mistake, .checklist li, .flip-card';
/** How far below the top edge a part may start and still count as the one being read. */
const TOP_TOLERANCE_PX = 24;

/** The most specific part whose top has reached the top of the view. */
function sectionInView(root: HTMLElement): string | undefined {
  const targets = [...root.querySelectorAll<HTMLElement>(READING_TARGETS)];
  let current: HTMLElement | undefined;
  for (const target of targets) {
    if (target.getBoundingClientRect().top <= TOP_TOLERANCE_PX) current = target;
  }
  return (current ?? targets[0])?.id;
}

/**
 * After a restore, the part of the lesson to keep at the top of the view until the reader moves. A
 * webview that loads while the window is still laid out (after a reload, on a busy machine) changes
 * size after the restore, and the page reflows under the restored offset.
 */
let held: { element: HTMLElement; intoPx: number } | undefined;

/** How far the top of the view is below the top of a part of the lesson. */
function offsetInto(element: HTMLElement): number {
  return -element.getBoundingClientRect().top;
}

function scrollInto(element: HTMLElement, intoPx: number): void {
  window.scrollTo(0, window.scrollY + element.getBoundingClientRect().top + intoPx);
}

function report(root: HTMLElement, itemId?: string): void {
  const id = itemId ?? held?.element.id ?? sectionInView(root);
  const part = id ? document.getElementById(id) : null;
  saveViewState({ scrollY: window.scrollY, ...(id ? { sectionId: id } : {}), ...(part ? { intoSectionPx: offsetInto(part) } : {}) });
  if (id && id !== lastReported) {
    lastReported = id;
    send({ type: 'sectionInView', sectionId: id });
  }
}

export function trackReading(root: HTMLElement): void {
  let scheduled = false;
  window.addEventListener('scroll', () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      report(root);
    });
  }, { passive: true });
  // What the reader does ends the hold on a restored position; scrolling alone does not, since the
  // browser scrolls by itself when the page reflows.
  for (const event of ['wheel', 'keydown', 'pointerdown', 'touchstart']) {
    window.addEventListener(event, () => (held = undefined), { capture: true, passive: true });
  }
  const keepHeldPart = () => {
    if (!held) return;
    scrollInto(held.element, held.intoPx);
    report(root);
  };
  new ResizeObserver(keepHeldPart).observe(document.documentElement);
  window.addEventListener('resize', keepHeldPart);
}

/** Scrolls to a section or item, highlights it for a moment and moves keyboard focus there. */
export function revealSection(root: HTMLElement, id: string): void {
  const target = root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  if (!target) return;
  held = undefined;
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
  target.classList.add('highlight');
  setTimeout(() => target.classList.remove('highlight'), HIGHLIGHT_MS);
  lastReported = undefined;
  report(root, id);
}

/**
 * After a reload, puts the reader back where they were, and keeps them there while the page settles.
 * The webview's saved state is exact (the part in view and how far into it) but VS Code may not have
 * saved its latest; the extension stores the part in view at every change. So the saved offset is used
 * when it belongs to that part, and the top of the part otherwise.
 */
export function restoreScroll(root: HTMLElement, rememberedSection?: string): void {
  const state = savedViewState();
  const sectionId = rememberedSection ?? state?.sectionId;
  const element = sectionId ? root.querySelector<HTMLElement>(`#${CSS.escape(sectionId)}`) : null;
  const stateIsCurrent = state !== undefined && state.sectionId === sectionId;
  if (element) {
    if (stateIsCurrent && state.intoSectionPx !== undefined) scrollInto(element, state.intoSectionPx);
    // A state saved by an earlier version has the offset only.
    else if (stateIsCurrent) window.scrollTo(0, state.scrollY);
    else element.scrollIntoView({ block: 'start' });
    held = { element, intoPx: offsetInto(element) };
  } else if (state) {
    window.scrollTo(0, state.scrollY);
  }
  lastReported = undefined;
  report(root);
}
