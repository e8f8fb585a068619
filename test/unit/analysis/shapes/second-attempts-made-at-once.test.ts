// `try { return await send(…) } catch (err) { console.error(err); return await send(…) }`: a try that starts with an
// awaited call, and a catch that makes it again, word for word, with nothing done first but telling of the failure:
// one more attempt made at once. Its clients retry in step, with no wait. Not a second attempt: one after mending
// something (re-authenticating, refreshing), a call with other arguments (a fallback), a call that closes the try's
// other work (`await session.close()` after a write), or a wait made in both blocks.
import assert from 'node:assert/strict';
import { mayContainRetry } from '../../../../src/analysis';
import { runLibraryTable } from '../libraries/library-table';

/** A send whose catch does `between`, then makes `again` in a try of its own. */
function sendTwice(between: string, again: string): string {
  return `export async function deliver(sock, jid, text) {
  try {
    return await sock.sendText(jid, { text });
  } catch (err) {
    ${between}
    try {
      return await ${again};
    } catch (secondError) {
      return null;
    }
  }
}`;
}

const SAME = 'sock.sendText(jid, { text })';

/** A try that sends and reads the answer, and a catch that does the same again, the answer kept in a name. */
const ANSWER_READ_TWICE = `export async function submitOrder(order) {
  try {
    const response = await fetch('/api/orders', { method: 'POST', body: order });
    if (response.status !== 200) return { message: 'not sent' };
    return await response.json();
  } catch (error) {
    const response = await fetch('/api/orders', { method: 'POST', body: order });
    if (response.status !== 200) return { message: 'not sent' };
    return await response.json();
  }
}`;

describe('shapes: second attempts made at once in a catch', () => {
  runLibraryTable([], [
    {
      title: 'the same call again after only logging: one more attempt with no wait',
      code: sendTwice("console.error('send failed', err);", SAME),
      fileName: 'send.js',
      findings: [[7, 'retry-without-jitter']],
      messages: ['retries immediately'],
    },
    {
      title: 'the same call as the statement of the catch itself, with nothing before it',
      code: `export async function load(api) {
  try {
    return await api.read('/settings');
  } catch {
    return await api.read('/settings');
  }
}`,
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'a try that starts with the call and then reads its answer, a catch that starts with the same call and reads it again: one more attempt at once',
      code: ANSWER_READ_TWICE,
      fileName: 'orders.js',
      findings: [[7, 'retry-without-jitter'], [7, 'missing-idempotency-key']],
    },
    {
      title: 'the same call made last in the try, after other work, and first in the catch: no second attempt, silent',
      code: `export async function submitOrder(order) {
  try {
    await validate(order);
    const response = await fetch('/api/orders', { method: 'POST', body: order });
    return await response.json();
  } catch (error) {
    const response = await fetch('/api/orders', { method: 'POST', body: order });
    return await response.json();
  }
}`,
      fileName: 'orders.js',
      findings: [],
    },
    {
      title: 'after refreshing the session: a resend once something was mended, silent',
      code: sendTwice('await sock.refreshSession();', SAME),
      fileName: 'send.js',
      findings: [],
    },
    {
      title: 'with other arguments (without the quote): a fallback, silent',
      code: sendTwice("console.error('send failed', err);", 'sock.sendText(jid, { text: text.slice(0, 100) })'),
      fileName: 'send.js',
      findings: [],
    },
    {
      title: 'a call that closes the try\'s other work, made again in the catch (`await session.close()`): silent',
      code: `export async function save(session, item) {
  try {
    await session.write(item);
    await session.close();
  } catch (error) {
    await session.close();
    throw error;
  }
}`,
      findings: [],
    },
    {
      title: 'a wait made in the try and again in the catch is no attempt: silent',
      code: `const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export async function pause(ms) {
  try {
    await sleep(ms);
  } catch (error) {
    await sleep(ms);
  }
}`,
      fileName: 'pause.js',
      findings: [],
    },
  ]);

  it('the pre-check keeps a file whose only retry is such a second attempt, and passes by one that mends first', () => {
    assert.equal(mayContainRetry(sendTwice("console.error('send failed', err);", SAME), 'send.js'), true);
    assert.equal(mayContainRetry(sendTwice('await sock.refreshSession();', SAME), 'send.js'), false);
    assert.equal(mayContainRetry(ANSWER_READ_TWICE, 'orders.js'), true, 'the answer kept in a name (`const response = await …`)');
  });
});
