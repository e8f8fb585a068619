// Whether an idempotency key stays the same across attempts. A key made inside the code that
// runs again on each attempt (`randomUUID()` in the loop body) is new every time, so the server
// cannot tell a retry from a new operation. A key made before the retry, passed in, or stored
// once on shared options (`opts.headers['Idempotency-Key'] ??= randomUUID()`) is stable.
import ts from 'typescript';
import { calleeName, calleeObject, contains, namePath, numericValue, SKIP_CHILDREN, unwrap, walkTree } from './ast';
import { visibleAssignments, visibleDeclarations } from './delays';
import type { SourceIndex } from './source-index';
import { FRESH_KEY_CALL } from './vocabulary';

export interface FreshKey {
  /** The call (or `new Date()`) that makes a new value on each attempt. */
  source: ts.Node;
  /** The declaration that holds it, when the key is a variable declared in the retried code. */
  declaration?: ts.VariableDeclaration;
}

/** The fresh value behind a key, if it is made inside `region`. */
export function freshKeyIn(value: ts.Expression, region: ts.Node, index: SourceIndex): FreshKey | undefined {
  const inline = freshCallIn(value);
  if (inline) return contains(region, inline) ? { source: inline } : undefined;
  const path = namePath(unwrap(value));
  if (!path) return undefined;
  for (const declaration of visibleDeclarations(index, path, value)) {
    if (!contains(region, declaration) || !declaration.initializer) continue;
    const source = freshCallIn(declaration.initializer);
    if (source) return { source, declaration };
  }
  for (const assignment of visibleAssignments(index, path, value)) {
    if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !contains(region, assignment)) continue;
    const source = freshCallIn(assignment.right);
    if (source) return { source };
  }
  return undefined;
}

/** A call that returns something new each time: `randomUUID()`, `uuid()`, `v4()`, `nanoid()`, `Date.now()`, `Math.random()`, `new Date()`. */
export function freshCallIn(node: ts.Node): ts.Node | undefined {
  let found: ts.Node | undefined;
  walkTree(node, undefined, (child) => {
    if (found || ts.isArrowFunction(child) || ts.isFunctionExpression(child)) return child === node ? undefined : SKIP_CHILDREN;
    if (isFreshValue(child)) found = child;
    return found ? SKIP_CHILDREN : undefined;
  });
  return found;
}

function isFreshValue(node: ts.Node): boolean {
  if (ts.isCallExpression(node) && isFreshCall(node)) return true;
  return ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date' && (node.arguments?.length ?? 0) === 0 && !readToTheDay(node);
}

/** Getters of a date that read no finer than its day: the same on every attempt of one retry. */
const DAY_GETTER = /^(getFullYear|getMonth|getDate|getDay|getUTCFullYear|getUTCMonth|getUTCDate|getUTCDay|toDateString|toLocaleDateString)$/;
/** How many characters of `toISOString()` hold no more than the day (`2025-05-17`). */
const ISO_DAY_LENGTH = 10;

/**
 * `new Date().getFullYear()`, `new Date().toISOString().slice(0, 7)`: a date read to its month or day makes a key
 * that stays the same across the attempts of one retry (a payout keyed by user and month), not a new one each time.
 */
function readToTheDay(date: ts.NewExpression): boolean {
  const access = date.parent;
  if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== date || !access.parent || !ts.isCallExpression(access.parent)) return false;
  const getter = access.name.text;
  if (DAY_GETTER.test(getter)) return true;
  if (getter !== 'toISOString') return false;
  const cut = access.parent.parent;
  const call = cut && ts.isPropertyAccessExpression(cut) && /^(slice|substring|substr)$/.test(cut.name.text) ? cut.parent : undefined;
  if (!call || !ts.isCallExpression(call)) return false;
  const [start, end] = call.arguments.map((argument) => numericValue(argument));
  return start === 0 && end !== undefined && end <= ISO_DAY_LENGTH;
}

function isFreshCall(call: ts.CallExpression): boolean {
  const name = calleeName(call) ?? '';
  if (!FRESH_KEY_CALL.test(name)) return false;
  const object = calleeObject(call);
  const objectName = object ? namePath(object) : undefined;
  if (name === 'random') return objectName === 'Math';
  if (name === 'now') return objectName === 'Date' || objectName === 'performance';
  return true;
}
