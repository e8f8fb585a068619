// Small syntax helpers over the TypeScript AST. Syntax only: there is no type checker, so every
// question here is answered from the shape and the names in the code.
import ts from 'typescript';
import { functionsAroundNodes, nodeText, spendWork } from './run-context';

// TypeScript's exports are getters; these helpers run for every call in a file, so they read the kinds once.
const Kind = ts.SyntaxKind;
const WRAPPER_KINDS = new Set<ts.SyntaxKind>([
  Kind.ParenthesizedExpression, Kind.AwaitExpression, Kind.AsExpression, Kind.NonNullExpression, Kind.SatisfiesExpression, Kind.TypeAssertionExpression,
]);

/** How many operands of one `&&` or `||` chain are split out (real conditions have a few). */
const MAX_CHAIN_OPERANDS = 16;

/**
 * The operands of a chain of one operator (`a && b && c` → a, b, c; `||` alike); any other expression is its own only
 * operand. Past MAX_CHAIN_OPERANDS the rest stays joined as one operand.
 */
export function chainOperands(expression: ts.Expression, operator: ts.SyntaxKind.AmpersandAmpersandToken | ts.SyntaxKind.BarBarToken): ts.Expression[] {
  const operands: ts.Expression[] = [];
  const pending = [expression];
  while (pending.length > 0 && operands.length + pending.length <= MAX_CHAIN_OPERANDS) {
    const node = unwrap(pending.pop()!);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === operator) pending.push(node.right, node.left);
    else operands.push(node);
  }
  return [...operands, ...pending];
}

/** Strips the wrappers that do not change what an expression is: parentheses, `await`, `as`, `!`, `satisfies`. */
export function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (WRAPPER_KINDS.has(current.kind)) current = (current as ts.ParenthesizedExpression).expression;
  return current;
}

/** The function a bound copy is made of: `this.onClose.bind(this)` → `this.onClose`; anything else as it is. */
export function unbound(expression: ts.Expression): ts.Expression {
  return ts.isCallExpression(expression) && calleeName(expression) === 'bind' ? calleeObject(expression) ?? expression : expression;
}

/** The last name of a callee: `foo()` → foo, `a.b.c()` → c, `a['b']()` → b. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  return expressionName(unwrap(call.expression));
}

/** The last name of an expression: an identifier, or the property of an access. */
export function expressionName(expression: ts.Expression): string | undefined {
  switch (expression.kind) {
    case Kind.Identifier:
    case Kind.PrivateIdentifier:
      return (expression as ts.Identifier).text;
    case Kind.PropertyAccessExpression:
      return (expression as ts.PropertyAccessExpression).name.text;
    case Kind.ElementAccessExpression:
      return stringValue((expression as ts.ElementAccessExpression).argumentExpression);
    default:
      return undefined;
  }
}

/** The object a method is called on: `a.b.c()` → `a.b`; undefined for a plain call. */
export function calleeObject(call: ts.CallExpression | ts.NewExpression): ts.Expression | undefined {
  const callee = unwrap(call.expression);
  if (callee.kind === Kind.PropertyAccessExpression || callee.kind === Kind.ElementAccessExpression) return (callee as ts.PropertyAccessExpression).expression;
  return undefined;
}

/**
 * A dotted name for an expression that names a storage place: `attempt`, `this.attempts`,
 * `config.__retryCount`, `opts['retries']`. Undefined for anything computed.
 */
export function namePath(expression: ts.Expression): string | undefined {
  // Read from the outermost link down, and only as far as MAX_CHAIN_LINKS: every link of a chain is
  // asked for its name, so a chain thousands of links long would cost its length squared (and recursion
  // its depth in stack); a storage place is a few links long.
  const keys: string[] = [];
  let node = unwrap(expression);
  for (let links = 0; links <= MAX_CHAIN_LINKS; links++) {
    if (ts.isIdentifier(node)) return joinPath(node.text, keys);
    if (node.kind === ts.SyntaxKind.ThisKeyword) return joinPath('this', keys);
    let key: string | undefined;
    if (ts.isPropertyAccessExpression(node)) key = node.name.text;
    else if (ts.isElementAccessExpression(node)) key = stringValue(node.argumentExpression);
    if (key === undefined) return undefined;
    keys.push(key);
    node = unwrap((node as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression);
  }
  return undefined;
}

/** `base.k1.k2…` from keys collected outermost first. */
function joinPath(base: string, keysOutermostFirst: readonly string[]): string {
  let path = base;
  for (let index = keysOutermostFirst.length - 1; index >= 0; index--) path += `.${keysOutermostFirst[index]}`;
  return path;
}

/** The leftmost identifier of a property chain or call chain: `this.stripe.charges.create` → stripe (skipping `this`). */
export function rootName(expression: ts.Expression): string | undefined {
  let node = unwrap(expression);
  // Every call of a chain asks for its root, so a long chain (`p.then(…).catch(…)…` a thousand
  // times) would cost its length squared; real chains are a few links long.
  for (let links = 0; links < MAX_CHAIN_LINKS; links++) {
    if (ts.isIdentifier(node)) return node.text;
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ThisKeyword) return expressionName(node);
      node = unwrap(node.expression);
    } else if (ts.isCallExpression(node)) {
      node = unwrap(node.expression);
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** How many links of a property or call chain rootName follows. */
const MAX_CHAIN_LINKS = 64;

/** The text of a string literal or a template without substitutions. */
export function stringValue(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.StringLiteral || node.kind === Kind.NoSubstitutionTemplateLiteral) return (node as ts.StringLiteral).text;
  return undefined;
}

/** The leading literal text of a string, template or concatenation (`${base}/graphql` → "" + rest is lost; `'/search?' + q` → "/search?"). */
export function literalText(node: ts.Expression): string {
  const inner = unwrap(node);
  const plain = stringValue(inner);
  if (plain !== undefined) return plain;
  if (ts.isTemplateExpression(inner)) return inner.head.text + inner.templateSpans.map((span) => span.literal.text).join(' ');
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return `${literalText(inner.left)} ${literalText(inner.right)}`;
  }
  return '';
}

/** A number the code states: `3`, `-1`, `Infinity`, `Number.POSITIVE_INFINITY`, `Number.MAX_SAFE_INTEGER`. */
export function numericValue(node: ts.Expression | undefined, depth = 0): number | undefined {
  if (!node || depth > MAX_ARITHMETIC_DEPTH) return undefined;
  const inner = unwrap(node);
  if (ts.isNumericLiteral(inner)) return Number(inner.text.replace(/_/g, ''));
  if (ts.isIdentifier(inner) && inner.text === 'Infinity') return Infinity;
  if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.MinusToken) {
    const value = numericValue(inner.operand, depth + 1);
    return value === undefined ? undefined : -value;
  }
  // Durations are written as products of literals (`1000 * 3`, `5 * 60 * 1000`): read them as the number they make.
  if (ts.isBinaryExpression(inner) && ARITHMETIC.has(inner.operatorToken.kind)) {
    const left = numericValue(inner.left, depth + 1);
    const right = left === undefined ? undefined : numericValue(inner.right, depth + 1);
    return right === undefined ? undefined : ARITHMETIC.get(inner.operatorToken.kind)!(left!, right);
  }
  const path = namePath(inner);
  if (path === 'Number.POSITIVE_INFINITY' || path === 'Number.MAX_SAFE_INTEGER' || path === 'Number.MAX_VALUE') return Infinity;
  return undefined;
}

/** How deep arithmetic of literals is read (real durations multiply a few; generated code may nest thousands). */
const MAX_ARITHMETIC_DEPTH = 16;

const ARITHMETIC = new Map<ts.SyntaxKind, (left: number, right: number) => number>([
  [ts.SyntaxKind.AsteriskToken, (left, right) => left * right],
  [ts.SyntaxKind.PlusToken, (left, right) => left + right],
  [ts.SyntaxKind.MinusToken, (left, right) => left - right],
  [ts.SyntaxKind.SlashToken, (left, right) => left / right],
  [ts.SyntaxKind.AsteriskAsteriskToken, (left, right) => left ** right],
]);

/** Whether an operator is arithmetic (`+`, `-`, `*`, `/`, `**`), the ones numericValue() works out. */
export function isArithmeticOperator(kind: ts.SyntaxKind): boolean {
  return ARITHMETIC.has(kind);
}

/** The operators that compare two values: `<`, `<=`, `>`, `>=`, `===`, `!==`, `==`, `!=`. */
export const COMPARISON_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
]);

/** The text of a property name, for identifiers, strings and numeric keys. */
export function propertyNameText(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return stringValue(name.expression);
  return undefined;
}

/** The named property of an object literal (last one wins, as at run time). */
export function findProperty(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  let found: ts.ObjectLiteralElementLike | undefined;
  for (const property of object.properties) {
    if (property.name && propertyNameText(property.name) === name) found = property;
  }
  return found;
}

/** The value of a named property: the initializer, the shorthand's identifier, or a method. */
export function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const property = findProperty(object, name);
  return property ? valueOfProperty(property) : undefined;
}

export function valueOfProperty(property: ts.ObjectLiteralElementLike): ts.Expression | undefined {
  if (ts.isPropertyAssignment(property)) return property.initializer;
  if (ts.isShorthandPropertyAssignment(property)) return property.name;
  if (ts.isMethodDeclaration(property)) return property as unknown as ts.Expression;
  return undefined;
}

/** Whether an object literal has a spread, so properties we cannot see may be there. */
export function hasSpread(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some((property) => ts.isSpreadAssignment(property));
}

export type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration
  | ts.ConstructorDeclaration | ts.GetAccessorDeclaration | ts.SetAccessorDeclaration;

// TypeScript's exports are getters, so hot checks read the kinds once, at load.
const FUNCTION_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor,
]);

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  return FUNCTION_KINDS.has(node.kind);
}

/** The name a function is called by: its own name, or the variable or property it is assigned to. */
export function functionName(fn: FunctionNode): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  if (ts.isMethodDeclaration(fn) || ts.isGetAccessor(fn) || ts.isSetAccessor(fn)) return propertyNameText(fn.name);
  const parent = fn.parent;
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return propertyNameText(parent.name);
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return expressionName(parent.left);
  // React's `const connect = useCallback(() => { … }, deps)`: the function is called by the variable's name.
  if (ts.isCallExpression(parent) && parent.arguments[0] === fn && CALLBACK_HOOK.test(calleeName(parent) ?? '')
    && ts.isVariableDeclaration(parent.parent) && ts.isIdentifier(parent.parent.name)) return parent.parent.name.text;
  return undefined;
}

/**
 * The name a function is defined under in this file, from the path a call reaches it by: `this.connect`,
 * `exports.connect` and `module.exports.connect` are the file's own `connect`.
 */
export function ownName(path: string): string {
  return path.replace(/^(this|exports|module\.exports)\./, '');
}

/** Hooks that return the function they are given (memoised): `useCallback`, `useEffectEvent`, ahooks' `useMemoizedFn`. */
export const CALLBACK_HOOK = /^(useCallback|useEffectEvent|useEvent|useMemoizedFn|useLatestCallback|useStableCallback|useEventCallback)$/;

/** The nearest enclosing function of a node (not the node itself). */
export function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  // Kept for every node passed on the way up, for the run: asked of each node of a deep chain (`else if` × 2,000),
  // the walk would cost the depth each time. A node's answer is its parent's when the parent is no function.
  const known = functionsAroundNodes();
  let found: ts.Node | null = null;
  let current = node.parent;
  for (; current; current = current.parent) {
    if (isFunctionNode(current)) {
      found = current;
      break;
    }
    const recorded = known.get(current);
    if (recorded !== undefined) {
      found = recorded;
      break;
    }
  }
  for (let passed = node.parent; passed && passed !== current; passed = passed.parent) known.set(passed, found);
  return (found ?? undefined) as FunctionNode | undefined;
}

/**
 * What `read` gives for a key, read once and kept in `cache` (a Map for one run's reading, a WeakMap for
 * facts of a node or a file): the readings that many callers ask of one function, branch or class.
 */
export function readOnce<K extends object, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, read: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = read(key)));
  return value;
}

/** Whether `inner` lies inside `outer` (or is it). */
export function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

/** What a stateful visitor returns to leave a node's children unvisited. */
export const SKIP_CHILDREN = Symbol('skip children');

/**
 * Visits every descendant of a node in source order, handing each the state its parent's visit
 * returned (or SKIP_CHILDREN to leave its children out). Iterative, with an explicit stack: the
 * depth comes from the user's code, and a recursive walk overflows the stack on shapes TypeScript
 * parses (thousands of `a + a + …` operands, long promise chains). Counts as work for the budget.
 */
export function walkDescendants<S>(root: ts.Node, state: S, visit: (node: ts.Node, state: S) => S | typeof SKIP_CHILDREN): void {
  const nodes: ts.Node[] = [];
  const states: S[] = [];
  // One callback for the whole walk (not one per node), reading the state of the node being expanded.
  let childState = state;
  const pushChild = (child: ts.Node): void => {
    nodes.push(child);
    states.push(childState);
  };
  const pushChildren = (node: ts.Node, stateForChildren: S): void => {
    const first = nodes.length;
    childState = stateForChildren;
    ts.forEachChild(node, pushChild);
    reverseTail(nodes, first);
  };
  pushChildren(root, state);
  while (nodes.length > 0) {
    spendWork();
    const node = nodes.pop()!;
    const next = visit(node, states.pop()!);
    if (next !== SKIP_CHILDREN) pushChildren(node, next);
  }
}

/** Like walkDescendants, with the root visited first. */
export function walkTree<S>(root: ts.Node, state: S, visit: (node: ts.Node, state: S) => S | typeof SKIP_CHILDREN): void {
  const rootState = visit(root, state);
  if (rootState !== SKIP_CHILDREN) walkDescendants(root, rootState, visit);
}

/**
 * How many constructs of one kind may nest inside each other before the inner ones are passed by.
 * Each construct's scan reads its whole subtree, so without a limit a file of N nested loops costs
 * N times its size; with it, at most this many times (plus one). A real retry loop sits inside a
 * per-item loop or a polling loop at most, and a recursive retry inside one or two callbacks.
 */
export const MAX_CONSTRUCT_NESTING = 2;

/** The nodes (in source order) that sit inside at most MAX_CONSTRUCT_NESTING others of the list. */
export function withinNestingLimit<T extends ts.Node>(nodes: readonly T[]): T[] {
  const open: ts.Node[] = [];
  const kept: T[] = [];
  for (const node of nodes) {
    while (open.length > 0 && open[open.length - 1]!.end <= node.pos) open.pop();
    if (open.length <= MAX_CONSTRUCT_NESTING) kept.push(node);
    open.push(node);
  }
  return kept;
}

/** Where a statement sits in its block: a binary search by position (statements are in source order). */
export function statementIndex(block: ts.Block, statement: ts.Statement): number {
  const statements = block.statements;
  let low = 0;
  let high = statements.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = statements[middle]!;
    if (at === statement) return middle;
    if (at.pos < statement.pos) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * The statements just before one in its block, nearest first, at most `max` of them: a wait or a guard
 * that comes before a call is looked for there (a block may be long; only its last few statements matter).
 */
export function statementsBefore(statement: ts.Statement, max: number): ts.Statement[] {
  const block = statement.parent;
  if (!block || !ts.isBlock(block)) return [];
  const position = statementIndex(block, statement);
  const before: ts.Statement[] = [];
  for (let at = position - 1; at >= 0 && before.length < max; at--) before.push(block.statements[at]!);
  return before;
}

/** Reverses `list[first…]` in place, so that popping yields source order. */
export function reverseTail<T>(list: T[], first: number): void {
  for (let i = first, j = list.length - 1; i < j; i++, j--) {
    const swap = list[i]!;
    list[i] = list[j]!;
    list[j] = swap;
  }
}

/**
 * Visits every descendant of a node. The visitor may return false to skip a node's children.
 * Used for the per-construct scans; the file-wide walk lives in source-index.ts.
 */
export function visitDescendants(node: ts.Node, visitor: (child: ts.Node) => boolean | void): void {
  walkDescendants(node, undefined, (child) => (visitor(child) === false ? SKIP_CHILDREN : undefined));
}

/** Whether any descendant (or the node itself) satisfies a predicate; stops at the first match. */
export function someDescendant(node: ts.Node, predicate: (child: ts.Node) => boolean): boolean {
  if (predicate(node)) return true;
  let found = false;
  walkDescendants(node, undefined, (child) => {
    if (found || predicate(child)) {
      found = true;
      return SKIP_CHILDREN;
    }
    return undefined;
  });
  return found;
}

/** Whether a name (`retries`) or a path (`this.retryCount`) is referred to inside a node. */
export function referencesPath(node: ts.Node, path: string): boolean {
  if (!path.includes('.')) return referencesName(node, path);
  return nodeText(node).includes(path);
}

/** Whether a name occurs as an identifier (not as a property name) inside a node. */
export function referencesName(node: ts.Node, name: string): boolean {
  return someDescendant(node, (child) => {
    if (ts.isIdentifier(child) && child.text === name) {
      const parent = child.parent;
      return !(parent && ts.isPropertyAccessExpression(parent) && parent.name === child);
    }
    return false;
  });
}

/** The statement that holds a node directly in a statement list (block, file, case clause), if any. */
export function statementInList(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node | undefined = node; current && current.parent; current = current.parent) {
    const parent: ts.Node = current.parent;
    if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) || ts.isModuleBlock(parent)) {
      return current as ts.Statement;
    }
    if (ts.isLabeledStatement(parent)) continue;
    if (isFunctionNode(parent) || ts.isClassLike(parent)) return undefined;
  }
  return undefined;
}

/** The text of a node, cut to a readable length for a message. */
export function shortText(node: ts.Node, sourceFile: ts.SourceFile, max = 48): string {
  const text = node.getText(sourceFile).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The statement control reaches last in a statement: a block's last one (undefined when empty), else the statement itself. */
export function lastStatement(statement: ts.Statement): ts.Statement | undefined {
  return ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : statement;
}

/** Whether a node is an exit from the current iteration's point of view: return, throw, or break. */
export function isExitStatement(node: ts.Node): boolean {
  return ts.isReturnStatement(node) || ts.isThrowStatement(node) || ts.isBreakStatement(node) || (ts.isExpressionStatement(node) && isProcessExit(node.expression));
}

/** `process.exit(code)`: the program ends there. */
function isProcessExit(expression: ts.Expression): boolean {
  const call = unwrap(expression);
  return ts.isCallExpression(call) && calleeName(call) === 'exit' && namePath(calleeObject(call) ?? call) === 'process';
}

/** Assignment operators that store into their left side. */
export function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}
