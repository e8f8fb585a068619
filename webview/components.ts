// The one place that knows which component library draws our controls: @vscode/webview-ui-toolkit.
// Its maintainers deprecated it in January 2025; swapping to @vscode-elements/elements touches this file only.
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeOption,
} from '@vscode/webview-ui-toolkit';
import { h } from './dom';

let registered = false;

export function registerComponents(): void {
  if (registered) return;
  provideVSCodeDesignSystem().register(vsCodeBadge(), vsCodeButton(), vsCodeCheckbox(), vsCodeDivider(), vsCodeDropdown(), vsCodeOption());
  registered = true;
}

export function button(label: string, onClick: () => void, options: { secondary?: boolean; id?: string; ariaLabel?: string } = {}): HTMLElement {
  const element = h('vscode-button', { appearance: options.secondary ? 'secondary' : 'primary', id: options.id, 'aria-label': options.ariaLabel }, label);
  element.addEventListener('click', onClick);
  return element;
}

export interface CheckboxElement extends HTMLElement {
  checked: boolean;
}

/**
 * Checkboxes whose state we are setting from the extension's progress. The toolkit fires `change` for
 * programmatic changes too; echoing those back would race with the reader's own clicks.
 */
const syncing = new WeakSet<Element>();

export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void, id?: string): CheckboxElement {
  const element = h('vscode-checkbox', { id, checked }, label) as CheckboxElement;
  element.checked = checked;
  element.addEventListener('change', () => {
    if (!syncing.has(element)) onChange(element.checked);
  });
  return element;
}

export function setChecked(element: Element | null, checked: boolean): void {
  const box = element as CheckboxElement | null;
  if (!box || box.checked === checked) return;
  syncing.add(box);
  try {
    box.checked = checked;
  } finally {
    syncing.delete(box);
  }
}

export function badge(text: string, ariaLabel?: string): HTMLElement {
  return h('vscode-badge', { 'aria-label': ariaLabel }, text);
}

export function divider(): HTMLElement {
  return h('vscode-divider', { role: 'separator' });
}

export interface Choice {
  value: string;
  label: string;
}

interface DropdownElement extends HTMLElement {
  value: string;
}

/** A labelled drop-down list; the visible label names it for screen readers too. */
export function dropdown(id: string, label: string, choices: readonly Choice[], value: string, onChange: (value: string) => void): HTMLElement {
  const labelId = `${id}-label`;
  const list = h('vscode-dropdown', { id, 'aria-labelledby': labelId, position: 'below' },
    ...choices.map((choice) => h('vscode-option', { value: choice.value, selected: choice.value === value }, choice.label))) as DropdownElement;
  list.addEventListener('change', () => {
    if (!syncing.has(list)) onChange(list.value);
  });
  return h('div', { class: 'field' }, h('span', { id: labelId, class: 'field-label' }, label), list);
}

/** Sets a drop-down's value from code without reporting it back as the user's choice. */
export function setDropdownValue(element: Element | null, value: string): void {
  const list = element as DropdownElement | null;
  if (!list || list.value === value) return;
  syncing.add(list);
  try {
    list.value = value;
  } finally {
    syncing.delete(list);
  }
}
