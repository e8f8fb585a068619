// Copies the screenshots the README shows from the last integration run (test-results/screenshots/, taken in
// the real VS Code by the suite) into docs/images/, made smaller. Look at them before committing them: they
// are the product's first impression on the Marketplace and on npm. Every other screenshot stays ignored.
//
//   npm run test:vscode && node scripts/readme-images.mjs
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from './system-packages.mjs';

/** The suite's screenshots the README uses, by the name the suite saves them under. */
export const README_IMAGES = ['first-screen', 'diagnostic-hover', 'practice-retry-storm'];
export const README_IMAGES_FOLDER = 'docs/images';
/** Wide enough to read the code and the lesson on a Marketplace page, small enough to load fast. */
export const README_IMAGE_WIDTH = 1000;

async function main() {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const from = path.join(root, 'test-results', 'screenshots');
  const missing = README_IMAGES.filter((name) => !existsSync(path.join(from, `${name}.png`)));
  if (missing.length > 0) {
    console.error(`No screenshot ${missing.join(', ')} in ${path.relative(root, from)}/: run \`npm run test:vscode\` first.`);
    process.exitCode = 2;
    return;
  }
  mkdirSync(path.join(root, README_IMAGES_FOLDER), { recursive: true });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const name of README_IMAGES) await shrink(browser, path.join(from, `${name}.png`), path.join(root, README_IMAGES_FOLDER, `${name}.png`));
  } finally {
    await browser.close();
  }
}

/** Redraws a screenshot at README_IMAGE_WIDTH in Chromium and saves it as PNG. */
async function shrink(browser, source, target) {
  const png = readFileSync(source);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const scaled = { width: README_IMAGE_WIDTH, height: Math.round((height * README_IMAGE_WIDTH) / width) };
  const page = await browser.newPage({ viewport: scaled, deviceScaleFactor: 1 });
  await page.setContent(`<body style="margin:0"><img style="display:block;width:${scaled.width}px;height:${scaled.height}px" src="data:image/png;base64,${png.toString('base64')}"></body>`);
  await page.screenshot({ path: target });
  await page.close();
  console.log(`${path.basename(target)}: ${width} × ${height} → ${scaled.width} × ${scaled.height}`);
}

// Run as a script (the unit tests import it, bundled, where import.meta is empty).
if (import.meta.url && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
