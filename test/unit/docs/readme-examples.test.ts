// The README's "rules at a glance": each example is run through the rules, so the README never shows a
// warning the rules do not give, or a fix they still flag. A block opens with `// ❌ <rule-id>: …` (exactly
// that rule, once) or `// ✅ …` (nothing).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../../src/analysis/analyze';
import { RULE_IDS } from '../../../src/analysis/rules/catalog';
import { repoRoot } from '../repo-root';

const SECTION = '### The rules at a glance';

function glanceExamples(): string[] {
  const readme = readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const start = readme.indexOf(SECTION);
  assert.ok(start >= 0, `the README has "${SECTION}"`);
  const end = readme.indexOf('\n#', start + SECTION.length);
  return [...readme.slice(start, end).matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

describe('the README\'s examples of the rules', () => {
  const examples = glanceExamples();

  it('flag every rule at least once and show a fix that passes', () => {
    const flagged = new Set(examples.map((code) => /^\/\/ ❌ ([\w-]+):/.exec(code)?.[1]).filter(Boolean));
    assert.deepEqual([...flagged].sort(), [...RULE_IDS].sort());
    assert.ok(examples.some((code) => code.startsWith('// ✅')));
  });

  for (const [index, code] of examples.entries()) {
    const verdict = /^\/\/ (❌ ([\w-]+)|✅)/.exec(code);
    it(`example ${index + 1} (${verdict?.[2] ?? 'no finding'}) gets what its first line says`, () => {
      assert.ok(verdict, `example ${index + 1} opens with // ❌ <rule-id>: or // ✅:\n${code}`);
      const found = analyze(code, `readme-example-${index + 1}.ts`).map((finding) => finding.ruleId);
      assert.deepEqual(found, verdict[2] ? [verdict[2]] : [], code);
    });
  }
});
