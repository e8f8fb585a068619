// Renders the Marketplace icon, media/icon.png (128 × 128), from media/icon.svg in Chromium, the browser the
// integration suite already uses. Run it after changing the SVG and commit both (the .vsix ships the PNG).
//
//   node scripts/make-icon.mjs
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './system-packages.mjs';

const SIZE = 128;
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const svg = readFileSync(path.join(root, 'media', 'icon.svg'), 'utf8');

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(root, 'media', 'icon.png'), omitBackground: true });
  console.log(`media/icon.png: ${SIZE} × ${SIZE}, from media/icon.svg`);
} finally {
  await browser.close();
}
