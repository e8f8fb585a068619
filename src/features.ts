// What the features need from activation: one place to pass the shared pieces around.
import type * as vscode from 'vscode';
import type { ProgressStore } from './lesson/progress-store';

export interface FeatureDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  progress: ProgressStore;
}
