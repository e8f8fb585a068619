// Functions the pre-check keeps: those that refer to themselves where retry-recursion.ts could see
// a failure path. Finding a function's body and the names it is called by from the tokens takes
// most of this file; where the tokens are unclear, the answer leans to "maybe".
import ts from 'typescript';
import { mayTestOutcome } from '../outcomes';
import { FAILURE_CALLBACK_CALL, FAILURE_HANDLER_PROPERTY, OBSERVER_FAILURE_PROPERTY } from '../retry-recursion';
import { CALLBACK_HOOK, MAX_CONSTRUCT_NESTING } from '../ast';
import { spendWork } from '../run-context';
import { canName, Kind, kindAt, REFERENCE, skipTypeParameters, type Tokens } from './tokens';

/** Tokens after which a `{` in a return type opens a type literal, not the function's body. */
const TYPE_CONTINUES = new Set<ts.SyntaxKind>([
  Kind.ColonToken, Kind.BarToken, Kind.AmpersandToken, Kind.LessThanToken, Kind.CommaToken, Kind.OpenParenToken, Kind.OpenBracketToken,
  Kind.EqualsGreaterThanToken, Kind.EqualsToken, Kind.QuestionToken, Kind.KeyOfKeyword, Kind.TypeOfKeyword, Kind.ReadonlyKeyword,
  Kind.ExtendsKeyword, Kind.InferKeyword, Kind.IsKeyword, Kind.AssertsKeyword, Kind.UniqueKeyword,
]);

/** How far a return type is followed before the rest of the enclosing brackets is taken as the body. */
const MAX_RETURN_TYPE_TOKENS = 256;

/** Whether some function refers to one of the names it may be called by, inside its body. */
export function hasSelfReference(tokens: Tokens): boolean {
  const { kinds } = tokens;
  // Named functions read on the way, for the error handlers handed to `.catch` by name (callsBackFromHandler).
  const functions: NamedBody[] = [];
  // The last tokens of the named function bodies around the current token: each body is read whole,
  // so deeper nesting than the core reads (MAX_CONSTRUCT_NESTING) answers "maybe" rather than reading
  // N bodies N times.
  const openBodies: number[] = [];
  for (let i = 0; i < tokens.count; i++) {
    spendWork();
    const kind = kinds[i]!;
    let parameters: number;
    let body: Body | undefined;
    if (kind === Kind.OpenParenToken) {
      parameters = i;
      body = bodyAfterParameters(tokens, tokens.partner[i]!);
    } else if (kind === Kind.EqualsGreaterThanToken && kindAt(tokens, i - 1) === Kind.Identifier) {
      // `name = param => …`: the single parameter stands where the parentheses would.
      parameters = i - 1;
      body = arrowBody(tokens, i);
    } else continue;
    if (!body || isFunctionType(tokens, parameters)) continue;
    const { names, method } = namesBefore(tokens, parameters, !body.arrow);
    if (names === 'unknown') return true;
    if (names.length === 0) continue;
    while (openBodies.length > 0 && openBodies[openBodies.length - 1]! < i) openBodies.pop();
    if (openBodies.length > MAX_CONSTRUCT_NESTING) return true;
    openBodies.push(body.last);
    functions.push({ names, method, body });
    if (refersOnFailurePath(tokens, names, method, body)) return true;
    // A default value that calls the function counts too, as in source-index.ts (`(cb = () => connect()) =>`).
    if (kind === Kind.OpenParenToken && hasDefaultValue(tokens, parameters) && refersTo(tokens, names, method, parameters, tokens.partner[parameters]!)) return true;
  }
  return callsBackFromHandler(tokens, functions);
}

interface NamedBody {
  names: string[];
  method: boolean;
  body: Body;
}

/**
 * `const run = () => command().catch(onError)` with `const onError = (e) => { …; return run(); }`: an error handler
 * handed to `.catch(…)` by name, which calls the function that handed it on (retry-recursion.ts, handlerRoundTrips).
 */
function callsBackFromHandler(tokens: Tokens, functions: readonly NamedBody[]): boolean {
  for (let i = 1; i + 1 < tokens.count; i++) {
    const handlerName = handedErrorHandler(tokens, i);
    if (handlerName === undefined) continue;
    // The innermost named function the `.catch` is in: the one the handler would call again.
    let registrar: NamedBody | undefined;
    for (const candidate of functions) {
      spendWork();
      if (candidate.body.first <= i && i <= candidate.body.last) registrar = candidate;
    }
    if (!registrar) continue;
    for (const handler of functions) {
      spendWork();
      if (handler.names.includes(handlerName) && refersTo(tokens, registrar.names, registrar.method, handler.body.first, handler.body.last)) return true;
    }
  }
  return false;
}

/** The name handed as the error handler at token `i`: `.catch(onError)`, `.then(done, onError)`. */
function handedErrorHandler(tokens: Tokens, i: number): string | undefined {
  const { kinds, values, partner } = tokens;
  if (kinds[i - 1] !== Kind.DotToken || kinds[i + 1] !== Kind.OpenParenToken) return undefined;
  const isCatch = kinds[i] === Kind.CatchKeyword;
  if (!isCatch && !(kinds[i] === Kind.Identifier && values[i] === 'then')) return undefined;
  const close = partner[i + 1]!;
  if (kinds[close - 1] !== Kind.Identifier) return undefined;
  const handed = isCatch ? close - 2 === i + 1 : kinds[close - 2] === Kind.CommaToken;
  return handed ? values[close - 1] : undefined;
}

/** How far back from a `{` its `class`, `interface` or `type` keyword is looked for. */
const MAX_TYPE_HEAD_TOKENS = 40;

/** Tokens that may stand between `class` or `interface` and the `{`: `class Store<T> extends Base implements Events {`. */
const DECLARATION_HEAD = new Set<ts.SyntaxKind>([
  Kind.Identifier, Kind.DotToken, Kind.CommaToken, Kind.LessThanToken, Kind.GreaterThanToken, Kind.ExtendsKeyword, Kind.ImplementsKeyword,
]);

/**
 * Whether what looks like an arrow function is a function type: anything in the body of an
 * `interface` or a `type X = { … }`, and a member's type in a class body (`serialize?: (data:
 * unknown) => string`, where an arrow function would follow `=`).
 */
function isFunctionType(tokens: Tokens, parameters: number): boolean {
  const end = tokens.enclosingEnd[parameters]!;
  const opener = end < tokens.count ? tokens.partner[end]! : -1;
  if (opener < 0 || tokens.kinds[opener] !== Kind.OpenBraceToken) return false;
  const head = declarationKeyword(tokens, opener);
  if (head === Kind.InterfaceKeyword || head === Kind.TypeKeyword) return true;
  return head === Kind.ClassKeyword && kindAt(tokens, skipTypeParameters(tokens, parameters - 1)) === Kind.ColonToken;
}

/** The `class`, `interface` or `type` keyword whose body a `{` opens, if it opens one. */
/** `type Name =` or `type Name<T> =` before the `=` at `equals` (`type` alone is also a common variable name). */
function isTypeAliasHead(tokens: Tokens, equals: number): boolean {
  let i = skipTypeParameters(tokens, equals - 1);
  if (kindAt(tokens, i) !== Kind.Identifier) return false;
  i--;
  if (kindAt(tokens, i) !== Kind.TypeKeyword) return false;
  // `let type` (a variable), then `X = {` on the next line, is no alias.
  const before = kindAt(tokens, i - 1);
  return before !== Kind.LetKeyword && before !== Kind.ConstKeyword && before !== Kind.VarKeyword && before !== Kind.DotToken && before !== Kind.CommaToken;
}

function declarationKeyword(tokens: Tokens, opener: number): ts.SyntaxKind | undefined {
  if (kindAt(tokens, opener - 1) === Kind.EqualsToken) return isTypeAliasHead(tokens, opener - 1) ? Kind.TypeKeyword : undefined;
  for (let i = opener - 1, steps = 0; i >= 0 && steps < MAX_TYPE_HEAD_TOKENS; i--, steps++) {
    const kind = tokens.kinds[i]!;
    if (kind === Kind.ClassKeyword || kind === Kind.InterfaceKeyword) return kind;
    // Type arguments may hold brackets of their own: `extends Base<{ id: string }>`.
    if (tokens.partner[i]! >= 0 && tokens.partner[i]! < i) i = tokens.partner[i]!;
    else if (!DECLARATION_HEAD.has(kind)) return undefined;
  }
  return undefined;
}

/** Whether a parameter list holds a `=`: a default value (or a type with one, which is safe). */
function hasDefaultValue(tokens: Tokens, open: number): boolean {
  const close = tokens.partner[open]!;
  for (let i = open + 1; i < close; i++) {
    if (tokens.kinds[i] === Kind.EqualsToken) return true;
  }
  return false;
}

/** A function body's first and last token; `arrow` for an arrow function's. */
interface Body {
  first: number;
  last: number;
  arrow: boolean;
}

/** The tokens of the body that follows a parameter list's `)`, if it is one. */
function bodyAfterParameters(tokens: Tokens, close: number): Body | undefined {
  const { kinds, partner } = tokens;
  const next = close + 1;
  const after = kindAt(tokens, next);
  if (after === Kind.OpenBraceToken) return { first: next, last: partner[next]!, arrow: false };
  if (after === Kind.EqualsGreaterThanToken) return arrowBody(tokens, next);
  if (after !== Kind.ColonToken) return undefined;
  // A return type: `): Promise<{ ok: boolean }> {`. The body is the first `{` that does not continue the type.
  for (let i = next + 1, seen = 0; i < tokens.count && seen < MAX_RETURN_TYPE_TOKENS; i++, seen++) {
    const kind = kinds[i]!;
    if (kind === Kind.OpenBraceToken && !TYPE_CONTINUES.has(kinds[i - 1]!)) return { first: i, last: partner[i]!, arrow: false };
    if (partner[i]! > i) i = partner[i]!;
    else if (kind === Kind.EqualsGreaterThanToken) return arrowBody(tokens, i);
    else if (kind === Kind.SemicolonToken || kind === Kind.CommaToken || partner[i]! >= 0) return undefined;
  }
  return { first: next, last: tokens.enclosingEnd[next]!, arrow: true };
}

/**
 * An arrow function's body: its block, or an expression, which ends at the first `;` or `,`
 * outside brackets, or where the enclosing brackets close (without semicolons, further than it
 * really does, which is safe).
 */
function arrowBody(tokens: Tokens, arrow: number): Body {
  const { kinds, partner } = tokens;
  const next = arrow + 1;
  if (kindAt(tokens, next) === Kind.OpenBraceToken) return { first: next, last: partner[next]!, arrow: true };
  const limit = tokens.enclosingEnd[arrow]!;
  let i = next;
  while (i < limit && kinds[i] !== Kind.SemicolonToken && kinds[i] !== Kind.CommaToken) i = partner[i]! > i ? partner[i]! + 1 : i + 1;
  return { first: arrow, last: Math.min(i, limit), arrow: true };
}

/** Keywords that take `(…)` and then a block: `if (…) {`, `catch (e) {`. */
const STATEMENT_KEYWORDS = new Set<ts.SyntaxKind>([
  Kind.IfKeyword, Kind.ForKeyword, Kind.WhileKeyword, Kind.SwitchKeyword, Kind.CatchKeyword, Kind.WithKeyword, Kind.FunctionKeyword,
]);

/** How far back the name an anonymous function is assigned to is looked for; further, the answer is "maybe". */
const MAX_NAME_SEARCH_TOKENS = 40;

/** Tokens that start the declaration or member an anonymous function is assigned in: the search for its name stops there. */
const DECLARATION_START = new Set<ts.SyntaxKind>([
  Kind.SemicolonToken, Kind.ConstKeyword, Kind.LetKeyword, Kind.VarKeyword, Kind.PrivateKeyword, Kind.ProtectedKeyword, Kind.PublicKeyword,
  Kind.StaticKeyword, Kind.ReadonlyKeyword, Kind.DeclareKeyword, Kind.OverrideKeyword, Kind.AbstractKeyword, Kind.AccessorKeyword,
]);

/**
 * The names a function may be called by, as functionName() in ast.ts reads them:
 *   - its own name, right before the parameters: `function connect(`, `connect() {` (a method,
 *     which refers to itself only through `this`), `get value(` (a getter is not a method there);
 *   - for an anonymous function, the name it is assigned to: `const connect: Fn<T> = async (`,
 *     `retry: function (`, `this.onclose = () =>`. Every name between the declaration's start and
 *     the `=` or `:` is taken, type names too, which is safe. 'unknown' when the start is too far.
 */
function namesBefore(tokens: Tokens, parameters: number, blockBody: boolean): { names: string[] | 'unknown'; method: boolean } {
  const { kinds } = tokens;
  let i = skipTypeParameters(tokens, parameters - 1);
  const direct = kindAt(tokens, i);
  // A reserved word before `(…) {` that is not a statement's keyword is a method's name: `delete(id) {`.
  const keywordMethod = blockBody && direct >= Kind.FirstKeyword && direct <= Kind.LastKeyword && !STATEMENT_KEYWORDS.has(direct);
  if ((canName(direct) || keywordMethod) && !(direct === Kind.AsyncKeyword && !blockBody)) {
    const before = kindAt(tokens, i - 1);
    const method = blockBody && before !== Kind.FunctionKeyword && before !== Kind.AsteriskToken && before !== Kind.GetKeyword && before !== Kind.SetKeyword;
    return { names: [canName(direct) ? tokens.values[i]! : ts.tokenToString(direct)!], method };
  }
  while (i >= 0 && (kinds[i] === Kind.FunctionKeyword || kinds[i] === Kind.AsyncKeyword || kinds[i] === Kind.AsteriskToken)) i--;
  // `const connect = useCallback(() => …`: a hook that returns the function; its name is the variable's.
  if (kindAt(tokens, i) === Kind.OpenParenToken && canName(kindAt(tokens, i - 1)) && CALLBACK_HOOK.test(tokens.values[i - 1]!)) i -= 2;
  // Not assigned (a callback argument, `export default function ()`): it has no name to call itself by.
  if (kindAt(tokens, i) !== Kind.EqualsToken && kindAt(tokens, i) !== Kind.ColonToken) return { names: [], method: false };
  // The name right before the `=` or `:` counts even if it is a word like `static`.
  const names: string[] = canName(kindAt(tokens, i - 1)) ? [tokens.values[i - 1]!] : [];
  for (let steps = 0; i >= 0; i--, steps++) {
    if (steps === MAX_NAME_SEARCH_TOKENS) return { names: 'unknown', method: false };
    const kind = kinds[i]!;
    // The bracket the statement sits in (a group walked through, like `{ a: string }` in a type, is passed).
    if (DECLARATION_START.has(kind) || tokens.partner[i]! > parameters) break;
    if (canName(kind)) names.push(tokens.values[i]!);
  }
  return { names, method: false };
}

/**
 * Whether the body refers to one of the names where a failure may lead: a superset of
 * failureContext() in retry-recursion.ts, read from the tokens. A reference is on a failure path
 * when, from it outwards to the body, a bracket group is one (a catch block, an else block, an if
 * block on an outcome, a failure callback's arguments) or, earlier in the same statement at some
 * level, stands a `?`, an `else`, an `if (…)` whose condition names an outcome, an `onclose =` or an `onFailure:`;
 * or when, earlier at some level, an `if (…)` on an outcome or a catch block closed (the statements
 * after `if (res.ok) return res;` or after a try that returns run only after a failed attempt).
 * One forward pass keeps, per open bracket level, whether the way in was already a failure path,
 * whether such a marker stands earlier in the level's current statement, and whether one stood
 * earlier in the level at all.
 */
function refersOnFailurePath(tokens: Tokens, names: string[], method: boolean, body: Body): boolean {
  const { kinds, partner, reference, values } = tokens;
  const last = Math.min(body.last, tokens.count - 1);
  const enteredOnFailure: boolean[] = [false];
  const markerInStatement: boolean[] = [false];
  const markerInLevel: boolean[] = [false];
  for (let i = body.first + 1; i <= last; i++) {
    spendWork();
    const kind = kinds[i]!;
    const other = partner[i]!;
    const top = enteredOnFailure.length - 1;
    if (other > i) {
      enteredOnFailure.push(enteredOnFailure[top]! || markerInStatement[top]! || markerInLevel[top]! || groupOnFailurePath(tokens, i));
      markerInStatement.push(false);
      markerInLevel.push(false);
    } else if (other >= 0) {
      if (top > 0) {
        enteredOnFailure.pop();
        markerInStatement.pop();
        markerInLevel.pop();
      }
      const level = markerInStatement.length - 1;
      if (kind === Kind.CloseParenToken && kindAt(tokens, other - 1) === Kind.IfKeyword && conditionNamesOutcome(tokens, other, i)) {
        markerInStatement[level] = true;
        markerInLevel[level] = true;
      }
      if (kind === Kind.CloseBraceToken && isCatchBlock(tokens, other)) markerInLevel[level] = true;
    } else if (kind === Kind.SemicolonToken) {
      markerInStatement[top] = false;
    } else if (kind === Kind.QuestionToken || kind === Kind.ElseKeyword || isFailureHandlerAssignment(tokens, i)) {
      markerInStatement[top] = true;
    } else {
      const referenceKind = reference[i]!;
      if (referenceKind === REFERENCE.none || (method && referenceKind === REFERENCE.bare) || !names.includes(values[i]!)) continue;
      if (enteredOnFailure[top] || markerInStatement[top] || markerInLevel[top]) return true;
    }
  }
  return false;
}

/** `catch {` or `catch (e) {` before the `{` at `opener`. */
function isCatchBlock(tokens: Tokens, opener: number): boolean {
  const before = kindAt(tokens, opener - 1);
  if (before === Kind.CatchKeyword) return true;
  return before === Kind.CloseParenToken && kindAt(tokens, tokens.partner[opener - 1]! - 1) === Kind.CatchKeyword;
}

/** `onclose =`, `this.onerror =`, `{ onFailure: … }`, an observer's `{ error: … }`: a handler that runs on a failure. */
function isFailureHandlerAssignment(tokens: Tokens, index: number): boolean {
  const kind = tokens.kinds[index];
  if ((kind !== Kind.EqualsToken && kind !== Kind.ColonToken) || !canName(kindAt(tokens, index - 1))) return false;
  const name = tokens.values[index - 1]!;
  return FAILURE_HANDLER_PROPERTY.test(name) || (kind === Kind.ColonToken && OBSERVER_FAILURE_PROPERTY.test(name));
}

/** A bracket pair that is a failure path itself: a catch block, an else block, an if block on an outcome, a failure callback's or handler method's arguments. */
function groupOnFailurePath(tokens: Tokens, opener: number): boolean {
  const { kinds, partner } = tokens;
  const before = kindAt(tokens, opener - 1);
  if (kinds[opener] === Kind.OpenBraceToken) {
    if (before === Kind.CatchKeyword || before === Kind.ElseKeyword) return true;
    if (before !== Kind.CloseParenToken) return false;
    const condition = partner[opener - 1]!;
    const keyword = kindAt(tokens, condition - 1);
    return keyword === Kind.CatchKeyword || (keyword === Kind.IfKeyword && conditionNamesOutcome(tokens, condition, opener - 1));
  }
  if (kinds[opener] !== Kind.OpenParenToken) return false;
  const callee = skipTypeParameters(tokens, opener - 1);
  // `.catch` is scanned as the keyword; `then`, `on`, `once`, … as names.
  if (kindAt(tokens, callee) === Kind.CatchKeyword) return true;
  if (callee < 0 || !canName(kinds[callee]!)) return false;
  // `client.onDisconnect(() => …)`: a handler registered through a method named for the failure.
  return FAILURE_CALLBACK_CALL.test(tokens.values[callee]!) || (kindAt(tokens, callee - 1) === Kind.DotToken && FAILURE_HANDLER_PROPERTY.test(tokens.values[callee]!));
}

/** Whether a condition `(…)` names something checkPolarity() reads as an outcome. */
export function conditionNamesOutcome(tokens: Tokens, open: number, close: number): boolean {
  for (let i = open + 1; i < close; i++) {
    if (canName(tokens.kinds[i]!) && mayTestOutcome(tokens.values[i]!)) return true;
  }
  return false;
}

/**
 * Whether a token in (from, to] refers to one of the names: as `this.name`, or (for a function
 * that is not a method, which refers to itself only through `this`) as a bare `name`.
 */
function refersTo(tokens: Tokens, names: string[], method: boolean, from: number, to: number): boolean {
  const { reference, values } = tokens;
  const last = Math.min(to, tokens.count - 1);
  for (let i = from + 1; i <= last; i++) {
    const kind = reference[i]!;
    if (kind === REFERENCE.none || (method && kind === REFERENCE.bare)) continue;
    if (names.includes(values[i]!)) return true;
  }
  return false;
}
