// The rule catalog (src/analysis/rules/catalog.ts) defines the rules once. Code derives its lists
// from it; the JSON files that cannot import it (package.json's settings, the lesson schema and
// content) are checked here, and so is every other place that names the rules: a drift fails.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rules as coreRules } from '../../../../src/analysis';
import { allRules } from '../../../../src/analysis/rules/index';
import { RULE_CATALOG, RULE_IDS, ruleMeta } from '../../../../src/analysis/rules/catalog';
import { HELP } from '../../../../src/cli/args';
import { formatSarif } from '../../../../src/cli/formatters/sarif';
import { RULE_IDS as CLI_RULE_IDS } from '../../../../src/cli/rule-ids';
import { rules as eslintRules } from '../../../../src/eslint-plugin/rules';
import { ruleDocsUrl } from '../../../../src/docs/rule-docs';
import { RULE_IDS as LESSON_RULE_IDS } from '../../../../src/lesson/content-types';
import { repoRoot } from '../../repo-root';

const ROOT = repoRoot();
const IDS = RULE_CATALOG.map((entry) => entry.id);
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

/** Every array of strings and every object's key list in a JSON value that names at least one rule, by its path. */
function ruleListsIn(value: unknown, where = ''): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const names = (list: string[]) => list.some((item) => (IDS as readonly string[]).includes(item));
  const visit = (node: unknown, at: string) => {
    if (Array.isArray(node)) {
      if (node.every((item) => typeof item === 'string') && names(node)) found.set(at, node);
      node.forEach((item, index) => visit(item, `${at}/${index}`));
    } else if (node && typeof node === 'object') {
      const keys = Object.keys(node);
      if (names(keys)) found.set(`${at} (keys)`, keys);
      for (const [key, child] of Object.entries(node)) visit(child, `${at}/${key}`);
    }
  };
  visit(value, where);
  return found;
}

/** Source files of the product and its scripts (tests are free to name rules one by one). */
function productSources(): string[] {
  return ['src', 'webview', 'scripts'].flatMap((folder) =>
    readdirSync(path.join(ROOT, folder), { recursive: true })
      .map(String)
      .filter((name) => /\.(ts|mts|mjs|js)$/.test(name) && !name.endsWith('.d.ts'))
      .map((name) => path.join(folder, name)),
  );
}

describe('rule catalog', () => {
  it('has one entry per rule, with a distinct id, a lesson section and at least one message', () => {
    assert.equal(new Set(IDS).size, IDS.length);
    assert.ok(IDS.length >= 4);
    for (const entry of RULE_CATALOG) {
      assert.match(entry.id, /^[a-z]+(-[a-z]+)+$/);
      assert.match(entry.lessonSection, /^mistake-/);
      assert.ok(Object.keys(entry.messages).length > 0, entry.id);
      assert.match(entry.description, /^[A-Z].*\.$/, `${entry.id}: one sentence`);
    }
  });

  it("is the core's rule list: the rules run in its order, each with the meta made from its entry", () => {
    assert.deepEqual([...RULE_IDS], IDS);
    assert.deepEqual(allRules.map((rule) => rule.meta.id), IDS);
    assert.deepEqual(coreRules, IDS.map((id) => ruleMeta(id)));
  });

  it('is the list the CLI knows on its main thread, and the one its help text names', () => {
    assert.deepEqual([...CLI_RULE_IDS], IDS);
    assert.ok(HELP.includes(`Rules: ${IDS.join(', ')}.`), 'the help lists the rules');
  });

  it("is the lesson's list of rules, in its code, its schema and its content", () => {
    assert.deepEqual([...LESSON_RULE_IDS], IDS);
    const schemaLists = ruleListsIn(readJson('content/lesson.schema.json'));
    assert.deepEqual([...schemaLists.keys()].sort(), ['/$defs/ruleId/enum', '/properties/ruleSections/properties (keys)', '/properties/ruleSections/required']);
    for (const [where, list] of schemaLists) assert.deepEqual(list, IDS, `content/lesson.schema.json ${where}`);
    const content = readJson('content/integration-and-apis.json') as { ruleSections: Record<string, { sectionId: string }> };
    assert.deepEqual(Object.keys(content.ruleSections), IDS);
    for (const entry of RULE_CATALOG) assert.equal(content.ruleSections[entry.id]!.sectionId, entry.lessonSection, `${entry.id}: the content links the catalog's section`);
  });

  it("is package.json's list: the rules setting names each rule, with the catalog's default severity", () => {
    const manifest = readJson('package.json') as { contributes: { configuration: unknown } };
    const lists = ruleListsIn(manifest.contributes.configuration, 'contributes.configuration');
    assert.ok(lists.size > 0, 'package.json names the rules somewhere');
    for (const [where, list] of lists) assert.deepEqual(list, IDS, `package.json ${where}`);
    const properties = (manifest.contributes.configuration as { properties: Record<string, { properties?: Record<string, { default: string; enum: string[] }> }> }).properties;
    const perRule = properties['integrationCoach.rules']!.properties!;
    for (const entry of RULE_CATALOG) {
      assert.equal(perRule[entry.id]!.default, entry.defaultSeverity, `${entry.id}: default severity`);
      assert.deepEqual(perRule[entry.id]!.enum, ['off', 'info', 'warning', 'error']);
    }
  });

  it("is the ESLint plugin's rule list, with each rule's description, messages, options and page", () => {
    assert.deepEqual(Object.keys(eslintRules), IDS);
    for (const entry of RULE_CATALOG) {
      const meta = eslintRules[entry.id].meta;
      assert.equal(meta.docs?.url, ruleDocsUrl(entry.id));
      assert.equal(meta.docs?.description, entry.description);
      for (const [id, text] of Object.entries(entry.messages)) assert.equal(meta.messages[id], text, `${entry.id}/${id}`);
      assert.deepEqual(meta.schema, [ruleMeta(entry.id).schema]);
    }
  });

  it("is the SARIF report's rule list, with each rule's default level and lesson link", () => {
    const sarif = JSON.parse(formatSarif([], coreRules, { name: 'integration-coach', version: '0.0.0' }, ROOT)) as { runs: { tool: { driver: { rules: { id: string; helpUri: string; fullDescription: { text: string } }[] } } }[] };
    const listed = sarif.runs[0]!.tool.driver.rules;
    assert.deepEqual(listed.map((rule) => rule.id), IDS);
    for (const [index, entry] of RULE_CATALOG.entries()) {
      assert.equal(listed[index]!.helpUri, ruleDocsUrl(entry.id));
      assert.equal(listed[index]!.fullDescription.text, entry.description);
    }
  });

  it('is the only hand-written list of rule ids in the product and its scripts', () => {
    // Two rule ids quoted one after the other ('a', 'b' or "a" | "b") is a list kept by hand.
    const quoted = IDS.map((id) => id.replace(/-/g, '\\-')).join('|');
    const list = new RegExp(`(['"\`])(?:${quoted})\\1\\s*[,|]\\s*(['"\`])(?:${quoted})\\2`);
    assert.ok(list.test(`export const RULE_IDS = ['unbounded-retry', 'retry-without-jitter'];`) && list.test(`type Id = "missing-idempotency-key" | "unbounded-retry";`), 'the pattern finds a list');
    const catalog = path.join('src', 'analysis', 'rules', 'catalog.ts');
    const offenders = productSources().filter((file) => file !== catalog && list.test(readFileSync(path.join(ROOT, file), 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
