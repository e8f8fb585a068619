// What the features need from activation: one place to pass the shared pieces around.
import type * as vscode from 'vscode';
import type { SettingsReader } from './editor/settings';
import type { ProgressStore } from './lesson/progress-store';

export interface FeatureDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  progress: ProgressStore;
  /** The `integrationCoach.*` settings, checked (one reader: one warning per wrong setting, one notification per read). */
  settings: SettingsReader;
}
