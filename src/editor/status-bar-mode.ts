// What integrationCoach.statusBar.findings and integrationCoach.statusBar.quickCheck decide, kept free of
// `vscode` so a unit test covers it; the settings reader checks the values (src/editor/settings.ts).

/** The status bar items a setting shows or hides: `integrationCoach.statusBar.<item>`. */
export type StatusBarItemName = 'findings' | 'quickCheck';

/** "auto": only while the item has something to say; "always"; "never". */
export type StatusBarMode = 'auto' | 'always' | 'never';

/** Whether a status bar item shows, given its setting and whether it has something to say now. */
export function statusBarItemShown(mode: StatusBarMode, hasSomethingToSay: boolean): boolean {
  return mode === 'always' || (mode === 'auto' && hasSomethingToSay);
}
