// Three ways a function goes round that read like something else: it calls itself by the path it is exported
// under (`setTimeout(module.exports.connect, ms)`, or `const self = module.exports`), a failed Result's
// `.mapErr(cb)` (neverthrow) schedules it again, or a connection's failure handler connects the client it
// belongs to again (`db.on('error', …)` with `const db = mongoose.connection` and `mongoose.connect(…)`).
import { runLibraryTable } from '../libraries/library-table';

describe('shapes: exported functions, Result callbacks and connections of a client', () => {
  runLibraryTable([], [
    {
      title: 'a module that exports itself and calls itself again through a local name for module.exports',
      fileName: 'connect.js',
      code: `const mongoose = require('mongoose');
module.exports = () => {
  const self = module.exports;
  return mongoose.connect(process.env.MONGO_URI).catch((err) => {
    console.error('Failed to connect to mongo on startup - retrying in 5 sec', err);
    setTimeout(self, 5000);
  });
};`,
      findings: [[6, 'unbounded-retry']],
      messages: ['recursive retry of `module.exports()`'],
    },
    {
      title: 'a function scheduled again by the exports path it is assigned to, its count never compared',
      fileName: 'titles.js',
      code: `const request = require('request');
let failures = 0;
module.exports.downloadTitles = function (bot) {
  request('https://example.com/titles.json', (err, res, body) => {
    if (err) {
      setTimeout(module.exports.downloadTitles, 1000 * failures++, bot);
      return;
    }
    bot.titles = JSON.parse(body);
  });
};`,
      findings: [[6, 'unbounded-retry']],
      messages: ['recursive retry of `downloadTitles()`'],
    },
    {
      title: 'a status loop that schedules itself by its exports path on every run is no retry',
      fileName: 'status.js',
      code: `module.exports.run = function (client) {
  client.user.setActivity('something');
  setTimeout(module.exports.run, 60000, client);
};`,
      findings: [],
    },
    {
      title: 'a handler that unsets itself by the path it is assigned to does not call itself',
      code: `export function listen(socket: WebSocket) {
  socket.onmessage = ({ data }) => {
    try {
      JSON.parse(String(data));
    } catch (err) {
      socket.onmessage = null;
      socket.close(4400, 'Bad response');
    }
  };
}`,
      findings: [],
    },
    {
      title: "a failed Result's mapErr that schedules the flush again is a retry (capped here, its wait without jitter)",
      code: `import { ResultAsync } from 'neverthrow';
export class Queue {
  private retryCount = 0;
  private pending: string[] = [];
  async flush(): Promise<void> {
    const batch = this.pending.splice(0);
    const result = await ResultAsync.fromPromise(fetch('/ingest', { method: 'PUT', body: JSON.stringify(batch) }), (e) => e);
    result.mapErr(() => {
      if (this.retryCount < 5) {
        this.pending.unshift(...batch);
        this.retryCount++;
        setTimeout(() => void this.flush(), 2 ** this.retryCount * 1000);
      }
    });
  }
}`,
      findings: [[12, 'retry-without-jitter']],
    },
    {
      title: "a connection's error handler that connects its client again after a wait, with no limit",
      fileName: 'db.js',
      code: `const mongoose = require('mongoose');
const db = mongoose.connection;
mongoose.connect(process.env.MONGO_URL);
db.on('error', () => {
  setTimeout(() => mongoose.connect(process.env.MONGO_URL), 5000);
});`,
      findings: [[5, 'unbounded-retry']],
      messages: ['calls `mongoose.connect()` again'],
    },
    {
      title: "a handler on another object's connection does not reconnect this client",
      fileName: 'db.js',
      code: `const mongoose = require('mongoose');
const other = require('./other');
const db = other.connection;
db.on('error', () => {
  setTimeout(() => mongoose.connect(process.env.MONGO_URL), 5000);
});`,
      findings: [],
    },
  ]);
});
