// `integrationCoach.openSample` (used by the walkthrough): an untitled TypeScript document with the
// mistakes the module teaches, so the diagnostics, hover and quick fixes can be tried at once.
import * as vscode from 'vscode';

export const SAMPLE_SOURCE = `// Integration Coach sample: hover over the underlined code, then press Ctrl+. (Cmd+. on macOS) for fixes.
export async function placeOrder(order: { id: string; total: number }): Promise<Response> {
  while (true) {
    try {
      const response = await fetch('https://shop.example.com/api/orders', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(order),
      });
      if (response.ok) return response;
    } catch (error) {
      console.warn('order failed, retrying', error);
      await sleep(1000);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
`;

export async function openSample(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: SAMPLE_SOURCE });
  return vscode.window.showTextDocument(document);
}
