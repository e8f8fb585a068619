// Library retries and calls of local helpers named for retrying. Each call and `new` in the file is
// offered to the registry's recognisers (src/analysis/libraries/, in registry order) for the libraries the
// file mentions; a call no library claims is a helper call if its name says it retries.
import ts from 'typescript';
import { calleeName, enclosingFunction, expressionName, functionName, type FunctionNode, namePath, someDescendant, stringValue, unwrap } from './ast';
import { librariesMentionedIn, type LibraryContext, type LibraryFacts, type LibrarySpec } from './libraries';
import { libraryConstruct, moduleOf, retriedFunction } from './libraries/option-reading';
import type { ExportedRetry, SummaryBound, SummaryWaits } from './project/module-summary';
import { toldNoRetries } from './requests';
import type { Backoff, Bound, HelperRetry, RetryConstruct } from './retry-model';
import type { SourceIndex } from './source-index';
import { NOT_RETRY_HELPER_NAME, RETRY_HELPER_NAME } from './vocabulary';

export { resolveObject } from './libraries/option-reading';
export type { LibraryFacts };

/** Recognises library retries among the file's calls and `new` expressions, in one pass over each list. */
export function findLibraryRetries(index: SourceIndex, extraHelpers: readonly string[], imported: ReadonlyMap<string, ExportedRetry> = new Map()): LibraryFacts {
  const facts: LibraryFacts = { constructs: [], clients: [] };
  const context: LibraryContext = { index, facts, claimed: new Set() };
  const libraries = librariesMentionedIn(index.names, modulesOf(index));
  const helpers = new Set(extraHelpers);
  for (const call of index.calls) {
    if (!claimedByLibrary(call, libraries, context)) recogniseHelperCall(call, index, helpers, imported, facts);
  }
  for (const created of index.newExpressions) claimedByLibrary(created, libraries, context);
  for (const library of libraries) library.recogniseFile?.(context);
  return facts;
}

function claimedByLibrary(site: ts.CallExpression | ts.NewExpression, libraries: readonly LibrarySpec[], context: LibraryContext): boolean {
  for (const library of libraries) if (library.recognise(site, context)) return true;
  return false;
}

/** The modules a file imports or requires, `require('fetch-retry')(fetch)` included. */
function modulesOf(index: SourceIndex): Set<string> {
  const modules = new Set<string>();
  for (const imported of index.imports.values()) modules.add(imported.split('#')[0]!);
  for (const call of index.calls) {
    if (ts.isIdentifier(call.expression) && call.expression.text === 'require') {
      const module = stringValue(call.arguments[0]);
      if (module) modules.add(module);
    }
  }
  return modules;
}

export function isRetryHelperName(name: string, extra: ReadonlySet<string>): boolean {
  if (extra.has(name)) return true;
  return RETRY_HELPER_NAME.test(name) && !NOT_RETRY_HELPER_NAME.test(name);
}

/** `withRetry(() => client.post(…))`: the callback runs again on every attempt; the cap and delay are the helper's, out of sight. */
function recogniseHelperCall(call: ts.CallExpression, index: SourceIndex, helpers: ReadonlySet<string>, imported: ReadonlyMap<string, ExportedRetry>, facts: LibraryFacts): void {
  const name = calleeName(call);
  const callee = unwrap(call.expression);
  // A helper imported from a module the project index read: what that module shows decides, not the name. A
  // method of an imported class is found by where the instance is kept (`this.http.call`, imported-instances.ts).
  const importedAs = ts.isIdentifier(callee) ? (helpers.has(callee.text) ? undefined : imported.get(callee.text))
    : ts.isPropertyAccessExpression(callee) ? imported.get(namePath(callee) ?? '') : undefined;
  if (importedAs) {
    if (importedAs.kind === 'retry-helper') recogniseImportedHelperCall(call, importedAs, index, facts);
    if (importedAs.kind === 'request-helper') recogniseImportedRequestHelperCall(call, importedAs, index, facts);
    return;
  }
  if (!name || !isRetryHelperName(name, helpers)) return;
  if (ts.isIdentifier(callee) && moduleOf(index, callee.text)?.startsWith('rxjs')) return;
  if (runsOnceBy(index.functions.get(name))) return;
  const construct = helperConstruct(call, name, index);
  if (construct) facts.constructs.push(construct);
}

/**
 * A helper of this file named for retrying that has no loop, does not call itself, sets no timer and
 * hands none of its parameters on (`retryWithLowercaseAlias(original, fallback)`: one fallback request
 * after one particular answer) runs each callback at most once: it is no retry, whatever its name says.
 */
function runsOnceBy(definitions: readonly ts.Node[] | undefined): boolean {
  if (definitions?.length !== 1) return false;
  const helper = definitions[0] as FunctionNode;
  const name = functionName(helper);
  const parameters = new Set(helper.parameters.flatMap((parameter) => (ts.isIdentifier(parameter.name) ? [parameter.name.text] : [])));
  const repeats = (call: ts.CallExpression): boolean => {
    const callee = calleeName(call);
    return callee === name || callee === 'setTimeout' || callee === 'setInterval'
      || call.arguments.some((argument) => ts.isIdentifier(argument) && parameters.has(argument.text));
  };
  return !someDescendant(helper, (node) => ts.isIterationStatement(node, false) || (ts.isCallExpression(node) && repeats(node)));
}

/**
 * A call of a helper another file shows retrying the callback it is handed: the callback runs again, with the
 * helper's cap (reported here, at the call). Its waits are the helper's own, reported in its file.
 */
function recogniseImportedHelperCall(call: ts.CallExpression, helper: ExportedRetry & { kind: 'retry-helper' }, index: SourceIndex, facts: LibraryFacts): void {
  const callback = call.arguments[helper.callbackArgument];
  const scopes = retriedFunction(callback, index);
  // A callback handed in by this function's own caller (`(fn) => withRetry(fn)`) is kept: this function is then a retry
  // helper too. So is a function named from elsewhere (`retry(getBalance, symbol)`): what it does is out of sight, but the
  // helper runs it again with its own cap and waits.
  if (scopes.length === 0 && !(callback && (isParameterName(unwrap(callback), call) || namesAFunction(callback)))) return;
  const construct = importedHelperConstruct(call, helper, index, scopes, true);
  construct.callbackArgument = helper.callbackArgument;
  if (helper.onlyOnRefusal) construct.onlyOnRefusal = true;
  facts.constructs.push(construct);
}

/** `getBalance`, `api.getBalance`, `this.load.bind(this)`: an expression that names a function (not a value made here). */
function namesAFunction(callback: ts.Expression): boolean {
  const node = unwrap(callback);
  if (ts.isIdentifier(node)) return node.text !== 'undefined';
  return ts.isPropertyAccessExpression(node) || (ts.isCallExpression(node) && calleeName(node) === 'bind');
}

function isParameterName(node: ts.Node, near: ts.Node): boolean {
  const fn = ts.isIdentifier(node) ? enclosingFunction(near) : undefined;
  return fn !== undefined && fn.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === (node as ts.Identifier).text);
}

/**
 * `fetchWithRetry(url, { method: 'POST', … })` of a helper another file shows sending and retrying the
 * request it is given: the call is re-sent, with the helper's cap. Its arguments are worked out
 * once, before the helper's attempts (a key made there stays the same). Where the helper keeps to GET or
 * sends its own key, the call is not offered as re-sent code (missing-idempotency-key has nothing to say).
 */
function recogniseImportedRequestHelperCall(call: ts.CallExpression, helper: ExportedRetry & { kind: 'request-helper' }, index: SourceIndex, facts: LibraryFacts): void {
  if (toldNoRetries(call, index)) return;
  const scopes = helper.coversPost && !helper.sendsKey ? [call] : [];
  facts.constructs.push(importedHelperConstruct(call, helper, index, scopes, false));
}

function importedHelperConstruct(
  call: ts.CallExpression, helper: ExportedRetry & { kind: 'retry-helper' | 'request-helper' }, index: SourceIndex, scopes: ts.Node[], rerunsScope: boolean,
): HelperRetry {
  const display = expressionName(unwrap(call.expression)) ?? helper.label;
  // A deep path keeps its end (the file's own name), so that the message's first sentence stays short.
  const label = `\`${display}\` call (its retry is in \`${pathTail(helper.where)}\`)`;
  // Its waits are the helper's: each call retries with them, whichever file they are fixed in.
  const construct = libraryConstruct(call, 'helper-call', label, index, boundOf(helper.bound), backoffOf(helper.waits), scopes);
  construct.rerunsScope = rerunsScope;
  construct.retryWhere = helper.where;
  return construct;
}

/** How much of a path a label shows: its last folders and the file's name. */
const MAX_PATH_SHOWN = 20;

/** `…/strategies/retry.ts` for a path longer than MAX_PATH_SHOWN: the last segments that fit, the file's name always. */
function pathTail(path: string): string {
  if (path.length <= MAX_PATH_SHOWN) return path;
  const segments = path.split('/');
  let tail = segments.pop()!;
  for (let segment = segments.pop(); segment !== undefined && tail.length + segment.length + 1 <= MAX_PATH_SHOWN - 2; segment = segments.pop()) tail = `${segment}/${tail}`;
  return `…/${tail}`;
}

function backoffOf(waits: SummaryWaits): Backoff {
  switch (waits.kind) {
    case 'quiet': return { kind: 'unknown' };
    case 'none': return { kind: 'none' };
    case 'library-default': return { kind: 'library-default', detail: waits.detail };
    default: return { kind: waits.kind, waits: [] };
  }
}

function boundOf(bound: SummaryBound): Bound {
  if (bound.capped === true) return { capped: true, by: 'helper' };
  return bound.capped === false ? { capped: false, reason: bound.reason } : { capped: 'unknown' };
}


function helperConstruct(call: ts.CallExpression, name: string, index: SourceIndex): RetryConstruct | undefined {
  const scopes = call.arguments.flatMap((argument) => retriedFunction(argument, index));
  if (scopes.length === 0) return undefined;
  const display = expressionName(unwrap(call.expression)) ?? name;
  return libraryConstruct(call, 'helper-call', `\`${display}\` call`, index, { capped: 'unknown' }, { kind: 'unknown' }, scopes);
}
