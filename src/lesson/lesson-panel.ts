import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import { LESSON_VIEW_TYPE } from '../commands';

/** The one lesson panel: created beside the active editor, revealed when it already exists. */
export class LessonPanel {
  private static current: LessonPanel | undefined;

  static createOrShow(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, sectionId?: string): LessonPanel {
    if (LessonPanel.current) {
      LessonPanel.current.panel.reveal(vscode.ViewColumn.Beside);
      return LessonPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(LESSON_VIEW_TYPE, 'Integration and APIs', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: LessonPanel.resourceRoots(context),
    });
    log.info(`lesson panel opened${sectionId ? ` at ${sectionId}` : ''}`);
    LessonPanel.current = new LessonPanel(panel, context);
    return LessonPanel.current;
  }

  /** Only the built webview assets and the media folder may be loaded by the panel. */
  static resourceRoots(context: vscode.ExtensionContext): vscode.Uri[] {
    return [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(context.extensionUri, 'media')];
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
  ) {
    panel.webview.html = this.html();
    panel.onDidDispose(() => this.dispose(), undefined, context.subscriptions);
  }

  dispose(): void {
    if (LessonPanel.current === this) LessonPanel.current = undefined;
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = crypto.randomBytes(16).toString('base64');
    const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...parts));
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${asset('media', 'lesson.css')}">
  <title>Integration and APIs</title>
</head>
<body>
  <main id="lesson" aria-live="polite"><h1>Integration and APIs</h1></main>
  <script nonce="${nonce}" src="${asset('dist', 'webview', 'lesson.js')}"></script>
</body>
</html>`;
  }
}
