// Hostile patterns from a workspace (.gitignore lines, exclude settings) and the command line, against
// the shared file filter and the built CLI: star runs against a 10,000-character name, brace bombs,
// `[z-a]`, deep `**/**/…`, 100,000 lines. Each run keeps its result (the benign patterns beside the
// hostile ones still work, one notice per source) and takes within 10x the time of the same run with a
// benign pattern in the hostile one's place, measured in the same test.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FileFilter, MAX_DEPTH, MAX_PATTERN_LENGTH, MAX_PATTERNS_PER_SOURCE } from '../../../src/shared/file-filter';
import { fastestInTurns, FIXTURES, json, runCli, tempDir } from '../cli/helpers';

interface Hostile {
  name: string;
  /** .gitignore lines, or exclude globs. */
  lines: string[];
  /** Benign lines in the same number. */
  benign: string[];
}

const STAR_RUN = '*a*a*a*a*a*a*a*ab';
const BRACE_BOMB = '{a,b}'.repeat(60);
const DEEP_GLOBSTARS = `${'**/'.repeat(50)}x`;
const NESTED_GLOBSTARS = 'a/**/a/**/a/**/a/**/b';
const STARRED_FOLDERS = '**/*a*/**/*a*ab';

const HOSTILE: Hostile[] = [
  { name: 'a star run', lines: [STAR_RUN], benign: ['*.log'] },
  { name: 'a brace bomb ({a,b} x 60)', lines: [BRACE_BOMB], benign: ['*.log'] },
  { name: '[z-a]', lines: ['[z-a]'], benign: ['[a-z].log'] },
  { name: 'deep **/**/…', lines: [DEEP_GLOBSTARS], benign: ['**/x'] },
  { name: 'nested globstars', lines: [NESTED_GLOBSTARS], benign: ['a/**/b'] },
  { name: 'two * in folder segments under **', lines: [STARRED_FOLDERS], benign: ['**/a*/**/*aab'] },
  { name: 'a line of 5,000 characters', lines: [`${'*a'.repeat(2500)}`], benign: ['*.log'] },
  { name: '100,000 star runs', lines: Array.from({ length: 100_000 }, (_, i) => `${STAR_RUN}${i}`), benign: Array.from({ length: 100_000 }, (_, i) => `f${i}.log`) },
  { name: '10,000 patterns of three wildcards', lines: Array.from({ length: 10_000 }, (_, i) => `*a*a*${i}b`), benign: Array.from({ length: 10_000 }, (_, i) => `f${i}.log`) },
];

/** Paths a hostile workspace would pair with those patterns, and ordinary ones; all under src/. */
const PATHS = [
  `src/${'a'.repeat(10_000)}`,
  `src/${'a'.repeat(255)}.ts`,
  `src/${'a/'.repeat(200)}c.ts`,
  `src/${'ab'.repeat(30)}.ts`,
  `src/${'a'.repeat(160)}c/${'a'.repeat(160)}c/${'a'.repeat(160)}c`,
  ...Array.from({ length: 300 }, (_, i) => `src/pkg${i % 20}/module${i}/index${i % 7 === 0 ? '.skip' : ''}.ts`),
];

/**
 * A filter with working patterns in one source and the given lines in another: src/.gitignore below a
 * root .gitignore, or search.exclude beside files.exclude. And the notices it gave.
 */
function filterWith(lines: string[], where: 'gitignore' | 'setting'): { filter: FileFilter; notices: string[] } {
  const notices: string[] = [];
  const filter = new FileFilter((notice) => notices.push(notice));
  if (where === 'gitignore') {
    filter.gitignore.add('', '*.skip.ts\nvendor/\n', '.gitignore');
    filter.gitignore.add('src', lines.join('\n'), 'src/.gitignore');
  } else {
    filter.excludes.add('files.exclude', ['**/*.skip.ts', '**/vendor']);
    filter.excludes.add('search.exclude', lines);
  }
  return { filter, notices };
}

function scanned(filter: FileFilter, paths = PATHS): string[] {
  return paths.filter((file) => filter.exclusion(file, false) === undefined);
}

/** The folders of a chain as deep as a path may go, src/a, src/a/a, …: each path below is matched against all their files. */
const CHAIN = Array.from({ length: MAX_DEPTH - 1 }, (_, i) => `src${'/a'.repeat(i + 1)}`);
const CHAIN_PATHS = [...PATHS, ...CHAIN.flatMap((folder) => [`${folder}/x.ts`, `${folder}/x.skip.ts`, `${folder}/vendor/x.ts`])];

/** A root .gitignore with working patterns, and the same lines in the .gitignore of each folder of CHAIN. */
function chainFilterWith(lines: string[]): { filter: FileFilter; notices: string[] } {
  const notices: string[] = [];
  const filter = new FileFilter((notice) => notices.push(notice));
  filter.gitignore.add('', '*.skip.ts\nvendor/\n', '.gitignore');
  for (const folder of CHAIN) filter.gitignore.add(folder, lines.join('\n'), `${folder}/.gitignore`);
  return { filter, notices };
}

describe('adversarial globs: hostile patterns', function () {
  this.timeout(240_000);

  for (const where of ['gitignore', 'setting'] as const) {
    describe(`in the shared filter, from a ${where}`, () => {
      for (const hostile of HOSTILE) {
        it(`${hostile.name}: the working patterns still work, within 10x the time of a benign pattern`, () => {
          let result: string[] = [];
          let notices: string[] = [];
          let benignResult: string[] = [];
          const [hostileMs, benignMs] = fastestInTurns(
            hostile.lines.length > 1000 ? 2 : 7,
            () => {
              const built = filterWith(hostile.lines, where);
              result = scanned(built.filter);
              notices = built.notices;
            },
            () => (benignResult = scanned(filterWith(hostile.benign, where).filter)),
          );
          assert.deepEqual(result, benignResult, 'the same files scanned');
          assert.ok(!result.some((file) => file.endsWith('.skip.ts')), 'the pattern beside the hostile one still applies');
          assert.ok(!result.includes(PATHS[0]!), 'a 10,000-character path is never matched, so never scanned');
          assert.ok(notices.length <= 1, `at most one notice for the source: ${notices.join(' | ')}`);
          assert.ok(hostileMs < 10 * benignMs, `${hostile.name}: ${hostileMs.toFixed(1)} ms, benign: ${benignMs.toFixed(1)} ms`);
        });
      }
    });
  }

  it('a chain of nested folders, each .gitignore with the most star runs a file may have: one notice per file, the same files, within 10x the time of benign lines', () => {
    const starRuns = Array.from({ length: MAX_PATTERNS_PER_SOURCE }, (_, i) => `${STAR_RUN}${i}`);
    const benign = Array.from({ length: MAX_PATTERNS_PER_SOURCE }, (_, i) => `f${i}.log`);
    let result: string[] = [];
    let notices: string[] = [];
    let benignResult: string[] = [];
    const [hostileMs, benignMs] = fastestInTurns(
      2,
      () => {
        const built = chainFilterWith(starRuns);
        result = scanned(built.filter, CHAIN_PATHS);
        notices = built.notices;
      },
      () => (benignResult = scanned(chainFilterWith(benign).filter, CHAIN_PATHS)),
    );
    assert.deepEqual(result, benignResult, 'the same files scanned');
    assert.ok(!result.some((file) => file.endsWith('.skip.ts') || file.includes('/vendor/')), 'the root patterns still apply at the bottom of the chain');
    assert.ok(result.includes(`${CHAIN.at(-1)}/x.ts`));
    const sources = notices.map((notice) => notice.slice(0, notice.indexOf(':')));
    assert.deepEqual(sources, CHAIN.map((folder) => `${folder}/.gitignore`), 'one notice for each file of the chain, none for the root');
    assert.match(notices.at(-1)!, /: 10000 of 10000 patterns not used \(10000 left out because the matching budget is spent\)\.$/);
    assert.ok(hostileMs < 10 * benignMs, `a chain of star runs: ${hostileMs.toFixed(1)} ms, benign: ${benignMs.toFixed(1)} ms`);
  });

  it('refuses what it cannot match safely, with one notice naming the source and the reason', () => {
    const { filter, notices } = filterWith([STAR_RUN, BRACE_BOMB, 'x'.repeat(MAX_PATTERN_LENGTH + 1), '**/ok'], 'setting');
    assert.equal(filter.exclusion('src/ok/a.ts', false), 'excluded');
    assert.deepEqual(notices, [`search.exclude: 3 of 4 patterns not used (1 longer than ${MAX_PATTERN_LENGTH} characters; 2 with more wildcards or braces than can be matched safely).`]);
  });

  describe('in the built CLI', () => {
    const dir = tempDir('ic-adv-gitignore');
    const retry = readFileSync(path.join(FIXTURES, 'retry.ts'), 'utf8');
    /** A project whose src/.gitignore holds `lines`; the root .gitignore ignores vendor/ and *.gen.ts but keep.gen.ts. */
    function project(name: string, lines: string[]): string {
      const root = path.join(dir.path, name);
      for (const folder of ['src', 'vendor', `src/${'a'.repeat(200)}`, `src/${'ab/'.repeat(30)}`]) mkdirSync(path.join(root, folder), { recursive: true });
      for (const file of SOURCES) writeFileSync(path.join(root, file), retry);
      writeFileSync(path.join(root, '.gitignore'), 'vendor/\n*.gen.ts\n!keep.gen.ts\n');
      writeFileSync(path.join(root, 'src', '.gitignore'), lines.join('\n'));
      return root;
    }
    const scannedBy = (root: string, run: { stdout: string }) => json(run.stdout).map((result) => path.relative(root, result.filePath)).sort();
    const SOURCES = ['src/a.ts', 'src/b.gen.ts', 'src/keep.gen.ts', 'vendor/v.ts', `src/${'a'.repeat(200)}/${'a'.repeat(40)}.ts`, `src/${'ab/'.repeat(30)}c.ts`];
    const EXPECTED = ['src/a.ts', `src/${'a'.repeat(200)}/${'a'.repeat(40)}.ts`, `src/${'ab/'.repeat(30)}c.ts`, 'src/keep.gen.ts'];

    for (const hostile of HOSTILE.filter((entry) => entry.lines.length < 50_000)) {
      it(`${hostile.name} in .gitignore: the same files as with a benign line, within 10x the time`, () => {
        const hostileRoot = project(`hostile-${HOSTILE.indexOf(hostile)}`, hostile.lines);
        const benignRoot = project(`benign-${HOSTILE.indexOf(hostile)}`, hostile.benign);
        let hostileRun = runCli(['-f', 'json', '.'], { cwd: hostileRoot });
        let benignRun = hostileRun;
        const [hostileMs, benignMs] = fastestInTurns(
          2,
          () => (hostileRun = runCli(['-f', 'json', '.'], { cwd: hostileRoot })),
          () => (benignRun = runCli(['-f', 'json', '.'], { cwd: benignRoot })),
        );
        assert.equal(hostileRun.status, 0, hostileRun.stderr);
        assert.deepEqual(scannedBy(hostileRoot, hostileRun), scannedBy(benignRoot, benignRun));
        assert.deepEqual(scannedBy(hostileRoot, hostileRun), EXPECTED);
        assert.ok(hostileRun.stderr.split('\n').filter(Boolean).length <= 1, hostileRun.stderr);
        assert.ok(hostileMs < 10 * benignMs, `${hostile.name}: ${hostileMs.toFixed(0)} ms, benign: ${benignMs.toFixed(0)} ms`);
      });
    }

    it('a command-line glob too costly to match is a usage error; a brace bomb there works', () => {
      const root = project('globs', ['*.log']);
      const refused = runCli([STAR_RUN.replace(/b$/, '.ts')], { cwd: root });
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /^integration-coach: The glob "\*a\*a.*": 1 of 1 patterns not used \(1 with more wildcards or braces than can be matched safely\)\.\n$/);
      const braces = runCli(['-f', 'json', `src/{a,b,c,d,e,f,g,h}.{ts,js}`], { cwd: root });
      assert.equal(braces.status, 0, braces.stderr);
      assert.deepEqual(scannedBy(root, braces), ['src/a.ts']);
    });
  });
});
