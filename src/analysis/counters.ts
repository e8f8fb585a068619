// Attempt counters and deadlines: the two things that can cap a retry. A counter caps a retry
// only if it is advanced on every way round and compared with a limit on a path that stops.
import ts from 'typescript';
import { calleeName, COMPARISON_OPERATORS, namePath, numericValue, SKIP_CHILDREN, unwrap, walkTree } from './ast';
import { infiniteBudget, isInfiniteLimit, offBudgetDetail, offLimitDetail, testsLimitKeptAtZero, testsLimitKeptAtZeroAboveZero } from './infinite-limits';
import type { Bound } from './retry-model';
import { ATTEMPT_COUNTER_NAME, DEADLINE_NAME, LOG_NAME } from './vocabulary';
import { nodeText, spendWork } from './run-context';

// TypeScript's exports are getters: the scans read the syntax kinds once, at load.
const Kind = ts.SyntaxKind;

/**
 * The name advanced by a node, if the node counts attempts: `n++`, `--left`, `n += 1`,
 * `n = n + 1`, `this.attempts++`, `config.__retryCount += 1`.
 */
export function advancedName(node: ts.Node): string | undefined {
  if (ts.isVariableDeclaration(node)) return storedStep(node);
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
    if (node.operator === Kind.PlusPlusToken || node.operator === Kind.MinusMinusToken) return namePath(node.operand);
    return undefined;
  }
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  if (operator === Kind.PlusEqualsToken || operator === Kind.MinusEqualsToken) {
    // A step of one (or another small constant) counts attempts; `offset += pageSize` is a cursor.
    const step = numericValue(node.right);
    return step !== undefined && step > 0 && step <= 10 ? namePath(node.left) : undefined;
  }
  if (operator === Kind.EqualsToken) {
    const target = namePath(node.left);
    const value = unwrap(node.right);
    if (!target) return undefined;
    if (steps(value, target)) return target;
    // `config.attempts = done + 1` after `const done = config.attempts || 1` (or `const { attempts = 0 } = config`):
    // the count read out of the object it is kept on, stepped and stored back; the comparisons read the local.
    const local = steppedName(value);
    if (local && target.includes('.') && copiedFrom(node, local, target)) return local;
    // `n = n === undefined ? 0 : n + 1`: the first call starts the count, the others step it.
    if (ts.isConditionalExpression(value) && ((steps(unwrap(value.whenFalse), target) && numericValue(value.whenTrue) !== undefined)
      || (steps(unwrap(value.whenTrue), target) && numericValue(value.whenFalse) !== undefined))) return target;
  }
  return undefined;
}

/**
 * `const next = session.currentAttempt + 1; await store.update(id, { current_attempt: next })`: a count read off a
 * record, compared, stepped and handed to a call that stores it (the next round reads it back): the record's count advances.
 */
function storedStep(declaration: ts.VariableDeclaration): string | undefined {
  const value = declaration.initializer && unwrap(declaration.initializer);
  if (!value || !ts.isIdentifier(declaration.name) || !ts.isBinaryExpression(value) || value.operatorToken.kind !== Kind.PlusToken) return undefined;
  const [counted, step] = numericValue(value.right) === 1 ? [value.left, value.right] : [value.right, value.left];
  const path = numericValue(step) === 1 ? namePath(counted) : undefined;
  const scope = declaration.parent?.parent?.parent;
  // Only a count the scope compares itself: one stepped for a helper to judge (`nextRetryAt(attempts + 1)`) is the helper's.
  return path?.includes('.') && scope && handedToCall(declaration.name.text, scope) && compares(scope, path) ? path : undefined;
}

/** Whether the scope compares the name path with something (`session.attempt >= session.maxAttempts`). */
function compares(scope: ts.Node, path: string): boolean {
  let found = false;
  walkTree(scope, undefined, (node) => {
    if (found) return SKIP_CHILDREN;
    if (ts.isBinaryExpression(node) && COMPARISON_OPERATORS.has(node.operatorToken.kind) && (namePath(node.left) === path || namePath(node.right) === path)) found = true;
    return undefined;
  });
  return found;
}

/** Whether a call in the scope (not a log line) is given the name, as an argument or as a property of an object it is given. */
function handedToCall(name: string, scope: ts.Node): boolean {
  let handed = false;
  walkTree(scope, undefined, (node) => {
    if (handed || !ts.isCallExpression(node) || LOG_NAME.test(calleeName(node) ?? '')) return handed ? SKIP_CHILDREN : undefined;
    handed = node.arguments.some((argument) => {
      const passed = unwrap(argument);
      if (ts.isIdentifier(passed)) return passed.text === name;
      return ts.isObjectLiteralExpression(passed) && passed.properties.some((property) => (ts.isShorthandPropertyAssignment(property) && property.name.text === name)
        || (ts.isPropertyAssignment(property) && ts.isIdentifier(unwrap(property.initializer)) && (unwrap(property.initializer) as ts.Identifier).text === name));
    });
    return undefined;
  });
  return handed;
}

/** The bare name stepped by `n + 1` or `1 + n`. */
function steppedName(value: ts.Expression): string | undefined {
  if (!ts.isBinaryExpression(value) || value.operatorToken.kind !== Kind.PlusToken) return undefined;
  const [name, step] = ts.isIdentifier(unwrap(value.left)) ? [unwrap(value.left), value.right] : [unwrap(value.right), value.left];
  return ts.isIdentifier(name) && numericValue(step) === 1 ? name.text : undefined;
}

/** How many statements of the function around an assignment are searched for the copy it steps (real handlers are short). */
const MAX_COPY_SEARCH = 64;

/**
 * Whether `local` is a copy of `path` made earlier in the block around `node` or one of the blocks holding it:
 * `const local = path` (defaulted by `||` or `??`), or `const { name: local } = object` for `object.name`.
 */
function copiedFrom(node: ts.Node, local: string, path: string): boolean {
  const dot = path.lastIndexOf('.');
  const object = path.slice(0, dot);
  const property = path.slice(dot + 1);
  let searched = 0;
  for (let block = node.parent; block && !ts.isSourceFile(block); block = block.parent) {
    if (!ts.isBlock(block)) continue;
    for (const statement of block.statements) {
      if (statement.pos >= node.pos || ++searched > MAX_COPY_SEARCH) break;
      if (!ts.isVariableStatement(statement)) continue;
      if (statement.declarationList.declarations.some((declaration) => copies(declaration, local, path, object, property))) return true;
    }
    if (ts.isFunctionLike(block.parent)) return false;
  }
  return false;
}

function copies(declaration: ts.VariableDeclaration, local: string, path: string, object: string, property: string): boolean {
  const initializer = declaration.initializer ? unwrap(declaration.initializer) : undefined;
  if (!initializer) return false;
  if (ts.isIdentifier(declaration.name)) return declaration.name.text === local && (namePath(initializer) === path || isDefaulted(initializer, path));
  if (!ts.isObjectBindingPattern(declaration.name) || namePath(initializer) !== object) return false;
  return declaration.name.elements.some((element) => ts.isIdentifier(element.name) && element.name.text === local
    && (element.propertyName ? ts.isIdentifier(element.propertyName) && element.propertyName.text === property : local === property));
}

/** `n + 1`, `1 + n`, `n - 1`, and `(n ?? 0) + 1` or `(n || 0) + 1`. */
function steps(value: ts.Expression, target: string): boolean {
  if (!ts.isBinaryExpression(value)) return false;
  const operator = value.operatorToken.kind;
  if ((operator === Kind.PlusToken || operator === Kind.MinusToken) && (namePath(value.left) === target || namePath(value.right) === target)) return true;
  return operator === Kind.PlusToken && isDefaulted(value.left, target);
}

/** `(n ?? 0)`, `(this.n || 0)`: the name with a default, as a counter starts before its first step. */
function isDefaulted(expression: ts.Expression, target: string): boolean {
  const inner = unwrap(expression);
  if (!ts.isBinaryExpression(inner)) return false;
  const operator = inner.operatorToken.kind;
  return (operator === Kind.QuestionQuestionToken || operator === Kind.BarBarToken) && namePath(inner.left) === target;
}

/** Comparisons found in an expression, split by whether the name was compared directly or only through `%`. */
export interface Comparisons {
  compared: Set<string>;
  moduloOnly: Set<string>;
  deadline: boolean;
  /** Names compared with a value other than 0 (`n < max`), as opposed to only tested for truth or against 0 (`if (!n)`, `n > 0`). */
  valueCompared: Set<string>;
  /** Names compared only with a limit that never stops (`i < n` with `n` kept at 0), with what makes it so: see offLimitBound. */
  offLimits?: Map<string, string>;
}

/** A counter compared only with a limit that is off (`Infinity`, or kept at a 0 that turns it off): the reason nothing stops it. */
export function offLimitBound(counters: readonly string[], comparisons: readonly Comparisons[]): Bound | undefined {
  for (const counter of counters) {
    for (const read of comparisons) {
      const detail = read.offLimits?.get(counter);
      if (detail) return { capped: false, reason: 'limit-off', counter, detail };
    }
  }
  return undefined;
}

export function emptyComparisons(): Comparisons {
  return { compared: new Set(), moduloOnly: new Set(), deadline: false, valueCompared: new Set() };
}

/** `n++`, `n += 1`, `n = n + 1`: a step up (a count of attempts made, not of attempts left). */
function stepsUp(node: ts.Node): boolean {
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) return node.operator === Kind.PlusPlusToken;
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  if (operator === Kind.PlusEqualsToken) return true;
  const value = unwrap(node.right);
  return operator === Kind.EqualsToken && ts.isBinaryExpression(value) && value.operatorToken.kind === Kind.PlusToken;
}

/**
 * Drops the counters that count up and are only tested for truth or against 0: `if (!this.attempts)`
 * and `attempts > 0` ask whether this is the first attempt, they cap nothing (`if (!retriesLeft)`,
 * counting down, does).
 */
export function withoutFirstAttemptTests(comparisons: Comparisons, advances: ReadonlyMap<string, readonly ts.Node[]>): Comparisons {
  for (const [name, steps] of advances) {
    if (comparisons.compared.has(name) && !comparisons.valueCompared.has(name) && steps.every(stepsUp)) comparisons.compared.delete(name);
  }
  return comparisons;
}


/**
 * Collects the names an expression compares. `asCondition` says the expression is itself tested
 * for truth (a loop or `if` condition), where a bare `retriesLeft` or `n--` is a comparison with 0.
 * A comparison with a limit that is infinite (`Infinity`, or one of `limits`, see infinite-limits.ts)
 * compares nothing: it never stops.
 */
export function collectComparisons(expression: ts.Expression, asCondition: boolean, into: Comparisons = emptyComparisons(), limits: ReadonlySet<string> = NO_LIMITS): Comparisons {
  // A work list, not recursion: conditions in generated code can be thousands of operands deep.
  const work: [ts.Expression, boolean][] = [[expression, asCondition]];
  while (work.length > 0) {
    spendWork();
    const [next, condition] = work.pop()!;
    collectFrom(next, condition, into, work, limits);
  }
  return into;
}

const NO_LIMITS: ReadonlySet<string> = new Set();
const EQUALITY_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([Kind.EqualsEqualsEqualsToken, Kind.EqualsEqualsToken, Kind.ExclamationEqualsEqualsToken, Kind.ExclamationEqualsToken]);

function collectFrom(expression: ts.Expression, asCondition: boolean, into: Comparisons, work: [ts.Expression, boolean][], limits: ReadonlySet<string>): void {
  const node = unwrap(expression);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (COMPARISON_OPERATORS.has(operator)) {
      // `this.retries-- > 0`, `retries < 1` where the budget starts at Infinity: counted down, it never reaches 0 or 1.
      const budget = comparedWithZeroOrOne(node) ? infiniteBudget(node.left, limits) ?? infiniteBudget(node.right, limits) : undefined;
      if (budget) {
        noteOffBudget(into, budget);
        return;
      }
      const offLeft = isInfiniteLimit(node.left, limits);
      if (offLeft || isInfiniteLimit(node.right, limits)) {
        noteOffLimit(into, offLeft ? node.left : node.right, offLeft ? node.right : node.left, limits);
        return;
      }
      // `if (connectionId !== this.connectionId) return` with `const connectionId = ++this.connectionId`: a stale handler's test.
      if (EQUALITY_OPERATORS.has(operator) && comparesWithOwnSnapshot(node)) return;
      // `n > 0`, `n === 0`: for a count that goes up, whether an attempt was made yet.
      const withZero = numericValue(node.left) === 0 || numericValue(node.right) === 0;
      collectOperand(node.left, into, withZero);
      collectOperand(node.right, into, withZero);
      // `error === RecaptchaResult.Timeout` tells which failure it was; only an ordering measures time.
      if (!EQUALITY_OPERATORS.has(operator) && (comparesTime(node.left, node.right) || comparesTime(node.right, node.left))) into.deadline = true;
      return;
    }
    // `if (n && i === 1) throw e` where `n` is kept at 0: the test never holds, it compares nothing.
    if (operator === Kind.AmpersandAmpersandToken && (testsLimitKeptAtZero(node.left, limits) || testsLimitKeptAtZero(node.right, limits))) return;
    // `if (n > 0 && i > n) stop()` where `n` is kept at 0: `i > n` is read, a comparison with a cap that is off.
    if (operator === Kind.AmpersandAmpersandToken && (testsLimitKeptAtZeroAboveZero(node.left, limits) || testsLimitKeptAtZeroAboveZero(node.right, limits))) {
      work.push([testsLimitKeptAtZeroAboveZero(node.left, limits) ? node.right : node.left, asCondition]);
      return;
    }
    const logical = operator === Kind.AmpersandAmpersandToken || operator === Kind.BarBarToken || operator === Kind.QuestionQuestionToken;
    work.push([node.left, asCondition && logical], [node.right, asCondition && logical]);
    return;
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === Kind.ExclamationToken) {
    work.push([node.operand, asCondition]);
    return;
  }
  if (asCondition) {
    // `while (retriesLeft--)` where the budget starts at Infinity.
    const budget = infiniteBudget(node, limits);
    if (budget) {
      noteOffBudget(into, budget);
      return;
    }
    const name = conditionName(node);
    if (name) into.compared.add(name);
    // A bare `if (timedOut)` is a deadline; `if (this.connectionTimeout)` tests a timer handle or a setting.
    if (name && BARE_DEADLINE_NAME.test(name)) into.deadline = true;
    if (ts.isCallExpression(node) && /timed_?out|expired|deadline|elapsed/i.test(nodeText(node.expression))) into.deadline = true;
    // `if (!shouldRetry(err, attempt)) throw err`: a predicate given the counter decides when to stop.
    if (ts.isCallExpression(node)) {
      for (const argument of node.arguments) {
        const path = namePath(argument);
        if (path) {
          into.compared.add(path);
          into.valueCompared.add(path);
        }
      }
    }
  }
  if (ts.isConditionalExpression(node)) {
    work.push([node.condition, true]);
    return;
  }
  ts.forEachChild(node, (child) => {
    if (ts.isExpression(child as ts.Expression) && !ts.isIdentifier(child)) work.push([child as ts.Expression, false]);
  });
}

/** `i < n` with `n` off: `i` is compared only with a limit that never stops it (the message says why). */
function noteOffLimit(into: Comparisons, limit: ts.Expression, other: ts.Expression, limits: ReadonlySet<string>): void {
  const operand = unwrap(other);
  const counter = namePath(ts.isPrefixUnaryExpression(operand) || ts.isPostfixUnaryExpression(operand) ? operand.operand : operand);
  if (counter === undefined || into.offLimits?.has(counter)) return;
  (into.offLimits ??= new Map()).set(counter, offLimitDetail(limit, limits));
}

/** `n > 0`, `n < 1`, `0 === n`: a comparison of a budget of attempts left with what it runs down to. */
function comparedWithZeroOrOne(comparison: ts.BinaryExpression): boolean {
  const sides = [numericValue(comparison.left), numericValue(comparison.right)];
  return sides.includes(0) || sides.includes(1);
}

/** A budget of attempts left that starts infinite: the counter is the budget itself, and nothing stops it. */
function noteOffBudget(into: Comparisons, budget: string): void {
  if (!into.offLimits?.has(budget)) (into.offLimits ??= new Map()).set(budget, offBudgetDetail(budget));
}

/** The counter tested for truth in a condition: `retriesLeft`, `n--`, `--n`, `this.remaining`. */
function conditionName(node: ts.Expression): string | undefined {
  if (ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node)) return namePath(node.operand);
  return namePath(node);
}

/** Records the names in one side of a comparison: `attempt`, `attempt + 1`, `++n`, but `n % 5` only as modulo. */
function collectOperand(operand: ts.Expression, into: Comparisons, withZero: boolean): void {
  const work = [operand];
  while (work.length > 0) {
    spendWork();
    const node = unwrap(work.pop()!);
    const path = namePath(node);
    if (path) {
      into.compared.add(path);
      if (!withZero) into.valueCompared.add(path);
    } else if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
      work.push(node.operand);
    } else if (ts.isBinaryExpression(node)) {
      const left = node.operatorToken.kind === Kind.PercentToken ? namePath(node.left) : undefined;
      if (left) into.moduloOnly.add(left);
      else if (node.operatorToken.kind !== Kind.PercentToken) work.push(node.left, node.right);
    }
  }
}

/** How many scopes up, and how many statements in each, the snapshot of a count is looked for. */
const MAX_SNAPSHOT_SCOPES = 12;
const MAX_SNAPSHOT_STATEMENTS = 200;

/**
 * `connectionId !== this.connectionId` where `const connectionId = ++this.connectionId` was taken when the connection was
 * made: a generation number, compared to tell an old connection's events from the current one's. It stops no retry.
 */
function comparesWithOwnSnapshot(comparison: ts.BinaryExpression): boolean {
  const [local, shared] = ts.isIdentifier(unwrap(comparison.left)) ? [unwrap(comparison.left), unwrap(comparison.right)] : [unwrap(comparison.right), unwrap(comparison.left)];
  const path = ts.isPropertyAccessExpression(shared) ? namePath(shared) : undefined;
  if (!path || !ts.isIdentifier(local)) return false;
  const snapshot = declaredValue(local);
  const taken = snapshot && ts.isPrefixUnaryExpression(snapshot) ? snapshot.operand : snapshot;
  return taken !== undefined && namePath(unwrap(taken)) === path;
}

/** The value a `const` of the blocks around a name is declared with, looked for a few scopes up. */
function declaredValue(name: ts.Identifier): ts.Expression | undefined {
  let scopes = 0;
  for (let node: ts.Node | undefined = name.parent; node && scopes < MAX_SNAPSHOT_SCOPES; node = node.parent) {
    if (!ts.isBlock(node) && !ts.isSourceFile(node)) continue;
    scopes++;
    for (const statement of node.statements.slice(0, MAX_SNAPSHOT_STATEMENTS)) {
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      const declaration = statement.declarationList.declarations.find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name.text);
      if (declaration) return declaration.initializer && unwrap(declaration.initializer);
    }
  }
  return undefined;
}

/** Names that say time ran out when they are merely true. */
const BARE_DEADLINE_NAME = /timed_?out|expired|deadline|elapsed|time_?left|remaining_?(ms|time)|budget_?ms|give_?up/i;

/**
 * Whether a comparison measures time against a limit: one side reads the clock (`Date.now() < deadline`),
 * or names a deadline or elapsed time compared with a limit. `timeout > 0` and `this.connectionTimeout !== null`
 * check that a setting is set, not the time.
 */
function comparesTime(side: ts.Expression, other: ts.Expression): boolean {
  if (isClockExpression(side)) return true;
  if (!isTimeExpression(side)) return false;
  const otherSide = unwrap(other);
  // `retryCount < MAX_RETRY_COUNT_ON_TIMEOUT_ERROR` counts attempts: the limit's name only says which failures.
  const otherPath = namePath(otherSide);
  if (otherPath !== undefined && ATTEMPT_COUNTER_NAME.test(otherPath.slice(otherPath.lastIndexOf('.') + 1))) return false;
  const number = numericValue(otherSide);
  // `remainingMs <= 0`: the time left, run out at 0 (unlike `timeout > 0`, which asks whether a timeout is set).
  if (number === 0 && TIME_LEFT_NAME.test(namePath(unwrap(side)) ?? '')) return true;
  return number !== 0 && number !== -1 && otherSide.kind !== Kind.NullKeyword && !(ts.isIdentifier(otherSide) && otherSide.text === 'undefined');
}

/** Names of the time left before a deadline: `remainingMs`, `timeLeft`, `remaining_time`, `msLeft`. */
const TIME_LEFT_NAME = /(^|\.)(time_?left|remaining(_?(ms|time|millis|seconds|secs))?|ms_?left)$/i;

function isClockExpression(expression: ts.Expression): boolean {
  return expression.end - expression.pos <= MAX_TIME_EXPRESSION_LENGTH && CLOCK_TEXT.test(nodeText(expression));
}

const CLOCK_TEXT = /\b(Date\.now|performance\.now|getTime|hrtime|new Date|dayjs\(|moment\(|Temporal\.Now)/;

/** Whether a short piece of code (a helper's body, at most `maxLength` characters) reads the clock. */
export function readsClock(node: ts.Node, maxLength: number): boolean {
  return node.end - node.pos <= maxLength && CLOCK_TEXT.test(nodeText(node));
}

/** Time expressions are short (`Date.now() - start`); longer text is not read for them. */
const MAX_TIME_EXPRESSION_LENGTH = 400;

/** Whether an expression reads the clock: `Date.now()`, `performance.now()`, `new Date()`, `x.getTime()`, `process.hrtime()`. */
export function isTimeExpression(expression: ts.Expression): boolean {
  if (expression.end - expression.pos > MAX_TIME_EXPRESSION_LENGTH) return false;
  const text = nodeText(expression);
  return CLOCK_TEXT.test(text) || DEADLINE_NAME.test(text);
}

/** `<`, `<=`, `>`, `>=`: the comparisons that may hold a count to a limit. */
const LIMIT_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([Kind.LessThanToken, Kind.LessThanEqualsToken, Kind.GreaterThanToken, Kind.GreaterThanEqualsToken]);

/**
 * The fields of the file (`this.currentRetries`, `state.attempts`) held to a limit anywhere in it by a test that gives
 * up (`if (this.currentRetries > this.maxRetries) { …; return; }`, or that throws): a count a retry advances and
 * another function compares before it calls the reconnect may stop it on a way in that the retry's reading did not
 * follow. A test that answers with a value (`if (attempts < 5) return 1000`) sizes a wait and stops nothing.
 * Read once per file, when asked.
 */
export function fieldsComparedInFile(sourceFile: ts.SourceFile): ReadonlySet<string> {
  const compared = new Set<string>();
  walkTree(sourceFile, undefined, (node) => {
    if (ts.isIfStatement(node) && givesUp(node.thenStatement)) {
      walkTree(node.expression, undefined, (part) => {
        if (!ts.isBinaryExpression(part) || !LIMIT_OPERATORS.has(part.operatorToken.kind)) return undefined;
        for (const side of [part.left, part.right]) {
          const path = namePath(unwrap(side));
          if (path?.includes('.')) compared.add(path);
        }
        return undefined;
      });
    }
    return undefined;
  });
  return compared;
}

/** A branch that ends in `throw` or in a `return` with no value. */
function givesUp(branch: ts.Statement): boolean {
  const last = ts.isBlock(branch) ? branch.statements[branch.statements.length - 1] : branch;
  return last !== undefined && (ts.isThrowStatement(last) || (ts.isReturnStatement(last) && last.expression === undefined));
}
