import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { Commands, LESSON_VIEW_TYPE } from '../../src/commands';
import { analyzeOptionsOf, fileSelectionOf, type EditorSettings } from '../../src/editor/settings-effects';
import { LANGUAGE_EXTENSIONS } from '../../src/editor/text-helpers';

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

  it('puts an "Open lesson" button with the book icon in the title bar of the editors it analyses, and only there', () => {
    const [entry, ...others] = manifest.contributes.menus['editor/title'] as { command: string; when: string; group: string }[];
    assert.equal(others.length, 0);
    assert.equal(entry!.command, Commands.openLesson);
    assert.equal(entry!.group, 'navigation', 'shown as an icon, not in the "..." menu');
    const command = (manifest.contributes.commands as { command: string; icon?: string }[]).find((candidate) => candidate.command === Commands.openLesson);
    assert.equal(command?.icon, '$(book)');
    const languages = entry!.when.split('||').map((clause) => /^\s*editorLangId == ([a-z]+)\s*$/.exec(clause)?.[1]);
    assert.deepEqual(languages.sort(), Object.keys(LANGUAGE_EXTENSIONS).sort(), 'the languages the analysis reads');
  });

  it('targets VS Code ^1.100.0 with a bundled main', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
    assert.match(manifest.main, /^\.\/dist\//);
    assert.deepEqual(manifest.categories, ['Linters', 'Education']);
  });
});

/** A contributed setting's JSON Schema, as far as these tests read it. */
interface SettingSchema {
  type: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  items?: { type: string };
  properties?: Record<string, SettingSchema>;
}

const SETTING_PREFIX = 'integrationCoach.';
const settingSchemas = manifest.contributes.configuration.properties as Record<string, SettingSchema>;

/** A valid value of the setting other than its default: what a workspace could set it to. */
function anotherValue(schema: SettingSchema): unknown {
  if (schema.enum) return schema.enum.find((value) => value !== schema.default);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.default === schema.maximum ? (schema.default as number) - 1 : (schema.default as number) + 1;
    case 'boolean':
      return !schema.default;
    case 'array':
      return [...(schema.default as unknown[]), schema.items?.type === 'string' ? 'workspaceValue' : 1];
    case 'object': {
      const [name, property] = Object.entries(schema.properties ?? {})[0]!;
      return { ...(schema.default as object), [name]: anotherValue(property) };
    }
    default:
      throw new Error(`no other value known for a setting of type ${schema.type}`);
  }
}

/** What the settings decide about files and their analysis (settings-effects.ts), comparable as text. */
function effectsOf(settings: EditorSettings): string {
  return JSON.stringify({ files: fileSelectionOf(settings), analysis: analyzeOptionsOf(settings) });
}

describe('untrusted workspaces', () => {
  it('restrict exactly the settings that decide which files are read or what the analysis is given', () => {
    const names = Object.keys(settingSchemas);
    const defaults = Object.fromEntries(names.map((name) => [name.slice(SETTING_PREFIX.length), settingSchemas[name]!.default])) as unknown as EditorSettings;
    // Any keyword VS Code adds to JSON Schema (scope, markdownDescription, …) is none of ajv's business here.
    const ajv = new Ajv2020({ strict: false });
    const steering = names.filter((name) => {
      const value = anotherValue(settingSchemas[name]!);
      assert.ok(ajv.validate(settingSchemas[name]!, value), `${JSON.stringify(value)} is a valid ${name}`);
      return effectsOf({ ...defaults, [name.slice(SETTING_PREFIX.length)]: value }) !== effectsOf(defaults);
    });
    const { supported, restrictedConfigurations } = manifest.capabilities.untrustedWorkspaces as { supported: string; restrictedConfigurations: string[] };
    assert.equal(supported, 'limited');
    for (const name of restrictedConfigurations) assert.ok(name in settingSchemas, `${name} is a contributed setting`);
    assert.ok(steering.length > 0, 'some setting steers the files read or the analysis');
    assert.deepEqual([...restrictedConfigurations].sort(), steering.sort());
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
