// Loads the analysis bundle (dist/cli-worker.js, 3–10 MB with TypeScript) with a V8 code cache,
// on the main thread and in each worker. Compiling the bundle costs about 170 ms a thread on
// every run; with the cache, about 20 ms. Node 22 has this built in (module.enableCompileCache);
// Node 20 does not, so the CLI keeps its own, in a folder of the user's own under the temp dir
// (mode 0700, checked to be the user's). V8 rejects a cache made for another source, V8 or flags.
// Each installed copy of the bundle (by its path) has one cache, which its next build replaces: two
// projects with their own copies of the CLI, run in turn, do not throw each other's cache away.
// INTEGRATION_COACH_NO_CODE_CACHE=1 turns it off.
//
// The loader is JavaScript source in a string, because a worker runs it before it has anything
// else: the pool starts each worker with `eval` of this source.

/**
 * `(file, require) => exports`, with `exports.saveCodeCache()` to write the cache after use (it then
 * holds the functions compiled during the scan too).
 */
export const ENGINE_LOADER_SOURCE = String.raw`(function loadEngine(file, require) {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const vm = require('node:vm');
  const Module = require('node:module');
  const source = fs.readFileSync(file, 'utf8');
  // The caches of this copy of the bundle start so; the build (size, time) and Node follow.
  const copyPrefix = path.basename(file) + '-' + require('node:crypto').createHash('sha256').update(file).digest('hex').slice(0, 12) + '-';
  let cacheFile;
  let cachedData;
  if (!process.env.INTEGRATION_COACH_NO_CODE_CACHE && typeof process.getuid === 'function') {
    try {
      const dir = path.join(os.tmpdir(), 'integration-coach-' + process.getuid());
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const dirStats = fs.statSync(dir);
      if (dirStats.uid === process.getuid() && (dirStats.mode & 0o077) === 0) {
        const stats = fs.statSync(file);
        cacheFile = path.join(dir, copyPrefix + process.version + '-' + process.arch + '-' + stats.size + '-' + Math.round(stats.mtimeMs) + '.v8');
        if (fs.existsSync(cacheFile)) cachedData = fs.readFileSync(cacheFile);
      }
    } catch {
      cacheFile = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {}, id: file, filename: file, loaded: false };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  const needsCache = cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true);
  module.exports.saveCodeCache = () => {
    if (!needsCache) return;
    try {
      const temporary = cacheFile + '.' + process.pid + '.tmp';
      fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temporary, cacheFile);
      // One cache per copy of the bundle: those of its older builds go.
      for (const name of fs.readdirSync(path.dirname(cacheFile))) {
        if (name.startsWith(copyPrefix) && name !== path.basename(cacheFile) && !name.endsWith('.tmp')) fs.rmSync(path.join(path.dirname(cacheFile), name), { force: true });
      }
    } catch {
      // A cache is an optimisation; without it the next run compiles again.
    }
  };
  return module.exports;
})`;

/** The code a worker thread starts with: load the bundle named in workerData (it then serves the pool). */
export function workerBootstrap(): string {
  return `${ENGINE_LOADER_SOURCE}(require('node:worker_threads').workerData.engineFile, require);`;
}
