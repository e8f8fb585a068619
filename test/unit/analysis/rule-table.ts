// Runs a rule's static valid/invalid tables through the real analysis. Lines in the tables are
// 1-based (as an editor shows them); findings are 0-based, so the runner converts.
import assert from 'node:assert/strict';
import { analyze } from '../../../src/analysis';
import type { AnalyzeOptions, Finding, RuleId } from '../../../src/analysis';

export interface ValidCase {
  code: string;
  options?: AnalyzeOptions;
  fileName?: string;
}

export interface InvalidCase {
  code: string;
  /** 1-based line of the finding. */
  line: number;
  /** The expected message id, or a substring of the message (at least one of them). */
  messageId?: string;
  message?: string;
  options?: AnalyzeOptions;
  fileName?: string;
}

export function findingsOf(ruleId: RuleId, code: string, options?: AnalyzeOptions, fileName = 'case.ts'): Finding[] {
  return analyze(code, fileName, options).filter((finding) => finding.ruleId === ruleId);
}

function title(code: string): string {
  const line = code.split('\n').find((text) => text.trim().length > 0 && !text.trim().startsWith('//')) ?? code;
  return line.trim().slice(0, 70);
}

export function runRuleTable(ruleId: RuleId, valid: (string | ValidCase)[], invalid: InvalidCase[]): void {
  describe('valid', () => {
    valid.forEach((entry, i) => {
      const testCase = typeof entry === 'string' ? { code: entry } : entry;
      it(`#${i + 1} ${title(testCase.code)}`, () => {
        const findings = findingsOf(ruleId, testCase.code, testCase.options, testCase.fileName);
        assert.deepEqual(findings.map((finding) => `${finding.range.start.line + 1}: ${finding.message}`), []);
      });
    });
  });
  describe('invalid', () => {
    invalid.forEach((testCase, i) => {
      it(`#${i + 1} line ${testCase.line}: ${title(testCase.code)}`, () => {
        const findings = findingsOf(ruleId, testCase.code, testCase.options, testCase.fileName);
        assert.deepEqual(findings.map((finding) => finding.range.start.line + 1), [testCase.line], `findings: ${JSON.stringify(findings.map((f) => [f.range.start.line + 1, f.message]))}`);
        const [finding] = findings;
        if (testCase.messageId) assert.equal(finding!.messageId, testCase.messageId, finding!.message);
        if (testCase.message) assert.ok(finding!.message.includes(testCase.message), `"${finding!.message}" should include "${testCase.message}"`);
        assert.ok(finding!.lessonSection.length > 0);
        assert.ok(finding!.range.end.line - finding!.range.start.line <= 1, 'the range stays on the construct head');
      });
    });
  });
}
