// The third-party notices the build writes beside the bundles: every package esbuild put into a file
// under dist/ (read here from the build's own metafile, not from a list) is named with its version,
// licence and licence text, and a package without a licence text stops the build.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NOTICES_FILE, thirdPartyNotices, type MetafileOutputs } from '../../scripts/third-party-notices.mjs';
import { repoRoot } from './repo-root';

const root = repoRoot();

interface PackageManifest {
  name: string;
  version: string;
  license: string;
}

/** The folders of the packages whose code went into a bundle under dist/, from out/bundle-meta.json. */
function bundledPackageDirs(): string[] {
  const { outputs } = JSON.parse(readFileSync(path.join(root, 'out', 'bundle-meta.json'), 'utf8')) as { outputs: MetafileOutputs };
  const dirs = new Set<string>();
  for (const [output, { inputs }] of Object.entries(outputs)) {
    if (!output.startsWith('dist/')) continue;
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      const segments = input.split('/');
      const last = segments.lastIndexOf('node_modules');
      if (last < 0 || bytesInOutput === 0) continue;
      const nameLength = segments[last + 1].startsWith('@') ? 2 : 1;
      dirs.add(segments.slice(0, last + 1 + nameLength).join('/'));
    }
  }
  return [...dirs];
}

/** The notices file cut into its entries, keyed by their first line (`<name> <version> (<licence>)`). */
function noticeEntries(): Map<string, string> {
  const text = readFileSync(path.join(root, NOTICES_FILE), 'utf8');
  const entries = text.split(/^={80}$/m).slice(1);
  return new Map(entries.map((entry) => [entry.trim().split('\n')[0], entry]));
}

const normalised = (text: string) => text.replace(/\r\n?/g, '\n').trimEnd();

describe('third-party notices', () => {
  it('name every package in the bundles with its version, licence and full licence text', () => {
    const dirs = bundledPackageDirs();
    const entries = noticeEntries();
    const manifests = dirs.map((dir) => JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as PackageManifest);
    // A lower bound, so that a metafile that lost its inputs cannot pass with nothing to check.
    for (const known of ['typescript', 'ajv', 'fast-uri', '@microsoft/fast-element', '@vscode/webview-ui-toolkit']) {
      assert.ok(manifests.some(({ name }) => name === known), `${known} is in a bundle`);
    }
    manifests.forEach((manifest, index) => {
      const heading = `${manifest.name} ${manifest.version} (${manifest.license})`;
      const entry = entries.get(heading);
      assert.ok(entry !== undefined, `the notices have an entry "${heading}"`);
      const licenceFiles = readdirSync(path.join(root, dirs[index])).filter((name) => /^(licen[cs]e|copying)/i.test(name));
      for (const file of licenceFiles) {
        assert.ok(entry.includes(normalised(readFileSync(path.join(root, dirs[index], file), 'utf8'))), `${heading}: the text of ${file}`);
      }
      if (licenceFiles.length === 0) assert.match(entry, /^---- LICENSE .*----\n\n[^]*Copyright[^]*Permission/m, `${heading}: a licence text kept by the build`);
    });
    const distinct = new Set(manifests.map(({ name, version }) => `${name}@${version}`));
    assert.equal(entries.size, distinct.size, `one entry per bundled package: ${[...entries.keys()].join('; ')}`);
  });

  it("carry TypeScript's Apache-2.0 licence and its third-party notice file in full", () => {
    const typescript = JSON.parse(readFileSync(path.join(root, 'node_modules', 'typescript', 'package.json'), 'utf8')) as PackageManifest;
    const entry = noticeEntries().get(`typescript ${typescript.version} (Apache-2.0)`);
    assert.ok(entry !== undefined, 'an entry for TypeScript');
    for (const file of ['LICENSE.txt', 'ThirdPartyNoticeText.txt']) {
      const text = normalised(readFileSync(path.join(root, 'node_modules', 'typescript', file), 'utf8'));
      assert.ok(entry.includes(`---- ${file} ----\n\n${text}`), file);
    }
    assert.match(entry, /Apache License\s+Version 2\.0/);
  });

  describe('for a made-up project', () => {
    let project: string;
    beforeEach(() => {
      project = mkdtempSync(path.join(tmpdir(), 'notices-'));
    });
    afterEach(() => rmSync(project, { recursive: true, force: true }));

    /** A package at `folder` (e.g. `node_modules/a/node_modules/@scope/b`), named after its last part. */
    function addPackage(folder: string, files: Record<string, string>): void {
      const dir = path.join(project, folder);
      mkdirSync(dir, { recursive: true });
      const name = folder.split('node_modules/').at(-1);
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.2.3', license: 'MIT' }));
      for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    }
    const bundling = (...inputs: [string, number][]): MetafileOutputs => ({
      'dist/app.js': { inputs: Object.fromEntries(inputs.map(([input, bytesInOutput]) => [input, { bytesInOutput }])) },
      'out/test/app.test.js': { inputs: { 'node_modules/only-in-tests/index.js': { bytesInOutput: 10 } } },
    });

    it('stop the build, naming the package, when a bundled package ships no licence (a NOTICE alone is not one)', () => {
      addPackage('node_modules/licensed', { 'LICENSE.md': 'MIT License\r\nCopyright (c) someone' });
      addPackage('node_modules/unlicensed', { NOTICE: 'Some notice' });
      assert.throws(
        () => thirdPartyNotices(bundling(['node_modules/licensed/index.js', 5], ['node_modules/unlicensed/lib/index.js', 5]), project),
        (error: Error) => /ship no licence file/.test(error.message) && /unlicensed 1\.2\.3 \(node_modules\/unlicensed, bundled into dist\/app\.js\)/.test(error.message) && !/ {2}licensed/.test(error.message),
      );
    });

    it('leave out what tree-shaking dropped and what only the tests hold, and keep a nested copy apart', () => {
      addPackage('node_modules/licensed', { 'LICENSE.md': 'MIT License\r\nCopyright (c) someone', 'package.js': 'not a licence' });
      addPackage('node_modules/dropped', {});
      addPackage('node_modules/licensed/node_modules/@scope/inner', { 'LICENCE-MIT': 'inner licence', 'NOTICE.txt': 'inner notice' });
      const notices = thirdPartyNotices(
        bundling(['node_modules/licensed/index.js', 5], ['node_modules/dropped/index.js', 0], ['node_modules/licensed/node_modules/@scope/inner/x.js', 1]),
        project,
      );
      assert.match(notices, /^Packages: @scope\/inner 1\.2\.3, licensed 1\.2\.3$/m);
      assert.ok(notices.includes('---- LICENSE.md ----\n\nMIT License\nCopyright (c) someone\n'), notices);
      assert.ok(notices.includes('---- LICENCE-MIT ----\n\ninner licence\n\n---- NOTICE.txt ----\n\ninner notice\n'), notices);
      assert.ok(!notices.includes('not a licence'));
    });
  });
});
