// HTTP requests and SDK calls, with their method and whatever idempotency key they send.
// Recognised by shape and name: fetch, axios (and instances), got, ky, undici, node http/https,
// superagent-style `.post(url)` chains, and Stripe's create/confirm/capture calls.
import { ofetch } from './libraries/ofetch';
import ts from 'typescript';
import {
  calleeName, calleeObject, COMPARISON_OPERATORS, enclosingFunction, expressionName, findProperty, functionName, hasSpread, isFunctionNode, literalText, namePath, numericValue,
  propertyNameText, readOnce, rootName, SKIP_CHILDREN, stringValue, unwrap, valueOfProperty, walkTree, type FunctionNode,
} from './ast';
import { calledAtOnceName, RETRY_COUNT_OPTION } from './libraries/option-reading';
import { resolveObject } from './retry-libraries';
import { type CallerMethod, isStateChanging, methodFromCallers, type MethodCarrier } from './caller-methods';
import { declaredFieldNames, declaredMethods } from './declared-types';
import type { RetryFacts } from './retry-model';
import { callsNamed, type SourceIndex } from './source-index';
import { sdkSendOf } from './sdk-sends';
import { holdsIdGeneratorCall } from './generated-values';
import { readsConflictAnswer } from './conflict-answers';
import { DELIVERY_ID_HEADER, ID_GENERATOR, IDEMPOTENCY_KEY_NAMES, isKeyName, LOG_NAME, NO_RETRY_OPTION_NAME, normaliseKeyName, RETRY_HELPER_NAME, RETRY_OPTION_NAME } from './vocabulary';
import { nodeText, textOr } from './run-context';

export interface KeyReference {
  /** The property (or `.set(…)` call) that carries the key. */
  carrier: ts.Node;
  /** The expression that gives the key its value. */
  value: ts.Expression;
}

export interface HttpRequest {
  call: ts.CallExpression;
  /** Upper-case HTTP method, when the code states it. */
  method: string | undefined;
  library: 'fetch' | 'axios' | 'got' | 'ky' | 'request' | 'stripe' | 'retry-helper' | 'sdk';
  /** The SDK a call sends through (`library: 'sdk'`, see sdk-sends.ts): how messages name it. */
  sdk?: string;
  /** How messages name it: `client.post(…)`, `fetch(…)`, `stripe.charges.create(…)`. */
  display: string;
  /** The name path the request goes through, to match clients that retry on their own. */
  clientName?: string;
  /** The options object that carries headers (or Stripe's `idempotencyKey`), when it is a literal here. */
  config?: ts.ObjectLiteralExpression;
  /** Where an options argument would go if there is none (for the fix). */
  configPosition: number;
  key?: KeyReference;
  /** Headers or options we cannot see may carry a key (read for a POST or PATCH without a key in sight). */
  keyMayBeHidden: boolean;
  /** The options or headers come from the caller (a parameter), where a key may be set out of sight (idem). */
  optionsFromCaller: boolean;
  /**
   * Repeating it is safe (idem): a POST used for a read (GraphQL query, search, token polling, Twirp),
   * or one that moves an identified resource into a state (`/batches/${id}/finalize`).
   */
  safeToRepeat: boolean;
  /** Set when the request is made through a helper that retries it (`fetchWithRetry(url, { method: 'POST' })`). */
  retriedByHelper?: string;
  /** Set when the method is the caller's and a call in the file gives it (`this.makeRequest(route, { method: 'POST' })`). */
  methodFrom?: ts.CallExpression;
  /**
   * Set when every call in the file that gives the request a POST or PATCH also names the address it goes to
   * (`this.request('POST', '/webhooks', body)`): each of those calls is a request of its own, through this one.
   */
  addressedCallers?: readonly ts.CallExpression[];
}

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const BODY_VERBS = new Set(['post', 'put', 'patch']);
const ROUTE_OWNERS = /^(app|router|server|fastify|route|routes|api_?router|express|hono|koa|r)$/i;
/**
 * URLs of requests sent as POST that create nothing to duplicate: queries, searches, logins and token exchanges, model
 * completions, and services that work an answer out of what they are sent (OCR, captcha solvers, classifiers, translators).
 */
const READ_URL = /graphql|\/search\b|\/(list|details?)\b|_search|\/token\b|oauth2?\/|\/(login|signin|sign-in|authenticate)\b|\/twirp\/|\/query\b|\/lookup\b|\/_msearch|\/_count|\/(chat\/)?completions\b|\/embeddings\b|\/v1\/messages\b|:generateContent\b|\/api\/(generate|chat)(?![.\w-])|\/(ocr|recogni[sz]e|classify|predict|translate|transcribe|detect|tts|speech|synthesi[sz]e)\b/i;
/** The same kinds of address by the name they are kept under: `config.graphqlUrl`, `config.captchaSolver.apiUrl`, `OCR_ENDPOINT`. */
const READ_ADDRESS_NAME = /graphql|search|ocr|captcha|solver|recogni[sz]|classif|translat|transcri/i;

/**
 * Recognises every request in the file. `facts.clients` are the retried clients, to know their libraries;
 * `facts.notRetrying`, imported functions that retry nothing whatever their names say.
 */
export function findRequests(index: SourceIndex, facts: Pick<RetryFacts, 'clients' | 'notRetrying' | 'importedMethods'>, extraKeyNames: readonly string[]): HttpRequest[] {
  const clients = facts.clients;
  const notRetrying = facts.notRetrying ?? NOBODY;
  const importedMethods = facts.importedMethods ?? NO_METHODS;
  const keyNames = new Set([...IDEMPOTENCY_KEY_NAMES, ...extraKeyNames.map(normaliseKeyName)]);
  const fileMentionsKeys = speaksOfKeys(index.text, extraKeyNames);
  const clientNames = new Set(clients.map((client) => client.name));
  const requests: HttpRequest[] = [];
  const givers: CallerMethod[] = [];
  const givenLists = new Set<readonly CallerMethod[]>();
  const complete = (draft: Draft, traced: readonly CallerMethod[]): HttpRequest => {
    const call = draft.call;
    // Of the methods its callers give, one that changes state is the one the request is judged by (a helper that
    // verifies with GET and refunds with POST sends a POST).
    const given = traced.find((caller) => isStateChanging(caller.method)) ?? traced[0];
    // Written out, not spread: every request then has one shape, which keeps the rules' reads of it fast.
    const request: HttpRequest = {
      call, method: draft.method ?? given?.method, library: draft.library, display: draft.display, clientName: draft.clientName, config: draft.config,
      configPosition: draft.configPosition, key: undefined, keyMayBeHidden: draft.configOpaque, optionsFromCaller: false, safeToRepeat: false,
      retriedByHelper: draft.retriedByHelper, methodFrom: given?.caller, addressedCallers: addressedCallers(call, traced), sdk: draft.sdk,
    };
    const hidden = findKey(request, index, keyNames);
    request.key ??= idInBody(draft.body, index) ?? (given ? keyFromCaller(given.caller, index, keyNames) : undefined);
    // What may excuse a missing key is read only where a key is missing from a POST or PATCH.
    if (!request.key && isUnsafe(request)) {
      // Options the file's own callers give are in sight: a key among them would be there, unless the file speaks of keys elsewhere.
      request.optionsFromCaller = traced.length > 0 ? fileMentionsKeys : optionsFromCaller(draft, index);
      request.keyMayBeHidden = (hidden && fileMentionsKeys) || request.optionsFromCaller || carriesOperationId(draft.body, index) || sendsCallersGraphqlOperation(draft.body, index)
        || (fileMentionsKeys && (bodyKeyFromCallers(draft, index, keyNames) || bodyMayHoldKey(draft, index, keyNames)));
      request.safeToRepeat = isInsideReader(call) || isReadRequest(draft.url, draft.body, draft.config, index) || sameStateWhenRepeated(draft.url, index)
        || sendsSignedTransaction(draft.body, index)
        || setsFieldsOfResource(request.method, draft.url, draft.body, index) || writesAtStatedOffset(draft.config) || readsConflictAnswer(call);
    }
    return request;
  };
  for (const call of index.calls) {
    const draft = withSdkKey(recogniseRequest(call, index, clientNames, notRetrying, importedMethods), fileMentionsKeys, keyNames, index)
      ?? (fileMentionsKeys ? keyedCall(call, index, keyNames) : undefined);
    if (!draft) continue;
    const traced = draft.method === undefined ? methodFromCallers(call, methodCarriers(draft), index) : [];
    requests.push(complete(traced.length === 0 ? withDeclaredMethod(draft, index) : draft, traced));
    // Each call that gives the method is a request of its own, retried where that call is (`retry(() => this.request('/orders', { method: 'POST' }))`).
    // The calls of one function are read once, however many of its requests send their method (methodsGiven shares the list).
    if (!givenLists.has(traced)) {
      givenLists.add(traced);
      for (const given of traced) if (given.caller !== call) givers.push(given);
    }
  }
  // Unless it is recognised as a request already (`this.request('POST', '/orders', order)`).
  const recognised = new Set(requests.map((request) => request.call));
  for (const given of givers) {
    if (recognised.has(given.caller)) continue;
    recognised.add(given.caller);
    requests.push(complete(callerDraft(given, index), []));
  }
  return requests;
}

/** A call as findings name it: `this.makeRequest(…)`, the callee without its spacing. */
export function callDisplay(call: ts.CallExpression): string {
  // `(this.client.POST as Function)(…)` shows as `this.client.POST(…)`, and `(rp as unknown as Payouts).payouts.create(…)`
  // as `rp.payouts.create(…)`: a cast says nothing of the request.
  const path = namePath(unwrap(call.expression));
  return `${path ?? nodeText(unwrap(call.expression)).replace(/\s+/g, '')}(…)`;
}

type Draft = Omit<HttpRequest, 'key' | 'keyMayBeHidden' | 'safeToRepeat' | 'optionsFromCaller'> & { url?: ts.Expression; body?: ts.Expression; configOpaque: boolean };

/** Callee names that can start a request; anything else is skipped before the closer look. */
const REQUEST_NAME = /^(get|post|put|patch|delete|head|options|GET|POST|PUT|PATCH|DELETE|request|fetch|\$fetch|ofetch|create\w*|add[A-Z]\w*|confirm|capture|axios|got|ky|undiciRequest)$|retr/i;
/**
 * A fetch a client was handed or wraps (`this.fetchImpl(url, init)`, `this._fetch(…)`, `customFetch(…)`): it takes
 * fetch's arguments, whoever implements it. Only a stated method is read; what it defaults to is its own.
 */
const FETCH_IMPLEMENTATION = /^_*fetch(Impl|Implementation|Fn|Func|Function)?$|^_*[a-z][A-Za-z]*Fetch$/;

/**
 * Words for idempotency keys (`Idempotency-Key`, `idempotencyKey`, "the receiver is idempotent"): a file that speaks
 * of them may hand one on where it is out of this reading's sight. "Idempotent" said of methods or requests
 * (`isNetworkOrIdempotentRequestError`, "retries idempotent http methods") says nothing of keys, nor does "non-idempotent"
 * or "not idempotent" (a comment on why some calls are not retried).
 */
const KEY_WORD = /idempotency|(?<!\b(?:non|not|isn't|never)[-\s]{0,3})\bidempotent\b(?![-_ ]?(?:https?|requests?|methods?|verbs?|calls?|get|put|delete)\b)/i;

/** Whether a file speaks of idempotency keys at all (also by a header name the options add). */
export function speaksOfKeys(text: string, extraKeyNames: readonly string[]): boolean {
  return KEY_WORD.test(text) || extraKeyNames.some((name) => text.toLowerCase().includes(name.toLowerCase()));
}

const NOBODY: ReadonlySet<string> = new Set();
const NO_METHODS: ReadonlyMap<string, string> = new Map();

function recogniseRequest(
  call: ts.CallExpression, index: SourceIndex, clientNames: Set<string>, notRetrying: ReadonlySet<string>, importedMethods: ReadonlyMap<string, string>,
): Draft | undefined {
  const name = calleeName(call) ?? calledAtOnceClient(call, clientNames);
  if (!name) return undefined;
  const methodFirst = methodFirstCall(call, name) ?? handedVerbCall(call);
  if (methodFirst) return methodFirst;
  const sdkSend = sdkSendCall(call, index);
  if (sdkSend) return sdkSend;
  if (!REQUEST_NAME.test(name) && !FETCH_IMPLEMENTATION.test(name) && !clientNames.has(name) && !index.imports.has(name)
    && !retriedInstanceCalled(unwrap(call.expression), clientNames)) return undefined;
  const draft = stripeCall(call, index) ?? verbCall(call, index) ?? requestMethodCall(call, index) ?? functionStyleCall(call, index, clientNames, notRetrying)
    ?? fetchImplementationCall(call, name, index);
  // A helper another file shows always sending one method sends it whatever its arguments look like, where this
  // call says where to (`callServer('/builds/start', build)`); one that picks the address itself (a webhook
  // sender handed the merchant's URL, a telemetry sender handed an event name) is judged in its own file.
  const fixed = draft?.library === 'fetch' ? importedMethods.get(name) : undefined;
  return fixed && draft && statesAddress(call.arguments[0], index) ? { ...draft, method: fixed } : draft;
}

/**
 * A client function that takes the method first: `this.request('POST', '/api/batches', params)`,
 * `fetchJSON('PATCH', url, body)`. It builds the headers itself, out of this call's sight: where the
 * file speaks of idempotency keys at all, one may be among them.
 */
function methodFirstCall(call: ts.CallExpression, name: string): Draft | undefined {
  const [first, url, body] = call.arguments;
  const verb = first && ts.isStringLiteralLike(first) ? first.text : undefined;
  // `emitter.emit('POST', …)`, `log('POST', url)` only name the method.
  if (!verb || !url || !VERBS.has(verb.toLowerCase()) || verb !== verb.toUpperCase() || LOG_NAME.test(name)) return undefined;
  // `router.route('POST', '/path', handler)` registers a route.
  if (call.arguments.some((argument) => isFunctionNode(unwrap(argument)))) return undefined;
  const object = calleeObject(call);
  if (object && ROUTE_OWNERS.test(rootName(object) ?? '')) return undefined;
  return {
    call, method: verb, library: 'request', display: callDisplay(call), clientName: object ? namePath(object) : name,
    config: undefined, configPosition: call.arguments.length, configOpaque: true, url, body,
  };
}

/**
 * A client's verb handed to a wrapper with its arguments after it: `requestDecorator(instance.post, url, data)`,
 * `send(axios.put, url, body)`. The wrapper makes the request; what it adds to it is out of this call's sight.
 */
function handedVerbCall(call: ts.CallExpression): Draft | undefined {
  const [first, url, body] = call.arguments;
  const handed = first && unwrap(first);
  if (!handed || !url || !ts.isPropertyAccessExpression(handed) || !VERBS.has(handed.name.text)) return undefined;
  const root = rootName(handed.expression) ?? '';
  if (ROUTE_OWNERS.test(root) || call.arguments.some((argument) => isFunctionNode(unwrap(argument)))) return undefined;
  return {
    // 'request': what the wrapper does with more arguments is out of sight, so no fix adds one.
    call, method: handed.name.text.toUpperCase(), library: 'request', display: callDisplay(call), clientName: namePath(handed.expression),
    config: undefined, configPosition: call.arguments.length, configOpaque: true, url, body,
  };
}

/** `bot.telegram.sendMessage(chatId, text)`, `octokit.rest.issues.createComment({ … })`: a send of a known SDK (sdk-sends.ts). */
function sdkSendCall(call: ts.CallExpression, index: SourceIndex): Draft | undefined {
  const send = sdkSendOf(call, index);
  if (!send) return undefined;
  const object = calleeObject(call);
  return {
    call, method: 'POST', library: 'sdk', sdk: send.sdk, display: callDisplay(call), clientName: object ? namePath(object) : undefined,
    config: undefined, configPosition: call.arguments.length, configOpaque: false,
  };
}

/** An SDK send handed a key the SDK takes (`payment.create({ body, requestOptions: { idempotencyKey } })`) is read with it. */
function withSdkKey(draft: Draft | undefined, fileMentionsKeys: boolean, keyNames: Set<string>, index: SourceIndex): Draft | undefined {
  if (draft?.library !== 'sdk' || !fileMentionsKeys) return draft;
  const keyed = keyedCall(draft.call, index, keyNames);
  return keyed ? { ...draft, config: keyed.config, configPosition: keyed.configPosition } : draft;
}

/**
 * Any other SDK call handed an idempotency key, at the top of an argument or one object down:
 * `api.payments.create({ body, requestOptions: { idempotencyKey } })`, `square.paymentsApi.createPayment({
 * idempotencyKey, … })`. The key says the call changes state, whatever the SDK; it is read so that a key
 * made anew inside the retried code is seen (unstable-idempotency-key).
 */
function keyedCall(call: ts.CallExpression, index: SourceIndex, keyNames: Set<string>): Draft | undefined {
  if (LOG_NAME.test(calleeName(call) ?? '')) return undefined;
  for (const [position, argument] of call.arguments.entries()) {
    const object = resolveObject(argument, index);
    const config = object && (keyProperty(object, keyNames) ? object : nestedObjects(object).find((nested) => keyProperty(nested, keyNames)));
    if (!config) continue;
    return {
      call, method: 'POST', library: 'request', display: callDisplay(call), clientName: undefined,
      config, configPosition: position, configOpaque: false,
    };
  }
  return undefined;
}

/** The object literals an options object holds as property values (`requestOptions: { … }`). */
function nestedObjects(object: ts.ObjectLiteralExpression): ts.ObjectLiteralExpression[] {
  return object.properties.flatMap((property) => {
    const value = ts.isPropertyAssignment(property) ? unwrap(property.initializer) : undefined;
    return value && ts.isObjectLiteralExpression(value) ? [value] : [];
  });
}

/** `stripe.charges.create(params, { idempotencyKey })`, `stripe.paymentIntents.confirm(id, params)`. */
function stripeCall(call: ts.CallExpression, index: SourceIndex): Draft | undefined {
  const name = calleeName(call) ?? '';
  const object = calleeObject(call);
  if (!object || !/stripe/i.test(rootName(object) ?? '')) return undefined;
  // Calls that make something new: `create`, `createUsageRecord`, `addLines` (line items on an invoice), and confirmations.
  if (!(name === 'create' || name === 'confirm' || name === 'capture' || /^(create|add)[A-Z]/.test(name))) return undefined;
  const first = call.arguments[0];
  const paramsFirst = name === 'create' || (first !== undefined && ts.isObjectLiteralExpression(unwrap(first)));
  const position = paramsFirst ? 1 : 2;
  const argument = call.arguments[position];
  const config = argument ? resolveObject(argument, index) : undefined;
  return {
    call, method: 'POST', library: 'stripe', display: callDisplay(call),
    config, configPosition: position, configOpaque: argument !== undefined && config === undefined,
  };
}

/** `axios.post(url, data, config)`, `client.patch(…)`, `got.post(url, options)`, `ky.post(url, options)`, superagent `request.post(url)`. */
function verbCall(call: ts.CallExpression, index: SourceIndex): Draft | undefined {
  const name = calleeName(call) ?? '';
  const object = calleeObject(call);
  if (!object || !VERBS.has(name.toLowerCase()) || call.arguments.length === 0) return undefined;
  // `app.post('/path', handler)` registers a route; msw's `http.post(url, resolver)` a mock.
  if (call.arguments.some((argument) => isFunctionNode(unwrap(argument)))) return undefined;
  const root = rootName(object) ?? '';
  if (ROUTE_OWNERS.test(root)) return undefined;
  // openapi-fetch's `client.POST('/path', { body, headers })`: the verb in capitals takes fetch's init second.
  const library = name === name.toUpperCase() ? 'fetch' : libraryOf(root, index);
  const verb = name.toLowerCase();
  const position = library === 'got' || library === 'ky' || library === 'fetch' ? 1 : BODY_VERBS.has(verb) ? 2 : 1;
  const argument = call.arguments[position];
  const config = argument ? resolveObject(argument, index) : undefined;
  return {
    call, method: verb.toUpperCase(), library, display: callDisplay(call), clientName: namePath(object),
    config, configPosition: position, configOpaque: argument !== undefined && config === undefined,
    url: call.arguments[0], body: BODY_VERBS.has(verb) && library === 'axios' ? call.arguments[1] : config ? findValue(config, 'json') ?? findValue(config, 'body') : undefined,
  };
}

function libraryOf(root: string, index: SourceIndex): HttpRequest['library'] {
  const module = index.imports.get(root)?.split('#')[0];
  if (root === 'got' || module === 'got') return 'got';
  if (root === 'ky' || module === 'ky') return 'ky';
  const declarations = index.declarations.get(root) ?? [];
  const created = textOr(declarations[0]?.initializer);
  if (/^(got\.extend|ky\.(create|extend))/.test(created)) return created.startsWith('got') ? 'got' : 'ky';
  return 'axios';
}

/** `http.request({ method: 'POST' })`, `undici.request(url, { method })`, `axios.request(config)`, `pool.request({ method, path })`. */
function requestMethodCall(call: ts.CallExpression, index: SourceIndex): Draft | undefined {
  const object = calleeObject(call);
  const name = calleeName(call);
  if (!object || (name !== 'request' && name !== 'fetch')) return undefined;
  const position = call.arguments.findIndex((argument) => resolveObject(argument, index) !== undefined);
  const config = position >= 0 ? resolveObject(call.arguments[position]!, index) : undefined;
  return {
    call, method: config ? methodOf(config) : name === 'fetch' ? 'GET' : undefined, library: name === 'fetch' ? 'fetch' : 'request',
    display: callDisplay(call), clientName: namePath(object), config,
    configPosition: position >= 0 ? position : call.arguments.length, configOpaque: position < 0 && call.arguments.length > 1,
    url: call.arguments[0], body: config ? findValue(config, 'body') ?? findValue(config, 'data') : undefined,
  };
}

/** `this.fetchImpl(url, { method: 'POST', body })`: a fetch by another name whose init states the method (FETCH_IMPLEMENTATION). */
function fetchImplementationCall(call: ts.CallExpression, name: string, index: SourceIndex): Draft | undefined {
  const [url, init] = call.arguments;
  const config = url && init && FETCH_IMPLEMENTATION.test(name) ? resolveObject(init, index) : undefined;
  const stated = config && findValue(config, 'method');
  const method = stated && methodText(unwrap(stated))?.toUpperCase();
  if (!config || !method) return undefined;
  const object = calleeObject(call);
  return {
    call, method, library: 'fetch', display: callDisplay(call), clientName: object ? namePath(object) : name,
    config, configPosition: 1, configOpaque: false, url, body: findValue(config, 'body'),
  };
}

/** `fetch(url, init)`, `axios(config)`, `got(url, options)`, `ky(url, options)`, `request(url, options)`, `fetchWithRetry(url, init)`, retried-client names. */
function functionStyleCall(call: ts.CallExpression, index: SourceIndex, clientNames: Set<string>, notRetrying: ReadonlySet<string>): Draft | undefined {
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : calledAtOnceClient(call, clientNames) ?? retriedInstanceCalled(callee, clientNames);
  if (!name || call.arguments.length === 0) return undefined;
  const module = index.imports.get(name)?.split('#')[0];
  const isHelper = RETRY_HELPER_NAME.test(name) && /fetch|request|http|call|send|post/i.test(name) && !toldNoRetries(call, index) && !notRetrying.has(name);
  const ofetchStyle = ofetch.names.includes(name) || ofetch.modules.includes(module ?? '');
  const known = name === 'fetch' || name === 'axios' || name === 'got' || name === 'ky' || name === 'request' || name === 'undiciRequest' || ofetchStyle
    || module === 'axios' || module === 'got' || module === 'ky' || module === 'undici' || module === 'node-fetch' || module === 'cross-fetch';
  if (!known && !clientNames.has(name) && !isHelper) return undefined;
  const position = call.arguments.findIndex((argument) => resolveObject(argument, index) !== undefined);
  const config = position >= 0 ? resolveObject(call.arguments[position]!, index) : undefined;
  const fetchStyle = name === 'fetch' || module === 'node-fetch' || module === 'cross-fetch' || ofetchStyle || clientNames.has(name) || isHelper;
  // GET is the default only where no method is stated: `{ method: options.method }` and `{ ...init }` send the caller's.
  const defaultsToGet = (fetchStyle || name === 'axios' || name === 'got' || name === 'ky') && (!config || (findValue(config, 'method') === undefined && !hasSpread(config)));
  const method = config ? methodOf(config) ?? (defaultsToGet ? 'GET' : undefined) : call.arguments.length === 1 && fetchStyle ? 'GET' : undefined;
  const library: HttpRequest['library'] = isHelper && !clientNames.has(name) ? 'retry-helper' : fetchStyle ? 'fetch' : name === 'got' || module === 'got' ? 'got' : name === 'ky' || module === 'ky' ? 'ky' : name === 'axios' || module === 'axios' ? 'axios' : 'request';
  return {
    call, method, library, display: ts.isIdentifier(callee) ? `${name}(…)` : callDisplay(call), clientName: name, config,
    configPosition: position >= 0 ? position : Math.max(1, call.arguments.length),
    configOpaque: position < 0 && call.arguments.length > 1,
    retriedByHelper: library === 'retry-helper' ? `\`${name}\`` : undefined,
    url: ts.isObjectLiteralExpression(unwrap(call.arguments[0]!)) ? config && findValue(config, 'url') : call.arguments[0],
    body: config ? findValue(config, 'body') ?? findValue(config, 'data') ?? findValue(config, 'json') : undefined,
  };
}

/** `this.axiosInstance(options)`: a retried client kept on an object, called as axios is, with its config. */
function retriedInstanceCalled(callee: ts.Expression, clientNames: Set<string>): string | undefined {
  const path = ts.isPropertyAccessExpression(callee) ? namePath(callee) : undefined;
  return path !== undefined && clientNames.has(path) ? path : undefined;
}

/** `fetchRetry(fetch)(url, init)`: a call of a retrying client built at once, by the name the library gave it (calledAtOnceName). */
function calledAtOnceClient(call: ts.CallExpression, clientNames: Set<string>): string | undefined {
  const builder = unwrap(call.expression);
  const name = ts.isCallExpression(builder) ? calledAtOnceName(builder) : undefined;
  return name !== undefined && clientNames.has(name) ? name : undefined;
}

/** An argument that turns a retry helper's retries off: a literal `0` after the first (`fetchWithRetry(url, init, 0)`), or `{ retries: 0 }`. */
export function toldNoRetries(call: ts.CallExpression, index?: SourceIndex): boolean {
  return call.arguments.some((argument, position) => {
    const inner = unwrap(argument);
    if (position > 0 && numericValue(inner) === 0) return true;
    return ts.isObjectLiteralExpression(inner) && inner.properties.some((property) => ts.isPropertyAssignment(property) && turnsRetriesOff(property, index));
  });
}

/**
 * `retries: 0`, `retry: false`, `noRetry: true`: an option that turns the callee's retries off for this call. A switch
 * (`retry: false`, not `retryOnTimeout: false`, which turns off one trigger) counts only where the file reads an
 * option of that name (`const { noRetry } = options`, `opts.noRetry`): in a body sent as it is, it is data.
 */
function turnsRetriesOff(property: ts.PropertyAssignment, index: SourceIndex | undefined): boolean {
  const name = propertyNameText(property.name) ?? '';
  const value = unwrap(property.initializer);
  if (RETRY_COUNT_OPTION.test(name) && numericValue(value) === 0) return true;
  const switchedOff = (RETRY_OPTION_NAME.test(name) && !/^retryOn/i.test(name) && value.kind === ts.SyntaxKind.FalseKeyword)
    || (NO_RETRY_OPTION_NAME.test(name) && value.kind === ts.SyntaxKind.TrueKeyword);
  return switchedOff && index !== undefined && readOnce(optionNamesRead, index, namesReadAsOptions).has(name);
}

const optionNamesRead = new WeakMap<SourceIndex, ReadonlySet<string>>();

/** The names the file reads off an object: `opts.noRetry`, `const { noRetry } = options`, `{ noRetry = false }` in a parameter. */
function namesReadAsOptions(index: SourceIndex): ReadonlySet<string> {
  const names = new Set<string>();
  walkTree(index.sourceFile, undefined, (node) => {
    if (ts.isPropertyAccessExpression(node)) names.add(node.name.text);
    else if (ts.isBindingElement(node)) {
      const bound = node.propertyName ?? node.name;
      if (ts.isIdentifier(bound)) names.add(bound.text);
    }
    return undefined;
  });
  return names;
}

function methodOf(config: ts.ObjectLiteralExpression): string | undefined {
  const value = findValue(config, 'method');
  if (!value) return hasSpread(config) ? undefined : 'GET';
  return methodText(unwrap(value))?.toUpperCase();
}

/** `'POST'`, and the default of `method || 'POST'` or `opts.method ?? 'POST'`: the method sent unless a caller says otherwise. */
function methodText(value: ts.Expression): string | undefined {
  const text = stringValue(value);
  if (text !== undefined || !ts.isBinaryExpression(value)) return text;
  const operator = value.operatorToken.kind;
  return operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken ? stringValue(unwrap(value.right)) : undefined;
}

function findValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const property = findProperty(object, name);
  return property ? valueOfProperty(property) : undefined;
}

/**
 * Functions named for reading (`queryFees`, `getNearby`, a route's `GET` handler, `searchUsers`, `quoteSwap`,
 * `simulateTransfer`): a POST they send asks a question (a search body, a query language, a price quote), it creates
 * nothing. So do those named for working an answer out of what they send, as READ_URL's services do (`detectSpam`,
 * `classifyText`, `translateTitle`). So does one that builds an unsigned transaction for the caller to sign and send later
 * (`buildSwapTransaction`): nothing is signed, so nothing can happen twice.
 */
const READER_FUNCTION = /^(query|get|fetch|search|list|find|lookup|load|read|check|validate|verify|estimate|calculate|compute|preview|count|resolve|quote|simulate|detect|classify|predict|translate|transcribe|recogni[sz]e)(?![a-z])|^(GET|HEAD)$|^build\w*?(Transaction|Tx)(?![a-z])/;

/** Whether each function reads (by the name of the nearest named function around it), so deep nests of arrows are walked once. */
const readerFunctions = new WeakMap<ts.Node, boolean>();

function isInsideReader(call: ts.CallExpression): boolean {
  const unnamed: ts.Node[] = [];
  let reads = false;
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    const known = readerFunctions.get(fn);
    if (known !== undefined) {
      reads = known;
      break;
    }
    // A private mark (`_fetchEncodedTx`, `#loadQuote`, `$getRoute`) says nothing of what the function does.
    const name = functionName(fn)?.replace(/^[_$#]{1,4}/, '');
    if (name) {
      reads = READER_FUNCTION.test(name) || READER_FUNCTION.test(name.charAt(0).toLowerCase() + name.slice(1));
      readerFunctions.set(fn, reads);
      break;
    }
    unnamed.push(fn);
  }
  for (const fn of unnamed) readerFunctions.set(fn, reads);
  return reads;
}

/**
 * Whether the request's options (or their headers) are handed in by the caller: a parameter of an
 * enclosing function, or a property of one (`axios.post(url, data, options)`, `{ ...init }`,
 * `headers: opts.headers`). The caller may send a key there, which this file cannot see.
 */
function optionsFromCaller(draft: Draft, index: SourceIndex): boolean {
  const passed = draft.call.arguments[draft.configPosition];
  const sources: ts.Expression[] = passed && !ts.isObjectLiteralExpression(unwrap(passed)) ? [passed] : [];
  const config = draft.config;
  if (config) {
    sources.push(...spreadsOf(config));
    const headers = findValue(config, 'headers');
    // `headers` may be a local built just before (`const headers = { …, ...(extraHeaders || {}) }`).
    const inner = headers && (resolveObject(headers, index) ?? unwrap(headers));
    if (inner && ts.isObjectLiteralExpression(inner)) sources.push(...spreadsOf(inner));
    else if (headers) sources.push(headers);
  }
  return sources.some((source) => isParameterOfEnclosingFunction(rootName(source), draft.call));
}

/**
 * A body the callers build, with a key in it: `fetch(url, { body: JSON.stringify(args.body) })` where a call in
 * the file passes `{ url, body: { ...body, idempotencyKey } }`, also through a function that passes its argument on.
 */
function bodyKeyFromCallers(draft: Draft, index: SourceIndex, keyNames: Set<string>): boolean {
  const root = draft.body && rootName(sentValue(draft.body));
  return root !== undefined && callersGiveKey(declaringFunction(root, draft.call), index, keyNames, 0);
}

/**
 * A body a caller out of sight hands in whole (`JSON.stringify(args.payload)`) as a type of its own, in a file
 * that speaks of idempotency (`// the receiver is idempotent`) but names no key in its code: the key, if any, is
 * in that payload. A key the file names (a header sent elsewhere, an `idempotencyKey` kept for a cache) is in sight.
 */
function bodyMayHoldKey(draft: Draft, index: SourceIndex, keyNames: Set<string>): boolean {
  const payload = draft.body && sentValue(draft.body);
  const path = payload && namePath(unwrap(payload))?.split('.');
  const fn = path && declaringFunction(path[0]!, draft.call);
  if (!path || !fn) return false;
  // Callers in the file show what they hand in (bodyKeyFromCallers): only a payload from out of sight may hold a key unseen.
  const name = functionName(fn);
  return (!name || callsNamed(index, name).length === 0) && !namesKey(index, keyNames) && typeMayHoldKey(path, fn, keyNames);
}

/**
 * Whether the file names a key anywhere in its code (a header, a property, a variable: `'Idempotency-Key'`,
 * `idempotencyKey`), not only in its comments: where it does, keys are sent in sight, and one missing is missing.
 */
function namesKey(index: SourceIndex, keyNames: Set<string>): boolean {
  return readOnce(namesKeyCache, index, () => [...index.names].some((name) => isKeyName(normaliseKeyName(name), keyNames)));
}

const namesKeyCache = new WeakMap<SourceIndex, boolean>();

/** The function around the node whose parameters bind the name. */
function declaringFunction(name: string, node: ts.Node): FunctionNode | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (fn.parameters.some((parameter) => bindsName(parameter.name, name))) return fn;
  }
  return undefined;
}

/**
 * Whether the payload's declared type may hold a key: a named type, out of sight (`payload: TransferRequest`,
 * `args.payload` where `args: { payload: TransferRequest }`), or one written out with a key among its members.
 * A payload of no declared type, `unknown` or `any`, or written out without a key, says nothing of one.
 */
function typeMayHoldKey(path: readonly string[], fn: FunctionNode, keyNames: Set<string>): boolean {
  const parameter = fn.parameters.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === path[0]);
  let type = parameter?.type;
  for (const property of path.slice(1)) {
    const member = type && ts.isTypeLiteralNode(type) ? type.members.find((candidate) => candidate.name && propertyNameText(candidate.name) === property) : undefined;
    type = member && ts.isPropertySignature(member) ? member.type : undefined;
  }
  if (type && ts.isTypeReferenceNode(type)) return true;
  if (!type || !ts.isTypeLiteralNode(type)) return false;
  return type.members.some((member) => member.name !== undefined && isKeyName(normaliseKeyName(propertyNameText(member.name) ?? ''), keyNames));
}

/** Whether a call of the function passes an object holding a key, or passes on its own parameter from callers that do (one call up). */
function callersGiveKey(fn: FunctionNode | undefined, index: SourceIndex, keyNames: Set<string>, hops: number): boolean {
  const name = fn ? functionName(fn) : undefined;
  if (!name || hops > 1) return false;
  return callsNamed(index, name).some((caller) => caller.arguments.some((argument) => {
    const object = resolveObject(argument, index);
    if (object) return [object, ...nestedObjects(object)].some((candidate) => keyProperty(candidate, keyNames) !== undefined);
    const passed = unwrap(argument);
    return ts.isIdentifier(passed) && callersGiveKey(declaringFunction(passed.text, caller), index, keyNames, hops + 1);
  }));
}

/** What the request may take its method from: its `method` value, the objects it spreads in, its arguments. */
function methodCarriers(draft: Draft): MethodCarrier[] {
  const carriers: MethodCarrier[] = [];
  if (draft.config) {
    const value = findValue(draft.config, 'method');
    if (value) carriers.push({ expression: value, role: 'value' });
    carriers.push(...spreadsOf(draft.config).map((expression) => ({ expression, role: 'options' as const })));
  }
  carriers.push(...draft.call.arguments.map((expression) => ({ expression, role: 'options' as const })));
  return carriers;
}

/**
 * A request whose `method` no caller in the file gives, judged by the methods its function declares it sends
 * (`{ method }: { method: 'POST' | 'GET' }`): where one changes state, by that one.
 */
function withDeclaredMethod(draft: Draft, index: SourceIndex): Draft {
  const value = draft.method === undefined && draft.config ? findValue(draft.config, 'method') : undefined;
  if (!value) return draft;
  const declared = declaredMethods(value, index).find(isStateChanging);
  return declared && !decidesByMethod(value, draft.call) ? { ...draft, method: declared } : draft;
}

/**
 * Whether the function around the request tests the method it sends other than in what it sends
 * (`const retries = method === 'GET' ? 3 : 0`, `IDEMPOTENT.includes(method)`, `switch (method)`; not `body: method
 * === 'POST' ? … : undefined`): it may retry only some methods, so the declared ones say nothing of what is retried.
 * Read once per function and name: a function may send thousands of requests.
 */
function decidesByMethod(value: ts.Expression, request: ts.CallExpression): boolean {
  const name = namePath(unwrap(value));
  const fn = enclosingFunction(request);
  if (!name || !fn?.body) return true;
  const byName = readOnce(methodTestsByFunction, fn, () => new Map<string, boolean>());
  let tests = byName.get(name);
  if (tests === undefined) byName.set(name, tests = testsMethodOutsideSentValues(fn.body, name));
  return tests;
}

const methodTestsByFunction = new WeakMap<FunctionNode, Map<string, boolean>>();

function testsMethodOutsideSentValues(body: ts.Node, name: string): boolean {
  let found = false;
  walkTree(body, undefined, (node) => {
    // What an object holds is what is sent (a request's options, its body), not a choice of what is retried.
    if (found || ts.isObjectLiteralExpression(node)) return SKIP_CHILDREN;
    if ((ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) && namePath(node) === name) {
      const parent = node.parent;
      found = (ts.isBinaryExpression(parent) && COMPARISON_OPERATORS.has(parent.operatorToken.kind)) || ts.isSwitchStatement(parent)
        || (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression));
    }
    return undefined;
  });
  return found;
}

/** `this.request('/api/batches/init', { method: 'POST', body })`: a call that gives a request function its method, as a request. */
function callerDraft(given: CallerMethod, index: SourceIndex): Draft {
  const { caller, argument } = given;
  const config = argument ? resolveObject(argument, index) : undefined;
  const url = addressArgument(caller, argument);
  const object = calleeObject(caller);
  return {
    call: caller, method: given.method, library: 'request', display: callDisplay(caller),
    clientName: object ? namePath(object) : calleeName(caller), config, configPosition: argument ? caller.arguments.indexOf(argument) : caller.arguments.length,
    configOpaque: false, url, body: config ? findValue(config, 'body') ?? findValue(config, 'data') ?? findValue(config, 'json') : undefined,
  };
}

/** The address a call that gives a request its method names: a string or template among its arguments (not the method's). */
function addressArgument(caller: ts.CallExpression, methodArgument: ts.Expression | undefined): ts.Expression | undefined {
  return caller.arguments.find((candidate) => isAddress(candidate, methodArgument));
}

function isAddress(candidate: ts.Expression, methodArgument: ts.Expression | undefined): boolean {
  const value = unwrap(candidate);
  return candidate !== methodArgument && isWrittenAddress(value) && !(ts.isStringLiteralLike(value) && METHOD_NAME.test(value.text));
}

/** Whether a call names the address it sends to: as an argument, or in options it writes out (`{ method: 'POST', path: '/orders' }`). */
function namesAddress(caller: ts.CallExpression, methodArgument: ts.Expression | undefined): boolean {
  if (addressArgument(caller, methodArgument)) return true;
  return caller.arguments.some((argument) => {
    const value = unwrap(argument);
    return ts.isObjectLiteralExpression(value) && ADDRESS_PROPERTIES.some((name) => isWrittenAddress(findValue(value, name)));
  });
}

/** An address written out: `'/orders'`, `` `/orders/${id}/refunds` `` (a method's name is no address). */
function isWrittenAddress(value: ts.Expression | undefined): boolean {
  const inner = value && unwrap(value);
  return inner !== undefined && (ts.isTemplateExpression(inner) || ts.isStringLiteralLike(inner));
}

/** A method named in a string: `'POST'`, `'patch'`. */
const METHOD_NAME = /^(post|patch|put|delete|get|head|options)$/i;
/** Where options name the address: `{ method: 'POST', path: '/orders' }`. */
const ADDRESS_PROPERTIES = ['path', 'url', 'uri', 'endpoint', 'route'];

/**
 * The calls (other than the request) that give it POST or PATCH, when every one of them names its address too (else
 * none). The requests of one function share their callers' list (methodsGiven): it is read once, and the rule reports
 * one list once.
 */
function addressedCallers(request: ts.CallExpression, traced: readonly CallerMethod[]): readonly ts.CallExpression[] | undefined {
  const addressed = readOnce(addressedByList, traced, addressedOf);
  return addressed && !addressed.members.has(request) ? addressed.callers : undefined;
}

const addressedByList = new WeakMap<readonly CallerMethod[], { callers: readonly ts.CallExpression[]; members: ReadonlySet<ts.Node> } | null>();

function addressedOf(traced: readonly CallerMethod[]): { callers: readonly ts.CallExpression[]; members: ReadonlySet<ts.Node> } | null {
  const changing = traced.filter((given) => isStateChanging(given.method));
  if (changing.length === 0 || !changing.every((given) => namesAddress(given.caller, given.argument))) return null;
  const callers = changing.map((given) => given.caller);
  return { callers, members: new Set(callers) };
}

/** A key in the options the caller that gives the method passes: `this.request(url, { method: 'POST', headers: { 'Idempotency-Key': key } })`. */
function keyFromCaller(caller: ts.CallExpression, index: SourceIndex, keyNames: Set<string>): KeyReference | undefined {
  for (const argument of caller.arguments) {
    const object = resolveObject(argument, index);
    const key = object ? keyInObject(object, keyNames, index).key : undefined;
    if (key) return key;
  }
  return undefined;
}

/** What an object spreads in: `...init`, and `init` in `...(init || {})` or `...(init ?? {})`. */
function spreadsOf(object: ts.ObjectLiteralExpression): ts.Expression[] {
  return object.properties.filter(ts.isSpreadAssignment).map((spread) => {
    const value = unwrap(spread.expression);
    const fallback = ts.isBinaryExpression(value) && (value.operatorToken.kind === ts.SyntaxKind.BarBarToken || value.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken);
    return fallback ? value.left : value;
  });
}

/** Headers that place a chunk of an upload: the tus protocol's `Upload-Offset`, a ranged upload's `Content-Range`. */
const CHUNK_PLACEMENT_HEADER = /^(upload-offset|content-range)$/i;

/**
 * A chunk written at the offset the request states (`headers: { 'Upload-Offset': offset }`): sent twice,
 * it writes the same bytes in the same place, and a tus server refuses an offset that no longer matches.
 */
function writesAtStatedOffset(config: ts.ObjectLiteralExpression | undefined): boolean {
  const headers = config ? findValue(config, 'headers') : undefined;
  const object = headers ? unwrap(headers) : undefined;
  return object !== undefined && ts.isObjectLiteralExpression(object)
    && object.properties.some((property) => CHUNK_PLACEMENT_HEADER.test(propertyNameText(property.name) ?? ''));
}

function isParameterOfEnclosingFunction(name: string | undefined, node: ts.Node): boolean {
  return name !== undefined && declaringFunction(name, node) !== undefined;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, name));
}

/**
 * An action on a resource named by an id, that puts it in a state (`/batches/${id}/finalize`,
 * `/orders/${orderId}/cancel`, `/invoices/${id}/expire`): done twice, it ends in the same state. Creating (`/start`, `/files`),
 * confirming a payment or capturing one are not among them.
 */
const STATE_ACTION_URL = /\$\{[^}]{1,80}\}(?:\/[\w-]{1,40})?\/(?:complete|finali[sz]e|cancel|close|archive|unarchive|publish|unpublish|activate|deactivate|enable|disable|revoke|approve|reject|lock|unlock|reopen|resolve|pause|resume|expire|void|suspend|terminate)\/?`$/i;

/**
 * An RPC-style call that puts a resource named in its body in a state (`/revoke-license`, `/subscriptions/cancel`,
 * `/pauseJob`), or sets one of its values (`/position/set-leverage`, `/setWebhook`): the last path segment starts
 * with the verb. Fewer verbs than with an id in the path: without one, `complete`, `approve` or `lock` may as well
 * act on an amount; `set` must name what it sets.
 */
const STATE_CALL_URL = /\/(?:(?:cancel|revoke|archive|unarchive|deactivate|disable|enable|pause|resume|suspend|unpublish|close)(?:[-_][a-z][\w-]{0,40}|[A-Z][\w-]{0,40})?|set(?:[-_][a-z][\w-]{0,40}|[A-Z][\w-]{0,40}))\/?['"`]$/;

/**
 * A liveness report (`/notify_agent_alive`, `/heartbeat`, `/agents/${id}/keep-alive`): sent again, it only says
 * again that the sender is alive. The word is a whole part of the last segment (not `/healthcare-claims`); `ping`
 * is not among the words, since a ping may notify a person.
 */
const LIVENESS_URL = /\/(?:[\w-]{0,40}[-_])?(?:heartbeat|keep[-_]?alive|alive|health[-_]?check)(?:[-_][\w-]{0,40})?\/?['"`]$/i;

/**
 * A deletion sent as POST (`/v1/contacts/delete`, `/lists/${id}/members/remove`): deleting again leaves the same state;
 * so does signing out again (`/auth/logout`).
 */
const DELETION_URL = /\/(?:delete|remove|destroy|unsubscribe|log[-_]?out|sign[-_]?out)\/?['"`]$/i;

/** An address whose POST, sent twice, leaves what it acts on as once: a state change, a deletion, a liveness report. */
/**
 * Adding a reaction (`/api/reactions.add`, `/issues/comments/${id}/reactions`): a person's emoji on an item is there
 * once however often it is added (Slack answers `already_reacted`, GitHub the reaction it has).
 */
const REACTION_URL = /[/.]reactions?(?:\.add)?\/?$/i;

function sameStateWhenRepeated(url: ts.Expression | undefined, index: SourceIndex): boolean {
  if (url === undefined) return false;
  if (REACTION_URL.test(addressText(url, index))) return true;
  const whole = unwrap(url);
  // `config.get('url') + 'auth/logout'`: the address ends with the text added last.
  const inner = ts.isBinaryExpression(whole) && whole.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isStringLiteralLike(unwrap(whole.right)) ? unwrap(whole.right) : whole;
  const literal = ts.isStringLiteralLike(inner) || ts.isTemplateExpression(inner);
  if (!literal) return false;
  const text = nodeText(inner);
  return DELETION_URL.test(text) || STATE_CALL_URL.test(text) || LIVENESS_URL.test(text) || (ts.isTemplateExpression(inner) && STATE_ACTION_URL.test(text));
}

/**
 * A PATCH of a resource named by an id whose body sets fields to values (`patch(\`/pages/${id}\`, { archived })`):
 * sent twice, it leaves the same state. One that applies a change is not: a JSON Patch (an array of
 * operations), or a field that moves a value by an amount (`{ delta }`, `{ increment: 1 }`).
 */
const CHANGE_FIELD = /^(delta|diff|change|increment|decrement|inc|dec|add|append|push|adjust|adjustment|by|op|ops|operations?|patch)$/i;

function setsFieldsOfResource(method: string | undefined, url: ts.Expression | undefined, body: ts.Expression | undefined, index: SourceIndex): boolean {
  if (method !== 'PATCH' || !url || !body) return false;
  const address = unwrap(url);
  const namesResource = ts.isTemplateExpression(address) || (ts.isBinaryExpression(address) && address.operatorToken.kind === ts.SyntaxKind.PlusToken);
  let fields = unwrap(body);
  if (ts.isCallExpression(fields) && calleeName(fields) === 'stringify' && fields.arguments[0]) fields = unwrap(fields.arguments[0]);
  if (!namesResource) return false;
  // A parameter sent as the body is judged by the fields its declared type lists (`data: { status: 'done' }`).
  const names = ts.isObjectLiteralExpression(fields) ? fields.properties.map((property) => (property.name && !ts.isSpreadAssignment(property) ? propertyNameText(property.name) : undefined))
    : declaredFieldNames(fields, index);
  return names !== undefined && names.length > 0 && names.every((name) => name !== undefined && name !== '' && !CHANGE_FIELD.test(name));
}

/** POST used for reading: GraphQL queries (not mutations), search endpoints, token polling, Twirp. */
function isReadRequest(url: ts.Expression | undefined, body: ts.Expression | undefined, config: ts.ObjectLiteralExpression | undefined, index: SourceIndex): boolean {
  const bodyText = textOr(body, config ? textOr(findValue(config, 'body')) : '');
  if (/\bmutation\b/.test(bodyText) || /\bmutation\b/.test(resolvedQueryText(bodyText, index))) return false;
  if (/\bquery\s*:\s*(`|'|")\s*(query\b|\{)/.test(bodyText) || /\bquery\s*:\s*gql\b/.test(bodyText)) return true;
  if (!url) return false;
  if (READ_URL.test(literalText(url)) || READ_URL.test(nodeText(url)) || READ_ADDRESS_NAME.test(namePath(url) ?? '') || READ_URL.test(addressText(url, index))) return true;
  const handed = addressesFromCallers(url, index);
  return handed.length > 0 && handed.every((address) => READ_URL.test(addressText(address, index)));
}

/** How many calls of a request function the addresses it is handed are read from (more: not read). */
const MAX_ADDRESS_CALLERS = 16;

/**
 * `request(endpoint) { … this.client.post(\`${endpoint}?appId=${id}\`) }`, called in the file as
 * `this.request('/v3.0/customer/list')`: the addresses its calls hand it, where its address starts with a parameter.
 * Empty where a call hands none or the function is called nowhere in the file.
 */
function addressesFromCallers(url: ts.Expression, index: SourceIndex): ts.Expression[] {
  const fn = enclosingFunction(url);
  const position = fn ? leadingParameter(url, fn, index) : undefined;
  if (position === undefined) return [];
  const addresses = readOnce(callersOf, fn!, (called) => outsideCallers(called, index)).map((call) => call.arguments[position]);
  return addresses.every((address) => address !== undefined) ? (addresses as ts.Expression[]) : [];
}

/** The calls of each function from outside it, read once per function (a function with thousands of requests asks once). */
const callersOf = new WeakMap<FunctionNode, readonly ts.CallExpression[]>();

function outsideCallers(fn: FunctionNode, index: SourceIndex): readonly ts.CallExpression[] {
  const name = functionName(fn);
  const calls = name ? callsNamed(index, name) : [];
  // More calls than are read: none is read (counted before the filter, which costs a walk up from each call).
  return calls.length > MAX_ADDRESS_CALLERS ? [] : calls.filter((call) => enclosingFunction(call) !== fn);
}

/** The parameter of `fn` an address starts with: `endpoint` in `\`${endpoint}?x=1\``, also through a `const` built from it. */
function leadingParameter(address: ts.Expression, fn: FunctionNode, index: SourceIndex, depth = 0): number | undefined {
  const inner = unwrap(address);
  if (depth > MAX_ADDRESS_DEPTH) return undefined;
  if (ts.isIdentifier(inner)) {
    const position = fn.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === inner.text);
    if (position >= 0) return position;
    const declaration = constantNamed(inner, index);
    return declaration ? leadingParameter(declaration.initializer!, fn, index, depth + 1) : undefined;
  }
  if (ts.isTemplateExpression(inner) && inner.head.text === '') return leadingParameter(inner.templateSpans[0]!.expression, fn, index, depth + 1);
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) return leadingParameter(inner.left, fn, index, depth + 1);
  return undefined;
}

/** An address written here: a path (`/orders`, `api/orders`) or a URL, also built from constants of the file. */
const ADDRESS_TEXT = /^\/|:\/\/|^[\w.-]+\/[\w{$-]/;

function statesAddress(argument: ts.Expression | undefined, index: SourceIndex): boolean {
  return argument !== undefined && ADDRESS_TEXT.test(addressText(argument, index));
}

/** How many scopes up from a name its declaration is looked for. */
const MAX_SCOPE_STEPS = 32;

/** The `const` a name refers to: the nearest one declared in a scope around it (`const url = …` in this method), or the file's only one. */
function constantNamed(name: ts.Identifier, index: SourceIndex): ts.VariableDeclaration | undefined {
  let declarations: ts.VariableDeclaration[] | undefined;
  let scope: ts.Node | undefined = name.parent;
  for (let steps = 0; scope && !declarations && steps < MAX_SCOPE_STEPS; scope = scope.parent, steps++) declarations = index.scopedDeclarations.get(scope)?.get(name.text);
  declarations ??= index.declarations.get(name.text);
  const only = declarations?.length === 1 ? declarations[0]! : undefined;
  const constant = only?.initializer !== undefined && ts.isVariableDeclarationList(only.parent) && (only.parent.flags & ts.NodeFlags.Const) !== 0;
  return constant ? only : undefined;
}

/** How many constants deep an address is read (`const URL = \`${baseUrl}\``, then `baseUrl`). */
const MAX_ADDRESS_DEPTH = 3;

/**
 * The text of an address with the constants it is built from read in: `${baseUrl}/x` where the file has
 * `const baseUrl = 'https://api.example.com/contacts/search'`. Names that are not constants of the file read as nothing.
 */
function addressText(url: ts.Expression, index: SourceIndex, depth = 0): string {
  const inner = unwrap(url);
  if (depth > MAX_ADDRESS_DEPTH) return '';
  if (ts.isIdentifier(inner)) {
    const declaration = constantNamed(inner, index);
    return declaration ? addressText(declaration.initializer!, index, depth + 1) : '';
  }
  if (ts.isTemplateExpression(inner)) {
    return inner.head.text + inner.templateSpans.map((span) => addressText(span.expression, index, depth + 1) + span.literal.text).join('');
  }
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return addressText(inner.left, index, depth + 1) + addressText(inner.right, index, depth + 1);
  }
  return stringValue(inner) ?? '';
}

/** The text behind `query: NAME` in a GraphQL body, where NAME is a constant declared in the file. */
function resolvedQueryText(bodyText: string, index: SourceIndex): string {
  const match = /\bquery\s*:\s*([A-Za-z_$][\w$]*)/.exec(bodyText);
  if (!match) return '';
  const declaration = index.declarations.get(match[1]!)?.[0];
  return textOr(declaration?.initializer);
}

// ---------------------------------------------------------------------------------------------
// The key

/** Sets the key the request sends, if it is in sight; returns whether options we cannot read may hold one. */
function findKey(request: HttpRequest, index: SourceIndex, keyNames: Set<string>): boolean {
  let hidden = request.keyMayBeHidden;
  if (request.config) {
    const found = keyInObject(request.config, keyNames, index);
    request.key = found.key;
    hidden ||= found.hidden;
  }
  request.key ??= keyInChain(request.call, keyNames) ?? keySetOnPassedOptions(request, keyNames, index);
  return hidden;
}

/**
 * `options.headers['PAYPAL-REQUEST-ID'] = uuid()` (or `options.idempotencyKey = …`) in the function that then sends
 * `retry.post(options)`: the key is set on the options object the request is given, by assignment.
 */
function keySetOnPassedOptions(request: HttpRequest, keyNames: ReadonlySet<string>, index: SourceIndex): KeyReference | undefined {
  // Whichever argument holds the options (`retry.post(options)`, `axios.post(url, body, config)`).
  for (const argument of request.call.arguments) {
    const passed = unwrap(argument);
    const key = ts.isIdentifier(passed) ? keyAssignedUnder([`${passed.text}.headers.`, `${passed.text}.`], request.call, keyNames, index) : undefined;
    if (key) return key;
  }
  return undefined;
}

/** A key-named member set under one of the prefixes (`headers.`), directly, in the function around `node`. */
function keyAssignedUnder(prefixes: readonly string[], node: ts.Node, keyNames: ReadonlySet<string>, index: SourceIndex): KeyReference | undefined {
  const assignments = index.functionAssignments.get(enclosingFunction(node) ?? index.sourceFile);
  if (!assignments) return undefined;
  for (const [path, binaries] of assignments) {
    const prefix = prefixes.find((candidate) => path.startsWith(candidate));
    const member = prefix && path.slice(prefix.length);
    if (!member || member.includes('.') || !isKeyName(normaliseKeyName(member), keyNames)) continue;
    const assignment = binaries.find((binary) => binary.operatorToken.kind === ts.SyntaxKind.EqualsToken);
    if (assignment) return { carrier: assignment, value: assignment.right };
  }
  return undefined;
}

/** Body fields that name a request: `transactionId`, `request_id`, `reference`, `nonce`, `clientToken`. */
const ID_FIELD = /(^|_)(id|uuid|key|nonce|reference|ref|token)$|[a-z0-9](Id|ID|Uuid|UUID|Key|Nonce|Reference|Ref|Token)$/;

/**
 * A body that carries an id made by an id generator (`const transactionId = uuidv4()`, then
 * `axios.post(url, { amount, transactionId })`): the server can tell a repeat by it, as by a key. Where it
 * is made decides the rest: before the retry it is stable; inside, unstable-idempotency-key reports it.
 */
function idInBody(body: ts.Expression | undefined, index: SourceIndex): KeyReference | undefined {
  if (!body) return undefined;
  const object = resolveObject(sentValue(body), index);
  if (!object) return undefined;
  for (const property of object.properties) {
    const name = propertyNameText(property.name);
    const value = ts.isShorthandPropertyAssignment(property) ? property.name : ts.isPropertyAssignment(property) ? property.initializer : undefined;
    if (name && value && ID_FIELD.test(name) && madeByIdGenerator(value, index)) return { carrier: property, value };
  }
  return stampedMessageId(object, index);
}

/** The value a body sends: `payload` in `JSON.stringify(payload)`, else the body itself. */
function sentValue(body: ts.Expression): ts.Expression {
  const inner = unwrap(body);
  return ts.isCallExpression(inner) && calleeName(inner) === 'stringify' && inner.arguments[0] ? unwrap(inner.arguments[0]) : inner;
}

/**
 * A JSON-RPC call that sends a transaction signed before it (`{ jsonrpc: '2.0', method: 'sendTransaction', params:
 * [serialized] }`, Solana's; `eth_sendRawTransaction`): the chain knows it by its signature or hash and takes it once,
 * however often it is sent. (`eth_sendTransaction`, which the node signs, is not one.)
 */
function sendsSignedTransaction(body: ts.Expression | undefined, index: SourceIndex): boolean {
  const object = body ? resolveObject(sentValue(body), index) : undefined;
  const method = object ? findValue(object, 'method') : undefined;
  return method !== undefined && SIGNED_TRANSACTION_METHOD.test(stringValue(method) ?? '');
}

const SIGNED_TRANSACTION_METHOD = /^(eth_)?sendRawTransaction$|^sendTransaction$|^sendBundle$/;

/**
 * `body: JSON.stringify({ query, variables })` where `query` is the function's parameter: a GraphQL operation its caller
 * writes, out of sight. A query is a read; only a mutation would need a key, and which one it is cannot be told here.
 */
function sendsCallersGraphqlOperation(body: ts.Expression | undefined, index: SourceIndex): boolean {
  const object = body ? resolveObject(sentValue(body), index) : undefined;
  const query = object ? findValue(object, 'query') : undefined;
  const value = query ? unwrap(query) : undefined;
  return value !== undefined && ts.isIdentifier(value) && isParameterOfEnclosingFunction(value.text, value);
}

/** Fields that name the operation itself: `correlationId`, `request_id`, `transactionReference`, `nonce` (not `external_id`: payment APIs keep it as a free reference, without deduplicating). */
const OPERATION_ID_FIELD = /^(nonce|reference)$|(correlation|request|transaction|operation|dedup\w*|client_?(request|reference)|originator_?conversation)_?(id|key|ref|reference)$/i;

/**
 * A body that carries the operation's own id, however it was made: a field of the body
 * (`{ amount, correlationId: payment.correlationId }`), or a member of the body object read in the same
 * function (`JSON.stringify(payment)` beside `payment.requestId`), or in the object the function re-made the
 * body as (`request = { ...request, extensions: { operationId } }`). Whether the server deduplicates on it is
 * out of sight, so a missing key is not claimed.
 */
function carriesOperationId(body: ts.Expression | undefined, index: SourceIndex): boolean {
  if (!body) return false;
  const inner = sentValue(body);
  const object = resolveObject(inner, index);
  if (object && (namesOperationId(object) || reportsStateOf(object))) return true;
  if (!ts.isIdentifier(inner)) return false;
  const scope = enclosingFunction(inner) ?? inner.getSourceFile();
  return objectsWithOperationId(scope).has(inner.text) || givenOperationId(inner.text, scope, index) || typedWithOwnId(inner);
}

/** A type named for an event or a message (`TrackEvent`, `OutboxMessage`), and the word that names its own id. */
const EVENT_TYPE_NAME = /(Event|Message)s?$/;

/**
 * A body handed in as one of the file's event or message types that has an id of its own (`sendEvent(event: TrackEvent)`,
 * `interface TrackEvent { eventId?: string; … }`): the event carries the id it was given when it was made, the same
 * on every attempt, and receivers of events deduplicate on it.
 */
function typedWithOwnId(name: ts.Identifier): boolean {
  const fn = declaringFunction(name.text, name);
  const parameter = fn?.parameters.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name.text);
  const type = parameter?.type;
  const typeName = type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) ? type.typeName.text : undefined;
  const word = typeName && EVENT_TYPE_NAME.exec(typeName)?.[1]?.toLowerCase();
  if (!typeName || !word) return false;
  const ownId = new Set(['id', 'uuid', `${word}id`]);
  return membersOfTypeNamed(typeName, name.getSourceFile()).some((member) => ownId.has(normaliseKeyName(member)));
}

/** The property names of an interface or object type alias the file declares at its top level. */
function membersOfTypeNamed(typeName: string, sourceFile: ts.SourceFile): string[] {
  for (const statement of sourceFile.statements) {
    const members = ts.isInterfaceDeclaration(statement) && statement.name.text === typeName ? statement.members
      : ts.isTypeAliasDeclaration(statement) && statement.name.text === typeName && ts.isTypeLiteralNode(statement.type) ? statement.type.members
        : undefined;
    if (members) return members.flatMap((member) => (member.name ? [propertyNameText(member.name) ?? ''] : []));
  }
  return [];
}

/** Fields that state where something stands: `status`, `call_status`, `state`. */
const STATE_FIELD = /(^|_)status$|[a-z]Status$|^state$/;

/**
 * `{ callId: call.id, status: 'completed', completedAt }`: a report of where a known thing stands, naming it by the
 * id it already has. Sent twice, it states the same again; the receiver can tell the repeat by that id.
 */
function reportsStateOf(object: ts.ObjectLiteralExpression): boolean {
  let states = false;
  let names = false;
  for (const property of object.properties) {
    const name = propertyNameText(property.name) ?? '';
    if (STATE_FIELD.test(name)) states = true;
    const value = ts.isPropertyAssignment(property) ? unwrap(property.initializer) : undefined;
    if (ID_FIELD.test(name) && value && ts.isPropertyAccessExpression(value) && ID_FIELD.test(value.name.text)) names = true;
  }
  return states && names;
}

/** An object with an operation id among its fields, or in an object one level down (`{ ...request, extensions: { operationId } }`). */
function namesOperationId(object: ts.ObjectLiteralExpression, depth = 0): boolean {
  return object.properties.some((property) => {
    if (OPERATION_ID_FIELD.test(propertyNameText(property.name) ?? '')) return true;
    const value = depth === 0 && ts.isPropertyAssignment(property) ? unwrap(property.initializer) : undefined;
    return value !== undefined && ts.isObjectLiteralExpression(value) && namesOperationId(value, depth + 1);
  });
}

/** The body re-made with the operation's id in the function that sends it: `request = { ...request, extensions: { operationId } }`. */
function givenOperationId(name: string, scope: ts.Node, index: SourceIndex): boolean {
  const assignments = index.functionAssignments.get(scope)?.get(name) ?? [];
  return assignments.some((assignment) => {
    const value = unwrap(assignment.right);
    return ts.isObjectLiteralExpression(value) && namesOperationId(value);
  });
}

const operationIdHolders = new WeakMap<ts.Node, Set<string>>();

/** The names whose operation id the scope reads (`payment` for `payment.requestId`): read once per scope. */
function objectsWithOperationId(scope: ts.Node): Set<string> {
  return readOnce(operationIdHolders, scope, () => {
    const found = new Set<string>();
    walkTree(scope, undefined, (node) => {
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && OPERATION_ID_FIELD.test(node.name.text)) found.add(node.expression.text);
      return undefined;
    });
    return found;
  });
}

/**
 * A batch of messages each stamped with an id when it was queued (`message.messageId = uuid()`, then
 * `post(url, { batch: messages })`, as analytics SDKs send events): the server drops the repeats by
 * those ids. The stamp is made once per message, away from the send, so it stays the same across retries.
 */
function stampedMessageId(body: ts.ObjectLiteralExpression, index: SourceIndex): KeyReference | undefined {
  const carriesItems = body.properties.some((property) => ts.isShorthandPropertyAssignment(property)
    || (ts.isPropertyAssignment(property) && ts.isIdentifier(unwrap(property.initializer))));
  if (!carriesItems) return undefined;
  const sender = enclosingFunction(body);
  const stamp = idStamps(index).find((assignment) => enclosingFunction(assignment) !== sender);
  return stamp ? { carrier: stamp, value: stamp.right } : undefined;
}

const stampsByIndex = new WeakMap<SourceIndex, ts.BinaryExpression[]>();

/** Assignments of a generated id to an object's id field in the file: `message.messageId = \`node-\${uuid()}\``. */
function idStamps(index: SourceIndex): ts.BinaryExpression[] {
  let stamps = stampsByIndex.get(index);
  if (!stamps) {
    stamps = [];
    for (const [path, assignments] of index.assignments) {
      const dot = path.lastIndexOf('.');
      if (dot < 0 || !ID_FIELD.test(path.slice(dot + 1))) continue;
      stamps.push(...assignments.filter((assignment) => holdsIdGeneratorCall(assignment.right)));
    }
    stampsByIndex.set(index, stamps);
  }
  return stamps;
}


/** `uuidv4()`, `randomUUID()`, or a local whose one value is such a call. */
function madeByIdGenerator(value: ts.Expression, index: SourceIndex): boolean {
  const inner = unwrap(value);
  const call = ts.isIdentifier(inner) ? index.declarations.get(inner.text)?.[0]?.initializer : inner;
  const made = call ? unwrap(call) : undefined;
  return made !== undefined && ts.isCallExpression(made) && ID_GENERATOR.test(calleeName(made) ?? '');
}

/** A key at the top level of the options (SDK style) or in its `headers`, which may be a literal, `new Headers({…})`, or a const. */
function keyInObject(config: ts.ObjectLiteralExpression, keyNames: Set<string>, index: SourceIndex): { key?: KeyReference; hidden: boolean } {
  const direct = keyProperty(config, keyNames);
  if (direct) return { key: direct, hidden: false };
  const headersValue = findValue(config, 'headers');
  if (!headersValue) return { hidden: hasSpread(config) };
  let headers = resolveObject(headersValue, index);
  const inner = unwrap(headersValue);
  if (!headers && ts.isNewExpression(inner) && inner.arguments?.[0]) headers = resolveObject(inner.arguments[0], index);
  if (!headers) return { hidden: true };
  const key = keyProperty(headers, keyNames) ?? deliveryIdHeader(headers) ?? (ts.isIdentifier(inner) ? keyAssignedTo(inner, keyNames, index) : undefined);
  return { key, hidden: !key && hasSpread(headers) };
}

/** `headers['Idempotency-Key'] = key` after `const headers = {…}`, in the function that sends them. */
function keyAssignedTo(headers: ts.Identifier, keyNames: ReadonlySet<string>, index: SourceIndex): KeyReference | undefined {
  return keyAssignedUnder([`${headers.text}.`], headers, keyNames, index);
}

/** `{ 'Gateway-Event-Id': event.id, … }`: a header naming the event or delivery sent, which receivers deduplicate on. */
function deliveryIdHeader(headers: ts.ObjectLiteralExpression): KeyReference | undefined {
  for (const property of headers.properties) {
    const name = property.name ? propertyNameText(property.name) : undefined;
    const value = name && DELIVERY_ID_HEADER.test(normaliseKeyName(name)) ? valueOfProperty(property) : undefined;
    if (value) return { carrier: property, value };
  }
  return undefined;
}

function keyProperty(object: ts.ObjectLiteralExpression, keyNames: Set<string>): KeyReference | undefined {
  for (const property of object.properties) {
    const name = property.name ? propertyNameText(property.name) : undefined;
    if (!name || !isKeyName(normaliseKeyName(name), keyNames)) continue;
    const value = valueOfProperty(property);
    if (value) return { carrier: property, value };
  }
  return undefined;
}

/** superagent and friends: `request.post(url).set('Idempotency-Key', key).send(body)`. */
function keyInChain(call: ts.CallExpression, keyNames: Set<string>): KeyReference | undefined {
  let node: ts.Node = call;
  while (node.parent && ts.isPropertyAccessExpression(node.parent) && node.parent.parent && ts.isCallExpression(node.parent.parent)) {
    const chained = node.parent.parent;
    const method = expressionName(node.parent);
    const header = stringValue(chained.arguments[0]);
    if ((method === 'set' || method === 'header' || method === 'setHeader') && header && isKeyName(normaliseKeyName(header), keyNames) && chained.arguments[1]) {
      return { carrier: chained, value: chained.arguments[1] };
    }
    node = chained;
  }
  return undefined;
}

/** Whether a request changes state in a way that a repeat would duplicate. */
export function isUnsafe(request: HttpRequest): boolean {
  return isStateChanging(request.method);
}
