// How the library recognisers read a call: which module a name came from, the options object a
// call passes (a literal, or a const naming one), count and delay options, and the construct they make.
import ts from 'typescript';
import { calleeName, calleeObject, COMPARISON_OPERATORS, enclosingFunction, findProperty, type FunctionNode, isFunctionNode, namePath, numericValue, ownName, propertyNameText, readOnce, rootName, SKIP_CHILDREN, someDescendant, statementInList, stringValue, unbound, unwrap, walkTree } from '../ast';
import { classifyDelay, type DelayClass, namesRandomness } from '../delays';
import type { Backoff, Bound, HelperRetry, LibraryRetry } from '../retry-model';
import { nodeText } from '../run-context';
import { callsNamed, classNamesOf, fieldDefault, fieldValue, type SourceIndex } from '../source-index';
import { callHeadSpan } from '../spans';
import type { LibrarySpec } from './library-spec';
import { ATTEMPT_COUNTER_NAME } from '../vocabulary';

/** An options argument: the object literal, 'absent' (none passed) or 'opaque' (passed, but out of sight). */
export type Options = ts.ObjectLiteralExpression | 'absent' | 'opaque';

export type Site = ts.CallExpression | ts.NewExpression;

/**
 * Whether a module specifier is one of the modules or a file inside one of their packages:
 * `socket.io-client/dist/socket.io` is socket.io-client, as `rxjs/operators` is rxjs.
 */
export function fromModules(specifier: string | undefined, modules: readonly string[]): boolean {
  return specifier !== undefined && modules.some((module) => specifier === module || specifier.startsWith(`${module}/`));
}

/** The module a local name was imported (or required) from, without the `#export` part. */
export function moduleOf(index: SourceIndex, localName: string): string | undefined {
  return index.imports.get(localName)?.split('#')[0];
}

/** Whether a local name is one of the spec's entries, imported from one of its modules. */
export function isImportedEntry(index: SourceIndex, localName: string, spec: Pick<LibrarySpec, 'modules' | 'entries'>): boolean {
  const imported = index.imports.get(localName);
  if (!imported) return false;
  const [module, exported = 'default'] = imported.split('#') as [string, string?];
  return fromModules(module, spec.modules) && spec.entries.includes(exported === '*' ? 'default' : exported);
}

/**
 * The function a local name holds as a promise-returning copy of a callback API: `lock` in
 * `const lock = util.promisify(lockfile.lock.bind(lockfile))` (or `promisify(lockfile.lock)`) is `lockfile.lock`.
 */
export function promisifiedFunction(index: SourceIndex, localName: string): ts.Expression | undefined {
  const declarations = index.declarations.get(localName);
  const initializer = declarations?.length === 1 ? declarations[0]!.initializer : undefined;
  const call = initializer ? unwrap(initializer) : undefined;
  if (!call || !ts.isCallExpression(call) || calleeName(call) !== 'promisify' || !call.arguments[0]) return undefined;
  return unbound(unwrap(call.arguments[0]));
}

/** The name a local was imported as (`import { io as connect }` → io), or the local name itself. */
export function importedName(index: SourceIndex, localName: string): string {
  const module = index.imports.get(localName);
  const exported = module?.includes('#') ? module.slice(module.indexOf('#') + 1) : undefined;
  return exported && exported !== 'default' && exported !== '*' ? exported : localName;
}

/** Whether the callee's leftmost name comes from one of the spec's modules. */
export function isFromLibrary(site: Site, index: SourceIndex, spec: Pick<LibrarySpec, 'modules'>): boolean {
  // `this.connect()` is the instance's own method, whatever the file imports under that name.
  if (startsAtThis(site.expression)) return false;
  const root = rootName(site.expression);
  const module = root ? moduleOf(index, root) : undefined;
  const callee = unwrap(site.expression);
  return fromModules(module, spec.modules) || isRequireOf(callee, spec.modules)
    || (ts.isPropertyAccessExpression(callee) && isRequireOf(unwrap(callee.expression), spec.modules));
}

/** How many links of `this.a.b` are followed back to `this` (real member chains are a few long). */
const MAX_MEMBER_LINKS = 16;

function startsAtThis(expression: ts.Expression): boolean {
  let node = unwrap(expression);
  for (let links = 0; links < MAX_MEMBER_LINKS && (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)); links++) node = unwrap(node.expression);
  return node.kind === ts.SyntaxKind.ThisKeyword;
}

/** Whether the file imports one of the modules at all (for options that only make sense with it). */
export function fileImports(index: SourceIndex, modules: readonly string[]): boolean {
  for (const module of index.imports.values()) if (fromModules(module.split('#')[0], modules)) return true;
  return false;
}

/**
 * `require('p-retry')(fn, opts)`, `require('socket.io-client')(url)`: a module's default entry called where it is
 * required, with no name of its own. Its text (`require('p-retry')`) names it in messages; undefined for any other call.
 */
export function requiredEntryCall(site: Site, spec: Pick<LibrarySpec, 'modules' | 'entries'>): string | undefined {
  const callee = unwrap(site.expression);
  if (isRequireOf(callee, spec.modules)) return `require('${stringValue((callee as ts.CallExpression).arguments[0])}')`;
  // `require('exponential-backoff').backOff(fn)`: a named entry read off the module where it is required.
  if (!ts.isPropertyAccessExpression(callee) || !spec.entries.includes(callee.name.text)) return undefined;
  const required = requiredEntryCall({ expression: callee.expression } as Site, { modules: spec.modules, entries: [] });
  return required === undefined ? undefined : `${required}.${callee.name.text}`;
}

/** `require('fetch-retry')(…)`: the call's callee is itself a require of the module. */
export function isRequireOf(node: ts.Expression, modules: readonly string[]): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require'
    && fromModules(stringValue(node.arguments[0]), modules);
}

/** The options object passed at a position: the literal, a const it names, or opaque. */
export function optionsAt(site: Site, position: number, index: SourceIndex): Options {
  const argument = site.arguments?.[position];
  if (!argument) return 'absent';
  return resolveObject(argument, index) ?? offByDefault(argument, index) ?? 'opaque';
}

/** Options that count retries (`retries`, `maxRetries`, `retryAttempts`, …), in the libraries and in the helpers apps write. */
export const RETRY_COUNT_OPTION = /^(max)?(retries|retry|retryCount|attempts|retryAttempts|maxRetries|numOfAttempts)$/i;

/**
 * Options a caller gives, falling back in sight to ones that turn retrying off
 * (`this.retryConfig = defaults.retryConfig ?? { retries: 0 }`): read as that fallback, since only a caller
 * out of sight turns the retries on. Any other fallback stays out of sight: the caller's options may differ.
 */
function offByDefault(argument: ts.Expression, index: SourceIndex): ts.ObjectLiteralExpression | undefined {
  const value = singleValue(argument, index);
  if (!value || !ts.isBinaryExpression(value)) return undefined;
  const operator = value.operatorToken.kind;
  if (operator !== ts.SyntaxKind.QuestionQuestionToken && operator !== ts.SyntaxKind.BarBarToken) return undefined;
  const fallback = resolveObject(value.right, index);
  const turnsOff = fallback?.properties.some((property) => ts.isPropertyAssignment(property)
    && RETRY_COUNT_OPTION.test(propertyNameText(property.name) ?? '') && numericValue(property.initializer) === 0);
  return turnsOff ? fallback : undefined;
}

/** The one value an expression has in the file: itself, a `const`'s initializer, or the one value a class field is given. */
export function singleValue(expression: ts.Expression, index: SourceIndex): ts.Expression | undefined {
  const inner = unwrap(expression);
  if (ts.isIdentifier(inner)) {
    const declarations = index.declarations.get(inner.text) ?? [];
    const initializer = declarations.length === 1 ? declarations[0]!.initializer : undefined;
    return initializer && unwrap(initializer);
  }
  if (ts.isPropertyAccessExpression(inner) && inner.expression.kind === ts.SyntaxKind.ThisKeyword) return fieldValue(inner, index);
  return inner;
}

/** The object literal an expression is, or the one a single `const` declaration of it holds. */
export function resolveObject(expression: ts.Expression, index: SourceIndex): ts.ObjectLiteralExpression | undefined {
  const inner = unwrap(expression);
  if (ts.isObjectLiteralExpression(inner)) return inner;
  if (ts.isCallExpression(inner)) return builtObject(inner, index);
  if (ts.isIdentifier(inner)) {
    const declarations = index.declarations.get(inner.text) ?? [];
    const initializer = declarations.length === 1 ? declarations[0]!.initializer && unwrap(declarations[0]!.initializer) : undefined;
    if (initializer && ts.isObjectLiteralExpression(initializer)) return initializer;
    if (initializer && ts.isCallExpression(initializer)) return builtObject(initializer, index);
  }
  if (ts.isPropertyAccessExpression(inner) && inner.expression.kind === ts.SyntaxKind.ThisKeyword) return fieldObject(inner, index);
  return undefined;
}

/**
 * `this.createRequestOptions(timeout)`, `buildInit(body)`, `RequestWrapper.getRaxConfig(…)` (a static method of a class
 * of the file): the object a function of the file builds, where its only return hands back an object literal
 * (`return { hostname, method: 'POST', headers }`), or a local `const` holding one (`const config = { … }; return config`).
 */
function builtObject(call: ts.CallExpression, index: SourceIndex): ts.ObjectLiteralExpression | undefined {
  const callee = unwrap(call.expression);
  const name = ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee) ? calleeName(call) : undefined;
  const found = name === undefined ? undefined : index.functions.get(name);
  // `holder.build()` is the file's function only through `this` or a class of the file (read last: it walks the file once).
  const local = ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && (callee.expression.kind === ts.SyntaxKind.ThisKeyword
    || (found !== undefined && ts.isIdentifier(callee.expression) && classNamesOf(index).has(callee.expression.text))));
  if (!local) return undefined;
  // Read once per function: a file may hand the same builder's result to many calls.
  return found?.length === 1 ? readOnce(builtObjects, found[0]!, returnedObject) ?? undefined : undefined;
}

const builtObjects = new WeakMap<FunctionNode, ts.ObjectLiteralExpression | null>();

function returnedObject(builder: FunctionNode): ts.ObjectLiteralExpression | null {
  const body = builder.body;
  if (!body) return null;
  if (!ts.isBlock(body)) return ts.isObjectLiteralExpression(unwrap(body as ts.Expression)) ? unwrap(body as ts.Expression) as ts.ObjectLiteralExpression : null;
  const returned: ts.Expression[] = [];
  walkTree(body, undefined, (node) => {
    if (node !== body && isFunctionNode(node)) return SKIP_CHILDREN;
    if (ts.isReturnStatement(node)) returned.push(node.expression ? unwrap(node.expression) : node as unknown as ts.Expression);
    return undefined;
  });
  const only = returned.length === 1 ? localObject(returned[0]!, builder) : undefined;
  return only && ts.isObjectLiteralExpression(only) && !methodGiven(only, builder) ? only : null;
}

/** `return config` where the builder declares `const config = { … }` once: that object; otherwise the expression itself. */
function localObject(returned: ts.Expression, builder: FunctionNode): ts.Expression {
  if (!ts.isIdentifier(returned)) return returned;
  let found: ts.Expression | undefined;
  let count = 0;
  walkTree(builder.body!, undefined, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === returned.text) {
      count++;
      found = node.initializer && unwrap(node.initializer);
    }
    return undefined;
  });
  return count === 1 && found && ts.isObjectLiteralExpression(found) ? found : returned;
}

/** `return { method, url }` with `method` a parameter: each caller says the method, read where it calls (caller-methods.ts). */
function methodGiven(object: ts.ObjectLiteralExpression, builder: FunctionNode): boolean {
  const value = option(object, 'method');
  const name = value && ts.isIdentifier(unwrap(value)) ? (unwrap(value) as ts.Identifier).text : undefined;
  return name !== undefined && builder.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name);
}

/**
 * `this.retryOptions` where the class declares `retryOptions = { retries: 5 }` (or the file sets it once to
 * an object literal) and nothing else in the file sets it.
 */
function fieldObject(access: ts.PropertyAccessExpression, index: SourceIndex): ts.ObjectLiteralExpression | undefined {
  const value = fieldValue(access, index);
  return value && ts.isObjectLiteralExpression(value) ? value : undefined;
}

/** The value of an option (undefined when absent, or when the options are out of sight). */
export function option(options: Options, name: string, index?: SourceIndex, depth = 0): ts.Expression | undefined {
  if (typeof options === 'string') return undefined;
  const property = findProperty(options, name);
  // `{ ...options, onSuccess }` with `const options = { retryDelays: [0, 3000] }`: an option of a local object spread in
  // (read where an index is given; the last spread that holds it wins).
  if (!property) return index && depth < MAX_SPREAD_DEPTH ? optionOfSpreads(options, name, index, depth) : undefined;
  if (ts.isPropertyAssignment(property)) return property.initializer;
  if (ts.isShorthandPropertyAssignment(property)) return property.name;
  if (ts.isMethodDeclaration(property)) return property as unknown as ts.Expression;
  return undefined;
}

/** How many spreads deep an option is looked for (`{ ...a }` with `a = { ...b }`). */
const MAX_SPREAD_DEPTH = 3;

function optionOfSpreads(options: ts.ObjectLiteralExpression, name: string, index: SourceIndex, depth: number): ts.Expression | undefined {
  // The last spread that holds it wins: read from the end, at most a few spreads of each object.
  const spreads = options.properties.filter(ts.isSpreadAssignment).slice(-MAX_SPREADS_READ).reverse();
  for (const element of spreads) {
    const spread = resolveObject(element.expression, index);
    const value = spread ? option(spread, name, index, depth + 1) : undefined;
    if (value) return value;
  }
  return undefined;
}

/** How many spreads of one object are read for an option (real options spread one or two). */
const MAX_SPREADS_READ = 4;

/**
 * `retryDelay` in a function that declares `{ retryDelay = axiosRetry.exponentialDelay }` (or the parameter
 * `retryDelay = …`): the default it is given there, which stands unless a caller passes its own. Otherwise the
 * expression itself.
 */
export function withParameterDefault(expression: ts.Expression): ts.Expression {
  const node = unwrap(expression);
  if (!ts.isIdentifier(node)) return expression;
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    for (const parameter of fn.parameters) {
      const declared = declaredIn(parameter.name, parameter.initializer, node.text);
      if (declared) return declared.initializer ?? expression;
    }
  }
  return expression;
}

/** The binding of `name` in a parameter's name (itself, or an element of an object pattern), with its default. */
function declaredIn(name: ts.BindingName, initializer: ts.Expression | undefined, wanted: string): { initializer: ts.Expression | undefined } | undefined {
  if (ts.isIdentifier(name)) return name.text === wanted ? { initializer } : undefined;
  if (!ts.isObjectBindingPattern(name)) return undefined;
  const element = name.elements.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === wanted);
  return element ? { initializer: element.initializer } : undefined;
}

/** Whether the options hold a spread (`{ ...defaults, retries: 3 }`): other options may be set out of sight. */
export function hasSpreadOptions(options: Options): boolean {
  return typeof options !== 'string' && options.properties.some(ts.isSpreadAssignment);
}

/**
 * Whether a function that decides whether to go round again (fetch-retry's `retryOn`, TanStack's `retry`) never
 * counts: it reads neither the attempt number it is handed first nor a counter of its own, so it answers the same
 * for every attempt of a failure that persists.
 */
export function decidesWithoutCounting(fn: FunctionNode): boolean {
  const first = fn.parameters[0];
  const attempt = first && ts.isIdentifier(first.name) ? first.name.text : undefined;
  // A count of its own, kept outside it (`++failures <= 3`), counts too.
  return !answersOnlyFalse(fn) && !someDescendant(fn.body ?? fn, (node) => (ts.isIdentifier(node) && (node.text === attempt || ATTEMPT_COUNTER_NAME.test(node.text)))
    || ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken))
    || (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken || node.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken)));
}

/** `() => false`, or a body whose every `return` gives `false`: a decision that never goes round (retries off). */
export function answersOnlyFalse(fn: FunctionNode): boolean {
  const body = fn.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return unwrap(body).kind === ts.SyntaxKind.FalseKeyword;
  const returned: ts.Expression[] = [];
  let bare = false;
  walkTree(body, undefined, (node) => {
    if (isFunctionNode(node)) return SKIP_CHILDREN;
    if (ts.isReturnStatement(node)) {
      if (node.expression) returned.push(unwrap(node.expression));
      else bare = true;
    }
    return undefined;
  });
  return !bare && returned.length > 0 && returned.every((value) => value.kind === ts.SyntaxKind.FalseKeyword);
}

/** Whether the options spread in an object the file does not hold (`{ ...config.retry }`, `{ ...opts }`): any option may be there. */
export function spreadsOutOfSight(options: Options, index: SourceIndex, depth = 0): boolean {
  if (typeof options === 'string' || depth > MAX_SPREAD_DEPTH) return false;
  return options.properties.some((property) => {
    if (!ts.isSpreadAssignment(property)) return false;
    // `{ ...local }` with `const local = { ...imported }`: what the local spreads in is read as far as option() reads it.
    const spread = resolveObject(property.expression, index);
    return !spread || spreadsOutOfSight(spread, index, depth + 1);
  });
}

export function isTrue(expression: ts.Expression | undefined): boolean {
  return expression !== undefined && unwrap(expression).kind === ts.SyntaxKind.TrueKeyword;
}

export function isFalse(expression: ts.Expression | undefined): boolean {
  return expression !== undefined && unwrap(expression).kind === ts.SyntaxKind.FalseKeyword;
}

/**
 * Bound from a count option (`retries`, `maxAttempts`, …), with the library's default when it is
 * absent: Infinity, `forever: true` or an unlimited default never stops; a count we cannot read is unknown.
 */
export function countBound(options: Options, countName: string, defaultCount: number | 'unlimited'): Bound {
  if (options === 'opaque') return { capped: 'unknown' };
  if (isTrue(option(options, 'forever'))) return { capped: false, reason: 'infinite-option', detail: '`forever: true`' };
  const countExpression = option(options, countName);
  if (!countExpression && hasSpreadOptions(options)) return { capped: 'unknown' };
  const count = countExpression ? countValue(countExpression) : defaultCount;
  if (countExpression && count === undefined) return { capped: 'unknown' };
  if (count === 'unlimited') return { capped: false, reason: 'infinite-option', detail: `no \`${countName}\`` };
  if (count === Infinity) return { capped: false, reason: 'infinite-option', detail: `\`${countName}: ${nodeText(countExpression!)}\`` };
  return { capped: true, by: 'library' };
}

/** A count as the library compares it: a number, or a string of one (`reconnectionAttempts: "Infinity"`), which comparison turns into the number. */
function countValue(expression: ts.Expression): number | undefined {
  const direct = numericValue(expression);
  if (direct !== undefined) return direct;
  const text = stringValue(unwrap(expression))?.trim();
  return text && /^(\d{1,15}|Infinity)$/.test(text) ? Number(text) : undefined;
}

/**
 * Whether a count option turns the retry off: set to 0, or to a value from the caller that falls back to
 * 0 (`retries` where `const retries = config.retryMax || DEFAULT_RETRY_MAX` and that constant is 0).
 * Such a retry runs only if a caller, out of sight, asks for it.
 */
export function retriesZero(options: Options, countName: string, index?: SourceIndex): boolean {
  const value = option(options, countName);
  return value !== undefined && (numericValue(value) === 0 || (index !== undefined && fallbackValue(value, index) === 0));
}

/** The number a value falls back to: `x ?? 3`, `x || DEFAULT` (a const), through a `const` that holds either. */
export function fallbackValue(expression: ts.Expression, index: SourceIndex, depth = 0): number | undefined {
  const inner = unwrap(expression);
  const direct = numericValue(inner);
  if (direct !== undefined || depth > 4) return direct;
  if (ts.isIdentifier(inner)) {
    const declarations = index.declarations.get(inner.text) ?? [];
    const initializer = declarations.length === 1 ? declarations[0]!.initializer : undefined;
    return initializer ? fallbackValue(initializer, index, depth + 1) : undefined;
  }
  if (ts.isBinaryExpression(inner) && (inner.operatorToken.kind === ts.SyntaxKind.BarBarToken || inner.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    return fallbackValue(inner.right, index, depth + 1);
  }
  // `this.configuration.maxAttempts`, the class's defaults object merged over by callers.
  const defaulted = ts.isPropertyAccessExpression(inner) ? fieldDefault(inner, index) : undefined;
  return defaulted ? fallbackValue(defaulted, index, depth + 1) : undefined;
}

/** A construct reported at a call's head: a library retry (rxjs re-subscribes to one observable, so it does not re-run its scope). */
export function libraryConstruct(site: Site, kind: LibraryRetry['kind'], label: string, index: SourceIndex, bound: Bound, backoff: Backoff, scopes: ts.Node[]): LibraryRetry;
export function libraryConstruct(site: Site, kind: HelperRetry['kind'], label: string, index: SourceIndex, bound: Bound, backoff: Backoff, scopes: ts.Node[]): HelperRetry;
export function libraryConstruct(site: Site, kind: (LibraryRetry | HelperRetry)['kind'], label: string, index: SourceIndex, bound: Bound, backoff: Backoff, scopes: ts.Node[]): LibraryRetry | HelperRetry {
  return {
    kind, label, report: callHeadSpan(site, index.sourceFile), scopes, rerunsScope: kind !== 'rxjs', anchor: statementInList(site), bound, backoff, site,
  } as LibraryRetry | HelperRetry;
}

/** The body of the function a retry library runs: an inline function, or a local function named there. */
export function retriedFunction(argument: ts.Expression | undefined, index: SourceIndex): ts.Node[] {
  if (!argument) return [];
  const inner = unwrap(argument);
  if (isFunctionNode(inner)) return [inner];
  const path = namePath(inner);
  const name = path === undefined ? undefined : ownName(path);
  const local = name ? index.functions.get(name) : undefined;
  return local ? [...local] : [];
}

/** "randomize: true" style options: jittered when set, otherwise a fix that sets it (on the options, or as the call's options when it has none). */
export function randomizeOption(site: Site | undefined, options: Options, library: string): Backoff {
  if (options === 'opaque') return { kind: 'unknown' };
  if (waitsNothing(options)) return { kind: 'none' };
  if (isTrue(option(options, 'randomize'))) return { kind: 'jittered' };
  if (option(options, 'randomize') === undefined && hasSpreadOptions(options)) return { kind: 'unknown' };
  const existing = typeof options === 'string' ? undefined : findProperty(options, 'randomize');
  const target = typeof options === 'string' ? site as ts.CallExpression | undefined : options;
  return {
    kind: 'library-default',
    detail: `${library} does not randomize its delays unless \`randomize: true\` is set`,
    fix: target ? { title: 'Set `randomize: true`', target, property: 'randomize: true', replace: existing } : undefined,
  };
}

/**
 * `{ maxTimeout: 0 }` to a library built on node-retry, whose wait is `min(random × max(minTimeout, 1) ×
 * factor^n, maxTimeout)` (retry's lib/retry.js; newer releases floor it at 1 ms): every wait is nothing, so
 * it retries at once, jitter or not. (`minTimeout: 0` alone still grows from 1 ms.)
 */
export function waitsNothing(options: Options): boolean {
  return numericValue(option(options, 'maxTimeout')) === 0;
}

/** A delay option: a number, or a function (possibly returning `timer(ms)`) that sizes each wait. */
export function delayBackoff(delay: ts.Expression | undefined, index: SourceIndex): Backoff {
  if (!delay) return { kind: 'none' };
  const inner = unwrap(delay);
  let cls: DelayClass;
  if (isFunctionNode(inner)) {
    const text = nodeText(inner);
    if (namesRandomness(inner)) return { kind: 'jittered' };
    // A function that computes no time waits on something else (a user's answer, an event): out of sight.
    if (!computesTime(inner)) return { kind: 'unknown' };
    // `delay: (error, n) => timer(strategy.delayFor(n))`: the time comes from code out of sight.
    if (timesFromOutOfSight(inner, index)) return { kind: 'unknown' };
    cls = /\*\*|Math\.pow|<</.test(text) ? 'growing' : 'fixed';
    if (/\^/.test(text)) cls = 'xor';
  } else {
    cls = classifyDelay(inner, index, new Set());
  }
  if (cls === 'jittered' || cls === 'server') return { kind: 'jittered' };
  if (cls === 'unknown') return { kind: 'unknown' };
  return { kind: 'library-default', detail: cls === 'growing' ? 'its delay grows but has no jitter' : cls === 'xor' ? 'its delay uses `^`, which is XOR, not a power, and has no jitter' : 'its delay is the same for every client' };
}

const ARITHMETIC = new Set([ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.AsteriskAsteriskToken, ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.SlashToken, ts.SyntaxKind.LessThanLessThanToken, ts.SyntaxKind.CaretToken]);
const TIMER_CALL = /^(timer|delay|interval|setTimeout|sleep|wait|pow|min|max)$/;

/** Whether a delay function works a time out: a number, arithmetic, a timer (`timer(1000)`, `2 ** n * base`). */
function computesTime(fn: ts.Node): boolean {
  let found = false;
  walkTree(fn, undefined, (node) => {
    if (found) return SKIP_CHILDREN;
    // Numbers compared (`err.status === 404`) choose a branch; they are not a time.
    if (ts.isBinaryExpression(node) && COMPARISON_OPERATORS.has(node.operatorToken.kind)) return SKIP_CHILDREN;
    found = ts.isNumericLiteral(node) || (ts.isBinaryExpression(node) && ARITHMETIC.has(node.operatorToken.kind))
      || (ts.isCallExpression(node) && TIMER_CALL.test(calleeName(node) ?? ''));
    return found ? SKIP_CHILDREN : undefined;
  });
  return found;
}

/** Timers whose first argument is the time: rxjs's `timer(ms)` and `delay(ms)`, `sleep(ms)`, `wait(ms)`. */
const TIMER_OF_FIRST_ARGUMENT = /^(timer|delay|sleep|wait)$/;

/** The time a timer call waits: the first argument of `sleep(ms)`, the second of `setTimeout(resolve, ms)`. */
function timeOfTimer(call: ts.CallExpression): ts.Expression | undefined {
  const name = calleeName(call) ?? '';
  const time = TIMER_OF_FIRST_ARGUMENT.test(name) ? call.arguments[0] : name === 'setTimeout' ? call.arguments[1] : undefined;
  return time && unwrap(time);
}

/** Whether a delay function hands its timer a time worked out by a call the file does not define: `timer(stg.getDelayMs(n))`. */
function timesFromOutOfSight(fn: ts.Node, index: SourceIndex): boolean {
  let found = false;
  walkTree(fn, undefined, (node) => {
    if (found) return SKIP_CHILDREN;
    const time = ts.isCallExpression(node) ? timeOfTimer(node) : undefined;
    // A call (`timer(strategy.delayFor(n))`) or a local holding one (`const delay = calculateBackoff(n)`).
    if (time && (ts.isCallExpression(time) || ts.isIdentifier(time))) found = classifyDelay(time, index, new Set()) === 'unknown';
    return undefined;
  });
  return found;
}

/** The name a call's result is stored in: `const api = …`, `this.client = …`. */
export function holderName(site: Site): string | undefined {
  let node: ts.Node = site;
  while (node.parent && (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent))) node = node.parent;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return namePath(parent.left);
  if (parent && (ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent))) return ts.isIdentifier(parent.name) ? `this.${parent.name.text}` : undefined;
  return undefined;
}

/**
 * Whether every request the file sends through `holder` (`this.dispatcher.request({ …, signal })`) carries an abort
 * signal that a timer fires: `AbortSignal.timeout(ms)`, or a controller aborted in a `setTimeout` of the function
 * that sends it. Retries without a count of their own then end at that deadline. False when no request is in sight.
 */
export function requestsEndAtDeadline(holder: string, index: SourceIndex): boolean {
  const requests = index.calls.filter((call) => {
    const object = calleeObject(call);
    return object !== undefined && namePath(object) === holder;
  });
  return requests.length > 0 && requests.every((call) => call.arguments.some((argument) => {
    const options = resolveObject(argument, index);
    const signal = options ? option(options, 'signal') : undefined;
    if (!signal) return false;
    const value = unwrap(signal);
    if (ts.isCallExpression(value) && calleeName(value) === 'timeout' && namePath(calleeObject(value) ?? value) === 'AbortSignal') return true;
    const sender = enclosingFunction(call);
    return sender !== undefined && abortsOnATimer(sender);
  }));
}

/** `setTimeout(() => controller.abort(), ms)` in a function (not in functions inside it but the timer's callback). */
function abortsOnATimer(fn: ts.Node): boolean {
  return someDescendant(fn, (node) => {
    if (!ts.isCallExpression(node) || calleeName(node) !== 'setTimeout') return false;
    const callback = node.arguments[0] && unwrap(node.arguments[0]);
    return callback !== undefined && isFunctionNode(callback) && someDescendant(callback, (inner) => ts.isCallExpression(inner) && calleeName(inner) === 'abort');
  });
}

export function shortExpression(expression: ts.Expression): string {
  const text = nodeText(expression).replace(/\s+/g, ' ');
  return text.length <= 32 ? text : `${text.slice(0, 31)}…`;
}

/** The plain name a call is made by (`retry(…)`, not `x.retry(…)`), or undefined. */
export function plainCalleeName(site: Site): string | undefined {
  const callee = unwrap(site.expression);
  return ts.isIdentifier(callee) ? callee.text : undefined;
}

/**
 * The name a client built and called at once goes by (`fetchRetry(fetch)(url, init)` has none of its own):
 * its builder's, with `()`. The requests through it are found by that name (requests.ts).
 */
export function calledAtOnceName(builder: ts.CallExpression): string | undefined {
  const name = namePath(builder.expression);
  return name === undefined ? undefined : `${name}()`;
}

/** The call that calls a builder's result at once: `fetchRetry(fetch)(url, init)` for `fetchRetry(fetch)`. */
export function calledAtOnce(builder: ts.CallExpression): ts.CallExpression | undefined {
  let node: ts.Node = builder;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent : undefined;
}

/** `calleeName`, re-exported so the library files read one module. */
export { calleeName };

/**
 * A client whose failure events the file handles by stopping it (`socket.on('connect_error', () => { if
 * (++failures > 3) socket.disconnect(); })`, `client.on('offline', () => client.end())`): the app counts
 * and stops the reconnection itself. `stops` is read in the handler's text.
 */
export function stoppedOnFailureEvent(index: SourceIndex, events: RegExp, stops: RegExp): boolean {
  return [...callsNamed(index, 'on'), ...callsNamed(index, 'once')].some((call) => events.test(stringValue(call.arguments[0]) ?? '')
    && call.arguments[1] !== undefined && [call.arguments[1], ...handlersNamed(call.arguments[1], index)].some((handler) => stops.test(nodeText(handler))));
}

/** The file's function a handler given by name stands for: `this.onError`, `that.mqttError.bind(that)`, `onError` (one or two of that name). */
function handlersNamed(handler: ts.Expression, index: SourceIndex): readonly ts.Node[] {
  const path = namePath(unbound(unwrap(handler)));
  const found = path === undefined ? [] : index.functions.get(path.slice(path.lastIndexOf('.') + 1)) ?? [];
  return found.length <= 2 ? found : [];
}

const URL_NAME = /url|uri|host|endpoint|server|origin|address|broker/i;

/**
 * A client's options given last (`io(opts)`, `io(url, opts)`, `mqtt.connect(url, opts)`): the object, or
 * 'absent' when only a URL is given (every option at its default), or 'opaque' when the argument may carry options.
 */
export function lastArgumentOptions(site: Site, index: SourceIndex): Options {
  const args = site.arguments ?? [];
  const last = args[args.length - 1];
  if (!last) return 'absent';
  const object = resolveObject(last, index);
  if (object) return object;
  return args.length === 1 && isUrl(last) ? 'absent' : 'opaque';
}

function isUrl(expression: ts.Expression): boolean {
  if (ts.isStringLiteralLike(expression) || ts.isTemplateExpression(expression)) return true;
  const name = ts.isIdentifier(expression) ? expression.text : ts.isPropertyAccessExpression(expression) ? expression.name.text : '';
  return URL_NAME.test(name);
}
