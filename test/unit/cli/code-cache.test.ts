// The CLI's code cache (src/cli/engine-loader.ts), with two installed copies of the CLI sharing one
// temp folder, as two projects with their own copy do. Both find the same TypeScript (the peer dependency,
// in a node_modules above them), whose cache they share.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, ROOT, tempDir } from './helpers';

describe('CLI code cache', function () {
  // Each run starts the CLI, which compiles its 3–10 MB bundle when it has no cache; a busy machine makes that slow.
  this.timeout(120_000);
  const dir = tempDir('ic-code-cache');

  /** A copy of the built CLI in `name` under the test's folder; returns its cli.js. */
  function installCopy(name: string): string {
    const folder = path.join(dir.path, name);
    mkdirSync(folder);
    for (const file of ['cli.js', 'cli-worker.js']) copyFileSync(path.join(ROOT, 'dist', file), path.join(folder, file));
    return path.join(folder, 'cli.js');
  }

  function run(cli: string): void {
    const result = spawnSync(process.execPath, [cli, '-f', 'json', 'retry.ts'], {
      cwd: FIXTURES,
      env: { ...process.env, NO_COLOR: '1', TMPDIR: path.join(dir.path, 'tmp'), INTEGRATION_COACH_NO_CODE_CACHE: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as unknown[]).length, 1);
  }

  /** The cache files, by name (none where the CLI keeps no cache: without user ids, on Windows). */
  function allCaches(): string[] {
    const tmp = path.join(dir.path, 'tmp');
    return readdirSync(tmp)
      .filter((name) => name.startsWith('integration-coach-'))
      .flatMap((cacheDir) => readdirSync(path.join(tmp, cacheDir)))
      .sort();
  }

  /** The caches of the analysis bundle (one per copy). */
  function caches(): string[] {
    return allCaches().filter((name) => name.startsWith('cli-worker.js-'));
  }

  it('keeps one cache for each copy of the bundle, and replaces a copy’s cache when that copy is rebuilt', () => {
    mkdirSync(path.join(dir.path, 'tmp'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir.path, 'node_modules'), 'dir');
    if (typeof process.getuid !== 'function') {
      run(installCopy('only'));
      assert.deepEqual(caches(), []);
      return;
    }
    const first = installCopy('first');
    const second = installCopy('second');
    run(first);
    const [firstCache] = caches();
    run(second);
    assert.equal(caches().length, 2, 'the second copy did not throw the first one’s cache away');
    assert.ok(caches().includes(firstCache!));
    assert.equal(allCaches().filter((name) => name.startsWith('typescript.js-')).length, 1, 'the copies share the cache of the one TypeScript they run on');

    // A rebuild of the first copy (a new modification time): its old cache goes, the second copy's stays.
    const worker = path.join(path.dirname(first), 'cli-worker.js');
    const later = new Date(statSync(worker).mtimeMs + 60_000);
    utimesSync(worker, later, later);
    run(first);
    const after = caches();
    assert.equal(after.length, 2, after.join(', '));
    assert.ok(!after.includes(firstCache!), 'the old build’s cache is gone');
  });
});
