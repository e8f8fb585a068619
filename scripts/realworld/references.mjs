// Shared by the real-code set's scripts: where the references, the snapshots and the materialized files are.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function readReferences() {
  return JSON.parse(readFileSync(path.join(root, 'test', 'realworld', 'references.json'), 'utf8')).files;
}

/**
 * Command-line options the scripts take: `--out DIR` (the materialized files), `--verbose`, and (the scorer)
 * `--cross-file`, to follow each file's imports into its repository's snapshot, `--related`, to let a finding match a
 * label at a place it names (the retry behind a request), and `--set ID` (repeatable), to score only those sets (a new
 * set, as it came).
 */
export function options() {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, verbose: { type: 'boolean', default: false }, 'cross-file': { type: 'boolean', default: false }, related: { type: 'boolean', default: false }, set: { type: 'string', multiple: true } },
  });
  return { out: path.resolve(values.out ?? path.join(root, '..', 'realworld-files')), verbose: values.verbose, crossFile: values['cross-file'], related: values.related, sets: values.set };
}

/** Where a snapshot's files seem to live for the analysis: one folder per reference, its repository's root. */
export const SNAPSHOT_ROOT = '/snapshot';

/**
 * The repository at the reference's commit as a project host for `analyzeProject`: files under
 * SNAPSHOT_ROOT, read from the snapshot's git objects when asked (undefined where the snapshot is missing).
 */
export function snapshotHost(reference) {
  const gitDir = mirrorOf(reference);
  if (!existsSync(gitDir)) return undefined;
  const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  let paths;
  try {
    paths = new Set(git('ls-tree', '-r', '--name-only', reference.commit).split('\n').filter(Boolean));
  } catch {
    return undefined;
  }
  const folders = new Set();
  for (const file of paths) for (let slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) folders.add(file.slice(0, slash));
  const inside = (file) => (file.startsWith(`${SNAPSHOT_ROOT}/`) ? file.slice(SNAPSHOT_ROOT.length + 1) : undefined);
  const texts = new Map();
  return {
    root: SNAPSHOT_ROOT,
    fileExists: (file) => paths.has(inside(file)),
    directoryExists: (folder) => { const relative = inside(folder.replace(/\/$/, '')); return relative === '' || folders.has(relative); },
    readFile: (file) => {
      const relative = inside(file);
      if (!paths.has(relative)) return undefined;
      if (!texts.has(relative)) {
        try {
          texts.set(relative, git('show', `${reference.commit}:${relative}`));
        } catch {
          texts.set(relative, undefined);
        }
      }
      return texts.get(relative);
    },
  };
}

/** Where one reference's file is materialized: `<out>/<owner>+<name>/<commit>/<path>`. */
export function materializedPath(out, reference) {
  return path.join(out, reference.repo.replace('/', '+'), reference.commit, reference.path);
}

/** The git directory of a repository's snapshot: a bare copy, or a work tree's `.git`. */
export function mirrorOf(reference) {
  const mirrors = process.env.REALWORLD_MIRRORS ?? '/work/.mirror';
  const snapshot = path.join(mirrors, reference.repo.replace('/', '+'), 'repo');
  return existsSync(path.join(snapshot, '.git')) ? path.join(snapshot, '.git') : snapshot;
}

export function importFromRoot(relative) {
  return import(pathToFileURL(path.join(root, relative)).href);
}
