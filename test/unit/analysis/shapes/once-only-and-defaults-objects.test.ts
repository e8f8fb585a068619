// Shapes from real code that retry at most once: a loop whose only way round is behind a flag the same
// branch sets (the upsert that falls back to update once on a unique-key race, the request resent once after
// a token refresh), and a recursion that clears the flag opening its own branch before it calls itself (a
// storage write that falls back to cookies). And limits kept in a defaults object: `maxReconnectAttempts:
// Infinity` in `const DEFAULTS = {…}`, read through `this.config = { max: opts.max ?? DEFAULTS.max }`.
import { runLibraryTable } from '../libraries/library-table';

/** A reconnecting client whose cap is `this.config.maxReconnectAttempts`, given `value` in its defaults object. */
function clientWithDefaults(value: string, extra = ''): string {
  return `const DEFAULTS = {
  reconnectDelay: 1000,
  maxReconnectAttempts: ${value},
};
export class Feed {
  constructor(config) {
    this.attempts = 0;
    this.config = {
      reconnectDelay: config.reconnectDelay ?? DEFAULTS.reconnectDelay,
      maxReconnectAttempts: config.maxReconnectAttempts ?? DEFAULTS.maxReconnectAttempts,
    };
  }
  connect() {
    this.ws = new WebSocket('wss://feed.example.com');
    this.ws.onopen = () => { this.attempts = 0; };
    this.ws.onclose = () => this.handleClose();
  }
  handleClose() {
    if (this.attempts < this.config.maxReconnectAttempts) {
      this.attempts++;
      setTimeout(() => this.connect(), this.config.reconnectDelay * 2 ** this.attempts * (0.5 + Math.random()));
    }
  }
}${extra}`;
}

/** A client that reconnects when `reconnect` (given `reconnectDefault` in its options) is on, up to `reconnectionAttempts` (default Infinity). */
function switchableClient(reconnectDefault: string): string {
  return `export class SubscriptionClient {
  constructor(url, { reconnect = ${reconnectDefault}, reconnectionAttempts = Infinity } = {}) {
    this.url = url;
    this.reconnect = reconnect;
    this.reconnectionAttempts = reconnectionAttempts;
    this.attempts = 0;
    this.connect();
  }
  connect() {
    this.ws = new WebSocket(this.url);
    this.ws.onclose = () => this.tryReconnect();
  }
  tryReconnect() {
    if (!this.reconnect || this.attempts >= this.reconnectionAttempts) {
      return;
    }
    this.attempts++;
    setTimeout(() => this.connect(), Math.random() * 1000 * 2 ** this.attempts);
  }
}`;
}

/** A request resent when a 401 finds `refreshed` unset, which that branch sets; `wait` runs before going round, `otherRound` after. */
function resendAfter401(wait: string, otherRound = ''): string {
  return `export async function call(op) {
  let refreshed = false;
  while (true) {
    const response = await op();
    if (response.status === 401 && !refreshed) {
      refreshed = true;${wait}
      continue;
    }${otherRound}
    return response;
  }
}`;
}

describe('shapes: retried at most once, and limits kept in a defaults object', () => {
  runLibraryTable([], [
    {
      title: 'a loop whose only way round is behind `!hasConflict`, set by that branch, then a throw: once at most, silent',
      code: `export async function upsert(send) {
  let hasConflict = false;
  do {
    const updated = await send('update');
    if (updated.ok) return updated;
    try {
      return await send('insert');
    } catch (error) {
      if (!hasConflict && error instanceof DuplicateKeyError) {
        hasConflict = true;
        continue;
      }
      throw error;
    }
  } while (true);
}`,
      findings: [],
    },
    {
      title: 'a request resent once after a fixed wait when a 401 finds `refreshed` unset: capped, but the one wait is fixed',
      code: resendAfter401('\n      await sleep(1000);'),
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'a flag that only marks the first failure, while later failures run off the end into the next round: unbounded',
      code: `export async function send(op) {
  let warned = false;
  while (true) {
    try {
      return await op();
    } catch (error) {
      if (!warned) {
        warned = true;
        continue;
      }
      await sleep(1000);
    }
  }
}`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a once-flag that another way round clears again lets every round through: unbounded',
      code: resendAfter401('', `
    if (response.status === 503) {
      refreshed = false;
      continue;
    }`),
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a recursion from the branch `writable` opens, after `writable = false`: the next call takes the other way, silent',
      code: `let writable = true;
export const store = {
  setState(name, value) {
    if (hasSessionStorage && writable) {
      try {
        sessionStorage.setItem(name, value);
      } catch (error) {
        writable = false;
        this.setState(name, value);
      }
    } else {
      document.cookie = name + '=' + value;
    }
  },
};`,
      findings: [],
    },
    {
      title: 'a recursion that hands itself `true` from the branch `true` opens (`if (reconnecting) … open(true)`) takes that branch again: unbounded',
      code: `export function openStream(reconnecting) {
  return fetchListenKey()
    .then((key) => subscribe(key))
    .catch((error) => {
      if (reconnecting) {
        setTimeout(() => openStream(true), 30000 * (0.5 + Math.random()));
      } else {
        throw error;
      }
    });
}`,
      findings: [[6, 'unbounded-retry']],
    },
    {
      title: 'the same recursion from the branch `false` opens (`if (!retried) … open(true)`): the next call takes the other way, silent',
      code: `export function openStream(retried) {
  return fetchListenKey()
    .then((key) => subscribe(key))
    .catch((error) => {
      if (!retried) {
        setTimeout(() => openStream(true), 30000 * (0.5 + Math.random()));
      } else {
        throw error;
      }
    });
}`,
      findings: [],
    },
    {
      title: 'a reconnect that clears `connected`, which only an early return tests, still goes round forever: unbounded',
      code: `export class Client {
  connect() {
    if (this.connected) return;
    this.ws = new WebSocket(this.url);
    this.ws.onopen = () => { this.connected = true; };
    this.ws.onclose = () => {
      this.connected = false;
      setTimeout(() => this.connect(), 1000 + Math.random() * 1000);
    };
  }
}`,
      findings: [[8, 'unbounded-retry']],
    },
    {
      title: 'a cap read from a defaults object whose value is Infinity, through the config the constructor builds: unbounded',
      code: clientWithDefaults('Infinity'),
      findings: [[21, 'unbounded-retry']],
    },
    {
      title: 'the same defaults object with a finite cap: capped, silent',
      code: clientWithDefaults('10'),
      findings: [],
    },
    {
      title: 'Infinity by default, but the file makes a client with a finite cap: that caller may be the one that runs, silent',
      code: clientWithDefaults('Infinity', `\nexport const feed = new Feed({ maxReconnectAttempts: 5 });`),
      findings: [],
    },
    {
      title: 'a reconnect that is off unless the caller turns it on (`reconnect = false`): its cap is the caller\'s too, silent',
      code: switchableClient('false'),
      findings: [],
    },
    {
      title: 'the same client with reconnecting on by default reconnects forever (`reconnectionAttempts = Infinity`): unbounded',
      code: switchableClient('true'),
      findings: [[18, 'unbounded-retry']],
    },
    {
      title: 'a flag that guards only one of two ways round (`if (!this.connecting) …` beside an unguarded reconnect) stops neither: unbounded',
      code: `export class VoiceConnection {
  connect(data) {
    this.connecting = true;
    this.ws = new WebSocket(data.endpoint);
    this.ws.on('close', (code) => {
      if (code < 4000) {
        setTimeout(() => this.connect(data), 500);
        return;
      }
      this.disconnect();
      setTimeout(() => {
        if (!this.connecting) this.connect(data);
      }, 500);
    });
  }
}`,
      findings: [[7, 'unbounded-retry']],
    },
    {
      title: 'a setting filled in with a string under a negated test (`options.cache = \'no-store\'`) is no once-flag: the counter caps it, and its waits lack jitter',
      code: `export async function fetchWithRetry(url, options = {}, retries = 2) {
  try {
    if (!options.cache) {
      options.cache = 'no-store';
    }
    return await fetch(url, options);
  } catch (error) {
    if (retries > 0) {
      await new Promise((resolve) => setTimeout(resolve, 300 * (3 - retries)));
      return fetchWithRetry(url, options, retries - 1);
    }
    throw error;
  }
}`,
      findings: [[10, 'retry-without-jitter']],
    },
    {
      title: 'a recursion opened by an option of its own parameter hands itself that option turned off: once, a look-alike of an endless one',
      code: `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export class Api {
  request(method: string, path: string, options: { retry?: boolean } = { retry: true }): Promise<Response> {
    return fetch(path, { method }).then(async (response) => {
      if (response.status >= 502 && options.retry) return this.request(method, path, { retry: false });
      return response;
    });
  }
  send(path: string, options: { retry?: boolean } = { retry: true }): Promise<Response> {
    return fetch(path).then(async (response) => {
      if (response.status >= 502 && options.retry) {
        await sleep(1000);
        return this.send(path, { retry: true });
      }
      return response;
    });
  }
}`,
      findings: [[13, 'unbounded-retry']],
    },
  ]);
});
