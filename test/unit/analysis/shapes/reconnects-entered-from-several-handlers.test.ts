// A reconnect cycle that several loss handlers lead into (`onclose` and `onerror` both calling `reconnect()`) is one
// retry with several ways in: one finding, where the reconnect is put off to later, as for a cycle with one way in.
// (Blind labellers of real code put such a reconnect at the reconnect, once; a finding per handler was a second,
// false one.)
import { runLibraryTable } from '../libraries/library-table';

/** A socket class whose `open()` registers `handlers` (lines from 6 on) and whose `reconnect()` runs `guard`, then reopens after 5 s. */
const feed = (handlers: string[], guard = '') => `export class Feed {
  private ws?: WebSocket;
  private attempts = 0;
  constructor(private url: string) {}
  open() {
${handlers.map((handler) => `    this.ws${handler};`).join('\n')}
  }
  private reconnect() {${guard}
    setTimeout(() => this.open(), 5000);
  }
}`;

const CLOSE = '.onclose = () => this.reconnect()';
const ERROR = '.onerror = () => this.reconnect()';

describe('shapes: a reconnect entered from several loss handlers', () => {
  runLibraryTable([], [
    {
      title: 'onclose and onerror both call the method that reconnects after a fixed wait: one finding, where the reconnect is put off',
      code: feed([' = new WebSocket(this.url)', CLOSE, ERROR]),
      findings: [[11, 'unbounded-retry']],
      messages: ['reconnect handler that calls `this.open()` again has no cap'],
    },
    {
      title: 'one handler leads into the cycle: one finding, where the reconnect is put off to later',
      code: feed([' = new WebSocket(this.url)', CLOSE]),
      findings: [[10, 'unbounded-retry']],
    },
    {
      title: 'both handlers lead into a capped cycle: silent on the cap, the fixed wait reported once',
      code: feed([' = new WebSocket(this.url)', '.onopen = () => { this.attempts = 0; }', CLOSE, ERROR], '\n    if (this.attempts++ >= 5) return;'),
      findings: [[13, 'retry-without-jitter']],
    },
  ]);
});
