// A reconnect that stops at its cap only to cool down, set the count back to 0 and connect again: the cap pauses it,
// and the count starts over, for ever. A count set back to 0 on success, or another count (a delay's step) set back
// at the cap, starts nothing over.
import { runLibraryTable } from '../libraries/library-table';

/** A socket client whose scheduler caps `this.attempts` at 5; `atCap` is its way back at the cap. */
function feed(atCap: string): string {
  return `export class Feed {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private step = 0;
  constructor(private readonly url: string) {}
  connect(): void {
    this.ws = new WebSocket(this.url);
    this.ws.onopen = () => {
      this.attempts = 0;
    };
    this.ws.onclose = () => this.scheduleReconnect();
  }
  private scheduleReconnect(): void {
    if (this.attempts >= 5) {
      ${atCap}
      return;
    }
    this.attempts++;
    setTimeout(() => this.connect(), Math.random() * 1000 * 2 ** this.attempts);
  }
}`;
}

/** A consumer loop that counts failures in a row; `atCap` is what it does when they reach 5. */
function consumer(atCap: string): string {
  return `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function consume(url: string): Promise<Response> {
  let failures = 0;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (++failures >= 5) {
        ${atCap}
      }
      await sleep(Math.random() * 1000);
    }
  }
}`;
}

describe('shapes: a count started over at the cap', () => {
  runLibraryTable([], [
    {
      title: 'a cool-down at the cap that sets the count back to 0 and connects again: unbounded',
      code: feed(`setTimeout(() => {
        this.attempts = 0;
        this.connect();
      }, 300000);`),
      findings: [[15, 'unbounded-retry']],
      messages: ['starts its count over and goes round again on line 17'],
    },
    {
      title: 'the cap gives up (the count is set back to 0 only on open): silent',
      code: feed(`console.error('giving up');`),
      findings: [],
    },
    {
      title: "another count set back to 0 at the cap, with the cap's own count kept: bounded, its fixed cool-down reported",
      code: feed(`setTimeout(() => {
        this.step = 0;
        this.connect();
      }, 300000);`),
      findings: [[15, 'retry-without-jitter']],
    },
    {
      title: 'a loop that cools down at the cap, sets its count back to 0 and goes round: unbounded, said as a count started over',
      code: consumer(`await sleep(300000);
        failures = 0;
        continue;`),
      findings: [[4, 'unbounded-retry']],
      messages: ['starts its count over and goes round again on line 10'],
    },
    {
      title: 'the same loop that gives up at the cap: silent',
      code: consumer('throw error;'),
      findings: [],
    },
  ]);
});
