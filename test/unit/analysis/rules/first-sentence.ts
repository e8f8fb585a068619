// The first sentence of a finding's message: what terminals, the Problems panel and inline-message
// extensions show. It names the construct and the problem in at most 120 characters.
import assert from 'node:assert/strict';
import type { Finding, RuleId } from '../../../../src/analysis';
import { RULE_CATALOG } from '../../../../src/analysis/rules/catalog';
import { findingsOf, type InvalidCase } from '../rule-table';

export const FIRST_SENTENCE_MAX = 120;

/** The message up to its first ". " (the whole message when it has none). */
export function firstSentence(message: string): string {
  const end = message.indexOf('. ');
  return end < 0 ? message : message.slice(0, end + 1);
}

/** What is wrong with a finding's message: a first sentence over the limit, or a template the catalog does not have. */
export function messageProblems(finding: Finding): string[] {
  const problems: string[] = [];
  const sentence = firstSentence(finding.message);
  if (sentence.length > FIRST_SENTENCE_MAX) problems.push(`${sentence.length} characters: ${sentence}`);
  const entry = RULE_CATALOG.find((candidate) => candidate.id === finding.ruleId);
  if (!entry || !finding.messageId || !(finding.messageId in entry.messages)) problems.push(`${finding.ruleId}/${finding.messageId}: not a catalog message`);
  return problems;
}

/** Runs every invalid case of a rule's table and checks each finding's message. */
export function checkFirstSentences(ruleId: RuleId, invalid: readonly InvalidCase[]): void {
  it(`every invalid case's finding opens with a sentence of at most ${FIRST_SENTENCE_MAX} characters, from a catalog template`, () => {
    const findings = invalid.flatMap((testCase) => findingsOf(ruleId, testCase.code, testCase.options, testCase.fileName));
    assert.ok(findings.length >= invalid.length, `every case has a finding (${findings.length} for ${invalid.length} cases)`);
    assert.deepEqual(findings.flatMap(messageProblems), []);
  });
}
