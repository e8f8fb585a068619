// A reconnect cycle that several loss handlers lead into (`onclose` and `onerror` both calling `reconnect()`) is
// reported at each handler: each is a way into the retry. A cycle with one way in is reported where the reconnect
// is put off to later.
import { runLibraryTable } from '../libraries/library-table';

describe('shapes: a reconnect entered from several loss handlers', () => {
  runLibraryTable([], [
    {
      title: 'onclose and onerror both call the method that reconnects after a fixed wait: one finding at each handler',
      code: `export class Feed {
  private ws?: WebSocket;
  constructor(private url: string) {}
  open() {
    this.ws = new WebSocket(this.url);
    this.ws.onclose = () => this.reconnect();
    this.ws.onerror = () => this.reconnect();
  }
  private reconnect() {
    setTimeout(() => this.open(), 5000);
  }
}`,
      findings: [[6, 'unbounded-retry'], [7, 'unbounded-retry']],
      messages: ['reconnect handler that calls `this.open()` again has no cap', 'reconnect handler that calls `this.open()` again has no cap'],
    },
    {
      title: 'one handler leads into the cycle: one finding, where the reconnect is put off to later',
      code: `export class Feed {
  private ws?: WebSocket;
  constructor(private url: string) {}
  open() {
    this.ws = new WebSocket(this.url);
    this.ws.onclose = () => this.reconnect();
  }
  private reconnect() {
    setTimeout(() => this.open(), 5000);
  }
}`,
      findings: [[9, 'unbounded-retry']],
    },
    {
      title: 'both handlers lead into a capped cycle: silent on the cap, the fixed wait reported at each handler',
      code: `export class Feed {
  private ws?: WebSocket;
  private attempts = 0;
  constructor(private url: string) {}
  open() {
    this.ws = new WebSocket(this.url);
    this.ws.onopen = () => { this.attempts = 0; };
    this.ws.onclose = () => this.reconnect();
    this.ws.onerror = () => this.reconnect();
  }
  private reconnect() {
    if (this.attempts++ >= 5) return;
    setTimeout(() => this.open(), 5000);
  }
}`,
      findings: [[8, 'retry-without-jitter'], [9, 'retry-without-jitter']],
    },
  ]);
});
