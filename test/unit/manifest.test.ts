import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Commands, LESSON_VIEW_TYPE } from '../../src/commands';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

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

describe('walkthrough', () => {
  it('has the three steps, each completed by one of our contributed commands, with media that exists', () => {
    const [walkthrough] = manifest.contributes.walkthroughs as { title: string; steps: { id: string; completionEvents: string[]; description: string; media: { markdown: string } }[] }[];
    assert.equal(walkthrough.title, 'Learn integration with Integration Coach');
    assert.deepEqual(walkthrough.steps.map((step) => step.id), ['openLesson', 'seeWarning', 'takeQuickCheck']);
    const contributed = new Set((manifest.contributes.commands as { command: string }[]).map((entry) => entry.command));
    for (const step of walkthrough.steps) {
      for (const event of step.completionEvents) {
        const command = event.replace(/^onCommand:/, '');
        assert.ok(event.startsWith('onCommand:') && contributed.has(command), `${step.id}: ${event}`);
        assert.ok(step.description.includes(`command:${command}`), `${step.id} links to the command it waits for`);
      }
      assert.ok(existsSync(path.join(root, step.media.markdown)), step.media.markdown);
    }
  });
});
