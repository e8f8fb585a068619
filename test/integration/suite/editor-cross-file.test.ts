// The analysis across files in the real VS Code: a document's imports are followed within its workspace
// folder, an edit of the imported file (saved or not) analyses the importer again, and the setting turns it off.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ruleIdOf } from '../../../src/editor/diagnostics';
import { closeAllEditors, diagnosticsWhere, openFile, revert, updateSetting } from './editor-helpers';

const CART = 'src/cross/cart.ts';
const CLIENT = 'src/cross/api.ts';

async function replaceIn(document: vscode.TextDocument, text: string, replacement: string): Promise<void> {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `${text} is in ${vscode.workspace.asRelativePath(document.uri)}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + text.length)), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('editor: analysis across files', () => {
  afterEach(async () => {
    await updateSetting('crossFile', undefined);
    for (const document of vscode.workspace.textDocuments) await revert(document);
  });
  after(closeAllEditors);

  it('reports a POST through a client that another file configures to retry, naming that file', async () => {
    const { document } = await openFile(CART);
    const [diagnostic] = await diagnosticsWhere(document.uri, 'the missing key through the imported client', (found) => found.length === 1);
    assert.equal(ruleIdOf(diagnostic!), 'missing-idempotency-key');
    assert.match(diagnostic!.message, /retried by the `api` client from src\/cross\/api\.ts/);
  });

  it('analyses the importer again when the imported file is edited, before it is saved, and after the edit is undone', async () => {
    const { document: cart } = await openFile(CART);
    await diagnosticsWhere(cart.uri, 'the finding', (found) => found.length === 1);
    const { document: client } = await openFile(CLIENT);
    await replaceIn(client, 'retries: 3', 'retries: 0');
    assert.ok(client.isDirty, 'the edit is not saved');
    await diagnosticsWhere(cart.uri, 'no finding once the client retries no more', (found) => found.length === 0);
    await revert(client);
    await diagnosticsWhere(cart.uri, 'the finding back once the client is as on disk', (found) => found.length === 1);
  });

  it('reads each file alone with integrationCoach.crossFile off', async () => {
    const { document } = await openFile(CART);
    await diagnosticsWhere(document.uri, 'the finding', (found) => found.length === 1);
    await updateSetting('crossFile', false);
    await diagnosticsWhere(document.uri, 'no finding: the retry is in another file', (found) => found.length === 0);
  });
});
