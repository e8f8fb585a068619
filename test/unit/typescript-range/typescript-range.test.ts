// The CLI, the Node API and the ESLint plugin run on the user's TypeScript (a peer dependency, package.json's
// range). The whole analysis test suite runs again on the lowest and the highest release of that range, each
// installed from the npm registry into out/typescript-range (kept there for later runs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../repo-root';

const root = repoRoot();

/** The ends of the peer range `>=5.0 <6.1`: the last patch of 5.0 and of 6.0. */
export const RANGE_ENDS = ['5.0.4', '6.0.3'];

/** The folder holding `typescript` at `version`, installed on first use. */
export function typescriptAt(version: string): string {
  const folder = path.join(root, 'out', 'typescript-range', version);
  const installed = path.join(folder, 'node_modules', 'typescript');
  const manifest = path.join(installed, 'package.json');
  if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version === version) return installed;
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: `typescript-${version}`, private: true }));
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', `typescript@${version}`], { cwd: folder, encoding: 'utf8', timeout: 300_000 });
  assert.equal(npm.status, 0, `npm install typescript@${version} failed:\n${npm.stderr}`);
  return installed;
}

describe('the supported TypeScript range', function () {
  // Each end: an install (once) and the analysis suite, about a thousand tests; a busy machine makes them slower.
  this.timeout(900_000);

  it('runs at the two ends of the range package.json states', () => {
    const peer = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> }).peerDependencies.typescript!;
    const [, floor, major, minor] = /^>=(\d+\.\d+) <(\d+)\.(\d+)$/.exec(peer) ?? [];
    assert.ok(floor && major && minor && Number(minor) > 0, `a range from a minor release to below another: ${peer}`);
    assert.ok(RANGE_ENDS[0]!.startsWith(`${floor}.`), `${RANGE_ENDS[0]} is a release of ${floor}, the lowest the range takes`);
    assert.ok(RANGE_ENDS[1]!.startsWith(`${major}.${Number(minor) - 1}.`), `${RANGE_ENDS[1]} is a release of the highest minor the range takes (below ${major}.${minor})`);
  });

  for (const version of RANGE_ENDS) {
    it(`the analysis tests pass on TypeScript ${version}`, () => {
      const typescript = typescriptAt(version);
      const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
      const run = spawnSync(process.execPath, [
        mocha, '--no-config', '--reporter', 'dot', '--timeout', '120000',
        '--require', path.join(root, 'test', 'unit', 'typescript-range', 'load-typescript.mjs'),
        'out/test/unit/analysis/**/*.test.js',
      ], { cwd: root, encoding: 'utf8', env: { ...process.env, INTEGRATION_COACH_TEST_TYPESCRIPT: typescript }, timeout: 840_000, maxBuffer: 64 * 1024 * 1024 });
      assert.equal(run.status, 0, `on TypeScript ${version}:\n${run.stdout.slice(-6000)}\n${run.stderr.slice(-2000)}`);
      assert.match(run.stdout, /\d{3,} passing/);
      assert.doesNotMatch(run.stdout, /pending|failing/);
    });
  }
});
