// unstable-idempotency-key: a key made inside the retried code is new on every attempt. Lines in `invalid` are 1-based.
import { runRuleTable, type InvalidCase, type ValidCase } from '../rule-table';
import { checkFirstSentences } from './first-sentence';

const valid: (string | ValidCase)[] = [
  // A date read to its month or day makes the same key on every attempt of one retry (a monthly payout per user).
  `export async function payOut(user, amount) {
  return withRetry(async () => {
    const month = new Date().toISOString().slice(0, 7);
    await stripe.transfers.create({ amount, currency: 'usd', destination: user.account }, { idempotencyKey: \`payout-\${user.id}-\${month}\` });
    await stripe.transfers.create({ amount, currency: 'usd', destination: user.account }, { idempotencyKey: \`bonus-\${user.id}-\${new Date().getUTCFullYear()}\` });
  });
}`,
  // Made once, before the loop.
  `async function pay(p) {
  const key = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch('/payments', { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify(p) });
    } catch { await sleep(Math.random() * 500 * 2 ** attempt); }
  }
}`,
  // Passed in by the caller.
  `export async function refund(chargeId: string, idempotencyKey: string) {
  for (let i = 0; i < 3; i++) {
    try { return await stripe.refunds.create({ charge: chargeId }, { idempotencyKey }); }
    catch { await sleep(Math.random() * 1000); }
  }
}`,
  // Stored once on shared options with ??=.
  `async function send(url, body, opts) {
  opts.idempotencyKey ??= randomUUID();
  for (let i = 0; i < 4; i++) {
    try { return await fetch(url, { method: 'POST', body, headers: { 'Idempotency-Key': opts.idempotencyKey } }); }
    catch { await sleep(Math.random() * 100 * 2 ** i); }
  }
}`,
  // Created inside the retried code but stored once on the shared options.
  `async function post(url, opts) {
  for (let attempt = 0; attempt < 3; attempt++) {
    opts.headers['Idempotency-Key'] ??= randomUUID();
    try { return await fetch(url, { ...opts, method: 'POST', headers: opts.headers }); }
    catch { await sleep(Math.random() * 300); }
  }
}`,
  // Derived from the operation, so the same on every attempt.
  `async function submitOrder(order) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await client.post('/orders', order, { headers: { 'Idempotency-Key': \`order-\${order.id}\` } });
    } catch { await sleep(Math.random() * 250); }
  }
}`,
  // axios-retry re-sends the same config, so a key made per call stays stable across its retries.
  `axiosRetry(api, { retries: 3, retryDelay: axiosRetry.exponentialDelay, retryCondition: () => true });
export const transfer = (t) => api.post('/transfers', t, { headers: { 'Idempotency-Key': uuidv4() } });`,
  // got re-sends the same options.
  `const res = await got.post(URL_, { json: body, headers: { 'idempotency-key': nanoid() }, retry: { limit: 2, methods: ['POST'] } });`,
  // rxjs re-subscribes to a request built once: the headers do not change.
  `create(order: Order) {
  return this.http.post('/api/orders', order, { headers: { 'Idempotency-Key': uuid() } }).pipe(retry(2));
}`,
  // The SDK call's key is made once, outside the retried callback.
  `async function createPayment(body) {
  const idempotencyKey = randomUUID();
  return withRetry(async () => payments.create({ body, requestOptions: { idempotencyKey } }), retryConfig);
}`,
  // A fresh request id is fine; it is not the idempotency key.
  `async function publish(evt, key) {
  for (let i = 0; i < 3; i++) {
    try {
      return await fetch(BUS, { method: 'POST', headers: { 'X-Request-Id': crypto.randomUUID(), 'Idempotency-Key': key }, body: JSON.stringify(evt) });
    } catch { await sleep(Math.random() * 200); }
  }
}`,
  // Made before the p-retry call.
  `const idempotencyKey = crypto.randomUUID();
await pRetry(() => stripe.charges.create(params, { idempotencyKey }), { retries: 3, randomize: true });`,
  // A hash of the payload is stable.
  `async function upsert(doc) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const key = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
    try { return await fetch('/docs', { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify(doc) }); }
    catch { await sleep(Math.random() * 400); }
  }
}`,
  // Not retried: a new key per call is right.
  `export const createCart = () => fetch('/carts', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() } });`,
  // A per-item loop makes one key per item, which is right.
  `for (const order of orders) {
  try {
    await fetch('/orders', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify(order) });
  } catch (e) { failed.push(order); }
}`,
  // fetch-retry re-sends the same init object.
  `const fetchWithRetry = fetchRetry(fetch, { retries: 2, retryDelay: (n) => Math.random() * 1000 * 2 ** n });
export const checkout = (cart) => fetchWithRetry('/checkout', { method: 'POST', headers: { 'Idempotency-Key': randomUUID() }, body: JSON.stringify(cart) });`,
  // A key made in a caller's loop of operations, outside the retry helper's callback.
  `for (const payout of payouts) {
  const key = uuid();
  await withRetry(() => api.post('/payouts', payout, { headers: { 'Idempotency-Key': key } }));
}`,
];

const invalid: InvalidCase[] = [
  {
    line: 7, column: 30, messageId: 'freshKey', message: '`crypto.randomUUID()`',
    data: { key: 'crypto.randomUUID()', retry: '`for (let attempt = 0; attempt < 4; attempt++)` retry loop' },
    code: `async function pay(payment) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await fetch('/api/payments', {
        method: 'POST',
        headers: {
          'Idempotency-Key': crypto.randomUUID(),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(payment),
      });
    } catch { await sleep(Math.random() * 500 * 2 ** attempt); }
  }
}`,
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `async function pay(payment) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await fetch('/api/payments', {
        method: 'POST',
        headers: {
          'Idempotency-Key': idempotencyKey,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(payment),
      });
    } catch { await sleep(Math.random() * 500 * 2 ** attempt); }
  }
}`,
    }],
  },
  {
    line: 4, column: 28, messageId: 'freshKey', message: 'uuidv4()',
    data: { key: 'uuidv4()', retry: '`while (attempt++ < 3)` retry loop' },
    code: `async function createOrder(order) {
  let attempt = 0;
  while (attempt++ < 3) {
    const idempotencyKey = uuidv4();
    try {
      return await axios.post('/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } });
    } catch (err) { await sleep(Math.random() * 1000); }
  }
}`,
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `async function createOrder(order) {
  let attempt = 0;
  const idempotencyKey = uuidv4();
  while (attempt++ < 3) {
    try {
      return await axios.post('/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } });
    } catch (err) { await sleep(Math.random() * 1000); }
  }
}`,
    }],
  },
  {
    line: 4, column: 68, messageId: 'freshKey', message: 'retry loop',
    data: { key: 'uuid()', retry: '`for (let i = 0; i < 3; i++)` retry loop' },
    code: `async function charge(params) {
  for (let i = 0; i < 3; i++) {
    try {
      return await stripe.charges.create(params, { idempotencyKey: uuid() });
    } catch (e) { await sleep(Math.random() * 300 * 2 ** i); }
  }
}`,
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `async function charge(params) {
  const idempotencyKey2 = uuid();
  for (let i = 0; i < 3; i++) {
    try {
      return await stripe.charges.create(params, { idempotencyKey: idempotencyKey2 });
    } catch (e) { await sleep(Math.random() * 300 * 2 ** i); }
  }
}`,
    }],
  },
  {
    line: 2, column: 15, messageId: 'freshKey', message: '`pRetry` call',
    data: { key: 'nanoid()', retry: '`pRetry` call' },
    code: `await pRetry(async () => {
  const key = nanoid();
  const res = await fetch(API + '/transfers', { method: 'POST', headers: { 'Idempotency-Key': key }, body });
  if (!res.ok) throw new Error(String(res.status));
}, { retries: 3, randomize: true });`,
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `const key = nanoid();
await pRetry(async () => {
  const res = await fetch(API + '/transfers', { method: 'POST', headers: { 'Idempotency-Key': key }, body });
  if (!res.ok) throw new Error(String(res.status));
}, { retries: 3, randomize: true });`,
    }],
  },
  {
    // Any SDK call handed a key (here one object down, in its request options) is read for it.
    line: 3, column: 35, messageId: 'freshKey', message: '`withRetry` call',
    data: { key: '`pay_${Date.now()}_${Math.random()}`', retry: '`withRetry` call' },
    code: `async function createPayment(body) {
  return withRetry(async () => {
    const idempotencyKey = \`pay_\${Date.now()}_\${Math.random()}\`;
    return payments.create({ body, requestOptions: { idempotencyKey } });
  }, retryConfig);
}`,
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `async function createPayment(body) {
  const idempotencyKey = \`pay_\${Date.now()}_\${Math.random()}\`;
  return withRetry(async () => {
    return payments.create({ body, requestOptions: { idempotencyKey } });
  }, retryConfig);
}`,
    }],
  },
  {
    line: 4, column: 97, messageId: 'freshKey', message: 'Date.now()',
    data: { key: 'Date.now()', retry: '`for (let attempt = 0; attempt < 3; attempt++)` retry loop' },
    code: `async function submit(order) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await client.post('/orders', order, { headers: { 'Idempotency-Key': \`\${order.id}-\${Date.now()}\` } });
    } catch { await sleep(Math.random() * 100); }
  }
}`,
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `async function submit(order) {
  const idempotencyKey = \`\${order.id}-\${Date.now()}\`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await client.post('/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } });
    } catch { await sleep(Math.random() * 100); }
  }
}`,
    }],
  },
  {
    line: 4, column: 79, messageId: 'freshKey', message: 'Math.random()',
    data: { key: 'Math.random()', retry: '`for (let n = 0; n < 5; n++)` retry loop' },
    code: `async function enqueue(task) {
  for (let n = 0; n < 5; n++) {
    try {
      return await api.post('/tasks', task, { headers: { 'X-Idempotency-Key': Math.random().toString(36).slice(2) } });
    } catch { await sleep(Math.random() * 50 * 2 ** n); }
  }
}`,
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `async function enqueue(task) {
  const idempotencyKey = Math.random().toString(36).slice(2);
  for (let n = 0; n < 5; n++) {
    try {
      return await api.post('/tasks', task, { headers: { 'X-Idempotency-Key': idempotencyKey } });
    } catch { await sleep(Math.random() * 50 * 2 ** n); }
  }
}`,
    }],
  },
  {
    line: 2, column: 15, messageId: 'freshKey', message: 'recursive retry',
    data: { key: 'v4()', retry: 'recursive retry of `sendInvoice()`' },
    code: `async function sendInvoice(invoice, retries = 3) {
  const key = v4();
  try {
    return await fetch('/invoices', { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify(invoice) });
  } catch (err) {
    if (retries === 0) throw err;
    await sleep(Math.random() * 1000);
    return sendInvoice(invoice, retries - 1);
  }
}`,
  },
  {
    line: 4, column: 111, messageId: 'freshKey', message: 'async-retry',
    data: { key: 'randomUUID()', retry: 'async-retry `retry` call' },
    code: `import retry from 'async-retry';
import { randomUUID } from 'node:crypto';
export const order = (o) => retry(async () => {
  const res = await fetch('/orders', { method: 'POST', body: JSON.stringify(o), headers: { 'Idempotency-Key': randomUUID() } });
  if (res.status >= 500) throw new Error('server error');
  return res.json();
}, { retries: 3 });`,
  },
  {
    line: 2, column: 15, messageId: 'freshKey',
    data: { key: 'crypto.randomUUID()', retry: '`for (let attempt = 0; attempt < 3; attempt++)` retry loop' },
    code: `async function createPayout(p) {
  const key = crypto.randomUUID();
  return api.post('/payouts', p, { headers: { 'Idempotency-Key': key } });
}
export async function payout(p) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await createPayout(p); } catch { await sleep(Math.random() * 400 * 2 ** attempt); }
  }
}`,
  },
  {
    line: 2, column: 69, messageId: 'freshKey', message: '`withRetry` call',
    data: { key: 'uuid()', retry: '`withRetry` call' },
    code: `export const createSubscription = (sub) => withRetry(() =>
  axios.post('/subscriptions', sub, { headers: { 'Idempotency-Key': uuid() } }));`,
  },
  {
    line: 4, column: 88, messageId: 'freshKey',
    data: { key: 'crypto.randomUUID()', retry: '`do … while (!res.ok && ++tries < 3)` retry loop' },
    code: `async function reserve(seat) {
  let res, tries = 0;
  do {
    res = await fetch('/reservations', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify(seat) });
    if (!res.ok) await sleep(Math.random() * 300 * 2 ** tries);
  } while (!res.ok && ++tries < 3);
  return res;
}`,
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `async function reserve(seat) {
  let res, tries = 0;
  const idempotencyKey = crypto.randomUUID();
  do {
    res = await fetch('/reservations', { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey }, body: JSON.stringify(seat) });
    if (!res.ok) await sleep(Math.random() * 300 * 2 ** tries);
  } while (!res.ok && ++tries < 3);
  return res;
}`,
    }],
  },
  {
    line: 3, column: 69, messageId: 'freshKey',
    data: { key: 'uuid()', retry: '`for (let i = 0; i < 3; i++)` retry loop' },
    code: `for (let i = 0; i < 3; i++) {
  try {
    return await request.post('/api/orders').set('Idempotency-Key', uuid()).send(order);
  } catch (e) { await sleep(Math.random() * 200); }
}`,
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `const idempotencyKey = uuid();
for (let i = 0; i < 3; i++) {
  try {
    return await request.post('/api/orders').set('Idempotency-Key', idempotencyKey).send(order);
  } catch (e) { await sleep(Math.random() * 200); }
}`,
    }],
  },
  {
    line: 4, column: 85, messageId: 'freshKey', message: 'ulid()',
    data: { key: 'ulid()', retry: '`for (let attempt = 0; attempt < 3; attempt++)` retry loop' },
    code: `async function ingest(batch) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await ky.post('ingest', { json: batch, headers: { 'x-idempotency-key': ulid() } }).json();
    } catch { await sleep(Math.random() * 100 * 2 ** attempt); }
  }
}`,
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `async function ingest(batch) {
  const idempotencyKey = ulid();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await ky.post('ingest', { json: batch, headers: { 'x-idempotency-key': idempotencyKey } }).json();
    } catch { await sleep(Math.random() * 100 * 2 ** attempt); }
  }
}`,
    }],
  },
  {
    line: 4, column: 82, messageId: 'freshKey',
    options: { idempotencyHeaders: ['X-Dedup-Token'] },
    data: { key: 'nanoid()', retry: '`for (let attempt = 0; attempt < 3; attempt++)` retry loop' },
    code: `async function push(msg) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(PUSH_URL, { method: 'POST', headers: { 'X-Dedup-Token': nanoid() }, body: msg });
    } catch { await sleep(Math.random() * 100); }
  }
}`,
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `async function push(msg) {
  const idempotencyKey = nanoid();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(PUSH_URL, { method: 'POST', headers: { 'X-Dedup-Token': idempotencyKey }, body: msg });
    } catch { await sleep(Math.random() * 100); }
  }
}`,
    }],
  },
  {
    line: 5, column: 13, messageId: 'freshKey',
    data: { key: 'randomUUID()', retry: '`for (let attempt = 0; attempt < 3; attempt++)` retry loop' },
    code: `async function createUser(user) {
  let key;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      key = randomUUID();
      return await fetch('/users', { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify(user) });
    } catch { await sleep(Math.random() * 250); }
  }
}`,
    // The key is assigned in the loop: the assignment moves out, as a declaration does. (Copying
    // `key` before the loop would send undefined.)
    fixes: [{
      title: 'Create the key once, before the retry',
      output: `async function createUser(user) {
  let key;
  key = randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch('/users', { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify(user) });
    } catch { await sleep(Math.random() * 250); }
  }
}`,
    }],
  },
  {
    line: 3, column: 59, messageId: 'freshKey', message: '`backOff` call',
    data: { key: 'crypto.randomUUID()', retry: '`backOff` call' },
    code: `import { backOff } from 'exponential-backoff';
export const capture = (id) => backOff(() =>
  stripe.paymentIntents.capture(id, {}, { idempotencyKey: crypto.randomUUID() }), { numOfAttempts: 4, jitter: 'full' });`,
  },
  {
    line: 3, column: 116, messageId: 'freshKey', message: 'cockatiel',
    data: { key: 'uuid()', retry: 'cockatiel `retry` policy' },
    code: `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });
export const send = (m) => policy.execute(() => fetch('/messages', { method: 'POST', headers: { 'Idempotency-Key': uuid() }, body: m }));`,
  },
];

describe('unstable-idempotency-key', () => {
  runRuleTable('unstable-idempotency-key', valid, invalid);
  describe('messages', () => checkFirstSentences('unstable-idempotency-key', invalid));
});
