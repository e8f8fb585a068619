// Shared by the real-code set's scripts: where the references, the snapshots and the materialized files are.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function readReferences() {
  return JSON.parse(readFileSync(path.join(root, 'test', 'realworld', 'references.json'), 'utf8')).files;
}

/** Command-line options both scripts take: `--out DIR` (the materialized files) and `--verbose`. */
export function options() {
  const { values } = parseArgs({ options: { out: { type: 'string' }, verbose: { type: 'boolean', default: false } } });
  return { out: path.resolve(values.out ?? path.join(root, '..', 'realworld-files')), verbose: values.verbose };
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
