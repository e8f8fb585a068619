// axios-retry: `axiosRetry(client, { retries, retryDelay, retryCondition })`. Three retries, no wait
// unless `retryDelay` is set; `exponentialDelay` is jittered. Its default condition
// (isNetworkOrIdempotentRequestError) retries idempotent requests, and network errors of any method: a
// POST whose connection dropped after it was sent (ECONNRESET) is sent again, which is exactly the lost
// response an idempotency key is for. So a client on the default condition covers POST; a custom
// `retryCondition` is read (below), and options from elsewhere are not taken to cover it.
import ts from 'typescript';
import { calleeName, isFunctionNode, namePath, ownName, unwrap } from '../ast';
import type { Backoff } from '../retry-model';
import { nodeText } from '../run-context';
import type { SourceIndex } from '../source-index';
import type { LibrarySpec } from './library-spec';
import { countBound, delayBackoff, isImportedEntry, libraryConstruct, option, optionsAt, plainCalleeName, requiredEntryCall, retriesZero, withParameterDefault } from './option-reading';

export const axiosRetry: LibrarySpec = {
  id: 'axios-retry',
  docs: 'https://github.com/softonic/axios-retry#options (retries 3, retryDelay () => 0, isNetworkOrIdempotentRequestError)',
  modules: ['axios-retry'],
  entries: ['default', 'axiosRetry'],
  names: ['axiosRetry'],
  options: { attempts: 'retries', delay: 'retryDelay' },
  defaults: { retries: 3, delay: 'none', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = plainCalleeName(site);
    const required = requiredEntryCall(site, axiosRetry);
    if (!ts.isCallExpression(site) || (!required && (!name || (!isImportedEntry(index, name, axiosRetry) && !(name === 'axiosRetry' && !index.imports.has(name)))))) return false;
    const client = site.arguments[0] ? namePath(site.arguments[0]) : undefined;
    const options = optionsAt(site, 1, index);
    if (retriesZero(options, 'retries', index)) return true;
    const calleeText = nodeText(site.expression);
    const label = client ? `\`${calleeText}\` on \`${client}\`` : `\`${calleeText}\``;
    const construct = libraryConstruct(site, 'library', label, index, countBound(options, 'retries', axiosRetry.defaults.retries), axiosRetryBackoff(site, calleeText, index), []);
    facts.constructs.push(construct);
    if (client) {
      const condition = option(options, 'retryCondition');
      // Options from elsewhere may hold any condition: not taken to cover POST.
      const coversPost = options !== 'opaque' && (condition === undefined || conditionCoversPost(condition, index));
      facts.clients.push({ name: client, label, coversPost, backoff: construct.backoff, at: construct.report });
    }
    return true;
  },
};

function axiosRetryBackoff(call: ts.CallExpression, calleeText: string, index: SourceIndex): Backoff {
  const options = optionsAt(call, 1, index);
  const retryDelay = option(options, 'retryDelay');
  if (options === 'opaque') return { kind: 'unknown' };
  if (!retryDelay) {
    return { kind: 'library-default', detail: 'axios-retry waits no time between attempts unless `retryDelay` is set', fix: { title: `Set \`retryDelay: ${calleeText}.exponentialDelay\``, target: typeof options === 'string' ? call : options, property: `retryDelay: ${calleeText}.exponentialDelay` } };
  }
  // `{ retryDelay = axiosRetry.exponentialDelay }` in the function around: its default, unless a caller gives its own.
  const delayText = nodeText(withParameterDefault(retryDelay));
  if (/exponentialDelay$/.test(delayText)) return { kind: 'jittered' };
  if (/linearDelay/.test(delayText)) return { kind: 'library-default', detail: 'axios-retry `linearDelay` has no jitter' };
  return delayBackoff(retryDelay, index);
}

/**
 * A custom axios-retry `retryCondition` re-sends a POST unless it keeps to safe or idempotent
 * requests: `isIdempotentRequestError`, `axiosRetry.isSafeRequestError`, or a test of the method
 * against GET/HEAD/OPTIONS/PUT/DELETE that never names POST or PATCH
 * (`e.config?.method === 'get'`, `['get', 'head'].includes(e.config.method)`). The restriction
 * must hold on every way to `true`: `a && safe` restricts, `status === 429 || safe` does not.
 * A condition we cannot read (an imported predicate) is not taken to cover POST: a false alarm
 * costs more than a miss.
 */
function conditionCoversPost(condition: ts.Expression, index: SourceIndex): boolean {
  const inner = unwrap(condition);
  if (isFunctionNode(inner)) return !restrictsToSafeMethods(inner);
  const path = namePath(inner);
  const name = path === undefined ? undefined : ownName(path);
  const own = path !== undefined ? libraryCondition(path, index) : undefined;
  if (own !== undefined) return own;
  if (name && /idempotent|safe/i.test(name)) return false;
  const local = name ? index.functions.get(name) : undefined;
  return local !== undefined && local.every((fn) => !restrictsToSafeMethods(fn));
}

/**
 * axios-retry's own conditions and whether each re-sends a POST (its README): `isNetworkError` and
 * `isRetryableError` (a 5xx or 429, or no answer) test no method; `isNetworkOrIdempotentRequestError` (the
 * default) re-sends any method whose connection failed; the other two keep to safe or idempotent methods.
 */
const LIBRARY_CONDITIONS: ReadonlyMap<string, boolean> = new Map([
  ['isNetworkError', true], ['isRetryableError', true], ['isNetworkOrIdempotentRequestError', true],
  ['isSafeRequestError', false], ['isIdempotentRequestError', false],
]);

/** One of axios-retry's conditions, read through its import (`axiosRetry.isRetryableError`, or imported by name). */
function libraryCondition(path: string, index: SourceIndex): boolean | undefined {
  const covers = LIBRARY_CONDITIONS.get(path.slice(path.lastIndexOf('.') + 1));
  if (covers === undefined) return undefined;
  const module = index.imports.get(path.split('.')[0]!)?.split('#')[0];
  return module !== undefined && axiosRetry.modules.includes(module) ? covers : undefined;
}

function restrictsToSafeMethods(fn: ts.Node): boolean {
  const body = (fn as ts.ArrowFunction).body as ts.Node | undefined;
  if (!body) return false;
  if (!ts.isBlock(body)) return expressionRestricts(body as ts.Expression);
  const returns = body.statements.filter(ts.isReturnStatement);
  // A single `return` is read like an expression body; other block bodies only by their text.
  if (returns.length === 1 && body.statements.length === 1 && returns[0]!.expression) return expressionRestricts(returns[0]!.expression);
  const text = nodeText(body);
  return /idempotent|isSafe|safeRequest/i.test(text) && !/\|\|/.test(text);
}

function expressionRestricts(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  if (ts.isBinaryExpression(node)) {
    if (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return expressionRestricts(node.left) || expressionRestricts(node.right);
    if (node.operatorToken.kind === ts.SyntaxKind.BarBarToken) return expressionRestricts(node.left) && expressionRestricts(node.right);
  }
  if (ts.isCallExpression(node) && /idempotent|isSafe|safeRequest/i.test(calleeName(node) ?? '')) return true;
  const text = nodeText(node);
  return /\bmethod\b/i.test(text) && /['"`](get|head|options|put|delete)['"`]/i.test(text) && !/['"`](post|patch)['"`]/i.test(text)
    && !/^!|!==|!=(?!=)/.test(text);
}
