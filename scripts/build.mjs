// One esbuild script for every bundle of the project.
//   node scripts/build.mjs                 development build of the extension, worker, CLI and webview
//   node scripts/build.mjs --production    minified, no source maps (what `npm run package` ships)
//   node scripts/build.mjs --tests         also builds the unit and integration tests and the test harness into out/
//   node scripts/build.mjs --types         also writes the npm package's declarations into dist/types (tsconfig.types.json)
//   node scripts/build.mjs --watch         rebuilds on change
import * as esbuild from 'esbuild';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HIGHLIGHTED_CODE_FILE, highlightLessonCode } from './highlight-code.mjs';
import { NOTICES_FILE, thirdPartyNotices } from './third-party-notices.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const withTests = args.has('--tests');
const withTypes = args.has('--types');
const watch = args.has('--watch');

/**
 * The webview's CSP forbids eval, and ajv compiles schemas with `new Function`. So the message schemas are
 * compiled here, at build time, into plain validation code that both sides of the channel import. The
 * configuration file's schema, which the CLI and the ESLint plugin check a project's file with, is compiled
 * into a module of its own, so that they do not carry the lesson's validators.
 */
const GENERATED_VALIDATORS = path.join(root, 'out', 'generated', 'validators.js');
const GENERATED_CONFIG_VALIDATOR = path.join(root, 'out', 'generated', 'config-validator.js');
function generateValidators() {
  const readSchema = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
  const lesson = readSchema('content/lesson.schema.json');
  const messages = readSchema('src/lesson/messages.schema.json');
  const config = readSchema('schemas/integration-coach.config.schema.json');
  const standalone = (schemas, exports, options = {}) => {
    const ajv = new Ajv2020({ code: { source: true, esm: false }, strict: true, ...options });
    for (const schema of schemas) ajv.addSchema(schema);
    return standaloneCode(ajv, exports);
  };
  mkdirSync(path.dirname(GENERATED_VALIDATORS), { recursive: true });
  writeFileSync(GENERATED_VALIDATORS, standalone([lesson, messages], {
    validateToExtension: `${messages.$id}#/$defs/toExtension`,
    validateToWebview: `${messages.$id}#/$defs/toWebview`,
  }, { discriminator: true }));
  // Every wrong value of a configuration file is reported, not only the first.
  writeFileSync(GENERATED_CONFIG_VALIDATOR, standalone([config], { validateConfig: config.$id }, { allErrors: true }));
}

/**
 * Our sources import TypeScript (a CommonJS module) in some twenty files. For each such import
 * esbuild emits its ES-module interop, which defines a getter for every one of TypeScript's 2,244
 * exports: tens of milliseconds at every start of the CLI and the workers, for getters that are
 * never read. All of our imports go through one small ES module instead, so the interop runs once.
 */
const oneTypeScriptInterop = {
  name: 'one-typescript-interop',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, (args) => {
      if (args.namespace === 'typescript-interop' || args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return { path: 'typescript', namespace: 'typescript-interop' };
    });
    build.onLoad({ filter: /.*/, namespace: 'typescript-interop' }, () => ({
      contents: "import ts from 'typescript';\nexport default ts;\n",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const common = {
  absWorkingDir: root,
  plugins: [oneTypeScriptInterop],
  alias: {
    '@generated/validators': GENERATED_VALIDATORS,
    '@generated/config-validator': GENERATED_CONFIG_VALIDATOR,
    // The lesson's code examples as tokens (scripts/highlight-code.mjs): data only, Shiki stays out of every bundle.
    '@generated/highlighted-code': path.join(root, HIGHLIGHTED_CODE_FILE),
  },
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  metafile: true,
  logLevel: 'warning',
  // The licences of bundled packages ship in full in dist/THIRD_PARTY_NOTICES.txt (see writeNotices),
  // so the bundles need not repeat their comments.
  legalComments: 'none',
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

/** The shipped bundles. Each one is a line; an entry whose source does not exist yet is skipped. */
const shipped = [
  // The extension host side: `vscode` is provided by the editor.
  { ...node, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // The analysis worker loads TypeScript once, off the extension host's main thread.
  { ...node, entryPoints: { 'analysis-worker': 'src/editor/analysis-worker.ts' }, outdir: 'dist' },
  // The command line scanner; its analysis bundle beside it.
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // TypeScript is the user's (a peer dependency); the CLI's loader compiles it through its code cache.
  { ...node, entryPoints: { 'cli-worker': 'src/cli/scan-worker.ts' }, outdir: 'dist', external: ['typescript'] },
  // The public Node API and the ESLint plugin use the caller's TypeScript, so AST kinds match the parser's.
  { ...node, entryPoints: { api: 'src/api.ts' }, outdir: 'dist', external: ['typescript'] },
  { ...node, entryPoints: { 'eslint-plugin': 'src/eslint-plugin/index.ts' }, outdir: 'dist', external: ['typescript', 'eslint'] },
  // The lesson webview runs in the browser.
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { lesson: 'webview/main.ts' }, outdir: 'dist/webview' },
];

/** TypeScript files under a folder of the project, as project-relative paths. */
function tsFilesUnder(folder) {
  const dir = path.join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => path.join(folder, name));
}

/** Tests and the harness: bundled per file, dependencies left to node_modules. */
function testBuilds() {
  const entries = [
    ...tsFilesUnder('test/unit').filter((file) => file.endsWith('.test.ts')),
    ...tsFilesUnder('test/integration'),
    ...tsFilesUnder('test/harness'),
  ];
  // The tests import scripts (package-vsix.mjs) whose `import.meta` is empty once bundled as CommonJS: they check for it.
  return [{ ...node, entryPoints: entries, outdir: 'out', outbase: '.', packages: 'external', sourcemap: 'inline', minify: false, logOverride: { 'empty-import-meta': 'silent' } }];
}

const builds = [...shipped, ...(withTests ? testBuilds() : [])].filter((b) =>
  Object.values(Array.isArray(b.entryPoints) ? b.entryPoints : b.entryPoints).every((file) => existsSync(path.join(root, file))),
);

/** Every output of every build, as esbuild's metafile describes them (with the inputs each one holds). */
function allOutputs(results) {
  return Object.assign({}, ...results.map(({ metafile }) => metafile.outputs));
}

function reportSizes(outputs) {
  // The metafile stays out of dist/, which ships as it is.
  mkdirSync(path.join(root, 'out'), { recursive: true });
  writeFileSync(path.join(root, 'out', 'bundle-meta.json'), JSON.stringify({ outputs }, null, 2));
  const rows = Object.entries(outputs)
    .filter(([file]) => file.startsWith('dist/') && file.endsWith('.js'))
    .map(([file, { bytes }]) => `  ${file.padEnd(34)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
  console.log(`bundle sizes (${production ? 'production' : 'development'}), details in out/bundle-meta.json:\n${rows.join('\n')}`);
}

/** The third-party notices of every package in the bundles; a bundled package without a licence text fails the build. */
function writeNotices(outputs) {
  try {
    writeFileSync(path.join(root, NOTICES_FILE), thirdPartyNotices(outputs, root));
  } catch (error) {
    console.error(`build failed: ${error.message}`);
    process.exit(1);
  }
}

/** The declarations of the npm package's entry points, by the TypeScript the project builds with. */
function writeDeclarations() {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.types.json')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('build failed: the declarations (tsconfig.types.json) did not compile');
    process.exit(1);
  }
}

if (watch) {
  generateValidators();
  await highlightLessonCode(root);
  for (const build of builds) await (await esbuild.context(build)).watch();
  console.log('watching for changes…');
} else {
  generateValidators();
  await highlightLessonCode(root);
  // A clean dist/ each time, so a production package never carries a development build's source maps.
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  // Likewise for compiled tests: a deleted test must not keep running from a stale copy.
  if (withTests) rmSync(path.join(root, 'out', 'test'), { recursive: true, force: true });
  const outputs = allOutputs(await Promise.all(builds.map((build) => esbuild.build(build))));
  reportSizes(outputs);
  writeNotices(outputs);
  if (withTypes) writeDeclarations();
}
