// Disable comments: per line (next line) and per file, by rule id or for all rules.
import assert from 'node:assert/strict';
import { analyze } from '../../../src/analysis';

const loop = `async function f() {
  while (true) {
    try { return await fetch('/x', { method: 'POST' }); } catch { await sleep(1000); }
  }
}`;

function ids(code: string): string[] {
  return analyze(code, 'f.ts').map((finding) => `${finding.range.start.line + 1} ${finding.ruleId}`);
}

describe('suppressions', () => {
  it('reports the unsuppressed findings', () => {
    assert.deepEqual(ids(loop), ['2 unbounded-retry', '3 missing-idempotency-key']);
  });

  it('disable-next-line with an id suppresses that rule on the next line only', () => {
    const code = loop.replace('  while (true) {', '  // integration-coach-disable-next-line unbounded-retry\n  while (true) {');
    assert.deepEqual(ids(code), ['4 missing-idempotency-key']);
  });

  it('counts lines as TypeScript does, with \\r\\n and lone \\r line breaks too', () => {
    const code = loop.replace('  while (true) {', '  // integration-coach-disable-next-line unbounded-retry\n  while (true) {');
    for (const newline of ['\r\n', '\r']) {
      assert.deepEqual(ids(code.split('\n').join(newline)), ['4 missing-idempotency-key'], JSON.stringify(newline));
    }
  });

  it('disable-next-line without ids suppresses every rule on the next line', () => {
    const code = loop.replace('    try {', '    // integration-coach-disable-next-line\n    try {');
    assert.deepEqual(ids(code), ['2 unbounded-retry']);
  });

  it('takes several ids and a reason after --', () => {
    const code = loop.replace('    try {', '    // integration-coach-disable-next-line missing-idempotency-key, unstable-idempotency-key -- the server dedupes by order id\n    try {');
    assert.deepEqual(ids(code), ['2 unbounded-retry']);
  });

  it('does not reach past the next line', () => {
    const code = `// integration-coach-disable-next-line unbounded-retry\n\n${loop}`;
    assert.deepEqual(ids(code), ['4 unbounded-retry', '5 missing-idempotency-key']);
  });

  it('a block comment disables a rule for the whole file', () => {
    assert.deepEqual(ids(`/* integration-coach-disable unbounded-retry */\n${loop}`), ['4 missing-idempotency-key']);
    assert.deepEqual(ids(`${loop}\n/* integration-coach-disable missing-idempotency-key, unbounded-retry */`), []);
  });

  it('a file-level comment without ids disables everything', () => {
    assert.deepEqual(ids(`/* integration-coach-disable */\n${loop}`), []);
  });

  it('ignores the marker when it is only part of another word or id', () => {
    assert.deepEqual(ids(`// integration-coach-disable-next-line some-other-rule\n${loop}`), ['3 unbounded-retry', '4 missing-idempotency-key']);
  });
});
