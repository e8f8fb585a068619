// The file filter the editor's workspace scan shares with the CLI (src/shared/file-filter): .gitignore
// semantics through `ignore`, exclude globs through picomatch, the limits on what a workspace may hand
// them, and the editor's side of it (exclude-globs.ts). Hostile patterns: test/unit/adversarial/globs-*.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expandPatterns } from '../../../src/cli/files';
import { buildFolderFilter, enabledPatterns, FIND_FILES_EXCLUDE } from '../../../src/editor/exclude-globs';
import {
  compareInWalkOrder, FileFilter, GitignoreTree, GlobList, isSourceFile, MatchBudget, MAX_DEPTH, MAX_NAME_LENGTH, MAX_PATH_LENGTH, MAX_PATTERN_LENGTH,
  MAX_PATTERNS_PER_SOURCE,
} from '../../../src/shared/file-filter';
import { decodeText, encodingOf, maxBytesOnDisk } from '../../../src/shared/file-filter/decode-text';
import { relativeToRoot } from '../../../src/shared/file-filter/gitignore';
import { MATCH_BUDGET, MAX_BRACE_GROUPS, patternCost } from '../../../src/shared/file-filter/limits';
import { tempDir } from '../cli/helpers';
import { monorepoTree, PACKAGE_COUNT } from '../monorepo-tree';

/** A tree of .gitignore files given as { folder: text }, added in walk order, and the notices it gave. */
function treeOf(files: Record<string, string>, budget?: MatchBudget): { tree: GitignoreTree; notices: string[] } {
  const notices: string[] = [];
  const tree = new FileFilter((notice) => notices.push(notice), budget).gitignore;
  for (const folder of Object.keys(files).sort(compareInWalkOrder)) tree.add(folder, files[folder]!, `${folder || '.'}/.gitignore`);
  return { tree, notices };
}

function globsOf(...globs: string[]): GlobList {
  const list = new FileFilter((notice) => assert.fail(notice)).excludes;
  list.add('test', globs);
  return list;
}

describe('file filter: .gitignore files', () => {
  it('reads comments, anchoring, folder-only patterns, escapes and negation as git does', () => {
    const { tree } = treeOf({ '': '# build output\ndist/\n/build\n*.gen.ts\n!keep.gen.ts\ndocs/**/*.md\n\\#hash\n\\!bang\n' });
    const ignored = (path: string, isFolder = false) => tree.isIgnored(path, isFolder);
    assert.ok(ignored('dist', true) && ignored('src/dist', true), 'dist/ at any depth');
    assert.ok(!ignored('dist'), 'dist/ is for folders only');
    assert.ok(ignored('dist/a.ts'), 'inside an ignored folder');
    assert.ok(ignored('build') && !ignored('src/build'), '/build is anchored to the .gitignore folder');
    assert.ok(ignored('a.gen.ts') && ignored('src/deep/a.gen.ts'));
    assert.ok(!ignored('src/keep.gen.ts'), '! re-includes');
    assert.ok(ignored('docs/a.md') && ignored('docs/x/y/a.md') && !ignored('src/docs/a.md'), 'a middle slash anchors');
    assert.ok(ignored('#hash') && ignored('!bang'), 'escaped # and !');
    assert.ok(!ignored('src/a.ts'));
  });

  it('cannot re-include a file below an ignored folder', () => {
    const { tree } = treeOf({ '': 'vendor/\n!vendor/keep.ts\n' });
    assert.ok(tree.isIgnored('vendor/keep.ts', false));
  });

  it('reads nested .gitignore files relative to their own folder, the deeper one winning', () => {
    const { tree } = treeOf({
      '': '*.log.ts\nout/\n',
      pkg: '!important.log.ts\n/local.ts\n',
      'pkg/sub': '*.ts\n',
    });
    assert.ok(tree.isIgnored('a.log.ts', false));
    assert.ok(!tree.isIgnored('pkg/important.log.ts', false), 'the nested ! wins over the root pattern');
    assert.ok(tree.isIgnored('pkg/other.log.ts', false), 'the root pattern still applies in pkg');
    assert.ok(tree.isIgnored('pkg/local.ts', false) && !tree.isIgnored('local.ts', false) && !tree.isIgnored('pkg/x/local.ts', false), '/local.ts is anchored to pkg/');
    assert.ok(tree.isIgnored('pkg/sub/a.ts', false) && !tree.isIgnored('pkg/a.ts', false), 'pkg/sub/.gitignore applies only below it');
    assert.ok(tree.isIgnored('pkg/out/a.ts', false), 'a root folder pattern applies at any depth');
  });

  it('lets a nested file re-include a folder a shallower one ignores, and then reads what is inside (checked against git)', () => {
    const { tree } = treeOf({ '': 'build/\n*.log.ts\n', pkg: '!build/\n' });
    assert.ok(tree.isIgnored('build/x.ts', false));
    assert.ok(!tree.isIgnored('pkg/build', true));
    assert.ok(!tree.isIgnored('pkg/build/x.ts', false), 'git status lists pkg/build/x.ts');
    assert.ok(tree.isIgnored('pkg/build/x.log.ts', false), 'the root file still applies to the file itself');
  });

  it('rewrites a nested pattern relative to the root, escaping the folder name', () => {
    assert.equal(relativeToRoot('*.log', ''), '*.log');
    assert.equal(relativeToRoot('*.log', 'pkg'), 'pkg/**/*.log');
    assert.equal(relativeToRoot('dist/', 'pkg'), 'pkg/**/dist/');
    assert.equal(relativeToRoot('/local.ts', 'pkg'), 'pkg/local.ts');
    assert.equal(relativeToRoot('docs/*.md', 'a/b'), 'a/b/docs/*.md');
    assert.equal(relativeToRoot('**/x', 'pkg'), 'pkg/**/x');
    assert.equal(relativeToRoot('!keep.ts', 'pkg'), '!pkg/**/keep.ts');
    assert.equal(relativeToRoot('\\#hash', 'pkg'), 'pkg/**/\\#hash');
    assert.equal(relativeToRoot('x', '!we*ird[1]?#'), '\\!we\\*ird\\[1\\]\\?\\#/**/x');
    const { tree } = treeOf({ '!we*ird[1]?#': 'x\n' });
    assert.ok(tree.isIgnored('!we*ird[1]?#/x', false));
    assert.ok(!tree.isIgnored('!weXird1a#/x', false), 'the folder name is literal');
  });

  it('takes `[z-a]` (git accepts it: a range that matches nothing) without ending the scan', () => {
    const { tree, notices } = treeOf({ '': '[z-a]\n*.skip.ts\n' });
    assert.ok(!tree.isIgnored('m', false));
    assert.ok(tree.isIgnored('a.skip.ts', false), 'the next line still works');
    assert.deepEqual(notices, []);
  });
});

describe('file filter: exclude globs', () => {
  it('match with *, **, ?, [..] and nested braces, dot files included, like VS Code globs', () => {
    const cases: [string, string[], string[]][] = [
      ['*.ts', ['a.ts', '.ts'], ['a/b.ts', 'a.tsx']],
      ['src/**/*.ts', ['src/a.ts', 'src/x/y/a.ts'], ['lib/a.ts', 'src/a.js']],
      ['**/test/*.js', ['test/a.js', 'x/test/a.js'], ['test/x/a.js']],
      ['file?.{ts,js}', ['file1.ts', 'fileA.js'], ['file10.ts', 'file1.tsx']],
      ['a/{b,c/{d,e}}/f', ['a/b/f', 'a/c/d/f', 'a/c/e/f'], ['a/c/f']],
      ['[ab].ts', ['a.ts', 'b.ts'], ['c.ts']],
      ['a.b+c(1).ts', ['a.b+c(1).ts'], ['aXb+c(1).ts']],
      ['!x.ts', ['!x.ts'], ['y.ts']],
    ];
    for (const [glob, matches, misses] of cases) {
      const list = globsOf(glob);
      for (const path of matches) assert.ok(list.matches(path), `${glob} should match ${path}`);
      for (const path of misses) assert.ok(!list.matches(path), `${glob} should not match ${path}`);
    }
  });

  it('exclude what is inside a matching folder, as files.exclude does', () => {
    const list = globsOf('**/dist', 'out/**');
    assert.ok(list.excludes('dist/a.ts') && list.excludes('pkg/dist/x/a.ts') && list.excludes('out/a.ts'));
    assert.ok(!list.excludes('src/a.ts') && !list.excludes('distance/a.ts'));
  });

  it('reads the switched-on patterns of a files.exclude object', () => {
    assert.deepEqual(enabledPatterns({ '**/.git': true, '**/dist': false, '**/*.js': { when: '$(basename).ts' } }), ['**/.git']);
    assert.deepEqual(enabledPatterns(undefined), []);
  });
});

describe('file filter: what it leaves out', () => {
  it('says why: always skipped folders, excluded, gitignored, too long, too deep, too long a name', () => {
    const filter = new FileFilter(() => undefined);
    filter.excludes.add('files.exclude', ['**/generated']);
    filter.gitignore.add('', 'vendor/\n', '.gitignore');
    assert.equal(filter.exclusion('node_modules', true), 'always-skipped');
    assert.equal(filter.exclusion('a/.git', true), 'always-skipped');
    assert.equal(filter.exclusion('src/generated/a.ts', false), 'excluded');
    assert.equal(filter.exclusion('src/vendor/a.ts', false), 'gitignored');
    assert.equal(filter.exclusion(`${'abcdefghijklmno/'.repeat(MAX_PATH_LENGTH / 16)}b.ts`, false), 'too-long');
    assert.equal(filter.exclusion(`${'a/'.repeat(MAX_DEPTH + 1)}b.ts`, false), 'too-long');
    assert.equal(filter.exclusion(`${'a/'.repeat(MAX_DEPTH)}b.ts`, false), undefined);
    assert.equal(filter.exclusion(`${'a'.repeat(MAX_NAME_LENGTH + 1)}.ts`, false), 'too-long');
    assert.equal(filter.exclusion('src/a.ts', false), undefined);
  });

  it('reads TypeScript and JavaScript files but not declaration files', () => {
    assert.ok(['a.ts', 'a.tsx', 'a.mts', 'a.cts', 'a.js', 'a.jsx', 'a.mjs', 'A.CJS'].every(isSourceFile));
    assert.ok(!['a.d.ts', 'a.d.mts', 'a.json', 'ts', 'a.ts.map'].some(isSourceFile));
  });

  it('gives findFiles one fixed exclude made of the always-skipped folders', () => {
    assert.equal(FIND_FILES_EXCLUDE, '**/{node_modules,.git}/**');
  });

  it('orders .gitignore folders as a depth-first walk in name order, as the CLI reads them', () => {
    const folders = ['b', '', 'a/z', 'a-b', 'a', 'a/c/d'];
    assert.deepEqual([...folders].sort(compareInWalkOrder), ['', 'a', 'a/c/d', 'a/z', 'a-b', 'b']);
  });
});

describe('file filter: limits on patterns from a workspace', () => {
  it('skips lines longer than the limit, with one notice for the file', () => {
    const { tree, notices } = treeOf({ '': `${'x'.repeat(MAX_PATTERN_LENGTH + 1)}\n${'y'.repeat(MAX_PATTERN_LENGTH + 5)}\n*.skip.ts\n` });
    assert.ok(tree.isIgnored('a.skip.ts', false));
    assert.deepEqual(notices, [`./.gitignore: 2 of 3 patterns not used (2 longer than ${MAX_PATTERN_LENGTH} characters).`]);
  });

  it('skips a source with more patterns than the limit, whole', () => {
    const lines = Array.from({ length: MAX_PATTERNS_PER_SOURCE + 1 }, (_, i) => `file${i}.ts`);
    const { tree, notices } = treeOf({ '': lines.join('\n') });
    assert.ok(!tree.isIgnored('file1.ts', false));
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /not used: it has 10001 patterns, more than the 10000/);
  });

  it('admits patterns while the budget lasts: 10,000 plain ones, fewer with wildcards, no glob with two * in a folder segment, three in a name or four **', () => {
    assert.ok(patternCost('build', 'gitignore') * MAX_PATTERNS_PER_SOURCE <= MATCH_BUDGET, '10,000 .gitignore lines without wildcards fit');
    assert.ok(patternCost('*.log', 'gitignore') * 3000 <= MATCH_BUDGET, 'thousands with a *');
    assert.ok(patternCost('**/node_modules', 'glob') * 1000 <= MATCH_BUDGET, 'a thousand globs of a leading **');
    assert.ok(patternCost('**/*.min.js', 'glob') * 25 <= MATCH_BUDGET, 'dozens of ** and * in a glob');
    assert.ok(patternCost('a/**/b/**/c/**/d/**/e', 'gitignore') > MATCH_BUDGET, 'four ** never fit');
    assert.ok(patternCost('src/**/test/**/*.ts', 'glob') * 10 <= MATCH_BUDGET, 'ten globs of two ** and a *');
    assert.ok(patternCost('a/**/b/**/c/**/d/**/*.ts', 'glob') > MATCH_BUDGET, 'but never one of four ** and a *');
    assert.equal(patternCost('*a*a*a*a*a*a*a*ab', 'gitignore') < 25, true, '`ignore` matches the * of a .gitignore without backtracking');
    assert.ok(patternCost('**/*.test.*.ts', 'glob') * 5 <= MATCH_BUDGET, 'a few globs with two * in the file name');
    assert.ok(patternCost('src/**/test/**/*.spec.*', 'glob') <= MATCH_BUDGET, 'two * in the name after two **');
    assert.equal(patternCost('**/*a*/**/*ab', 'glob'), Number.POSITIVE_INFINITY, 'picomatch backtracks over two * in a folder segment');
    assert.equal(patternCost('**/*a*a*ab', 'glob'), Number.POSITIVE_INFINITY, 'and over three in the name');
    assert.equal(patternCost('{a,b}'.repeat(MAX_BRACE_GROUPS + 1), 'glob'), Number.POSITIVE_INFINITY);
    assert.equal(patternCost('dist/**', 'glob'), patternCost('dist', 'glob'), 'a trailing /** only takes the rest of the path');
    const notices: string[] = [];
    const list = new FileFilter((notice) => notices.push(notice)).excludes;
    list.add('search.exclude', ['**/keep/**', '*a*a*ab', '**/b/**', '**/*.test.*.ts']);
    assert.ok(list.excludes('keep/x.ts') && list.excludes('b/x.ts') && list.excludes('src/a.test.unit.ts'));
    assert.ok(!list.excludes('src/a.test.ts'));
    assert.deepEqual(notices, ['search.exclude: 1 of 4 patterns not used (1 with more wildcards or braces than can be matched safely).']);
  });

  it('shares one budget between the sources every path is matched against, in the order they are added, and says when it is spent', () => {
    const notices: string[] = [];
    const filter = new FileFilter((notice) => notices.push(notice), new MatchBudget(patternCost('**/a/**/b', 'glob') + patternCost('x', 'gitignore')));
    filter.excludes.add('files.exclude', ['**/a/**/b']);
    filter.gitignore.add('', 'x\ny\n', '.gitignore');
    assert.equal(filter.prepare(Number.POSITIVE_INFINITY), true);
    assert.deepEqual(notices, ['.gitignore: 1 of 2 patterns not used (1 left out because the matching budget is spent).']);
  });

  it('gives each nested .gitignore what the files above it left, not what its siblings left', () => {
    const lines = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`).join('\n');
    const cost = patternCost(relativeToRoot('x', 'pkg'), 'gitignore');
    // The root file takes 10 patterns' worth, each package 5: a root and one package fit, a package inside a package does not.
    const budget = new MatchBudget(patternCost('x', 'gitignore') * 10 + cost * 5.5);
    const { tree, notices } = treeOf({ '': lines('root', 10), a: lines('a', 5), b: lines('b', 5), 'a/inner': lines('inner', 5) }, budget);
    assert.ok(tree.isIgnored('a/a4', false) && tree.isIgnored('b/b4', false) && tree.isIgnored('b/root9', false), 'siblings both have all their patterns');
    assert.ok(!tree.isIgnored('a/inner/inner0', false), 'the chain root → a → a/inner is spent');
    assert.ok(tree.isIgnored('a/inner/a4', false), 'and what is above still applies there');
    assert.deepEqual(notices, ['a/inner/.gitignore: 5 of 5 patterns not used (5 left out because the matching budget is spent).']);
  });

  it('keeps every chain within the budget when a source for all paths comes after those for some', () => {
    const notices: string[] = [];
    const globCost = patternCost('**/a/**/b', 'glob');
    const nestedCost = patternCost(relativeToRoot('x', 'pkg'), 'gitignore');
    const filter = new FileFilter((notice) => notices.push(notice), new MatchBudget(globCost + nestedCost / 2));
    filter.gitignore.add('pkg', 'x\n', 'pkg/.gitignore');
    filter.excludes.add('search.exclude', ['**/a/**/b']);
    assert.equal(filter.exclusion('pkg/x', false), 'gitignored');
    assert.equal(filter.exclusion('a/1/b', false), undefined, 'the glob alone fits, but would take the chain through pkg/ over the budget');
    assert.deepEqual(notices, ['search.exclude: 1 of 1 patterns not used (1 left out because the matching budget is spent).']);
  });

  it("keeps ordinary monorepos' .gitignore files: 700 packages of eight lines each, every build/ ignored, no notice", () => {
    const { gitignores, sources, builds } = monorepoTree();
    const { tree, notices } = treeOf(Object.fromEntries(gitignores));
    const ignored = (file: string) => tree.isIgnored(file, false);
    assert.deepEqual(builds.filter((file) => !ignored(file)), [], 'every build/ file is ignored');
    assert.deepEqual(sources.filter(ignored), [], 'no source file is');
    assert.equal(builds.length, PACKAGE_COUNT);
    assert.deepEqual(notices, []);
    assert.ok(ignored(builds[0]!) && ignored(builds.at(-1)!), 'the first package still, after all the others (its matcher built again)');
  });

  it('keeps .gitignore patterns that cost more than the budget allows for one path out as too costly, even alone', () => {
    const { tree, notices } = treeOf({ pkg: 'a/**/b/**/c/**/d/**/e\nplain\n' });
    assert.ok(tree.isIgnored('pkg/plain', false));
    assert.deepEqual(notices, ['pkg/.gitignore: 1 of 2 patterns not used (1 with more wildcards or braces than can be matched safely).']);
  });

  it('compiles patterns a slice at a time when asked, and all at once on the first match otherwise', () => {
    const filter = new FileFilter(() => undefined);
    filter.gitignore.add('', Array.from({ length: 250 }, (_, i) => `gen${i}/`).join('\n'), '.gitignore');
    filter.excludes.add('files.exclude', ['**/x']);
    assert.equal(filter.prepare(100), false);
    assert.equal(filter.prepare(100), false);
    assert.equal(filter.prepare(100), true);
    assert.equal(filter.exclusion('gen249', true), 'gitignored');
    const lazy = new FileFilter(() => undefined);
    lazy.gitignore.add('', 'gen0/\n', '.gitignore');
    assert.equal(lazy.exclusion('gen0/a.ts', false), 'gitignored');
  });
});

describe('file filter: the CLI and the workspace scan on one tree', () => {
  const dir = tempDir('ic-filter-order');

  /**
   * Folders whose names sort differently by other orders ('a-b' before or after 'a/…'), each with a
   * .gitignore of costly patterns: the root's and one folder's fit the budget together, the files two
   * folders down (a/c/d, a/z) lose their last patterns.
   */
  const FOLDERS = ['', 'b', 'a-b', 'a', 'a/z', 'a/c/d'];
  const PATTERN = (i: number) => `d${i}/**/x/**/y`;
  const perFile = Math.floor((0.4 * MATCH_BUDGET) / patternCost(PATTERN(0), 'gitignore'));
  /** In each folder: a file the first pattern ignores, one only the last would, one none does. */
  const FILES = ['d0/x/y/first.ts', `d${perFile - 1}/x/y/last.ts`, 'keep.ts'];

  function writeTree(root: string): void {
    mkdirSync(path.join(root, '.git'), { recursive: true });
    mkdirSync(path.join(root, 'a', 'node_modules', 'lib'), { recursive: true });
    writeFileSync(path.join(root, 'a', 'node_modules', 'lib', 'index.js'), 'export {};\n');
    for (const folder of FOLDERS) {
      for (const file of FILES) {
        mkdirSync(path.dirname(path.join(root, folder, file)), { recursive: true });
        writeFileSync(path.join(root, folder, file), 'export {};\n');
      }
      writeFileSync(path.join(root, folder, '.gitignore'), Array.from({ length: perFile }, (_, i) => PATTERN(i)).join('\n'));
    }
  }

  /** As the workspace scan builds its filter (exclude-globs.ts), with the files read from disk and named as the CLI names them. */
  async function workspaceFilter(root: string, notices: string[]): Promise<FileFilter> {
    const gitignoreAt = (folder: string) => path.join(root, folder, '.gitignore');
    return buildFolderFilter(
      {
        settings: [],
        // The order a file search returns them in is its own.
        gitignoreFolders: [...FOLDERS].reverse(),
        readGitignore: (folder) => Promise.resolve({ text: readFileSync(gitignoreAt(folder), 'utf8'), name: path.relative(process.cwd(), gitignoreAt(folder)) }),
      },
      (notice) => notices.push(notice),
      () => Promise.resolve(),
    );
  }

  it('read the repository\'s .git/info/exclude before the root .gitignore, as git does: a negation there wins over it', async () => {
    const root = path.join(dir.path, 'git-exclude');
    mkdirSync(path.join(root, '.git', 'info'), { recursive: true });
    for (const file of ['local/a.ts', 'local/keep.ts', 'src/b.ts']) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), 'export {};\n');
    }
    writeFileSync(path.join(root, '.git', 'info', 'exclude'), 'local/*\n');
    writeFileSync(path.join(root, '.gitignore'), '!local/keep.ts\n');
    const cli = expandPatterns(['.'], root).files.map((file) => path.relative(root, file).split(path.sep).join('/')).sort();
    const filter = await buildFolderFilter({
      settings: [],
      gitignoreFolders: [''],
      readGitignore: () => Promise.resolve({ text: readFileSync(path.join(root, '.gitignore'), 'utf8'), name: '.gitignore' }),
      readGitExclude: () => Promise.resolve({ text: readFileSync(path.join(root, '.git', 'info', 'exclude'), 'utf8'), name: '.git/info/exclude' }),
    }, (notice) => assert.fail(notice), () => Promise.resolve());
    const editor = ['local/a.ts', 'local/keep.ts', 'src/b.ts'].filter((file) => filter.fileExclusion(file) === undefined);
    assert.deepEqual(cli, ['local/keep.ts', 'src/b.ts']);
    assert.deepEqual(editor, cli, 'the editor leaves out what the CLI does');
  });

  it('admit the same .gitignore patterns (the same notices, in walk order) and leave out the same files', async () => {
    const root = dir.path;
    writeTree(root);
    const cli = expandPatterns(['.'], root);
    const workspaceNotices: string[] = [];
    const filter = await workspaceFilter(root, workspaceNotices);
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).map((file) => file.split(path.sep).join('/')).filter(isSourceFile);
    const kept = sources.filter((file) => filter.fileExclusion(file) === undefined).sort();
    assert.deepEqual(cli.files.map((file) => path.relative(root, file).split(path.sep).join('/')).sort(), kept);
    assert.deepEqual(cli.notices, workspaceNotices);
    assert.deepEqual(workspaceNotices.map((notice) => path.relative(root, path.resolve(notice.slice(0, notice.indexOf(':')))).split(path.sep).join('/')), ['a/c/d/.gitignore', 'a/z/.gitignore'], 'the files two folders down, in walk order');
    assert.ok(kept.includes('a/z/keep.ts') && !kept.includes('a/z/d0/x/y/first.ts'), 'the patterns admitted apply');
    assert.ok(kept.includes(`a/z/${FILES[1]}`) && !kept.includes(`a/${FILES[1]}`), 'the last pattern is lost two folders down only');
  });
});

describe('file filter: an open document, judged as the workspace scan judges it', () => {
  /** A workspace folder's filter as the editor builds it for the scan and for live diagnostics alike. */
  function editorFilter(settings: Record<string, string[]>, gitignore: string): Promise<FileFilter> {
    return buildFolderFilter(
      { settings: Object.entries(settings).map(([name, globs]) => ({ name, globs })), gitignoreFolders: [''], readGitignore: () => Promise.resolve({ text: gitignore, name: '.gitignore' }) },
      (notice) => assert.fail(notice),
      () => Promise.resolve(),
    );
  }

  it('leaves out what is inside a folder an exclude setting names bare, as the scan does (relative to the workspace folder)', async () => {
    const filter = await editorFilter({ 'integrationCoach.exclude': ['generated'] }, '');
    assert.equal(filter.fileExclusion('generated/client.ts'), 'excluded');
    assert.equal(filter.fileExclusion('generated/deep/client.ts'), 'excluded');
    assert.equal(filter.fileExclusion('src/generated/client.ts'), undefined, 'a bare name is the folder at the top, as in files.exclude');
    assert.equal(filter.fileExclusion('generated.ts'), undefined);
  });

  it('leaves out what the .gitignore files ignore, what is in node_modules or .git at any depth, and paths too long to match', async () => {
    const filter = await editorFilter({ 'files.exclude': ['**/.DS_Store'], 'search.exclude': ['**/bower_components'] }, 'build/\n*.gen.ts\n!keep.gen.ts\n');
    assert.equal(filter.fileExclusion('pkg/build/out.js'), 'gitignored');
    assert.equal(filter.fileExclusion('src/a.gen.ts'), 'gitignored');
    assert.equal(filter.fileExclusion('src/keep.gen.ts'), undefined);
    assert.equal(filter.fileExclusion('lib/bower_components/x/index.js'), 'excluded');
    assert.equal(filter.fileExclusion('pkg/node_modules/lib/index.js'), 'always-skipped');
    assert.equal(filter.fileExclusion('vendor/.git/hooks/x.js'), 'always-skipped');
    assert.equal(filter.fileExclusion(`${'a/'.repeat(MAX_DEPTH + 1)}b.ts`), 'too-long');
    assert.equal(filter.fileExclusion('src/retry.ts'), undefined);
  });
});

describe('file filter: decoding what is read', () => {
  const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

  it('decodes UTF-16 by its byte order mark and drops any mark', () => {
    assert.equal(decodeText(utf16le('while (true) {}')), 'while (true) {}');
    assert.equal(decodeText(utf16be('fetch("é")')), 'fetch("é")');
    assert.equal(decodeText(Buffer.from('\ufeffconst a = 1;', 'utf8')), 'const a = 1;');
    assert.equal(decodeText(Buffer.from('plain', 'utf8')), 'plain');
    assert.deepEqual([utf16le('a'), utf16be('a'), Buffer.from('\ufeffa'), Buffer.from('a')].map(encodingOf), ['utf-16le', 'utf-16be', 'utf-8', 'utf-8']);
  });

  it('bounds the bytes on disk of a text within a limit, for each encoding', () => {
    const text = 'x'.repeat(100);
    assert.ok(utf16le(text).length <= maxBytesOnDisk(100, 'utf-16le'));
    assert.ok(utf16le(`${text}x`).length > maxBytesOnDisk(100, 'utf-16le'));
    assert.equal(maxBytesOnDisk(100, 'utf-8'), 103);
  });
});
