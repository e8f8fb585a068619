// A client that merges its defaults with the caller's options (`this.options = { maxRetries: Infinity, ...options }`)
// and reads them back by destructuring (`const { maxRetries } = this.options`): the default decides, as it does for
// `opts.maxRetries ?? Infinity`. A delay whose default is random (`minDelay: 1000 + Math.random() * 4000`) gives each
// client its own wait, so the waits grown from it are jittered; a helper that returns its own `let delay` is read as
// that variable, not as the caller's `const delay` of the same name. A test on the way round whose branch only tells
// listeners (a function of the file that calls back, stops nothing, sets no flag) stops nothing.
import { runLibraryTable } from '../libraries/library-table';

/** A reconnecting socket: `defaults` are merged with the caller's options, `connect` tells listeners from 2nd attempt. */
function socket(defaults: string, growth = 'minDelay * Math.pow(1.3, this.retryCount)'): string {
  return `export class Socket {
  constructor(url, options = {}) {
    this.url = url;
    this.options = { ${defaults}, ...options };
    this.retryCount = -1;
    this.connect();
  }
  connect() {
    const { maxRetries } = this.options;
    if (this.retryCount >= maxRetries) return;
    this.retryCount++;
    if (this.retryCount >= 1) {
      this.handleReconnect();
    }
    const delay = this.nextDelay();
    this.wait(delay).then(() => {
      this.ws = new WebSocket(this.url);
      this.ws.addEventListener('close', this.handleClose);
    });
  }
  nextDelay() {
    const { minDelay } = this.options;
    let delay = 0;
    if (this.retryCount > 0) delay = ${growth};
    return Math.ceil(delay);
  }
  wait(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
  handleReconnect = () => {
    if (this.onreconnect) this.onreconnect({ retryCount: this.retryCount });
    this.listeners.forEach((listener) => this.callListener(listener));
  };
  callListener(listener) {
    listener({ retryCount: this.retryCount });
  }
  handleClose = () => {
    this.connect();
  };
}`;
}

describe('shapes: options read out of defaults', () => {
  runLibraryTable([], [
    {
      title: 'no `maxRetries` but Infinity by default, a random base delay: reconnects forever, its waits jittered',
      code: socket('maxRetries: Infinity, minDelay: 1000 + Math.random() * 4000'),
      findings: [[38, 'unbounded-retry']],
      messages: ['is Infinity unless a caller passes a number'],
    },
    {
      title: 'a fixed base delay grown without randomness: reported for both',
      code: socket('maxRetries: Infinity, minDelay: 1000'),
      findings: [[38, 'unbounded-retry']],
      messages: ['no jitter'],
    },
    { title: 'a default of 5 retries and a random base delay: silent', code: socket('maxRetries: 5, minDelay: 1000 + Math.random() * 4000'), findings: [] },
    {
      title: 'a branch that calls a function of the file setting a field (a state a later test may stop on) may stop: silent on the cap',
      code: socket('maxRetries: Infinity, minDelay: 1000 + Math.random() * 4000').replace('if (this.onreconnect)', "this.state = 'reconnecting';\n    if (this.onreconnect)"),
      findings: [],
    },
  ]);
});
