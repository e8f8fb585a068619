// Polling instead of fixed sleeps: how long VS Code takes to show a webview or publish diagnostics
// varies a lot on a shared machine.

export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 20_000, intervalMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
