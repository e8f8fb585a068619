// Limits that are no limits: a count compared with `Infinity` never stops a retry. The limit may be
// written in the comparison (`attempt < (opts.max ?? Infinity)`) or kept in a name whose every value in
// the file is infinite: `private maxReconnectAttempts = Infinity`, `const max = opts.maxRetries || Infinity`,
// a parameter defaulting to `Infinity`. A default (`?? Infinity`, `|| Infinity`, `= Infinity`) counts as
// the value unless the file somewhere gives that option a finite number (`{ maxRetries: 5 }`,
// `client.maxRetries = 5`): such a caller may be the one that runs.
import ts from 'typescript';
import { type FunctionNode, functionName, namePath, numericValue, propertyNameText, unwrap } from './ast';
import { spendWork } from './run-context';
import { callsNamed, type SourceIndex } from './source-index';

const cache = new WeakMap<SourceIndex, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/** Whether an expression is infinite by itself or by default: `Infinity`, `x ?? Infinity`, `x || Number.POSITIVE_INFINITY`. */
export function isInfiniteValue(expression: ts.Expression | undefined): boolean {
  if (!expression) return false;
  const node = unwrap(expression);
  if (numericValue(node) === Infinity) return true;
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  return (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) && isInfiniteValue(node.right);
}

/** The name paths (`maxRetries`, `this.maxReconnectAttempts`) whose every value in the file is infinite, read once per file. */
export function infiniteLimits(index: SourceIndex): ReadonlySet<string> {
  let limits = cache.get(index);
  if (!limits) {
    limits = index.names.has('Infinity') || index.names.has('POSITIVE_INFINITY') ? readLimits(index) : NONE;
    cache.set(index, limits);
  }
  return limits;
}

/** Whether one side of a comparison is a limit that never stops: `Infinity`, or a name kept infinite (also `max - 1`). */
export function isInfiniteLimit(side: ts.Expression, limits: ReadonlySet<string>): boolean {
  if (isInfiniteValue(side)) return true;
  if (limits.size === 0) return false;
  let node = unwrap(side);
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.MinusToken || node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    && numericValue(node.right) !== undefined) node = unwrap(node.left);
  const path = namePath(node);
  return path !== undefined && limits.has(path);
}

function readLimits(index: SourceIndex): ReadonlySet<string> {
  // Each name set to an infinite value, with the option names a caller could give a finite number instead.
  const infinite = new Map<string, string[]>();
  const finite = new Set<string>();
  const note = (path: string | undefined, value: ts.Expression | undefined, node: ts.Node): void => {
    if (!path || !value) return;
    if (!isInfiniteValue(value)) {
      finite.add(path);
      return;
    }
    const options = [lastName(path), ...defaultedOption(value)];
    if (ts.isParameter(node) && passedFinite(node, index)) return;
    infinite.set(path, [...(infinite.get(path) ?? []), ...options]);
  };
  const work: ts.Node[] = [index.sourceFile];
  while (work.length > 0) {
    spendWork();
    const node = work.pop()!;
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) {
      if (ts.isIdentifier(node.name)) note(node.name.text, node.initializer, node);
    } else if (ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node)) {
      // A class field is read as `this.x`; `{ maxRetries: 5 }` gives an option a value somewhere in the file.
      const name = propertyNameText(node.name);
      if (name) note(ts.isPropertyDeclaration(node) ? `this.${name}` : `.${name}`, node.initializer, node);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const path = namePath(node.left);
      note(path, node.right, node);
      if (path?.includes('.')) note(`.${lastName(path)}`, node.right, node);
    }
    ts.forEachChild(node, (child) => { work.push(child); });
  }
  const limits = new Set<string>();
  for (const [path, options] of infinite) {
    if (!path.startsWith('.') && !finite.has(path) && !options.some((option) => finite.has(`.${option}`))) limits.add(path);
  }
  return limits;
}

function lastName(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** The option a default stands in for: `maxRetries` in `opts.maxRetries ?? Infinity`. */
function defaultedOption(value: ts.Expression): string[] {
  const node = unwrap(value);
  const path = ts.isBinaryExpression(node) ? namePath(node.left) : undefined;
  return path ? [lastName(path)] : [];
}

/** `retry(fn, maxRetries = Infinity)` called in the file as `retry(task, 5)`: a caller gives it a finite number. */
function passedFinite(parameter: ts.ParameterDeclaration, index: SourceIndex): boolean {
  const fn = parameter.parent;
  const position = fn.parameters.indexOf(parameter);
  const name = functionName(fn as FunctionNode);
  if (!name || position < 0) return false;
  return callsNamed(index, name).some((call) => {
    const argument = call.arguments[position];
    return argument !== undefined && !isInfiniteValue(argument) && !(ts.isIdentifier(argument) && argument.text === 'undefined');
  });
}
