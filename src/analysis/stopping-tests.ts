// Which tests in a retrying function can stop it. A count compared in an `if` caps a retry only if the
// `if` decides something on the way round: it guards the call that goes round, or one of its branches
// leaves the function that goes round, or it stops the connection (closes it, clears its timer, sets a
// flag). A test whose branches only log or only choose the next wait (`if (fails > MAX_FAILS) retryTime
// = …`) never stops anything, nor does a `return` in a handler that is not on the way round (the open
// handler of the connection being retried).
import ts from 'typescript';
import { calleeName, contains, isAssignmentOperator, isFunctionNode, namePath, unwrap } from './ast';
import { LOG_NAME } from './vocabulary';

const MAX_BRANCH_LENGTH = 1500;

/** What a test does: may stop the retry, only chooses a wait, or does nothing that matters. */
export type TestEffect = 'may-stop' | 'chooses-delay' | 'inert';

/** Calls that end a connection or a retry: `ws.close()`, `clearTimeout(timer)`, `reject(err)`, `process.exit(1)`. */
const STOP_CALL = /close|stop|disconnect|destroy|abort|terminat|cancel|clear(Timeout|Interval)|reject|give_?up|fail|^end$|dispose|unsubscribe|exit|quit|shutdown|teardown/i;

/**
 * The effect of an `if` in a function that retries. `refs` are the calls that go round (when known):
 * an `if` around one of them guards it; a `return` or `throw` counts only in a function that holds one.
 * `delays` are the names the waits are read from.
 */
export function ifEffect(statement: ts.IfStatement, refs: readonly ts.Node[] | undefined, delays: ReadonlySet<string>): TestEffect {
  if (refs && refs.some((ref) => contains(statement, ref))) return 'may-stop';
  // Branches are short; a long one is not read (it may stop), which keeps nested tests linear.
  if (statement.end - statement.expression.end > MAX_BRANCH_LENGTH) return 'may-stop';
  let exitsCount: boolean | undefined;
  const exitStops = (): boolean => (exitsCount ??= !refs || refs.some((ref) => contains(functionAround(statement), ref)));
  let setsDelay = false;
  let effect = 'inert' as TestEffect;
  const visit = (node: ts.Node): void => {
    if (effect === 'may-stop') return;
    if (isFunctionNode(node)) return;
    if ((ts.isReturnStatement(node) || ts.isThrowStatement(node) || ts.isBreakStatement(node)) && exitStops()) effect = 'may-stop';
    else if (ts.isCallExpression(node) && !refs && !LOG_NAME.test(calleeName(node) ?? '')) effect = 'may-stop';
    else if (ts.isCallExpression(node) && STOP_CALL.test(calleeName(node) ?? '')) effect = 'may-stop';
    else if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) {
      const target = namePath(node.left);
      if (target && delays.has(target)) setsDelay = true;
      else if (!refs || isFlagValue(node.right)) effect = 'may-stop';
    }
    ts.forEachChild(node, visit);
  };
  visit(statement.thenStatement);
  if (statement.elseStatement) visit(statement.elseStatement);
  return effect === 'inert' && setsDelay ? 'chooses-delay' : effect;
}

/** `true`, `false`, `null`, `undefined`: a flag or a handle cleared, which a later check may stop on. */
function isFlagValue(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  const kind = node.kind;
  return kind === ts.SyntaxKind.TrueKeyword || kind === ts.SyntaxKind.FalseKeyword || kind === ts.SyntaxKind.NullKeyword
    || (ts.isIdentifier(node) && node.text === 'undefined');
}

function functionAround(node: ts.Node): ts.Node {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return node.getSourceFile();
}
