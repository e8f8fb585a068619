// Reconnects that go round through several functions (src/analysis/reconnect-chains.ts), and the shapes
// around them that real socket clients showed: a handler that hands the connect to a scheduling method,
// a timer handle tested for truth (not a deadline), a count that stops the reconnects in another method,
// a failure handler that starts the client it listens on again itself, functions kept on a local
// object that reconnect through each other, and a catch whose handler waits, then calls the failed function again.
import { runLibraryTable } from '../libraries/library-table';

/** Functions kept on a local object (`$.open = function () {…}`), one reconnecting through the other. */
function objectOfFunctions(cap: string): string {
  return `export default function socket(url, opts) {
  var ws, num = 0, $ = {};
  var max = ${cap};
  $.open = function () {
    ws = new WebSocket(url);
    ws.onclose = function (e) { e.code === 1000 || $.reconnect(e); };
  };
  $.reconnect = function (e) {
    if (num++ < max) setTimeout(function () { $.open(); }, opts.timeout || 1000);
  };
  $.open();
  return $;
}`;
}

/** An EventSource reopened through a debounced function; `guard` goes before the reopen. */
function debouncedReconnect(guard: string): string {
  return `import debounce from 'lodash/debounce';
let source, failures = 0;
const reconnect = debounce(() => {
  ${guard} openStream();
}, 2000);
function openStream() {
  source = new EventSource('/events');
  source.onmessage = (e) => render(JSON.parse(e.data));
  source.onerror = () => {
    source.close();
    reconnect();
  };
}
openStream();`;
}

/** A socket that opens through connectWithRetry; `onGiveUp` is its catch; a close reopens it after a jittered wait. */
function stableSocket(onGiveUp: string): string {
  return `export class StableSocket {
  async open() {
    try {
      this.socket = await connectWithRetry(this.url, this.policy);
    } catch {
      ${onGiveUp}
    }
    this.socket.onclose = (event) => {
      if (isFatal(event.code)) return this.finish();
      setTimeout(() => this.open(), 100 + Math.random() * 50);
    };
  }
}`;
}

/** A log sender whose catch hands the batch to a method that sends it again after the wait it is given; `wait` is that wait. */
function resendLater(wait: string): string {
  return `export class Shipper {
  sendAgainIn(ms, batch) {
    setTimeout(() => this.send(batch), ms);
  }
  send(batch) {
    return this.http.post(this.url, batch.body).catch((err) => {
      if (batch.attempts >= this.maxAttempts) return this.onFailure(err);
      batch.attempts += 1;
      ${wait}
    });
  }
}`;
}

describe('shapes: reconnects through several functions', () => {
  runLibraryTable([], [
    {
      title: 'a loss handler that starts a function holding a retry loop: the loop is the way round, reported once there',
      code: `export class Session {
  constructor(client) {
    this.client = client;
    this.client.ondisconnect = () => {
      if (!this.stopped && !this.reconnecting) void this.reconnectLoop();
    };
  }
  async reconnectLoop() {
    this.reconnecting = true;
    while (!this.stopped) {
      await sleep(1000);
      try {
        await this.client.connect();
      } catch (err) {
        continue;
      }
      break;
    }
    this.reconnecting = false;
  }
}`,
      findings: [[10, 'unbounded-retry']],
      messages: ['`while (!this.stopped)` retry loop'],
    },
    {
      title: 'a wait sized by a parameter is as long as the argument given on the way: a doubled one has no jitter',
      code: resendLater('const delayMs = batch.delay;\n      batch.delay *= 2;\n      return this.sendAgainIn(delayMs, batch);'),
      // The POST the function sends is sent again with it, and has no key.
      findings: [[3, 'retry-without-jitter'], [6, 'missing-idempotency-key']],
      messages: ['backs off without jitter'],
    },
    {
      title: 'the same wait given jittered is not reported (the keyless POST sent again is)',
      code: resendLater('return this.sendAgainIn(Math.random() * 2 ** batch.attempts * 100, batch);'),
      findings: [[6, 'missing-idempotency-key']],
    },
    {
      title: 'the same wait computed by a helper out of sight is not judged (the keyless POST sent again is)',
      code: resendLater('return this.sendAgainIn(backoffFor(batch.attempts), batch);'),
      findings: [[6, 'missing-idempotency-key']],
    },
    {
      title: 'functions kept on a local object reconnect through each other (`$.reconnect` → `$.open`): unbounded when the cap falls back to Infinity',
      code: objectOfFunctions('opts.maxAttempts || Infinity'),
      fileName: 'sockette.js',
      findings: [[9, 'unbounded-retry']],
      messages: ['reconnect handler that calls `open()` again'],
    },
    {
      title: 'a method handed on bound (`setTimeout(this._connect.bind(this), ms)`) is the method: the close handler reconnects forever',
      code: `export class Connector {
  _connect() {
    return amqp.connect(this.url).then((connection) => {
      connection.on('close', this._reconnect.bind(this));
    }).catch(this._reconnect.bind(this));
  }
  _reconnect() {
    setTimeout(this._connect.bind(this), 5000);
  }
}`,
      findings: [[8, 'unbounded-retry']],
      messages: ['reconnect handler that calls `this._connect()` again'],
    },
    {
      title: 'the same functions with a finite cap: only the fixed wait is reported',
      code: objectOfFunctions('opts.maxAttempts || 10'),
      fileName: 'sockette.js',
      findings: [[9, 'retry-without-jitter']],
    },
    {
      title: 'a close handler passed in an options object calls a method that schedules the connect again: unbounded, fixed wait',
      code: `export class Feed {
  private connect(): void {
    this.handler = new SocketHandler(this.url, {
      onSocketClose: () => {
        this.handler = undefined;
        if (this.active) this.scheduleReconnect();
      },
    });
  }
  private scheduleReconnect(): void {
    this.timer = setTimeout(() => {
      this.connect();
    }, this.reconnectDelay);
  }
}`,
      // At the setTimeout that puts the reconnect off to later.
      findings: [[11, 'unbounded-retry']],
      messages: ['reconnect handler that calls `this.connect()` again'],
    },
    {
      title: 'an error handler calls a debounced function (`debounce(() => open(), 2000)`) that opens the stream again: unbounded, after the fixed debounce wait',
      code: debouncedReconnect(''),
      findings: [[11, 'unbounded-retry']],
      // The debounce wait is the wait between attempts.
      messages: ['It also waits a fixed delay: randomise each wait (jitter).'],
    },
    {
      title: 'the same debounced reconnect with a count compared on the way: only the fixed debounce wait is reported',
      code: debouncedReconnect('if (++failures > 5) return;'),
      findings: [[11, 'retry-without-jitter']],
    },
    {
      title: 'handlers registered once in the constructor that call a method retrying itself from its catch: one finding, the method\'s (`this.reconnect()` starts no member)',
      code: `export class Consumer {
  constructor(channel) {
    this.channel = channel;
    this.channel.on('error', () => this.reconnect());
    this.channel.on('close', () => this.reconnect());
  }
  async reconnect() {
    try {
      const connection = await connect(process.env.AMQP_URL);
      this.channel = await connection.createChannel();
    } catch (error) {
      setTimeout(() => this.reconnect(), 5000);
    }
  }
}`,
      findings: [[12, 'unbounded-retry']],
      messages: ['recursive retry of `this.reconnect()`'],
    },
    {
      title: 'a socket that reopens on close through a helper that retries (connectWithRetry), and stops when the helper gives up: each outage is bounded by the helper, silent',
      code: stableSocket('this.finish(); return;'),
      findings: [],
    },
    {
      title: 'the same socket whose catch schedules the open again keeps going when the helper gives up: unbounded',
      code: stableSocket('setTimeout(() => this.open(), 1000); return;'),
      // The catch's way round, and the close handler's (each handler registered in the function is its own way).
      findings: [[6, 'unbounded-retry'], [10, 'unbounded-retry']],
    },
    {
      title: 'an onclose handler registered by name, and a counter compared on the way: bounded, and the jittered wait is silent',
      code: `export class Feed {
  open() {
    this.ws = new WebSocket(this.url);
    this.ws.onclose = this.handleClose.bind(this);
  }
  handleClose() {
    if (this.attempts >= MAX_ATTEMPTS) return;
    this.attempts++;
    setTimeout(() => this.open(), Math.random() * 1000 * 2 ** this.attempts);
  }
}`,
      findings: [],
    },
    {
      title: 'a timer handle tested for truth in the handler is not a deadline',
      code: `export class Live {
  init() {
    this.conn = new WebSocket(this.url);
    this.conn.onclose = () => this.onLost();
  }
  onLost() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.init(), 3000);
  }
}`,
      findings: [[8, 'unbounded-retry']],
      messages: ['It also waits a fixed delay'],
    },
    {
      title: 'a close handler that only cleans up and logs is not a reconnect',
      code: `export class Feed {
  open() {
    this.ws = new WebSocket(this.url);
    this.ws.addEventListener('close', () => this.cleanUp());
  }
  cleanUp() {
    this.ws = undefined;
    this.log('closed');
  }
  log(message) { console.log(message); }
}`,
      findings: [],
    },
    {
      title: 'a close handler that enters a function which also retries itself is a way round of its own: each is reported',
      code: `const connection = new HubConnectionBuilder().withUrl('/hub').build();
connection.onclose(() => start());
async function start() {
  try {
    await connection.start();
  } catch {
    setTimeout(() => start(), 5000);
  }
}`,
      findings: [[2, 'unbounded-retry'], [7, 'unbounded-retry']],
      messages: ['reconnect handler that calls `start()` again', 'recursive retry of `start()`'],
    },
    {
      title: 'a close handler into a function that counts its attempts shares that cap',
      code: `const connection = new HubConnectionBuilder().withUrl('/hub').build();
let attempts = 0;
connection.onclose(() => start());
async function start() {
  try {
    await connection.start();
    attempts = 0;
  } catch {
    if (++attempts > 5) return;
    setTimeout(() => start(), 1000 + Math.random() * 4000);
  }
}`,
      findings: [],
    },
  ]);
});

/** A client whose connect fails into a method that schedules the connect again. */
function catchThenSchedule(failure: string, schedule: string): string {
  return `export class Client {
  async connect() {
    ${failure}
  }
  scheduleReconnect(delay = 5000) {
    ${schedule}
  }
}`;
}

/** A connect whose catch, and the close handler its socket gets in another method, both schedule it again. */
const CATCH_AND_CLOSE_SCHEDULE_ONE_CONNECT = `export class Feed {
  private ws?: WebSocket;
  constructor(private readonly url: string) {}

  async connect(): Promise<void> {
    try {
      this.ws = this.open(this.url);
    } catch (error) {
      this.reconnectLater(1000);
    }
  }

  private open(url: string): WebSocket {
    const ws = new WebSocket(url);
    ws.onclose = () => this.onClose();
    return ws;
  }

  private onClose(): void {
    this.reconnectLater(1000);
  }

  private reconnectLater(ms: number): void {
    setTimeout(() => {
      this.connect();
    }, ms);
  }
}`;

describe('shapes: a failure path that schedules the function again through another', () => {
  runLibraryTable([], [
    {
      title: 'a catch and a close handler that both schedule the same connect are reported once at that call, not once for each reading',
      code: CATCH_AND_CLOSE_SCHEDULE_ONE_CONNECT,
      findings: [[24, 'unbounded-retry']],
    },
    {
      title: "a catch that calls a method which puts the connect off to later: a retry, unbounded with a fixed wait",
      code: catchThenSchedule('try { this.socket = await open(this.url); } catch (error) { this.scheduleReconnect(); }', 'setTimeout(() => this.connect(), 5000);'),
      findings: [[6, 'unbounded-retry']],
      messages: ['retry of `this.connect()` from its catch'],
    },
    {
      title: "a promise's `.catch(cb)` that does the same",
      code: catchThenSchedule('return open(this.url).then((socket) => { this.socket = socket; }).catch(() => this.scheduleReconnect());', 'setTimeout(() => this.connect(), 5000);'),
      findings: [[6, 'unbounded-retry']],
    },
    {
      title: 'a function the chain runs after a success as after a failure (`.then(next).catch(next)`) runs whatever the outcome: silent',
      code: catchThenSchedule('const next = () => this.scheduleReconnect();\n    return open(this.url).then(next).catch(next);', 'setTimeout(() => this.connect(), 5000);'),
      findings: [],
    },
    {
      title: 'a failed order kept in a list named for retrying (`retryQueue.filter(…)`) and sent again after a fixed wait, from its catch and from its failed answer\'s branch: a retry without jitter, of a POST without a key',
      code: `let retryQueue = [];
function addToRetryQueue(order, attempt = 1) {
  const retryOrder = { ...order, attempt };
  retryQueue.push(retryOrder);
  setTimeout(() => tryResend(retryOrder), 30000);
}
async function tryResend(order) {
  try {
    const res = await axios.post(ORDERS_URL, { id: order.id, items: order.items });
    if (res.status === 200 || res.status === 201) {
      retryQueue = retryQueue.filter((o) => o.id !== order.id);
    } else {
      handleRetryFailure(order);
    }
  } catch (err) {
    handleRetryFailure(order);
  }
}
function handleRetryFailure(order) {
  retryQueue = retryQueue.filter((o) => o.id !== order.id);
  if (order.attempt < 3) addToRetryQueue(order, order.attempt + 1);
}
export { addToRetryQueue };`,
      findings: [[5, 'retry-without-jitter'], [9, 'missing-idempotency-key']],
    },
    {
      title: 'a `.then` that reaches the same scheduling method as the `.catch` after it: a periodic poll, silent',
      code: catchThenSchedule('return open(this.url).then((socket) => { this.render(socket); this.scheduleReconnect(); }).catch(() => this.scheduleReconnect());', 'setTimeout(() => this.connect(), 5000);'),
      findings: [],
    },
    {
      title: "the else of a test of the attempt's result for success that calls a method which puts the function off to later: a retry too",
      code: catchThenSchedule('const result = await this.send(); if (result.success) { this.done = true; } else { this.scheduleReconnect(); }', 'setTimeout(() => this.connect(), 5000);'),
      findings: [[6, 'unbounded-retry']],
      messages: ['retry of `this.connect()` after a failed attempt'],
    },
    {
      title: 'after `if (ok) return`, the same call runs only when the attempt failed',
      code: catchThenSchedule('const ok = await this.send(); if (ok) return; this.scheduleReconnect();', 'setTimeout(() => this.connect(), 5000);'),
      findings: [[6, 'unbounded-retry']],
    },
    {
      title: 'an error handler that schedules the function again when its failure may be retried, with a capped count: only the fixed wait is reported',
      code: catchThenSchedule('this.stream.on(\'error\', (error) => this.handleError(error)); }\n  handleError(error) { if (this.isRetryable(error)) this.scheduleReconnect(); else this.fail(error);',
        'if (this.attempts++ < 5) setTimeout(() => this.connect(), 5000);'),
      findings: [[7, 'retry-without-jitter']],
    },
    {
      title: 'a branch taken on a state that is no attempt\'s result (an alert still active) is no failure: silent',
      code: catchThenSchedule('const alert = this.alerts.get(this.id); if (!alert.active) return; if (alert.kinds.includes(alert.kind)) this.scheduleReconnect();', 'setTimeout(() => this.connect(), 5000);'),
      findings: [],
    },
    {
      title: 'a branch taken when a check says the thing watched is not there yet (`await this.isDeployed()`) polls, it retries no failure: silent',
      code: catchThenSchedule('const ok = await this.isDeployed(); if (ok) return; this.scheduleReconnect();', 'setTimeout(() => this.connect(), 5000);'),
      findings: [],
    },
    {
      title: 'a function whose failure branch and success branch both reach the method that schedules it is periodic: silent',
      code: catchThenSchedule('const res = await this.send(); if (!res.ok) { this.backoff(); } else { this.reduceBackoff(); }',
        'setTimeout(() => this.connect(), 5000);').replace('  scheduleReconnect(', '  backoff() { this.failures++; this.scheduleReconnect(); }\n  reduceBackoff() { this.failures = 0; this.scheduleReconnect(); }\n  scheduleReconnect('),
      findings: [],
    },
    {
      title: 'a task scheduled again after a success too (the success path calls a method that schedules it) is periodic, not a retry: silent',
      code: catchThenSchedule('try { await send(this.bucket); this.reduceBackoff(); } catch (error) { this.scheduleReconnect(); }',
        'setTimeout(() => this.connect(), 5000);').replace('  scheduleReconnect(', '  reduceBackoff() { this.failures = 0; this.scheduleReconnect(); }\n  scheduleReconnect('),
      findings: [],
    },
    {
      title: 'a counter compared on the way caps it: only the fixed wait is reported',
      code: catchThenSchedule('try { this.socket = await open(this.url); } catch (error) { this.scheduleReconnect(); }',
        'if (this.attempts++ >= 5) return; setTimeout(() => this.connect(), 5000);'),
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'a count compared only to report the first failure on the next tick (`process.nextTick(() => this.emit(…))`) stops nothing',
      code: catchThenSchedule("return this.setup().catch((err) => { if (this.retries <= 1) process.nextTick(() => { this.emit('error', err); }); this.scheduleReconnect(); });",
        'this.retries++; setTimeout(() => this.connect(), Math.random() * 5000);'),
      findings: [[6, 'unbounded-retry']],
    },
    {
      title: 'the same test whose deferred callback closes the client may stop it: silent',
      code: catchThenSchedule("return this.setup().catch((err) => { if (this.retries > 5) process.nextTick(() => { this.close(); }); this.scheduleReconnect(); });",
        'this.retries++; setTimeout(() => this.connect(), Math.random() * 5000);'),
      findings: [],
    },
    {
      title: 'a method that waits as long as its caller says: the wait is the caller\'s, not judged here',
      code: catchThenSchedule('try { this.socket = await open(this.url); } catch (error) { this.scheduleReconnect(nextDelay(this.attempts)); }',
        'if (this.attempts++ >= 5) return; setTimeout(() => this.connect(), delay);'),
      findings: [],
    },
    {
      title: 'a catch that starts a timer object built to connect again (no setTimeout in the file) is a retry too',
      code: `export class Client {
  constructor() {
    this.reconnectTimer = new Timer(() => this.connect(), 3000);
  }
  async connect() {
    try { this.socket = await open(this.url); } catch (error) { this.reconnectTimer.schedule(); }
  }
}`,
      findings: [[6, 'unbounded-retry']],
    },
    {
      title: 'a catch whose way back is not put off to later (a retry button, a call made at once) is left alone',
      code: catchThenSchedule('try { this.socket = await open(this.url); } catch (error) { this.scheduleReconnect(); }', 'this.button.onclick = () => this.connect();'),
      findings: [],
    },
  ]);
});

describe('shapes: a recursive retry handed to a scheduling helper', () => {
  runLibraryTable([], [
    {
      title: 'the helper steps the compared count and waits a jittered time: silent',
      code: `export function send(request, callback) {
  const schedule = (fn, retries) => setTimeout(fn, jitteredDelay(retries), retries + 1);
  const attempt = (retries) => {
    http(request).then(callback).catch((error) => {
      if (shouldRetry(error, retries, MAX_RETRIES)) return schedule(attempt, retries);
      callback(error);
    });
  };
  attempt(0);
}
function jitteredDelay(n) { return Math.random() * 500 * 2 ** n; }`,
      findings: [],
    },
  ]);
});

describe('shapes: a failure handler that starts its own client again', () => {
  runLibraryTable([], [
    {
      title: 'a polling_error handler that stops and starts polling again restarts forever, at once',
      code: `const TelegramBot = require('node-telegram-bot-api');

const bot = new TelegramBot(process.env.TOKEN, { polling: true });
bot.on('polling_error', async () => {
  await bot.stopPolling();
  bot.startPolling();
});`,
      fileName: 'bot.js',
      findings: [[6, 'unbounded-retry']],
      messages: ['failure handler that calls `bot.startPolling()` again has no cap'],
    },
    {
      title: 'a connect_error handler that connects the same socket again through a name given `this` restarts forever, at once',
      code: `export class OtpScreen {
  componentDidMount() {
    const that = this;
    this.props.socket.on('connect_error', () => {
      that.props.socket.connect();
    });
    this.props.socket.on('disconnect', () => {
      that.props.other.connect();
    });
  }
}`,
      findings: [[5, 'unbounded-retry']],
    },
    {
      title: 'a bot\'s disconnect handler that logs the same client in again retries forever, at once; logging in another client is no retry',
      code: `const { Client } = require('discord.js');
const client = new Client();
client.on('disconnect', () => {
  client.login(process.env.TOKEN);
});
client.on('error', () => {
  admin.login(process.env.ADMIN_TOKEN);
});
client.login(process.env.TOKEN);`,
      fileName: 'bot.js',
      findings: [[4, 'unbounded-retry']],
      messages: ['failure handler that calls `client.login()` again has no cap'],
    },
    {
      title: 'an error handler that counts its restarts is capped; its fixed wait has no jitter',
      code: `const client = createClient(process.env.URL);
let restarts = 0;
client.on('error', () => {
  if (++restarts > 5) return;
  setTimeout(() => client.connect(), 1000);
});`,
      fileName: 'client.js',
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'an error handler that starts another client (a fallback) does not go round',
      code: `const primary = createClient(process.env.URL);
primary.on('error', () => {
  fallback.connect();
});`,
      fileName: 'client.js',
      findings: [],
    },
  ]);
});

/** A database service whose connect `emitWhere` emits `DB_CONNECT_ERROR`, which a listener answers by connecting again after 3 s. */
function emittedFailure(emitWhere: 'catch' | 'then'): string {
  const emit = "DatabaseService.emitter.emit('DB_CONNECT_ERROR');";
  return `import { EventEmitter } from 'node:events';
export class DatabaseService {
  static emitter = new EventEmitter();
  static async createConnection() {
    return openConnection()
      .then(() => { ${emitWhere === 'then' ? emit : 'DatabaseService.connected = true;'} })
      .catch(() => { ${emitWhere === 'catch' ? emit : 'DatabaseService.connected = false;'} });
  }
  static listen() {
    DatabaseService.emitter.on('DB_CONNECT_ERROR', () => {
      setTimeout(() => DatabaseService.createConnection(), 3000);
    });
  }
}`;
}

describe('shapes: failures told through an event, answered by connecting again', () => {
  runLibraryTable([], [
    {
      title: 'a connect that emits an error event in its .catch, whose listener connects again after a fixed wait: unbounded',
      code: emittedFailure('catch'),
      findings: [[11, 'unbounded-retry']],
      messages: ['reconnect handler that calls `DatabaseService.'],
    },
    {
      title: 'the same event emitted on success (in .then) is no failure coming back: silent',
      code: emittedFailure('then'),
      findings: [],
    },
  ]);
});

/** A watchdog that calls `client.<call>` every 30 s while the client is not ready. */
function clientWatchdog(call: string): string {
  return `const client = createClient();
setInterval(() => {
  if (!client.isReady()) {
    client.${call}.catch((err) => console.error('watchdog call failed', err));
  }
}, 30000);`;
}

/** A client whose open() starts an interval running `tick` every 20 s; reopen() closes and opens again. */
function livenessWatchdog(tick: string): string {
  return `export class DdpSocket {
  open(ms = 20_000) {
    if (this.reopenInterval) clearInterval(this.reopenInterval);
    this.reopenInterval = setInterval(() => ${tick}, ms);
    this.connection = new WebSocket(this.host);
  }
  async reopen() {
    await this.close();
    this.open();
  }
}`;
}

describe('shapes: watchdogs that re-create a closed connection', () => {
  runLibraryTable([], [
    {
      title: 'a setInterval that reconnects whenever the socket is closed never stops, and waits a fixed time',
      code: `let socket;
function connect() {
  socket = new WebSocket(URL);
  socket.onmessage = (event) => render(event.data);
}
setInterval(() => {
  if (!socket || socket.readyState === WebSocket.CLOSED) setTimeout(connect, 700);
}, 2500);
connect();`,
      findings: [[6, 'unbounded-retry']],
      messages: ['watchdog interval that calls `connect()` again'],
    },
    {
      title: 'a setInterval that counts its reconnects and gives up is bounded; its random delay is jittered',
      code: `let socket;
let reconnects = 0;
function connect() {
  socket = new WebSocket(URL);
}
const timer = setInterval(() => {
  if (socket.readyState !== WebSocket.CLOSED) return;
  if (reconnects >= 10) return clearInterval(timer);
  reconnects++;
  setTimeout(connect, Math.random() * 5000);
}, 2500 + Math.random() * 500);`,
      findings: [],
    },
    {
      title: 'a watchdog calling a connect function from another file, named for it, is read by that name',
      code: `setInterval(() => {
  if (!websocket || websocket.readyState === websocket.CLOSED) setTimeout(setupWebsocket, 700);
}, 2500);`,
      findings: [[1, 'unbounded-retry']],
      messages: ['`setupWebsocket()`'],
    },
    {
      title: 'a watchdog that logs a bot client in again (`client.login(token)`, a method of another object) while it is not ready is read by the method\'s name',
      code: clientWatchdog('login(TOKEN)'),
      findings: [[2, 'unbounded-retry']],
      messages: ['watchdog interval that calls `login()` again'],
    },
    {
      title: 'a watchdog that calls another method of the client (`client.fetchStatus()`) is not a reconnect',
      code: clientWatchdog('fetchStatus()'),
      findings: [],
    },
    {
      title: "a watchdog that reopens the connection while a liveness check (`!this.alive()`) fails, through a method of the class that opens it: reported",
      code: livenessWatchdog('!this.alive() && this.reopen()'),
      findings: [[4, 'unbounded-retry']],
      messages: ['watchdog interval that calls `reopen()` again'],
    },
    {
      title: 'the same watchdog whose tick only reports the liveness reopens nothing: silent',
      code: livenessWatchdog("this.emit('health', this.alive())"),
      findings: [],
    },
    {
      title: 'a setInterval that polls without connecting is not a watchdog',
      code: `let socket;
setInterval(() => {
  if (!socket || socket.readyState === WebSocket.CLOSED) showOffline();
}, 2500);
function showOffline() { banner.hidden = false; }`,
      findings: [],
    },
    {
      title: 'a close handler that starts a timer object built to reconnect (Phoenix-style Timer) is a reconnect; its table of delays has no jitter',
      code: `export class Socket {
  constructor(opts) {
    this.reconnectAfterMs = (tries) => [10, 50, 100, 500, 1000][tries - 1] || 5000;
    this.reconnectTimer = new Timer(() => {
      this.teardown(() => this.connect());
    }, this.reconnectAfterMs);
  }
  connect() {
    this.conn = new WebSocket(this.endPoint);
    this.conn.onclose = (event) => this.onConnClose(event);
  }
  onConnClose(event) {
    if (!this.closeWasClean) {
      this.reconnectTimer.scheduleTimeout();
    }
  }
}`,
      fileName: 'case.js',
      findings: [[14, 'unbounded-retry']],
      messages: ['It also waits a fixed delay'],
    },
    {
      title: 'a limit that defaults to Infinity, compared as `max - 1`, does not cap the reconnect; the finding sits where it is scheduled',
      code: `export class Client {
  constructor(opts) {
    this.reconnections = 0;
    this.maxReconnectAttempts = opts.maxReconnectAttempts ?? Infinity;
    this.reconnectTimer = 1000;
  }
  connect() {
    this.ws = new WebSocket(this.url);
    this.ws.onclose = this.onClose.bind(this);
  }
  onClose() {
    if (this.reconnections <= this.maxReconnectAttempts - 1) {
      this.reconnections++;
      this.reconnectTimer = Math.min(this.reconnectTimer * 1.5, 30000);
      setTimeout(() => this.connect(), this.reconnectTimer);
    }
  }
}`,
      fileName: 'case.js',
      findings: [[15, 'unbounded-retry']],
    },
    {
      title: 'a count that only says whether this is the first attempt (`!attempts`, `attempts > 0`) caps nothing',
      code: `export class Feed {
  attempts = 0;
  connect(): void {
    if (this.attempts > 0) console.log('reconnecting');
    this.source = new EventSource(this.url);
    this.source.onerror = () => this.onError();
  }
  private onError(): void {
    if (!this.attempts) console.log('first failure');
    this.attempts++;
    setTimeout(() => this.connect(), 1000 + Math.random() * 1000);
  }
}`,
      findings: [[11, 'unbounded-retry']],
    },
    {
      title: 'a counter declared afresh in the reconnecting function counts nothing across reconnects',
      code: `export class Feed {
  connect(): void {
    this.source = new EventSource(this.url);
    this.source.onerror = () => this.onError();
  }
  private onError(): void {
    let resubmits = 3;
    while (this.pending() && resubmits > 0) {
      resubmits--;
      this.submit();
    }
    setTimeout(() => this.connect(), 1000 + Math.random() * 1000);
  }
}`,
      findings: [[12, 'unbounded-retry']],
    },
    {
      title: 'a React hook whose connect is a useCallback reconnects from onclose: unbounded, fixed wait',
      code: `import { useCallback, useEffect, useRef } from 'react';
export function useSocket(url: string) {
  const socket = useRef<WebSocket | null>(null);
  const connect = useCallback(() => {
    const ws = new WebSocket(url);
    socket.current = ws;
    ws.onclose = () => {
      setTimeout(connect, 1000);
    };
  }, [url]);
  useEffect(() => connect(), [connect]);
  return socket;
}`,
      // A .ts file, so the pre-check (which passes .tsx files through) must keep it too.
      findings: [[8, 'unbounded-retry']],
      messages: ['It also waits a fixed delay'],
    },
    {
      title: 'a client that listens to its own close event and hands its start method to a scheduling helper reconnects forever',
      code: `export class SocketClient extends EventEmitter {
  failures = 0;
  constructor() {
    super();
    this.on('close', () => {
      if (!this.shuttingDown) this.delayReconnect(this.start);
    });
  }
  async start(): Promise<void> {
    this.socket = await openSocket(this.url);
  }
  private delayReconnect(cb: () => Promise<void>): void {
    this.failures += 1;
    setTimeout(() => cb.apply(this), this.pingTimeout * this.failures);
  }
}`,
      findings: [[6, 'unbounded-retry']],
      messages: ['Its backoff also has no jitter'],
    },
    {
      title: 'a handler bound from the class method, not from an option of the same name in a defaults object',
      code: `const defaults = { onClose: () => null, delay: 1000 };
export class Provider extends EventEmitter {
  constructor(configuration) {
    super();
    this.configuration = { ...defaults, ...configuration };
    this.on('close', this.configuration.onClose);
    this.on('close', this.onClose.bind(this));
  }
  connect() {
    this.socket = new WebSocket(this.url);
    this.socket.onclose = (event) => this.emit('close', { event });
  }
  onClose() {
    if (this.shouldConnect) setTimeout(() => { this.connect(); }, 1000);
  }
}`,
      findings: [[14, 'unbounded-retry']],
    },
    {
      title: 'a switch re-armed in a branch that returns, and a socket slot tested with !, are no once-flags: the reconnect is unbounded',
      code: `export class Realtime {
  reconnect = true;
  createSocket(): void {
    if (!this.socket || this.socket.readyState > WebSocket.OPEN) {
      this.socket = new WebSocket(this.url);
      this.socket.addEventListener('close', () => {
        if (!this.reconnect) {
          this.reconnect = true;
          return;
        }
        setTimeout(() => {
          this.attempts++;
          this.createSocket();
        }, 1000 + Math.random() * 1000);
      });
    }
  }
}`,
      findings: [[13, 'unbounded-retry']],
    },
  ]);
});

describe('shapes: a count handed on to the function that connects again', () => {
  runLibraryTable([], [
    ...[['n > 0', []], ['body', [[14, 'unbounded-retry']]]].map(([test, findings]) => ({
      title: test === 'n > 0'
        ? 'a count handed to the request as what is left (`send(limit - count)`), its parameter compared before going round: capped'
        : 'the same count handed on but never compared: unbounded',
      code: `export function sendWithRetries(options, limit) {
  let count = 0;
  return new Promise((resolve, reject) => {
    const send = (n) => {
      const req = https.request(options, (res) => resolve(res));
      req.on('error', (err) => {
        if (${test}) retry();
        else reject(err);
      });
      req.end();
    };
    function retry() {
      count = count + 1;
      setTimeout(() => send(limit - count), 1000 * Math.random());
    }
    send(limit - count);
  });
}`,
      findings: findings as [number, 'unbounded-retry'][],
    })),
  ]);
});

describe('shapes: counts kept in React refs', () => {
  /** A hook whose close handler schedules a reconnect that doubles its wait; `cap` runs before the wait. */
  function refHook(cap: string): string {
    return `export function useLiveSocket(url) {
  const socketRef = useRef(null);
  const attemptsRef = useRef(0);
  const closingRef = useRef(false);
  const connect = () => {
    const ws = new WebSocket(url);
    socketRef.current = ws;
    ws.onopen = () => { attemptsRef.current = 0; };
    ws.onclose = () => {
      if (!closingRef.current) scheduleReconnect();
    };
  };
  const scheduleReconnect = () => {${cap}
    const delay = Math.random() * Math.min(1000 * 2 ** attemptsRef.current, 16000);
    attemptsRef.current += 1;
    setTimeout(connect, delay);
  };
  useEffect(() => { connect(); return () => { closingRef.current = true; socketRef.current?.close(); }; }, [url]);
}`;
  }

  runLibraryTable([], [
    {
      title: 'another ref tested (`closingRef.current`) is not the count (`attemptsRef.current`): the reconnect is unbounded',
      code: refHook(''),
      findings: [[16, 'unbounded-retry']],
    },
    {
      title: 'the count\'s own ref compared with a cap stops it',
      code: refHook('\n    if (attemptsRef.current >= 10) return;'),
      findings: [],
    },
  ]);
});

describe('shapes: state-change handlers that tell a loss by the state', () => {
  /** A WhatsApp-style session whose `connection.update` handler starts it again when `test` holds. */
  function session(test: string, more = ''): string {
    return `export async function startSession(sessionId) {
  const sock = makeWASocket({ auth: state });
  sock.ev.on('connection.update', async ({ connection, lastDisconnect }) => {
    if (${test}) {
      if (lastDisconnect?.error?.output?.statusCode !== DisconnectReason.loggedOut) {${more}
        setTimeout(() => startSession(sessionId), 5000);
      }
    } else if (connection === 'open') {
      console.log('connected');
    }
  });
  return sock;
}`;
  }

  runLibraryTable([], [
    {
      title: 'a handler that starts the session again when `connection === \'close\'` reconnects forever, a fixed 5 s apart',
      code: session("connection === 'close'"),
      findings: [[6, 'unbounded-retry']],
      messages: ['reconnect handler that calls `startSession()` again'],
    },
    {
      title: 'the same with a count compared before it is capped (the fixed wait is still reported)',
      code: session("connection === 'close'", '\n        if (++retries > 5) return;'),
      findings: [[7, 'retry-without-jitter']],
    },
    {
      title: 'a stop flag set only in a branch that ends the program (`stopped = true; process.exit(1)`) stops nothing that goes round',
      code: `let stopped = false;
export async function startSession() {
  if (stopped) return;
  const sock = makeWASocket({ auth: state });
  sock.ev.on('connection.update', async ({ connection, lastDisconnect }) => {
    if (connection === 'close') {
      if (lastDisconnect?.error?.output?.statusCode === DisconnectReason.loggedOut) {
        stopped = true;
        process.exit(1);
      }
      await delay(5000);
      if (!stopped) startSession().catch(() => {});
    }
  });
}`,
      findings: [[12, 'unbounded-retry']],
    },
    {
      title: 'a close handler that makes the connection anew through a wait helper (`delays(5, () => newFeed(url))`) waits a fixed time, whatever else the function draws at random (`randomId()`)',
      code: `function delays(sec, callback) {
  setTimeout(callback, sec * 1000);
}
export function newFeed(url) {
  const feed = { id: randomId(), socket: new WebSocket(url) };
  feed.socket.on('close', () => {
    log.warn('feed closed');
    delays(5, () => {
      newFeed(url);
    });
  });
  return feed;
}`,
      findings: [[9, 'unbounded-retry']],
      messages: ['It also waits a fixed delay'],
    },
    {
      title: 'a state test for something else (`connection === \'connecting\'`) is no loss: silent',
      code: session("connection === 'connecting'"),
      findings: [],
    },
  ]);
});

describe('shapes: handlers that run a local function that connects again', () => {
  runLibraryTable([], [
    {
      title: 'a Paho client whose options (kept in a local) name an `onFailure` that connects again after a fixed wait reconnects forever',
      code: `var reconnectTimeout = 2000;
function onFailure() {
  console.log('Failed to connect');
  setTimeout(MQTTconnect, reconnectTimeout);
}
function MQTTconnect() {
  mqtt = new Paho.MQTT.Client(host, port, 'web-client');
  var options = { timeout: 3, onSuccess: onConnect, onFailure: onFailure };
  mqtt.connect(options);
}
MQTTconnect();`,
      findings: [[4, 'unbounded-retry']],
    },
    {
      title: 'a close handler that calls a local `retry()` which starts the connection again after a wait reconnects forever (a `for` index elsewhere counts no attempts)',
      code: `const init = (url) => {
  const ws = new WebSocket(url);
  ws.on('message', (data) => {
    for (let i = 0; i < data.length; i++) port.write(data[i]);
  });
  let retryTimeout;
  const retry = () => {
    clearTimeout(retryTimeout);
    retryTimeout = setTimeout(() => {
      init(url);
    }, 1000);
  };
  ws.on('close', () => {
    retry();
  });
};
init(process.env.URL);`,
      findings: [[10, 'unbounded-retry']],
      messages: ['has no cap on attempts or elapsed time'],
    },
    {
      title: 'the same local function run from a message handler is no reconnect: silent',
      code: `const init = (url) => {
  const ws = new WebSocket(url);
  const retry = () => {
    setTimeout(() => {
      init(url);
    }, 1000);
  };
  ws.on('message', () => {
    retry();
  });
};
init(process.env.URL);`,
      findings: [],
    },
    {
      title: 'a stream re-opened through a retrier object made elsewhere (`this.retrier.retryLater(stream, () => this.fillOne(i))`): its waits and limit are its own, silent',
      code: streamRefilledBy('this.retrier.retryLater(this.streams[index], () => this.fillOne(index));'),
      findings: [],
    },
    {
      title: 'the same stream re-opened at once, by a direct call, reconnects forever with no wait: unbounded',
      code: streamRefilledBy('this.fillOne(index);'),
      findings: [[8, 'unbounded-retry']],
    },
    {
      title: 'a catch that hands the failure to a function which waits, then calls the failed one again, three times at most: only the wait is reported',
      code: failureHandedOn('await sleep(1000);', 'deploy'),
      findings: [[13, 'retry-without-jitter']],
      messages: ['retry of `deploy()` from its catch waits a fixed delay'],
    },
    {
      title: 'the same handler with a randomised wait is silent',
      code: failureHandedOn('await sleep(1000 * Math.random());', 'deploy'),
      findings: [],
    },
    {
      title: 'a handler that waits and then calls another function (reporting the failure) does not go round',
      code: failureHandedOn('await sleep(1000);', 'notify'),
      findings: [],
    },
  ]);
});

/** `deploy` hands its failure to `handleFailure`, which counts it, runs `wait`, then calls `next` (while under three). */
function failureHandedOn(wait: string, next: string): string {
  return `export async function deploy(client, manifest, status) {
  let { count } = status;
  try {
    await client.deploy(manifest);
  } catch (error) {
    await handleFailure({ error, client, manifest, count });
  }
}

async function handleFailure({ error, client, manifest, count }) {
  count++;
  if (count < 3) {
    ${wait}
    await ${next}(client, manifest, { count });
  } else {
    throw error;
  }
}`;
}

/** A pool of streams: when one ends with an error status, `refill` opens it again. */
function streamRefilledBy(refill: string): string {
  return `import { ExponentialRetry } from './exponential-retry';
export class MessageStream {
  retrier = new ExponentialRetry(100, 60000);
  streams = [];
  fillOne(index) {
    const stream = this.client.streamingPull();
    this.streams[index] = stream;
    stream.once('status', (status) => this.onStatus(index, status));
  }
  onStatus(index, status) {
    this.streams[index].once('end', () => this.onEnd(index, status));
  }
  onEnd(index, status) {
    if (status.code !== 0) {
      ${refill}
    }
  }
}`;
}

/**
 * A close handler registered on the connection an awaited connect resolved with; it waits (a promise written
 * out) and calls the connect function again. `made` makes the connection, `onFailure` is the connect's catch.
 */
function handlerOnAwaitedConnection(made: string, onFailure: string): string {
  return `import amqplib from 'amqplib';
let connection = null;
export async function connectBroker() {
  try {
    connection = ${made};
    connection.on('close', () => {
      void reconnect();
    });
  } catch (error) {
    ${onFailure}
  }
}
async function reconnect() {
  connection = null;
  await new Promise((resolve) => setTimeout(resolve, 5000));
  await connectBroker();
}`;
}

describe('shapes: handlers registered only once a connect has worked', () => {
  runLibraryTable([], [
    {
      title: 'a close handler on the connection an awaited connect resolved with: a failed reconnect rejects before it is registered, so each loss gets one attempt; only the fixed wait is reported, at the timer',
      code: handlerOnAwaitedConnection('await amqplib.connect(process.env.URL)', 'throw error;'),
      findings: [[15, 'retry-without-jitter']],
      messages: ['reconnect handler that calls `connectBroker()` again waits a fixed delay'],
    },
    {
      title: 'the same connect whose catch reconnects too: a failed attempt goes round, forever',
      code: handlerOnAwaitedConnection('await amqplib.connect(process.env.URL)', 'void reconnect();'),
      findings: [[15, 'unbounded-retry']],
      messages: ['retry of `connectBroker()` from its catch has no cap'],
    },
    {
      title: 'the same connect whose catch calls it again itself: a loss starts a connect that goes round from its catch, forever, at each place',
      code: handlerOnAwaitedConnection('await amqplib.connect(process.env.URL)', 'setTimeout(connectBroker, 5000);'),
      findings: [[10, 'unbounded-retry'], [15, 'unbounded-retry']],
      messages: ['recursive retry of `connectBroker()` has no cap', 'reconnect handler that calls `connectBroker()` again has no cap'],
    },
    {
      title: 'a connection awaited from a call not named for connecting (`await pool.acquire()`) may come back already broken: the close handler reconnects forever',
      code: handlerOnAwaitedConnection('await pool.acquire()', 'throw error;'),
      findings: [[15, 'unbounded-retry']],
    },
    {
      title: 'a socket made at once (`new WebSocket(url)`) reports its failed connect on the handler it already has: the close handler reconnects forever',
      code: handlerOnAwaitedConnection('new WebSocket(process.env.URL)', 'throw error;'),
      findings: [[15, 'unbounded-retry']],
    },
  ]);
});

/** A function that calls itself after a failure, waiting the entry of a list its counter indexes; `test` on the entry. */
function delaysFromList(index: string, test: string): string {
  return `const DELAYS = [1000, 5000, 30000];
let attempt = 0;
export async function send(url) {
  try {
    return await fetch(url);
  } catch (error) {
    const delay = DELAYS[${index}];
    attempt += 1;
    ${test}
    await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * 1000));
    return send(url);
  }
}`;
}

describe('shapes: a counter that indexes a finite list of delays', () => {
  runLibraryTable([], [
    {
      title: 'a retry that gives up when its counter runs past the list (`if (delay === undefined) throw`) is capped by the list',
      code: delaysFromList('attempt', 'if (delay === undefined) throw error;'),
      findings: [],
    },
    {
      title: 'the same retry with the index clamped to the list (`Math.min(attempt, 2)`) never runs out: unbounded',
      code: delaysFromList('Math.min(attempt, 2)', 'if (delay === undefined) throw error;'),
      findings: [[11, 'unbounded-retry']],
    },
  ]);
});

/** A socket whose close runs a function handed the provider, which waits `wait` and connects again (capped at 10). */
function providerReconnect(wait: string): string {
  return `const closeConnection = (provider, ws) => {
  if (ws !== provider.ws) return;
  provider.ws = null;
  if (++provider.failures > 10) return;
  setTimeout(openSocket, ${wait}, provider);
};
const openSocket = (provider) => {
  const ws = new WebSocket(provider.url);
  provider.ws = ws;
  ws.onclose = () => closeConnection(provider, ws);
};`;
}

describe('shapes: a handler property set to an arrow that runs a local function', () => {
  runLibraryTable([], [
    {
      title: '`ws.onclose = () => onclose(null)` runs the local onclose, which schedules the connect again: a reconnect',
      code: `const openSocket = (client) => {
  if (!client.shouldConnect) return;
  const ws = new WebSocket(client.url);
  const onclose = (error) => {
    client.failures++;
    setTimeout(openSocket, Math.min(client.failures * 1000, 10_000), client);
  };
  ws.onclose = () => onclose(null);
  ws.onerror = (error) => onclose(error);
};`,
      findings: [[6, 'unbounded-retry']],
    },
    {
      title: 'a delay from a module of Math\'s functions (`import * as math from \'lib0/math\'`) is read as Math: capped, but no jitter',
      code: `import * as math from 'lib0/math';
const openSocket = (client) => {
  const ws = new WebSocket(client.url);
  const onclose = () => {
    if (++client.failures > 10) return;
    setTimeout(openSocket, math.min(math.log10(client.failures + 1) * 1200, 2500), client);
  };
  ws.onclose = () => onclose();
};`,
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'a function on the way handed the provider sizes its wait from the provider\'s count and cap: read, no jitter',
      code: providerReconnect('Math.min(2 ** provider.failures * 100, provider.maxBackoffTime)'),
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'the same function waiting the delay the provider carries waits as it is told: silent',
      code: providerReconnect('provider.reconnectDelay'),
      findings: [],
    },
    {
      title: 'the same arrow running a local function that only logs: silent',
      code: `const openSocket = (client) => {
  const ws = new WebSocket(client.url);
  const onclose = (error) => {
    console.warn('socket closed', error);
  };
  ws.onclose = () => onclose(null);
  setTimeout(openSocket, 60_000, client);
};`,
      findings: [],
    },
  ]);
});

describe('shapes: a retry scheduled from both callbacks of a promise', () => {
  runLibraryTable([], [
    {
      title: 'a fetch wrapper whose success callback sends a failed status round too (after `if (status < 500) return resolve(res)`): a retry, fixed wait',
      code: wrapperRetriedFromBothCallbacks('if (response.status < 500) { resolve(response); return }'),
      findings: [[4, 'retry-without-jitter']],
    },
    {
      title: 'the same wrapper testing the answer against its retryable statuses the older way (`indexOf(…) === -1`)',
      code: wrapperRetriedFromBothCallbacks('if ([429, 502, 503].indexOf(response.status) === -1) { resolve(response); return }'),
      findings: [[4, 'retry-without-jitter']],
    },
    {
      title: 'the same wrapper going round after every answer (a poll that keeps its cadence on failure): silent',
      code: wrapperRetriedFromBothCallbacks('render(response)'),
      findings: [],
    },
    {
      title: 'the same wrapper going round while the job it asks about is not done (a status poll): silent',
      code: wrapperRetriedFromBothCallbacks("if (response.headers.get('x-job-state') === 'done') { resolve(response); return }"),
      findings: [],
    },
    {
      title: "a loss handler registered at the end of a chain of `.on(…)` calls listens to the chain's connection: reconnecting it on every loss never stops",
      code: chainedRegistrations("setTimeout(() => mongoose.connect(DATABASE_URL), 5000);"),
      findings: [[8, 'unbounded-retry']],
      messages: ['It also waits a fixed delay'],
    },
    {
      title: 'the same chain whose loss handler only logs reconnects nothing: silent',
      code: chainedRegistrations("console.warn('database connection lost');"),
      findings: [],
    },
  ]);
});

/** A bootstrap that registers its handlers on the connection in one chain; `onLoss` is the `disconnected` handler's body. */
function chainedRegistrations(onLoss: string): string {
  return `const mongoose = require('mongoose');
module.exports = async function connectDatabase() {
  const connection = mongoose.connection;
  connection
    .on('connected', () => console.log('database connected'))
    .on('error', (error) => console.error('database error', error.message))
    .on('disconnected', () => {
      ${onLoss}
    });
  await mongoose.connect(DATABASE_URL);
};`;
}

/** fetch-retry's shape: `retry` puts `wrappedFetch` off to later; the success callback runs `test` first. */
function wrapperRetriedFromBothCallbacks(test: string): string {
  return `export function fetchWithRetry(url: string, retries = 3): Promise<Response> {
  return new Promise((resolve, reject) => {
    function retry(attempt: number) {
      setTimeout(() => wrappedFetch(attempt + 1), 1000);
    }
    function wrappedFetch(attempt: number) {
      fetch(url)
        .then((response) => {
          ${test}
          if (attempt < retries) { retry(attempt); return }
          resolve(response);
        })
        .catch((error) => {
          if (attempt < retries) { retry(attempt); return }
          reject(error);
        });
    }
    wrappedFetch(0);
  });
}`;
}
