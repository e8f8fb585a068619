// Realistic sources shared by the robustness, fuzz and suppression tests.
export const retryingSource = `import pRetry from 'p-retry';
import axios from 'axios';

const MAX_ATTEMPTS = 4;

export async function placeOrder(order: { id: string; total: number }) {
  while (true) {
    try {
      const res = await fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) });
      if (!res.ok) throw new Error(\`HTTP \${res.status}\`);
      return await res.json();
    } catch (err) {
      console.warn('order failed, retrying', err);
      await sleep(1000);
    }
  }
}

export async function capture(id: string) {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      return await axios.post(\`/api/captures/\${id}\`, {}, { headers: { 'Idempotency-Key': crypto.randomUUID() } });
    } catch (error) {
      await sleep(2 ** attempt * 100);
    }
  }
  throw new Error('capture failed');
}

export const refresh = () => pRetry(() => axios.get('/api/session'), { retries: 3 });

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
`;

export const quietSource = `export async function consume(queue: { pop(): Promise<unknown> }) {
  while (true) {
    const job = await queue.pop();
    try {
      await handle(job);
    } catch (err) {
      console.error(err);
    }
  }
}

export async function listAll(client: any) {
  const all = [];
  let cursor: string | undefined;
  do {
    const page = await client.list({ cursor });
    all.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return all;
}

declare function handle(job: unknown): Promise<void>;
`;

export const jsxSource = `import React, { useEffect, useState } from 'react';
export function Orders() {
  const [orders, setOrders] = useState([]);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      for (;;) {
        try {
          const res = await fetch('/api/orders');
          if (res.ok) { if (!cancelled) setOrders(await res.json()); return; }
        } catch {}
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    return () => { cancelled = true; };
  }, []);
  return <ul>{orders.map((o) => <li key={o.id}>{o.name}</li>)}</ul>;
}
`;
