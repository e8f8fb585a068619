// Two shapes of a GraphQL client's fetch that calls itself again on a 5xx. Its stop is a local worked out from the
// count (`const waitTime = 2 ** (retries + 1) + 500; if (… && waitTime < MAX_BACKOFF) retry`): comparing it compares the
// count, so the retries stop once the wait grows past the limit (its plain exponential wait is still reported). And the
// operation it POSTs is its caller's (`body: JSON.stringify({ query, variables })` with `query` a parameter): a query
// reads, only a mutation would need a key, and which it is cannot be told here: silent. A mutation written out needs one.
import { runLibraryTable } from '../libraries/library-table';

/** `graphqlFetch(query, variables, retries)` that goes round while `stop` holds, sending `body`. */
function graphqlClient(stop: string, body = 'JSON.stringify({ query, variables })'): string {
  return `export function createClient(url: string, token: string) {
  async function graphqlFetch(query: string, variables?: Record<string, unknown>, retries = 0): Promise<unknown> {
    const response = await fetch(url, { method: 'POST', headers: { 'X-Access-Token': token }, body: ${body} });
    if (!response.ok) {
      const waitTime = 2 ** (retries + 1) + 500;
      if (${stop}) {
        await new Promise((resolve) => setTimeout(resolve, waitTime));
        return graphqlFetch(query, variables, retries + 1);
      }
      throw new Error(String(response.status));
    }
    return (await response.json()).data;
  }
  return { request: graphqlFetch };
}`;
}

describe('shapes: counts worked into a limit, and operations a caller writes', () => {
  runLibraryTable([], [
    {
      title: 'a wait worked out from the count and compared with a limit stops the retries: only the wait without jitter is reported',
      code: graphqlClient('response.status >= 500 && waitTime < 60_000'),
      findings: [[8, 'retry-without-jitter']],
    },
    {
      title: 'the same retry without that comparison never stops',
      code: graphqlClient('response.status >= 500'),
      findings: [[8, 'unbounded-retry']],
    },
    {
      title: 'a mutation written out in the body, sent again, needs a key',
      code: graphqlClient('response.status >= 500 && waitTime < 60_000', "JSON.stringify({ query: 'mutation Pay($id: ID!) { pay(id: $id) { id } }', variables })"),
      findings: [[3, 'missing-idempotency-key'], [8, 'retry-without-jitter']],
    },
  ]);
});
