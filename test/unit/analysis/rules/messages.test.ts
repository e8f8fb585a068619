// Messages open with one short sentence that names the construct and the problem (at most 120
// characters, what terminals and the Problems panel show); the explanation and the fix follow.
// The rule tables check their own cases (first-sentence.ts); this file checks the catalog's
// templates with the longest values the rules put in, the cutting of quoted code, and the fixtures.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../../../src/analysis';
import { formatMessage, MAX_LABEL, MAX_QUOTED_CODE, shortCode, shortLabel } from '../../../../src/analysis/rule-kit';
import { RULE_CATALOG } from '../../../../src/analysis/rules/catalog';
import { SDK_SENDS } from '../../../../src/analysis/sdk-sends';
import { repoRoot } from '../../repo-root';
import { jsxSource, quietSource, retryingSource } from '../fixtures';
import { FIRST_SENTENCE_MAX, firstSentence, messageProblems } from './first-sentence';

/** A label as long as a rule lets one be, with quoted code as the model writes it. */
const LONGEST_LABEL = `recursive retry of \`${'x'.repeat(MAX_LABEL - 21)}\``;

/**
 * The longest value each placeholder gets. Those the rules cut (labels, requests, keys) are at their
 * cut length; the others are never cut, so no template may put them in its first sentence, and
 * these lengths make sure of that.
 */
const LONGEST_VALUES: Record<string, string> = {
  construct: LONGEST_LABEL,
  subject: `The retry options of this ${LONGEST_LABEL} have`,
  method: 'DELETE',
  request: 'r'.repeat(MAX_QUOTED_CODE),
  key: 'k'.repeat(MAX_QUOTED_CODE),
  caller: 'c'.repeat(MAX_QUOTED_CODE),
  line: '99999',
  retry: 'retry options of the '.padEnd(120, 'y'),
  counter: 'c'.repeat(120),
  detail: 'd'.repeat(120),
  computed: 'e'.repeat(120),
  alsoJitter: ` ${'j'.repeat(120)}`,
  option: 'o'.repeat(120),
  sender: 's'.repeat(120),
  sdk: SDK_SENDS.map((send) => send.sdk).reduce((longest, name) => (name.length > longest.length ? name : longest)),
};

describe('messages', () => {
  it(`every catalog template, filled with the longest values, opens with at most ${FIRST_SENTENCE_MAX} characters`, () => {
    const long: string[] = [];
    for (const entry of RULE_CATALOG) {
      for (const [id, template] of Object.entries(entry.messages)) {
        for (const [, name] of template.matchAll(/\{\{(\w+)\}\}/g)) assert.ok(Object.hasOwn(LONGEST_VALUES, name!), `${entry.id}/${id}: a longest value for {{${name}}}`);
        const sentence = firstSentence(formatMessage(template, LONGEST_VALUES));
        if (sentence.length > FIRST_SENTENCE_MAX) long.push(`${entry.id}/${id} (${sentence.length}): ${sentence}`);
        assert.ok(formatMessage(template, LONGEST_VALUES).length > sentence.length, `${entry.id}/${id}: the explanation follows the first sentence`);
      }
    }
    assert.deepEqual(long, []);
  });

  it('cuts quoted code at a space where it can, and marks the cut', () => {
    assert.equal(shortCode('retryCount < 3'), 'retryCount < 3');
    assert.equal(shortCode('for (let attempt = 0; attempt <= maxRetries; attempt++)'), 'for (let attempt = 0; attempt <= …');
    assert.equal(shortCode('this.connection.reconnectWithExponentialBackoffAndJitter()', 20), 'this.connection.rec…');
    assert.equal(shortCode('while (\n    retries < max\n)'), 'while ( retries < max )', 'white space is folded');
  });

  it(`fits a construct label in ${MAX_LABEL} characters, keeping its words and its backticks paired`, () => {
    assert.equal(shortLabel('`while (true)` retry loop'), '`while (true)` retry loop');
    assert.equal(shortLabel('`for (let attempt = 0; attempt <= maxRetries; attempt++)` retry loop'), '`for (let attempt = 0; attempt <= …` retry loop');
    const labels = [
      `reconnect handler that calls \`${'this.connection.open'.repeat(4)}\` again`,
      `\`${'a'.repeat(50)}\` on \`${'b'.repeat(50)}\``,
      `rxjs \`${'retryWhen(errors => errors.pipe(delay(1000)))'}\``,
      `${'very long words without code '.repeat(4)}`,
      `unpaired \` backtick ${'z'.repeat(80)}`,
    ];
    for (const label of labels) {
      const short = shortLabel(label);
      assert.ok(short.length <= MAX_LABEL, `${short} (${short.length})`);
      assert.equal((short.split('`').length - 1) % 2, 0, `backticks paired in ${short}`);
    }
    assert.match(shortLabel(labels[0]!), /^reconnect handler that calls `this\.connection\.\w*…` again$/, 'the words stay, the code is cut');
    assert.match(shortLabel(labels[1]!), /^`a+…` on `b+…`$/, 'both spans give up their share');
    assert.equal(shortLabel('`fetchWithBackoff` call (its retry is in `src/utils/http/fetchWithBackoff.ts`)'), '`fetchWithBackoff` call (its retry is in `src/utils/h…`)',
      'the last span gives up its characters first: the name of what retries stays whole');
  });

  it('opens every finding on the fixtures with a short sentence from the catalog', () => {
    const root = repoRoot();
    const sources: [string, string][] = [['retrying.ts', retryingSource], ['quiet.ts', quietSource], ['orders.tsx', jsxSource]];
    const folder = path.join(root, 'test', 'fixtures');
    for (const file of readdirSync(folder, { recursive: true }).map(String)) {
      if (/\.[cm]?[jt]sx?$/.test(file) && !file.endsWith('.d.ts')) sources.push([file, readFileSync(path.join(folder, file), 'utf8')]);
    }
    const findings = sources.flatMap(([name, text]) => analyze(text, name));
    assert.ok(findings.length >= 15, `the fixtures have findings (${findings.length})`);
    assert.deepEqual(new Set(findings.map((finding) => finding.ruleId)).size, RULE_CATALOG.length, 'every rule is among them');
    assert.deepEqual(findings.flatMap(messageProblems), []);
  });
});
