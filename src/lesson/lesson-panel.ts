import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { LESSON_VIEW_TYPE } from '../commands';
import { quoteForLog } from '../lesson-link';
import { allSectionIds, loadLesson, type LessonLoadResult } from './content';
import { checkToExtension, checkToWebview, type PracticeResult, type ToExtension, type ToWebview } from './messages';
import type { ProgressStore } from './progress-store';
import type { ReadingPosition } from './reading-position';
import { LESSON_TAB_ICON } from './tab-icon';

/** What the lesson panel needs from the rest of the extension. */
export interface LessonPanelDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  progress: ProgressStore;
  readingPosition: ReadingPosition;
}

/** What the panel knows about itself; the extension's API exposes it for tests and automation. */
export interface LessonPanelSnapshot {
  open: boolean;
  /** The section the webview last reported as the one in view. */
  sectionInView?: string;
  /** Messages from the webview that failed validation and were dropped. */
  droppedMessages: number;
  /** Why the last one was dropped. */
  lastDropReason?: string;
  /** What happened to the current panel, oldest first, each with the time since it was created or revived. */
  timeline: string[];
}

const TIMELINE_LENGTH = 40;

/** The one lesson panel: opened beside the active editor, revealed when it already exists. */
export class LessonPanel {
  private static current: LessonPanel | undefined;
  private static droppedMessages = 0;
  private static lastSectionInView: string | undefined;
  private static lastDropReason: string | undefined;
  private static lastPracticeResult: PracticeResult | undefined;
  private static timeline: string[] = [];

  /** The simulator's figures from the last run in the practice section, if the reader ran it. */
  static practiceResult(): PracticeResult | undefined {
    return LessonPanel.lastPracticeResult;
  }

  /**
   * Whether the webview shows the lesson: it has reported a section in view since its last `init`.
   * Until then a request to scroll waits in pendingFocus (a `reveal` could reach a page not rendered yet).
   */
  private showing = false;
  private readonly createdAt = Date.now();
  private pendingFocus: string | undefined;
  /** Set when the panel is revived after a reload: the section the reader had in view. */
  private restoreSection: string | undefined;
  /** Where the last `init` pointed, sent again should the webview ask again before showing it. */
  private unconfirmedInit: { focusSection?: string; restoreSection?: string } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static createOrShow(deps: LessonPanelDeps, sectionId?: string): void {
    const focus = LessonPanel.knownSection(deps, sectionId);
    if (LessonPanel.current) {
      LessonPanel.current.panel.reveal(undefined, false);
      if (focus) LessonPanel.current.reveal(focus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(LESSON_VIEW_TYPE, 'Integration and APIs', vscode.ViewColumn.Beside, LessonPanel.options(deps.context));
    LessonPanel.current = new LessonPanel(panel, deps, focus);
  }

  /** Restores the panel after a window reload (see registerLessonSerializer). */
  static revive(panel: vscode.WebviewPanel, deps: LessonPanelDeps): void {
    panel.webview.options = LessonPanel.options(deps.context);
    LessonPanel.current?.panel.dispose();
    const revived = new LessonPanel(panel, deps, undefined);
    LessonPanel.current = revived;
    // The webview keeps its exact scroll offset in its own state, but VS Code may not have saved its
    // latest when the window reloaded; the extension keeps the section last in view itself.
    revived.restoreSection = deps.readingPosition.get();
    revived.note(`revived; the section last in view was ${revived.restoreSection ?? 'not stored'}`);
  }

  static snapshot(): LessonPanelSnapshot {
    return {
      open: LessonPanel.current !== undefined,
      sectionInView: LessonPanel.lastSectionInView,
      droppedMessages: LessonPanel.droppedMessages,
      lastDropReason: LessonPanel.lastDropReason,
      timeline: [...LessonPanel.timeline],
    };
  }

  private static options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      // Only the built webview assets and the media folder may be loaded by the panel.
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(context.extensionUri, 'media')],
    };
  }

  /** An unknown section id opens the top of the lesson and leaves a warning in the log. */
  private static knownSection(deps: LessonPanelDeps, sectionId: string | undefined): string | undefined {
    if (sectionId === undefined) return undefined;
    const lesson = loadLesson(deps.context.extensionUri.fsPath);
    if (lesson.ok && allSectionIds(lesson.lesson).has(sectionId)) return sectionId;
    deps.log.warn(`openLesson: unknown lesson section ${quoteForLog(String(sectionId))}; opening the top of the lesson`);
    return undefined;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: LessonPanelDeps,
    focus: string | undefined,
  ) {
    this.pendingFocus = focus;
    LessonPanel.lastSectionInView = undefined;
    LessonPanel.timeline = [];
    this.note(`created${focus ? ` to show ${focus}` : ''}`);
    const icon = (parts: readonly string[]) => vscode.Uri.joinPath(deps.context.extensionUri, ...parts);
    panel.iconPath = { light: icon(LESSON_TAB_ICON.light), dark: icon(LESSON_TAB_ICON.dark) };
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview is torn down and loads again when shown; until it shows the lesson again,
      // requests to scroll wait in pendingFocus and go out with the fresh `init`.
      panel.onDidChangeViewState(() => {
        this.note(panel.visible ? 'shown' : 'hidden');
        if (!panel.visible) this.showing = false;
      }),
      panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data)),
      deps.progress.onDidChange((progress) => this.post({ type: 'progress', progress })),
    );
  }

  private dispose(): void {
    if (LessonPanel.current === this) LessonPanel.current = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  /** Adds a line to the timeline the snapshot shows (for tests and automation that wait on the panel). */
  private note(event: string): void {
    LessonPanel.timeline.push(`${Date.now() - this.createdAt} ms: ${event}`);
    LessonPanel.timeline.splice(0, LessonPanel.timeline.length - TIMELINE_LENGTH);
  }

  private reveal(sectionId: string): void {
    if (this.showing) this.post({ type: 'reveal', sectionId });
    else this.pendingFocus = sectionId;
  }

  /** Sends a message that passes the schema; false (and a line in the log) for one that does not. */
  private post(message: ToWebview): boolean {
    const checked = checkToWebview(message);
    if (!checked.ok) {
      this.deps.log.error(`Not sending an invalid ${message.type} message to the lesson panel: ${checked.error}`);
      return false;
    }
    void this.panel.webview.postMessage(message);
    return true;
  }

  private receive(data: unknown): void {
    const checked = checkToExtension(data);
    if (!checked.ok) {
      LessonPanel.droppedMessages++;
      LessonPanel.lastDropReason = `${checked.error} in ${JSON.stringify(data).slice(0, 200)}`;
      this.deps.log.warn(`Dropped an invalid message from the lesson panel: ${LessonPanel.lastDropReason}`);
      return;
    }
    void this.handle(checked.message);
  }

  private async handle(message: ToExtension): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A new document in the webview (or one that asks again): it shows nothing until it confirms.
        this.showing = false;
        this.note('the webview is ready');
        return this.sendLesson();
      case 'setCompleted':
        await this.deps.progress.update((progress) => ({ ...progress, completed: message.completed }));
        return;
      case 'setChecklistItem':
        await this.deps.progress.update((progress) => ({ ...progress, checklist: { ...progress.checklist, [message.itemId]: message.checked } }));
        return;
      case 'openCard':
        await this.deps.progress.update((progress) =>
          progress.openedCards.includes(message.questionId) ? progress : { ...progress, openedCards: [...progress.openedCards, message.questionId] },
        );
        return;
      case 'practiceResult': {
        const { type: _type, ...result } = message;
        LessonPanel.lastPracticeResult = result;
        return;
      }
      case 'sectionInView':
        this.note(`in view: ${message.sectionId}`);
        // Stored before it is shown in the snapshot: whoever sees it there may reload the window at once.
        this.deps.readingPosition.set(message.sectionId);
        LessonPanel.lastSectionInView = message.sectionId;
        if (!this.showing) this.confirmInit();
        return;
    }
  }

  /** The webview shows the lesson: a scroll asked for while its `init` was on the way goes out now. */
  private confirmInit(): void {
    this.showing = true;
    this.unconfirmedInit = undefined;
    const focus = this.pendingFocus;
    this.pendingFocus = undefined;
    if (focus) this.reveal(focus);
  }

  /** Answers `ready`; a webview that asks again before it showed the last answer gets the same places again. */
  private sendLesson(): void {
    const loaded: LessonLoadResult = loadLesson(this.deps.context.extensionUri.fsPath);
    if (!loaded.ok) {
      this.deps.log.error(`The lesson content is invalid:\n  ${loaded.errors.join('\n  ')}`);
      this.post({ type: 'loadError', errors: loaded.errors });
      return;
    }
    const focusSection = this.pendingFocus ?? this.unconfirmedInit?.focusSection;
    const restoring = this.restoreSection ?? this.unconfirmedInit?.restoreSection;
    // A stored section the lesson no longer has restores nothing.
    const restoreSection = restoring && allSectionIds(loaded.lesson).has(restoring) ? restoring : undefined;
    this.pendingFocus = this.restoreSection = undefined;
    this.unconfirmedInit = { focusSection, restoreSection };
    this.note(`init sent${focusSection ? `, to show ${focusSection}` : ''}${restoreSection ? `, to restore ${restoreSection}` : ''}`);
    const sent = this.post({
      type: 'init',
      lesson: loaded.lesson,
      progress: this.deps.progress.get(),
      ...(focusSection ? { focusSection } : {}),
      ...(restoreSection ? { restoreSection } : {}),
    });
    // The webview shows "Loading…" until an init or a loadError arrives: it must get one of them.
    if (!sent) this.post({ type: 'loadError', errors: ['The lesson could not be sent to the panel; the "Integration Coach" output channel says why.'] });
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = crypto.randomBytes(16).toString('base64');
    const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.context.extensionUri, ...parts));
    // Styles: our stylesheet from cspSource, and the toolkit components' own style elements, which
    // carry the nonce (they read it from the csp-nonce meta tag). No 'unsafe-inline', no eval.
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="csp-nonce" content="${nonce}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${asset('media', 'lesson.css')}">
  <title>Integration and APIs</title>
</head>
<body>
  <main id="lesson" aria-busy="true"><p class="loading">Loading the lesson…</p></main>
  <script nonce="${nonce}" src="${asset('dist', 'webview', 'lesson.js')}"></script>
</body>
</html>`;
  }
}

/** Brings the panel back after a window reload; the webview restores its own scroll position. */
export function registerLessonSerializer(deps: LessonPanelDeps): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(LESSON_VIEW_TYPE, {
    deserializeWebviewPanel: async (panel) => LessonPanel.revive(panel, deps),
  });
}
