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

function report(root: HTMLElement, itemId?: string): void {
  const id = itemId ?? sectionInView(root);
  saveViewState({ scrollY: window.scrollY, ...(id ? { sectionId: id } : {}) });
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
}

/** Scrolls to a section or item, highlights it for a moment and moves keyboard focus there. */
export function revealSection(root: HTMLElement, id: string): void {
  const target = root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  if (!target) return;
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
  target.classList.add('highlight');
  setTimeout(() => target.classList.remove('highlight'), HIGHLIGHT_MS);
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
