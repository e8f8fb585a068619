import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Commands, LESSON_VIEW_TYPE } from '../../src/commands';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe('extension manifest', () => {
  it('contributes exactly the commands the code registers, all in the Integration Coach category', () => {
    const contributed = manifest.contributes.commands as { command: string; category: string }[];
    assert.deepEqual(contributed.map((entry) => entry.command).sort(), Object.values(Commands).sort());
    for (const entry of contributed) assert.equal(entry.category, 'Integration Coach', entry.command);
  });

  it('activates on TypeScript and JavaScript documents and on the lesson panel, not on start-up', () => {
    const events = manifest.activationEvents as string[];
    for (const language of ['typescript', 'typescriptreact', 'javascript', 'javascriptreact']) {
      assert.ok(events.includes(`onLanguage:${language}`), language);
    }
    assert.ok(events.includes(`onWebviewPanel:${LESSON_VIEW_TYPE}`));
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), 'no eager activation');
  });

  it('targets VS Code ^1.100.0 with a bundled main', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
    assert.match(manifest.main, /^\.\/dist\//);
    assert.deepEqual(manifest.categories, ['Linters', 'Education']);
  });
});
