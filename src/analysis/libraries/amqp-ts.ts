// amqp-ts (and its maintained fork @droidsolutions-oss/amqp-ts): `new Connection(url, socketOptions, reconnectStrategy)`.
// A failed connect is tried again every `interval` ms (1,500 by default), always the same wait, until `retries`
// attempts were made; `retries: 0`, the default, tries forever. Decision, as for amqp-connection-manager: the
// default and `retries: 0` are reported (unbounded, fixed wait), a finite `retries` only for its fixed wait, and a
// strategy out of sight (not a literal, a spread) says nothing.
import ts from 'typescript';
import { calleeName, numericValue } from '../ast';
import type { Bound } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { hasSpreadOptions, isFromLibrary, libraryConstruct, option, optionsAt } from './option-reading';

const RETRIES = 'retries';
const INTERVAL = 'interval';
/** The wait between connect attempts when the strategy sets none (the constructor's default strategy). */
const DEFAULT_INTERVAL_MS = 1500;

export const amqpTs: LibrarySpec = {
  id: 'amqp-ts',
  docs: 'https://github.com/droidsolutions/amqp-ts/blob/main/src/Connection/Connection.ts and https://github.com/abreits/amqp-ts#readme (Connection: reconnectStrategy defaults to { retries: 0, interval: 1500 }; retries 0 is forever; the same interval before every attempt)',
  modules: ['amqp-ts', '@droidsolutions-oss/amqp-ts'],
  entries: ['Connection'],
  names: [],
  options: { attempts: RETRIES, delay: INTERVAL },
  defaults: { retries: 'unlimited', delay: '1.5 s, the same each time', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isNewExpression(site) || calleeName(site) !== 'Connection' || !isFromLibrary(site, index, amqpTs)) return false;
    // The URL comes first, the socket options second, the reconnect strategy third.
    const strategy = optionsAt(site, 2, index);
    if (strategy === 'opaque' || (strategy !== 'absent' && hasSpreadOptions(strategy))) return true;
    const retries = strategy === 'absent' ? 0 : readNumber(option(strategy, RETRIES), 0);
    const interval = strategy === 'absent' ? DEFAULT_INTERVAL_MS : readNumber(option(strategy, INTERVAL), DEFAULT_INTERVAL_MS);
    if (retries === undefined || interval === undefined) return true;
    const bound: Bound = retries === 0
      ? { capped: false, reason: 'infinite-option', detail: 'amqp-ts tries to connect again for ever when `retries` is 0, its default' }
      : { capped: true, by: 'library' };
    facts.constructs.push(libraryConstruct(site, 'library', 'amqp-ts connection', index, bound,
      { kind: 'library-default', detail: `amqp-ts waits the same ${interval} ms before every connect attempt` }, []));
    return true;
  },
};

/** A number given in sight, the default when the option is absent, undefined when its value is out of sight. */
function readNumber(given: ts.Expression | undefined, fallback: number): number | undefined {
  return given === undefined ? fallback : numericValue(given);
}
