// Clients configured with a strategy function (`{ retryStrategy(times) { … } }`, `{ socket: { reconnectStrategy } }`,
// `{ redisOptions: { retryStrategy } }`): each strategy written in the file becomes a construct, at its option.
// The option names are the client's own, so a config object holding one is read wherever it is written:
// passed to the client, or kept in a `const` exported for another file to pass.
import ts from 'typescript';
import { propertyNameText, statementInList } from '../ast';
import { firstLineSpan } from '../spans';
import type { LibraryContext } from './library-spec';
import { hasSpreadOptions, libraryConstruct, optionsAt, resolveObject, type Options, type Site } from './option-reading';
import { strategyBackoff, strategyBound, strategyFunction, strategyReturnsNothing } from './strategy-function';
import type { Backoff, Bound } from '../retry-model';

export interface StrategyClient {
  /** Option names that hold the strategy. */
  names: readonly string[];
  label: string;
  /** How messages name a client left on its default strategy. */
  clientLabel: string;
  /** The default strategy, when no strategy option is set. */
  defaultBound: Bound;
  defaultBackoff: Backoff;
}

/** A client creation: its strategies if it has any in sight, else (with its options in sight) its default. */
export function readClient(site: Site, context: LibraryContext, client: StrategyClient): true {
  const objects = optionObjects(site, context);
  const found = objects.filter((object) => readStrategies(object, context, client)).length > 0;
  if (found || objects.some((object) => hasSpreadOptions(object)) || clientOptions(site, context) === 'opaque') return true;
  context.facts.constructs.push(libraryConstruct(site, 'library', client.clientLabel, context.index, client.defaultBound, client.defaultBackoff, []));
  return true;
}

/** A config object holding a strategy (`const config = { retryStrategy: … }`, `module.exports = { retry_strategy: … }`) not passed to a client in this file. */
export function readConfigDeclarations(context: LibraryContext, client: StrategyClient): void {
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
}

/** Each strategy option of one object (read once per object), as a construct; true when it has one. */
function readStrategies(object: ts.ObjectLiteralExpression, context: LibraryContext, client: StrategyClient): boolean {
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

function clientOptions(site: Site, context: LibraryContext): Options {
  const args = site.arguments ?? [];
  const objectArgument = args.findIndex((argument) => !ts.isStringLiteralLike(argument) && !ts.isNumericLiteral(argument) && !isUrlLike(argument));
  return objectArgument < 0 ? 'absent' : optionsAt(site, objectArgument, context.index);
}

function isUrlLike(argument: ts.Expression): boolean {
  const text = ts.isIdentifier(argument) ? argument.text : ts.isPropertyAccessExpression(argument) ? argument.name.text : ts.isTemplateExpression(argument) ? 'url' : '';
  return /url|uri|host|port/i.test(text);
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
