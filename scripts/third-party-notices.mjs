// The third-party notices shipped beside the bundles: for every package whose code esbuild put into a
// file under dist/, its name, version, licence and the full text of the licence and notice files it
// ships. Derived from esbuild's metafile, so a new dependency is listed (or fails the build) by itself.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const NOTICES_FILE = 'dist/THIRD_PARTY_NOTICES.txt';

/** The folder of the innermost package a bundled input belongs to, e.g. `node_modules/@scope/name`. */
const PACKAGE_DIR = /^(?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+/;

/** Files a package ships with its licence or notices: LICENSE, LICENCE-MIT, COPYING, NOTICE(S), ThirdPartyNoticeText.txt, … */
const LICENCE_FILE = /^(?:licen[cs]e|copying)(?:-\w+)?(?:\.(?:txt|md))?$/i;
const NOTICE_FILE = /^(?:notices?|thirdpartynotice\w*|copyrightnotice|acknowledge?ments)(?:\.(?:txt|md))?$/i;

/**
 * Packages whose npm release ships no licence file, and the text that covers them (in
 * scripts/third-party-licences/). FAST's packages come from one repository, whose root LICENSE (MIT,
 * Microsoft) covers them all; they are MIT by their package.json as well.
 */
const LICENCE_TEXT_KEPT_HERE = {
  '@microsoft/fast-element': 'microsoft-fast-LICENSE.txt',
  '@microsoft/fast-foundation': 'microsoft-fast-LICENSE.txt',
  '@microsoft/fast-web-utilities': 'microsoft-fast-LICENSE.txt',
};
const KEPT_TEXTS_DIR = 'scripts/third-party-licences';

/**
 * The packages bundled into the outputs under dist/ of an esbuild metafile: one entry per name and
 * version, with the bundles that hold its code. Inputs that tree-shaking dropped entirely do not count.
 */
function bundledPackages(outputs, root) {
  const byNameAndVersion = new Map();
  for (const [output, { inputs }] of Object.entries(outputs)) {
    if (!output.startsWith('dist/') || !output.endsWith('.js')) continue;
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      const dir = bytesInOutput > 0 ? PACKAGE_DIR.exec(input)?.[0] : undefined;
      if (dir === undefined) continue;
      const manifest = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
      const key = `${manifest.name}@${manifest.version}`;
      const entry = byNameAndVersion.get(key) ?? { name: manifest.name, version: manifest.version, licence: declaredLicence(manifest), dir, bundles: new Set() };
      entry.bundles.add(output);
      byNameAndVersion.set(key, entry);
    }
  }
  return [...byNameAndVersion.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version, 'en', { numeric: true }));
}

/** An SPDX expression from `license`, or the older `licenses: [{ type }]` form. */
function declaredLicence(manifest) {
  if (typeof manifest.license === 'string') return manifest.license;
  const legacy = [manifest.license, ...(manifest.licenses ?? [])].filter((item) => typeof item?.type === 'string');
  return legacy.length > 0 ? legacy.map((item) => item.type).join(' OR ') : 'not declared in its package.json';
}

/** The licence and notice texts of one package, licences first: `{ title, kind: 'licence' | 'notice', text }`. */
function licenceTexts(pkg, root) {
  const dir = path.join(root, pkg.dir);
  const kindOf = (name) => (LICENCE_FILE.test(name) ? 'licence' : NOTICE_FILE.test(name) ? 'notice' : undefined);
  const shipped = readdirSync(dir)
    .filter((name) => kindOf(name) !== undefined)
    .map((name) => ({ title: name, kind: kindOf(name), text: readFileSync(path.join(dir, name), 'utf8') }));
  const kept = LICENCE_TEXT_KEPT_HERE[pkg.name];
  if (!shipped.some(({ kind }) => kind === 'licence') && kept !== undefined) {
    const text = readFileSync(path.join(root, KEPT_TEXTS_DIR, kept), 'utf8');
    shipped.push({ title: 'LICENSE (of its source repository; the package ships none)', kind: 'licence', text });
  }
  shipped.sort((a, b) => Number(a.kind === 'notice') - Number(b.kind === 'notice') || a.title.localeCompare(b.title));
  return shipped.map((file) => ({ ...file, text: file.text.replace(/\r\n?/g, '\n').trimEnd() }));
}

const RULE = '='.repeat(80);

/**
 * The whole notices file for the outputs of an esbuild metafile. Throws, naming every such package,
 * when a bundled package has no licence text: shipping its code without one is not allowed.
 */
export function thirdPartyNotices(outputs, root) {
  const packages = bundledPackages(outputs, root).map((pkg) => ({ ...pkg, texts: licenceTexts(pkg, root) }));
  const unlicensed = packages.filter((pkg) => !pkg.texts.some(({ kind }) => kind === 'licence'));
  if (unlicensed.length > 0) {
    const list = unlicensed.map((pkg) => `  ${pkg.name} ${pkg.version} (${pkg.dir}, bundled into ${[...pkg.bundles].join(', ')})`).join('\n');
    throw new Error(
      `These bundled packages ship no licence file (LICENSE, LICENCE or COPYING), so their notices cannot be written:\n${list}\n` +
        `Add the licence text of each to scripts/third-party-licences/ and name it in scripts/third-party-notices.mjs, or stop bundling the package.`,
    );
  }
  const header = [
    'THIRD-PARTY SOFTWARE NOTICES',
    '',
    'Integration Coach bundles code from the packages below into its files under dist/. Each entry',
    'gives the package, its version and licence, the bundles that hold its code, and the licence and',
    'notice files the package ships, in full.',
    '',
    `Packages: ${packages.map((pkg) => `${pkg.name} ${pkg.version}`).join(', ')}`,
  ].join('\n');
  const entries = packages.map((pkg) =>
    [
      RULE,
      `${pkg.name} ${pkg.version} (${pkg.licence})`,
      `Bundled into: ${[...pkg.bundles].sort().join(', ')}`,
      ...pkg.texts.map(({ title, text }) => `\n---- ${title} ----\n\n${text}`),
    ].join('\n'),
  );
  return `${[header, ...entries].join('\n\n')}\n`;
}
