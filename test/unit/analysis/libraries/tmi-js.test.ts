// tmi.js: with `connection.reconnect` on, it reconnects until `maxReconnectAttempts` (Infinity by default),
// its wait grown 1.5× from `reconnectInterval` (1000 ms), never randomised. Only a client that turns
// `reconnect` on in sight is read.
import { tmiJs } from '../../../../src/analysis/libraries/tmi-js';
import { runLibraryTable } from './library-table';

/** A chat bot whose `connection` options are `connection`. */
function bot(connection: string): string {
  return `import tmi from 'tmi.js';
export const client = new tmi.Client({
  options: { debug: true },
  connection: {${connection}
  },
  channels: ['somechannel'],
});
client.connect();`;
}

describe('libraries: tmi.js', () => {
  runLibraryTable([tmiJs], [
    {
      title: 'reconnect on with no limit reconnects forever, its wait grown without randomness: reported at `reconnect`',
      code: bot('\n    secure: true,\n    reconnect: true,'),
      findings: [[6, 'unbounded-retry']],
      messages: ['tmi.js waits `reconnectInterval` (1000 ms), grown by `reconnectDecay`'],
    },
    {
      title: 'a limit written as the string "Infinity" is no limit',
      code: bot("\n    reconnect: true,\n    maxReconnectAttempts: 'Infinity',"),
      findings: [[5, 'unbounded-retry']],
    },
    {
      title: 'a finite limit caps it; the waits still have no jitter',
      code: bot('\n    reconnect: true,\n    maxReconnectAttempts: 5,'),
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'reconnect not turned on in sight is left alone (its default differs between releases)',
      code: bot('\n    secure: true,'),
      findings: [],
    },
    {
      title: 'options out of sight say nothing',
      code: `import tmi from 'tmi.js';
export const open = (options) => new tmi.Client(options);`,
      findings: [],
    },
  ]);
});
