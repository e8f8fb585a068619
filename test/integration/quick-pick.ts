// Choosing a row of the QuickPick as a user does: its words typed into the filter, the row highlighted, Enter.
// The words are typed only once the QuickPick lists that row and holds the keyboard focus: on a busy machine the
// rows of a new step can reach the screen after the step changed in the extension, and keys pressed before that
// go to whatever had the focus (the row is then never highlighted).
import { askHarness, evaluateInWorkbench } from './harness-client';
import { waitFor } from './wait';

/** The accessible label of the QuickPick's highlighted row, as a screen reader reads it. */
export function highlightedRow(): Promise<string> {
  return evaluateInWorkbench(`(() => {
    const focused = document.querySelector('.quick-input-widget .quick-input-list .monaco-list-row.focused');
    return focused?.getAttribute('aria-label') ?? focused?.textContent ?? '';
  })()`);
}

/** Whether the QuickPick has the keyboard focus and lists a row that holds `words`. */
function readyToType(words: string): Promise<boolean> {
  return evaluateInWorkbench(`(() => {
    const widget = document.querySelector('.quick-input-widget');
    if (!widget || !widget.contains(document.activeElement)) return false;
    const rows = [...widget.querySelectorAll('.quick-input-list .monaco-list-row')].map((row) => row.getAttribute('aria-label') ?? row.textContent ?? '');
    return rows.some((label) => label.includes(${JSON.stringify(words)}));
  })()`);
}

/** Types `words` into the QuickPick, waits for the row that holds them to be highlighted, and presses Enter. */
export async function chooseInQuickPick(words: string): Promise<void> {
  await waitFor(() => readyToType(words), `the QuickPick focused, listing "${words}"`);
  await askHarness({ action: 'type', text: words });
  await waitFor(async () => (await highlightedRow()).includes(words), `the QuickPick to highlight "${words}"`);
  await askHarness({ action: 'press', keys: ['Enter'] });
}
