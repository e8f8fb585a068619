// The running extension's exported API, for tests that need to see what the user cannot.
import * as vscode from 'vscode';
import type { IntegrationCoachApi } from '../../src/extension';
import { waitFor } from './wait';

export const EXTENSION_ID = 'integration-coach.integration-coach';

export async function activeApi(): Promise<IntegrationCoachApi> {
  const extension = vscode.extensions.getExtension<IntegrationCoachApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in the development host`);
  return extension.activate();
}

export function lessonTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('integrationCoach.lesson'));
}

export async function closeLessonPanel(): Promise<void> {
  const tabs = lessonTabs();
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
  await waitFor(() => lessonTabs().length === 0, 'the lesson panel to close');
}
