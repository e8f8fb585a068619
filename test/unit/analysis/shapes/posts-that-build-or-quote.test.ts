// A POST sent by a function named for asking (`quoteSwap`, `simulateTransfer`), for working an answer out of what it
// sends (`detectSpam`, `classifyTicket`), or for building an unsigned
// transaction that the caller signs and sends later (`buildSwapTransaction`, `buildTxForHardwareWallet`): the server
// answers a question and keeps nothing, so a retry of it needs no idempotency key. A function that builds anything
// else (`buildOrder`) may create it: its retried POST still needs one.
import { runLibraryTable } from '../libraries/library-table';

/** A function `name` that POSTs to `path` up to three times with a jittered wait. */
function retriedPost(name: string, path: string): string {
  return `export async function ${name}(client, body) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await client.post('${path}', body);
    } catch (error) {
      if (attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000 * 2 ** attempt));
    }
  }
}`;
}

describe('shapes: POSTs that quote, simulate or build an unsigned transaction', () => {
  runLibraryTable([], [
    { title: 'building an unsigned swap transaction: silent', code: retriedPost('buildSwapTransaction', '/swap/v1/swap'), findings: [] },
    { title: 'the same for a hardware wallet (words after the noun): silent', code: retriedPost('buildTxForHardwareWallet', '/swap/v1/swap'), findings: [] },
    { title: 'a quote: silent', code: retriedPost('quoteSwap', '/v6/quote'), findings: [] },
    { title: 'a function named for detecting (`detectSpam`) works an answer out of what it sends: silent', code: retriedPost('detectSpam', '/v1/score'), findings: [] },
    { title: 'one named for classifying (`classifyTicket`) likewise: silent', code: retriedPost('classifyTicket', '/v1/score'), findings: [] },
    { title: 'one named for submitting to the same address may create: the key is missing', code: retriedPost('submitTicket', '/v1/score'), findings: [[4, 'missing-idempotency-key']] },
    { title: 'a simulation: silent', code: retriedPost('simulateTransfer', '/transfers/simulate'), findings: [] },
    { title: 'a fetch marked private (`_fetchEncodedTx`) reads as a fetch: silent', code: retriedPost('_fetchEncodedTx', '/v4/swap'), findings: [] },
    { title: 'a POST to an OCR service (`/ocr`) works an answer out and keeps nothing: silent', code: retriedPost('readPlate', '/v2/ocr'), findings: [] },
    { title: 'a POST to a text-to-speech service (`/tts`, `/audio/speech`) likewise: silent', code: retriedPost('generateAudio', '/functions/v1/tts'), findings: [] },
    { title: 'the same for `/audio/speech`: silent', code: retriedPost('generateAudio', '/v1/audio/speech'), findings: [] },
    {
      title: 'a POST to an address kept as a captcha solver\'s (`config.captchaSolver.apiUrl`) likewise: silent',
      code: retriedPost('solve', '/placeholder').replace("'/placeholder'", 'config.captchaSolver.apiUrl'),
      findings: [],
    },
    {
      title: 'a POST to an address kept under another name (`config.orders.apiUrl`) may create: the key is missing',
      code: retriedPost('submit', '/placeholder').replace("'/placeholder'", 'config.orders.apiUrl'),
      findings: [[4, 'missing-idempotency-key']],
    },
    {
      title: 'a private mark does not make a sender a reader (`_createTransfer`): the key is missing',
      code: retriedPost('_createTransfer', '/transfers'),
      findings: [[4, 'missing-idempotency-key']],
    },
    {
      title: 'building an order (not a transaction) may create it: the key is missing',
      code: retriedPost('buildOrder', '/orders'),
      findings: [[4, 'missing-idempotency-key']],
    },
    {
      title: 'creating a transaction: the key is missing',
      code: retriedPost('createTransaction', '/transactions'),
      findings: [[4, 'missing-idempotency-key']],
    },
    {
      title: 'building a report of transactions: the key is missing',
      code: retriedPost('buildTransactionsReport', '/reports'),
      findings: [[4, 'missing-idempotency-key']],
    },
  ]);
});
