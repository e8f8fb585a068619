// A failed attempt's way back through other methods (`catch { this.tryAgainIn(ms) }`, which runs `send()` again later)
// re-runs the function, its requests with it. A webhook that names its delivery in a header (`webhook-id`,
// `X-Event-Id`) can be told apart by the receiver, as with a key.
import { runLibraryTable } from '../libraries/library-table';

const shipper = (headers: string) => `import axios from 'axios';
export class Shipper {
  constructor(private url: string) {}
  async send(batch: { id: string; items: unknown[] }, attempt = 0): Promise<void> {
    try {
      await axios.post(this.url, batch.items, { headers: ${headers} });
    } catch (error) {
      if (attempt < 3) this.tryAgainIn(batch, attempt + 1);
    }
  }
  private tryAgainIn(batch: { id: string; items: unknown[] }, attempt: number) {
    setTimeout(() => this.send(batch, attempt), 5000);
  }
}`;

describe('shapes: the requests of a function a failed attempt runs again', () => {
  runLibraryTable([], [
    {
      title: 'the POST of a function run again through another method after a failure has no key: reported, with the wait',
      code: shipper("{ 'Content-Type': 'application/json' }"),
      findings: [[6, 'missing-idempotency-key'], [12, 'retry-without-jitter']],
    },
    {
      title: 'a header naming the delivery (webhook-id) lets the receiver tell the repeat: only the wait is reported',
      code: shipper("{ 'webhook-id': batch.id }"),
      findings: [[12, 'retry-without-jitter']],
    },
    {
      title: 'X-Event-Id likewise',
      code: shipper("{ 'X-Event-Id': batch.id }"),
      findings: [[12, 'retry-without-jitter']],
    },
  ]);
});
