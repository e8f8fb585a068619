// Library retries and calls of local helpers named for retrying. Each call and `new` in the file is
// offered to the registry's recognisers (src/analysis/libraries/, in registry order) for the libraries the
// file mentions; a call no library claims is a helper call if its name says it retries.
import ts from 'typescript';
import { calleeName, expressionName, functionName, type FunctionNode, someDescendant, stringValue, unwrap } from './ast';
import { librariesMentionedIn, type LibraryContext, type LibraryFacts, type LibrarySpec } from './libraries';
import { libraryConstruct, moduleOf, retriedFunction } from './libraries/option-reading';
import type { RetryConstruct } from './retry-model';
import type { SourceIndex } from './source-index';
import { NOT_RETRY_HELPER_NAME, RETRY_HELPER_NAME } from './vocabulary';

export { resolveObject } from './libraries/option-reading';
export type { LibraryFacts };

/** Recognises library retries among the file's calls and `new` expressions, in one pass over each list. */
export function findLibraryRetries(index: SourceIndex, extraHelpers: readonly string[]): LibraryFacts {
  const facts: LibraryFacts = { constructs: [], clients: [] };
  const context: LibraryContext = { index, facts, claimed: new Set() };
  const libraries = librariesMentionedIn(index.names, modulesOf(index));
  const helpers = new Set(extraHelpers);
  for (const call of index.calls) {
    if (!claimedByLibrary(call, libraries, context)) recogniseHelperCall(call, index, helpers, facts);
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
function recogniseHelperCall(call: ts.CallExpression, index: SourceIndex, helpers: ReadonlySet<string>, facts: LibraryFacts): void {
  const name = calleeName(call);
  if (!name || !isRetryHelperName(name, helpers)) return;
  const callee = unwrap(call.expression);
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

function helperConstruct(call: ts.CallExpression, name: string, index: SourceIndex): RetryConstruct | undefined {
  const scopes = call.arguments.flatMap((argument) => retriedFunction(argument, index));
  if (scopes.length === 0) return undefined;
  const display = expressionName(unwrap(call.expression)) ?? name;
  return libraryConstruct(call, 'helper-call', `\`${display}\` call`, index, { capped: 'unknown' }, { kind: 'unknown' }, scopes);
}
