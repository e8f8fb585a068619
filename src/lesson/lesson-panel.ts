import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { LESSON_VIEW_TYPE } from '../commands';
import { allSectionIds, loadLesson, type LessonLoadResult } from './content';
import { checkToExtension, checkToWebview, type PracticeResult, type ToExtension, type ToWebview } from './messages';
import type { ProgressStore } from './progress-store';

/** What the lesson panel needs from the rest of the extension. */
export interface LessonPanelDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  progress: ProgressStore;
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
}

const SECTION_IN_VIEW_KEY = 'integrationCoach.lessonSectionInView';

/** The one lesson panel: opened beside the active editor, revealed when it already exists. */
export class LessonPanel {
  private static current: LessonPanel | undefined;
  private static droppedMessages = 0;
  private static lastSectionInView: string | undefined;
  private static lastDropReason: string | undefined;
  private static lastPracticeResult: PracticeResult | undefined;

  /** The simulator's figures from the last run in the practice section, if the reader ran it. */
  static practiceResult(): PracticeResult | undefined {
    return LessonPanel.lastPracticeResult;
  }

  private ready = false;
  private pendingFocus: string | undefined;
  /** Set when the panel is revived after a reload: the section the reader had in view. */
  private restoreSection: string | undefined;
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
    LessonPanel.current = new LessonPanel(panel, deps, undefined);
    // The webview keeps its exact scroll offset in its own state, but that state may not be flushed
    // when the window reloads; the section last reported in view is kept by the extension as well.
    LessonPanel.current.restoreSection = deps.context.workspaceState.get<string>(SECTION_IN_VIEW_KEY);
  }

  static snapshot(): LessonPanelSnapshot {
    return {
      open: LessonPanel.current !== undefined,
      sectionInView: LessonPanel.lastSectionInView,
      droppedMessages: LessonPanel.droppedMessages,
      lastDropReason: LessonPanel.lastDropReason,
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
    deps.log.warn(`openLesson: unknown lesson section "${sectionId}"; opening the top of the lesson`);
    return undefined;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: LessonPanelDeps,
    focus: string | undefined,
  ) {
    this.pendingFocus = focus;
    LessonPanel.lastSectionInView = undefined;
    panel.iconPath = vscode.Uri.joinPath(deps.context.extensionUri, 'media', 'lesson-icon.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview is torn down and loads again when shown; until its next `ready`, requests to
      // scroll wait in pendingFocus and go out with the fresh `init`.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data)),
      deps.progress.onDidChange((progress) => this.post({ type: 'progress', progress })),
    );
  }

  private dispose(): void {
    if (LessonPanel.current === this) LessonPanel.current = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private reveal(sectionId: string): void {
    if (this.ready) this.post({ type: 'reveal', sectionId });
    else this.pendingFocus = sectionId;
  }

  private post(message: ToWebview): void {
    const checked = checkToWebview(message);
    if (!checked.ok) {
      this.deps.log.error(`Not sending an invalid ${message.type} message to the lesson panel: ${checked.error}`);
      return;
    }
    void this.panel.webview.postMessage(message);
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
        LessonPanel.lastSectionInView = message.sectionId;
        await this.deps.context.workspaceState.update(SECTION_IN_VIEW_KEY, message.sectionId);
        return;
    }
  }

  private sendLesson(): void {
    this.ready = true;
    const loaded: LessonLoadResult = loadLesson(this.deps.context.extensionUri.fsPath);
    if (!loaded.ok) {
      this.deps.log.error(`The lesson content is invalid:\n  ${loaded.errors.join('\n  ')}`);
      this.post({ type: 'loadError', errors: loaded.errors });
      return;
    }
    const focusSection = this.pendingFocus;
    const restoreSection = this.restoreSection;
    this.pendingFocus = this.restoreSection = undefined;
    this.post({
      type: 'init',
      lesson: loaded.lesson,
      progress: this.deps.progress.get(),
      ...(focusSection ? { focusSection } : {}),
      ...(restoreSection ? { restoreSection } : {}),
    });
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
