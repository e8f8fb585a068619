// The lesson tab's icon must stand out on the editor tabs of VS Code's default themes: WCAG's 4.5:1
// (the bar for text; an icon this small reads like text) against every tab background of its theme kind.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LESSON_TAB_ICON } from '../../../src/lesson/tab-icon';
import { repoRoot } from './helpers';

/** tab.activeBackground and tab.inactiveBackground of the default themes (VS Code 1.100's theme files). */
const TAB_BACKGROUNDS = {
  light: { 'Light Modern active': '#FFFFFF', 'Light Modern inactive': '#F8F8F8', 'Light+ active': '#FFFFFF', 'Light+ inactive': '#ECECEC' },
  dark: { 'Dark Modern active': '#1F1F1F', 'Dark Modern inactive': '#181818', 'Dark+ active': '#1E1E1E', 'Dark+ inactive': '#2D2D2D' },
};

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Every colour the SVG paints with; an icon without one (or with currentColor) would fail here. */
function paints(kind: keyof typeof LESSON_TAB_ICON): string[] {
  const svg = readFileSync(path.join(repoRoot(), ...LESSON_TAB_ICON[kind]), 'utf8');
  return [...svg.matchAll(/(?:fill|stroke)="([^"]+)"/g)].map((match) => match[1]).filter((value) => value !== 'none');
}

describe('the lesson tab icon', () => {
  for (const kind of ['light', 'dark'] as const) {
    it(`has a ${kind} variant that contrasts at least 4.5:1 with every default ${kind} tab background`, () => {
      const colours = paints(kind);
      assert.ok(colours.length > 0, 'the icon paints with a colour');
      for (const colour of colours) {
        assert.match(colour, /^#[0-9a-f]{6}$/i, 'a plain colour the test can measure');
        for (const [tab, background] of Object.entries(TAB_BACKGROUNDS[kind])) {
          const ratio = contrast(colour, background);
          assert.ok(ratio >= 4.5, `${colour} on ${tab} (${background}) is ${ratio.toFixed(2)}:1`);
        }
      }
    });
  }

  it('fails a single grey on the other kind of theme (the measure can fail)', () => {
    const [dark] = paints('dark');
    assert.ok(contrast(dark, TAB_BACKGROUNDS.light['Light+ inactive']) < 4.5);
  });
});
