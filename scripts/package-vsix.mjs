// Packs the VS Code extension (`npm run package`, after a production build): integration-coach.vsix.
//
// One package.json serves two packages. Its `files` list is the npm package's (the CLI, the Node API, the
// ESLint plugin and their declarations); the .vsix ships the editor's bundles, chosen by .vscodeignore. vsce
// refuses a project with both, and with `files` alone it would pack the npm list. So the .vsix is packed
// from a staging folder (out/vsix) holding what it ships and a package.json without `files`.
//
//   node scripts/package-vsix.mjs [--out FILE]      FILE defaults to integration-coach.vsix
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** What `vsce package` and `vsce ls` are given: the bundles hold every dependency, so none is packed. */
export const VSCE_OPTIONS = ['--no-dependencies'];

/** The files and folders the staging folder copies: what .vscodeignore may let in, and the file itself. */
const STAGED = ['.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist', 'media', 'content'];

/** Makes the staging folder from the project at `projectRoot` (built for production first); returns its path. */
export function stageVsix(projectRoot, stageDir = path.join(projectRoot, 'out', 'vsix')) {
  if (!existsSync(path.join(projectRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `node scripts/build.mjs --production` first');
  rmSync(stageDir, { recursive: true, force: true });
  mkdirSync(stageDir, { recursive: true });
  for (const entry of STAGED) cpSync(path.join(projectRoot, entry), path.join(stageDir, entry), { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(path.join(stageDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return stageDir;
}

function main() {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'integration-coach.vsix' } } });
  const stageDir = stageVsix(root);
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', ...VSCE_OPTIONS, '--out', path.resolve(root, values.out)], { cwd: stageDir, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

// Run as a script (the unit tests import it, bundled, where import.meta is empty).
if (import.meta.url && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
