// Reading a condition as "it worked" or "it failed". A retry leaves on success and goes round on
// failure; a consumer or a poller tests other things (`!job`, `status.done`), so only outcome
// checks on a call's result count: `res.ok`, `res.status >= 500`, `[429, 503].includes(res.status)`,
// `result.success`, `if (error)`.
import ts from 'typescript';
import { calleeName, calleeObject, type FunctionNode, isFunctionNode, namePath, numericValue, SKIP_CHILDREN, stringValue, unwrap, walkTree } from './ast';
import { ERROR_NAME } from './vocabulary';
import { nodeText } from './run-context';

export type Polarity = 'success' | 'failure';

const SUCCESS_PROPERTY = /^(ok|success|succeeded|successful|isSuccess|isSuccessful|isSucceeded|wasSuccessful|isOk|isOK)$/;
/**
 * Also what a batch call reports it could not do (DynamoDB's `UnprocessedItems`, an ORM's `unprocessed`, Kinesis's
 * `FailedRecordCount`, SQS's `Failed`): the part of the batch that failed, to send again.
 */
const FAILURE_PROPERTY = /^(error|errors|err|failed|failure|isError|isErr|isFailure|isFailed|hasFailed|hasError|hasErrors|unprocessed|UnprocessedItems|UnprocessedKeys|failedItems|failedRecords|FailedRecordCount|Failed)$/;
const STATUS_PROPERTY = /^(status|statusCode|status_code|httpStatus|code)$/;
/**
 * A call's whole result named for what came back, tested as a status: `const result = await send(url); if (result <
 * 500 || result >= 600)` (a helper that returns the response's status). A count (`rows < 500`) is not one.
 */
const STATUS_RESULT = /^(res|resp|response|result)$/;
const RETRYABLE_CALL = /retr|transient|throttl|rateLimit|isServerError|isTimeout|isNetworkError|recoverable/i;
/**
 * `isOk(res)`, and a type guard named for a well-formed answer (`isStrictApiResponse(result)`, `isValidResult(r)`):
 * where it fails, an error came back instead. Not one named for an error, a refusal or a state still to come.
 */
const SUCCESS_CALL = /^is(Ok|Success|Successful)$|^is(?!\w*(Error|Err|Fail|Problem|Invalid|Empty|Retr|Timeout|Throttl|Redirect|Pending|Partial|Progress|Processing|Queued|Running))\w{0,30}(Response|Result|Answer|Payload)$/i;

/**
 * Whether a name in a condition can make checkPolarity() read an outcome (with any name counted as
 * a result): `ok`, `error`, `status`, `e`, `isRetryable`, `includes`. The pre-check uses it to
 * pass by conditions that test none.
 */
export function mayTestOutcome(name: string): boolean {
  return SUCCESS_PROPERTY.test(name) || FAILURE_PROPERTY.test(name) || STATUS_PROPERTY.test(name) || STATUS_RESULT.test(name) || ERROR_NAME.test(name)
    || RETRYABLE_CALL.test(name) || name === 'includes' || name === 'has' || SUCCESS_CALL.test(name);
}

/** States a state-change event reports a loss with (`connection === 'close'`). */
const LOSS_STATE = /^(close|closed|disconnected|offline)$/i;

/** Whether a condition compares a state with a loss state: `connection === 'close'`, `'disconnected' == state`. */
export function testsLossState(condition: ts.Expression): boolean {
  let found = false;
  walkTree(condition, undefined, (node) => {
    if (found || isFunctionNode(node)) return SKIP_CHILDREN;
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || node.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)
      && [node.left, node.right].some((side) => LOSS_STATE.test(stringValue(side) ?? ''))) found = true;
    return undefined;
  });
  return found;
}

/** The outcome a condition tests for, when it tests the result of a call made in the loop (`results`). */
export function checkPolarity(expression: ts.Expression, results: ReadonlySet<string>): Polarity | undefined {
  const node = unwrap(expression);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return invert(checkPolarity(node.operand, results));
  if (ts.isBinaryExpression(node)) return binaryPolarity(node, results);
  if (ts.isCallExpression(node)) return callPolarity(node, results);
  const fullPath = namePath(node);
  // `result.errors.length`: how many errors came back is as much a failure test as `result.errors`.
  const path = fullPath?.endsWith('.length') ? fullPath.slice(0, -'.length'.length) : fullPath;
  if (!path || !isResult(path, results)) return undefined;
  const last = path.slice(path.lastIndexOf('.') + 1);
  if (SUCCESS_PROPERTY.test(last)) return 'success';
  if (FAILURE_PROPERTY.test(last) || (!path.includes('.') && ERROR_NAME.test(path))) return 'failure';
  return undefined;
}

/** The other outcome: a test negated. */
export function invert(polarity: Polarity | undefined): Polarity | undefined {
  if (polarity === 'success') return 'failure';
  if (polarity === 'failure') return 'success';
  return undefined;
}

function binaryPolarity(node: ts.BinaryExpression, results: ReadonlySet<string>): Polarity | undefined {
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
    return checkPolarity(node.left, results) ?? checkPolarity(node.right, results);
  }
  const membership = indexOfTest(node);
  if (membership) {
    const polarity = callPolarity(membership.call, results, 'includes');
    return membership.found ? polarity : invert(polarity);
  }
  const statusClass = statusClassPath(node.left);
  const classValue = numericValue(node.right);
  if (statusClass && classValue !== undefined && isResult(statusClass, results)) return comparisonPolarity(statusClass, operator, classValue * 100);
  const leftPath = namePath(node.left);
  const rightValue = numericValue(node.right) ?? booleanValue(node.right);
  if (leftPath && rightValue !== undefined && isResult(leftPath, results)) return comparisonPolarity(leftPath, operator, rightValue);
  const rightPath = namePath(node.right);
  const leftValue = numericValue(node.left) ?? booleanValue(node.left);
  if (rightPath && leftValue !== undefined && isResult(rightPath, results)) return comparisonPolarity(rightPath, mirror(operator), leftValue);
  if (leftPath && isResult(leftPath, results)) return statusWordPolarity(leftPath, operator, stringValue(node.right));
  return undefined;
}

/**
 * Outcomes of a call named in words: `result.status === 'ok'`, `res.state !== 'error'`. A job's final
 * states (`'succeeded'`, `'done'`, `'completed'`) are not among them: a loop that goes round until a job
 * is done is waiting for it, not retrying it.
 */
const SUCCESS_WORD = /^(ok|success)$/i;
const FAILURE_WORD = /^(error|failed|failure|rejected)$/i;

const STATUS_WORD_PROPERTY = /^(status|state|outcome|result)$/i;

function statusWordPolarity(path: string, operator: ts.SyntaxKind, word: string | undefined): Polarity | undefined {
  if (word === undefined || !STATUS_WORD_PROPERTY.test(path.slice(path.lastIndexOf('.') + 1))) return undefined;
  const negated = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  if (!negated && operator !== ts.SyntaxKind.EqualsEqualsEqualsToken && operator !== ts.SyntaxKind.EqualsEqualsToken) return undefined;
  const inner: Polarity | undefined = SUCCESS_WORD.test(word) ? 'success' : FAILURE_WORD.test(word) ? 'failure' : undefined;
  return negated ? invert(inner) : inner;
}

/**
 * Whether a condition compares a status read from an answer's body with a word (`body.status === 'success'`):
 * where the answer was already found ok, that word is the state of the work asked about, not the attempt's outcome.
 */
export function testsStatusWord(condition: ts.Expression): boolean {
  const node = unwrap(condition);
  if (!ts.isBinaryExpression(node) || stringValue(node.right) === undefined) return false;
  const path = namePath(node.left);
  return path !== undefined && path.includes('.') && STATUS_WORD_PROPERTY.test(path.slice(path.lastIndexOf('.') + 1));
}

/** The status read by a status-class expression: `Math.floor(res.status / 100)`, `(res.status / 100) | 0`. */
function statusClassPath(expression: ts.Expression): string | undefined {
  let node = unwrap(expression);
  if (ts.isCallExpression(node) && /^Math\.(floor|trunc)$/.test(namePath(node.expression) ?? '') && node.arguments.length === 1) node = unwrap(node.arguments[0]!);
  else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarToken && numericValue(node.right) === 0) node = unwrap(node.left);
  else return undefined;
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.SlashToken || numericValue(node.right) !== 100) return undefined;
  const path = namePath(node.left);
  return path && STATUS_PROPERTY.test(path.slice(path.lastIndexOf('.') + 1)) ? path : undefined;
}

function booleanValue(node: ts.Expression): boolean | undefined {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

function mirror(operator: ts.SyntaxKind): ts.SyntaxKind {
  switch (operator) {
    case ts.SyntaxKind.LessThanToken: return ts.SyntaxKind.GreaterThanToken;
    case ts.SyntaxKind.LessThanEqualsToken: return ts.SyntaxKind.GreaterThanEqualsToken;
    case ts.SyntaxKind.GreaterThanToken: return ts.SyntaxKind.LessThanToken;
    case ts.SyntaxKind.GreaterThanEqualsToken: return ts.SyntaxKind.LessThanEqualsToken;
    default: return operator;
  }
}

/** `res.ok === false`, `res.status === 503`, `res.status >= 500`, `res.status < 400`. */
function comparisonPolarity(path: string, operator: ts.SyntaxKind, value: number | boolean): Polarity | undefined {
  const last = path.slice(path.lastIndexOf('.') + 1);
  const negated = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  const equality = negated || operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  if (typeof value === 'boolean') {
    if (!equality) return undefined;
    const inner = SUCCESS_PROPERTY.test(last) ? 'success' : FAILURE_PROPERTY.test(last) ? 'failure' : undefined;
    return value !== negated ? inner : invert(inner);
  }
  if (!(STATUS_PROPERTY.test(last) || (last === path && STATUS_RESULT.test(path))) || value < 100 || value > 599) return undefined;
  if (equality) {
    const inner: Polarity = value < 400 ? 'success' : 'failure';
    return negated ? invert(inner) : inner;
  }
  const greater = operator === ts.SyntaxKind.GreaterThanToken || operator === ts.SyntaxKind.GreaterThanEqualsToken;
  if (greater) return value >= 400 ? 'failure' : value < 300 ? 'success' : undefined;
  return value >= 300 ? 'success' : undefined;
}

/** `[429, 503].includes(res.status)`, `RETRYABLE.has(res.status)`, `isRetryable(res)`, `shouldRetry(err)`. */
/** Tests of a text: `error.message.includes('foreign key')`. */
const TEXT_TEST = /^(includes|startsWith|endsWith|match|test)$/;

/** `upsertError?.message.includes('…')`, `err.code.startsWith('E')`: a test of the error's text holds only when the attempt failed. */
function testsErrorText(call: ts.CallExpression, name: string): boolean {
  const object = calleeObject(call);
  const root = object ? namePath(object)?.split('.')[0] : undefined;
  return TEXT_TEST.test(name) && root !== undefined && (ERROR_NAME.test(root) || /[a-z](Error|Err)$/.test(root));
}

function callPolarity(call: ts.CallExpression, results: ReadonlySet<string>, name = calleeName(call) ?? ''): Polarity | undefined {
  if (testsErrorText(call, name)) return 'failure';
  const argumentsUseResult = call.arguments.some((argument) => {
    const path = namePath(argument);
    return path !== undefined && isResult(path, results);
  });
  if (!argumentsUseResult) return undefined;
  if ((name === 'includes' || name === 'has') && (listsRedirects(call) || !listsOutcomes(call))) return undefined;
  if (name === 'includes' || name === 'has' || RETRYABLE_CALL.test(name)) return 'failure';
  if (SUCCESS_CALL.test(name)) return 'success';
  return undefined;
}

/**
 * `RETRY_ON.indexOf(res.status) === -1` (not in the list), `codes.indexOf(err.code) !== -1` and `> -1` and `>= 0` (in it):
 * an `includes` written the older way.
 */
function indexOfTest(node: ts.BinaryExpression): { call: ts.CallExpression; found: boolean } | undefined {
  const call = unwrap(node.left);
  const value = numericValue(node.right);
  if (!ts.isCallExpression(call) || calleeName(call) !== 'indexOf' || value === undefined) return undefined;
  const operator = node.operatorToken.kind;
  const equality = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  const inequality = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  if (value === -1 && (equality || inequality)) return { call, found: inequality };
  if ((value === -1 && operator === ts.SyntaxKind.GreaterThanToken) || (value === 0 && operator === ts.SyntaxKind.GreaterThanEqualsToken)) return { call, found: true };
  if (value === 0 && operator === ts.SyntaxKind.LessThanToken) return { call, found: false };
  return undefined;
}

/**
 * `REDIRECT_STATUSES.has(status)`, `[301, 302, 307, 308].includes(res.status)`: the server sent the request
 * elsewhere; following it is no retry of a failure.
 */
function listsRedirects(call: ts.CallExpression): boolean {
  const list = calleeObject(call) ? unwrap(calleeObject(call)!) : undefined;
  if (!list) return false;
  if (ts.isArrayLiteralExpression(list)) {
    return list.elements.length > 0 && list.elements.every((element) => {
      const status = numericValue(element);
      return status !== undefined && status >= 300 && status < 400;
    });
  }
  return /redirect/i.test(namePath(list) ?? '');
}

/** Names of lists of outcomes: `RETRYABLE_STATUSES`, `retryOn`, `transientErrors`, `this.options.statusCodes`. */
const OUTCOME_LIST_NAME = /status|code|err|retr|transient|fail|reason|temporar|throttl|limit|5xx|5\d\d|unavailable|busy|overload|conflict|timeout/i;

/**
 * `[429, 503].includes(res.status)`, `RETRYABLE_CODES.has(err.code)`: a list of answers or errors. A collection
 * named for something else (`this.seenSignatures.includes(signature)`) keeps what was seen, not outcomes.
 */
function listsOutcomes(call: ts.CallExpression): boolean {
  const list = calleeObject(call) ? unwrap(calleeObject(call)!) : undefined;
  if (!list) return false;
  if (ts.isArrayLiteralExpression(list)) return true;
  return OUTCOME_LIST_NAME.test(namePath(list) ?? nodeText(list));
}

function isResult(path: string, results: ReadonlySet<string>): boolean {
  const root = path.split('.')[0]!;
  return results.has(root) || results.has(path);
}

const outcomeFlagFunctions = new WeakMap<FunctionNode, boolean>();

/**
 * A function that reports its attempt's outcome as a flag: it returns `false` from a catch and `true`
 * after the attempt (`async function tryStart() { try { await start(); return true } catch { return false } }`).
 * Its result, tested for truth, says whether the attempt worked. Read once per function.
 */
export function returnsOutcomeFlag(fn: FunctionNode): boolean {
  let known = outcomeFlagFunctions.get(fn);
  if (known === undefined) {
    let falseOnFailure = false;
    let trueOnSuccess = false;
    walkTree(fn, false, (node, inCatch) => {
      if (node !== fn && isFunctionNode(node)) return SKIP_CHILDREN;
      if (ts.isCatchClause(node)) return true;
      if (ts.isReturnStatement(node) && node.expression) {
        const kind = unwrap(node.expression).kind;
        if (inCatch && kind === ts.SyntaxKind.FalseKeyword) falseOnFailure = true;
        if (!inCatch && kind === ts.SyntaxKind.TrueKeyword) trueOnSuccess = true;
      }
      return inCatch;
    });
    outcomeFlagFunctions.set(fn, (known = falseOnFailure && trueOnSuccess));
  }
  return known;
}
