// Attempt counters and deadlines: the two things that can cap a retry. A counter caps a retry
// only if it is advanced on every way round and compared with a limit on a path that stops.
import ts from 'typescript';
import { namePath, numericValue, unwrap } from './ast';
import { DEADLINE_NAME } from './vocabulary';

/**
 * The name advanced by a node, if the node counts attempts: `n++`, `--left`, `n += 1`,
 * `n = n + 1`, `this.attempts++`, `config.__retryCount += 1`.
 */
export function advancedName(node: ts.Node): string | undefined {
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    if (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) return namePath(node.operand);
    return undefined;
  }
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.PlusEqualsToken || operator === ts.SyntaxKind.MinusEqualsToken) {
    // A step of one (or another small constant) counts attempts; `offset += pageSize` is a cursor.
    const step = numericValue(node.right);
    return step !== undefined && step > 0 && step <= 10 ? namePath(node.left) : undefined;
  }
  if (operator === ts.SyntaxKind.EqualsToken) {
    const target = namePath(node.left);
    const value = unwrap(node.right);
    if (target && ts.isBinaryExpression(value)
      && (value.operatorToken.kind === ts.SyntaxKind.PlusToken || value.operatorToken.kind === ts.SyntaxKind.MinusToken)
      && (namePath(value.left) === target || namePath(value.right) === target)) return target;
    // `n = (n ?? 0) + 1` and `n = (n || 0) + 1`
    if (target && ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.PlusToken && value.getText().includes(lastSegment(target))) return target;
  }
  return undefined;
}

function lastSegment(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? path : path.slice(dot + 1);
}

/** Comparisons found in an expression, split by whether the name was compared directly or only through `%`. */
export interface Comparisons {
  compared: Set<string>;
  moduloOnly: Set<string>;
  deadline: boolean;
}

export function emptyComparisons(): Comparisons {
  return { compared: new Set(), moduloOnly: new Set(), deadline: false };
}

const COMPARISON_OPERATORS = new Set([
  ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken,
]);

/**
 * Collects the names an expression compares. `asCondition` says the expression is itself tested
 * for truth (a loop or `if` condition), where a bare `retriesLeft` or `n--` is a comparison with 0.
 */
export function collectComparisons(expression: ts.Expression, asCondition: boolean, into: Comparisons = emptyComparisons()): Comparisons {
  const node = unwrap(expression);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (COMPARISON_OPERATORS.has(operator)) {
      collectOperand(node.left, into);
      collectOperand(node.right, into);
      if (isTimeExpression(node.left) || isTimeExpression(node.right)) into.deadline = true;
      return into;
    }
    const logical = operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken;
    collectComparisons(node.left, asCondition && logical, into);
    collectComparisons(node.right, asCondition && logical, into);
    return into;
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return collectComparisons(node.operand, asCondition, into);
  if (asCondition) {
    const name = conditionName(node);
    if (name) into.compared.add(name);
    if (name && DEADLINE_NAME.test(name)) into.deadline = true;
    if (ts.isCallExpression(node) && /timed_?out|expired|deadline|elapsed/i.test(node.expression.getText())) into.deadline = true;
    // `if (!shouldRetry(err, attempt)) throw err`: a predicate given the counter decides when to stop.
    if (ts.isCallExpression(node)) {
      for (const argument of node.arguments) {
        const path = namePath(argument);
        if (path) into.compared.add(path);
      }
    }
  }
  if (ts.isConditionalExpression(node)) {
    collectComparisons(node.condition, true, into);
    return into;
  }
  ts.forEachChild(node, (child) => {
    if (ts.isExpression(child as ts.Expression) && !ts.isIdentifier(child)) collectComparisons(child as ts.Expression, false, into);
  });
  return into;
}

/** The counter tested for truth in a condition: `retriesLeft`, `n--`, `--n`, `this.remaining`. */
function conditionName(node: ts.Expression): string | undefined {
  if (ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node)) return namePath(node.operand);
  return namePath(node);
}

/** Records the names in one side of a comparison: `attempt`, `attempt + 1`, `++n`, but `n % 5` only as modulo. */
function collectOperand(operand: ts.Expression, into: Comparisons): void {
  const node = unwrap(operand);
  const path = namePath(node);
  if (path) {
    into.compared.add(path);
    if (DEADLINE_NAME.test(path)) into.deadline = true;
    return;
  }
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    collectOperand(node.operand, into);
    return;
  }
  if (ts.isBinaryExpression(node)) {
    if (node.operatorToken.kind === ts.SyntaxKind.PercentToken) {
      const left = namePath(node.left);
      if (left) into.moduloOnly.add(left);
      return;
    }
    collectOperand(node.left, into);
    collectOperand(node.right, into);
  }
}

/** Whether an expression reads the clock: `Date.now()`, `performance.now()`, `new Date()`, `x.getTime()`, `process.hrtime()`. */
export function isTimeExpression(expression: ts.Expression): boolean {
  const text = expression.getText();
  return /\b(Date\.now|performance\.now|getTime|hrtime|new Date|dayjs\(|moment\(|Temporal\.Now)/.test(text) || DEADLINE_NAME.test(text);
}
