// A function that hands itself to a helper of the file which calls it back after a failure:
// `.catch(this.handleErrors(this.cancelOrder, order, profile))`, where `handleErrors(cb, ...args)` returns an error
// handler that, while `profile.attempts < this.retry`, waits and calls `cb.bind(this)(...args)`. The way round is the
// helper's, so its count and its waits decide, once for every function that hands itself over (retry-recursion.ts).
// A helper that calls back whatever happens (`await wait(delay); return request()`) decides nothing: its callers do.
import ts from 'typescript';
import { enclosingFunction, type FunctionNode, isFunctionNode, namePath, ownName, readOnce, SKIP_CHILDREN, unwrap, walkTree } from './ast';
import type { SourceIndex } from './source-index';

/** A helper of the file that calls back a function it is handed, and the references to its parameter that call it. */
export interface HandedRetrier {
  helper: FunctionNode;
  name: string;
  /** `cb` in `cb(…)`, `cb.call(this, …)`, `cb.bind(this)(…)`, all within one function (the helper, or the handler it returns). */
  callbacks: ts.Identifier[];
}

/** The helper a self-reference is handed to as an argument (`this.handleErrors(this.load, …)`), where that helper calls it back. */
export function retrierHandedTo(ref: ts.Expression, index: SourceIndex): HandedRetrier | undefined {
  const handed = ts.isCallExpression(ref.parent) && ref.parent.expression !== ref ? ref : boundCopy(ref);
  const call = handed?.parent;
  if (!handed || !call || !ts.isCallExpression(call)) return undefined;
  const position = call.arguments.indexOf(handed as ts.Expression);
  const written = namePath(unwrap(call.expression));
  const name = written === undefined ? undefined : ownName(written);
  const helpers = name === undefined || name.includes('.') ? [] : index.functions.get(name) ?? [];
  if (name === undefined || helpers.length !== 1) return undefined;
  const helper = helpers[0]!;
  const parameter = helper.parameters[position];
  if (!parameter || !ts.isIdentifier(parameter.name) || parameter.dotDotDotToken) return undefined;
  const byParameter = readOnce(retriersByHelper, helper, () => new Map<string, HandedRetrier | null>());
  let retrier = byParameter.get(parameter.name.text);
  if (retrier === undefined) byParameter.set(parameter.name.text, retrier = handedRetrier(helper, name, callsOfParameter(helper, parameter.name.text)) ?? null);
  return retrier ?? undefined;
}

/** What each parameter of a helper makes of it, read once: thousands of methods may hand themselves to one helper. */
const retriersByHelper = new WeakMap<FunctionNode, Map<string, HandedRetrier | null>>();

function handedRetrier(helper: FunctionNode, name: string, callbacks: ts.Identifier[]): HandedRetrier | undefined {
  const around = callbacks[0] && enclosingFunction(callbacks[0]);
  const inOne = around ? callbacks.filter((callback) => enclosingFunction(callback) === around) : [];
  // A helper that only waits and calls back (`await wait(delay); return request()`) leaves the decision to its callers.
  return inOne.length > 0 && inOne.every((callback) => decidedThere(callback, helper)) ? { helper, name, callbacks: inOne } : undefined;
}

/** Whether the helper chooses to call back: the call sits under a test of its own (an `if`, `?:`, `&&` or `||`). */
function decidedThere(callback: ts.Node, helper: FunctionNode): boolean {
  for (let child = callback, node = callback.parent; node && node !== helper; child = node, node = node.parent) {
    if (ts.isIfStatement(node) && child !== node.expression) return true;
    if (ts.isConditionalExpression(node) && child !== node.condition) return true;
    if (ts.isBinaryExpression(node) && child === node.right && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) return true;
  }
  return false;
}

/** `this.load.bind(this)` handed on: the bound copy is the argument. */
function boundCopy(ref: ts.Expression): ts.Node | undefined {
  const access = ref.parent;
  const bind = access && ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === 'bind' ? access.parent : undefined;
  return bind && ts.isCallExpression(bind) && ts.isCallExpression(bind.parent) && bind.parent.expression !== bind ? bind : undefined;
}

/** The references to a parameter that call it: `cb(…)`, `cb.call(…)`, `cb.apply(…)`, `cb.bind(this)(…)` (not a parameter of the same name nested inside). */
function callsOfParameter(helper: FunctionNode, name: string): ts.Identifier[] {
  const calls: ts.Identifier[] = [];
  if (!helper.body) return calls;
  walkTree(helper.body, undefined, (node) => {
    if (isFunctionNode(node) && node.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name)) return SKIP_CHILDREN;
    if (ts.isIdentifier(node) && node.text === name && callsIt(node)) calls.push(node);
    return undefined;
  });
  return calls;
}

function callsIt(reference: ts.Identifier): boolean {
  const parent = reference.parent;
  if (ts.isCallExpression(parent)) return parent.expression === reference;
  if (!ts.isPropertyAccessExpression(parent) || parent.expression !== reference || !ts.isCallExpression(parent.parent)) return false;
  const method = parent.name.text;
  if (method === 'call' || method === 'apply') return true;
  return method === 'bind' && ts.isCallExpression(parent.parent.parent) && parent.parent.parent.expression === parent.parent;
}
