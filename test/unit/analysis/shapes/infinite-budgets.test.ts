// A budget of attempts left that starts at Infinity by default (`this.retries = options.retries || Infinity`)
// and is counted down (`if (this.retries-- > 0) reconnect()`) never reaches 0: the cap is off, as for a
// count compared with an infinite limit. A caller in the file that passes a number turns it on; a budget that
// starts finite stops. Limits kept in a class field's object (`private settings = { maxAttempts: Infinity }`)
// are read like those of a defaults object.
import { runLibraryTable } from '../libraries/library-table';

/** A client whose close handler reconnects while `test` holds, with the fields `fields` and the constructor body `setup`. */
function reconnectingClient(fields: string, setup: string, test: string, caller = ''): string {
  return `export class FeedClient {
  ${fields}
  constructor(private readonly options: { retries?: number } = {}) {
    ${setup}
  }
  connect() {
    const socket = new WebSocket('wss://feed.example.test');
    socket.onclose = () => {
      if (${test}) setTimeout(() => this.connect(), 2000);
    };
  }
}
${caller}`;
}

describe('shapes: budgets that start at Infinity, and limits kept in a class field object', () => {
  runLibraryTable([], [
    {
      title: 'a budget that is Infinity by default, counted down in the handler: the cap is off',
      code: reconnectingClient('private retries: number;', 'this.retries = options.retries || Infinity;', 'this.retries-- > 0'),
      findings: [[9, 'unbounded-retry']],
      messages: ['its budget `this.retries` starts at Infinity'],
    },
    {
      title: 'the same budget tested for truth (`this.retries--`): the cap is off',
      code: reconnectingClient('private retries: number;', 'this.retries = options.retries ?? Infinity;', 'this.retries--'),
      findings: [[9, 'unbounded-retry']],
    },
    {
      title: 'a caller in the file passes a number of retries: that budget stops, only the fixed wait is reported',
      code: reconnectingClient('private retries: number;', 'this.retries = options.retries || Infinity;', 'this.retries-- > 0', 'export const feed = new FeedClient({ retries: 5 });'),
      findings: [[9, 'retry-without-jitter']],
    },
    {
      title: 'a budget that starts finite by default stops: only the fixed wait is reported',
      code: reconnectingClient('private retries: number;', 'this.retries = options.retries ?? 5;', 'this.retries-- > 0'),
      findings: [[9, 'retry-without-jitter']],
    },
    {
      title: 'a count compared with a limit kept in a class field object set to Infinity: the cap is off',
      code: reconnectingClient('private settings = { maxAttempts: Infinity };\n  private attempts = 0;', '', 'this.attempts++ < this.settings.maxAttempts'),
      findings: [[10, 'unbounded-retry']],
      messages: ['its cap `this.settings.maxAttempts` is Infinity'],
    },
    {
      title: 'a count compared with a finite limit kept in a class field object: only the fixed wait is reported',
      code: reconnectingClient('private settings = { maxAttempts: 10 };\n  private attempts = 0;', '', 'this.attempts++ < this.settings.maxAttempts'),
      findings: [[10, 'retry-without-jitter']],
    },
    {
      title: 'a budget read through a local name for the object that holds it, tested against 1, re-entered from a callback: one finding',
      code: prototypeReconnect('options.retries || Infinity'),
      findings: [[20, 'unbounded-retry']],
      messages: ['its budget `reconnection.retries` starts at Infinity'],
    },
    {
      title: 'the same budget with a finite default stops: only the growing wait without jitter is reported',
      code: prototypeReconnect('options.retries || 10'),
      findings: [[20, 'retry-without-jitter']],
    },
  ]);
});

/** A client whose reconnect settings object holds a budget (`retries`), read through a local name and counted down. */
function prototypeReconnect(retries: string): string {
  return `function Client() {}
Client.prototype.connect = function (options) {
  this._reconnection = {
    wait: 0,
    delay: options.delay || 1000,
    retries: ${retries},
  };
};
Client.prototype._reconnect = function () {
  const reconnection = this._reconnection;
  if (reconnection.retries < 1) {
    return this._disconnect();
  }
  --reconnection.retries;
  reconnection.wait = reconnection.wait + reconnection.delay;
  this._timer = setTimeout(() => {
    this._connect(reconnection.settings, (err) => {
      if (err) {
        this.onError(err);
        return this._reconnect();
      }
    });
  }, reconnection.wait);
};`;
}
