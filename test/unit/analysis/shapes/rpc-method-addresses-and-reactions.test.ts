// Addresses that name a method of an RPC-style web API (`/api/chat.postMessage`, Slack's Web API) are not the model
// endpoints they begin like (`/api/chat`, Ollama's): a message posted through a retrying client is sent twice. Adding a
// reaction (`/api/reactions.add`, `/comments/${id}/reactions`) is not: the emoji is on the item once however often it
// is added, so a retry of it needs no key. Nor does a JSON-RPC call that sends a transaction signed before it
// (Solana's `sendTransaction`, `eth_sendRawTransaction`): the chain takes it once by its signature; `eth_sendTransaction`,
// which the node signs, is not one.
import { runLibraryTable } from '../libraries/library-table';

/** A Slack bot whose POSTs go through a fetch-retry wrapper, to `address`. */
function slackPost(address: string): string {
  return `const fetchRetry = require('fetch-retry')(require('node-fetch'), { retries: 3, retryDelay: (n) => Math.random() * 1000 * 2 ** n });
const postTo = (body) => ({ method: 'POST', body: JSON.stringify(body) });
const ADDRESS = ${address};
export async function notify(channel, text) {
  return fetchRetry(ADDRESS, postTo({ channel, text }));
}`;
}

/** A JSON-RPC `method` POSTed with a serialized transaction, up to three times with a jittered wait. */
function rpcSend(method: string): string {
  return `export async function broadcast(url: string, serialized: string) {
  const payload = { jsonrpc: '2.0', id: 1, method: '${method}', params: [serialized, { encoding: 'base64' }] };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await axios.post(url, payload);
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000 * 2 ** attempt));
    }
  }
}`;
}

describe('shapes: RPC method addresses and reactions', () => {
  runLibraryTable([], [
    {
      title: 'a message posted to `/api/chat.postMessage` through a retrying client: missing-idempotency-key',
      code: slackPost("'https://slack.com/api/chat.postMessage'"),
      fileName: 'slack.js',
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: 'a model asked at `/api/chat` (Ollama) is a read: silent',
      code: slackPost("'http://localhost:11434/api/chat'"),
      fileName: 'ollama.js',
      findings: [],
    },
    {
      title: 'a reaction added at `/api/reactions.add`: silent',
      code: slackPost("'https://slack.com/api/reactions.add'"),
      fileName: 'react.js',
      findings: [],
    },
    {
      title: 'a reaction added to a comment (`/comments/${id}/reactions`): silent',
      code: slackPost('`https://api.github.com/repos/o/r/issues/comments/${process.env.COMMENT}/reactions`'),
      fileName: 'github.js',
      findings: [],
    },
    {
      title: 'a comment created on the same kind of address is no reaction: missing-idempotency-key',
      code: slackPost('`https://api.github.com/repos/o/r/issues/${process.env.ISSUE}/comments`'),
      fileName: 'comment.js',
      findings: [[5, 'missing-idempotency-key']],
    },
    { title: 'a signed transaction sent again over JSON-RPC (`sendTransaction`) is taken once: silent', code: rpcSend('sendTransaction'), findings: [] },
    { title: 'likewise `eth_sendRawTransaction`: silent', code: rpcSend('eth_sendRawTransaction'), findings: [] },
    { title: '`eth_sendTransaction`, which the node signs, makes a new transaction each time: reported', code: rpcSend('eth_sendTransaction'), findings: [[5, 'missing-idempotency-key']] },
  ]);
});
