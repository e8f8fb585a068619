// What the two packages would ship, asked of the real tools after a production build: `vsce ls` for
// the .vsix (in the staging folder `npm run package` packs it from, with its options) and `npm pack
// --dry-run` for the npm package (which runs its prepack build). Both must carry the licence notices of the bundled packages (written by every build,
// see licences.test.ts) and the project's LICENSE. Dry runs only: nothing is zipped or fetched.
//
// The build runs in a scratch copy of the project (what git does not ignore, with node_modules linked),
// so the development build in dist/ that other tests run is left as it is.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { stageVsix, VSCE_OPTIONS } from '../../scripts/package-vsix.mjs';
import { NOTICES_FILE } from '../../scripts/third-party-notices.mjs';
import { repoRoot } from './repo-root';
import { run, scratchCopy } from './scratch-copy';

const root = repoRoot();

/** `npm run package`, read from package.json: the steps that build, then the script that packs the .vsix. */
function packageScript(): { buildSteps: string[] } {
  const script = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.package!;
  const steps = script.split('&&').map((step) => step.trim());
  assert.equal(steps.at(-1), 'node scripts/package-vsix.mjs', `npm run package ends by packing the .vsix: ${script}`);
  return { buildSteps: steps.slice(0, -1) };
}

/** `vsce package` in the staging folder, as `npm run package` runs it: everything it printed, and the file. */
function packWithVsce(stage: string): { output: string; vsix: string } {
  const vsix = path.join(stage, 'integration-coach.vsix');
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'vsce'), ['package', ...VSCE_OPTIONS, '--out', vsix], { cwd: stage, encoding: 'utf8', timeout: 120_000 });
  const output = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, output);
  return { output, vsix: existsSync(vsix) ? vsix : '' };
}

describe('packages', function () {
  // A production build (a few seconds) and two dry runs; a busy machine makes them slower.
  this.timeout(240_000);
  let copy = '';
  let vsixFiles: string[] = [];
  let npmFiles: string[] = [];
  let vscePackage = { output: '', vsix: '' };

  before(() => {
    copy = scratchCopy();
    const { buildSteps } = packageScript();
    for (const step of buildSteps) run(copy, step);
    // What `vsce package` packs: the staging folder package-vsix.mjs makes, with its options.
    const stage = stageVsix(copy);
    vsixFiles = run(stage, 'vsce', ['ls', ...VSCE_OPTIONS]).split('\n').filter(Boolean);
    vscePackage = packWithVsce(stage);
    // The prepack build prints its sizes first; npm's JSON follows.
    const packOutput = run(copy, 'npm', ['pack', '--dry-run', '--json']);
    const [packed] = JSON.parse(packOutput.slice(packOutput.search(/^\[\s*\{/m))) as { files: { path: string }[] }[];
    npmFiles = packed!.files.map((file) => file.path);
  });
  after(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('the .vsix carries the third-party notices and the LICENSE beside the extension', () => {
    assert.ok(vsixFiles.includes('package.json'), `vsce listed the package: ${vsixFiles.join(', ')}`);
    for (const file of [NOTICES_FILE, 'LICENSE']) assert.ok(vsixFiles.includes(file), `${file} is in the .vsix: ${vsixFiles.join(', ')}`);
  });

  it('the .vsix holds the editor\'s bundles, media and lesson content, and nothing for npm users', () => {
    for (const file of ['dist/extension.js', 'dist/analysis-worker.js', 'dist/webview/lesson.js']) assert.ok(vsixFiles.includes(file), `${file} is in the .vsix`);
    assert.ok(vsixFiles.some((file) => file.startsWith('content/')) && vsixFiles.some((file) => file.startsWith('media/')), vsixFiles.join(', '));
    const stray = vsixFiles.filter((file) => /^(src|test|scripts|out)\/|\.map$|^dist\/(cli|cli-worker|api|eslint-plugin)\.js$|^dist\/types\//.test(file));
    assert.deepEqual(stray, []);
  });

  it('no bundle holds Shiki: it highlights the lesson\'s code at build time only, into data', () => {
    const { outputs } = JSON.parse(readFileSync(path.join(copy, 'out', 'bundle-meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const webview = outputs['dist/webview/lesson.js'];
    assert.ok(webview && Object.keys(webview.inputs).some((input) => input.endsWith('highlighted-code.json')), 'the webview bundles the highlighted code');
    const shiki = Object.entries(outputs).flatMap(([output, { inputs }]) => Object.keys(inputs).filter((input) => /node_modules\/(shiki|@shikijs)\//.test(input)).map((input) => `${output}: ${input}`));
    assert.deepEqual(shiki, []);
    assert.deepEqual(vsixFiles.filter((file) => /shiki/i.test(file)), []);
  });

  it('the .vsix holds the Marketplace icon, the CHANGELOG and the user README', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { icon: string };
    for (const file of [manifest.icon, 'CHANGELOG.md', 'README.md']) assert.ok(vsixFiles.includes(file), `${file} is in the .vsix: ${vsixFiles.join(', ')}`);
    const icon = readFileSync(path.join(root, manifest.icon));
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128], 'the Marketplace icon is 128 × 128');
  });

  it('vsce packs the .vsix without a single warning', () => {
    assert.ok(vscePackage.vsix.endsWith('.vsix'), vscePackage.output);
    // vsce prints " WARNING " before each warning (and asks to continue before some).
    assert.doesNotMatch(vscePackage.output, /\bWARNING\b|continue\?/, vscePackage.output);
  });

  it('the npm package holds the CLI, the Node API, the ESLint plugin and their declarations, and nothing else', () => {
    const unexpected = npmFiles.filter((file) => !/^(package\.json|README\.md|LICENSE|dist\/(cli|cli-worker|api|eslint-plugin)\.js|dist\/types\/.+\.d\.ts|dist\/THIRD_PARTY_NOTICES\.txt|schemas\/integration-coach\.config\.schema\.json)$/.test(file));
    assert.deepEqual(unexpected, [], 'no VS Code bundles, sources, tests or source maps');
    for (const file of ['dist/cli.js', 'dist/cli-worker.js', 'dist/api.js', 'dist/eslint-plugin.js', 'dist/types/src/api.d.ts', 'dist/types/src/eslint-plugin/index.d.ts', 'schemas/integration-coach.config.schema.json']) {
      assert.ok(npmFiles.includes(file), `${file} is in the npm package`);
    }
  });

  it('the npm package carries the third-party notices and the LICENSE beside the bundles', () => {
    assert.ok(npmFiles.includes('package.json'), `npm listed the package: ${npmFiles.join(', ')}`);
    for (const file of [NOTICES_FILE, 'LICENSE']) assert.ok(npmFiles.includes(file), `${file} is in the npm package: ${npmFiles.join(', ')}`);
  });
});
