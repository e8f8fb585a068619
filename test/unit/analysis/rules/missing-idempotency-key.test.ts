// missing-idempotency-key: a retried POST/PATCH (or Stripe create) needs a key. Lines in `invalid` are 1-based.
import { strict as assert } from 'node:assert';
import { analyzeSource } from '../../../../src/analysis';
import { runRuleTable, type InvalidCase, type ValidCase } from '../rule-table';
import { checkFirstSentences } from './first-sentence';

/** A function that sends a POST in a try and ends its catch with `catchEnd`, retried by a helper that goes round when it fails. */
const walletSaver = (catchEnd: string): string => `async function saveWallet(merchantId, address) {
  try {
    const response = await fetch('/api/merchants/wallet', { method: 'POST', body: JSON.stringify({ merchantId, address }) });
    if (!response.ok) throw new Error('rejected');
    return { success: true };
  } catch (error) {
    console.error(error);
    ${catchEnd}
  }
}

export const linkWallet = (merchant, address) =>
  retryWithBackoff(() => saveWallet(merchant.id, address));`;

/**
 * A client whose options are built by a method that puts the method it is given in the object it returns, passed
 * on as they are or as a copy that states no method of its own; its one caller builds them for `method`.
 */
const builtOptionsClient = (method: string): string => `export class Messages {
  options(path, method, data) {
    return { method, url: \`https://api.example.com\${path}\`, body: JSON.stringify(data) };
  }

  async send({ url, method, body }) {
    const res = await fetch(url, { method, body });
    if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
    return res.json();
  }

  async handler(options, attempt = 0) {
    const attemptOptions = attempt === 0 ? options : { ...options, body: options.body };
    try {
      return await this.send(attemptOptions);
    } catch (error) {
      if (attempt >= 3) throw error;
      await sleep(Math.random() * 1000 * 2 ** attempt);
      return this.handler(options, attempt + 1);
    }
  }

  create(message) {
    return this.handler(this.options('/messages', '${method}', message));
  }
}`;

/** A loop that hands a client's verb to a wrapper with the address and body after it (`requestDecorator(instance.post, url, data)`). */
function handedVerb(verb: string): string {
  return `export async function sendWithRetry(instance, url, data) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await requestDecorator(instance.${verb}, url, data);
    } catch (err) { await sleep(Math.random() * 1000 * 2 ** attempt); }
  }
}`;
}

const valid: (string | ValidCase)[] = [
  // Sent again only when the server said "rate limit" (it did not act), within a budget of three.
  `export const createCustomerWithRetry = async (stripe, email, retries = 3) => {
  try {
    return await stripe.customers.create({ email });
  } catch (error) {
    if (retries > 0 && error instanceof Error && error.message.includes('rate limit')) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Math.random()));
      return createCustomerWithRetry(stripe, email, retries - 1);
    }
    throw error;
  }
};`,
  // An Angular interceptor that retries whatever it passes on: the POSTs that go through it are made
  // elsewhere, out of sight (two of three blind labellers of real code: no finding without a POST in sight).
  `import { HttpHandler, HttpInterceptor, HttpRequest } from '@angular/common/http';
import { retry } from 'rxjs/operators';
export class RetryInterceptor implements HttpInterceptor {
  intercept(request: HttpRequest<unknown>, next: HttpHandler) {
    return next.handle(request).pipe(retry({ count: 2, delay: () => timer(Math.random() * 1000) }));
  }
}`,
  // A POST sent by a function named for reading asks a question (a fee quote, a search), it creates nothing.
  `export async function queryFees(addresses, retries = 2) {
  try {
    return await axios({ method: 'post', url: '/v1/collection/fee', data: { addresses } });
  } catch (e) {
    if (retries > 0) { await sleep(Math.random() * 1000); return queryFees(addresses, retries - 1); }
    throw e;
  }
}`,
  // The retried function turns every failure into a value: the helper, which goes round when its callback
  // throws, never sends the POST again.
  walletSaver('return { success: false, error: String(error) };'),
  // The same client whose one caller builds its options for a GET.
  builtOptionsClient('GET'),
  // A route's GET handler that POSTs a query language to a read API.
  `export async function GET(request) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await fetch(OVERPASS_URL, { method: 'POST', body: new URLSearchParams({ data: query }) }); }
    catch { await sleep(Math.random() * 500); }
  }
}`,
  // A model completion creates no resource: repeating it costs tokens, not a duplicate.
  `async function complete(messages) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await fetch('https://api.example.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ messages }) }); }
    catch { await sleep(Math.random() * 2 ** attempt * 500); }
  }
}`,
  // A generic helper: the caller hands in the options, where it may set the key.
  `export async function postWithRetry(url, data, options = {}, retries = 3) {
  for (let attempt = 1; attempt <= retries; attempt++) {
    try { return await axios.post(url, data, options); }
    catch (err) { if (attempt === retries) throw err; await sleep(Math.random() * 1000); }
  }
}`,
  // The caller's headers are spread in.
  `async function send(path, body, init) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await fetch(path, { method: 'POST', body, headers: { ...init.headers, 'Content-Type': 'application/json' } }); }
    catch { await sleep(Math.random() * 500); }
  }
}`,
  // The caller's headers are spread into a local the request sends (`...(extraHeaders || {})`).
  `async function deliver(url, payload, extraHeaders) {
  const headers = { 'Content-Type': 'application/json', ...(extraHeaders || {}) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await fetch(url, { method: 'POST', headers, body: JSON.stringify(payload) }); }
    catch { await sleep(Math.random() * 500); }
  }
}`,
  // GET is idempotent.
  `for (let i = 0; i < 3; i++) {
  try { return await fetch(\`/api/orders/\${id}\`); } catch { await sleep(Math.random() * 500); }
}`,
  // PUT and DELETE are idempotent.
  `async function save(doc) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await axios.put(\`/docs/\${doc.id}\`, doc);
      return await axios.delete(\`/drafts/\${doc.id}\`);
    } catch (e) { await sleep(jittered(attempt)); }
  }
}`,
  // A key made once, before the loop.
  `async function pay(payment) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await fetch('/api/payments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        body: JSON.stringify(payment),
      });
    } catch (e) { await sleep(Math.random() * 1000); }
  }
}`,
  // Header names match case-insensitively, X- prefixed too.
  `async function transfer(t, key) {
  for (let n = 0; n < 3; n++) {
    try { return await client.post('/transfers', t, { headers: { 'x-idempotency-key': key } }); }
    catch { await sleep(Math.random() * 300); }
  }
}`,
  // A project-specific key header from the options.
  {
    code: `async function enqueue(job) {
  for (let n = 0; n < 3; n++) {
    try { return await api.post('/jobs', job, { headers: { 'X-Dedup-Id': job.dedupId } }); }
    catch { await sleep(Math.random() * 300); }
  }
}`,
    options: { idempotencyHeaders: ['X-Dedup-Id'] },
  },
  // An action that puts an identified resource into a state is safe to repeat: done twice, same state.
  `export async function finalizeBatch(batchId) {
  return withRetry(() => this.request('POST', \`/api/batches/\${batchId}/finalize\`, {}));
}`,
  `export const expireInvoice = (invoiceId) => withRetry(() => client.post(\`/v2/invoices/\${encodeURIComponent(invoiceId)}/expire\`));`,
  // The same, RPC style: the resource is named in the body and the last segment starts with the verb.
  `export const revoke = (key) => withRetry(() => client.post(\`\${baseUrl}/revoke-license\`, { key }));`,
  `export const pauseJob = (jobId) => withRetry(() => client.post('/api/pauseJob', { jobId }));`,
  // Signing out again leaves the user signed out, also where the address is a base plus the path.
  `export const signOut = () => withRetry(() => axios.post(config.get('url') + 'auth/logout'));`,
  // An RPC call that sets one value of a resource (`set-` and what it sets): sent twice, the value is set once.
  `export const setLeverage = (symbol, leverage) => withRetry(() => axios.post(\`\${base}/v5/position/set-leverage\`, { symbol, leverage }));`,
  // A liveness report sent again only says again that the sender is alive.
  `export const reportAlive = (id) => withRetry(() => client.post('/notify_agent_alive', { id }));`,
  `export const beat = (agent) => withRetry(() => client.post(\`/agents/\${agent.id}/heartbeat\`, { at: Date.now() }));`,
  // A client function that takes the method first builds its headers itself: in a file that speaks of
  // idempotency keys, one may be among them.
  `async function send(method, path, body) {
  return fetch(path, { method, headers: withIdempotencyKey(method), body: JSON.stringify(body) });
}
export const createBatch = (batch) => withRetry(() => send('POST', '/api/batches', batch));`,
  // A client's GET handed to a wrapper is a read.
  handedVerb('get'),
  // An event named for a method is not a request, even in a retry.
  `export const announce = (bus, order) => withRetry(() => bus.emit('POST', '/orders', order));`,
  // A POST that nothing retries.
  `export async function createInvoice(invoice) {
  const res = await fetch('/api/invoices', { method: 'POST', body: JSON.stringify(invoice) });
  return res.json();
}`,
  // Stripe with an explicit idempotencyKey.
  `async function charge(customer, amount, key) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await stripe.paymentIntents.create({ customer, amount, currency: 'eur' }, { idempotencyKey: key });
    } catch (e) { await sleep(Math.random() * 1000 * 2 ** attempt); }
  }
}`,
  // A GraphQL query is a read, even over POST.
  `async function getViewer() {
  for (let i = 0; i < 3; i++) {
    try {
      const res = await fetch('https://api.example.com/graphql', { method: 'POST', body: JSON.stringify({ query: '{ viewer { login } }' }) });
      if (res.ok) return res.json();
    } catch {}
    await sleep(Math.random() * 500);
  }
}`,
  // Search endpoints POST a query.
  `async function search(q) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await es.transport.request({ method: 'POST', path: '/products/_search', body: { query: q } }); }
    catch (e) { await sleep(Math.random() * 200); }
  }
}`,
  // Token polling POSTs to the token endpoint.
  `async function pollToken(deviceCode) {
  for (let i = 0; i < 60; i++) {
    const res = await fetch('https://github.com/login/oauth/access_token', { method: 'POST', body: form(deviceCode) });
    if (res.ok) return res.json();
    await sleep(5000 + Math.random() * 1000);
  }
}`,
  // Twirp RPC over POST.
  `for (let i = 0; i < 3; i++) {
  try { return await fetch(\`\${BASE}/twirp/haberdasher.Haberdasher/MakeHat\`, { method: 'POST', body }); }
  catch { await sleep(Math.random() * 100); }
}`,
  // axios-retry with options from elsewhere: its condition is out of sight.
  `axiosRetry(client, config.retry);
export const createUser = (user) => client.post('/users', user);`,
  // got does not retry POST unless told to.
  `const order = await got.post('https://shop.example.com/orders', { json: cart, retry: { limit: 2 } }).json();`,
  // Route registration is not a request.
  `for (const route of routes) {
  try { app.post(route.path, route.handler); } catch (e) { console.error(e); }
}`,
  // A POST that reports the failure from the catch is not the retried operation.
  `async function sync() {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await pullChanges(); }
    catch (err) {
      await fetch('/telemetry', { method: 'POST', body: JSON.stringify({ err: String(err) }) });
      await sleep(Math.random() * 1000);
    }
  }
}`,
  // Headers built elsewhere in a file that deals in idempotency keys: we cannot see them, so we stay quiet.
  `const idempotencyHeaders = (key) => ({ 'Idempotency-Key': key });
async function refund(r, key) {
  for (let i = 0; i < 3; i++) {
    try { return await fetch('/refunds', { method: 'POST', headers: idempotencyHeaders(key), body: JSON.stringify(r) }); }
    catch { await sleep(Math.random() * 400); }
  }
}`,
  // superagent sets the key on the chain.
  `for (let i = 0; i < 3; i++) {
  try { return await request.post('/api/orders').set('Idempotency-Key', key).send(order); }
  catch (e) { await sleep(Math.random() * 100); }
}`,
  // A headers const with the key.
  `async function book(slot, key) {
  const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': key };
  for (let i = 0; i < 3; i++) {
    try { return await fetch('/bookings', { method: 'POST', headers, body: JSON.stringify(slot) }); }
    catch { await sleep(Math.random() * 250); }
  }
}`,
  // An msw handler is not a request.
  `export const handlers = [http.post('/api/orders', async ({ request }) => HttpResponse.json(await request.json()))];`,
  // A queue consumer posting each job once is not a retry.
  `while (true) {
  const job = await queue.pop();
  try { await fetch(job.callbackUrl, { method: 'POST', body: JSON.stringify(job.result) }); }
  catch (e) { logger.error(e); }
}`,
  // fetch-retry: a call that sets `retries: 0` is not retried.
  `import fetchBuilder from 'fetch-retry';
const request = fetchBuilder(fetch, { retries: 3, retryDelay: (n) => Math.random() * 1000 * 2 ** n });
export async function createNote(text: string) {
  const res = await request('/api/notes', { method: 'POST', body: JSON.stringify({ text }), retries: 0 });
  return res.json();
}`,
  // axios-retry limited to GET requests by a custom condition.
  `import axios from 'axios';
import axiosRetry from 'axios-retry';
const billing = axios.create({ baseURL: '/billing' });
axiosRetry(billing, {
  retries: 3,
  retryDelay: axiosRetry.exponentialDelay,
  retryCondition: (error) => error.config?.method === 'get' && axiosRetry.isNetworkError(error),
});
export const createInvoice = (draft: InvoiceDraft) => billing.post('/invoices', draft);`,
  // ... or to safe methods listed in an array.
  `import axios from 'axios';
import axiosRetry from 'axios-retry';
const http = axios.create();
axiosRetry(http, { retries: 2, retryCondition: (err) => ['get', 'head', 'options'].includes(err.config?.method ?? '') });
export async function submit(form: FormData) { return http.post('/forms', form); }`,
  // ... or by axios-retry's own safe-request predicate.
  `import axios from 'axios';
import axiosRetry from 'axios-retry';
const client = axios.create();
axiosRetry(client, { retries: 3, retryCondition: axiosRetry.isSafeRequestError });
export const pay = (order: Order) => client.post('/payments', order);`,
  // A PATCH that sets fields of a resource named by an id leaves the same state when sent twice.
  `async function archive(pageId, archived) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await api.patch(\`/pages/\${pageId}\`, { archived }); }
    catch { await sleep(Math.random() * 300 * 2 ** attempt); }
  }
}`,
  `const res = await pRetry(() => fetch(\`https://api.example.com/repos/\${owner}/\${name}\`, {
  method: 'PATCH',
  body: JSON.stringify({ description, homepage }),
}), { retries: 3, randomize: true });`,
];

const invalid: InvalidCase[] = [
  // The same budget beside a rate-limit test joined by `||`: any failure goes round while the budget lasts.
  {
    line: 3, column: 18, messageId: 'missingKeyStripe',
    data: { method: 'POST', request: 'stripe.customers.create(…)', retry: 'recursive retry of `createCustomerWithRetry()`' },
    code: `export const createCustomerWithRetry = async (stripe, email, retries = 3) => {
  try {
    return await stripe.customers.create({ email });
  } catch (error) {
    if (retries > 0 || error.message.includes('rate limit')) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Math.random()));
      return createCustomerWithRetry(stripe, email, retries - 1);
    }
    throw error;
  }
};`,
  },
  // axios-retry's default condition re-sends any method after a network error: a POST whose response was lost is sent again.
  {
    line: 2, column: 37, messageId: 'missingKey',
    data: { method: 'POST', request: 'client.post(…)', retry: '`axiosRetry` on `client`' },
    code: `axiosRetry(client, { retries: 3, retryDelay: axiosRetry.exponentialDelay });
export const createUser = (user) => client.post('/users', user);`,
  },
  // A client function that takes the method first (`this.request('POST', url, body)`), retried by a helper.
  {
    line: 3, column: 35, messageId: 'missingKey',
    data: { method: 'POST', request: 'this.request(…)', retry: '`retryWithBackoff` call' },
    code: `export class UploadClient {
  async initBatch(params) {
    return retryWithBackoff(() => this.request('POST', '/api/batches/init', params), { maxRetries: 3 });
  }
}`,
  },
  // A segment that only starts with a state verb's letters names a collection: a POST to it creates.
  {
    line: 1, column: 47, messageId: 'missingKey',
    data: { method: 'POST', request: 'client.post(…)', retry: '`withRetry` call' },
    code: `export const upload = (cv) => withRetry(() => client.post('/api/resumes', cv));`,
  },
  // A word that only starts like a liveness report's names something else: a claim created.
  {
    line: 1, column: 49, messageId: 'missingKey',
    data: { method: 'POST', request: 'client.post(…)', retry: '`withRetry` call' },
    code: `export const fileClaim = (c) => withRetry(() => client.post('/api/healthcare-claims', c));`,
  },
  // Locking without an id in the path may act on an amount: not among the verbs of an RPC-style state call.
  {
    line: 1, column: 50, messageId: 'missingKey',
    data: { method: 'POST', request: 'client.post(…)', retry: '`withRetry` call' },
    code: `export const stake = (amount) => withRetry(() => client.post('/api/lock-funds', { amount }));`,
  },
  // A client's POST handed to a wrapper that makes the request, in a retry loop.
  {
    line: 4, column: 20, messageId: 'missingKey',
    data: { method: 'POST', request: 'requestDecorator(…)', retry: '`for (let attempt = 0; attempt < 3; attempt++)` retry loop' },
    code: handedVerb('post'),
  },
  // The same function whose catch passes the failure on: the helper sends the POST again.
  {
    line: 13, column: 26, messageId: 'missingKey',
    data: { method: 'POST', request: 'saveWallet(…)', retry: '`retryWithBackoff` call' },
    code: walletSaver('throw error;'),
  },
  // A try that returns the request's promise without awaiting it catches nothing of its failure: the helper sends it again.
  {
    line: 8, column: 73, messageId: 'missingKey',
    data: { method: 'POST', request: 'saveWallet(…)', retry: '`retryWithBackoff` call' },
    code: `async function saveWallet(merchantId, address) {
  try {
    return fetch('/api/merchants/wallet', { method: 'POST', body: JSON.stringify({ merchantId, address }) });
  } catch (error) {
    return { success: false, error: String(error) };
  }
}
export const linkWallet = (merchant, address) => retryWithBackoff(() => saveWallet(merchant.id, address));`,
  },
  // The options are built by a method of the client that puts the method it is given in the object it returns,
  // and passed on as they are or as a copy that states no method of its own.
  {
    line: 15, column: 20, messageId: 'missingKeyCallerMethod', message: 'POST from `this.handler(…)` on line 24',
    data: { method: 'POST', request: 'this.send(…)', retry: 'recursive retry of `this.handler()`', caller: 'this.handler(…)', line: '24' },
    code: builtOptionsClient('POST'),
  },
  // An SDK whose retried axios instance is called with a config whose method its callers give: one gives GET, the next POST,
  // and the POST is re-sent. "Idempotent" in a comment names methods, not keys: no key is hidden among the options. The
  // caller names its address (`path: '/refund'`): the refund is the request reported, and the key is sent where it is retried.
  {
    line: 14, column: 37, messageId: 'missingKeyRetriedInside', message: '`send()` sends it and retries it',
    data: { method: 'POST', request: 'this.send(…)', retry: '`axiosRetry` on `this.instance`', sender: 'send()' },
    code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
export class PaymentsApi {
  constructor() {
    this.instance = axios.create({ baseURL: 'https://api.payments.example.com' });
    // Retries network errors and idempotent requests.
    axiosRetry(this.instance, { retries: 3, retryDelay: axiosRetry.exponentialDelay });
  }
  async send(request) {
    const res = await this.instance({ method: request.method, url: request.path, data: request.body });
    return res.data;
  }
  verify = (reference) => this.send({ path: '/verify/' + reference, method: 'GET' });
  refund = (transaction, amount) => this.send({ path: '/refund', method: 'POST', body: { transaction, amount } });
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `import axios from 'axios';
import axiosRetry from 'axios-retry';
export class PaymentsApi {
  constructor() {
    this.instance = axios.create({ baseURL: 'https://api.payments.example.com' });
    // Retries network errors and idempotent requests.
    axiosRetry(this.instance, { retries: 3, retryDelay: axiosRetry.exponentialDelay });
  }
  async send(request) {
    const idempotencyKey = crypto.randomUUID();
    const res = await this.instance({ headers: { 'Idempotency-Key': idempotencyKey }, method: request.method, url: request.path, data: request.body });
    return res.data;
  }
  verify = (reference) => this.send({ path: '/verify/' + reference, method: 'GET' });
  refund = (transaction, amount) => this.send({ path: '/refund', method: 'POST', body: { transaction, amount } });
}`,
    }],
  },
  // A TanStack mutation with retries re-sends its POST: the retried code is its mutationFn.
  {
    line: 3, column: 27, messageId: 'missingKey',
    data: { method: 'POST', request: 'axios.post(…)', retry: '`useMutation` retry' },
    code: `export function useFinishSale() {
  return useMutation({
    mutationFn: (sale) => axios.post('/sales/finish', sale),
    retry: 2,
    retryDelay: (n) => Math.random() * 1000 * 2 ** n,
  });
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `export function useFinishSale() {
  const idempotencyKey = crypto.randomUUID();
  return useMutation({
    mutationFn: (sale) => axios.post('/sales/finish', sale, { headers: { 'Idempotency-Key': idempotencyKey } }),
    retry: 2,
    retryDelay: (n) => Math.random() * 1000 * 2 ** n,
  });
}`,
    }],
  },
  {
    line: 4, column: 25, messageId: 'missingKey', message: 'POST request `fetch(…)`',
    data: { method: 'POST', request: 'fetch(…)', retry: '`for (let attempt = 0; attempt < 3; attempt++)` retry loop' },
    code: `async function placeOrder(order) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const res = await fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) });
      if (res.ok) return res.json();
    } catch (e) {}
    await sleep(Math.random() * 1000 * 2 ** attempt);
  }
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `async function placeOrder(order) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const res = await fetch('/api/orders', { headers: { 'Idempotency-Key': idempotencyKey }, method: 'POST', body: JSON.stringify(order) });
      if (res.ok) return res.json();
    } catch (e) {}
    await sleep(Math.random() * 1000 * 2 ** attempt);
  }
}`,
    }],
  },
  {
    line: 5, column: 20, messageId: 'missingKey', message: '`axios.post(…)`',
    data: { method: 'POST', request: 'axios.post(…)', retry: '`while (attempt < 5)` retry loop' },
    code: `export async function submitPayment(payment) {
  let attempt = 0;
  while (attempt < 5) {
    try {
      return await axios.post('/payments', payment, { headers: { 'Content-Type': 'application/json' } });
    } catch (err) {
      attempt++;
      await sleep(Math.random() * 200 * 2 ** attempt);
    }
  }
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `export async function submitPayment(payment) {
  let attempt = 0;
  const idempotencyKey = crypto.randomUUID();
  while (attempt < 5) {
    try {
      return await axios.post('/payments', payment, { headers: { 'Idempotency-Key': idempotencyKey, 'Content-Type': 'application/json' } });
    } catch (err) {
      attempt++;
      await sleep(Math.random() * 200 * 2 ** attempt);
    }
  }
}`,
    }],
  },
  {
    line: 2, column: 9, messageId: 'missingKey', message: 'PATCH',
    data: { method: 'PATCH', request: 'client.patch(…)', retry: '`pRetry` call' },
    code: `const updated = await pRetry(
  () => client.patch(\`/accounts/\${id}/balance\`, { delta }),
  { retries: 3, randomize: true },
);`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `const idempotencyKey = crypto.randomUUID();
const updated = await pRetry(
  () => client.patch(\`/accounts/\${id}/balance\`, { delta }, { headers: { 'Idempotency-Key': idempotencyKey } }),
  { retries: 3, randomize: true },
);`,
    }],
  },
  {
    line: 1, column: 19, messageId: 'missingKey', message: '`got.post(…)`',
    data: { method: 'POST', request: 'got.post(…)', retry: 'retry options of the `got.post` call' },
    code: `const res = await got.post('https://api.example.com/orders', { json: order, retry: { limit: 3, methods: ['POST'] } });`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `const idempotencyKey = crypto.randomUUID();
const res = await got.post('https://api.example.com/orders', { headers: { 'Idempotency-Key': idempotencyKey }, json: order, retry: { limit: 3, methods: ['POST'] } });`,
    }],
  },
  {
    line: 2, column: 10, messageId: 'missingKey', message: '`withRetry` call',
    data: { method: 'POST', request: 'ky.post(…)', retry: '`withRetry` call' },
    code: `export const createTicket = (ticket) => withRetry(async () => {
  return ky.post('tickets', { json: ticket, prefixUrl: API }).json();
}, { attempts: 3 });`,
  },
  {
    line: 4, column: 34, messageId: 'missingKey',
    data: { method: 'POST', request: 'request(…)', retry: '`for (let i = 0; i < 3; i++)` retry loop' },
    code: `import { request } from 'undici';
async function notify(event) {
  for (let i = 0; i < 3; i++) {
    const { statusCode } = await request(WEBHOOK_URL, { method: 'POST', body: JSON.stringify(event) });
    if (statusCode < 300) return;
    await sleep(Math.random() * 1000);
  }
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `import { request } from 'undici';
async function notify(event) {
  const idempotencyKey = crypto.randomUUID();
  for (let i = 0; i < 3; i++) {
    const { statusCode } = await request(WEBHOOK_URL, { headers: { 'Idempotency-Key': idempotencyKey }, method: 'POST', body: JSON.stringify(event) });
    if (statusCode < 300) return;
    await sleep(Math.random() * 1000);
  }
}`,
    }],
  },
  {
    line: 3, column: 17, messageId: 'missingKey', message: 'recursive retry',
    data: { method: 'POST', request: 'https.request(…)', retry: 'recursive retry of `postEvent()`' },
    code: `function postEvent(event, retries = 3) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: 'events.example.com', path: '/v1/events', method: 'POST' }, resolve);
    req.on('error', (err) => {
      if (retries <= 0) return reject(err);
      setTimeout(() => postEvent(event, retries - 1).then(resolve, reject), Math.random() * 1000);
    });
    req.end(JSON.stringify(event));
  });
}`,
  },
  {
    line: 4, column: 20, messageId: 'missingKeyStripe', message: 'automatic key per SDK call',
    data: { method: 'POST', request: 'stripe.paymentIntents.create(…)', retry: '`for (let attempt = 1; attempt <= 3; attempt++)` retry loop' },
    code: `async function chargeCustomer(customerId, amount) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await stripe.paymentIntents.create({ customer: customerId, amount, currency: 'usd', confirm: true });
    } catch (err) {
      if (err.type !== 'StripeConnectionError') throw err;
      await sleep(Math.random() * 500 * attempt);
    }
  }
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `async function chargeCustomer(customerId, amount) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await stripe.paymentIntents.create({ customer: customerId, amount, currency: 'usd', confirm: true }, { idempotencyKey });
    } catch (err) {
      if (err.type !== 'StripeConnectionError') throw err;
      await sleep(Math.random() * 500 * attempt);
    }
  }
}`,
    }],
  },
  {
    line: 6, column: 27, messageId: 'missingKey', message: 'axiosRetry',
    data: { method: 'POST', request: 'client.post(…)', retry: '`axiosRetry` on `client`' },
    code: `const client = axios.create({ baseURL: API });
axiosRetry(client, {
  retries: 3,
  retryCondition: (error) => axiosRetry.isNetworkError(error) || error.response?.status === 503,
});
export const pay = (p) => client.post('/payments', p);`,
  },
  {
    line: 3, column: 10, messageId: 'missingKey', message: 'fetch-retry',
    data: { method: 'POST', request: 'fetchWithRetry(…)', retry: 'fetch-retry wrapper `fetchWithRetry`' },
    code: `const fetchWithRetry = fetchRetry(fetch, { retries: 3, retryDelay: (n) => Math.random() * 1000 * 2 ** n });
export async function createUser(user) {
  return fetchWithRetry('/api/users', { method: 'POST', body: JSON.stringify(user) });
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `const fetchWithRetry = fetchRetry(fetch, { retries: 3, retryDelay: (n) => Math.random() * 1000 * 2 ** n });
export async function createUser(user) {
  const idempotencyKey = crypto.randomUUID();
  return fetchWithRetry('/api/users', { headers: { 'Idempotency-Key': idempotencyKey }, method: 'POST', body: JSON.stringify(user) });
}`,
    }],
  },
  {
    line: 2, column: 33, messageId: 'missingKey', message: '`api.post(…)`',
    data: { method: 'POST', request: 'api.post(…)', retry: '`ky.create(…)` client' },
    code: `const api = ky.create({ prefixUrl: BASE, retry: { limit: 3, methods: ['get', 'post'], jitter: true } });
export const submit = (form) => api.post('forms', { json: form }).json();`,
  },
  {
    line: 2, column: 29, messageId: 'missingKey',
    data: { method: 'POST', request: 'client.post(…)', retry: '`got.extend(…)` client' },
    code: `const client = got.extend({ prefixUrl: BASE, retry: { limit: 2, methods: ['GET', 'POST'] } });
export const order = (o) => client.post('orders', { json: o }).json();`,
  },
  {
    line: 4, column: 20, messageId: 'missingKey',
    data: { method: 'POST', request: 'api.post(…)', retry: '`for (let attempt = 0; attempt < 3; attempt++)` retry loop' },
    code: `async function book(reservation) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await api.post('/reservations', reservation, { headers: { 'X-Request-Id': crypto.randomUUID() } });
    } catch (e) { await sleep(Math.random() * 300 * 2 ** attempt); }
  }
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `async function book(reservation) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await api.post('/reservations', reservation, { headers: { 'Idempotency-Key': idempotencyKey, 'X-Request-Id': crypto.randomUUID() } });
    } catch (e) { await sleep(Math.random() * 300 * 2 ** attempt); }
  }
}`,
    }],
  },
  {
    line: 4, column: 30, messageId: 'missingKey',
    data: { method: 'POST', request: 'axios(…)', retry: '`for (let i = 0; i < 3; i++)` retry loop' },
    code: `export async function enroll(student) {
  for (let i = 0; i < 3; i++) {
    try {
      const { data } = await axios({ method: 'post', url: '/enrollments', data: student });
      return data;
    } catch (e) { await sleep(Math.random() * 100 * 2 ** i); }
  }
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `export async function enroll(student) {
  const idempotencyKey = crypto.randomUUID();
  for (let i = 0; i < 3; i++) {
    try {
      const { data } = await axios({ headers: { 'Idempotency-Key': idempotencyKey }, method: 'post', url: '/enrollments', data: student });
      return data;
    } catch (e) { await sleep(Math.random() * 100 * 2 ** i); }
  }
}`,
    }],
  },
  {
    line: 5, column: 20, messageId: 'missingKey',
    data: { method: 'POST', request: 'fetch(…)', retry: '`for (let attempt = 0; attempt < 3; attempt++)` retry loop' },
    code: `const CREATE = \`mutation CreateIssue($input: IssueInput!) { createIssue(input: $input) { id } }\`;
async function createIssue(input) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(GRAPHQL_URL, { method: 'POST', body: JSON.stringify({ query: CREATE, variables: { input } }) });
    } catch { await sleep(Math.random() * 500); }
  }
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `const CREATE = \`mutation CreateIssue($input: IssueInput!) { createIssue(input: $input) { id } }\`;
async function createIssue(input) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(GRAPHQL_URL, { headers: { 'Idempotency-Key': idempotencyKey }, method: 'POST', body: JSON.stringify({ query: CREATE, variables: { input } }) });
    } catch { await sleep(Math.random() * 500); }
  }
}`,
    }],
  },
  {
    // The request is in a function the loop calls: reported at that call, next to the retry.
    line: 8, column: 24, messageId: 'missingKey', message: 'retry loop',
    data: { method: 'POST', request: 'createShipment(…)', retry: '`for (let attempt = 0; attempt < 4; attempt++)` retry loop' },
    code: `async function createShipment(s) {
  const res = await fetch(\`\${API}/shipments\`, { method: 'POST', body: JSON.stringify(s) });
  if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
  return res.json();
}
export async function ship(s) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try { return await createShipment(s); } catch (err) { await sleep(Math.random() * 250 * 2 ** attempt); }
  }
}`,
  },
  {
    line: 2, column: 21, messageId: 'missingKeyUnretried',
    options: { flagUnretriedRequests: true },
    data: { method: 'POST', request: 'fetch(…)', retry: '' },
    code: `export async function createInvoice(invoice) {
  const res = await fetch('/api/invoices', { method: 'POST', body: JSON.stringify(invoice) });
  return res.json();
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `export async function createInvoice(invoice) {
  const idempotencyKey = crypto.randomUUID();
  const res = await fetch('/api/invoices', { headers: { 'Idempotency-Key': idempotencyKey }, method: 'POST', body: JSON.stringify(invoice) });
  return res.json();
}`,
    }],
  },
  {
    // The request sends its caller's method: the message names the call that gives it POST.
    line: 5, column: 20, messageId: 'missingKeyCallerMethod', message: 'POST from `this.makeRequest(…)` on line 2',
    data: { method: 'POST', request: 'fetch(…)', retry: 'recursive retry of `this.makeRequest()`', caller: 'this.makeRequest(…)', line: '2' },
    code: `export class Client {
  post(route, body) { return this.makeRequest(route, { method: 'POST', body }); }
  async makeRequest(route, options, attempt = 0) {
    try {
      return await fetch(BASE + route, { method: options.method, body: JSON.stringify(options.body) });
    } catch (error) {
      if (attempt >= 3) throw error;
      await sleep(Math.random() * 1000 * 2 ** attempt);
      return this.makeRequest(route, options, attempt + 1);
    }
  }
}`,
  },
  {
    line: 2, column: 10, messageId: 'missingKey', message: 'rxjs',
    data: { method: 'POST', request: 'this.http.post(…)', retry: 'rxjs `retry(…)`' },
    code: `placeOrder(order: Order) {
  return this.http.post<Order>('/api/orders', order).pipe(retry({ count: 2, delay: () => timer(Math.random() * 1000) }));
}`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `placeOrder(order: Order) {
  const idempotencyKey = crypto.randomUUID();
  return this.http.post<Order>('/api/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } }).pipe(retry({ count: 2, delay: () => timer(Math.random() * 1000) }));
}`,
    }],
  },
  {
    line: 1, column: 19, messageId: 'missingKey', message: '`fetchWithRetry`',
    data: { method: 'POST', request: 'fetchWithRetry(…)', retry: '`fetchWithRetry` helper' },
    code: `const res = await fetchWithRetry('/api/charges', { method: 'POST', body: JSON.stringify(charge), retries: 3 });`,
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `const idempotencyKey = crypto.randomUUID();
const res = await fetchWithRetry('/api/charges', { headers: { 'Idempotency-Key': idempotencyKey }, method: 'POST', body: JSON.stringify(charge), retries: 3 });`,
    }],
  },
  {
    line: 4, column: 16, messageId: 'missingKey', message: '`retry.operation()`',
    data: { method: 'POST', request: 'axios.post(…)', retry: '`retry.operation()`' },
    code: `const operation = retry.operation({ retries: 4, randomize: true });
operation.attempt(async () => {
  try {
    done(await axios.post(HOOK, payload));
  } catch (err) {
    if (!operation.retry(err)) done(null, operation.mainError());
  }
});`,
  },
  {
    line: 3, column: 18, messageId: 'missingKey',
    data: { method: 'POST', request: 'superagent.post(…)', retry: '`for (let i = 0; i < 3; i++)` retry loop' },
    code: `for (let i = 0; i < 3; i++) {
  try {
    return await superagent.post(\`\${API}/orders\`).send(order);
  } catch (e) { await sleep(Math.random() * 200); }
}`,
    // superagent takes headers on its chain (`.set(name, value)`); its `post(url, data, callback)`
    // has no config argument, so a headers object there would be called as the callback.
    fixes: [{
      title: 'Send an Idempotency-Key made once before the retry',
      output: `const idempotencyKey = crypto.randomUUID();
for (let i = 0; i < 3; i++) {
  try {
    return await superagent.post(\`\${API}/orders\`).set('Idempotency-Key', idempotencyKey).send(order);
  } catch (e) { await sleep(Math.random() * 200); }
}`,
    }],
  },
  // Only the fetch-retry call that keeps its retries is reported.
  {
    line: 4, column: 39, messageId: 'missingKey', message: 'fetch-retry',
    data: { method: 'POST', request: 'f(…)', retry: 'fetch-retry wrapper `f`' },
    code: `import fetchBuilder from 'fetch-retry';
const f = fetchBuilder(fetch, { retries: 3, retryDelay: (n) => Math.random() * 500 * 2 ** n });
export const draft = (b: string) => f('/api/drafts', { method: 'POST', body: b, retries: 0 });
export const publish = (b: string) => f('/api/posts', { method: 'POST', body: b });`,
  },
  // A condition that retries on a status, whatever the method, still re-sends POSTs.
  {
    line: 5, column: 37, messageId: 'missingKey', message: 'axiosRetry',
    data: { method: 'POST', request: 'api.post(…)', retry: '`axiosRetry` on `api`' },
    code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
const api = axios.create();
axiosRetry(api, { retries: 3, retryDelay: axiosRetry.exponentialDelay, retryCondition: (e) => e.response?.status === 429 || e.config?.method === 'get' });
export const order = (o: object) => api.post('/orders', o);`,
  },
  // ky chained over lines: the finding names the call's retry options, on the line of `.post(…)`.
  {
    line: 4, column: 5, messageId: 'missingKey', message: 'retried by the retry options of the `ky.post` call',
    data: { method: 'POST', request: 'ky.post(…)', retry: 'retry options of the `ky.post` call' },
    code: `import ky from 'ky';
export const enqueue = (id: string) =>
  ky
    .post(\`/api/reports/\${id}/exports\`, { retry: { limit: 3, methods: ['post'] } })
    .json();`,
  },
];

describe('missing-idempotency-key', () => {
  runRuleTable('missing-idempotency-key', valid, invalid);
  describe('messages', () => checkFirstSentences('missing-idempotency-key', invalid));
  describe('the retry behind the request', () => {
    const findingsOf = (code: string) => analyzeSource(code, 'orders.ts').findings
      .filter((finding) => finding.ruleId === 'missing-idempotency-key')
      .map((finding) => [finding.range.start.line, finding.related?.map((place) => [place.range.start.line, place.message])]);
    it('is named where the request is reported, when it is elsewhere', () => {
      assert.deepEqual(findingsOf(`async function fetchWithRetry(url, options, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, options);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * Math.random()));
    }
  }
}

export const signUp = (user) => fetchWithRetry('/api/signup', { method: 'POST', body: JSON.stringify(user) });`),
      [[11, [[1, 'The `fetchWithRetry` helper that repeats the request']]]]);
    });
    it('is the client\'s set-up for a request through a client that retries', () => {
      assert.deepEqual(findingsOf(`import axios from 'axios';
import axiosRetry from 'axios-retry';

axiosRetry(axios, { retries: 3, retryCondition: () => true, retryDelay: axiosRetry.exponentialDelay });

export async function register(tenant) {
  return axios.post('/register', tenant);
}`), [[6, [[3, 'The `axiosRetry` on `axios` that repeats the request']]]]);
    });
    it('is named with the call that gives the request its method, for a request that sends its caller\'s', () => {
      assert.deepEqual(findingsOf(`export class Client {
  async request(path, options) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await fetch(\`https://api.example.com\${path}\`, options);
      } catch (error) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000 * 2 ** attempt));
      }
    }
    throw new Error('failed');
  }

  post(path, body) {
    return this.request(path, { method: 'POST', body: JSON.stringify(body) });
  }
}`), [[4, [[2, 'The `for (let attempt = 0; attempt < 3; attempt++)` retry loop that repeats the request'], [13, 'The call that makes it a POST']]]]);
    });
    // Each client that re-sends what goes through it points at where the file sets it up.
    const clients: [string, string, string][] = [
      ['fetch-retry', `import fetchRetry from 'fetch-retry';
const fetchWithRetries = fetchRetry(fetch, { retries: 3, retryDelay: (attempt) => Math.random() * 1000 * 2 ** attempt });`,
      'The fetch-retry wrapper `fetchWithRetries` that repeats the request'],
      ['ofetch', `import { ofetch } from 'ofetch';
const fetchWithRetries = ofetch.create({ baseURL: '/api', retry: 2, retryDelay: (context) => Math.random() * 500 });`,
      'The `ofetch.create(…)` client that repeats the request'],
    ];
    for (const [library, setUp, message] of clients) {
      it(`is the set-up of a ${library} client`, () => {
        const code = `${setUp}

export const createOrder = (order) => fetchWithRetries('/orders', { method: 'POST', body: JSON.stringify(order) });`;
        assert.deepEqual(findingsOf(code), [[3, [[1, message]]]]);
      });
    }
    it('is the first line of a local helper named for retrying whose retry is out of sight', () => {
      assert.deepEqual(findingsOf(`async function fetchWithRetry(url, options) {
  return attempt(() => fetch(url, options));
}

export const signUp = (user) => fetchWithRetry('/api/signup', { method: 'POST', body: JSON.stringify(user) });`),
      [[4, [[0, 'The `fetchWithRetry` helper that repeats the request']]]]);
    });
    it('is not named again when the finding is next to it', () => {
      assert.deepEqual(findingsOf(walletSaver('throw error;')), [[12, undefined]]);
    });
    it('is not named again when the finding is on its first line', () => {
      assert.deepEqual(findingsOf(`import pRetry from 'p-retry';
export const save = (order) => pRetry(() => fetch('/orders', { method: 'POST', body: JSON.stringify(order) }), { retries: 3 });`), [[1, undefined]]);
    });
  });
});
