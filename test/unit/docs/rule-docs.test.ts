// The rules' pages (docs/rules/<rule-id>.md) are what src/docs/rule-docs.ts makes from the rule catalog and
// the lesson: one page per rule and no other, each with the lesson's words and examples, so they never drift.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import lesson from '../../../content/integration-and-apis.json';
import { RULE_IDS } from '../../../src/analysis/rules/catalog';
import { RULE_DOCS_FOLDER, ruleDocMarkdown, ruleDocsUrl } from '../../../src/docs/rule-docs';
import { repoRoot } from '../repo-root';

const folder = path.join(repoRoot(), RULE_DOCS_FOLDER);

describe('the rules\' pages on the web', () => {
  it('are one per rule, and each is what the catalog and the lesson make (run `node scripts/rule-docs.mjs` after changing them)', () => {
    assert.deepEqual(readdirSync(folder).sort(), RULE_IDS.map((id) => `${id}.md`).sort());
    for (const id of RULE_IDS) assert.equal(readFileSync(path.join(folder, `${id}.md`), 'utf8'), ruleDocMarkdown(id), `${RULE_DOCS_FOLDER}/${id}.md is stale`);
  });

  it('carry the lesson\'s examples for the rule, flagged and not, and how to switch the rule off', () => {
    const examples = lesson.sections.flatMap((section) => ('items' in section ? (section.items as { examples?: { rules: string[]; code: string; verdict: string }[] }[]) : []))
      .flatMap((item) => item.examples ?? []);
    for (const id of RULE_IDS) {
      const page = ruleDocMarkdown(id);
      const own = examples.filter((example) => example.rules.includes(id));
      assert.ok(own.some((example) => example.verdict === 'bad') && own.some((example) => example.verdict === 'good'), `the lesson has both kinds of example for ${id}`);
      for (const example of own) assert.ok(page.includes(example.code), `${id}: an example is missing`);
      assert.match(page, new RegExp(`^## Flagged$[\\s\\S]*^## Not flagged: how to fix$[\\s\\S]*^## Options$[\\s\\S]*integration-coach-disable-next-line ${id}`, 'm'));
    }
  });

  it('are linked on the repository, from package.json\'s repository', () => {
    assert.equal(ruleDocsUrl('unbounded-retry'), 'https://github.com/integration-coach/integration-coach/blob/main/docs/rules/unbounded-retry.md');
  });
});
