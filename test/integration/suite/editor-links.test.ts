// Following a diagnostic to the lesson: the link its code carries, the Problems panel's code link,
// the hover's excerpt and link, and the protocol link the CLI and ESLint plugin print.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands';
import { activeApi, closeLessonPanel, lessonTabs } from '../extension-api';
import { askHarness, harnessAvailable, screenshot } from '../harness-client';
import { waitFor, waitUntil } from '../wait';
import { RULE_FIXTURES, closeAllEditors, diagnosticsWhere, linkOf, openFile, tidyWorkbench } from './editor-helpers';

/** The Problems panel's "Show Active File Only" filter (a toggle). */
const TOGGLE_ACTIVE_FILE_FILTER = 'workbench.actions.workbench.panel.markers.view.toggleActiveFile';

async function sectionInViewBecomes(sectionId: string): Promise<void> {
  const api = await activeApi();
  await waitUntil(() => api.lessonPanel().sectionInView, (inView) => inView === sectionId, `the lesson to show "${sectionId}"`, 45_000);
}

/** The markdown text of the hovers VS Code would show at a position. */
async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)));
}

describe('editor: links to the lesson', () => {
  before(async () => {
    await closeAllEditors();
    await closeLessonPanel();
  });
  after(async () => {
    await closeLessonPanel();
    await closeAllEditors();
    await tidyWorkbench();
  });

  it("opens the lesson at the rule's section through the command the diagnostic's link carries", async () => {
    for (const fixture of [RULE_FIXTURES[0]!, RULE_FIXTURES[2]!]) {
      const { document } = await openFile(fixture.file);
      const [diagnostic] = await diagnosticsWhere(document.uri, 'a finding', (found) => found.length === 1);
      const link = linkOf(diagnostic!);
      await vscode.commands.executeCommand(link.command, ...link.args);
      await waitFor(() => lessonTabs().length === 1, 'the lesson panel');
      await sectionInViewBecomes(fixture.sectionId);
    }
  });

  it('adds an "Open lesson section" link, then the lesson excerpt, to the hover over a diagnostic', async () => {
    const fixture = RULE_FIXTURES[0]!;
    const editor = await openFile(fixture.file);
    const [diagnostic] = await diagnosticsWhere(editor.document.uri, 'a finding', (found) => found.length === 1);
    const texts = await hoverTexts(editor.document.uri, diagnostic!.range.start.translate(0, 1));
    const ours = texts.find((text) => text.includes('Open lesson section'));
    assert.ok(ours, `our hover is there: ${JSON.stringify(texts)}`);
    assert.match(ours, /Always cap retries and use jittered backoff/);
    assert.match(ours, /A retry loop with no limit keeps adding load/);
    // The link stands above the excerpt, where a short hover still shows it without scrolling.
    assert.ok(ours.indexOf('Open lesson section') < ours.search(/Always cap retries/), `the link comes before the excerpt: ${ours}`);
    assert.ok(ours.includes(`command:${Commands.openLesson}?${encodeURIComponent(JSON.stringify([fixture.sectionId]))}`), ours);
    const outside = await hoverTexts(editor.document.uri, new vscode.Position(0, 0));
    assert.ok(!outside.some((text) => text.includes('Open lesson section')), 'no lesson hover away from the finding');
    // What a person sees: the cursor on the finding, the hover open.
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(diagnostic!.range.start.translate(0, 2), diagnostic!.range.start.translate(0, 2));
    await vscode.commands.executeCommand('editor.action.showHover');
    if (harnessAvailable()) {
      await waitFor(() => askHarness({ action: 'evaluate', expression: `document.querySelector('.monaco-hover a[data-href*="integrationCoach.openLesson"]') !== null`, frameWith: '.monaco-workbench' }).then((answer) => answer.detail === 'true'), 'the hover on screen');
      await screenshot('diagnostic-hover');
      // On screen, the link sits above the excerpt's first line.
      const linkAboveExcerpt = `(() => { const hover = [...document.querySelectorAll('.monaco-hover')].find((element) => element.querySelector('a[data-href*="integrationCoach.openLesson"]'));
        const link = hover.querySelector('a[data-href*="integrationCoach.openLesson"]'); const quote = hover.querySelector('blockquote');
        return quote !== null && link.getBoundingClientRect().bottom <= quote.getBoundingClientRect().top; })()`;
      const answer = await askHarness({ action: 'evaluate', expression: linkAboveExcerpt, frameWith: '.monaco-workbench' });
      assert.equal(answer.detail, 'true', 'the link is drawn above the excerpt');
    }
  });

  it('opens the lesson section when the link in the hover is clicked', async function () {
    if (!harnessAvailable()) this.skip();
    await closeLessonPanel();
    const editor = await openFile(RULE_FIXTURES[2]!.file);
    const [diagnostic] = await diagnosticsWhere(editor.document.uri, 'a finding', (found) => found.length === 1);
    editor.selection = new vscode.Selection(diagnostic!.range.start.translate(0, 2), diagnostic!.range.start.translate(0, 2));
    await vscode.commands.executeCommand('editor.action.showHover');
    const selector = '.monaco-hover a[data-href*="integrationCoach.openLesson"]';
    await waitFor(() => askHarness({ action: 'evaluate', expression: `document.querySelector('${selector}') !== null`, frameWith: '.monaco-workbench' }).then((answer) => answer.detail === 'true'), 'the hover on screen');
    await askHarness({ action: 'click', selector });
    await sectionInViewBecomes(RULE_FIXTURES[2]!.sectionId);
  });

  it("opens the lesson section when the rule's code is clicked in the Problems panel", async function () {
    if (!harnessAvailable()) this.skip();
    await closeLessonPanel();
    await closeAllEditors();
    const fixture = RULE_FIXTURES[3]!;
    const { document } = await openFile(fixture.file);
    await diagnosticsWhere(document.uri, 'a finding', (found) => found.length === 1);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    // The panel's list is virtual: it draws only the rows in sight. Files that earlier tests left open (VS Code
    // keeps a closed editor's document for a while) sort above this one and can push its row out of sight, so
    // the panel is filtered to the active file, as a user with a busy Problems panel would do.
    await vscode.commands.executeCommand(TOGGLE_ACTIVE_FILE_FILTER);
    try {
      const selector = `a.monaco-link[href*="integrationCoach.openLesson"][href*="${fixture.sectionId}"]`;
      await waitFor(() => askHarness({ action: 'evaluate', expression: `document.querySelector('${selector}') !== null`, frameWith: '.monaco-workbench' }).then((answer) => answer.detail === 'true'), 'the code link in the Problems panel');
      await screenshot('problems-panel');
      await askHarness({ action: 'click', selector });
    } finally {
      await vscode.commands.executeCommand(TOGGLE_ACTIVE_FILE_FILTER);
    }
    await waitFor(() => lessonTabs().length === 1, 'the lesson panel to open from the Problems panel');
    await sectionInViewBecomes(fixture.sectionId);
  });

  it(`serves the ${'<scheme>'}://integration-coach.integration-coach/lesson?section=<id> link the CLI and ESLint plugin print`, async () => {
    await closeLessonPanel();
    const api = await activeApi();
    const link = api.editor.lessonProtocolLink('key-terms');
    assert.equal(link, `${vscode.env.uriScheme}://integration-coach.integration-coach/lesson?section=key-terms`);
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(link));
    await waitFor(() => lessonTabs().length === 1, `the lesson panel to open from ${link}`);
    await sectionInViewBecomes('key-terms');
  });
});
