// Disable comments, read from the file's comments with ESLint's meaning: the next line, this line, and
// disable/enable blocks, by rule id or for all rules; ESLint's own directives for this plugin's rules too.
import assert from 'node:assert/strict';
import { analyze, analyzeSource } from '../../../src/analysis';

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

  it('a disable comment switches a rule off from there on: at the top, for the whole file', () => {
    assert.deepEqual(ids(`/* integration-coach-disable unbounded-retry */\n${loop}`), ['4 missing-idempotency-key']);
    // As ESLint reads `eslint-disable`: what comes before the comment is still reported.
    assert.deepEqual(ids(`${loop}\n/* integration-coach-disable missing-idempotency-key, unbounded-retry */`), ['2 unbounded-retry', '3 missing-idempotency-key']);
  });

  it('an enable comment ends a disable block, for the rules it names', () => {
    const code = `/* integration-coach-disable */\n${loop}\n/* integration-coach-enable unbounded-retry */\n${loop.replace('function f', 'function g')}`;
    assert.deepEqual(ids(code), ['9 unbounded-retry']);
    const all = `/* integration-coach-disable unbounded-retry */\n${loop}\n/* integration-coach-enable */\n${loop.replace('function f', 'function g')}`;
    assert.deepEqual(ids(all), ['4 missing-idempotency-key', '9 unbounded-retry', '10 missing-idempotency-key']);
  });

  it('disable-line switches off the line it is on, not the file', () => {
    const code = loop.replace('  while (true) {', '  while (true) { // integration-coach-disable-line unbounded-retry -- polled by the supervisor');
    assert.deepEqual(ids(code), ['3 missing-idempotency-key']);
    const elsewhere = `${loop}\nconst unrelated = 1; // integration-coach-disable-line unbounded-retry\n`;
    assert.deepEqual(ids(elsewhere), ['2 unbounded-retry', '3 missing-idempotency-key']);
  });

  it('reads only comments: a string or template that holds the words switches nothing off', () => {
    const strings = `const help = '/* integration-coach-disable */';\nconst more = \`// integration-coach-disable-next-line\`;\n${loop}`;
    assert.deepEqual(ids(strings), ['4 unbounded-retry', '5 missing-idempotency-key']);
    const regex = `const pattern = /integration-coach-disable/;\n${loop}`;
    assert.deepEqual(ids(regex), ['3 unbounded-retry', '4 missing-idempotency-key']);
    const jsx = `export const Help = () => <p>// integration-coach-disable</p>;\n${loop}`;
    assert.deepEqual(analyze(jsx, 'f.tsx').map((finding) => `${finding.range.start.line + 1} ${finding.ruleId}`), ['3 unbounded-retry', '4 missing-idempotency-key']);
  });

  it('finds a directive wherever a comment may stand: in an empty block, in parentheses, after a regular expression or a division', () => {
    const places = [
      'function empty() { /* integration-coach-disable unbounded-retry */ }',
      'check(/* integration-coach-disable unbounded-retry */);',
      'const re = /[/*]+/g; /* integration-coach-disable unbounded-retry */',
      'const half = total / 2 /* integration-coach-disable unbounded-retry */ / 1;',
      'const tpl = `${a}/*`; /* integration-coach-disable unbounded-retry */',
    ];
    for (const place of places) assert.deepEqual(ids(`${place}\n${loop}`), ['4 missing-idempotency-key'], place);
    const jsx = `export const View = () => (\n  <div>\n    {/* integration-coach-disable unbounded-retry */}\n  </div>\n);\n${loop}`;
    assert.deepEqual(analyze(jsx, 'f.tsx').map((finding) => `${finding.range.start.line + 1} ${finding.ruleId}`), ['8 missing-idempotency-key']);
  });

  it('reads a comment as a directive only when it starts with one', () => {
    assert.deepEqual(ids(`// see the integration-coach-disable comments in the README\n${loop}`), ['3 unbounded-retry', '4 missing-idempotency-key']);
  });

  it('honours ESLint\'s directives for this plugin\'s rules, and bare ones for every rule', () => {
    const named = loop.replace('  while (true) {', '  // eslint-disable-next-line integration-coach/unbounded-retry -- paced by the queue\n  while (true) {');
    assert.deepEqual(ids(named), ['4 missing-idempotency-key']);
    const bare = loop.replace('    try {', '    // eslint-disable-next-line\n    try {');
    assert.deepEqual(ids(bare), ['2 unbounded-retry']);
    const block = `/* eslint-disable integration-coach/missing-idempotency-key, no-console */\n${loop}`;
    assert.deepEqual(ids(block), ['3 unbounded-retry']);
  });

  it('leaves ESLint\'s directives for other rules, line comments that ESLint ignores, and (for the ESLint plugin) all of them', () => {
    const other = loop.replace('  while (true) {', '  // eslint-disable-next-line no-constant-condition\n  while (true) {');
    assert.deepEqual(ids(other), ['3 unbounded-retry', '4 missing-idempotency-key']);
    // ESLint takes eslint-disable and eslint-enable only in block comments.
    assert.deepEqual(ids(`// eslint-disable\n${loop}`), ['3 unbounded-retry', '4 missing-idempotency-key']);
    const named = loop.replace('  while (true) {', '  // eslint-disable-next-line integration-coach/unbounded-retry\n  while (true) {');
    assert.deepEqual(analyze(named, 'f.ts', { eslintDirectives: false }).map((finding) => finding.ruleId), ['unbounded-retry', 'missing-idempotency-key']);
  });

  it('lists what it switched off with the reason, and which directives were used', () => {
    const code = `// integration-coach-disable-next-line unbounded-retry\nconst nothing = 0;\n${loop.replace('    try {', '    // integration-coach-disable-next-line missing-idempotency-key -- the server dedupes by order id\n    try {')}`;
    const result = analyzeSource(code, 'f.ts');
    assert.deepEqual(result.findings.map((finding) => finding.ruleId), ['unbounded-retry']);
    assert.deepEqual(result.suppressed?.map((finding) => [finding.ruleId, finding.suppressions]), [['missing-idempotency-key', [{ kind: 'directive', justification: 'the server dedupes by order id' }]]]);
    assert.deepEqual(result.directives?.map((directive) => [directive.range.start.line + 1, directive.kind, directive.rules, directive.used]), [
      [1, 'disable-next-line', ['unbounded-retry'], false],
      [5, 'disable-next-line', ['missing-idempotency-key'], true],
    ]);
  });

  it('lists the directives of a file with no retry when asked (listDirectives), parsing it only then', () => {
    const code = '// integration-coach-disable-next-line unbounded-retry\nexport const answer = 42;\n';
    assert.equal(analyzeSource(code, 'f.ts').directives, undefined);
    assert.deepEqual(analyzeSource(code, 'f.ts', { listDirectives: true }).directives?.map((directive) => directive.used), [false]);
  });

  it('a file-level comment without ids disables everything', () => {
    assert.deepEqual(ids(`/* integration-coach-disable */\n${loop}`), []);
  });

  it('ignores the marker when it is only part of another word or id', () => {
    assert.deepEqual(ids(`// integration-coach-disable-next-line some-other-rule\n${loop}`), ['3 unbounded-retry', '4 missing-idempotency-key']);
  });
});
