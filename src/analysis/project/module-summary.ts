// What a module exports, in retry terms: read from its retry model (the same analysis a file gets),
// then kept as plain data, with no syntax tree, so that a project's summaries stay small.
//   - a retry helper: a function that runs a callback it is handed again after a failure (`withRetry(fn)`),
//     with the cap its retry has;
//   - a request helper: a function that sends a request for its caller and retries it (`fetchWithRetry(url, init)`),
//     and whether it covers POST and sends an idempotency key itself;
//   - a retried client: an instance configured to retry (`axiosRetry(api, …)`, then `export default api`);
//   - a function that retries nothing: a name that says "retry" is then not taken at its word; what it
//     returns, read as a delay, for callers that wait for it (`sleep(calculateBackoff(attempt))`).
import ts from 'typescript';
import { findProperty, type FunctionNode, isFunctionNode, SKIP_CHILDREN, someDescendant, stringValue, unwrap, walkTree } from '../ast';
import { classifyReturnedDelay, type DelayClass } from '../delays';
import type { HttpRequest } from '../requests';
import { retriedOnlyWhenRefused } from '../refusals';
import type { Backoff, Bound, RetryConstruct, RetryFacts } from '../retry-model';
import type { SourceIndex } from '../source-index';
import { waitsReported } from '../rules/retry-without-jitter';

/** A bound as data: capped, uncapped (why), or out of sight. */
export type SummaryBound = { capped: true } | { capped: false; reason: 'no-cap' | 'infinite-option' } | { capped: 'unknown' };

/**
 * A retry's waits as data, as its own file's jitter finding reads them: 'quiet' where that finding says
 * nothing (randomised, out of sight, a poll to a deadline, a once-only replay), otherwise what they lack.
 */
export type SummaryWaits = { kind: 'quiet' } | { kind: 'none' | 'fixed' | 'growing' } | { kind: 'library-default'; detail: string };


interface ExportedBase {
  /** How messages name what retries there: "`axiosRetry` on `api`", "`withRetry`". */
  label: string;
  /** The module, as messages show it: its path from the project's root. */
  where: string;
}

export type ExportedRetry =
  /** `onlyOnRefusal`: it runs the callback again only after the server refused to act (a 429, a 409: refusals.ts). */
  | (ExportedBase & { kind: 'retry-helper'; callbackArgument: number; bound: SummaryBound; waits: SummaryWaits; onlyOnRefusal?: boolean })
  | (ExportedBase & {
    kind: 'request-helper';
    coversPost: boolean;
    sendsKey: boolean;
    bound: SummaryBound;
    waits: SummaryWaits;
    /** The method it always sends (`POST`), where its caller has no say in it. */
    method?: string;
  })
  | (ExportedBase & { kind: 'retried-client'; coversPost: boolean; waits: SummaryWaits })
  /**
   * A class whose methods retry: `class HttpClient { async call(fn) { for (…) { try { return await fn() } … } } }`.
   * Its instances are handed around (`constructor(private readonly http: HttpClient)`), so a file that holds one
   * calls the helpers as its methods (`this.http.call(() => …)`).
   */
  | (ExportedBase & { kind: 'retrying-class'; methods: readonly { name: string; helper: ExportedMethod }[] })
  /** A function that retries nothing, and what it returns read as a delay (a delay helper: `calculateBackoff(attempt)`). */
  | (ExportedBase & { kind: 'no-retry'; delay: DelayClass });

/** A class method that retries: as a function would, the helper it is. */
export type ExportedMethod = ExportedRetry & { kind: 'retry-helper' | 'request-helper' };

/** Names a module passes on from another: `export { a as b } from './x'` (b → a), or `export * from './x'`. */
export interface ReExport {
  specifier: string;
  /** Export name here → export name there; undefined for `export *`. */
  names?: ReadonlyMap<string, string>;
}

export interface ModuleSummary {
  /** The module's own exports that mean something for retries, by export name (`default` for the default export). */
  exports: ReadonlyMap<string, ExportedRetry>;
  reExports: readonly ReExport[];
}

export const EMPTY_SUMMARY: ModuleSummary = { exports: new Map(), reExports: [] };

/** Reads a module's exports in retry terms from its index, retry facts and requests. `where` names the module in labels. */
export function summariseModule(index: SourceIndex, facts: RetryFacts, requests: readonly HttpRequest[], where: string): ModuleSummary {
  const table = exportTable(index.sourceFile);
  const exports = new Map<string, ExportedRetry>();
  // Read once: a generated module may export thousands of names.
  const classes = topLevelClasses(index.sourceFile);
  for (const [exported, target] of table.locals) {
    const summary = summariseTarget(target, exported, { index, facts, requests, classes }, where);
    if (summary) exports.set(exported, summary);
  }
  return { exports, reExports: table.reExports };
}

/** What an export stands for here: a local name, or a function written in the export itself. */
type ExportTarget = { name: string } | { fn: FunctionNode };

interface ExportTable {
  locals: Map<string, ExportTarget>;
  reExports: ReExport[];
}

/** The module's exports: ES module syntax and CommonJS (`module.exports = …`, `exports.a = …`), top-level statements only. */
function exportTable(sourceFile: ts.SourceFile): ExportTable {
  const table: ExportTable = { locals: new Map(), reExports: [] };
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement)) readExportDeclaration(statement, table);
    else if (ts.isExportAssignment(statement)) setTarget(table, 'default', statement.expression);
    else if (ts.isExpressionStatement(statement)) readCommonJsExport(statement.expression, table);
    else if (hasExportModifier(statement)) readExportedDeclaration(statement, table);
  }
  return table;
}

function readExportDeclaration(declaration: ts.ExportDeclaration, table: ExportTable): void {
  if (declaration.isTypeOnly) return;
  const specifier = declaration.moduleSpecifier ? stringValue(declaration.moduleSpecifier) : undefined;
  const clause = declaration.exportClause;
  if (specifier !== undefined) {
    if (!clause) table.reExports.push({ specifier });
    else if (ts.isNamedExports(clause)) table.reExports.push({ specifier, names: new Map(clause.elements.map((element) => [element.name.text, (element.propertyName ?? element.name).text])) });
    return;
  }
  if (clause && ts.isNamedExports(clause)) for (const element of clause.elements) table.locals.set(element.name.text, { name: (element.propertyName ?? element.name).text });
}

function readExportedDeclaration(statement: ts.Statement, table: ExportTable): void {
  const isDefault = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
  if (ts.isFunctionDeclaration(statement)) {
    const target: ExportTarget = statement.name ? { name: statement.name.text } : { fn: statement };
    table.locals.set(isDefault ? 'default' : statement.name?.text ?? 'default', target);
  } else if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name)) table.locals.set(declaration.name.text, { name: declaration.name.text });
    }
  } else if (ts.isClassDeclaration(statement) && statement.name) {
    table.locals.set(isDefault ? 'default' : statement.name.text, { name: statement.name.text });
  }
}

/** `module.exports = x`, `module.exports = { a, b: c }`, `module.exports.a = x`, `exports.a = x`. */
function readCommonJsExport(expression: ts.Expression, table: ExportTable): void {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = expression.left;
  const value = unwrap(expression.right);
  if (isModuleExports(target)) {
    if (ts.isObjectLiteralExpression(value)) {
      for (const property of value.properties) {
        if (ts.isShorthandPropertyAssignment(property)) table.locals.set(property.name.text, { name: property.name.text });
        else if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name)) setTarget(table, property.name.text, property.initializer);
      }
    } else {
      setTarget(table, 'default', value);
    }
  } else if (ts.isPropertyAccessExpression(target) && (isModuleExports(target.expression) || (ts.isIdentifier(target.expression) && target.expression.text === 'exports'))) {
    setTarget(table, target.name.text, value);
  }
}

function isModuleExports(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
}

function setTarget(table: ExportTable, exported: string, value: ts.Expression): void {
  const inner = unwrap(value);
  if (ts.isIdentifier(inner)) table.locals.set(exported, { name: inner.text });
  else if (isFunctionNode(inner)) table.locals.set(exported, { fn: inner });
}

function hasExportModifier(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

/** What a module's summary is read from. */
interface ModuleReading {
  index: SourceIndex;
  facts: RetryFacts;
  requests: readonly HttpRequest[];
  /** The module's top-level classes, by name. */
  classes: ReadonlyMap<string, ts.ClassDeclaration>;
}

function summariseTarget(target: ExportTarget, exported: string, { index, facts, requests, classes }: ModuleReading, where: string): ExportedRetry | undefined {
  const name = 'name' in target ? target.name : exported;
  if ('name' in target) {
    // A client whose retries are reported where it re-sends them (an interceptor, in its own file) is not followed into importers.
    const client = facts.clients.find((candidate) => candidate.name === target.name && !candidate.reportedAt);
    if (client) return { kind: 'retried-client', label: client.label, where, coversPost: client.coversPost, waits: waitsOfBackoff(client.backoff) };
  }
  const functions = 'fn' in target ? [target.fn] : index.functions.get(target.name) ?? [];
  const declaration = 'name' in target && functions.length === 0 ? classes.get(target.name) : undefined;
  if (declaration) return summariseClass(declaration, where, index, facts, requests);
  // A name bound to several functions (overloads, redefinitions) is not read: which one runs is not known here.
  if (functions.length !== 1) return undefined;
  return summariseFunction(functions[0]!, { label: `\`${name}\``, where }, index, facts, requests);
}

function topLevelClasses(sourceFile: ts.SourceFile): Map<string, ts.ClassDeclaration> {
  const classes = new Map<string, ts.ClassDeclaration>();
  for (const statement of sourceFile.statements) if (ts.isClassDeclaration(statement) && statement.name) classes.set(statement.name.text, statement);
  return classes;
}

/** A class whose methods retry a callback or a request for their caller; undefined for others. */
function summariseClass(declaration: ts.ClassDeclaration, where: string, index: SourceIndex, facts: RetryFacts, requests: readonly HttpRequest[]): ExportedRetry | undefined {
  const name = declaration.name?.text ?? 'default';
  const methods: { name: string; helper: ExportedMethod }[] = [];
  for (const member of declaration.members) {
    if (!ts.isMethodDeclaration(member) || !member.body || !ts.isIdentifier(member.name) || isPrivate(member)) continue;
    // Only a method with a retry of its own can be a helper (the others' returned delays are not read: a method is no delay helper).
    if (within(facts.constructs, member, (construct) => construct.report.start, (construct) => construct.report.end).length === 0) continue;
    const summary = summariseFunction(member, { label: `\`${name}.${member.name.text}\``, where }, index, facts, requests);
    if (summary?.kind === 'retry-helper' || summary?.kind === 'request-helper') methods.push({ name: member.name.text, helper: summary });
  }
  return methods.length === 0 ? undefined : { kind: 'retrying-class', label: `\`${name}\``, where, methods };
}

/** `private call()`, `#call()`: not called from another module. */
function isPrivate(member: ts.MethodDeclaration): boolean {
  return ts.isPrivateIdentifier(member.name) || (ts.getModifiers(member) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword);
}

function summariseFunction(fn: FunctionNode, named: ExportedBase, index: SourceIndex, facts: RetryFacts, requests: readonly HttpRequest[]): ExportedRetry | undefined {
  const parameters = parameterNames(fn);
  const inside = within(facts.constructs, fn, (construct) => construct.report.start, (construct) => construct.report.end);
  const summary = retryHelper(inside, parameters, named) ?? requestHelper(inside, within(requests, fn, (request) => request.call.pos, (request) => request.call.end), parameters, named);
  if (summary) return summary;
  // Retries of its own (a reconnect, a poll) re-run nothing the caller hands it; nor does a function that
  // hands nothing on. One that hands a callback or a parameter to code read nowhere here may retry it there.
  return inside.length === 0 && handsOn(fn, parameters) ? undefined : { ...named, kind: 'no-retry', delay: classifyReturnedDelay(fn, index) };
}

/** A function whose retry runs again a callback it is handed. */
function retryHelper(inside: readonly RetryConstruct[], parameters: readonly string[], named: ExportedBase): ExportedRetry | undefined {
  for (const construct of inside) {
    const callbackArgument = retriedParameter(construct, parameters);
    if (callbackArgument === undefined) continue;
    const summary: ExportedRetry = { ...named, where: retryWhere(construct, named.where), kind: 'retry-helper', callbackArgument, bound: boundAsData(construct.bound), waits: waitsAsData(construct) };
    const callback = callOf(construct, parameters[callbackArgument]!);
    if (callback && retriedOnlyWhenRefused(callback, construct)) summary.onlyOnRefusal = true;
    return summary;
  }
  return undefined;
}

/** A function whose retry re-sends a request built from what its caller gives. */
function requestHelper(inside: readonly RetryConstruct[], requests: readonly HttpRequest[], parameters: readonly string[], named: ExportedBase): ExportedRetry | undefined {
  const sent = requests.filter((request) => sentForCaller(request, parameters));
  for (const construct of inside) {
    const retried = sent.filter((request) => construct.scopes.some((scope) => scope.pos <= request.call.pos && request.call.end <= scope.end));
    if (retried.length === 0) continue;
    const callerChooses = retried.map((request) => methodFromCaller(request, parameters));
    const coversPost = retried.some((request, i) => callerChooses[i] || request.method === undefined || request.method === 'POST' || request.method === 'PATCH');
    const methods = new Set(retried.map((request, i) => (callerChooses[i] ? undefined : request.method)));
    return {
      ...named, where: retryWhere(construct, named.where), kind: 'request-helper', coversPost, sendsKey: retried.every((request) => request.key !== undefined),
      bound: boundAsData(construct.bound), waits: waitsAsData(construct), method: methods.size === 1 ? [...methods][0] : undefined,
    };
  }
  return undefined;
}

/** The items of a list in source order that lie inside a node, found by a binary search (a module may hold thousands). */
function within<T>(items: readonly T[], node: ts.Node, start: (item: T) => number, end: (item: T) => number): T[] {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (start(items[middle]!) < node.pos) low = middle + 1;
    else high = middle;
  }
  const found: T[] = [];
  for (let i = low; i < items.length && start(items[i]!) < node.end; i++) if (end(items[i]!) <= node.end) found.push(items[i]!);
  return found;
}

/**
 * Whether a function passes work on where it may be run again out of sight: a parameter or a callback
 * handed to a call (`retrier(({ retry }) => fn().catch(…))`), a timer, a loop.
 */
function handsOn(fn: FunctionNode, parameters: readonly string[]): boolean {
  return someDescendant(fn, (node) => {
    if (ts.isIterationStatement(node, false)) return true;
    if (!ts.isCallExpression(node)) return false;
    return node.arguments.some((argument) => {
      const inner = unwrap(argument);
      return isFunctionNode(inner) || (ts.isIdentifier(inner) && parameters.includes(inner.text));
    });
  });
}

function parameterNames(fn: FunctionNode): string[] {
  return fn.parameters.map((parameter) => (ts.isIdentifier(parameter.name) ? parameter.name.text : ''));
}

/**
 * The parameter a retry runs again: one its re-run code calls (`await fn()`, `operation.call(this)`), or
 * one handed to a retrying call as its callback (`pRetry(fn, { retries: 3 })`).
 */
/** The first call of a function by the name `name` in what a construct runs again (`fn()` in `for (;;) { try { return await fn(); } … }`). */
function callOf(construct: RetryConstruct, name: string): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  for (const scope of construct.scopes) {
    walkTree(scope, undefined, (node) => {
      if (found) return SKIP_CHILDREN;
      if (ts.isCallExpression(node) && ts.isIdentifier(unwrap(node.expression)) && (unwrap(node.expression) as ts.Identifier).text === name) found = node;
      return undefined;
    });
  }
  return found;
}

function retriedParameter(construct: RetryConstruct, parameters: readonly string[]): number | undefined {
  let found: number | undefined;
  const note = (node: ts.Node): void => {
    const position = node.kind === ts.SyntaxKind.Identifier ? parameters.indexOf((node as ts.Identifier).text) : -1;
    if (position >= 0 && parameters[position] !== '') found ??= position;
  };
  for (const scope of construct.scopes) {
    walkTree(scope, undefined, (node) => {
      if (found !== undefined) return SKIP_CHILDREN;
      if (ts.isCallExpression(node)) {
        const callee = unwrap(node.expression);
        note(ts.isPropertyAccessExpression(callee) && /^(call|apply)$/.test(callee.name.text) ? callee.expression : callee);
      }
      return undefined;
    });
  }
  // `pRetry(fn, …)`: a library runs any function it is handed; an imported helper, the argument its file shows it runs.
  if (found === undefined && construct.kind === 'library') for (const argument of construct.site?.arguments ?? []) note(unwrap(argument));
  if (found === undefined && construct.kind === 'helper-call' && construct.callbackArgument !== undefined) {
    const callback = construct.site?.arguments?.[construct.callbackArgument];
    if (callback) note(unwrap(callback));
  }
  return found;
}

/** A request built from what the caller gives: a parameter is in its address, its body or its options. */
function sentForCaller(request: HttpRequest, parameters: readonly string[]): boolean {
  const given = new Set(parameters.filter((name) => name !== ''));
  return request.optionsFromCaller
    || request.call.arguments.some((argument) => someDescendant(argument, (node) => ts.isIdentifier(node) && given.has(node.text)) || (ts.isIdentifier(argument) && given.has(argument.text)));
}

/** The file the retry lives in: this one, or the one an imported helper's retry lives in. */
function retryWhere(construct: RetryConstruct, here: string): string {
  return construct.kind === 'helper-call' && construct.retryWhere !== undefined ? construct.retryWhere : here;
}

/** `fetch(url, init)` or `fetch(url, { ...init, mode: 'cors' })` with `init` a parameter: the caller chooses the method. */
function methodFromCaller(request: HttpRequest, parameters: readonly string[]): boolean {
  const isParameter = (node: ts.Expression): boolean => ts.isIdentifier(node) && parameters.includes(node.text);
  const options = request.call.arguments[request.configPosition];
  if (options && isParameter(unwrap(options))) return true;
  const config = request.config;
  if (!config) return false;
  const method = findProperty(config, 'method');
  if (method) return ts.isPropertyAssignment(method) && isParameter(rootOf(method.initializer));
  return config.properties.some((property) => ts.isSpreadAssignment(property) && isParameter(unwrap(property.expression)));
}

/** The name a value is read from: `method` in `method || 'GET'` or `options.method`. */
function rootOf(value: ts.Expression): ts.Expression {
  let node = unwrap(value);
  if (ts.isBinaryExpression(node)) node = unwrap(node.left);
  while (ts.isPropertyAccessExpression(node)) node = unwrap(node.expression);
  return node;
}

function boundAsData(bound: Bound): SummaryBound {
  if (bound.capped === true) return { capped: true };
  if (bound.capped === false) return { capped: false, reason: bound.reason === 'infinite-option' ? 'infinite-option' : 'no-cap' };
  return { capped: 'unknown' };
}

function waitsAsData(construct: RetryConstruct): SummaryWaits {
  return waitsReported(construct) ? waitsOfBackoff(construct.backoff) : { kind: 'quiet' };
}

function waitsOfBackoff(backoff: Backoff | undefined): SummaryWaits {
  switch (backoff?.kind) {
    case 'none': return { kind: 'none' };
    // A wait that ignores its computed delay waits a fixed time; `2 ^ n` varies without randomness.
    case 'fixed': case 'ignored': return { kind: 'fixed' };
    case 'growing': case 'xor': case 'delay-after-retry': return { kind: 'growing' };
    case 'library-default': return { kind: 'library-default', detail: backoff.detail };
    default: return { kind: 'quiet' };
  }
}
