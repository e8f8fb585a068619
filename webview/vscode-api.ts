// The webview's side of the channel to the extension. Outgoing messages are checked against the same
// schema the extension checks them with, so a bug here shows up in the console, not as a silent drop.
import { checkToExtension, type ToExtension } from '../src/lesson/messages';

/** What the webview remembers across reloads (VS Code keeps it with the panel). */
export interface ViewState {
  scrollY: number;
  /** The section in view at that offset: tells a stale saved offset from a fresh one. */
  sectionId?: string;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function send(message: ToExtension): void {
  const checked = checkToExtension(message);
  if (!checked.ok) {
    console.error(`Integration Coach: not sending an invalid ${message.type} message: ${checked.error}`);
    return;
  }
  api.postMessage(message);
}

export function savedViewState(): ViewState | undefined {
  const state = api.getState() as Partial<ViewState> | undefined;
  if (typeof state?.scrollY !== 'number') return undefined;
  return { scrollY: state.scrollY, ...(typeof state.sectionId === 'string' ? { sectionId: state.sectionId } : {}) };
}

export function saveViewState(state: ViewState): void {
  api.setState(state);
}
