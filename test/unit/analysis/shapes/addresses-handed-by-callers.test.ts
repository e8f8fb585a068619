// A client's one request function that POSTs to the address its callers hand it (`request(endpoint)` sending
// `${endpoint}?appId=…`): where every call in the file hands it a reading address (`/customer/list`, `/customer/detail`,
// a search), the POST reads, and retrying it needs no key. One call that hands it another address (`/order/add`), or
// no call in sight, leaves it a POST that may change state.
import { runLibraryTable } from '../libraries/library-table';

/** A client whose `request` retries its POST up to 5 times with a jittered wait; `calls` are its methods. */
function client(calls: string): string {
  return `export class ShopClient {
  async request(endpoint, data = {}, retries = 5) {
    for (let attempt = 1; attempt <= retries; attempt++) {
      try {
        const url = \`\${endpoint}?appId=\${this.appId}\`;
        const response = await this.client.post(url, data, { headers: { Authorization: this.token } });
        return response.data;
      } catch (error) {
        if (attempt === retries) throw error;
        await sleep(1000 * 2 ** attempt + Math.random() * 1000);
      }
    }
  }
${calls}
}`;
}

const LIST = "  customers(page) { return this.request('/v3.0/customer/list', { page }); }";
const DETAIL = "  customer(id) { return this.request('/v3.0/customer/detail', { id }); }";
const ADD = "  addOrder(order) { return this.request('/v3.0/order/add', order); }";

describe('shapes: addresses handed by callers', () => {
  runLibraryTable([], [
    { title: 'every call hands a list or detail address: the POST reads, silent', code: client([LIST, DETAIL].join('\n')), findings: [] },
    { title: 'one call hands an address that adds an order: reported at the POST', code: client([LIST, ADD].join('\n')), findings: [[6, 'missing-idempotency-key']] },
    { title: 'no call in sight: the POST may change state, reported', code: client(''), findings: [[6, 'missing-idempotency-key']] },
  ]);
});
