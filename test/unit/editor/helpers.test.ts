// The editor's pure decisions: which result is still wanted, which files the scan excludes, and the
// text edits it proposes.
import * as assert from 'node:assert/strict';
import { enabledPatterns } from '../../../src/editor/exclude-globs';
import { LatestRequests } from '../../../src/editor/latest-requests';
import { statusBarItemShown } from '../../../src/editor/status-bar-mode';
import { analysisFileName, disableFileEdit, disableNextLineEdit } from '../../../src/editor/text-helpers';

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

describe('editor: where "Disable for this file" writes its comment', () => {
  const insert = (line: number, ruleId = 'unbounded-retry') => ({ kind: 'insertLine', line, text: `/* integration-coach-disable ${ruleId} */\n` });
  const code = ['import { send } from "./queue";', '', 'while (true) { await send(); }'];

  it('goes on the first line of a file that starts with code', () => {
    assert.deepEqual(disableFileEdit(code, 'unbounded-retry'), insert(0));
  });

  it('goes after a shebang and after header comments set apart by a blank line, as ESLint users place theirs', () => {
    assert.deepEqual(disableFileEdit(['#!/usr/bin/env node', ...code], 'unbounded-retry'), insert(1));
    const licence = ['#!/usr/bin/env node', '/*', ' * Copyright 2026 Shop', ' */', '', '// SPDX-License-Identifier: MIT', '', ...code];
    assert.deepEqual(disableFileEdit(licence, 'unbounded-retry'), insert(7));
  });

  it('stays above a comment that touches the code below it (a doc comment belongs to its declaration)', () => {
    assert.deepEqual(disableFileEdit(['// Copyright 2026', '', '/** Publishes forever. */', 'export function publish() {}'], 'unbounded-retry'), insert(2));
    assert.deepEqual(disableFileEdit(['/* setup */ const a = 1;', ...code], 'unbounded-retry'), insert(0), 'a comment followed by code on its line is code');
  });

  it('adds the id to a file directive already there, and leaves one with a reason or without ids alone', () => {
    assert.deepEqual(disableFileEdit(['/* integration-coach-disable retry-without-jitter */', ...code], 'unbounded-retry'), { kind: 'append', line: 0, character: 49, text: ', unbounded-retry' });
    assert.deepEqual(disableFileEdit(['/* integration-coach-disable retry-without-jitter -- paced by the queue */', ...code], 'unbounded-retry'), insert(0));
  });
});

describe('editor: status bar items and their settings', () => {
  it('"auto" shows an item only while it has something to say; "always" and "never" decide alone', () => {
    assert.deepEqual([true, false].map((has) => statusBarItemShown('auto', has)), [true, false]);
    assert.deepEqual([true, false].map((has) => statusBarItemShown('always', has)), [true, true]);
    assert.deepEqual([true, false].map((has) => statusBarItemShown('never', has)), [false, false]);
  });
});
