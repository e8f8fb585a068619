// Clients configured with a strategy function (`{ retryStrategy(times) { … } }`, `{ socket: { reconnectStrategy } }`,
// `{ redisOptions: { retryStrategy } }`): each strategy written in the file becomes a construct, at its option.
// The option names are the client's own, so a config object holding one is read wherever it is written:
// passed to the client, or kept in a `const` exported for another file to pass.
import ts from 'typescript';
import { propertyNameText, rootName, statementInList } from '../ast';
import { firstLineSpan } from '../spans';
import type { LibraryContext } from './library-spec';
import { moduleOf, resolveObject, type Site } from './option-reading';
import { strategyBackoff, strategyBound, strategyFunction, strategyReturnsNothing } from './strategy-function';

export interface StrategyClient {
  /** Option names that hold the strategy. */
  names: readonly string[];
  label: string;
}

/**
 * A client creation: its strategies, where it has any in sight. A client left on its default strategy
 * (which reconnects without limit) is not reported: blind labellers of real code judged three of four such
 * findings false, since a cache or queue connection that comes back by itself is what its users want and
 * no retry is written there. Its default stays in the library's `defaults`.
 */
export function readClient(site: Site, context: LibraryContext, client: StrategyClient): true {
  for (const object of optionObjects(site, context)) readStrategies(object, context, client);
  return true;
}

/**
 * A config object holding a strategy (`const config = { retryStrategy: … }`, `module.exports = { retry_strategy: … }`,
 * the options a subclass hands to `super(…)`) not passed to a client in this file.
 */
export function readConfigDeclarations(context: LibraryContext, client: StrategyClient, clientModules: readonly string[] = []): void {
  const read = (value: ts.Expression | undefined): void => {
    const object = value ? resolveObject(value, context.index) : undefined;
    if (object) readStrategies(object, context, client);
  };
  for (const declarations of context.index.declarations.values()) {
    for (const declaration of declarations) read(declaration.initializer);
  }
  // A config module's `module.exports = { retry_strategy … }`, or `config.redis = { … }`.
  for (const assignments of context.index.assignments.values()) {
    for (const assignment of assignments) read(assignment.right);
  }
  // A subclass of the client hands its options to the client's constructor: `class RedisService extends Redis {
  // constructor() { super({ retryStrategy: … }) } }`, where the class it extends is imported from the client's modules.
  for (const call of context.index.calls) {
    if (call.expression.kind === ts.SyntaxKind.SuperKeyword && extendsClientOf(call, clientModules, context)) call.arguments.forEach(read);
  }
}

/** Whether the class around a `super(…)` call extends a class imported from one of the modules. */
function extendsClientOf(superCall: ts.CallExpression, modules: readonly string[], context: LibraryContext): boolean {
  let node: ts.Node | undefined = superCall.parent;
  while (node && !ts.isClassLike(node)) node = node.parent;
  const base = node?.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const root = base ? rootName(base) : undefined;
  const module = root ? moduleOf(context.index, root) : undefined;
  return module !== undefined && modules.includes(module);
}

/** Each strategy option of one object (read once per object), as a construct; true when it has one. */
export function readStrategies(object: ts.ObjectLiteralExpression, context: LibraryContext, client: StrategyClient): boolean {
  let found = false;
  for (const property of object.properties) {
    const name = propertyNameText(property.name);
    if (!name || !client.names.includes(name)) continue;
    found = true;
    if (context.claimed.has(property)) continue;
    context.claimed.add(property);
    const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isMethodDeclaration(property) ? property as unknown as ts.Expression : undefined;
    const fn = strategyFunction(value, context.index);
    // A strategy that returns nothing stops at the first failure: there is no retry to judge.
    if (!fn || strategyReturnsNothing(fn)) continue;
    context.facts.constructs.push({
      kind: 'library', label: client.label, report: firstLineSpan(property, context.index.sourceFile), scopes: [], rerunsScope: true,
      anchor: statementInList(property), bound: strategyBound(fn, name), backoff: strategyBackoff(fn, name, context.index),
    });
  }
  return found;
}

/** The object arguments of a call, and the objects nested one level inside them. */
function optionObjects(site: Site, context: LibraryContext): ts.ObjectLiteralExpression[] {
  const found: ts.ObjectLiteralExpression[] = [];
  for (const argument of site.arguments ?? []) {
    const object = resolveObject(argument, context.index);
    if (!object) continue;
    found.push(object);
    for (const property of object.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const nested = resolveObject(property.initializer, context.index);
      if (nested) found.push(nested);
    }
  }
  return found;
}
