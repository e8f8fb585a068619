// The worker's incremental parse must give exactly the findings a full parse gives.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeSource } from '../../../src/analysis';
import { changeRange, SourceFileCache } from '../../../src/editor/source-cache';

const RULES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'workspace', 'rules');
const base = ['unbounded-retry.ts', 'missing-idempotency-key.ts', 'lookalikes/pagination.ts', 'unstable-idempotency-key.ts']
  .map((file) => readFileSync(path.join(RULES, file), 'utf8'))
  .join('\n');

/** Edits as typing makes them: inserted, deleted and replaced text, some of it breaking the syntax for a while. */
function* edits(text: string): Generator<string> {
  let current = text;
  const steps: ((t: string) => string)[] = [
    (t) => t.replace('sleep(1000)', 'sleep(Math.random() * 1000)'),
    (t) => t.replace('while (true) {', 'while (true) {\n    // thinking'),
    (t) => t.replace('for (let attempt = 0; attempt < 3; attempt++) {', 'for (;;) {'),
    (t) => t.replace("method: 'POST'", "method: 'PO"),
    (t) => t.replace("method: 'PO", "method: 'POST'"),
    (t) => t.replace("'Idempotency-Key': crypto.randomUUID()", "'Idempotency-Key': key"),
    (t) => `// header\n${t}`,
    (t) => t.slice(0, Math.floor(t.length / 2)),
    (t) => t + text,
  ];
  for (const step of steps) yield (current = step(current));
}

describe('editor: incremental parse in the worker', () => {
  it('finds what a full parse finds, edit after edit', () => {
    const cache = new SourceFileCache();
    cache.analyse('doc', base, 'doc.ts', {});
    for (const text of edits(base)) {
      assert.deepEqual(cache.analyse('doc', text, 'doc.ts', {}), analyzeSource(text, 'doc.ts', {}), text);
    }
  });

  it('still reports a file over the size limit as skipped, and parses it afresh afterwards', () => {
    const cache = new SourceFileCache();
    cache.analyse('doc', base, 'doc.ts', {});
    assert.match(cache.analyse('doc', base, 'doc.ts', { maxFileSizeBytes: 10 }).skipped ?? '', /larger than/);
    assert.deepEqual(cache.analyse('doc', base, 'doc.ts', {}), analyzeSource(base, 'doc.ts', {}));
  });

  it('computes the changed span from the common prefix and suffix', () => {
    const range = changeRange('abcXYdef', 'abcZdef');
    assert.deepEqual({ start: range.span.start, length: range.span.length, newLength: range.newLength }, { start: 3, length: 2, newLength: 1 });
    const same = changeRange('aaa', 'aaaa');
    assert.equal(same.span.length + 1, same.newLength);
  });
});
