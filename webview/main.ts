// The lesson webview's entry point. It renders nothing until the extension sends validated content,
// and it checks every message it receives against the same schema the extension uses.
import { checkToWebview, type ToWebview } from '../src/lesson/messages';
import { registerComponents } from './components';
import { restoreScroll, revealSection, trackReading } from './navigation';
import { applyProgress, renderLesson, renderLoadError } from './render';
import { send } from './vscode-api';

const root = document.getElementById('lesson') as HTMLElement;

function handle(message: ToWebview): void {
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
send({ type: 'ready' });
