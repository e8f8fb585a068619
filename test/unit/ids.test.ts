// One id means one thing everywhere: a rule id is its file name, its test, its lesson link and its
// diagnostic code; every section id the code uses exists in the content.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../../src/analysis';
import { allSectionIds, RULE_IDS, validateLesson } from '../../src/lesson/content';
import { readRepoJson, repoRoot } from './lesson/helpers';

const root = repoRoot();
const loaded = validateLesson(readRepoJson('content/integration-and-apis.json'));
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const lesson = loaded.lesson;
const sectionIds = allSectionIds(lesson);

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true })
    .map(String)
    .filter((name) => /\.(ts|json)$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => path.join(folder, name));
}

describe('ids across the code and the content', () => {
  it('every rule has a file named by its id, a test file, and the section the content maps it to', () => {
    assert.deepEqual(rules.map((rule) => rule.id).sort(), [...RULE_IDS].sort());
    for (const rule of rules) {
      assert.ok(existsSync(path.join(root, 'src', 'analysis', 'rules', `${rule.id}.ts`)), `src/analysis/rules/${rule.id}.ts`);
      assert.ok(existsSync(path.join(root, 'test', 'unit', 'analysis', 'rules', `${rule.id}.test.ts`)), `test for ${rule.id}`);
      assert.equal(rule.lessonSection, lesson.ruleSections[rule.id].sectionId, `${rule.id}: rule meta and content agree`);
      assert.ok(sectionIds.has(rule.lessonSection), `${rule.id} links to an existing section`);
    }
  });

  it('every section id written in the code exists in the content', () => {
    // Section ids follow recognisable shapes; any string literal of those shapes in the code must resolve.
    const candidate = /['"`]((?:mistake|check|q|step|example)-[a-z0-9-]+|module-header|module-navigation|why-this-matters|learning-outcomes|before-you-begin|common-misconceptions|main-idea|worked-example-retry-storm|common-mistakes|verification-checklist|reflection-prompt|mental-model|failure-modes|key-terms|check-yourself|artefact-and-reflection|optional-practice)['"`]/g;
    const used = new Map<string, string>();
    for (const file of [...sourceFiles('src'), ...sourceFiles('webview'), ...sourceFiles('test/integration')]) {
      for (const match of readFileSync(path.join(root, file), 'utf8').matchAll(candidate)) used.set(match[1], file);
    }
    assert.ok(used.size >= 5, `found the section ids the code uses (${[...used.keys()].join(', ')})`);
    for (const [id, file] of used) assert.ok(sectionIds.has(id) || lesson.sections.some((s) => JSON.stringify(s).includes(`"${id}"`)), `${id} (used in ${file}) exists in the content`);
  });
});
