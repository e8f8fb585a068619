// The registry as a whole: every library file is in it and has its own test file, ids are unique, and the
// pre-check lets through any file that names one of a library's modules or names (it derives its words from here).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LIBRARIES, LIBRARY_MODULES, LIBRARY_NAMES } from '../../../../src/analysis/libraries';
import { mayContainRetry } from '../../../../src/analysis/pre-check';
import { repoRoot } from '../../repo-root';

/** Files of the folder that are the registry's machinery, not a library. */
const MACHINERY = new Set(['index.ts', 'library-spec.ts', 'option-reading.ts', 'strategy-function.ts', 'strategy-options.ts']);
const LIBRARY_DIR = path.join(repoRoot(), 'src', 'analysis', 'libraries');
const TEST_DIR = path.join(repoRoot(), 'test', 'unit', 'analysis', 'libraries');

describe('libraries: the registry', () => {
  it('has a test file for every library file', () => {
    const libraryFiles = readdirSync(LIBRARY_DIR).filter((file) => !MACHINERY.has(file));
    const tests = new Set(readdirSync(TEST_DIR));
    assert.ok(libraryFiles.length >= 20, `${libraryFiles.length} library files`);
    assert.deepEqual(libraryFiles.filter((file) => !tests.has(file.replace(/\.ts$/, '.test.ts'))), []);
  });

  it('gives every library a unique id', () => {
    const ids = LIBRARIES.map((library) => library.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });

  it('lets through the pre-check a file that only names a library module in an import, or one of its names', () => {
    for (const module of LIBRARY_MODULES) {
      assert.equal(mayContainRetry(`import client from '${module}';\nexport const c = client;\n`, 'a.ts'), true, module);
    }
    for (const name of LIBRARY_NAMES) {
      assert.equal(mayContainRetry(`export const c = { ${name}: 1 };\n`, 'a.ts'), true, name);
    }
  });

  it('names every library in the README\'s list of libraries, by its title or its id', () => {
    const readme = readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
    const list = readme.slice(readme.indexOf('**Libraries**'), readme.indexOf('Decisions, each stated'));
    assert.ok(list.length > 200, 'the README holds the list of libraries');
    assert.deepEqual(LIBRARIES.filter((library) => !list.includes(library.title ?? library.id)).map((library) => library.id), []);
  });

  it('passes by a file that names no library, helper or retry word', () => {
    assert.equal(mayContainRetry(`import { readFile } from 'node:fs/promises';\nexport const read = (p: string) => readFile(p, 'utf8');\n`, 'a.ts'), false);
  });
});
