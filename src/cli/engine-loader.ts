// Loads the analysis bundle (dist/cli-worker.js) and the TypeScript it runs on (the user's, a peer
// dependency: 3–9 MB of JavaScript) with a V8 code cache, on the main thread and in each worker.
// Compiling them costs about 170 ms a thread on every run; with the cache, about 20 ms. Node 22
// has this built in (module.enableCompileCache); Node 20 does not, so the CLI keeps its own, in a
// folder of the user's own under the temp dir (mode 0700, checked to be the user's). V8 rejects a cache made for another source, V8 or flags.
// Each installed copy of a file (by its path) has one cache, which its next build or version replaces:
// two projects with their own copies of the CLI, run in turn, do not throw each other's cache away.
// INTEGRATION_COACH_NO_CODE_CACHE=1 turns it off.
//
// The loader is JavaScript source in a string, because a worker runs it before it has anything
// else: the pool starts each worker with `eval` of this source.

/** The TypeScript versions the analysis runs on: package.json's peer range (a test keeps them one). */
export const SUPPORTED_TYPESCRIPT_RANGE = '>=5.0 <6.1';
export const SUPPORTED_TYPESCRIPT = /^(?:5\.\d+|6\.0)\./;

/** The name of the errors the loader throws when the project lacks what the CLI needs (not a defect of the CLI). */
export const SETUP_ERROR = 'IntegrationCoachSetupError';

/**
 * `(file, require) => exports`, with `exports.saveCodeCache()` to write the cache after use (it then
 * holds the functions compiled during the scan too).
 */
export const ENGINE_LOADER_SOURCE = String.raw`(function loadEngine(file, require) {
  const TYPESCRIPT_NEEDED = 'integration-coach needs TypeScript ${SUPPORTED_TYPESCRIPT_RANGE} beside it (a peer dependency): npm install --save-dev "typescript@${SUPPORTED_TYPESCRIPT_RANGE}".';
  const SUPPORTED_TYPESCRIPT = /${SUPPORTED_TYPESCRIPT.source}/;
  const setupError = (message) => Object.assign(new Error(message), { name: '${SETUP_ERROR}' });
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const vm = require('node:vm');
  const Module = require('node:module');
  const crypto = require('node:crypto');
  let cacheDir;
  if (!process.env.INTEGRATION_COACH_NO_CODE_CACHE && typeof process.getuid === 'function') {
    try {
      const dir = path.join(os.tmpdir(), 'integration-coach-' + process.getuid());
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const dirStats = fs.statSync(dir);
      if (dirStats.uid === process.getuid() && (dirStats.mode & 0o077) === 0) cacheDir = dir;
    } catch {
      cacheDir = undefined;
    }
  }
  // Runs a CommonJS file through the cache; returns its exports and the writer of its cache.
  function loadCompiled(moduleFile, moduleRequire) {
    const source = fs.readFileSync(moduleFile, 'utf8');
    // The caches of this copy of the file start so; the build (size, time) and Node follow.
    const copyPrefix = path.basename(moduleFile) + '-' + crypto.createHash('sha256').update(moduleFile).digest('hex').slice(0, 12) + '-';
    let cacheFile;
    let cachedData;
    if (cacheDir !== undefined) {
      try {
        const stats = fs.statSync(moduleFile);
        cacheFile = path.join(cacheDir, copyPrefix + process.version + '-' + process.arch + '-' + stats.size + '-' + Math.round(stats.mtimeMs) + '.v8');
        if (fs.existsSync(cacheFile)) cachedData = fs.readFileSync(cacheFile);
      } catch {
        cacheFile = undefined;
      }
    }
    const script = new vm.Script(Module.wrap(source), { filename: moduleFile, cachedData });
    const module = { exports: {}, id: moduleFile, filename: moduleFile, loaded: false };
    script.runInThisContext().call(module.exports, module.exports, moduleRequire, module, moduleFile, path.dirname(moduleFile));
    module.loaded = true;
    const needsCache = cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true);
    const saveCache = () => {
      if (!needsCache) return;
      try {
        const temporary = cacheFile + '.' + process.pid + '.tmp';
        fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temporary, cacheFile);
        // One cache per copy of the file: those of its older builds go.
        for (const name of fs.readdirSync(cacheDir)) {
          if (name.startsWith(copyPrefix) && name !== path.basename(cacheFile) && !name.endsWith('.tmp')) fs.rmSync(path.join(cacheDir, name), { force: true });
        }
      } catch {
        // A cache is an optimisation; without it the next run compiles again.
      }
    };
    return { exports: module.exports, saveCache };
  }
  // TypeScript is the user's own (a peer dependency), found from the bundle's folder, and compiled through the
  // cache like the bundle: it is most of the code that runs.
  const bundleRequire = Module.createRequire(file);
  let typescriptFile;
  try {
    typescriptFile = bundleRequire.resolve('typescript');
  } catch {
    throw setupError(TYPESCRIPT_NEEDED + ' It is not installed where ' + file + ' can find it.');
  }
  const typescript = loadCompiled(typescriptFile, Module.createRequire(typescriptFile));
  if (!SUPPORTED_TYPESCRIPT.test(String(typescript.exports.version))) {
    throw setupError(TYPESCRIPT_NEEDED + ' The one found is ' + typescript.exports.version + ', at ' + typescriptFile + '.');
  }
  const engineRequire = Object.assign((id) => (id === 'typescript' ? typescript.exports : bundleRequire(id)), bundleRequire);
  const engine = loadCompiled(file, engineRequire);
  engine.exports.saveCodeCache = () => {
    typescript.saveCache();
    engine.saveCache();
  };
  return engine.exports;
})`;

/** The code a worker thread starts with: load the bundle named in workerData (it then serves the pool). */
export function workerBootstrap(): string {
  return `${ENGINE_LOADER_SOURCE}(require('node:worker_threads').workerData.engineFile, require);`;
}
