// Which tests in a retrying function can stop it. A count compared in an `if` caps a retry only if the
// `if` decides something on the way round: it guards the call that goes round, or one of its branches
// leaves the function that goes round, or it stops the connection (closes it, clears its timer, sets a
// flag). A test whose branches only log or only choose the next wait (`if (fails > MAX_FAILS) retryTime
// = …`) never stops anything, nor does a `return` in a handler that is not on the way round (the open
// handler of the connection being retried).
import ts from 'typescript';
import { calleeName, chainOperands, COMPARISON_OPERATORS, contains, enclosingFunction, type FunctionNode, isAssignmentOperator, isFunctionNode, namePath, someDescendant, unwrap } from './ast';
import { LOG_NAME } from './vocabulary';

/** How long a test's branches may be and still be read (in characters); longer ones count as able to stop. */
const MAX_BRANCH_LENGTH = 1500;

/** What a test does: may stop the retry, only chooses a wait, or does nothing that matters. */
export type TestEffect = 'may-stop' | 'chooses-delay' | 'inert';

/**
 * Calls that end a connection or a retry: `ws.close()`, `clearTimeout(timer)`, `reject(err)`, `process.exit(1)`, or
 * hand the failure to an error handler, whose answer (a shutdown, a rejection) is out of sight: `this.onMajorError(err)`,
 * `onFatal(err)`.
 */
const STOP_CALL = /close|stop|disconnect|destroy|abort|terminat|cancel|clear(Timeout|Interval)|reject|give_?up|fail|^end$|dispose|unsubscribe|exit|quit|shutdown|teardown|fatal|panic|^on[A-Z]\w{0,30}Error$/i;

/**
 * The effect of an `if` in a function that retries. `refs` are the calls that go round (when known):
 * an `if` around one of them guards it; a `return` or `throw` counts only in a function that holds one.
 * `delays` are the names the waits are read from.
 */
export function ifEffect(statement: ts.IfStatement, refs: readonly ts.Node[] | undefined, delays: ReadonlySet<string>, localFunction: LocalFunctionOf = () => undefined): TestEffect {
  if (refs && refs.some((ref) => contains(statement, ref))) return 'may-stop';
  // Branches are short; a long one is not read (it may stop), which keeps nested tests linear.
  if (statement.end - statement.expression.end > MAX_BRANCH_LENGTH) return 'may-stop';
  let exitsCount: boolean | undefined;
  const exitStops = (): boolean => (exitsCount ??= !refs || refs.some((ref) => contains(functionAround(statement), ref)));
  const reading = readBranches(statement, { refs, delays, exitStops, localFunction });
  return reading.mayStop ? 'may-stop' : reading.setsDelay ? 'chooses-delay' : 'inert';
}

/** What the branches of an `if` do: something that may stop the retry, or set a wait. */
interface BranchReading {
  mayStop: boolean;
  setsDelay: boolean;
}

interface ReadingContext {
  refs: readonly ts.Node[] | undefined;
  delays: ReadonlySet<string>;
  /** Whether a `return`, `throw` or `break` in the function stops the retry. */
  exitStops: () => boolean;
  localFunction: LocalFunctionOf;
}

/** The function of the file a call runs, where there is one. */
export type LocalFunctionOf = (call: ts.CallExpression) => FunctionNode | undefined;

/** Readings of nested `if`s, kept for the context they were read in: each test of a nest reads the ones inside it. */
const readings = new WeakMap<ts.IfStatement, { refs: ReadingContext['refs']; delays: ReadingContext['delays']; reading: BranchReading }>();

function readBranches(statement: ts.IfStatement, context: ReadingContext): BranchReading {
  const known = readings.get(statement);
  if (known && known.refs === context.refs && known.delays === context.delays) return known.reading;
  const reading: BranchReading = { mayStop: false, setsDelay: false };
  const visit = (node: ts.Node): void => {
    if (reading.mayStop || (isFunctionNode(node) && !isDeferredCallback(node))) return;
    if (ts.isIfStatement(node)) {
      visit(node.expression);
      const inner = readBranches(node, context);
      reading.mayStop ||= inner.mayStop;
      reading.setsDelay ||= inner.setsDelay;
      return;
    }
    noteEffect(node, context, reading);
    ts.forEachChild(node, visit);
  };
  visit(statement.thenStatement);
  if (statement.elseStatement) visit(statement.elseStatement);
  readings.set(statement, { refs: context.refs, delays: context.delays, reading });
  return reading;
}

/** Calls that only put a callback off to the next turn: what they do is what the callback does. */
const DEFER_CALL = /^(nextTick|setImmediate|queueMicrotask)$/;

/** `process.nextTick(() => this.emit('error', err))`: the callback runs as if written in the branch. */
function isDeferredCallback(fn: ts.Node): boolean {
  const call = fn.parent;
  return call !== undefined && ts.isCallExpression(call) && call.arguments[0] === fn && DEFER_CALL.test(calleeName(call) ?? '');
}

function noteEffect(node: ts.Node, { refs, delays, exitStops, localFunction }: ReadingContext, reading: BranchReading): void {
  if (ts.isCallExpression(node) && DEFER_CALL.test(calleeName(node) ?? '') && node.arguments[0] !== undefined && isFunctionNode(node.arguments[0])) return;
  if ((ts.isReturnStatement(node) || ts.isThrowStatement(node) || ts.isBreakStatement(node)) && exitStops()) reading.mayStop = true;
  else if (ts.isCallExpression(node) && !refs && !LOG_NAME.test(calleeName(node) ?? '') && !onlyTells(node, localFunction)) reading.mayStop = true;
  else if (ts.isCallExpression(node) && STOP_CALL.test(calleeName(node) ?? '')) reading.mayStop = true;
  else if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) {
    const target = namePath(node.left);
    if (target && delays.has(target)) reading.setsDelay = true;
    else if (!refs || isFlagValue(node.right)) reading.mayStop = true;
  }
}

/**
 * `this._handleReconnect()` whose body only tells listeners (`this.onreconnect?.(…)`, `listeners.forEach(…)`): a function
 * of the file that throws nothing, calls nothing named for stopping, sets no flag or field (`this.state = 'failed'` may be
 * what a later test stops on) and runs no function of the file but such ones. What it calls is handed only the news; it
 * cannot stop the retry the test is on the way of.
 */
function onlyTells(call: ts.CallExpression, localFunction: LocalFunctionOf, depth = 0): boolean {
  const fn = localFunction(call);
  if (!fn?.body || fn.body.end - fn.body.pos > MAX_BRANCH_LENGTH) return false;
  return !someDescendant(fn.body, (node) => ts.isThrowStatement(node)
    || (ts.isCallExpression(node) && (STOP_CALL.test(calleeName(node) ?? '') || (localFunction(node) !== undefined && !(depth < MAX_TELLING_DEPTH && onlyTells(node, localFunction, depth + 1)))))
    || (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind) && (isFlagValue(node.right) || ts.isPropertyAccessExpression(node.left) || ts.isElementAccessExpression(node.left))));
}

/** How many functions deep onlyTells follows the file's functions that tell listeners (`emit` → `callListener`). */
const MAX_TELLING_DEPTH = 2;

/** `true`, `false`, `null`, `undefined`: a flag or a handle cleared, which a later check may stop on. */
function isFlagValue(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  const kind = node.kind;
  return kind === ts.SyntaxKind.TrueKeyword || kind === ts.SyntaxKind.FalseKeyword || kind === ts.SyntaxKind.NullKeyword
    || (ts.isIdentifier(node) && node.text === 'undefined');
}

function functionAround(node: ts.Node): ts.Node {
  return enclosingFunction(node) ?? node.getSourceFile();
}

// ---------------------------------------------------------------------------------------------
// Which calls that go round a budget test guards

/**
 * Whether a call that goes round (`ref`, in `fn`) runs only while a budget is left: an `if` (or `?:`, or
 * `&&`) around it that needs a test of one of `budgets` to pass (`if (retries > 0)`, `if (ok && n < max)`,
 * the else of `if (n >= max) throw`), or, before it on the way, an exit taken when the budget is spent
 * (`if (attempt >= max) throw err;`). `A || n < max` does not guard: A alone lets the call through.
 */
export function guardedByBudget(ref: ts.Node, fn: ts.Node, budgets: ReadonlySet<string>): boolean {
  let child: ts.Node = ref;
  for (let node = ref.parent; node && node !== fn; child = node, node = node.parent) {
    if ((ts.isIfStatement(node) || ts.isConditionalExpression(node)) && child !== conditionOf(node)) {
      const inThen = child === (ts.isIfStatement(node) ? node.thenStatement : node.whenTrue);
      if (needsBudget(conditionOf(node), inThen, budgets)) return true;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === node.right
      && needsBudget(node.left, true, budgets)) return true;
    if (ts.isBlock(node) && node.statements.some((statement) => statement.end <= child.pos && exitsWhenSpent(statement, budgets))) return true;
  }
  return false;
}

/**
 * A call whose guard tests the budget only beside another way in: `if (code === 'NETWORK' || retry < MAX)
 * return self(retry + 1)`. While the other test holds, the budget stops nothing. Not said where the other
 * test reads the budget or its limit too (`!max || n < max`: a limit that is off is read elsewhere).
 */
export function guardLetsPastBudget(ref: ts.Node, fn: ts.Node, budgets: ReadonlySet<string>): boolean {
  let child: ts.Node = ref;
  for (let node = ref.parent; node && node !== fn; child = node, node = node.parent) {
    if (isFunctionNode(node)) return false;
    if (!(ts.isIfStatement(node) || ts.isConditionalExpression(node)) || child === conditionOf(node)) continue;
    const inThen = child === (ts.isIfStatement(node) ? node.thenStatement : node.whenTrue);
    return inThen && otherWayInBesideBudget(conditionOf(node), budgets);
  }
  return false;
}

function otherWayInBesideBudget(condition: ts.Expression, budgets: ReadonlySet<string>): boolean {
  const operands = chainOperands(condition, ts.SyntaxKind.BarBarToken);
  if (operands.length < 2) return false;
  const budgetTests = operands.filter((operand) => needsBudget(operand, true, budgets));
  if (budgetTests.length === 0) return false;
  const read = new Set(budgetTests.flatMap(identifiersIn));
  return operands.some((operand) => !budgetTests.includes(operand) && !identifiersIn(operand).some((name) => read.has(name)));
}

const MAX_IDENTIFIERS_READ = 64;

function identifiersIn(node: ts.Node): string[] {
  const names: string[] = [];
  const visit = (inner: ts.Node): void => {
    if (names.length >= MAX_IDENTIFIERS_READ) return;
    if (ts.isIdentifier(inner)) names.push(inner.text);
    else ts.forEachChild(inner, visit);
  };
  visit(node);
  return names;
}

/**
 * Whether a call that goes round follows an `if … else` of which one branch has the exit taken when the
 * budget is spent and the other goes on to the call without any test of the budget: `if (status === 429)
 * { await wait(retryAfter); } else { if (n >= max) throw err; await wait(backoff(n)); } return retry(n + 1);`
 * retries rate-limited requests forever.
 */
export function budgetBypassed(ref: ts.Node, fn: ts.Node, budgets: ReadonlySet<string>): boolean {
  let child: ts.Node = ref;
  for (let node = ref.parent; node && node !== fn; child = node, node = node.parent) {
    if (!ts.isBlock(node)) continue;
    for (const statement of node.statements) {
      if (statement.end > child.pos) break;
      if (ts.isIfStatement(statement) && statement.elseStatement && oneBranchSkipsBudget(statement, statement.elseStatement, budgets)) return true;
    }
  }
  return false;
}

function oneBranchSkipsBudget(statement: ts.IfStatement, otherwise: ts.Statement, budgets: ReadonlySet<string>): boolean {
  // Long branches are not read: the test may be in a form not followed here.
  if (statement.end - statement.expression.end > MAX_BRANCH_LENGTH) return false;
  const branches = [statement.thenStatement, otherwise];
  const checked = branches.filter((branch) => statementsOf(branch).some((inner) => exitsWhenSpent(inner, budgets)));
  if (checked.length !== 1) return false;
  const skipping = branches.find((branch) => branch !== checked[0])!;
  return !endsInExit(skipping) && !mentionsAnyBudget(skipping, budgets) && !testsBudgetSomewhere(statement.expression, budgets);
}

function statementsOf(branch: ts.Statement): readonly ts.Statement[] {
  return ts.isBlock(branch) ? branch.statements : [branch];
}

/** A branch that leaves (`return`, `throw`, `continue`, `break`) never reaches what follows it. */
function endsInExit(branch: ts.Statement): boolean {
  const statements = statementsOf(branch);
  const last = statements[statements.length - 1];
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last) || ts.isContinueStatement(last) || ts.isBreakStatement(last));
}

/** Any mention of a budget in a branch (a nested test, a step): then the branch is not said to skip it. */
function mentionsAnyBudget(branch: ts.Node, budgets: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const path = ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) ? namePath(node) : undefined;
    if (path !== undefined && (budgets.has(path) || [...budgets].some((budget) => path.endsWith(`.${budget}`)))) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(branch);
  return found;
}

/**
 * Locals that hold a budget test (`const canRetry = enabled && retryCount < maxRetries`): true only
 * while the budget lasts, so `if (!canRetry) throw err` is the exit taken when it is spent.
 */
export function budgetFlags(declarations: readonly ts.VariableDeclaration[], budgets: ReadonlySet<string>): Set<string> {
  const flags = new Set<string>();
  for (const declaration of declarations) {
    if (!ts.isIdentifier(declaration.name) || !declaration.initializer || !(declaration.parent.flags & ts.NodeFlags.Const)) continue;
    if (needsBudget(declaration.initializer, true, budgets)) flags.add(declaration.name.text);
  }
  return flags;
}

function conditionOf(node: ts.IfStatement | ts.ConditionalExpression): ts.Expression {
  return ts.isIfStatement(node) ? node.expression : node.condition;
}

/**
 * How deep a condition's `&&`, `||` and `!` are read. Real conditions are a few terms; past this a
 * condition counts as a guard, so that an unread one never makes a cap look skipped.
 */
const MAX_CONDITION_DEPTH = 32;

/** Whether the condition can come out `outcome` only if a budget test passes. */
function needsBudget(condition: ts.Expression, outcome: boolean, budgets: ReadonlySet<string>, depth = 0): boolean {
  if (depth > MAX_CONDITION_DEPTH) return true;
  const node = unwrap(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return needsBudget(node.operand, !outcome, budgets, depth + 1);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    // `A && B` true needs A and B; false needs only one of them (and `||` the other way round).
    const both = (operator === ts.SyntaxKind.AmpersandAmpersandToken) === outcome;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
      return both
        ? needsBudget(node.left, outcome, budgets, depth + 1) || needsBudget(node.right, outcome, budgets, depth + 1)
        : needsBudget(node.left, outcome, budgets, depth + 1) && needsBudget(node.right, outcome, budgets, depth + 1);
    }
  }
  return testsBudget(node, budgets);
}

/** `if (attempt >= max) throw err;`, `if (!retriesLeft) return;`: leaves when the condition holds, which a spent budget makes hold. */
function exitsWhenSpent(statement: ts.Statement, budgets: ReadonlySet<string>): boolean {
  if (!ts.isIfStatement(statement) || statement.elseStatement) return false;
  const branch = statement.thenStatement;
  const last = ts.isBlock(branch) ? branch.statements[branch.statements.length - 1] : branch;
  if (!last || !(ts.isReturnStatement(last) || ts.isThrowStatement(last))) return false;
  return testsBudgetSomewhere(statement.expression, budgets);
}

/** A predicate a value is handed to: `Number.isInteger(delay)`, `isFinite(wait)`, `Boolean(answer)`. */
const PREDICATE_NAME = /^(?:is[A-Z]\w*|isFinite|isNaN|Boolean)$/;

/**
 * A comparison (or a bare test) of one of the budgets: `retries > 0`, `n < max`, `retriesLeft`; or a predicate asked of
 * one (`!Number.isInteger(retryAfter)`, where a helper answers a wait while it allows another attempt and `false` after).
 */
function testsBudget(node: ts.Expression, budgets: ReadonlySet<string>): boolean {
  if (ts.isBinaryExpression(node) && COMPARISON_OPERATORS.has(node.operatorToken.kind)) {
    return mentionsBudget(node.left, budgets) || mentionsBudget(node.right, budgets);
  }
  if (ts.isCallExpression(node) && node.arguments.length === 1 && PREDICATE_NAME.test(calleeName(node) ?? '')) return mentionsBudget(node.arguments[0]!, budgets);
  const path = namePath(node);
  // `retryResult.retry`: a member of a helper's answer about the budget is that answer.
  return path !== undefined && (budgets.has(path) || budgets.has(path.split('.')[0]!));
}

/** A budget test that alone makes the condition true: `spent`, `spent || other`, `!retriesLeft`. */
function testsBudgetSomewhere(node: ts.Expression, budgets: ReadonlySet<string>, depth = 0): boolean {
  if (depth > MAX_CONDITION_DEPTH) return true;
  const inner = unwrap(node);
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
    return testsBudgetSomewhere(inner.left, budgets, depth + 1) || testsBudgetSomewhere(inner.right, budgets, depth + 1);
  }
  if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) return testsBudget(unwrap(inner.operand), budgets);
  return testsBudget(inner, budgets);
}

function mentionsBudget(side: ts.Expression, budgets: ReadonlySet<string>): boolean {
  let inner = unwrap(side);
  while (ts.isBinaryExpression(inner) && (inner.operatorToken.kind === ts.SyntaxKind.PlusToken || inner.operatorToken.kind === ts.SyntaxKind.MinusToken)) inner = unwrap(inner.left);
  if (ts.isPrefixUnaryExpression(inner) || ts.isPostfixUnaryExpression(inner)) inner = unwrap(inner.operand);
  const path = namePath(inner);
  return path !== undefined && (budgets.has(path) || [...budgets].some((budget) => path.endsWith(`.${budget}`)));
}

