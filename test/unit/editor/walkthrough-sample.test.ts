// The walkthrough's "See a warning" page describes the sample it opens: every piece of code it quotes is in the
// sample, the rules it names are exactly those the analysis reports on the sample, and each rule is said to sit
// on the construct its finding starts at.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../../src/analysis';
import { RULE_IDS } from '../../../src/analysis/rules/catalog';
import { SAMPLE_SOURCE } from '../../../src/editor/sample-source';
import { repoRoot } from '../repo-root';

const page = readFileSync(path.join(repoRoot(), 'media', 'walkthrough', 'warning.md'), 'utf8');
const quoted = [...page.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
const ruleIds: ReadonlySet<string> = new Set(RULE_IDS);
/** Keys to press, not code: `Ctrl+.`, `Cmd+.`. */
const isKeyChord = (text: string) => /^(Ctrl|Cmd)\+/.test(text);
const findings = analyze(SAMPLE_SOURCE, 'sample.ts');
const sampleLines = SAMPLE_SOURCE.split('\n');

describe('walkthrough: the sample page matches the sample', () => {
  it('quotes only code that is in the sample', () => {
    const code = quoted.filter((text) => !ruleIds.has(text) && !isKeyChord(text));
    assert.ok(code.length > 0, 'the page quotes the sample');
    for (const text of code) assert.ok(SAMPLE_SOURCE.includes(text), `"${text}" is in the sample`);
  });

  it('names exactly the rules the analysis reports on the sample', () => {
    const named = [...new Set(quoted.filter((text) => ruleIds.has(text)))].sort();
    assert.deepEqual(named, [...new Set(findings.map((finding) => finding.ruleId))].sort());
  });

  it('puts each rule on the construct where its finding starts', () => {
    const bullets = [...page.matchAll(/^- `([a-z-]+)` on the `([^`]+)`/gm)];
    assert.equal(bullets.length, findings.length, 'one bullet per finding');
    for (const [, ruleId, construct] of bullets) {
      const finding = findings.find((candidate) => candidate.ruleId === ruleId);
      assert.ok(finding, `${ruleId} is reported`);
      assert.ok(sampleLines[finding.range.start.line]!.includes(construct!), `${ruleId} starts on the line with "${construct}"`);
    }
  });
});
