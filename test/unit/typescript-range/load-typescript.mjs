// Preloaded into a mocha run (`--require`): `require('typescript')` anywhere then loads the copy in the folder
// named by INTEGRATION_COACH_TEST_TYPESCRIPT, so the analysis tests run on another TypeScript of the peer range.
import Module, { createRequire } from 'node:module';

const folder = process.env.INTEGRATION_COACH_TEST_TYPESCRIPT;
if (!folder) throw new Error('INTEGRATION_COACH_TEST_TYPESCRIPT names no folder');
const typescriptMain = createRequire(import.meta.url).resolve(folder);
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'typescript' ? typescriptMain : resolveFilename.call(this, request, ...rest);
};
