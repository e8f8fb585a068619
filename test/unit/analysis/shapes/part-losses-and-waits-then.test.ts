// Two shapes seen in real code. A client whose parts report their own losses in camel case (discord.js's
// `shardDisconnect`, `shardError`; obs-websocket-js's `ConnectionClosed` in Pascal case), whose handler logs the client in again after a fixed wait: every loss
// starts another attempt, with no count. And a catch whose way back runs when a wait's promise ends
// (`setTimeoutPromise(ms).then(() => this.onInit())`), as it does after `setTimeout(() => …, ms)`.
// A `.catch` handler wrapped by a function that hands it back to run as it does (MobX's `action`) is that handler.
// Look-alikes: an event that reports work, not a loss (`guildCreate`); the same restart capped and jittered.
import { runLibraryTable } from '../libraries/library-table';

/** A bot client that logs in again after `event`, five seconds later. */
function loginAgainOn(event: string): string {
  return `export function createClient(token) {
  const client = new Client({ intents: [] });
  client.on('${event}', (error, shardId) => {
    console.error('shard', shardId, error);
    setTimeout(() => {
      client.login(token).catch((err) => console.error(err));
    }, 5000);
  });
  return client;
}`;
}

/** A device whose failed start is restarted by `restart`, the restart's guard first. */
function deviceRestartedBy(guard: string, delay: string): string {
  return `import { setTimeout as setTimeoutPromise } from 'node:timers/promises';
export class Device {
  async onInit() {
    try {
      this.restarting = false;
      await this.connectToMeter();
    } catch (error) {
      this.log(error);
      this.restartDevice().catch((err) => this.log(err));
    }
  }

  async restartDevice() {
    ${guard}
    this.restarting = true;
    await setTimeoutPromise(${delay}).then(() => {
      if (!this.destroyed) this.onInit().catch((err) => this.log(err));
    });
  }
}`;
}

/** A user store whose failed sign-in check schedules the check again; its catch handler is written as `handler`. */
function userStore(handler: string): string {
  return `import axios from 'axios';
import { action } from 'mobx';
export class CurrentUser {
  reconnectTime = 7500;
  tryAuthenticate = async () => axios.get('/current/user').catch(${handler});
  tryReconnect = () => {
    this.tryAuthenticate().catch(() => console.log('Reconnect failed'));
  };
  connectionError = () => {
    window.setTimeout(() => this.tryReconnect(), this.reconnectTime);
    this.reconnectTime = Math.min(this.reconnectTime * 2, 120000);
  };
}`;
}

describe('shapes: losses of a client part, and ways back run when a wait ends', () => {
  runLibraryTable([], [
    {
      title: 'a shard\'s disconnect handler that logs the client in again after a fixed wait retries every loss: reported, unbounded',
      code: loginAgainOn('shardDisconnect'),
      findings: [[5, 'unbounded-retry']],
      messages: ['It also waits a fixed'],
    },
    {
      title: 'the same on a shard\'s error: reported',
      code: loginAgainOn('shardError'),
      findings: [[5, 'unbounded-retry']],
    },
    {
      title: 'an event that reports work done (`guildCreate`), not a loss: silent',
      code: loginAgainOn('guildCreate'),
      findings: [],
    },
    {
      title: 'a catch handler wrapped in MobX\'s `action` that schedules the check again: reported as the plain handler is',
      code: userStore('action((error) => { this.connectionError(); return Promise.reject(error); })'),
      findings: [[10, 'unbounded-retry']],
    },
    {
      title: 'the plain handler, for comparison',
      code: userStore('(error) => { this.connectionError(); return Promise.reject(error); }'),
      findings: [[10, 'unbounded-retry']],
    },
    {
      title: 'a handler made by another call (`handleError(ctx)`, no function handed in) is not read: silent',
      code: userStore('action(handleError)'),
      findings: [],
    },
    {
      title: 'a catch whose restart helper runs the start again when a wait\'s promise ends, its guard reset by the start: reported at the wait',
      code: deviceRestartedBy('if (this.restarting) return;', '60 * 1000'),
      findings: [[16, 'unbounded-retry']],
    },
    {
      title: 'the same restart capped at five, with its fixed wait: only the wait is reported',
      code: deviceRestartedBy('if (this.restarting || ++this.restarts > 5) return;', '60 * 1000'),
      findings: [[16, 'retry-without-jitter']],
    },
    {
      title: 'the same restart, capped and with a random wait: silent',
      code: deviceRestartedBy('if (this.restarting || ++this.restarts > 5) return;', '1000 + Math.random() * 60 * 1000'),
      findings: [],
    },
    {
      title: 'a loss event named in Pascal case (obs-websocket-js\'s `ConnectionClosed`): reported, unbounded',
      code: loginAgainOn('ConnectionClosed'),
      findings: [[5, 'unbounded-retry']],
    },
    {
      title: 'a Pascal-case event that reports work, not a loss (`SceneTransitionStarted`): silent',
      code: loginAgainOn('SceneTransitionStarted'),
      findings: [],
    },
    {
      title: 'an error class named in Pascal case (`TypeError`) is no loss of a connection: silent',
      code: loginAgainOn('TypeError'),
      findings: [],
    },
  ]);
});
