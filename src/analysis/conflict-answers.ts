// A create whose answer the code reads for "it exists already" (`if (res.status === 409)`, or a 422 it says
// means the thing exists, as GitHub answers a repository created twice): the server refuses a second one by
// its natural key, so a retry that repeats the POST cannot make two. Read by requests.ts for missing-idempotency-key.
import ts from 'typescript';
import { enclosingFunction, isFunctionNode, namePath, numericValue, readOnce, SKIP_CHILDREN, unwrap, walkTree } from './ast';
import { nodeText } from './run-context';

/** The status with which a server says the thing to create is there already. */
const CONFLICT = 409;
/** A status that means it only where the code says so (`// 422 = repo already exists`). */
const UNPROCESSABLE = 422;
/** Where the code says so. */
const EXISTS_WORDS = /already[\s_-]?exist|\bexists\b|duplicate/i;
/** The members an answer or an error holds its status in. */
const STATUS_MEMBER = /^(status|statusCode)$/;

/** Whether the answer of `call` (its result, or the error its try catches) is read for a conflict. */
export function readsConflictAnswer(call: ts.CallExpression): boolean {
  const holders = answerHolders(call);
  if (holders.size === 0) return false;
  const tested = readOnce(conflictTests, enclosingFunction(call) ?? call.getSourceFile(), namesTestedForConflict);
  return [...holders].some((name) => tested.has(name));
}

const conflictTests = new WeakMap<ts.Node, ReadonlySet<string>>();

/**
 * The names whose status a function tests for a conflict, read once per function however many requests it makes.
 * Nested callbacks are read too: `.catch((err) => { if (err.response?.status === 409) … })`.
 */
function namesTestedForConflict(scope: ts.Node): ReadonlySet<string> {
  const names = new Set<string>();
  walkTree(scope, undefined, (node) => {
    const name = ts.isIfStatement(node) ? conflictTested(node) : undefined;
    if (name) names.add(name);
    return undefined;
  });
  return names;
}

/** The names the answer is held in: `res` of `const res = await fetch(…)`, `err` of a try's catch or of a `.catch((err) => …)`. */
function answerHolders(call: ts.CallExpression): Set<string> {
  const names = new Set<string>();
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  if (ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) names.add(node.parent.name.text);
  if (ts.isBinaryExpression(node.parent) && node.parent.right === node && ts.isIdentifier(node.parent.left)) names.add(node.parent.left.text);
  for (let around: ts.Node | undefined = call.parent; around && !isFunctionNode(around); around = around.parent) {
    if (ts.isTryStatement(around) && around.catchClause?.variableDeclaration && ts.isIdentifier(around.catchClause.variableDeclaration.name)) {
      names.add(around.catchClause.variableDeclaration.name.text);
      break;
    }
  }
  const chained = call.parent;
  if (ts.isPropertyAccessExpression(chained) && chained.name.text === 'catch' && ts.isCallExpression(chained.parent)) {
    const handler = chained.parent.arguments[0] ? unwrap(chained.parent.arguments[0]) : undefined;
    const parameter = handler && isFunctionNode(handler) ? handler.parameters[0]?.name : undefined;
    if (parameter && ts.isIdentifier(parameter)) names.add(parameter.text);
  }
  return names;
}

/** `if (res.status === 409)`, `if (err.response?.status === 422) { // already exists`: the name whose answer a branch taken on a conflict reads. */
function conflictTested(statement: ts.IfStatement): string | undefined {
  let found: { name: string; status: number } | undefined;
  walkTree(statement.expression, undefined, (node) => {
    if (found !== undefined) return SKIP_CHILDREN;
    if (!ts.isBinaryExpression(node) || !isEquality(node.operatorToken.kind)) return undefined;
    const [side, value] = numericValue(node.right) !== undefined ? [node.left, numericValue(node.right)] : [node.right, numericValue(node.left)];
    const path = namePath(unwrap(side))?.replace(/\?/g, '');
    const parts = path?.split('.') ?? [];
    if (value !== undefined && parts.length > 1 && STATUS_MEMBER.test(parts.at(-1)!)) found = { name: parts[0]!, status: value };
    return undefined;
  });
  if (found?.status === CONFLICT) return found.name;
  return found?.status === UNPROCESSABLE && EXISTS_WORDS.test(nodeText(statement).slice(0, MAX_BRANCH_TEXT)) ? found.name : undefined;
}

/** How much of a branch is read for words saying what the status means (its test and first lines). */
const MAX_BRANCH_TEXT = 400;

function isEquality(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.EqualsEqualsToken;
}
