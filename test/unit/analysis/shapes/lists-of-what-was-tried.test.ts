// A recursive retry that hands on what it has tried (statuses it re-authenticated for, hosts it failed over from) with
// the one just tried added, and goes round only for what is not among them, goes round once for each: bounded. One
// that hands on a longer list it never tests still goes round for as long as the failure lasts.
import { runLibraryTable } from '../libraries/library-table';

describe('shapes: lists of what was tried, handed on', () => {
  runLibraryTable([], [
    {
      title: 'a Set of statuses already re-authenticated for, copied and added to, tested with `has`: silent',
      code: `export class Client {
  async request(method, url, { retriedErrors = new Set() } = {}) {
    const response = await fetch(url, { method, headers: await this.auth.headers() });
    if ((response.status === 401 || response.status === 403) && !retriedErrors.has(response.status)) {
      await this.auth.refresh();
      const updated = new Set(retriedErrors);
      updated.add(response.status);
      return this.request(method, url, { retriedErrors: updated });
    }
    return response.json();
  }
}`,
      findings: [],
    },
    {
      title: 'hosts tried, handed on as `[...tried, host]` and tested with `includes`: silent',
      code: `export async function send(path, tried = []) {
  const host = nextHost(tried);
  try {
    return await fetch(host + path);
  } catch (error) {
    if (tried.includes(host)) throw error;
    return send(path, [...tried, host]);
  }
}`,
      findings: [],
    },
    {
      title: 'the same list handed on but never tested: unbounded-retry',
      code: `export async function send(path, tried = []) {
  const host = nextHost(tried);
  try {
    return await fetch(host + path);
  } catch (error) {
    return send(path, tried.concat(host));
  }
}`,
      findings: [[6, 'unbounded-retry']],
    },
  ]);
});
