// The colour themes the lesson is looked at in, and switching to one: the webview follows a theme
// change on its own, so a test waits for the page's body class before it looks.
import * as vscode from 'vscode';
import { probeLesson } from './harness-client';
import { waitFor } from './wait';

export interface ThemeUnderTest {
  /** The theme's name as `workbench.colorTheme` takes it. */
  readonly name: string;
  /** The class VS Code gives the webview's body for the theme's kind. */
  readonly bodyClass: 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast' | 'vscode-high-contrast-light';
  /** A short name for screenshots. */
  readonly short: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
}

/** One theme of each kind VS Code has, its default. */
export const THEMES: readonly ThemeUnderTest[] = [
  { name: 'Default Light Modern', bodyClass: 'vscode-light', short: 'light' },
  { name: 'Default Dark Modern', bodyClass: 'vscode-dark', short: 'dark' },
  { name: 'Default High Contrast', bodyClass: 'vscode-high-contrast', short: 'high-contrast' },
  { name: 'Default High Contrast Light', bodyClass: 'vscode-high-contrast-light', short: 'high-contrast-light' },
];

/** Switches the workbench to a theme and waits until the lesson webview shows it. */
export async function switchTheme(theme: ThemeUnderTest): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme.name, vscode.ConfigurationTarget.Global);
  await waitFor(() => probeLesson<boolean>(`document.body.classList.contains(${JSON.stringify(theme.bodyClass)})`), `the webview to switch to ${theme.name}`);
}

/** Runs `look` in each theme, then puts back the theme the user had. */
export async function inEachTheme(look: (theme: ThemeUnderTest) => Promise<void>, themes: readonly ThemeUnderTest[] = THEMES): Promise<void> {
  const original = vscode.workspace.getConfiguration('workbench').inspect<string>('colorTheme')?.globalValue;
  try {
    for (const theme of themes) {
      await switchTheme(theme);
      await look(theme);
    }
  } finally {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', original, vscode.ConfigurationTarget.Global);
  }
}
