// The CLI runs on the project's own TypeScript (a peer dependency): without one, or with one outside the
// supported range, it says what to install, in one line, and checks nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SUPPORTED_TYPESCRIPT, SUPPORTED_TYPESCRIPT_RANGE } from '../../../src/cli/engine-loader';
import { FIXTURES, ROOT, tempDir } from './helpers';

describe('CLI and the TypeScript it runs on', function () {
  this.timeout(60_000);
  const dir = tempDir('ic-peer-typescript');

  /** A copy of the built CLI in a folder of its own, with the node_modules given (or none) beside it. */
  function installCli(name: string, typescriptVersion?: string): string {
    const folder = path.join(dir.path, name);
    mkdirSync(folder);
    for (const file of ['cli.js', 'cli-worker.js']) copyFileSync(path.join(ROOT, 'dist', file), path.join(folder, file));
    if (typescriptVersion) {
      const typescript = path.join(folder, 'node_modules', 'typescript');
      mkdirSync(typescript, { recursive: true });
      writeFileSync(path.join(typescript, 'package.json'), JSON.stringify({ name: 'typescript', version: typescriptVersion, main: 'index.js' }));
      writeFileSync(path.join(typescript, 'index.js'), `exports.version = ${JSON.stringify(typescriptVersion)};\n`);
    }
    return path.join(folder, 'cli.js');
  }

  function run(cli: string) {
    return spawnSync(process.execPath, [cli, 'retry.ts'], { cwd: FIXTURES, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', INTEGRATION_COACH_NO_CODE_CACHE: '1' }, timeout: 30_000 });
  }

  it('without TypeScript, says to install it and exits 2', () => {
    const result = run(installCli('none'));
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^integration-coach: integration-coach needs TypeScript >=5\.0 <6\.1 beside it \(a peer dependency\): npm install --save-dev "typescript@>=5\.0 <6\.1"\. It is not installed where /);
    assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
  });

  it('with a TypeScript outside the range (the native port, 7), names the one it found', () => {
    const result = run(installCli('seven', '7.0.2'));
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /needs TypeScript >=5\.0 <6\.1 .* The one found is 7\.0\.2, at .*typescript/);
  });

  it('accepts the versions of its peer range, and only those', () => {
    const peer = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> }).peerDependencies.typescript;
    assert.equal(SUPPORTED_TYPESCRIPT_RANGE, peer, 'the CLI checks the range package.json states');
    for (const version of ['5.0.4', '5.9.3', '6.0.3', '5.10.0-beta']) assert.match(version, SUPPORTED_TYPESCRIPT, version);
    for (const version of ['4.9.5', '6.1.0', '7.0.2', '10.0.0']) assert.doesNotMatch(version, SUPPORTED_TYPESCRIPT, version);
  });
});
