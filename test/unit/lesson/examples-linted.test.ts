// The lesson's own ❌/✅ code examples are run through the real rules: a bad example must be flagged
// by every rule it names, a good one by none. The lesson and the lint must never disagree.
import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/analysis';
import { getSection, validateLesson } from '../../../src/lesson/content';
import { rawLesson } from './helpers';

const loaded = validateLesson(rawLesson());
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const examples = getSection(loaded.lesson, 'common-mistakes').items.flatMap((item) => item.examples);

describe('the lesson code examples, through the real rules', () => {
  it('has bad and good examples to check', () => {
    assert.ok(examples.some((example) => example.verdict === 'bad'));
    assert.ok(examples.some((example) => example.verdict === 'good'));
  });

  for (const example of examples) {
    it(`${example.verdict === 'bad' ? '❌' : '✅'} ${example.id}`, () => {
      const reported = new Set(analyze(example.code, `${example.id}.ts`).map((finding) => finding.ruleId));
      if (example.verdict === 'good') assert.deepEqual([...reported], [], 'a good example is clean');
      else for (const rule of example.rules) assert.ok(reported.has(rule), `${rule} flags it (got ${[...reported].join(', ') || 'nothing'})`);
    });
  }
});
