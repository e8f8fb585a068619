// The project's files read from the disk for the analysis across files: a run that reads the disk once (the
// CLI) asks each path what it is once; a host that lives on while files change (an editor, an ESLint server)
// asks every time, and gives each file a version.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { filesOnDisk } from '../../../src/shared/project-on-disk';

describe('project files on disk', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'ic-project-files-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('answers what a path is once for a run, and afresh for a host that lives on', () => {
    const once = filesOnDisk(1_000_000);
    const live = filesOnDisk(1_000_000, true);
    const file = path.join(root, 'retry.ts');
    const folder = path.join(root, 'lib');
    assert.equal(once.fileExists!(file), false);
    assert.equal(once.directoryExists!(folder), false);
    writeFileSync(file, 'export const retries = 3;\n');
    mkdirSync(folder);
    // The run goes on with what it saw (module resolution asks the same paths for every importing file).
    assert.equal(once.fileExists!(file), false);
    assert.equal(once.directoryExists!(folder), false);
    assert.equal(live.fileExists!(file), true);
    assert.equal(live.directoryExists!(folder), true);
    assert.equal(once.versionOf, undefined);
    assert.match(live.versionOf!(file)!, /^\d+(\.\d+)?:26$/);
    // A folder is no file, and a file no folder.
    assert.equal(live.fileExists!(folder), false);
    assert.equal(live.directoryExists!(file), false);
  });
});
