// Node's sockets, requests and HTTP/2 sessions take an inactivity timeout as `req.setTimeout(ms, onIdle)`: the time
// first, then what to do when the attempt stays idle. It limits one attempt and is no wait between attempts, even when
// it sits in a helper the retry loop calls. Look-alike: the global timer (`setTimeout(cb, ms)`, `window.setTimeout`)
// in that helper does wait, and its delay is out of sight of the loop.
import { runLibraryTable } from '../libraries/library-table';

/** A loop that retries `this.send(req)` at once after a GOAWAY, up to three times; `timer` is in `send`. */
function goAwayLoop(timer: string): string {
  return `export class Http2Client {
  async request(req) {
    let retryCount = 0;
    do {
      try {
        return await this.send(req);
      } catch (error) {
        if (error?.code !== 'ERR_HTTP2_GOAWAY_SESSION') throw error;
        retryCount++;
      }
    } while (retryCount < 3);
    throw new Error('network');
  }

  send(req) {
    return new Promise((resolve, reject) => {
      const stream = this.session.request(req.headers);
      ${timer}
      stream.on('response', resolve);
      stream.on('error', reject);
    });
  }
}`;
}

describe('shapes: inactivity timeouts', () => {
  runLibraryTable([], [
    {
      title: 'a stream\'s inactivity timeout in the helper is no wait: the loop retries at once, reported',
      code: goAwayLoop('stream.setTimeout(this.timeoutMs, () => stream.close());'),
      findings: [[4, 'retry-without-jitter']],
    },
    {
      title: 'the same with the handler passed by name: reported',
      code: goAwayLoop('stream.setTimeout(this.timeoutMs, onIdle);'),
      findings: [[4, 'retry-without-jitter']],
    },
    { title: 'a global timer in the helper waits, sized out of sight: silent', code: goAwayLoop('setTimeout(() => this.flush(), this.lingerMs);'), findings: [] },
    { title: 'the same through `window.setTimeout`: silent', code: goAwayLoop('window.setTimeout(() => this.flush(), this.lingerMs);'), findings: [] },
  ]);
});
