// The core's contract: any input gives a result, never an exception; big and binary files are
// skipped with a reason; every script extension parses with the right kind.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { analyze, analyzeSource, analyzeSourceFile, DEFAULT_MAX_FILE_SIZE_BYTES, rules } from '../../../src/analysis';
import { jsxSource, quietSource, retryingSource } from './fixtures';

const plainJsSource = `async function load(url) {
  while (true) {
    try { return await fetch(url); } catch (e) { await new Promise((r) => setTimeout(r, 1000)); }
  }
}
module.exports = { load };
`;

describe('analyze', () => {
  it('finds the expected findings in a realistic file', () => {
    const findings = analyze(retryingSource, 'orders.ts');
    assert.deepEqual(findings.map((f) => `${f.range.start.line + 1} ${f.ruleId}`), [
      '7 unbounded-retry',
      '9 missing-idempotency-key',
      '20 retry-without-jitter',
      '22 unstable-idempotency-key',
      '30 retry-without-jitter',
    ]);
  });

  it('stays quiet on consumers and pagination', () => {
    assert.deepEqual(analyze(quietSource, 'worker.ts'), []);
  });

  it('returns nothing for empty and whitespace-only text', () => {
    assert.deepEqual(analyzeSource('', 'empty.ts'), { findings: [] });
    assert.deepEqual(analyze('\n\n   \t\n', 'blank.js'), []);
  });

  it('survives syntax errors and still reports what it can see', () => {
    const broken = `async function f( {\n  while (true) { try { await op(); } catch { await sleep(1000) }\n`;
    const result = analyzeSource(broken, 'broken.ts');
    assert.equal(result.skipped, undefined);
    assert.ok(Array.isArray(result.findings));
    // The parser's first error, for hosts that report it as ESLint does (the CLI).
    assert.ok(result.syntaxError && result.syntaxError.message.length > 0 && result.syntaxError.range.start.line <= 1, JSON.stringify(result.syntaxError));
    assert.equal(analyzeSource(retryingSource, 'fine.ts').syntaxError, undefined);
    for (const garbage of ['}}}}((((', 'while (', 'for (;;', '<div><<<', '@@@ ### $$$', 'catch finally try', '`${`']) {
      assert.doesNotThrow(() => analyze(garbage, 'g.tsx'));
    }
  });

  it('skips minified bundles and says so, unless told to analyse them', () => {
    // A retry on one 6 KB line among a few: what a bundler writes, not code anyone edits.
    const retry = 'async function f(){for(;;){try{return await fetch("/x",{method:"POST"})}catch(e){await sleep(1000)}}}';
    const bundle = `/*! bundle */\n${'var a=1,b=2;'.repeat(500)}${retry}\n`;
    const skipped = analyzeSource(bundle, 'vendor.min.js');
    assert.equal(skipped.skipReason, 'minified');
    assert.deepEqual(skipped.findings, []);
    assert.match(skipped.skipped ?? '', /minified/);
    const analysed = analyzeSource(bundle, 'vendor.min.js', { skipMinified: false });
    assert.equal(analysed.skipped, undefined);
    assert.ok(analysed.findings.some((finding) => finding.ruleId === 'unbounded-retry'));
    // The same code formatted over short lines is analysed by default.
    assert.equal(analyzeSource(bundle.replace(/;/g, ';\n'), 'vendor.js').skipReason, undefined);
  });

  it('skips binary-looking text and says so', () => {
    const binary = `\u0000\u0001\u0002PNG\r\n\u001a\n${'\u0000'.repeat(20)}while(true){}`;
    const result = analyzeSource(binary, 'image.ts');
    assert.deepEqual(result.findings, []);
    assert.match(result.skipped ?? '', /binary/i);
  });

  it('skips files over the size limit with a flag, not silently', () => {
    const result = analyzeSource(retryingSource, 'orders.ts', { maxFileSizeBytes: 100 });
    assert.deepEqual(result.findings, []);
    assert.match(result.skipped ?? '', /100-byte limit/);
    assert.equal(DEFAULT_MAX_FILE_SIZE_BYTES, 1024 * 1024);
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    const text = `// ${'€'.repeat(400_000)}\n`;
    assert.ok(text.length < DEFAULT_MAX_FILE_SIZE_BYTES);
    assert.match(analyzeSource(text, 'euro.ts').skipped ?? '', /limit/);
  });

  it('handles a 5 MB file: skipped by default, analysed when the limit allows', function () {
    // Seconds of work that two busy cores can stretch past the default 20 s: no timing is asserted here.
    this.timeout(300_000);
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const copy = retryingSource.replace(/placeOrder|capture|refresh|sleep\(/g, (name) => `${name}${i}`).replace(/^import .*$/gm, '');
      parts.push(copy);
      size += copy.length + 1;
    }
    const copies = parts.length;
    const big = parts.join('\n');
    assert.ok(big.length >= 5 * 1024 * 1024);
    assert.match(analyzeSource(big, 'big.ts').skipped ?? '', /limit/);
    // No time limit either: this checks the size limit, and 5 MB takes seconds on a busy machine.
    const result = analyzeSource(big, 'big.ts', { maxFileSizeBytes: 16 * 1024 * 1024, timeBudgetMs: Infinity });
    assert.equal(result.skipped, undefined);
    assert.ok(result.findings.length >= copies * 4, `found ${result.findings.length} in ${copies} copies`);
  });

  for (const [extension, source] of [
    ['.ts', retryingSource], ['.mts', retryingSource], ['.cts', retryingSource], ['.tsx', jsxSource],
    ['.js', plainJsSource], ['.mjs', plainJsSource], ['.cjs', plainJsSource], ['.jsx', jsxSource],
  ] as const) {
    it(`analyses ${extension} files`, () => {
      const result = analyzeSource(source, `src/file${extension}`);
      assert.equal(result.skipped, undefined);
      assert.ok(result.findings.some((f) => f.ruleId === 'unbounded-retry'), JSON.stringify(result.findings.map((f) => f.ruleId)));
    });
  }

  it('works on a SourceFile parsed elsewhere, even without parent pointers', () => {
    const sourceFile = ts.createSourceFile('orders.ts', retryingSource, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    assert.deepEqual(analyzeSourceFile(sourceFile), analyzeSource(retryingSource, 'orders.ts'));
  });

  it('turns rules off and changes severities through options', () => {
    const findings = analyze(retryingSource, 'orders.ts', { rules: { 'unbounded-retry': 'off', 'retry-without-jitter': 'error' } });
    assert.ok(!findings.some((f) => f.ruleId === 'unbounded-retry'));
    assert.ok(findings.filter((f) => f.ruleId === 'retry-without-jitter').every((f) => f.severity === 'error'));
    assert.ok(findings.filter((f) => f.ruleId === 'missing-idempotency-key').every((f) => f.severity === 'warning'));
    const allOff = { 'unbounded-retry': 'off', 'retry-without-jitter': 'off', 'missing-idempotency-key': 'off', 'unstable-idempotency-key': 'off' } as const;
    assert.deepEqual(analyze(retryingSource, 'orders.ts', { rules: allOff }), []);
  });

  it('underlines construct heads, never whole bodies', () => {
    for (const finding of analyze(retryingSource, 'orders.ts')) {
      assert.equal(finding.range.start.line, finding.range.end.line, finding.message);
      assert.ok(finding.range.end.character > finding.range.start.character);
    }
  });
});

describe('rule metadata', () => {
  it('lists the four rules with lesson sections, messages and strict option schemas', () => {
    assert.deepEqual(rules.map((rule) => rule.id), ['unbounded-retry', 'retry-without-jitter', 'missing-idempotency-key', 'unstable-idempotency-key']);
    const sections = Object.fromEntries(rules.map((rule) => [rule.id, rule.lessonSection]));
    assert.deepEqual(sections, {
      'unbounded-retry': 'mistake-unbounded-retries',
      'retry-without-jitter': 'mistake-unbounded-retries',
      'missing-idempotency-key': 'mistake-missing-idempotency',
      'unstable-idempotency-key': 'mistake-missing-idempotency',
    });
    for (const rule of rules) {
      assert.equal(rule.defaultSeverity, 'warning');
      assert.equal(rule.schema.additionalProperties, false);
      for (const [name, option] of Object.entries(rule.schema.properties)) assert.ok(option.description.length > 10, `${rule.id}.${name} has a description`);
      assert.ok(Object.keys(rule.messages).length > 0);
    }
  });

  it('fills every placeholder of the messages it reports', () => {
    for (const finding of analyze(retryingSource, 'orders.ts')) assert.doesNotMatch(finding.message, /\{\{/);
  });
});
