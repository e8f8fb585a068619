// Shapes from real code where a retried POST may already be told apart by the server, out of sight: a body
// that carries the operation's own id (`correlationId`, `requestId`, `nonce`), and a retry helper from
// another file told to make no retries (`fetchWithRetry(url, init, 0)`). Precision first: both are silent.
// And a retry that goes round only after the server refused to act (rate limited, already exists): nothing
// was done twice.
import { runLibraryTable } from '../libraries/library-table';

/** A payment POST retried three times with a jittered wait; `extra` runs before the loop. */
function paymentSender(body: string, extra = ''): string {
  return `export async function pay(payment: Payment) {
  ${extra}
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(PROCESSOR_URL + '/payments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${body} });
    } catch (error) {
      await sleep(Math.random() * 1000 * 2 ** attempt);
    }
  }
}`;
}

/** A transfer whose body the top function builds (`body`), passed on through the retrying function to the one that POSTs it. */
function transferThroughTwoFunctions(body: string): string {
  return `export async function transfer(request: TransferRequest) {
  const idempotencyKey = request.idempotencyKey ?? (await sha256(request.signature));
  return submitWithRetry({ url: SUBMIT_URL, body: ${body} });
}
async function submitWithRetry(args: { url: string; body: unknown }) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await submitOnce(args);
    } catch (error) {
      if (attempt === 3) throw error;
      await sleep(Math.random() * 200 * 2 ** attempt);
    }
  }
}
async function submitOnce(args: { url: string; body: unknown }) {
  const response = await fetch(args.url, { method: 'POST', body: JSON.stringify(args.body) });
  return response.json();
}`;
}

/** A payload handed in whole and POSTed in a retry loop, in a file that speaks of idempotency; `extra` are more parameters, `before` runs first. */
function payloadSender(extra: string, before: string, type = 'TransferRequest'): string {
  return `// Retries network blips with the same payload: the receiver is idempotent.
export async function submit(endpoint: string, payload: ${type}${extra}) {
  ${before}
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(endpoint, { method: 'POST', body: JSON.stringify(payload) });
    } catch (error) {
      if (attempt === 2) throw error;
      await sleep(Math.random() * 500 * 2 ** attempt);
    }
  }
}`;
}

/** A customer create that calls itself again from its catch when `test` holds, at most three times. */
function createAgainWhen(test: string): string {
  return `export async function createCustomerWithRetry(stripe: Stripe, email: string, retryCount = 0): Promise<Stripe.Customer> {
  try {
    return await stripe.customers.create({ email });
  } catch (error) {
    if (retryCount >= 3) throw error;
    if (${test}) {
      await sleep(Math.random() * 1000 * 2 ** retryCount);
      return createCustomerWithRetry(stripe, email, retryCount + 1);
    }
    throw error;
  }
}`;
}

/** An order POST sent through a retry helper imported from another file, with `tail` after the init. */
function helperSender(tail: string): string {
  return `import { fetchWithRetry } from './client';
export async function createOrder(payload: OrderPayload) {
  const response = await fetchWithRetry(ORDERS_URL, { method: 'POST', body: JSON.stringify(payload) }${tail});
  return response.json();
}`;
}

/** An analytics SDK that POSTs one event, calling itself again on failure; `members` are the event type's. */
function eventSender(typeName: string, members: string): string {
  return `export interface ${typeName} { ${members}; name: string; properties?: Record<string, unknown> }
export class Tracker {
  private async send(event: ${typeName}, attempt = 0): Promise<void> {
    try {
      await fetch(this.endpoint, { method: 'POST', body: JSON.stringify(event) });
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(Math.random() * 1000 * 2 ** attempt);
      return this.send(event, attempt + 1);
    }
  }
}`;
}

describe('shapes: requests the server may tell apart, out of sight', () => {
  runLibraryTable([], [
    {
      title: "an event of the file's event type with an id of its own (`eventId`) is sent with that id every time: silent",
      code: eventSender('TrackEvent', 'eventId?: string'),
      findings: [],
    },
    {
      title: "a message type with an `id` of its own carries it too: silent",
      code: eventSender('OutboxMessage', 'id: string'),
      findings: [],
    },
    {
      title: 'an event type whose only ids are of other things (`userId`) carries none of its own: reported',
      code: eventSender('TrackEvent', 'userId?: string'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'a type with an id that is not named for an event or a message (an order with `id`) is not an event sent again: reported',
      code: eventSender('OrderInput', 'id: string'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'a body field that names the operation (`correlationId`) may be what the server deduplicates on: silent',
      code: paymentSender('JSON.stringify({ amount: payment.amount, correlationId: payment.correlationId })'),
      findings: [],
    },
    {
      title: 'a body object whose operation id is read in the same function (`payment.requestId`) carries it: silent',
      code: paymentSender('JSON.stringify(payment)', "log.info('paying', payment.requestId);"),
      findings: [],
    },
    {
      title: 'a body with ids of other things (`userId`) only is a retried POST without a key: reported',
      code: paymentSender('JSON.stringify({ amount: payment.amount, userId: payment.userId })'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'a body object with no operation id read anywhere is a retried POST without a key: reported',
      code: paymentSender('JSON.stringify(payment)', "log.info('paying', payment.userId);"),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'a body object re-made before the loop with the operation id one level down carries it: silent',
      code: paymentSender('JSON.stringify(payment)', 'payment = { ...payment, meta: { ...payment.meta, operationId: newId() } };'),
      findings: [],
    },
    {
      title: 'a body object re-made with the id of another thing one level down does not: reported',
      code: paymentSender('JSON.stringify(payment)', 'payment = { ...payment, meta: { ...payment.meta, userId: currentUser() } };'),
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'a retry helper from another file told to make no retries (a literal 0 after the init) sends once: silent',
      code: helperSender(', 0, 15000'),
      findings: [],
    },
    {
      title: 'the same helper with its retries left to it is a retried POST without a key: reported',
      code: helperSender(''),
      findings: [[3, 'missing-idempotency-key']],
    },
    {
      title: 'the helper told to make two retries still retries: reported',
      code: helperSender(', 2, 15000'),
      findings: [[3, 'missing-idempotency-key']],
    },
    {
      title: 'a login POST retried until it succeeds is a credential exchange, repeated safely: no key finding',
      code: `export async function login(credentials: Credentials): Promise<Session> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await axios.post('https://accounts.example.com/api/v1/password/login', credentials);
    } catch (error) {
      await sleep(Math.random() * 1000 * 2 ** attempt);
    }
  }
  throw new Error('login failed');
}`,
      findings: [],
    },
    ...([["'Upload-Offset': String(offset)", []], ["'X-Chunk': String(offset)", [[4, 'missing-idempotency-key']]]] as [string, [number, 'missing-idempotency-key'][]][]).map(([header, findings]) => ({
      title: header.includes('Upload-Offset')
        ? 'a chunk PATCHed at the offset it states (tus `Upload-Offset`) writes the same bytes in the same place when sent again: no key finding'
        : 'a chunk PATCHed without stating where it goes is a retried PATCH without a key: reported',
      code: `export async function uploadChunk(url: string, chunk: Blob, offset: number): Promise<Response> {
  for (let attempt = 0; attempt <= 5; attempt++) {
    try {
      return await fetch(url, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/offset+octet-stream', ${header} },
        body: chunk,
      });
    } catch (error) {
      await sleep(Math.random() * 1000 * 2 ** attempt);
    }
  }
  throw new Error('chunk failed');
}`,
      findings,
    })),
    {
      title: 'a create called again only when the server refused it (rate limited, already exists) did nothing twice: silent',
      code: createAgainWhen("error.type === 'rate_limit' || error.code === 'resource_already_exists'"),
      findings: [],
    },
    {
      title: 'called again only on a 429 status: silent',
      code: createAgainWhen('error.statusCode === 429'),
      findings: [],
    },
    {
      title: 'an upload sent again (through a promise callback) only after a 401 and a token refresh was refused the first time: no key finding (sending again without end is still unbounded)',
      code: `export class Uploader {
  send(body: Blob): Promise<Response> {
    return fetch(this.endpoint, { method: 'POST', body, headers: this.headers }).then((response) => {
      if (response.status === 401 && this.refreshToken) {
        return this.refresh().then(() => this.send(body));
      }
      return response;
    });
  }
}`,
      findings: [[5, 'unbounded-retry']],
    },
    ...([['!(err instanceof ConflictError)', []], ['!(err instanceof HttpError)', [[6, 'missing-idempotency-key']]]] as [string, [number, 'missing-idempotency-key'][]][]).map(([test, findings]) => ({
      title: test.includes('Conflict')
        ? 'a deploy POSTed again only after a conflict (the catch rethrows every other error) was refused the first time: silent'
        : 'the same catch letting any HTTP error round re-sends a deploy that may have been made: reported',
      code: `export class Projects {
  async deploy(resources) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        return await this.submit(resources);
      } catch (err) {
        if (${test} || Date.now() >= deadline) throw err;
        await this.waitForRunningDeployment(err.data.deploymentId);
      }
    }
  }
  async submit(resources) {
    return this.api.post('/v1/projects/deploy', resources);
  }
}`,
      findings,
    })),
    ...([['error instanceof RateLimitExceededError', []], ['error instanceof HttpError', [[4, 'missing-idempotency-key']]]] as [string, [number, 'missing-idempotency-key'][]][]).map(([test, findings]) => ({
      title: test.includes('RateLimit')
        ? 'a POST whose catch waits only in its rate-limit branch and throws in every other was refused before each retry: silent'
        : 'the same chain waiting on any HTTP error re-sends a POST that may have been acted on: reported',
      code: `export async function send(url, body, retries) {
  for (let retry = 0; retry <= retries; retry++) {
    try {
      return await post(url, body);
    } catch (error) {
      if (retry < retries && ${test}) {
        await wait(error.retryAfter);
      } else if (error.name === 'AbortError') {
        throw new Error('timed out');
      } else {
        throw error;
      }
    }
  }
}
async function post(url, body) {
  return fetch(url, { method: 'POST', body });
}`,
      findings,
    })),
    ...([["headers: { 'Idempotency-Key': key }, ", []], ['', [[4, 'missing-idempotency-key']]]] as [string, [number, 'missing-idempotency-key'][]][]).map(([headers, findings]) => ({
      title: headers
        ? "openapi-fetch's `client.POST(path, { body, headers })` takes fetch's init second: the key in its headers is sent: silent"
        : 'the same call without the header re-sends the refund: reported',
      code: `export async function refund(client, chargeId, amount, key) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await (client.POST as Function)('/charges/{id}/refunds', {
        params: { path: { id: chargeId } },
        body: { amount }, ${headers}
      });
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000));
    }
  }
}`,
      findings,
    })),
    {
      title: 'a body the top caller builds with the key in it, passed on through two functions to the POST: silent',
      code: transferThroughTwoFunctions('{ ...request, idempotencyKey }'),
      findings: [],
    },
    {
      title: 'the same body without the key (the key only named in the file): reported at the retried call',
      code: transferThroughTwoFunctions('{ ...request }'),
      findings: [[8, 'missing-idempotency-key']],
      messages: ['This POST request `submitOnce(…)`'],
    },
    {
      title: 'a payload of a named type that a caller out of sight hands in whole, in a file that speaks of idempotency only in a comment, may carry its key: silent',
      code: payloadSender('', ''),
      findings: [],
    },
    ...['{ amount: number; to: string }', 'unknown'].map((type) => ({
      title: `the same sender whose payload type (\`${type}\`) says nothing of a key: reported`,
      code: payloadSender('', '', type),
      findings: [[6, 'missing-idempotency-key']] as [number, 'missing-idempotency-key'][],
    })),
    {
      title: 'the same sender in a file that sends an Idempotency-Key header with another request: keys are sent in sight, this one sends none: reported',
      code: `${payloadSender('', '')}
export const pay = (payment: Payment) => fetch('/payments', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify(payment) });`,
      findings: [[6, 'missing-idempotency-key']],
    },
    {
      title: 'the same sender holding an idempotencyKey of its own that it only uses for a cache sends no key: reported',
      code: payloadSender(', idempotencyKey?: string', 'if (idempotencyKey && cache.has(idempotencyKey)) return cache.get(idempotencyKey);'),
      findings: [[6, 'missing-idempotency-key']],
    },
    {
      title: 'a fetch the client was handed (`this.fetchImpl(url, init)`) with a stated POST is a request: reported',
      code: `export class Transport {
  async call(name: string, body: string) {
    for (let attempt = 0; attempt <= 3; attempt++) {
      const init = { method: 'POST', body, headers: this.headers };
      try {
        return await this.fetchImpl(this.root + name, init);
      } catch (error) {
        if (attempt === 3) throw error;
        await sleep(Math.random() * 1000 * 2 ** attempt);
      }
    }
  }
}`,
      findings: [[6, 'missing-idempotency-key']],
      messages: ['This POST request `this.fetchImpl(…)`'],
    },
    {
      title: 'a name that only ends in "fetch" in lower case (`refetch`), or a fetch implementation with no method stated: silent',
      code: `export async function reload(query: Query) {
  for (let attempt = 0; attempt <= 3; attempt++) {
    try {
      await query.refetch(URL, { method: 'POST' });
      return await customFetch(URL, { cache: 'no-store' });
    } catch (error) {
      if (attempt === 3) throw error;
      await sleep(Math.random() * 1000 * 2 ** attempt);
    }
  }
}`,
      findings: [],
    },
    {
      title: 'called again on a connection error too, after which the customer may exist: reported',
      code: createAgainWhen("error.type === 'rate_limit' || error.type === 'StripeConnectionError'"),
      findings: [[3, 'missing-idempotency-key']],
    },
  ]);
});

/** An axios instance whose response interceptor re-sends a failed request after `test` says so, and two POSTs sent through it. */
function interceptedClient(test: string, postOptions = ''): string {
  return `import axios, { AxiosError, AxiosInstance } from 'axios';
export class Api {
  private client: AxiosInstance;
  constructor(baseURL: string) {
    this.client = axios.create({ baseURL });
    this.client.interceptors.response.use((response) => response, async (error: AxiosError) => {
      const config = error.config as any;
      if (${test} && (config._retries ?? 0) < 3) {
        config._retries = (config._retries ?? 0) + 1;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000 * 2 ** config._retries));
        return this.client.request(config);
      }
      return Promise.reject(error);
    });
  }
  createWorkflow(workflow: unknown) { return this.client.post('/workflows', workflow${postOptions}); }
  createTag(tag: unknown) { return this.client.post('/tags', tag${postOptions}); }
}`;
}

describe('shapes: POSTs re-sent by an instance\'s response interceptor', () => {
  runLibraryTable([], [
    {
      title: 'an interceptor that re-sends any failed request retries the POSTs sent through its instance: one finding, where it re-sends them',
      code: interceptedClient('!error.response || error.response.status >= 500'),
      findings: [[11, 'missing-idempotency-key']],
      messages: ["`this.client`'s response interceptor"],
    },
    {
      title: 'an interceptor that re-sends only after a 401 with a fresh token sends nothing the server acted on: silent',
      code: interceptedClient('error.response?.status === 401'),
      findings: [],
    },
    {
      title: 'POSTs that carry an idempotency key are told apart however often they are re-sent: silent',
      code: interceptedClient('!error.response', ", { headers: { 'Idempotency-Key': crypto.randomUUID() } }"),
      findings: [],
    },
  ]);
});
