import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { readingPosition } from '../../../src/lesson/reading-position';

const FILE = 'lesson-reading-position.json';

describe('the lesson reading position', () => {
  let dir = '';
  const warnings: string[] = [];
  const log = { warn: (line: string) => warnings.push(line) } as unknown as vscode.LogOutputChannel;
  /** A context as VS Code gives it: a workspace storage folder, or none (no workspace open) beside the global one. */
  const context = (workspace: string | undefined) =>
    ({ storageUri: workspace === undefined ? undefined : { fsPath: workspace }, globalStorageUri: { fsPath: path.join(dir, 'global') } }) as unknown as vscode.ExtensionContext;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reading-position-'));
    warnings.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is on disk as soon as it is set, for the window that comes after a reload', () => {
    const workspace = path.join(dir, 'workspace', 'not-created-yet');
    readingPosition(context(workspace), log).set('key-terms');
    assert.deepEqual(JSON.parse(readFileSync(path.join(workspace, FILE), 'utf8')), { sectionId: 'key-terms' });
    assert.equal(readingPosition(context(workspace), log).get(), 'key-terms', 'a fresh extension host reads it back');
  });

  it('keeps the latest of several positions', () => {
    const position = readingPosition(context(dir), log);
    for (const id of ['main-idea', 'key-terms', 'check-yourself']) position.set(id);
    assert.equal(position.get(), 'check-yourself');
    assert.equal(readingPosition(context(dir), log).get(), 'check-yourself');
  });

  it('uses the global storage folder when no workspace is open', () => {
    readingPosition(context(undefined), log).set('main-idea');
    assert.equal(readingPosition(context(undefined), log).get(), 'main-idea');
    assert.ok(readFileSync(path.join(dir, 'global', FILE), 'utf8').includes('main-idea'));
  });

  it('gives no position for a missing, unparsable or ill-formed file', () => {
    assert.equal(readingPosition(context(dir), log).get(), undefined);
    for (const content of ['{', '"key-terms"', '{"sectionId": 42}', '{"sectionId": "Key Terms"}', `{"sectionId": "${'a'.repeat(200)}"}`, '{"sectionId": "a\\nb"}']) {
      writeFileSync(path.join(dir, FILE), content);
      assert.equal(readingPosition(context(dir), log).get(), undefined, content);
    }
    assert.deepEqual(warnings, [], 'reading a bad file is not worth a warning');
  });

  it('logs a failed write once and keeps the position for this session', () => {
    const blocked = path.join(dir, 'a-file-not-a-folder');
    writeFileSync(blocked, '');
    const position = readingPosition(context(blocked), log);
    position.set('main-idea');
    position.set('key-terms');
    assert.equal(position.get(), 'key-terms');
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /Could not store the lesson's reading position/);
  });
});
