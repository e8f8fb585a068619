// Runs a rule's static valid/invalid tables through the real analysis. Lines and columns in the
// tables are 1-based (as an editor shows them); findings are 0-based, so the runner converts.
// Every invalid case states its finding whole: position, message id, message data and, for each
// fix the finding offers, the fixed code written out by hand.
import assert from 'node:assert/strict';
import { analyze } from '../../../src/analysis';
import type { AnalyzeOptions, Finding, Fix, RuleId } from '../../../src/analysis';

export interface ValidCase {
  code: string;
  options?: AnalyzeOptions;
  fileName?: string;
}

/** A fix as a case states it: its title and the whole code after it is applied. */
export interface ExpectedFix {
  title: string;
  output: string;
}

export interface InvalidCase {
  code: string;
  /** 1-based line of the finding. */
  line: number;
  /** 1-based column of the finding (as an editor shows it). */
  column: number;
  messageId: string;
  /** The values filled into the message template. */
  data: Record<string, string>;
  /** A substring of the message, for a case that is about the wording. */
  message?: string;
  /** Every fix the finding offers, in order; absent when it offers none. */
  fixes?: ExpectedFix[];
  options?: AnalyzeOptions;
  fileName?: string;
}

export function findingsOf(ruleId: RuleId, code: string, options?: AnalyzeOptions, fileName = 'case.ts'): Finding[] {
  return analyze(code, fileName, options).filter((finding) => finding.ruleId === ruleId);
}

/** The code with a fix's edits applied (edits at 0-based line/character positions, applied from the end). */
function applyFix(code: string, fix: Fix): string {
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const offset = (position: { line: number; character: number }) => lineStarts[position.line]! + position.character;
  const edits = [...fix.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  return edits.reduce((text, edit) => text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end)), code);
}

function title(code: string): string {
  const line = code.split('\n').find((text) => text.trim().length > 0 && !text.trim().startsWith('//')) ?? code;
  return line.trim().slice(0, 70);
}

function checkInvalid(ruleId: RuleId, testCase: InvalidCase): void {
  const findings = findingsOf(ruleId, testCase.code, testCase.options, testCase.fileName);
  const positions = findings.map((finding) => `${finding.range.start.line + 1}:${finding.range.start.character + 1}`);
  assert.deepEqual(positions, [`${testCase.line}:${testCase.column}`], `findings: ${JSON.stringify(findings.map((f) => f.message))}`);
  const finding = findings[0]!;
  assert.equal(finding.messageId, testCase.messageId, finding.message);
  assert.deepEqual(finding.data ?? {}, testCase.data, finding.message);
  if (testCase.message) assert.ok(finding.message.includes(testCase.message), `"${finding.message}" should include "${testCase.message}"`);
  // Every fix is listed: a fix the case does not state fails the case.
  const fixes = (finding.fixes ?? []).map((fix) => ({ title: fix.title, output: applyFix(testCase.code, fix) }));
  assert.deepEqual(fixes, testCase.fixes ?? []);
  assert.ok(finding.lessonSection.length > 0);
  assert.ok(finding.range.end.line - finding.range.start.line <= 1, 'the range stays on the construct head');
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
      it(`#${i + 1} line ${testCase.line}: ${title(testCase.code)}`, () => checkInvalid(ruleId, testCase));
    });
  });
}
