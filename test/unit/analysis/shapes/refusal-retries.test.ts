// A retry that goes round only after the server refused to act (a 429) sends nothing twice, so a request it
// repeats needs no key: also where the catch ends in a rethrow and its only `continue` sits under the refusal
// test, and where that retry is a helper imported from another file, whose summary carries it.
import assert from 'node:assert/strict';
import { analyzeProject, filesInMemory } from '../../../../src/analysis';
import { runLibraryTable } from '../libraries/library-table';

/** A loop whose catch goes round (with a jittered wait) only when `test` holds, and rethrows otherwise. */
function refusalLoop(test: string, exported = 'export async function sendOrder(order: unknown, maxAttempts = 3)', send = "fetch('https://shop.example.test/orders', { method: 'POST', body: JSON.stringify(order) })"): string {
  return `${exported} {
  let attempt = 0;
  for (;;) {
    try {
      return await ${send};
    } catch (e: unknown) {
      attempt++;
      const code = (e as { status?: number }).status;
      if (${test}) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2000 * attempt));
        if (attempt < maxAttempts) continue;
      }
      throw e;
    }
  }
}`;
}

describe('shapes: retries that go round only after a refusal', () => {
  runLibraryTable([], [
    {
      title: 'a catch that goes round only on a 429 and rethrows every other error re-sends nothing the server did: silent',
      code: refusalLoop('code === 429'),
      findings: [],
    },
    {
      title: 'the same catch going round on a 500 too re-sends what the server may have done',
      code: refusalLoop('code === 429 || code === 500'),
      findings: [[5, 'missing-idempotency-key']],
    },
  ]);

  /** The POST of `src/orders.ts`, sent through the helper of `src/retry.ts` that goes round when `test` holds. */
  function ordersThroughHelper(test: string): string[] {
    const root = '/work/shop';
    const helper = refusalLoop(test, 'export async function withRetry<T>(fn: () => Promise<T>, maxAttempts = 3)', 'fn()');
    const orders = "import { withRetry } from './retry';\nexport const placeOrder = (order: unknown) =>\n  withRetry(() => fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) }));\n";
    const host = { ...filesInMemory(new Map([[`${root}/src/retry.ts`, helper], [`${root}/src/orders.ts`, orders]])), root };
    return analyzeProject([`${root}/src/orders.ts`], host)[0]!.findings.map((finding) => `${finding.range.start.line + 1} ${finding.ruleId}`);
  }

  it('a helper in another file that goes round only on a 429: the POST it repeats is silent', () => {
    assert.deepEqual(ordersThroughHelper('code === 429'), []);
  });

  it('the same helper going round on a 500 too: the POST it repeats has no key', () => {
    assert.deepEqual(ordersThroughHelper('code === 429 || code === 500'), ['3 missing-idempotency-key']);
  });
});
