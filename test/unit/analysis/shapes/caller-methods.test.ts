// Shapes from SDK clients and app API modules: one request function sends the method its callers give it
// (`makeRequest(route, { ...options, method: 'POST' })`, `request(method, path)`, a destructured
// `...init`), and the file's own wrappers (`post()`, `createOrder()`) give the methods. The request sends
// every method a caller in the file gives it; where the retry is around the callers, each caller is the
// retried request. Where the retry is inside and every caller that gives POST names its address
// (`this.request('POST', '/webhooks', body)`), each of those calls is a request of its own, reported there.
import { runLibraryTable } from '../libraries/library-table';

/** A client whose `makeRequest` retries itself (bounded, jittered); `wrappers` are its method wrappers. */
function clientWith(wrappers: string): string {
  return `export class Client {
${wrappers}
  private async makeRequest<R>(route: string, options: RequestOptions, attempt = 0): Promise<R> {
    try {
      const response = await fetch(this.baseUrl + route, { method: options.method, headers: this.headers(options.headers), body: JSON.stringify(options.body) });
      return (await response.json()) as R;
    } catch (error) {
      if (attempt >= 3) throw error;
      await sleep(Math.random() * 1000 * 2 ** attempt);
      return this.makeRequest<R>(route, options, attempt + 1);
    }
  }
}`;
}

const GET = `  get<R>(route: string, options?: Options) { return this.makeRequest<R>(route, { ...options, method: 'GET' }); }`;
const DELETE = `  delete<R>(route: string, options?: Options) { return this.makeRequest<R>(route, { ...options, method: 'DELETE' }); }`;
const POST = `  post<R>(route: string, options?: Options) { return this.makeRequest<R>(route, { ...options, method: 'POST' }); }`;
const KEYED_POST = `  post<R>(route: string, options?: Options) { return this.makeRequest<R>(route, { ...options, method: 'POST', headers: { 'Idempotency-Key': options.key } }); }`;

/** An API module whose `request(path, init)` is retried by the local `withRetry` around each call. */
function retriedAroundCalls(calls: string): string {
  return `async function withRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 3) throw error;
      await sleep(Math.random() * 500 * 2 ** attempt);
    }
  }
}
async function request(path: string, init: RequestInit): Promise<Response> {
  return fetch(API_URL + path, { ...init, headers: { Authorization: 'Bearer ' + token } });
}
${calls}`;
}

/** A sender that retries a fetch with the method its `method` parameter (declared as `parameter`) holds. */
function sender(parameter: string): string {
  return `export async function send(path: string, body: unknown, ${parameter}) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(API_URL + path, { method, body: JSON.stringify(body) });
    } catch (error) {
      await sleep(Math.random() * 1000 * 2 ** attempt);
    }
  }
}`;
}

/** A client whose retrying `send(opts)` passes its options on to `transmit(opts)`, which sends `opts.method`; `wrappers` call `send`. */
function passedOnClient(wrappers: string): string {
  return `export class Client {
${wrappers}
  private async send(opts: Options) {
    for (let attempt = 0; attempt <= LIMIT; attempt++) {
      try {
        const response = await this.transmit(opts);
        if (response.ok) return response.json();
      } catch (error) {
        if (attempt === LIMIT) throw error;
      }
      await sleep(Math.random() * 500 * 2 ** attempt);
    }
  }
  private async transmit(opts: Options) {
    return fetch(BASE_URL + opts.path, { method: opts.method, body: JSON.stringify(opts.body) });
  }
}`;
}

/** An SDK whose `request` retries itself on a 5xx; `methods` are its endpoint methods. */
function endpointClient(methods: string): string {
  return `export class Client {
  private async request(method: string, path: string, body?: unknown, attempt = 1): Promise<unknown> {
    const res = await fetch(this.baseUrl + path, { method, body: JSON.stringify(body) });
    if (res.status >= 500 && attempt < 3) {
      await sleep(Math.random() * 1000 * 2 ** attempt);
      return this.request(method, path, body, attempt + 1);
    }
    return res.json();
  }
${methods}
}`;
}

describe('shapes: a request that sends its callers\' method', () => {
  runLibraryTable([], [
    {
      title: 'a client whose `post()` gives its retried `makeRequest` POST: the retried request is reported, naming POST',
      code: clientWith([GET, POST].join('\n')),
      findings: [[6, 'missing-idempotency-key']],
      messages: ['POST from `this.makeRequest(…)` on line 3'],
    },
    {
      title: 'the same client with only GET and DELETE wrappers sends nothing a key matters for: silent',
      code: clientWith([GET, DELETE].join('\n')),
      findings: [],
    },
    {
      title: 'a `post()` that sends an Idempotency-Key with the method it gives: silent',
      code: clientWith([GET, KEYED_POST].join('\n')),
      findings: [],
    },
    {
      title: 'a retry around the calls: each call that gives POST is the retried request, reported there and not inside',
      code: retriedAroundCalls(`export const createBatch = (files: string[]) => withRetry(() => request('/batches/init', { method: 'POST', body: JSON.stringify({ files }) }));
export const listBatches = () => withRetry(() => request('/batches', { method: 'GET' }));`),
      findings: [[14, 'missing-idempotency-key']],
      messages: ['This POST request `request(…)`'],
    },
    {
      title: 'a deletion sent as POST (`/contacts/delete`) leaves the same state when repeated: silent',
      code: retriedAroundCalls(`export const deleteContact = (email: string) => withRetry(() => request('/v1/contacts/delete', { method: 'POST', body: JSON.stringify({ email }) }));`),
      findings: [],
    },
    {
      title: 'options destructured in the function (`const { retries, ...init } = options`) carry the callers\' method: the caller that names its address is reported',
      code: `async function apiRequest(path: string, options: ApiOptions = {}) {
  const { retries = 2, ...init } = options;
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      return await fetch(API_URL + path, { ...init, headers: { 'Content-Type': 'application/json' } });
    } catch (error) {
      if (attempt === retries) throw error;
      await sleep(Math.random() * 1000 * 2 ** attempt);
    }
  }
}
export const createOrder = (order: Order) => apiRequest('/orders', { method: 'POST', body: JSON.stringify(order) });`,
      findings: [[12, 'missing-idempotency-key']],
      messages: ['This POST request `apiRequest(…)` is retried without an idempotency key. `apiRequest()` sends it and retries it with the `for (let attempt = 0; attempt <= retries; attempt++)` retry loop'],
    },
    {
      title: 'a method parameter that defaults to POST sends POST when the caller states none: reported',
      code: sender("method = 'POST'"),
      findings: [[4, 'missing-idempotency-key']],
    },
    {
      title: 'options passed on from the retrying function to the one that sends them carry the method its callers give: reported at the retried call',
      code: passedOnClient(`  list() { return this.send({ method: 'GET', path: '/orders' }); }
  create(order: Order) { return this.send({ method: 'POST', path: '/orders', body: order }); }`),
      findings: [[7, 'missing-idempotency-key']],
      messages: ['This POST request `this.transmit(…)` is retried without an idempotency key. It sends the method its caller gives, POST from `this.send(…)` on line 3'],
    },
    {
      title: 'the same client whose callers only read: silent',
      code: passedOnClient(`  list() { return this.send({ method: 'GET', path: '/orders' }); }`),
      findings: [],
    },
    {
      title: 'a method parameter no caller in the file fills is the caller\'s choice, out of sight: silent',
      code: sender('method: string'),
      findings: [],
    },
    {
      title: 'a method parameter declared as a union that holds POST sends POST for some caller, wherever the callers are: reported',
      code: sender("method: 'GET' | 'POST' | 'DELETE'"),
      findings: [[4, 'missing-idempotency-key']],
      messages: ['This POST request `fetch(…)` is retried without an idempotency key.'],
    },
    {
      title: 'the same read through a type alias of the file, and a destructured options parameter: reported',
      code: `type Verb = 'GET' | 'PATCH';
export async function send({ path, method }: { path: string; method: Verb }) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(API_URL + path, { method });
    } catch (error) {
      await sleep(Math.random() * 1000 * 2 ** attempt);
    }
  }
}`,
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'a function that retries only some of the methods it declares (it tests the method it sends) says nothing of POST retried: silent',
      code: `type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export async function request(path: string, method: HttpMethod = 'GET', body?: string) {
  const retries = method === 'GET' ? 3 : 0;
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      return await fetch(BASE_URL + path, { method, body });
    } catch (error) {
      if (attempt === retries) throw error;
      await sleep(Math.random() * 1000 * 2 ** attempt);
    }
  }
}`,
      findings: [],
    },
    {
      title: 'a retry switch in a body sent as it is, where nothing reads an option of that name, is data: the POST is reported',
      code: `export async function request(method: string, path: string, body: unknown) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(BASE_URL + path, { method, body: JSON.stringify(body) });
    } catch (error) {
      await sleep(Math.random() * 1000 * 2 ** attempt);
    }
  }
}
export const subscribe = (url: string) => request('POST', '/webhooks', { url, retry: false });`,
      findings: [[10, 'missing-idempotency-key']],
    },
    {
      title: 'a method declared as reads only, or as a type out of sight, says no POST: silent',
      code: sender("method: 'GET' | 'HEAD'") + '\n' + sender('method: HttpMethod').replace('send(', 'sendOther('),
      findings: [],
    },
    {
      title: 'a file that calls some mutations "non-idempotent" speaks of no key: a POST caller left retrying is reported where it gives its address',
      code: `interface CallOptions { method?: string; body?: unknown; noRetry?: boolean } // noRetry: skip retries for non-idempotent mutations
export async function callService(path: string, options: CallOptions) {
  const { method = 'GET', body, noRetry } = options;
  const retries = noRetry ? 0 : 3;
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      const response = await fetch(BASE_URL + path, { method, body: JSON.stringify(body) });
      if (response.ok) return response.json();
    } catch (error) {
      if (attempt === retries) throw error;
    }
    await sleep(Math.random() * 500 * 2 ** attempt);
  }
}
export const createRun = (campaignId: string) => callService(\`/campaigns/\${campaignId}/runs\`, { method: 'POST' });
export const listRuns = (campaignId: string) => callService(\`/campaigns/\${campaignId}/runs\`, { method: 'GET' });
export const sendEmail = (email: Email) => callService('/emails/send', { method: 'POST', body: email, noRetry: true });
export const updateRun = (runId: string, data: { status: 'completed' | 'failed' }) => callService(\`/runs/\${runId}\`, { method: 'PATCH', body: data });
export const adjustRun = (runId: string, data: { increment: number }) => callService(\`/runs/\${runId}\`, { method: 'PATCH', body: data });`,
      // Not the send told `noRetry: true`, nor the PATCH whose body's declared type only sets fields.
      findings: [[15, 'missing-idempotency-key'], [19, 'missing-idempotency-key']],
    },
    {
      title: 'a request function retried inside whose callers each give POST and name their address: each caller is reported, with the key fix where the request is sent',
      code: endpointClient(`  createWebhook(url: string) { return this.request('POST', '/webhooks', { url }); }
  createJob(data: Job) { return this.request('POST', \`/jobs/\${data.queue}\`, data); }
  getJob(id: string) { return this.request('GET', \`/jobs/\${id}\`); }`),
      findings: [[10, 'missing-idempotency-key'], [11, 'missing-idempotency-key']],
      messages: ['This POST request `this.request(…)` is retried without an idempotency key. `request()` sends it and retries it with the recursive retry of `this.request()`'],
    },
    {
      title: 'the same callers reached through `const self = this` (inside a Proxy handler) give their methods too',
      code: endpointClient(`  agents() {
    const self = this;
    return { run: (task: string) => self.request('POST', '/agent/run', { task }) };
  }`),
      findings: [[12, 'missing-idempotency-key']],
    },
    {
      title: 'a caller that sends a search as POST is a read: silent',
      code: endpointClient(`  find(query: string) { return this.request('POST', '/search', { query }); }`),
      findings: [],
    },
  ]);
});
