// tmi.js (Twitch chat): `new tmi.Client({ connection: { reconnect, maxReconnectAttempts, reconnectInterval,
// reconnectDecay, maxReconnectInterval } })`. With `reconnect` on it reconnects after every lost connection
// until `maxReconnectAttempts` (Infinity by default), waiting `reconnectInterval` (1000 ms) grown by
// `reconnectDecay` (1.5×) up to `maxReconnectInterval` (30 s), never randomised. `reconnect` defaults to true
// since 1.x (v1.8.5: `_.get(reconnect, true)`) and to false in the releases before, so only a client that
// turns it on in sight is read.
import ts from 'typescript';
import { calleeName, findProperty, numericValue } from '../ast';
import type { Backoff } from '../retry-model';
import { firstLineSpan } from '../spans';
import type { LibrarySpec } from './library-spec';
import { countBound, hasSpreadOptions, isFromLibrary, isTrue, libraryConstruct, option, optionsAt, resolveObject } from './option-reading';

const ATTEMPTS = 'maxReconnectAttempts';
const INTERVAL = 'reconnectInterval';

export const tmiJs: LibrarySpec = {
  id: 'tmi.js',
  docs: 'https://github.com/tmijs/tmi.js/blob/v1.8.5/lib/client.js (reconnect true, maxReconnectAttempts Infinity, reconnectInterval 1000, reconnectDecay 1.5, maxReconnectInterval 30000)',
  modules: ['tmi.js'],
  entries: ['default', 'Client', 'client'],
  names: [ATTEMPTS],
  options: { attempts: ATTEMPTS, delay: INTERVAL },
  defaults: { retries: 'unlimited', delay: '1000 ms grown 1.5× up to 30 s', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = calleeName(site);
    if ((name !== 'Client' && name !== 'client') || !isFromLibrary(site, index, tmiJs)) return false;
    const options = optionsAt(site, 0, index);
    if (options === 'opaque' || options === 'absent' || hasSpreadOptions(options)) return true;
    const connectionValue = option(options, 'connection');
    const connection = connectionValue ? resolveObject(connectionValue, index) : undefined;
    if (!connection || hasSpreadOptions(connection) || !isTrue(option(connection, 'reconnect'))) return true;
    const bound = countBound(connection, ATTEMPTS, 'unlimited');
    const construct = libraryConstruct(site, 'library', 'tmi.js reconnection', index, bound, tmiBackoff(connection), []);
    facts.constructs.push({ ...construct, report: firstLineSpan(findProperty(connection, 'reconnect')!, index.sourceFile) });
    return true;
  },
};

/** Its waits grow by a constant factor from a constant start: never randomised, whatever the numbers. */
function tmiBackoff(connection: ts.ObjectLiteralExpression): Backoff {
  const interval = option(connection, INTERVAL);
  if (interval !== undefined && numericValue(interval) === undefined) return { kind: 'unknown' };
  const start = interval === undefined ? 1000 : numericValue(interval);
  return { kind: 'library-default', detail: `tmi.js waits \`${INTERVAL}\` (${start} ms), grown by \`reconnectDecay\`, before each reconnect, without randomness` };
}
