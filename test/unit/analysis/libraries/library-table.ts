// Runs a registry entry's cases through the real analysis (every rule). Each case lists every finding
// it expects, as [1-based line, rule id], and optionally a fragment each message must hold; a case
// with no findings is a library use that must stay silent.
import assert from 'node:assert/strict';
import { analyze, type AnalyzeOptions, type RuleId } from '../../../../src/analysis';
import type { LibrarySpec } from '../../../../src/analysis/libraries';

export interface LibraryCase {
  /** What the case shows, in words: the test's title. */
  title: string;
  code: string;
  /** Every finding expected, as [line, rule]; empty for a use that must stay silent. */
  findings: [number, RuleId][];
  /** Fragments that the messages must hold, in the order of `findings`. */
  messages?: string[];
  options?: AnalyzeOptions;
  fileName?: string;
}

export function runLibraryTable(specs: readonly LibrarySpec[], cases: LibraryCase[]): void {
  for (const spec of specs) {
    it(`${spec.id}: states its modules or names, its documentation and its defaults`, () => {
      assert.ok(spec.modules.length + spec.names.length > 0, 'the pre-check needs a module or a name to find it by');
      assert.match(spec.docs, /^https:\/\//, 'the defaults name where they were read');
      assert.ok(spec.defaults.retries === 'unlimited' || Number.isInteger(spec.defaults.retries));
    });
  }
  for (const testCase of cases) {
    it(testCase.title, () => {
      const findings = analyze(testCase.code, testCase.fileName ?? 'case.ts', testCase.options);
      const described = findings.map((finding) => `${finding.range.start.line + 1} ${finding.ruleId}: ${finding.message}`);
      assert.deepEqual(findings.map((finding) => [finding.range.start.line + 1, finding.ruleId]), testCase.findings, described.join('\n'));
      (testCase.messages ?? []).forEach((fragment, i) => assert.ok(findings[i]!.message.includes(fragment), `"${findings[i]!.message}" should include "${fragment}"`));
    });
  }
}
