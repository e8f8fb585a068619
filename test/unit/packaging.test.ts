// What the two packages would ship, asked of the real tools after a production build: `vsce ls` for
// the .vsix (with the options `npm run package` gives `vsce package`) and `npm pack --dry-run` for the
// npm package. Both must carry the licence notices of the bundled packages (written by every build,
// see licences.test.ts) and the project's LICENSE. Dry runs only: nothing is zipped or fetched.
//
// The build runs in a scratch copy of the project (what git does not ignore, with node_modules linked),
// so the development build in dist/ that other tests run is left as it is.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ignore from 'ignore';
import { NOTICES_FILE } from '../../scripts/third-party-notices.mjs';
import { repoRoot } from './repo-root';

const root = repoRoot();
const BIN = path.join(root, 'node_modules', '.bin');

/** `npm run package`, read from package.json: the steps that build, then `vsce package` and its options. */
function packageScript(): { buildSteps: string[]; vsceOptions: string[] } {
  const script = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.package!;
  const steps = script.split('&&').map((step) => step.trim());
  const vsceStep = steps.at(-1)!;
  assert.match(vsceStep, /^vsce package\b/, `npm run package ends with vsce package: ${script}`);
  const words = vsceStep.split(/\s+/).slice(2);
  // Where the .vsix goes is for `vsce package` alone; every other option changes what it holds.
  const out = words.indexOf('--out');
  if (out >= 0) words.splice(out, 2);
  return { buildSteps: steps.slice(0, -1), vsceOptions: words };
}

/** A copy of the project as a fresh clone would hold it (what .gitignore leaves), with the dependencies linked in. */
function scratchCopy(): string {
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
function run(copy: string, command: string, args: string[] = []): string {
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

describe('packages', function () {
  // A production build (a few seconds) and two dry runs; a busy machine makes them slower.
  this.timeout(240_000);
  let copy = '';
  let vsixFiles: string[] = [];
  let npmFiles: string[] = [];

  before(() => {
    copy = scratchCopy();
    const { buildSteps, vsceOptions } = packageScript();
    for (const step of buildSteps) run(copy, step);
    vsixFiles = run(copy, 'vsce', ['ls', ...vsceOptions]).split('\n').filter(Boolean);
    const [packed] = JSON.parse(run(copy, 'npm', ['pack', '--dry-run', '--json'])) as { files: { path: string }[] }[];
    npmFiles = packed!.files.map((file) => file.path);
  });
  after(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('the .vsix carries the third-party notices and the LICENSE beside the extension', () => {
    assert.ok(vsixFiles.includes('package.json'), `vsce listed the package: ${vsixFiles.join(', ')}`);
    for (const file of [NOTICES_FILE, 'LICENSE']) assert.ok(vsixFiles.includes(file), `${file} is in the .vsix: ${vsixFiles.join(', ')}`);
  });

  it('the npm package carries the third-party notices and the LICENSE beside the bundles', () => {
    assert.ok(npmFiles.includes('package.json'), `npm listed the package: ${npmFiles.join(', ')}`);
    for (const file of [NOTICES_FILE, 'LICENSE']) assert.ok(npmFiles.includes(file), `${file} is in the npm package: ${npmFiles.join(', ')}`);
  });
});
