// A scratch copy of the project as a fresh clone holds it (what .gitignore leaves), with the dependencies
// linked in, for tests that build or pack it without touching the development build in dist/.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ignore from 'ignore';
import { repoRoot } from './repo-root';

const root = repoRoot();
const BIN = path.join(root, 'node_modules', '.bin');

/** A copy of the project as a fresh clone would hold it (what .gitignore leaves), with the dependencies linked in. */
export function scratchCopy(): string {
  const rules = ignore().add(readFileSync(path.join(root, '.gitignore'), 'utf8')).add('.git');
  const copy = mkdtempSync(path.join(tmpdir(), 'ic-packaging-'));
  cpSync(root, copy, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(root, source).split(path.sep).join('/');
      if (relative === '') return true;
      return !rules.ignores(statSync(source).isDirectory() ? `${relative}/` : relative);
    },
  });
  symlinkSync(realpathSync(path.join(root, 'node_modules')), path.join(copy, 'node_modules'), 'dir');
  return copy;
}

/** Runs a command in the copy as `npm run` would (node_modules/.bin first on the PATH); its stdout. */
export function run(copy: string, command: string, args: string[] = []): string {
  const result = spawnSync(command, args, {
    cwd: copy,
    shell: args.length === 0,
    encoding: 'utf8',
    // No update check, nothing fetched: the answer comes from the files alone.
    env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

