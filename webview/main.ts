// The lesson webview's entry point. It renders nothing until the extension sends validated content,
// and it checks every message it receives against the same schema the extension uses.
import { checkToWebview, type ToWebview } from '../src/lesson/messages';
import { registerComponents } from './components';
import { restoreScroll, revealSection, trackReading } from './navigation';
import { applyProgress, renderLesson, renderLoadError } from './render';
import { send } from './vscode-api';

const root = document.getElementById('lesson') as HTMLElement;
/** How long to wait for the answer to `ready` before asking again, at first and at most. */
const ASK_AGAIN_MS = { first: 1000, max: 8000 };

/**
 * Asks the extension for the lesson until it answers with `init` or `loadError`. An answer can be lost
 * without a trace (VS Code drops messages queued for a frame that is replaced while it loads), and
 * the page would show "Loading…" for good. The extension answers every `ready` in full, so asking twice is harmless.
 */
function askForLesson(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ask = (waitMs: number) => {
    send({ type: 'ready' });
    timer = setTimeout(() => ask(Math.min(waitMs * 2, ASK_AGAIN_MS.max)), waitMs);
  };
  ask(ASK_AGAIN_MS.first);
  return () => clearTimeout(timer);
}

/** Stops asking for the lesson; undefined once an answer has arrived. */
let stopAsking: (() => void) | undefined;

function handle(message: ToWebview): void {
  if (message.type === 'init' || message.type === 'loadError') {
    // Only the first answer counts: a later one answers a `ready` sent again while the first was on its way.
    if (!stopAsking) return;
    stopAsking();
    stopAsking = undefined;
  }
  switch (message.type) {
    case 'init':
      renderLesson(root, message.lesson);
      applyProgress(root, message.progress);
      if (message.focusSection) revealSection(root, message.focusSection);
      else restoreScroll(root, message.restoreSection);
      return;
    case 'loadError':
      renderLoadError(root, message.errors);
      return;
    case 'progress':
      applyProgress(root, message.progress);
      return;
    case 'reveal':
      revealSection(root, message.sectionId);
      return;
  }
}

registerComponents();
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const checked = checkToWebview(event.data);
  if (checked.ok) handle(checked.message);
  else console.warn(`Integration Coach: dropped an invalid message from the extension: ${checked.error}`);
});
trackReading(root);
stopAsking = askForLesson();
