// Shapes from real code: a status poll that goes round after an answer only while the thing is not done yet
// (`if (j.done) return;`, `if (paid) … else setTimeout(poll, ms)`), and whose failures go round too. It ends once
// done, so it is no periodic run; what its failures send round, with nothing to count them, goes on for as long as
// the service stays down. A poll that goes round after every answer is a periodic run and stays silent.
import { runLibraryTable, type LibraryCase } from '../libraries/library-table';

/** A poll through a promise chain: `onAnswer` is the body of the `.then`, `onFailure` that of the `.catch`. */
function chainedPoll(onAnswer: string, onFailure: string): string {
  return `export function watchPayment(orderId: string) {
  function poll() {
    fetch('/api/payments/' + orderId).then((r) => r.json()).then((payment) => {
      ${onAnswer}
    }).catch((error) => {
      ${onFailure}
    });
  }
  poll();
}`;
}

/** The same poll written with await: `onAnswer` follows the read of the answer in the try. */
function awaitedPoll(onAnswer: string): string {
  return `export async function watchJob(id: string) {
  try {
    const response = await fetch('/api/jobs/' + id);
    const job = await response.json();
    ${onAnswer}
  } catch (error) {
    console.warn('status check failed, trying again', error);
    setTimeout(() => watchJob(id), 5000);
  }
}`;
}

const cases: LibraryCase[] = [
  {
    title: 'a chained poll that stops once paid, and whose .catch polls again with no count, retries a failure without a cap',
    code: chainedPoll("if (payment.status === 'paid') return showReceipt(payment);\n      setTimeout(poll, 3000);", 'setTimeout(poll, 3000);'),
    findings: [[7, 'unbounded-retry']],
    messages: ['fixed delay'],
  },
  {
    title: 'the same poll whose way round after an answer is the else of the test for done',
    code: chainedPoll("if (payment.status === 'paid') showReceipt(payment);\n      else setTimeout(poll, 3000);", 'setTimeout(poll, 3000);'),
    findings: [[7, 'unbounded-retry']],
  },
  {
    title: 'a chained poll that goes round after every answer is a periodic run: its failures keep the period, silent',
    code: chainedPoll('render(payment);\n      setTimeout(poll, 3000);', 'setTimeout(poll, 3000);'),
    findings: [],
  },
  {
    title: 'an awaited poll that returns once done, and whose catch polls again with no count, retries a failure without a cap',
    code: awaitedPoll("if (job.state === 'finished') return job;\n    setTimeout(() => watchJob(id), 5000);"),
    findings: [[9, 'unbounded-retry']],
  },
  {
    title: 'a chained poll that goes round while a flag of its own is unset (not a test of the answer) keeps a period: silent',
    code: chainedPoll('if (!stopped) setTimeout(poll, 3000);', 'setTimeout(poll, 3000);').replace('function poll() {', 'let stopped = false;\n  function poll() {'),
    findings: [],
  },
  {
    title: 'a chained poll until done whose failures are counted against a cap is a poll with a budget: silent',
    code: chainedPoll("if (payment.status === 'paid') return showReceipt(payment);\n      setTimeout(poll, 3000);", 'if (++failures > 5) throw error;\n      setTimeout(poll, 3000);').replace('function poll() {', 'let failures = 0;\n  function poll() {'),
    findings: [],
  },
];

describe('shapes: polls until done whose failures go round', () => {
  runLibraryTable([], cases);
});
