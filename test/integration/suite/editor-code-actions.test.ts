// The code actions on each finding, applied in the real VS Code: every quick fix leaves code that
// parses and clears its finding; "Disable for this line", "Disable for this file" and "Open lesson" do what they say.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands';
import { ruleIdOf } from '../../../src/editor/diagnostics';
import { activeApi, closeLessonPanel } from '../extension-api';
import { waitFor } from '../wait';
import { RULE_FIXTURES, analysed, closeAllEditors, diagnosticsWhere, openFile, parseErrors, revert, type RuleFixture } from './editor-helpers';

/** The quick fixes VS Code offers at the diagnostic (the API command does not return each action's diagnostics). */
async function actionsFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
}

async function findingOf(fixture: RuleFixture): Promise<{ document: vscode.TextDocument; diagnostic: vscode.Diagnostic }> {
  const { document } = await openFile(fixture.file);
  const [diagnostic] = await diagnosticsWhere(document.uri, `the ${fixture.ruleId} finding`, (found) => found.length === 1);
  return { document, diagnostic: diagnostic! };
}

describe('editor: code actions', () => {
  afterEach(async () => {
    for (const document of vscode.workspace.textDocuments) await revert(document);
  });
  after(async () => {
    await closeLessonPanel();
    await closeAllEditors();
  });

  for (const fixture of RULE_FIXTURES) {
    it(`offers the fix, the lesson and a disable comment for ${fixture.ruleId} in ${fixture.file}; the fix parses and clears the finding`, async () => {
      const { document, diagnostic } = await findingOf(fixture);
      const actions = await actionsFor(document, diagnostic);
      const titles = actions.map((action) => action.title);
      assert.ok(actions.length >= 3, `actions: ${JSON.stringify(titles)}`);
      const fix = actions.find((action) => action.isPreferred);
      assert.ok(fix, `a preferred fix: ${JSON.stringify(titles)}`);
      assert.ok(titles.indexOf(fix.title) < titles.findIndex((title) => title.startsWith('Open lesson: ')), 'the fix comes before the lesson');
      assert.ok(fix!.edit, 'the fix edits the code');
      assert.equal(fix!.kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.ok(titles.some((title) => /^Open lesson: .+/.test(title) && !title.includes(fixture.sectionId)), `an "Open lesson: <section title>" action: ${JSON.stringify(titles)}`);
      assert.ok(titles.includes(`Disable ${fixture.ruleId} for this line`), JSON.stringify(titles));
      assert.equal(titles.indexOf(`Disable ${fixture.ruleId} for this file`), titles.indexOf(`Disable ${fixture.ruleId} for this line`) + 1, `"for this file" next to "for this line": ${JSON.stringify(titles)}`);
      assert.equal(actions.filter((action) => action.isPreferred).length, 1, 'one preferred action');

      assert.ok(await vscode.workspace.applyEdit(fix!.edit!), 'the fix applies');
      assert.deepEqual(parseErrors(document.getText(), document.fileName), [], `the fixed code parses:\n${document.getText()}`);
      const after = await analysed(document);
      assert.deepEqual(after.filter((d) => ruleIdOf(d) === fixture.ruleId).map((d) => d.message), [], `no ${fixture.ruleId} finding after "${fix!.title}":\n${document.getText()}`);
    });
  }

  it('disables a rule for one line with a comment at the line\'s indentation', async () => {
    const fixture = RULE_FIXTURES[3]!;
    const { document, diagnostic } = await findingOf(fixture);
    const line = diagnostic.range.start.line;
    const indentation = /^\s*/.exec(document.lineAt(line).text)![0];
    const disable = (await actionsFor(document, diagnostic)).find((action) => action.title === `Disable ${fixture.ruleId} for this line`);
    assert.ok(disable?.edit);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.equal(document.lineAt(line).text, `${indentation}// integration-coach-disable-next-line ${fixture.ruleId}`);
    assert.deepEqual(parseErrors(document.getText(), document.fileName), []);
    assert.deepEqual((await analysed(document)).map((d) => ruleIdOf(d)), [], 'the finding is suppressed');
  });

  it('disables a rule for the whole file with a disable block at the top, which the analysis honours', async () => {
    const fixture = RULE_FIXTURES[0]!;
    const { document, diagnostic } = await findingOf(fixture);
    const firstLine = document.lineAt(0).text;
    const disable = (await actionsFor(document, diagnostic)).find((action) => action.title === `Disable ${fixture.ruleId} for this file`);
    assert.ok(disable?.edit);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    // The fixture's first comment touches its code (it describes it), so the directive goes above it.
    assert.equal(document.lineAt(0).text, `/* integration-coach-disable ${fixture.ruleId} */`);
    assert.equal(document.lineAt(1).text, firstLine);
    assert.deepEqual(parseErrors(document.getText(), document.fileName), []);
    assert.deepEqual((await analysed(document)).map((d) => ruleIdOf(d)), [], 'the finding is gone');
  });

  it('opens the lesson at the rule\'s section from "Open lesson: …"', async () => {
    const fixture = RULE_FIXTURES[2]!;
    await closeLessonPanel();
    const { document, diagnostic } = await findingOf(fixture);
    const open = (await actionsFor(document, diagnostic)).find((action) => action.title.startsWith('Open lesson: '));
    assert.equal(open?.command?.command, Commands.openLesson);
    assert.deepEqual(open.command.arguments, [fixture.sectionId]);
    await vscode.commands.executeCommand(open.command.command, ...open.command.arguments!);
    const api = await activeApi();
    await waitFor(() => api.lessonPanel().sectionInView === fixture.sectionId, `the lesson at ${fixture.sectionId}`, 45_000);
  });
});
