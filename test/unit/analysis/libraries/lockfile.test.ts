// lockfile (npm's): a held lock fails at once by default (retries 0); `retries: n` tries n more times, each
// after the same `retryWait`, or at once without it; `lockSync` never waits. Found as the required module,
// required and called at once, or imported by name.
import { lockfile } from '../../../../src/analysis/libraries/lockfile';
import { runLibraryTable } from './library-table';

describe('libraries: lockfile', () => {
  runLibraryTable([lockfile], [
    {
      title: 'the defaults (no options: a held lock fails at once) are no retry',
      code: `const lockFile = require('lockfile');
exports.take = (cb) => lockFile.lock('daemon.lock', cb);`,
      findings: [],
    },
    {
      title: 'retries with a fixed retryWait: bounded, waiting the same 50 ms every time',
      code: `const lockFile = require('lockfile');
exports.take = (cb) => lockFile.lock('daemon.lock', { retries: 400, retryWait: 50, stale: 5000 }, cb);`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['its delay is the same for every client'],
    },
    {
      title: 'retries without a retryWait try again at once',
      code: `import { lock } from 'lockfile';
export const take = (cb) => lock('daemon.lock', { retries: 5 }, cb);`,
      findings: [[2, 'retry-without-jitter']],
      messages: ["lockfile's `lock` tries again at once, with no wait"],
    },
    {
      title: 'lockSync ignores retryWait: its retries follow each other at once',
      code: `const lockfile = require('lockfile');
exports.takeNow = () => lockfile.lockSync('daemon.lock', { retries: 3, retryWait: 100 });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['which `lockSync` ignores'],
    },
    {
      title: 'a promise-returning copy (`util.promisify(lockfile.lock.bind(lockfile))`) is the same lock',
      code: `const util = require('util');
const lockfile = require('lockfile');
const lock = util.promisify(lockfile.lock.bind(lockfile));
module.exports = async function start(file) {
  await lock(file, { stale: 16000, retries: 400, retryWait: 50 });
};`,
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'a promisified function of another module is not',
      code: `const util = require('util');
const locks = require('./locks');
const lock = util.promisify(locks.lock);
module.exports = async (file) => lock(file, { retries: 400, retryWait: 50 });`,
      findings: [],
    },
    {
      title: 'the module required and its lock called at once is the same',
      code: `exports.take = (cb) => require('lockfile').lock('daemon.lock', { retries: 10, retryWait: 200 }, cb);`,
      findings: [[1, 'retry-without-jitter']],
    },
    {
      title: 'retries: 0, or options out of sight, are silent',
      code: `const lockFile = require('lockfile');
exports.take = (cb) => lockFile.lock('a.lock', { retries: 0, retryWait: 50 }, cb);
exports.takeWith = (options, cb) => lockFile.lock('b.lock', options, cb);`,
      findings: [],
    },
    {
      title: 'a lock method of another module (proper-lockfile\'s own options) is not read as this one',
      code: `const other = require('./locks');
exports.take = (cb) => other.lock('daemon.lock', { retries: 4, retryWait: 50 }, cb);`,
      findings: [],
    },
  ]);
});
