// The editor's pure decisions: which result is still wanted, which files the scan excludes, and the
// text edits it proposes.
import * as assert from 'node:assert/strict';
import { enabledPatterns } from '../../../src/editor/exclude-globs';
import { LatestRequests } from '../../../src/editor/latest-requests';
import { analysisFileName, disableNextLineEdit } from '../../../src/editor/text-helpers';

describe('editor: latest requests', () => {
  it('publishes the newest request for the version still in the document', () => {
    const latest = new LatestRequests();
    const ticket = latest.start('a');
    assert.equal(latest.accept('a', ticket, 3, 3), true);
    assert.equal(latest.dropped, 0);
  });

  it('drops the result of an older request, and a result for a version the document has left', () => {
    const latest = new LatestRequests();
    const older = latest.start('a');
    const newer = latest.start('a');
    assert.equal(latest.accept('a', older, 3, 4), false, 'older request');
    assert.equal(latest.accept('a', newer, 4, 5), false, 'the user typed on since version 4');
    assert.equal(latest.dropped, 2);
  });

  it('drops results for a document that closed', () => {
    const latest = new LatestRequests();
    const ticket = latest.start('a');
    latest.forget('a');
    assert.equal(latest.accept('a', ticket, 1, undefined), false);
  });

  it('keeps documents apart', () => {
    const latest = new LatestRequests();
    const a = latest.start('a');
    const b = latest.start('b');
    assert.equal(latest.accept('a', a, 1, 1), true);
    assert.equal(latest.accept('b', b, 7, 7), true);
  });
});

describe('editor: exclude globs', () => {
  it('takes the switched-on patterns of a files.exclude object', () => {
    assert.deepEqual(enabledPatterns({ '**/.git': true, '**/dist': false, '**/*.js': { when: '$(basename).ts' } }), ['**/.git']);
    assert.deepEqual(enabledPatterns(undefined), []);
  });
});

describe('editor: text helpers', () => {
  it('gives an untitled document the extension of its language', () => {
    assert.equal(analysisFileName('/w/a.tsx', 'typescriptreact'), '/w/a.tsx');
    assert.equal(analysisFileName('Untitled-1', 'typescriptreact'), 'Untitled-1.tsx');
    assert.equal(analysisFileName('Untitled-2', 'javascript'), 'Untitled-2.js');
  });

  it('inserts a disable comment above the line, with its indentation', () => {
    assert.deepEqual(disableNextLineEdit('    while (true) {', '  try {', 'unbounded-retry'), {
      kind: 'insertLine', text: '    // integration-coach-disable-next-line unbounded-retry\n',
    });
  });

  it('adds the rule to a disable comment already above the line', () => {
    assert.deepEqual(disableNextLineEdit('  for (;;) {', '  // integration-coach-disable-next-line retry-without-jitter  ', 'unbounded-retry'), {
      kind: 'append', character: 61, text: ', unbounded-retry',
    });
  });

  it('leaves a disable comment with a reason alone and writes a new one', () => {
    const edit = disableNextLineEdit('  for (;;) {', '  // integration-coach-disable-next-line retry-without-jitter -- a test double', 'unbounded-retry');
    assert.equal(edit.kind, 'insertLine');
  });
});
