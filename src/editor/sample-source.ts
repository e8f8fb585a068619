// The walkthrough's sample file (integrationCoach.openSample), kept free of `vscode` so a unit test can check that
// media/walkthrough/warning.md describes this code: the constructs it names are here, and the rules it names
// are the ones the analysis reports on it (test/unit/editor/walkthrough-sample.test.ts).
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
