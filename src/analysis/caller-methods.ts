// The method a request sends when its function takes it from the caller: a client's one request function
// (`request(method, path)`, `makeRequest(route, options)` sending `method: options.method`) that the
// file's own wrappers call with a method each (`post(route, options) { return this.makeRequest(route,
// { ...options, method: 'POST' }) }`). The request sends every method its callers in the file give it.
import ts from 'typescript';
import { calleeName, calleeObject, enclosingFunction, functionName, propertyNameText, readOnce, rootName, stringValue, unwrap, valueOfProperty } from './ast';
import { resolveObject } from './retry-libraries';
import { callsNamed, pathFromThis, type SourceIndex } from './source-index';

export interface CallerMethod {
  /** Upper-case method, as the caller states it (`'POST'`, `'patch'`). */
  method: string;
  /** The call in this file that gives it (the request itself where a parameter's default gives it). */
  caller: ts.CallExpression;
  /** The caller's argument that carries the method: the method itself, or the options holding it. */
  argument?: ts.Expression;
}

/** An expression the request's options take the method from: its `method` value, or an object of options (spread in, or passed whole). */
export interface MethodCarrier {
  expression: ts.Expression;
  role: 'value' | 'options';
}

/** Where the method comes from in the function's parameters: the parameter itself, or a property of the object it is. */
interface MethodSource {
  parameter: number;
  /** `undefined`: the parameter is the method (`request(method, url)`); `'method'`: a property of the object passed. */
  property?: 'method';
}

/** Methods that change state, the ones a key matters for. */
const STATE_CHANGING: ReadonlySet<string | undefined> = new Set(['POST', 'PATCH']);

/** Whether a method (upper case) changes state in a way a repeat would duplicate: POST, PATCH. */
export function isStateChanging(method: string | undefined): boolean {
  return STATE_CHANGING.has(method);
}

/**
 * The state-changing methods the request sends when it takes its method from a parameter: the
 * parameter's default, or each call in the file that gives one. `carriers` are the expressions the
 * request's options take the method from: its `method` value, the objects it spreads in, its arguments.
 */
export function methodFromCallers(call: ts.CallExpression, carriers: readonly MethodCarrier[], index: SourceIndex): CallerMethod[] {
  const fn = enclosingFunction(call);
  const name = fn ? functionName(fn) : undefined;
  if (!fn || !name || !('parameters' in fn)) return [];
  const parameters = (fn as ts.SignatureDeclaration).parameters;
  for (const carrier of carriers) {
    const source = methodSource(carrier, parameters) ?? methodSource(destructuredFrom(carrier, fn), parameters);
    if (!source) continue;
    const stated = statedDefault(parameters[source.parameter]!, source);
    if (stated && STATE_CHANGING.has(stated)) return [{ method: stated, caller: call }];
    const given = methodsGiven(name, source, index);
    if (given.length > 0) return given;
  }
  return [];
}

/** How many functions a method is followed through as it is passed on: a client has two or three; a generated chain has thousands. */
const MAX_HOPS = 3;

/** What the calls of a function give one of its parameters, read once per function and parameter (a generated file may call one function thousands of times). */
const givenCache = new WeakMap<SourceIndex, Map<string, CallerMethod[]>>();

function methodsGiven(name: string, source: MethodSource, index: SourceIndex, hops = 0): CallerMethod[] {
  let cache = givenCache.get(index);
  if (!cache) givenCache.set(index, (cache = new Map()));
  const key = `${name}\u0000${source.parameter}\u0000${source.property ?? ''}`;
  const known = cache.get(key);
  if (known) return known;
  const given: CallerMethod[] = [];
  // Set before the callers are read: a function that passes the method on to itself ends here.
  cache.set(key, given);
  for (const caller of callsNamed(index, name)) {
    const object = calleeObject(caller);
    // `this.request(…)`, or `self.request(…)` where `const self = this`.
    if (object && object.kind !== ts.SyntaxKind.ThisKeyword && !(ts.isIdentifier(object) && pathFromThis(index, object.text) === 'this')) continue;
    const argument = caller.arguments[source.parameter];
    const method = methodPassed(argument, source, index);
    if (method && STATE_CHANGING.has(method)) given.push({ method, caller, argument });
    else if (argument && hops < MAX_HOPS) given.push(...passedOn(argument, source, index, hops + 1));
  }
  return given;
}

/**
 * A caller that passes on what its own caller gave (`send(opts) { … this.transmit(opts) … }`): the
 * methods the calls of that caller give. The transmitting function and the retrying one are often two.
 */
function passedOn(argument: ts.Expression, source: MethodSource, index: SourceIndex, hops: number): CallerMethod[] {
  const fn = enclosingFunction(argument);
  const name = fn ? functionName(fn) : undefined;
  if (!fn || !name || !('parameters' in fn)) return [];
  const carrier: MethodCarrier = { expression: source.property === undefined ? argument : optionsCopied(argument, fn), role: source.property === undefined ? 'value' : 'options' };
  const outer = methodSource(carrier, (fn as ts.SignatureDeclaration).parameters);
  return outer ? methodsGiven(name, outer, index, hops) : [];
}

/**
 * `const attemptOptions = attempt === 0 ? options : { ...options, headers }`, passed on for `options`: a local
 * that holds the caller's options, or a copy of them that states no method of its own, carries their method.
 */
function optionsCopied(argument: ts.Expression, fn: ts.Node): ts.Expression {
  const inner = unwrap(argument);
  const declarations = ts.isIdentifier(inner) ? readOnce(localsCache, fn, localConstants).get(inner.text) : undefined;
  const initializer = declarations?.length === 1 ? declarations[0]!.initializer : undefined;
  if (!initializer) return argument;
  const sources: ts.Identifier[] = [];
  // A few levels: `a ? b : c ? d : e` chains nest as deep as the user writes them.
  const read = (value: ts.Expression, depth = 0): boolean => {
    const node = unwrap(value);
    if (depth > MAX_COPY_DEPTH) return false;
    if (ts.isConditionalExpression(node)) return read(node.whenTrue, depth + 1) && read(node.whenFalse, depth + 1);
    if (ts.isIdentifier(node)) return sources.push(node) > 0;
    if (!ts.isObjectLiteralExpression(node) || methodValue(node)) return false;
    const spreads = node.properties.filter(ts.isSpreadAssignment);
    return spreads.length === 1 && read(spreads[0]!.expression, depth + 1);
  };
  const copied = read(initializer) && sources.every((source) => source.text === sources[0]!.text);
  return copied ? sources[0]! : argument;
}

/** How deep the copy of the options a local holds is read. */
const MAX_COPY_DEPTH = 4;

const localsCache = new WeakMap<ts.Node, Map<string, ts.VariableDeclaration[]>>();

/** The `const` declarations among a function's top-level statements, by name. */
function localConstants(fn: ts.Node): Map<string, ts.VariableDeclaration[]> {
  const found = new Map<string, ts.VariableDeclaration[]>();
  const body = (fn as ts.FunctionLikeDeclaration).body;
  for (const statement of body && ts.isBlock(body) ? body.statements : []) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name)) found.set(declaration.name.text, [...(found.get(declaration.name.text) ?? []), declaration]);
    }
  }
  return found;
}

/** Which parameter, and how, a carrier of the method reads: `method`, `options.method`, `...options`, `init`, a destructured `{ method }` or `...rest`. */
function methodSource(carrier: MethodCarrier, parameters: ts.NodeArray<ts.ParameterDeclaration>): MethodSource | undefined {
  const inner = unwrap(carrier.expression);
  const root = rootName(inner);
  if (!root) return undefined;
  const isMethodRead = ts.isPropertyAccessExpression(inner) && inner.name.text === 'method' && ts.isIdentifier(inner.expression);
  for (const [position, parameter] of parameters.entries()) {
    const binding = parameter.name;
    if (ts.isIdentifier(binding) && binding.text === root) {
      if (ts.isIdentifier(inner)) return { parameter: position, property: carrier.role === 'value' ? undefined : 'method' };
      return isMethodRead ? { parameter: position, property: 'method' } : undefined;
    }
    if (ts.isObjectBindingPattern(binding) && ts.isIdentifier(inner)) {
      const element = binding.elements.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === root);
      // `{ method }`, `{ method: verb }`, or the rest `...init` that holds whatever method the caller gave.
      if (element && carriesMethod(element)) return { parameter: position, property: 'method' };
    }
  }
  return undefined;
}

/**
 * `const { timeout, ...init } = options` or `const { method } = options` in the function: the carrier is
 * then the object it is taken from (`options`), read for its `method`.
 */
function destructuredFrom(carrier: MethodCarrier, fn: ts.Node): MethodCarrier {
  const inner = unwrap(carrier.expression);
  if (!ts.isIdentifier(inner)) return carrier;
  const from = readOnce(destructuringsCache, fn, destructurings).get(inner.text);
  return from ? { expression: from, role: 'options' } : carrier;
}

const destructuringsCache = new WeakMap<ts.Node, Map<string, ts.Identifier>>();

/** The names a function's top-level statements take from an object as its method or its rest: `method` and `init` in `const { method, ...init } = options`. */
function destructurings(fn: ts.Node): Map<string, ts.Identifier> {
  const found = new Map<string, ts.Identifier>();
  const body = (fn as ts.FunctionLikeDeclaration).body;
  for (const statement of body && ts.isBlock(body) ? body.statements : []) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const initializer = declaration.initializer && unwrap(declaration.initializer);
      if (!ts.isObjectBindingPattern(declaration.name) || !initializer || !ts.isIdentifier(initializer)) continue;
      for (const element of declaration.name.elements) {
        if (ts.isIdentifier(element.name) && carriesMethod(element)) found.set(element.name.text, initializer);
      }
    }
  }
  return found;
}

/** `request(method = 'POST', url)` or `send({ method = 'POST' } = {})`: the method a caller who states none sends. */
function statedDefault(parameter: ts.ParameterDeclaration, source: MethodSource): string | undefined {
  if (source.property === undefined) return upper(parameter.initializer);
  if (!ts.isObjectBindingPattern(parameter.name)) return undefined;
  const element = parameter.name.elements.find((candidate) => !candidate.dotDotDotToken && boundKey(candidate) === 'method');
  return upper(element?.initializer);
}

/** The property a binding element takes: `method` in `{ method }` and in `{ method: verb }`. */
function boundKey(element: ts.BindingElement): string | undefined {
  if (element.propertyName) return propertyNameText(element.propertyName);
  return ts.isIdentifier(element.name) ? element.name.text : undefined;
}

/** A binding element that holds the method an object carries: `method`, `method: verb`, or the rest `...init`. */
function carriesMethod(element: ts.BindingElement): boolean {
  return element.dotDotDotToken !== undefined || boundKey(element) === 'method';
}

function methodPassed(argument: ts.Expression | undefined, source: MethodSource, index: SourceIndex): string | undefined {
  if (!argument) return undefined;
  if (source.property === undefined) return upper(argument);
  const object = resolveObject(argument, index);
  return object ? upper(methodValue(object)) : builtMethod(argument, index);
}

/** The `method` an object literal states: `{ method: 'POST' }`, `{ method }`. */
function methodValue(object: ts.ObjectLiteralExpression): ts.Expression | undefined {
  const property = object.properties.find((candidate) => (ts.isPropertyAssignment(candidate) || ts.isShorthandPropertyAssignment(candidate)) && propertyNameText(candidate.name) === 'method');
  return property && (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) ? valueOfProperty(property) : undefined;
}

/**
 * Options built by a function of the file (`this.handler(this.options(uri, 'POST', data))`, where `options(uri,
 * method, data)` returns `{ method, uri, headers, body }`): the method the object it returns states, or the
 * argument given for the parameter it puts there.
 */
function builtMethod(argument: ts.Expression, index: SourceIndex): string | undefined {
  const call = unwrap(argument);
  if (!ts.isCallExpression(call)) return undefined;
  const object = calleeObject(call);
  const name = calleeName(call);
  const builders = name !== undefined && (!object || object.kind === ts.SyntaxKind.ThisKeyword) ? index.functions.get(name) : undefined;
  const builder = builders?.length === 1 ? builders[0]! : undefined;
  const body = builder?.body;
  if (!builder || !body || !ts.isBlock(body)) return undefined;
  const returned = body.statements.filter(ts.isReturnStatement).map((statement) => statement.expression && resolveObject(statement.expression, index));
  const value = returned.length === 1 && returned[0] ? methodValue(returned[0]) : undefined;
  if (!value) return undefined;
  const inner = unwrap(value);
  const position = ts.isIdentifier(inner) ? builder.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === inner.text) : -1;
  return position >= 0 ? upper(call.arguments[position]) : upper(value);
}

function upper(value: ts.Expression | undefined): string | undefined {
  const text = value ? stringValue(unwrap(value)) : undefined;
  return text && /^(get|post|put|patch|delete|head|options)$/i.test(text) ? text.toUpperCase() : undefined;
}
