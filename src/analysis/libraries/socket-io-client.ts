// socket.io-client: `io(url, { reconnection, reconnectionAttempts, reconnectionDelay, randomizationFactor })`,
// `io.connect(…)`, `new Manager(url, opts)`. It reconnects by default, without limit, with randomised waits.
// Decision: that default is reported as unbounded (the module asks for a cap on every retry); a client
// whose options are out of sight, or that sets `reconnection: false`, is left alone; so is one whose
// failure events (`connect_error`, `reconnect_attempt`, …) the file handles by disconnecting it: the
// app counts and stops the reconnection itself. A namespace of a server the file connected to earlier
// shares that call's Manager, and so its reconnection (sharesEarlierManager).
import ts from 'typescript';
import { calleeName, namePath, numericValue, unwrap } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import type { SourceIndex } from '../source-index';
import type { LibrarySpec } from './library-spec';
import { countBound, hasSpreadOptions, isFalse, isFromLibrary, isImportedEntry, lastArgumentOptions, libraryConstruct, option, requiredEntryCall, stoppedOnFailureEvent, type Options, type Site } from './option-reading';

const RECONNECT_OPTIONS = ['reconnection', 'reconnectionAttempts', 'reconnectionDelay', 'reconnectionDelayMax', 'randomizationFactor'];

export const socketIoClient: LibrarySpec = {
  id: 'socket.io-client',
  docs: 'https://socket.io/docs/v4/client-options/#reconnection (reconnectionAttempts Infinity, delay 1 s to 5 s, randomizationFactor 0.5)',
  modules: ['socket.io-client'],
  entries: ['default', 'io', 'connect', 'Manager'],
  // `io`: the global a page's script tag loads (callsGlobalIo).
  names: [...RECONNECT_OPTIONS, 'io'],
  options: { attempts: 'reconnectionAttempts', delay: 'reconnectionDelay', jitter: 'randomizationFactor' },
  defaults: { retries: 'unlimited', delay: '1 s, doubling to 5 s', jitter: true, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!isSocketIo(site, index)) return false;
    const options = socketOptions(site, index);
    if (options === 'opaque' || isFalse(option(options, 'reconnection'))) return true;
    if (sharesEarlierManager(site, options, index)) return true;
    const bound = stoppedOnFailureEvent(index, FAILURE_EVENT, STOPS) ? { capped: 'unknown' } as const : reconnectBound(options);
    facts.constructs.push(libraryConstruct(site, 'library', 'socket.io-client reconnection', index, bound, socketBackoff(options), []));
    return true;
  },
};

/** `io(…)`, `io.connect(…)`, `connect(…)` or `new Manager(…)` from socket.io-client, or from the global `io` a page's script tag loads. */
function isSocketIo(site: Site, index: SourceIndex): boolean {
  // `require('socket.io-client')(url)`: the default entry, `io`, called where it is required.
  if (requiredEntryCall(site, socketIoClient)) return true;
  const name = calleeName(site);
  // `import { io as connectSocket } from 'socket.io-client'`, `import ioClient from 'socket.io-client'`: an entry under a name of the file's own.
  if (name !== undefined && ts.isIdentifier(site.expression) && isImportedEntry(index, name, socketIoClient)) return true;
  if (name !== 'io' && name !== 'connect' && name !== 'Manager') return false;
  if (isFromLibrary(site, index, socketIoClient)) return true;
  return callsGlobalIo(site, index);
}

/**
 * `io()` or `io.connect(url)` where the file neither imports nor declares `io`: the client that
 * `<script src="/socket.io/socket.io.js">` puts on the page. A server's `io` is made by the file that
 * uses it (or handed in) and is never called itself, nor has `connect`.
 */
function callsGlobalIo(site: Site, index: SourceIndex): boolean {
  if (index.declarations.has('io') || index.functions.has('io') || index.imports.has('io')) return false;
  const callee = unwrap(site.expression);
  if (ts.isIdentifier(callee)) return callee.text === 'io' && ts.isCallExpression(site);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'connect' && ts.isIdentifier(callee.expression) && callee.expression.text === 'io';
}

/** The options are the last argument (`io(opts)` and `io(url, opts)` are both allowed). */
function socketOptions(site: Site, index: SourceIndex): Options {
  return lastArgumentOptions(site, index);
}

/**
 * `io(BASE_URL + '/chat')` after `io(BASE_URL, { reconnectionAttempts: 10 })`: io() keeps one Manager per
 * server and hands it to every namespace of that server, with the reconnection options it was made with,
 * unless the later call asks for its own (`forceNew: true`, `multiplex: false`). The reconnection is the
 * earlier call's, reported there.
 */
function sharesEarlierManager(site: Site, options: Exclude<Options, 'opaque'>, index: SourceIndex): boolean {
  if (option(options, 'forceNew') !== undefined || option(options, 'multiplex') !== undefined) return false;
  const server = serverOf(site);
  if (server === undefined) return false;
  return index.calls.some((call) => call.end <= site.pos && calleeName(call) === calleeName(site) && serverOf(call) === server);
}

/** What names the server a call connects to: the name or text its URL starts from (`BASE_URL` in `BASE_URL + '/chat'`). */
function serverOf(site: Site): string | undefined {
  let url = site.arguments?.[0] ? unwrap(site.arguments[0]) : undefined;
  while (url && ts.isBinaryExpression(url) && url.operatorToken.kind === ts.SyntaxKind.PlusToken) url = unwrap(url.left);
  if (url && ts.isTemplateExpression(url)) return url.head.text === '' && url.templateSpans[0] ? namePath(url.templateSpans[0].expression) : originOf(url.head.text);
  if (url && ts.isStringLiteralLike(url)) return originOf(url.text);
  return url ? namePath(url) : undefined;
}

function originOf(text: string): string | undefined {
  return /^(?:https?|wss?):\/\/[^/]{1,200}/i.exec(text)?.[0];
}

/** Events socket.io-client reports failed (re)connections with. */
const FAILURE_EVENT = /^(connect_error|connect_failed|reconnect_attempt|reconnect_error|reconnect_failed|error)$/;
/** What stops the client: `socket.disconnect()`, `socket.close()`, `manager.reconnection(false)`. */
const STOPS = /\.(disconnect|close)\(|reconnection\(\s*false/;


function reconnectBound(options: Exclude<Options, 'opaque'>): Bound {
  const bound = countBound(options, 'reconnectionAttempts', socketIoClient.defaults.retries);
  if (bound.capped !== false || option(options, 'reconnectionAttempts') !== undefined) return bound;
  return { capped: false, reason: 'infinite-option', detail: 'socket.io-client reconnects without limit unless `reconnectionAttempts` is set' };
}

function socketBackoff(options: Exclude<Options, 'opaque'>): Backoff {
  const factor = option(options, 'randomizationFactor');
  if (factor === undefined) return hasSpreadOptions(options) ? { kind: 'unknown' } : { kind: 'jittered' };
  const value = numericValue(factor);
  if (value === undefined) return { kind: 'unknown' };
  return value > 0 ? { kind: 'jittered' } : { kind: 'library-default', detail: '`randomizationFactor: 0` turns socket.io-client\'s jitter off' };
}
