// Settings take effect at once: severities per rule (off removes the finding), when to analyse, what is
// excluded (as the workspace scan excludes it, .gitignore files included), the project's configuration file
// beneath them, and an invalid value gets one warning naming the setting while the default is used.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands';
import type { ScanSummary } from '../../../src/editor/workspace-scan';
import { activeApi } from '../extension-api';
import { harnessAvailable, screenshot } from '../harness-client';
import { waitFor } from '../wait';
import { closeAllEditors, diagnosticsWhere, notificationTexts, openFile, revert, tidyWorkbench, updateSetting, workspaceUri } from './editor-helpers';

const FILE = 'rules/retry-without-jitter.ts';

describe('editor: settings', () => {
  afterEach(async () => {
    for (const key of ['rules', 'run', 'debounceMs', 'exclude']) await updateSetting(key, undefined);
    for (const document of vscode.workspace.textDocuments) await revert(document);
  });
  after(async () => {
    await closeAllEditors();
    await tidyWorkbench();
  });

  it('removes a rule set to "off" and re-analyses open documents with the new severity at once', async () => {
    const { document } = await openFile(FILE);
    await diagnosticsWhere(document.uri, 'the warning', (found) => found.length === 1 && found[0]!.severity === vscode.DiagnosticSeverity.Warning);
    await updateSetting('rules', { 'retry-without-jitter': 'off' });
    await diagnosticsWhere(document.uri, 'the finding gone', (found) => found.length === 0);
    await updateSetting('rules', { 'retry-without-jitter': 'error' });
    await diagnosticsWhere(document.uri, 'an error', (found) => found.length === 1 && found[0]!.severity === vscode.DiagnosticSeverity.Error);
    await updateSetting('rules', { 'retry-without-jitter': 'info' });
    await diagnosticsWhere(document.uri, 'information', (found) => found.length === 1 && found[0]!.severity === vscode.DiagnosticSeverity.Information);
  });

  it('with "run": "onSave", analyses when the document is saved, not while typing', async () => {
    const api = await activeApi();
    await updateSetting('run', 'onSave');
    const { document } = await openFile(FILE);
    await diagnosticsWhere(document.uri, 'the finding', (found) => found.length === 1);
    const at = document.getText().indexOf('sleep(1000)');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + 'sleep(1000)'.length)), 'sleep(Math.random() * 1000)');
    await vscode.workspace.applyEdit(edit);
    // Absence needs some waiting: three debounce periods without an analysis of the edited version.
    await new Promise((resolve) => setTimeout(resolve, 900));
    assert.notEqual(api.editor.analysedVersion(document.uri), document.version, 'not analysed while typing');
    assert.ok(await document.save());
    await diagnosticsWhere(document.uri, 'the finding gone after saving', (found) => found.length === 0);
    // Put the file back as it was, for the other tests.
    const restore = new vscode.WorkspaceEdit();
    const fixedAt = document.getText().indexOf('sleep(Math.random() * 1000)');
    restore.replace(document.uri, new vscode.Range(document.positionAt(fixedAt), document.positionAt(fixedAt + 'sleep(Math.random() * 1000)'.length)), 'sleep(1000)');
    await vscode.workspace.applyEdit(restore);
    assert.ok(await document.save());
    await diagnosticsWhere(document.uri, 'the finding back', (found) => found.length === 1);
  });

  it('leaves an open document out exactly when the workspace scan does: a bare folder name in "exclude", a .gitignore', async () => {
    const { document } = await openFile(FILE);
    await diagnosticsWhere(document.uri, 'the finding', (found) => found.length === 1);
    // A bare name is the folder at the top of the workspace folder, for the scan (files.exclude's reading) and now live.
    await updateSetting('exclude', ['rules']);
    await diagnosticsWhere(document.uri, 'the finding gone once rules/ is excluded', (found) => found.length === 0);
    const scan = await vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspace);
    assert.deepEqual(Object.keys(scan.byFile).filter((file) => file.startsWith('rules/')), [], 'the scan leaves rules/ out too');
    await updateSetting('exclude', undefined);
    await diagnosticsWhere(document.uri, 'the finding back', (found) => found.length === 1);
    const gitignore = workspaceUri('.gitignore');
    await vscode.workspace.fs.writeFile(gitignore, new TextEncoder().encode(`${FILE}\n`));
    try {
      await diagnosticsWhere(document.uri, 'the finding gone once .gitignore ignores the file', (found) => found.length === 0);
    } finally {
      await vscode.workspace.fs.delete(gitignore);
    }
    await diagnosticsWhere(document.uri, 'the finding back once the .gitignore is gone', (found) => found.length === 1);
  });

  it('reads the project\'s configuration file beneath the settings, at once when it comes, changes or goes', async () => {
    const { document } = await openFile(FILE);
    await diagnosticsWhere(document.uri, 'the warning', (found) => found.length === 1 && found[0]!.severity === vscode.DiagnosticSeverity.Warning);
    const configFile = workspaceUri('integration-coach.config.json');
    const write = (text: string) => vscode.workspace.fs.writeFile(configFile, new TextEncoder().encode(text));
    await write('{ "rules": { "retry-without-jitter": "error" } }');
    try {
      await diagnosticsWhere(document.uri, 'an error, as the file says', (found) => found.length === 1 && found[0]!.severity === vscode.DiagnosticSeverity.Error);
      await updateSetting('rules', { 'retry-without-jitter': 'info' });
      await diagnosticsWhere(document.uri, 'information: a setting wins over the file', (found) => found.length === 1 && found[0]!.severity === vscode.DiagnosticSeverity.Information);
      await updateSetting('rules', undefined);
      await write('{ "rules": { "retry-without-jitter": "off" } }');
      await diagnosticsWhere(document.uri, 'the finding gone once the file turns the rule off', (found) => found.length === 0);
    } finally {
      await vscode.workspace.fs.delete(configFile);
    }
    await diagnosticsWhere(document.uri, 'the warning back once the file is gone', (found) => found.length === 1 && found[0]!.severity === vscode.DiagnosticSeverity.Warning);
  });

  it('warns once, naming the setting, when a value is invalid, and keeps working with the default', async () => {
    const api = await activeApi();
    const warningsBefore = api.editor.settingWarnings().length;
    const { document } = await openFile(FILE);
    await updateSetting('debounceMs', 5);
    await waitFor(() => api.editor.settingWarnings().length === warningsBefore + 1, 'the warning');
    const [warning] = api.editor.settingWarnings().slice(warningsBefore);
    assert.match(warning!, /"integrationCoach\.debounceMs" is invalid/);
    assert.match(warning!, /using the default, 300/);
    if (harnessAvailable()) {
      await waitFor(async () => (await notificationTexts()).some((text) => text.includes('integrationCoach.debounceMs')), 'the warning in the notifications');
      await screenshot('setting-warning');
    }
    await updateSetting('debounceMs', 'soon');
    // The document is still analysed, with the default debounce.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '// touched\n');
    await vscode.workspace.applyEdit(edit);
    await waitFor(() => api.editor.analysedVersion(document.uri) === document.version, 'the edited version analysed');
    assert.equal(api.editor.settingWarnings().length, warningsBefore + 1, 'one warning per setting per session, however often it is wrong');
  });
});
