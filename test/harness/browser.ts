// The headless Chromium that shows the workbench, shared by the suite's runner and the check of `npm start`.
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/system-packages.mjs';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** The size of every workbench page, so screenshots compare across runs. */
export const WORKBENCH_VIEWPORT = { width: 1600, height: 1000 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Webview content lives in nested frames that VS Code writes with document.write, so a frame's
 * serialized HTML can lag behind: ask each frame's live DOM instead. A closed or hidden webview can
 * leave a frame behind for a while, so the newest frame that is laid out wins.
 */
export async function frameContaining(page: Page, selector: string): Promise<Frame> {
  const matches: Frame[] = [];
  for (const frame of page.frames()) {
    const live = await frame
      .evaluate((sel) => document.querySelector(sel) !== null && window.innerWidth > 0 && window.innerHeight > 0, selector)
      .catch(() => false);
    if (live) matches.push(frame);
  }
  const newest = matches.at(-1);
  if (!newest) throw new Error(`no visible frame has an element matching ${selector} (${page.frames().length} frames)`);
  return newest;
}
