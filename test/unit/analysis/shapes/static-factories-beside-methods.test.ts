// `this.connect()` in an instance method is the instance's `connect`, not a static factory of the same name beside it
// (`static async connect(url) { const relay = new Relay(url); await relay.connect(); return relay }`).
import { runLibraryTable } from '../libraries/library-table';

describe('shapes: a static factory beside the instance method of the same name', () => {
  runLibraryTable([], [
    {
      title: 'the close handler reconnects through the instance connect(), whatever the static connect() does',
      code: `export class Relay {
  private ws?: WebSocket;
  constructor(private url: string) {}
  static async connect(url: string): Promise<Relay> {
    const relay = new Relay(url);
    await relay.connect();
    return relay;
  }
  async connect(): Promise<void> {
    this.ws = new WebSocket(this.url);
    this.ws.onclose = () => this.scheduleReconnect();
  }
  private scheduleReconnect() {
    setTimeout(() => this.connect(), 10_000);
  }
}`,
      findings: [[14, 'unbounded-retry']],
    },
  ]);
});
