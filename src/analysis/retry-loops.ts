// Retry loops: a loop whose success path leaves the loop and whose failure path goes round again
// to the same call. The body of each candidate loop is scanned once; the shape, the cap and the
// backoff are all read from that scan.
import ts from 'typescript';
import {
  calleeName, calleeObject, chainOperands, COMPARISON_OPERATORS, contains, rootName, enclosingFunction, type FunctionNode, isExitStatement, lastStatement, walkTree, withinNestingLimit, isFunctionNode, namePath, numericValue, readOnce, referencesName, referencesPath, shortText, SKIP_CHILDREN, someDescendant, statementIndex, statementInList, stringValue, unwrap,
} from './ast';
import { advancedName, collectComparisons, emptyComparisons, offLimitBound, readsClock, withoutFirstAttemptTests, type Comparisons } from './counters';
import { infiniteLimits } from './infinite-limits';
import { answersRateLimit, classifyDelay, waitSite, type DelayClass } from './delays';
import { tryThatSpinsOnFailedRead } from './spinning-reads';
import type { Backoff, Bound, RetryConstruct, WaitSite } from './retry-model';
import { holdsIdGeneratorCall } from './generated-values';
import { guardLetsPastBudget } from './stopping-tests';
import { checkPolarity, invert, type Polarity, returnsOutcomeFlag } from './outcomes';
import { type FailureWords, findFailureWords, hasFailureWordIn } from './failure-words';
import { fieldValue, localFunctionCalled, type SourceIndex } from './source-index';
import { loopHeaderSpan } from './spans';
import {
  ATTEMPT_COUNTER_NAME, ATTEMPT_LIST_NAME, CAP_HELPER_NAME, RETRY_DECISION_NAME, CURSOR_TEXT, DEADLINE_NAME, DELAY_CALC_NAME, NEXT_TARGET_CALL, FRESH_INPUT_CALL, FRESH_KEY_CALL, GENERATED_CANDIDATE_CALL, LOG_NAME, NEW_INPUT_CALL, NOT_FRESH_INPUT_CALL, NOT_THERE_YET, STATE_CHECK_CALL, WAIT_NAME,
} from './vocabulary';
import { codeText, nodeText } from './run-context';

// TypeScript's exports are getters: the scans read the syntax kinds once, at load.
const Kind = ts.SyntaxKind;

/** What one scan of a loop's body finds. */
interface LoopScan {
  tries: ts.TryStatement[];
  /** `return`, `throw`, and `break`s that leave this loop, outside nested functions. */
  exits: ts.Node[];
  /** `continue`s that go round this loop. */
  continues: ts.ContinueStatement[];
  /** Assignments that clear the flag the loop runs on (`fetching = false` in `while (fetching)`): it leaves at the next test. */
  flagStops: ts.BinaryExpression[];
  ifs: ts.IfStatement[];
  /** Attempt counters advanced anywhere in the loop (header included), by name path. */
  advances: Map<string, ts.Node[]>;
  waits: WaitSite[];
  /** Calls outside nested functions. */
  calls: ts.CallExpression[];
  /** Calls inside callbacks in the loop body: only for seeing which inputs the operation is given. */
  callbackCalls: ts.CallExpression[];
  assignments: ts.BinaryExpression[];
  declarations: ts.VariableDeclaration[];
  /** The loop takes a new item of work each time round (a queue pop, a stream read). */
  /** Calls that may hand the loop a new item of work (`queue.pop()`, `reader.read()`). */
  newInputCalls: ts.CallExpression[];
}

interface WalkState {
  inFunction: boolean;
  inNestedLoop: boolean;
  inSwitch: boolean;
}

/** Recognises every retry loop in the file. */
export function findRetryLoops(index: SourceIndex): RetryConstruct[] {
  const constructs: RetryConstruct[] = [];
  // Per-item `for…of` loops are never retries (analyseLoop drops them first): they do not count as nesting.
  const candidates = index.loops.filter((loop) => !ts.isForOfStatement(loop) || isFiniteAttemptList(loop.expression));
  for (const loop of withinNestingLimit(candidates)) {
    const construct = analyseLoop(loop, index);
    if (construct) constructs.push(construct);
  }
  return constructs;
}

function analyseLoop(loop: ts.IterationStatement, index: SourceIndex): RetryConstruct | undefined {
  const finiteList = ts.isForOfStatement(loop) ? isFiniteAttemptList(loop.expression) : false;
  if (ts.isForOfStatement(loop) && !finiteList) return undefined;
  // Cheap guard before the scan: a retry loop handles a failure, so its text says so.
  if (!hasFailureWordIn(failureWordsOf(index), loop.pos, loop.end)) return undefined;
  const condition = loopCondition(loop);
  if (condition && /\.length\b|\.size\b/.test(condition.getText(index.sourceFile))) return undefined;

  if (attemptsOnceByDefault(loop, condition, index)) return undefined;
  const scan = scanLoop(loop);
  if (limitFallsBackToOneAttempt(scan, condition, index) || asksOnlyTheLocalDisk(scan)) return undefined;
  const spinning = tryThatSpinsOnFailedRead(loop, condition, scan);
  if (spinning) return spinningReadLoop(loop, spinning, index);
  if (scan.newInputCalls.some((call) => !readsNamedResource(call, index)) || searchesNewInput(scan)) return undefined;
  // A poll or a page walk that counts its failures in a row is also a retry of the failed call (its way round from the catch).
  const countsFailures = countsFailuresInARow(scan);
  if (!countsFailures && (advancesCursor(loop, scan, condition) || pollsUntilFinalState(scan) || goesRoundOnlyWhileNotYet(loop, scan))) return undefined;
  if (!countsFailures && !isRetryShape(loop, scan, condition, index)) return undefined;

  const counters = new Set(scan.advances.keys());
  const bound: Bound = finiteList ? { capped: true, by: 'finite-list' } : loopBound(loop, scan, condition, index);
  return {
    kind: 'loop',
    label: `${loopLabel(loop, index.sourceFile)} retry loop`,
    report: loopHeaderSpan(loop, index.sourceFile),
    scopes: [loop.statement, ...(condition ? [condition] : [])],
    rerunsScope: true,
    anchor: statementInList(loop),
    bound,
    // The code that advances the count (a function the loop calls) may hold the wait too.
    backoff: bound.capped === 'unknown' && bound.decidedElsewhere ? { kind: 'unknown' } : loopBackoff(scan, index, counters),
    loop,
  };
}

/** A read loop whose failed read goes round at once (spinning-reads.ts): no cap, no wait on that way round. */
function spinningReadLoop(loop: ts.IterationStatement, attempt: ts.TryStatement, index: SourceIndex): RetryConstruct {
  return {
    kind: 'loop',
    label: `${loopLabel(loop, index.sourceFile)} read loop`,
    report: loopHeaderSpan(loop, index.sourceFile),
    scopes: [attempt.tryBlock],
    rerunsScope: true,
    anchor: statementInList(loop),
    bound: { capped: false, reason: 'no-cap' },
    backoff: { kind: 'none' },
    loop,
  };
}

/**
 * Node's file-system reads (`fs.existsSync(path)`, `statSync`, or `fs.readFile` and `fs.promises.access` on a module
 * named for it): they ask the local disk, not a dependency.
 */
const LOCAL_FILE_CALL = /^(exists|stat|lstat|access|readFile|readdir)Sync$/;
const LOCAL_FILE_READ = /^(exists|stat|lstat|access|readFile|readdir|pathExists)$/;
const FILE_SYSTEM_MODULE = /^(fs|fsp|fse|fsPromises|fs\.promises)$/;

function readsTheLocalDisk(call: ts.CallExpression, name: string): boolean {
  if (LOCAL_FILE_CALL.test(name)) return true;
  const object = calleeObject(call);
  return LOCAL_FILE_READ.test(name) && object !== undefined && FILE_SYSTEM_MODULE.test(namePath(object) ?? '');
}

/**
 * `for (let i = 0; i < 3; i++) { if (fs.existsSync(path)) break; await sleep(1000 + i * 1000) }`, or a loop that tries
 * `await fs.readFile(path)` until a build has written it: a wait for a local file whose every other call waits or logs. Nothing remote is asked again, so no dependency takes its load: no retry.
 */
function asksOnlyTheLocalDisk(scan: LoopScan): boolean {
  let asks = false;
  for (const call of scan.calls) {
    const name = calleeName(call) ?? '';
    if (readsTheLocalDisk(call, name)) asks = true;
    else if (!waitSite(call) && !WAIT_NAME.test(name) && !LOG_NAME.test(name) && !DELAY_CALC_NAME.test(name)) return false;
  }
  return asks;
}

/**
 * `try { const { status } = await getStatus(id); if (status === 'completed') break; failures = 0 } catch (error) {
 * if (++failures >= MAX_FAILURES) throw error }`: a catch of the loop that counts failures in a row, leaves once they
 * reach a limit, and a try that clears the count on success. The loop may go round on success too (a poll, a page
 * walk), but the code itself says a failed call is tried again, up to that limit.
 */
function countsFailuresInARow(scan: LoopScan): boolean {
  return scan.tries.some((attempt) => {
    const handler = attempt.catchClause?.block;
    if (!handler) return false;
    const counted = [...scan.advances.keys()].filter((name) => scan.advances.get(name)!.some((step) => contains(handler, step)));
    return counted.some((name) => clearedIn(attempt.tryBlock, name) && leavesAtLimit(handler, name, scan));
  });
}

/** `failures = 0` in a block. */
function clearedIn(block: ts.Block, name: string): boolean {
  return someDescendant(block, (node) => ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
    && namePath(node.left) === name && numericValue(node.right) === 0);
}

/** An `if` in the catch that compares the count and leaves the loop: `if (failures >= MAX) throw …`. */
function leavesAtLimit(handler: ts.Block, name: string, scan: LoopScan): boolean {
  return scan.ifs.some((statement) => contains(handler, statement) && comparesName(statement.expression, name)
    && scan.exits.some((exit) => contains(statement.thenStatement, exit)));
}

function comparesName(test: ts.Expression, name: string): boolean {
  return someDescendant(test, (node) => ts.isBinaryExpression(node) && COMPARISON_OPERATORS.has(node.operatorToken.kind)
    && [node.left, node.right].some((side) => namePath(unwrap(side)) === name || advancedName(unwrap(side)) === name));
}

const failureWordsByIndex = new WeakMap<SourceIndex, FailureWords>();

function failureWordsOf(index: SourceIndex): FailureWords {
  let words = failureWordsByIndex.get(index);
  if (!words) failureWordsByIndex.set(index, (words = findFailureWords(index.text)));
  return words;
}

/**
 * `for (let tries = 0; tries < retries; tries++)` where `retries` is a parameter defaulting to 1 (or
 * `<=` and 0): by default the loop makes one attempt; more only if a caller, out of sight, asks. So does a
 * limit that is 1 itself (`i < 1`, or `i < NUM_RETRIES` with `const NUM_RETRIES = 1`), or a field the class gives one
 * value (`attempt <= this.maxRetries` from 1, with `this.maxRetries = 1` in the constructor): the loop never goes round.
 */
function attemptsOnceByDefault(loop: ts.IterationStatement, condition: ts.Expression | undefined, index: SourceIndex): boolean {
  if (!ts.isForStatement(loop) || !condition || !loop.initializer || !ts.isVariableDeclarationList(loop.initializer)) return false;
  const [start] = loop.initializer.declarations;
  const inner = unwrap(condition);
  const from = start ? numericValue(start.initializer) : undefined;
  if (!start || !ts.isIdentifier(start.name) || from === undefined || !ts.isBinaryExpression(inner)) return false;
  const operator = inner.operatorToken.kind;
  if (!ts.isIdentifier(inner.left) || inner.left.text !== start.name.text) return false;
  const limit = loopLimit(inner.right, loop, index);
  if (limit === undefined) return false;
  const rounds = operator === ts.SyntaxKind.LessThanToken ? limit - from : operator === ts.SyntaxKind.LessThanEqualsToken ? limit - from + 1 : Infinity;
  return rounds <= 1;
}

/** The number a loop's limit holds: a literal, a parameter's default, a `const`, or the one value a class gives a field. */
function loopLimit(limit: ts.Expression, loop: ts.IterationStatement, index: SourceIndex): number | undefined {
  if (ts.isIdentifier(limit)) return parameterDefault(loop, limit.text) ?? constantNumber(limit.text, loop, index);
  if (ts.isPropertyAccessExpression(limit) && limit.expression.kind === ts.SyntaxKind.ThisKeyword) return numericValue(fieldValue(limit, index));
  return numericValue(limit);
}

/** The number a name holds where `at` reads it: a `const` of a number declared before it, in a function around it or the module. */
function constantNumber(name: string, at: ts.Node, index: SourceIndex): number | undefined {
  return numericValue(constantInitializer(name, at, index));
}

/** The value a `const` in scope at `at` is declared with (the nearest declaration of the name before it). */
function constantInitializer(name: string, at: ts.Node, index: SourceIndex): ts.Expression | undefined {
  const inScope = (index.declarations.get(name) ?? []).filter((declaration) => {
    const scope = enclosingFunction(declaration);
    return declaration.end <= at.pos && (scope === undefined || contains(scope, at));
  });
  // The nearest one shadows those further out.
  const declaration = inScope.sort((a, b) => b.pos - a.pos)[0];
  const list = declaration?.parent;
  if (!declaration || !list || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  return declaration.initializer;
}

/**
 * `vault.read('secret/data/app')`, or `kv.read(configPath)` with `const configPath = \`config/${env}\``: a read of one
 * named resource, asked the same way each round, not the next item of a stream (`reader.read()`, `stream.read(size)`).
 */
function readsNamedResource(call: ts.CallExpression, index: SourceIndex): boolean {
  const key = call.arguments[0] === undefined ? undefined : unwrap(call.arguments[0]);
  if (calleeName(call) !== 'read' || key === undefined) return false;
  const value = ts.isIdentifier(key) ? constantInitializer(key.text, call, index) : key;
  return value !== undefined && (stringValue(value) !== undefined || ts.isTemplateExpression(value));
}

/**
 * `const maxAttempts = props.maxAttempts || 1; … if (++attempts >= maxAttempts) throw err`: the limit the
 * loop is compared with falls back to one attempt (or to no retry: `opts.retries ?? 0`), so by default it
 * sends once; it retries only if a caller, out of sight, asks.
 */
function limitFallsBackToOneAttempt(scan: LoopScan, condition: ts.Expression | undefined, index: SourceIndex): boolean {
  const tests = [...(condition ? [condition] : []), ...scan.ifs.map((statement) => statement.expression)];
  return tests.some((test) => someDescendant(test, (node) => {
    if (!ts.isIdentifier(node) || scan.advances.has(node.text)) return false;
    const declarations = index.declarations.get(node.text) ?? [];
    const initializer = declarations.length === 1 ? declarations[0]!.initializer : undefined;
    const inner = initializer ? unwrap(initializer) : undefined;
    if (!inner || !ts.isBinaryExpression(inner)) return false;
    const operator = inner.operatorToken.kind;
    if (operator !== ts.SyntaxKind.BarBarToken && operator !== ts.SyntaxKind.QuestionQuestionToken) return false;
    const fallback = numericValue(inner.right);
    return (/attempt/i.test(node.text) && fallback === 1) || (/retr/i.test(node.text) && fallback === 0);
  }));
}

/** The numeric default of a parameter (or a destructured parameter field) of the function around a node. */
function parameterDefault(node: ts.Node, name: string): number | undefined {
  const fn = enclosingFunction(node);
  if (!fn) return undefined;
  const search = (binding: ts.BindingName, initializer: ts.Expression | undefined): number | undefined => {
    if (ts.isIdentifier(binding)) return binding.text === name ? numericValue(initializer) : undefined;
    for (const element of binding.elements) {
      if (ts.isOmittedExpression(element)) continue;
      const found = search(element.name, element.initializer);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (const parameter of fn.parameters) {
    const found = search(parameter.name, parameter.initializer);
    if (found !== undefined) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The scan

/** Each loop is scanned once: the recogniser, the cap, the backoff and the fixes all read the same scan. */
const scans = new WeakMap<ts.IterationStatement, LoopScan>();

function scanLoop(loop: ts.IterationStatement): LoopScan {
  let scan = scans.get(loop);
  if (!scan) {
    scan = scanLoopBody(loop);
    scans.set(loop, scan);
  }
  return scan;
}

function scanLoopBody(loop: ts.IterationStatement): LoopScan {
  const scan: LoopScan = {
    tries: [], exits: [], continues: [], flagStops: [], ifs: [], advances: new Map(), waits: [], calls: [], callbackCalls: [], assignments: [], declarations: [], newInputCalls: [],
  };
  const label = ts.isLabeledStatement(loop.parent) ? loop.parent.label.text : undefined;
  const visit = (node: ts.Node, state: WalkState): WalkState => {
    noteNode(node, state, scan, label);
    return nextState(node, state);
  };
  const top: WalkState = { inFunction: false, inNestedLoop: false, inSwitch: false };
  // The header counts for counters (`attempt++` in a for, `retries--` in a while condition).
  for (const part of loopHeaderParts(loop)) walkTree(part, top, visit);
  walkTree(loop.statement, top, visit);
  const condition = loopCondition(loop);
  const flag = condition ? loopFlag(condition) : undefined;
  if (flag) scan.flagStops = scan.assignments.filter((assignment) => clearsFlag(assignment, flag));
  return scan;
}

function loopHeaderParts(loop: ts.IterationStatement): ts.Node[] {
  if (ts.isForStatement(loop)) return [loop.condition, loop.incrementor].filter((part): part is ts.Expression => part !== undefined);
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) return [loop.expression];
  return [];
}

const NESTED_LOOP_KINDS = new Set<ts.SyntaxKind>([Kind.ForStatement, Kind.ForInStatement, Kind.ForOfStatement, Kind.WhileStatement, Kind.DoStatement]);

function nextState(node: ts.Node, state: WalkState): WalkState {
  const kind = node.kind;
  if (NESTED_LOOP_KINDS.has(kind)) return state.inNestedLoop ? state : { ...state, inNestedLoop: true };
  if (kind === Kind.SwitchStatement) return state.inSwitch ? state : { ...state, inSwitch: true };
  if (isFunctionNode(node)) return state.inFunction ? state : { ...state, inFunction: true };
  return state;
}

function noteNode(node: ts.Node, state: WalkState, scan: LoopScan, label: string | undefined): void {
  const advanced = advancedName(node);
  if (advanced) {
    const list = scan.advances.get(advanced);
    if (list) list.push(node);
    else scan.advances.set(advanced, [node]);
  }
  if (ts.isCallExpression(node)) noteCall(node, state, scan);
  if (state.inFunction) return;
  switch (node.kind) {
    case Kind.TryStatement:
      if (!state.inNestedLoop) scan.tries.push(node as ts.TryStatement);
      break;
    case Kind.IfStatement:
      if (!state.inNestedLoop) scan.ifs.push(node as ts.IfStatement);
      break;
    case Kind.ReturnStatement:
    case Kind.ThrowStatement:
      scan.exits.push(node);
      break;
    case Kind.BreakStatement: {
      const target = (node as ts.BreakStatement).label?.text;
      if (target ? target === label || !state.inNestedLoop : !state.inNestedLoop && !state.inSwitch) scan.exits.push(node);
      break;
    }
    case Kind.ContinueStatement: {
      const target = (node as ts.ContinueStatement).label?.text;
      if (target ? target === label : !state.inNestedLoop) scan.continues.push(node as ts.ContinueStatement);
      break;
    }
    case Kind.BinaryExpression:
      if ((node as ts.BinaryExpression).operatorToken.kind >= Kind.FirstAssignment
        && (node as ts.BinaryExpression).operatorToken.kind <= Kind.LastAssignment) scan.assignments.push(node as ts.BinaryExpression);
      break;
    case Kind.VariableDeclaration:
      scan.declarations.push(node as ts.VariableDeclaration);
      break;
    case Kind.ExpressionStatement:
      // `process.exit(0)` ends the program, so it leaves the loop as a `return` does.
      if (isExitStatement(node)) scan.exits.push(node);
      break;
  }
}

function noteCall(call: ts.CallExpression, state: WalkState, scan: LoopScan): void {
  const wait = waitSite(call);
  if (wait) scan.waits.push(wait);
  if (state.inFunction) {
    // A call in a callback (`new Promise((res, rej) => server.listen(port, res))`) still shows what the
    // loop feeds the operation, though it says nothing about the loop's own control flow.
    scan.callbackCalls.push(call);
    return;
  }
  scan.calls.push(call);
  const name = calleeName(call) ?? '';
  if (!wait && !state.inNestedLoop && NEW_INPUT_CALL.test(name) && !NEXT_TARGET_CALL.test(name) && !takesFromFreshValue(call, scan)) scan.newInputCalls.push(call);
}

/**
 * `filePath.split('/').pop()`, `[...parts].shift()`, `lines.pop()` with `lines` declared in the loop:
 * the item comes from a value made this round, not from a queue kept across rounds, so the loop takes
 * no new work by it.
 */
function takesFromFreshValue(call: ts.CallExpression, scan: LoopScan): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const source = unwrap(call.expression.expression);
  if (ts.isCallExpression(source) || ts.isArrayLiteralExpression(source) || ts.isNewExpression(source)) return true;
  return ts.isIdentifier(source) && scan.declarations.some((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === source.text);
}

// ---------------------------------------------------------------------------------------------
// Is it a retry?

function loopCondition(loop: ts.IterationStatement): ts.Expression | undefined {
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) return loop.expression;
  if (ts.isForStatement(loop)) return loop.condition;
  return undefined;
}

/**
 * A retry loop goes round again after a failure and leaves after a success. Three shapes:
 * a try whose catch goes round and whose success path leaves; a result check that leaves on
 * success (or goes round on failure); a `do … while` (or `while`) whose condition is a failure.
 */
function isRetryShape(loop: ts.IterationStatement, scan: LoopScan, condition: ts.Expression | undefined, index: SourceIndex): boolean {
  if (resultEmptiedByFailure(loop, scan, condition)) return true;
  const conditionNames = condition ? namesIn(condition) : new Set<string>();
  if (scan.tries.some((attempt) => isRetryingTry(attempt, loop, scan, conditionNames)) || retriesFailedPage(loop, scan, condition)) return true;
  const results = resultNames(scan);
  const resultPolarity = (test: ts.Expression): Polarity | undefined => checkPolarity(test, results);
  if (scan.ifs.some((statement) => isRetryingCheck(statement, scan, resultPolarity))) return true;
  if (condition !== undefined && (ts.isDoStatement(loop) || ts.isWhileStatement(loop)) && resultPolarity(condition) === 'failure') return true;
  const flags = outcomeFlagNames(scan, index);
  if (flags.size > 0 && scan.ifs.some((statement) => isRetryingCheck(statement, scan, (test) => flagPolarity(test, flags)))) return true;
  const decisions = retryDecisionNames(scan);
  if (decisions.size === 0) return false;
  // `do { … needsRetry = true … } while (needsRetry && retry <= max)`: it goes round only on the decision to retry.
  if (condition !== undefined && (ts.isDoStatement(loop) || ts.isWhileStatement(loop))
    && chainOperands(condition, Kind.AmpersandAmpersandToken).some((operand) => decisionPolarity(operand, decisions) === 'failure')) return true;
  return scan.ifs.some((statement) => isRetryingCheck(statement, scan, (test) => decisionPolarity(test, decisions)));
}

/**
 * `while (!created) { created = await api.create().catch((err) => { log(err); return null; }); }`: the attempt's `.catch` makes its
 * failure an empty result, and the loop goes round while the result is empty: a retry of the failed call. (A check's
 * answer, `await isReady().catch(() => false)`, and a call that may well answer with nothing, `await queue.next()`,
 * `findUser(id)`, are a poll's.)
 */
function resultEmptiedByFailure(loop: ts.IterationStatement, scan: LoopScan, condition: ts.Expression | undefined): boolean {
  if (!condition || !(ts.isWhileStatement(loop) || ts.isDoStatement(loop))) return false;
  const tested = emptinessTested(condition);
  return tested !== undefined && scan.assignments.some((assignment) => assignment.operatorToken.kind === Kind.EqualsToken
    && namePath(assignment.left) === tested && catchMakesEmpty(assignment.right));
}

/** The name a condition asks to be empty: `!result`, `result === null`, `result == undefined`. */
function emptinessTested(condition: ts.Expression): string | undefined {
  const node = unwrap(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === Kind.ExclamationToken) return namePath(unwrap(node.operand));
  if (!ts.isBinaryExpression(node) || !EQUALITY_TESTS.has(node.operatorToken.kind)) return undefined;
  const [name, value] = isEmptyValue(node.right) ? [node.left, node.right] : [node.right, node.left];
  return isEmptyValue(value) ? namePath(unwrap(name)) : undefined;
}

const EQUALITY_TESTS: ReadonlySet<ts.SyntaxKind> = new Set([Kind.EqualsEqualsEqualsToken, Kind.EqualsEqualsToken]);

function isEmptyValue(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  return node.kind === Kind.NullKeyword || node.kind === Kind.FalseKeyword || (ts.isIdentifier(node) && node.text === 'undefined');
}

/** `await attempt().catch(handler)` where the handler answers with nothing on some way: `() => null`, `{ …; return null; }`. */
function catchMakesEmpty(value: ts.Expression): boolean {
  let node = unwrap(value);
  if (ts.isAwaitExpression(node)) node = unwrap(node.expression);
  if (!ts.isCallExpression(node) || calleeName(node) !== 'catch' || node.arguments.length !== 1) return false;
  const attempt = calleeObject(node);
  const attemptName = attempt && ts.isCallExpression(unwrap(attempt)) ? calleeName(unwrap(attempt) as ts.CallExpression) ?? '' : undefined;
  if (attemptName === undefined || STATE_CHECK_CALL.test(attemptName) || MAY_FIND_NOTHING_CALL.test(attemptName)) return false;
  const handler = unwrap(node.arguments[0]!);
  if (!isFunctionNode(handler) || !handler.body) return false;
  if (!ts.isBlock(handler.body)) return isEmptyValue(handler.body);
  // Every failure made empty: a handler that throws the others on (`if (e.notFound) return null; throw e`) may be waiting
  // for a record to exist, a poll; and none of its answers is something.
  const ownNodes = (test: (node: ts.Node) => boolean): boolean => someDescendant(handler.body!, (inner) => test(inner) && !insideNestedFunction(inner, handler));
  return !ownNodes((inner) => ts.isThrowStatement(inner) || (ts.isReturnStatement(inner) && inner.expression !== undefined && !isEmptyValue(inner.expression)))
    && ownNodes((inner) => ts.isReturnStatement(inner));
}

/** Calls whose answer may be nothing without a failure: the next message, a lookup, a read. */
const MAY_FIND_NOTHING_CALL = /^(find|poll|next|receive|dequeue|pop|shift|take|read|lookup|search|wait)(?![a-z])/i;

function insideNestedFunction(node: ts.Node, outer: ts.Node): boolean {
  for (let current = node.parent; current && current !== outer; current = current.parent) if (isFunctionNode(current)) return true;
  return false;
}


/**
 * Locals under a decision's name, declared from a call (`const shouldRetry = retryCallback(result)`) or set `true` in the
 * loop (`if (retryStatuses.has(res.status)) needsRetry = true`).
 */
function retryDecisionNames(scan: LoopScan): Set<string> {
  const names = new Set<string>();
  for (const declaration of scan.declarations) {
    const value = declaration.initializer ? unwrap(declaration.initializer) : undefined;
    if (ts.isIdentifier(declaration.name) && RETRY_DECISION_NAME.test(declaration.name.text) && value && (ts.isCallExpression(value) || ts.isAwaitExpression(value))) {
      names.add(declaration.name.text);
    }
  }
  for (const assignment of scan.assignments) {
    const target = unwrap(assignment.left);
    if (ts.isIdentifier(target) && RETRY_DECISION_NAME.test(target.text) && assignment.operatorToken.kind === Kind.EqualsToken
      && unwrap(assignment.right).kind === Kind.TrueKeyword) names.add(target.text);
  }
  return names;
}

/** `if (shouldRetry)` goes round on a failure; `if (!shouldRetry)`, `if (shouldRetry !== true)` leave on success. */
function decisionPolarity(test: ts.Expression, decisions: ReadonlySet<string>, depth = 0): Polarity | undefined {
  const node = unwrap(test);
  if (ts.isIdentifier(node)) return decisions.has(node.text) ? 'failure' : undefined;
  if (depth > MAX_CONDITION_DEPTH) return undefined;
  if (ts.isPrefixUnaryExpression(node) && node.operator === Kind.ExclamationToken) return invert(decisionPolarity(node.operand, decisions, depth + 1));
  if (!ts.isBinaryExpression(node) || !ts.isIdentifier(unwrap(node.left)) || !decisions.has((unwrap(node.left) as ts.Identifier).text)) return undefined;
  const operator = node.operatorToken.kind;
  const right = unwrap(node.right).kind;
  const negated = operator === Kind.ExclamationEqualsEqualsToken || operator === Kind.ExclamationEqualsToken;
  if (!negated && operator !== Kind.EqualsEqualsEqualsToken && operator !== Kind.EqualsEqualsToken) return undefined;
  const testsTrue = right === Kind.TrueKeyword ? !negated : right === Kind.FalseKeyword ? negated : undefined;
  return testsTrue === undefined ? undefined : testsTrue ? 'failure' : 'success';
}

/**
 * Names holding the result of a function of the file that reports its outcome as `true` or `false`
 * (returnsOutcomeFlag): `started` in `const started = await this.tryStart()`.
 */
function outcomeFlagNames(scan: LoopScan, index: SourceIndex): Set<string> {
  const names = new Set<string>();
  for (const declaration of scan.declarations) {
    const value = declaration.initializer ? unwrap(declaration.initializer) : undefined;
    const fn = value && ts.isCallExpression(value) ? localFunctionCalled(value, index) : undefined;
    if (fn && ts.isIdentifier(declaration.name) && returnsOutcomeFlag(fn)) names.add(declaration.name.text);
  }
  return names;
}

/** `if (started)` tests for success, `if (!started)` for failure. */
function flagPolarity(test: ts.Expression, flags: ReadonlySet<string>): Polarity | undefined {
  const node = unwrap(test);
  if (ts.isIdentifier(node)) return flags.has(node.text) ? 'success' : undefined;
  if (ts.isPrefixUnaryExpression(node) && node.operator === Kind.ExclamationToken && ts.isIdentifier(unwrap(node.operand))) {
    return flags.has((unwrap(node.operand) as ts.Identifier).text) ? 'failure' : undefined;
  }
  return undefined;
}

function isRetryingTry(attempt: ts.TryStatement, loop: ts.IterationStatement, scan: LoopScan, conditionNames: Set<string>): boolean {
  const handler = attempt.catchClause;
  // A catch that ends by rethrowing may still go round first: `if (retries < max) { …; continue; }`.
  if (!handler || (catchAlwaysLeaves(handler) && !anyWithin(scan.continues, handler))) return false;
  const leavesOnSuccess = scan.exits.some((exit) => !ts.isThrowStatement(exit) && !insideCatch(exit, loop)
    && (contains(attempt.tryBlock, exit) || exit.pos >= attempt.end) && !leavesOnlyAtFinalState(exit, attempt));
  if (leavesOnSuccess) return true;
  // A done flag set on success: `while (!done) { try { …; done = true } catch {} }`.
  return scan.assignments.some((assignment) => contains(attempt.tryBlock, assignment) && conditionNames.has(namePath(assignment.left) ?? ''));
}

/** Flags a status read sets once the thing watched is done: `status.confirmed`, `job.done`, `isReady`. */
const FINAL_STATE_FLAG = /^(is)?(confirmed|done|completed?|finished|ready|paid|settled|processed|verified)$/i;

/**
 * `try { const status = await api.checkOrder(id); if (status.confirmed) return status; } catch { log(e) }`:
 * the way out is taken when what the loop watches is done, not when the call works, so a call that works
 * still goes round: a poll, not a retry.
 */
function leavesOnlyAtFinalState(exit: ts.Node, attempt: ts.TryStatement): boolean {
  for (let node = exit.parent; node && node !== attempt.tryBlock; node = node.parent) {
    if (ts.isIfStatement(node) && contains(node.thenStatement, exit)) return testsFinalStateFlag(node.expression);
  }
  return false;
}

function testsFinalStateFlag(condition: ts.Expression): boolean {
  const node = unwrap(condition);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === Kind.AmpersandAmpersandToken) return testsFinalStateFlag(node.left) || testsFinalStateFlag(node.right);
  const path = namePath(ts.isBinaryExpression(node) && node.operatorToken.kind === Kind.EqualsEqualsEqualsToken && unwrap(node.right).kind === Kind.TrueKeyword ? node.left : node);
  return path !== undefined && FINAL_STATE_FLAG.test(path.slice(path.lastIndexOf('.') + 1));
}

/** A catch whose every way out leaves the loop (rethrows, returns, breaks) does not retry. */
function catchAlwaysLeaves(handler: ts.CatchClause): boolean {
  return handler.block.statements.some((statement) => isExitStatement(statement) && !(ts.isBreakStatement(statement) && statement.label));
}

function insideCatch(node: ts.Node, loop: ts.IterationStatement): boolean {
  return enclosingCatch(node, loop) !== undefined;
}

/** The flag a `while (fetching)` or `while (!done)` loop runs on, and the value that stops it. */
function loopFlag(condition: ts.Expression): { name: string; stopsWhen: boolean } | undefined {
  const node = unwrap(condition);
  const negated = ts.isPrefixUnaryExpression(node) && node.operator === Kind.ExclamationToken;
  const name = namePath(negated ? node.operand : node);
  return name ? { name, stopsWhen: negated } : undefined;
}

/** `fetching = false` in a `while (fetching)` loop. */
function clearsFlag(assignment: ts.BinaryExpression, flag: { name: string; stopsWhen: boolean }): boolean {
  const value = unwrap(assignment.right).kind;
  return assignment.operatorToken.kind === Kind.EqualsToken && namePath(assignment.left) === flag.name
    && value === (flag.stopsWhen ? Kind.TrueKeyword : Kind.FalseKeyword);
}

function isRetryingCheck(statement: ts.IfStatement, scan: LoopScan, polarityOf: (test: ts.Expression) => Polarity | undefined): boolean {
  const polarity = polarityOf(statement.expression);
  if (!polarity) return false;
  // A branch leaves by returning or breaking, or by clearing the loop's flag: `isFetching = false`.
  const leaves = (branch: ts.Node | undefined): boolean => branch !== undefined
    && (scan.exits.some((exit) => !ts.isThrowStatement(exit) && contains(branch, exit))
      || scan.flagStops.some((stop) => contains(branch, stop)));
  if (polarity === 'success') return leaves(statement.thenStatement);
  const goesRound = anyWithin(scan.continues, statement.thenStatement);
  const leavesAfter = scan.exits.some((exit) => !ts.isThrowStatement(exit) && exit.pos >= statement.end);
  return leaves(statement.elseStatement) || (goesRound && leavesAfter) || (!leaves(statement.thenStatement) && !throwsOut(statement.thenStatement, scan) && leavesAfter);
}

/**
 * A throw in the branch that no try of the loop catches: the failure leaves the loop, it does not go round
 * (`if (error) throw new Error(error); if (done) return url;`, a poll that gives up on a reported error).
 */
function throwsOut(branch: ts.Node, scan: LoopScan): boolean {
  return scan.exits.some((exit) => ts.isThrowStatement(exit) && contains(branch, exit) && !scan.tries.some((attempt) => contains(attempt.tryBlock, exit)));
}


/** Names that hold the outcome of a call made in the loop: `res` in `const res = await fetch(…)`. */
function resultNames(scan: LoopScan): Set<string> {
  const names = new Set<string>();
  const isResult = (value: ts.Expression): boolean => {
    const call = unwrap(value);
    // `success = await this.verifyTile(id)`: the answer of a check says whether the thing watched is
    // there yet (a poll), not whether an attempt failed.
    if (ts.isCallExpression(call) && STATE_CHECK_CALL.test(calleeName(call) ?? '')) return false;
    // `await new Promise((resolve) => schedule(() => resolve(send()), delay))`: the call's outcome, settled later.
    if (ts.isNewExpression(call)) return ts.isIdentifier(call.expression) && call.expression.text === 'Promise';
    return ts.isCallExpression(call) && !(throwsOnHttpError(call) && !scan.tries.some((attempt) => contains(attempt.tryBlock, call)));
  };
  for (const declaration of scan.declarations) {
    if (declaration.initializer && isResult(declaration.initializer)) addBindingNames(declaration.name, names);
  }
  for (const assignment of scan.assignments) {
    const path = namePath(assignment.left);
    if (path && isResult(assignment.right)) names.add(path);
  }
  return names;
}

/** Clients that reject on an HTTP error status (axios, got, ky, ofetch). */
const THROWING_CLIENT = /axios|^got$|^ky$|ofetch|^\$fetch$/i;

/**
 * `await api.get(url)` through axios and friends, outside a try: a failed request throws out of the
 * loop, so the result it tests (`res.status === 200`) is of a request that worked; going round on
 * another 2xx (202 Accepted) is waiting for a job, not retrying a failure.
 */
function throwsOnHttpError(call: ts.CallExpression): boolean {
  const object = calleeObject(call);
  const root = object ? rootName(object) : calleeName(call);
  return root !== undefined && THROWING_CLIENT.test(root);
}

function addBindingNames(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) {
    into.add(name.text);
    return;
  }
  for (const element of name.elements) {
    if (!ts.isOmittedExpression(element)) addBindingNames(element.name, into);
  }
}

function namesIn(node: ts.Node): Set<string> {
  const names = new Set<string>();
  walkTree(node, undefined, (child) => {
    const path = ts.isIdentifier(child) || ts.isPropertyAccessExpression(child) ? namePath(child as ts.Expression) : undefined;
    if (path) names.add(path);
  });
  return names;
}

/**
 * Pagination, keyset pagination and widening searches move to a new input each time round:
 * `cursor = page.next`, `offset += pageSize`, `radius *= 2`, or a page counter in the URL.
 */
function advancesCursor(loop: ts.IterationStatement, scan: LoopScan, condition: ts.Expression | undefined): boolean {
  const inputs = cursorInputs(loop, scan);
  if (inputs.size === 0 || catchGoesRoundOnSameInput(loop, scan, inputs)) return false;
  if (condition && [...inputs].some((name) => referencesPath(condition, name) && !scan.advances.has(name))) return true;
  return scan.calls.some((call) => isOperationCall(call) && call.arguments.some((argument) => [...inputs].some((name) => usesAsInput(argument, name))));
}

/**
 * A walk through pages that ends with them (`while (nextLink)`) and whose catch asks for the failed page again
 * (catchGoesRoundOnSameInput): a retry. A loop that runs on after every answer until told to stop (a long poll,
 * `while (!signal.aborted)`) goes round on success too, and is no retry.
 */
function retriesFailedPage(loop: ts.IterationStatement, scan: LoopScan, condition: ts.Expression | undefined): boolean {
  const inputs = cursorInputs(loop, scan);
  return condition !== undefined && [...inputs].some((name) => referencesPath(condition, name)) && catchGoesRoundOnSameInput(loop, scan, inputs);
}

/** The names a loop moves on each time round: assigned from what the last answer points to, grown, or counted as a position. */
function cursorInputs(loop: ts.IterationStatement, scan: LoopScan): Set<string> {
  const inputs = new Set<string>();
  for (const assignment of scan.assignments) {
    const path = namePath(assignment.left);
    if (!path || advancedName(assignment)) continue;
    const operator = assignment.operatorToken.kind;
    const right = unwrap(assignment.right);
    const compound = operator !== Kind.EqualsToken && operator !== Kind.QuestionQuestionEqualsToken && operator !== Kind.BarBarEqualsToken;
    // `lapse *= 2` beside `await sleep(lapse * 1000)`: a wait that grows (backoff), not a search that widens.
    if ((compound || readsCursor(right, scan)) && !sizesAWait(path, scan)) inputs.add(path);
  }
  if (ts.isForStatement(loop) && loop.incrementor && !advancedName(loop.incrementor)) {
    const path = ts.isBinaryExpression(loop.incrementor) ? namePath(loop.incrementor.left) : undefined;
    if (path) inputs.add(path);
  }
  for (const counter of scan.advances.keys()) {
    if (/page|offset|cursor|index|idx|radius|batch|chunk|skip|depth|level|step|^[ijk]$/i.test(counter)) inputs.add(counter);
  }
  // `steps.push(...newSteps)` before `agent.plan(steps)` goes round: a history kept across rounds that grows,
  // so each call is asked anew (a list declared in the loop, `const args = [req]; args.push(opts)`, starts again).
  for (const call of scan.calls) {
    const object = calleeObject(call);
    const grown = object && GROWING_METHOD.test(calleeName(call) ?? '') ? namePath(object) : undefined;
    if (grown && !scan.declarations.some((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === grown)) inputs.add(grown);
  }
  return inputs;
}

/**
 * `do { try { page = await get(link) } catch { retries++; continue } link = page.next } while (link)`: the catch goes
 * round before the cursor moves on, so the failed page is asked for again. That is a retry, not a walk through pages.
 * The cursor moved by the header (`for (…; …; page++)`), before the try, or in the catch before it goes round moves on as well.
 */
function catchGoesRoundOnSameInput(loop: ts.IterationStatement, scan: LoopScan, inputs: ReadonlySet<string>): boolean {
  if (ts.isForStatement(loop) && loop.incrementor && [...inputs].some((name) => referencesPath(loop.incrementor!, name))) return false;
  const leavesInputAsItWas = (handler: ts.CatchClause, attempt: ts.TryStatement, from: number): boolean => !scan.assignments.some((assignment) => {
    const path = namePath(assignment.left);
    return path !== undefined && inputs.has(path) && (contains(handler, assignment) ? assignment.end <= from : assignment.end <= attempt.pos);
  });
  const byContinue = scan.continues.some((next) => {
    const handler = enclosingCatch(next, loop);
    const attempt = handler?.parent;
    return handler !== undefined && attempt !== undefined && ts.isTryStatement(attempt) && leavesInputAsItWas(handler, attempt, next.pos);
  });
  // `while (true) { try { page = await get(cursor); cursor = page.next; … } catch (err) { log(err) } }`: a catch
  // that ends the loop's body goes round by falling through, unless it changes what the loop's condition reads
  // (`hasMore = false`).
  const last = lastStatement(loop.statement);
  const condition = loopCondition(loop);
  const stopsLoop = (handler: ts.CatchClause): boolean => condition !== undefined && scan.assignments.some((assignment) => {
    const path = namePath(assignment.left);
    return path !== undefined && contains(handler, assignment) && referencesPath(condition, path);
  });
  const byFallingThrough = last !== undefined && ts.isTryStatement(last) && last.catchClause !== undefined && !catchAlwaysLeaves(last.catchClause)
    && !stopsLoop(last.catchClause) && leavesInputAsItWas(last.catchClause, last, last.catchClause.end);
  return byContinue || byFallingThrough;
}

/** The catch clause a node sits in, inside the loop (not the loop's own enclosing one). */
function enclosingCatch(node: ts.Node, loop: ts.IterationStatement): ts.CatchClause | undefined {
  for (let current = node.parent; current && current !== loop; current = current.parent) {
    if (ts.isCatchClause(current)) return current;
  }
  return undefined;
}

/** Methods that add to a list where it stands. */
const GROWING_METHOD = /^(push|unshift)$/;

/** Whether a name sizes one of the loop's waits (`sleep(lapse * 1000)`). */
function sizesAWait(path: string, scan: LoopScan): boolean {
  return scan.waits.some((wait) => wait.delay !== undefined && referencesPath(wait.delay, path));
}

/**
 * A value read from where the last answer points next: `page.next`, `res.cursor`, `offset + limit`, and
 * through a conversion or a local made in the loop (`url = nextUrl.toString()` after
 * `const nextUrl = new URL(res.headers.get('location'), url)`, which follows a redirect).
 */
function readsCursor(value: ts.Expression, scan: LoopScan): boolean {
  const read = withoutConversion(value);
  if (ts.isPropertyAccessExpression(read) || ts.isElementAccessExpression(read) || ts.isBinaryExpression(read)) return CURSOR_TEXT.test(nodeText(read));
  // `new URL(locationHeader, url)`: made from such a value.
  if (ts.isNewExpression(read)) return read.arguments?.some((argument) => ts.isIdentifier(unwrap(argument)) && readsCursor(argument, scan)) ?? false;
  if (!ts.isIdentifier(read)) return false;
  return scan.declarations.some((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === read.text
    && declaration.initializer !== undefined && CURSOR_TEXT.test(nodeText(declaration.initializer)));
}

/** `x.toString()`, `x.href`, `String(x)`: the value converted. */
function withoutConversion(value: ts.Expression): ts.Expression {
  const node = unwrap(value);
  if (ts.isCallExpression(node)) {
    const name = calleeName(node);
    const object = calleeObject(node);
    if (object && node.arguments.length === 0 && (name === 'toString' || name === 'valueOf')) return unwrap(object);
    if (!object && name === 'String' && node.arguments.length === 1) return unwrap(node.arguments[0]!);
  }
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'href') return unwrap(node.expression);
  return node;
}

/**
 * Searches, not retries: the call that fails is given a new input each time round, so a failure
 * is an answer ("port taken", "slug exists", "wrong password") rather than a fault to wait out,
 * and neither a cap on attempts nor jitter is the issue. The input is new when an argument of an
 * operation call uses
 * - a counter advanced in the loop whose name does not say it counts attempts (`listen(port)`
 *   after `port++`, `connect(basePort + offset)`); or
 * - a value produced in the loop, each pass, by a prompt or a candidate generator
 *   (`const pw = await password(…)`, `slug = generateSlug()`), directly or through a local
 *   derived from it (`const url = `…/${slug}``).
 * The rule goes by the counter's name, not its argument position: a position cannot tell
 * `fetchWithLog(url, attempt)` from `connect(host, port)`, while `attempt`, `retries`, `tries`,
 * `count` or `n` always count attempts, so such a counter passed along (for logging, for the
 * callee's own backoff) never makes a loop a search.
 */
function searchesNewInput(scan: LoopScan): boolean {
  const inputs = new Set<string>();
  for (const counter of scan.advances.keys()) {
    if (!ATTEMPT_COUNTER_NAME.test(counter.slice(counter.lastIndexOf('.') + 1))) inputs.add(counter);
  }
  for (const declaration of scan.declarations) {
    if (declaration.initializer && makesCandidate(declaration.initializer, declaration.name)) addBindingNames(declaration.name, inputs);
  }
  for (const assignment of scan.assignments) {
    const path = namePath(assignment.left);
    if (path && assignment.operatorToken.kind === Kind.EqualsToken && isFreshInputCall(unwrap(assignment.right))) inputs.add(path);
  }
  // Names given a value made from an input are inputs too: `const slug = base + suffix`, `currentCode = newCode`.
  const derived: [string, ts.Expression][] = [];
  for (const declaration of scan.declarations) {
    if (ts.isIdentifier(declaration.name) && declaration.initializer) derived.push([declaration.name.text, declaration.initializer]);
  }
  for (const assignment of scan.assignments) {
    const path = assignment.operatorToken.kind === Kind.EqualsToken ? namePath(assignment.left) : undefined;
    if (path) derived.push([path, assignment.right]);
  }
  for (let grew = inputs.size > 0; grew;) {
    grew = false;
    for (const [name, value] of derived) {
      if (inputs.has(name) || ATTEMPT_COUNTER_NAME.test(name)) continue;
      if ([...inputs].some((input) => referencesPath(value, input))) {
        inputs.add(name);
        grew = true;
      }
    }
  }
  const usesInput = (argument: ts.Expression): boolean => [...inputs].some((name) => referencesPath(argument, name) && !onlyCompared(argument, name))
    || someDescendant(argument, (child) => isFreshInputCall(child));
  return [...scan.calls, ...scan.callbackCalls].some((call) => isOperationCall(call) && !isFreshInputCall(call) && call.arguments.some(usesInput));
}

/** A state property compared with a string: `data.status`, `job.state`, `payment.phase`. */
const STATE_PROPERTY = /^(status|state|phase|stage)$/i;
/** States that end a job or a payment for good. */
const FAILED_STATE = /^(fail(ed|ure)?|error(ed)?|cancel(l)?ed|rejected|expired|declined|timed?_?out|aborted|canceled)$/i;

/**
 * A status poll, not a retry: the loop leaves when the thing it watches reaches a failed state
 * (`if (data.status === 'failed') return;`), so a failure does not send it round; it goes round while
 * the state is pending. (A retry goes round on failure.)
 */
function pollsUntilFinalState(scan: LoopScan): boolean {
  return scan.ifs.some((statement) => testsFailedState(statement.expression)
    && scan.exits.some((exit) => contains(statement.thenStatement, exit)));
}

/** How deep a condition's `&&`/`||` nesting is read (real conditions join a few tests; generated ones may join thousands). */
const MAX_CONDITION_DEPTH = 32;

const HTTP_STATUS_PROPERTY = /^(status|statusCode)$/;
/** Statuses a healthy server answers when the thing is not there yet (404) or the name is taken (409). */
const ANSWERED_NOT_YET_STATUSES = new Set(['404', '409']);

/** `response.status`, `err.statusCode`, `getErrStatus(err)`: an HTTP status read from an answer. */
function readsHttpStatus(side: ts.Expression): boolean {
  const node = unwrap(side);
  if (ts.isCallExpression(node)) return /status/i.test(calleeName(node) ?? '');
  return HTTP_STATUS_PROPERTY.test(namePath(node)?.split('.').pop() ?? '');
}

/**
 * A status poll: every way round is taken in a branch that tests for a state that is not final
 * (`paymentIntent.status === 'requires_payment_method'`) or for a "not there yet" code (`error.code ===
 * 'resource_missing'`), and every other path leaves. Nothing failed goes round.
 */
function goesRoundOnlyWhileNotYet(loop: ts.IterationStatement, scan: LoopScan): boolean {
  if (scan.continues.length === 0 || !alwaysLeavesAtEnd(loop.statement)) return false;
  return scan.continues.every((next) => scan.ifs.some((statement) => contains(statement.thenStatement, next) && testsNotYet(statement.expression)));
}

/** How deep nested blocks, `try`s and `if`s are read for a way off the end (real bodies nest a few). */
const MAX_FALL_THROUGH_DEPTH = 16;

/**
 * Whether control cannot run off the end of a loop's body into the next round: each way through it ends
 * in a `return`, `throw`, `break` or `continue` (the callers read where each `continue` goes). Read through
 * blocks, `try` and `if`.
 */
function alwaysLeavesAtEnd(statement: ts.Statement, depth = 0): boolean {
  if (depth > MAX_FALL_THROUGH_DEPTH) return false;
  if (ts.isBlock(statement)) {
    const last = lastStatement(statement);
    return last !== undefined && alwaysLeavesAtEnd(last, depth + 1);
  }
  if (ts.isTryStatement(statement)) {
    if (statement.finallyBlock && alwaysLeavesAtEnd(statement.finallyBlock, depth + 1)) return true;
    return alwaysLeavesAtEnd(statement.tryBlock, depth + 1) && (!statement.catchClause || alwaysLeavesAtEnd(statement.catchClause.block, depth + 1));
  }
  if (ts.isIfStatement(statement)) {
    return statement.elseStatement !== undefined && alwaysLeavesAtEnd(statement.thenStatement, depth + 1) && alwaysLeavesAtEnd(statement.elseStatement, depth + 1);
  }
  return isExitStatement(statement) || ts.isContinueStatement(statement);
}

/**
 * A test for a state that is not final (`status === 'pending'`, not `'failed'`) or a "not there yet" code;
 * joined with `&&` to anything (`attempt < max`), with `||` only to more such tests.
 */
function testsNotYet(condition: ts.Expression, depth = 0): boolean {
  const node = unwrap(condition);
  if (!ts.isBinaryExpression(node) || depth > MAX_CONDITION_DEPTH) return false;
  const operator = node.operatorToken.kind;
  if (operator === Kind.AmpersandAmpersandToken) return testsNotYet(node.left, depth + 1) || testsNotYet(node.right, depth + 1);
  if (operator === Kind.BarBarToken) return testsNotYet(node.left, depth + 1) && testsNotYet(node.right, depth + 1);
  if (operator !== Kind.EqualsEqualsEqualsToken && operator !== Kind.EqualsEqualsToken) return false;
  const [side, value] = ts.isStringLiteral(unwrap(node.right)) || ts.isNumericLiteral(unwrap(node.right)) ? [node.left, unwrap(node.right)] : [node.right, unwrap(node.left)];
  const property = namePath(side)?.split('.').pop() ?? '';
  // `response.status === 404`: the thing asked for is not there yet (a read just after the write that made it);
  // `getErrStatus(err) === 409`: the name is taken, and the next round asks for another (the server answered).
  if (ts.isNumericLiteral(value)) return readsHttpStatus(side) && ANSWERED_NOT_YET_STATUSES.has(value.text);
  if (!ts.isStringLiteral(value)) return false;
  return (STATE_PROPERTY.test(property) && !FAILED_STATE.test(value.text)) || (/^(code|error|type)$/i.test(property) && NOT_THERE_YET.test(value.text));
}

/** `status === 'failed'`, `job.state == "cancelled"`: a state property compared with a state that ends the job for good. */
export function testsFailedState(condition: ts.Expression, depth = 0): boolean {
  const node = unwrap(condition);
  if (depth > MAX_CONDITION_DEPTH) return false;
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === Kind.BarBarToken || node.operatorToken.kind === Kind.AmpersandAmpersandToken)) {
    return testsFailedState(node.left, depth + 1) || testsFailedState(node.right, depth + 1);
  }
  if (!ts.isBinaryExpression(node) || (node.operatorToken.kind !== Kind.EqualsEqualsEqualsToken && node.operatorToken.kind !== Kind.EqualsEqualsToken)) return false;
  const [side, value] = ts.isStringLiteral(unwrap(node.right)) ? [node.left, unwrap(node.right)] : [node.right, unwrap(node.left)];
  const path = namePath(side);
  return path !== undefined && ts.isStringLiteral(value) && STATE_PROPERTY.test(path.slice(path.lastIndexOf('.') + 1)) && FAILED_STATE.test(value.text);
}

/**
 * A new candidate made for the next round: `generateSlug()`, or a value built around a generated part
 * (`` const newCode = `${code}${nanoid(2)}` ``) under a name that is not a key's (a key made each round
 * is unstable-idempotency-key's business, not a new input).
 */
function makesCandidate(value: ts.Expression, name: ts.BindingName): boolean {
  if (isFreshInputCall(unwrap(value))) return true;
  const keyLike = ts.isIdentifier(name) && /(id|key|token|nonce|ref)$/i.test(name.text);
  return !keyLike && !ts.isCallExpression(unwrap(value)) && holdsIdGeneratorCall(value);
}

/**
 * `password({ message })`, `rl.question('> ')`, `generateSlug()`: a new candidate input. Not one named for what it is
 * worked out from (`generatePlayerIdFromName(name)`): given the same, it makes the same each round.
 */
function isFreshInputCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const name = calleeName(node) ?? '';
  // Names are read up to a length a person writes (the candidate pattern backtracks over each word of the name).
  return (FRESH_INPUT_CALL.test(name) || (name.length <= MAX_GENERATOR_NAME && GENERATED_CANDIDATE_CALL.test(name))) && !NOT_FRESH_INPUT_CALL.test(name) && !FRESH_KEY_CALL.test(name) && !DERIVED_VALUE_CALL.test(name);
}

const MAX_GENERATOR_NAME = 80;

/** A function named for what its value is derived from: `generateIdFromName`, `buildSlugFromTitle`. */
const DERIVED_VALUE_CALL = /[a-z0-9]From[A-Z]/;

/** Built-ins that only compute or test a value: `Number.isInteger(delay)`, `Math.min(…)`, `JSON.stringify(…)`. */
const VALUE_BUILTINS = /^(Number|Math|JSON|String|Array|Object|Date|Boolean)$/;

/** Hooks a retry tells of its progress (`options.onRetry?.({ attempt, delayMs })`): they are told, they do not do the work. */
const HOOK_NAME = /^on[A-Z]\w*$/;

/** A call that does the work (not a wait, a log line, a hook told of progress, a delay computation, or a built-in that computes a value). */
function isOperationCall(call: ts.CallExpression): boolean {
  const name = calleeName(call) ?? '';
  const object = calleeObject(call);
  if (object && ts.isIdentifier(object) && VALUE_BUILTINS.test(object.text)) return false;
  return !waitSite(call) && !LOG_NAME.test(name) && !DELAY_CALC_NAME.test(name) && !HOOK_NAME.test(name);
}

/** Whether an argument uses a name as data: in an index, a template, a property, or an expression; a bare `attempt` passed along is not. */
function usesAsInput(argument: ts.Expression, name: string): boolean {
  const bare = unwrap(argument);
  if (namePath(bare) === name) return !/attempt|retr|tries|try|count|^n$/i.test(name);
  // `ping(i !== attempts)`: a flag computed from the counter is the same kind of request each time, not a new input.
  return referencesPath(argument, name) && !onlyCompared(argument, name);
}

/** Whether every use of a plain name in an expression is a side of a comparison. */
function onlyCompared(expression: ts.Expression, name: string): boolean {
  if (name.includes('.')) return false;
  let uses = 0;
  let compared = 0;
  walkTree(expression, undefined, (node) => {
    if (!ts.isIdentifier(node) || node.text !== name) return undefined;
    uses++;
    const parent = node.parent;
    if (parent && ts.isBinaryExpression(parent) && COMPARISON_OPERATORS.has(parent.operatorToken.kind)) compared++;
    return undefined;
  });
  return uses > 0 && uses === compared;
}

/** How long a loop header is read for a clock read (headers are short; longer ones are not read). */
const MAX_CONDITION_READ = 400;

/**
 * `while (lapseInSeconds < maxTimeInHours * 3600) { … await sleep(lapseInSeconds * 1000); lapseInSeconds *= 2 }`: the header
 * compares the loop's own wait, which the loop multiplies each round. It stops after so many waits: a count of attempts in
 * all but name, not a deadline read from the clock (its limit may still be named for time).
 */
function growingWait(name: string, loop: ts.IterationStatement, scan: LoopScan): boolean {
  if (!scan.waits.some((wait) => wait.delay !== undefined && isScaledName(wait.delay, name))) return false;
  return someDescendant(loop.statement, (node) => ts.isBinaryExpression(node) && namePath(node.left) === name && multipliesByMoreThanOne(node));
}

/** `x *= 2`, `x = x * 1.5`, `x = 2 * x`. */
function multipliesByMoreThanOne(node: ts.BinaryExpression): boolean {
  const target = namePath(node.left);
  const grows = (factor: ts.Expression): boolean => (numericValue(factor) ?? 0) > 1;
  if (node.operatorToken.kind === Kind.AsteriskEqualsToken) return grows(node.right);
  if (node.operatorToken.kind !== Kind.EqualsToken) return false;
  const value = unwrap(node.right);
  if (!ts.isBinaryExpression(value) || value.operatorToken.kind !== Kind.AsteriskToken) return false;
  return (namePath(value.left) === target && grows(value.right)) || (namePath(value.right) === target && grows(value.left));
}

/** `for (const ms of [100, 200, 400])`, `for (const delay of DELAYS)`, `for (const _ of Array(3))`. */
function isFiniteAttemptList(iterable: ts.Expression): boolean {
  const node = unwrap(iterable);
  if (ts.isArrayLiteralExpression(node)) return node.elements.length > 0 && node.elements.every((element) => numericValue(element) !== undefined);
  const text = nodeText(node);
  if (/^(new\s+)?Array(\.from)?\(|^\[\s*\.\.\.\s*Array\(|^range\(/.test(text)) return true;
  const name = namePath(node) ?? '';
  return ATTEMPT_LIST_NAME.test(name);
}

// ---------------------------------------------------------------------------------------------
// The cap

function loopBound(loop: ts.IterationStatement, scan: LoopScan, condition: ts.Expression | undefined, index: SourceIndex): Bound {
  const limits = infiniteLimits(index);
  const comparisons = condition ? collectComparisons(condition, true, emptyComparisons(), limits) : emptyComparisons();
  const guarded = emptyComparisons();
  const anywhere = emptyComparisons();
  for (const statement of scan.ifs) {
    collectComparisons(statement.expression, true, guardsExit(statement, scan) ? guarded : anywhere, limits);
  }
  if (condition && !readsClock(condition, MAX_CONDITION_READ) && [...comparisons.compared].some((name) => growingWait(name, loop, scan))) {
    return { capped: true, by: 'counter' };
  }
  if (comparisons.deadline || countsTimeBudget(comparisons, scan, index)) return { capped: true, by: 'deadline' };
  if (condition && someDescendant(condition, (node) => asksDeadlineHelper(node, index))) return { capped: true, by: 'deadline' };
  withoutFirstAttemptTests(comparisons, scan.advances);
  withoutFirstAttemptTests(guarded, scan.advances);
  const counters = [...scan.advances.keys()];
  // `for (let attempt = 1; attempt <= maxAttempts; attempt++) { if (timeout && started + timeout <= Date.now()) throw … }`:
  // a loop whose own header counts its attempts is a retry that also has a time limit, not a wait for a deadline.
  const headerCounts = counters.some((counter) => comparisons.compared.has(counter));
  if ((guarded.deadline || comparesElapsedTime(guarded, scan)) && !headerCounts) return { capped: true, by: 'deadline' };
  const capHelperCounters = counters.filter((counter) => passedToCapHelper(counter, scan, index));
  const capping = counters.filter((counter) => comparedAsCap(counter, comparisons, guarded, scan) || capHelperCounters.includes(counter));
  if (capping.length > 0) return leakCheck(loop, scan, capping, index);
  if (goesRoundOnlyOnce(loop, scan)) return { capped: true, by: 'once-flag' };
  if (exitDecidedByCapHelper(scan, index)) return { capped: true, by: 'helper' };
  if (roundAskedOfHelperGivenCount(scan, counters, index)) return { capped: 'unknown' };
  const permission = exitAskedOfPermission(scan, index);
  if (permission === 'counts') return { capped: true, by: 'helper' };
  if (permission === 'out-of-sight') return { capped: 'unknown', decidedElsewhere: true };
  if (givesUpWhenNothingIsLeft(scan)) return { capped: 'unknown' };
  const exitTests = scan.ifs.filter((statement) => guardsExit(statement, scan)).map((statement) => statement.expression);
  if (countedOutsideTheLoop([...guarded.compared, ...comparisons.compared], loop, scan, index) || decidedByCallersFunction(loop, scan)
    || [...(condition ? [condition] : []), ...exitTests].some(comparesCountKeptByObject)) {
    return { capped: 'unknown', decidedElsewhere: true };
  }
  if (counters.length > 0) return offLimitBound(counters, [comparisons, guarded, anywhere]) ?? uncappedCounter(counters, comparisons, anywhere, scan, index);
  const unadvanced = [...comparisons.compared].find((name) => /attempt|retr|tries|try|count/i.test(name) && !name.includes('.')
    && !scan.assignments.some((assignment) => namePath(assignment.left) === name));
  if (unadvanced) return { capped: false, reason: 'never-advanced', counter: unadvanced };
  return { capped: false, reason: 'no-cap' };
}

const ORDERING_OPERATORS: ReadonlySet<ts.SyntaxKind> = new Set([Kind.LessThanToken, Kind.LessThanEqualsToken, Kind.GreaterThanToken, Kind.GreaterThanEqualsToken]);

/**
 * `while (backoff.getNumRetries() <= this.maxRetries)`: a count an object keeps, read through a method named for it
 * and ordered against a limit. The object advances it (`backoff.sleepUntilDeadline()`), out of sight.
 */
function comparesCountKeptByObject(test: ts.Expression): boolean {
  return someDescendant(test, (node) => ts.isBinaryExpression(node) && ORDERING_OPERATORS.has(node.operatorToken.kind)
    && [node.left, node.right].some((operand) => readsCountByMethod(unwrap(operand))));
}

function readsCountByMethod(operand: ts.Expression): boolean {
  if (ts.isBinaryExpression(operand) && (operand.operatorToken.kind === Kind.PlusToken || operand.operatorToken.kind === Kind.MinusToken)) {
    return readsCountByMethod(unwrap(operand.left)) || readsCountByMethod(unwrap(operand.right));
  }
  return ts.isCallExpression(operand) && operand.arguments.length === 0 && ts.isPropertyAccessExpression(operand.expression)
    && COUNT_READER.test(operand.expression.name.text);
}

/** Methods that read a count of attempts: `getNumRetries()`, `attempts()`, `getRetryCount()`, `failureCount()` (not `count()`, `getCountry()`). */
const COUNT_READER = /^(?:get)?(?:num|number|count|total)?(?:of)?(?:retries|retry_?count|attempts?|attempt_?count|tries|failures|failure_?count)$/i;

/**
 * `if (!refreshed && status === 401) { refreshed = true; continue; } return response;`: every way round
 * is a `continue` behind a test of a flag that the same branch sets, and the body cannot run off its end
 * into the next round. The second failure finds the flag set and leaves: one retry at most.
 */
function goesRoundOnlyOnce(loop: ts.IterationStatement, scan: LoopScan): boolean {
  if (scan.continues.length === 0 || !alwaysLeavesAtEnd(loop.statement)) return false;
  const resets = new Set(scan.assignments.filter((assignment) => unwrap(assignment.right).kind !== Kind.TrueKeyword).map((assignment) => namePath(assignment.left)));
  const setTrue = flagsSetTrueByBranch(loop, scan);
  return scan.continues.every((goRound) => {
    const guard = innermostIf(goRound, loop);
    return guard !== undefined && leavesLater(guard) && negatedPaths(guard.expression).some((flag) => setTrue.get(guard)?.has(flag) && !resets.has(flag));
  });
}

/** How many levels up from a `flag = true` its `if`s are looked for (a guard holds its flag a few levels down). */
const MAX_FLAG_BRANCH_LEVELS = 16;

/** For each `if` of the loop, the flags its then-branch sets to true: read once per loop, from each assignment up. */
function flagsSetTrueByBranch(loop: ts.IterationStatement, scan: LoopScan): Map<ts.IfStatement, Set<string>> {
  const byBranch = new Map<ts.IfStatement, Set<string>>();
  for (const assignment of scan.assignments) {
    const path = unwrap(assignment.right).kind === Kind.TrueKeyword ? namePath(assignment.left) : undefined;
    if (path === undefined) continue;
    let levels = 0;
    for (let child: ts.Node = assignment, parent = assignment.parent; parent && parent !== loop && levels < MAX_FLAG_BRANCH_LEVELS; child = parent, parent = parent.parent, levels++) {
      if (!ts.isIfStatement(parent) || parent.thenStatement !== child) continue;
      let flags = byBranch.get(parent);
      if (!flags) byBranch.set(parent, (flags = new Set()));
      flags.add(path);
    }
  }
  return byBranch;
}

/** The name paths a condition tests negated: `refreshed` in `status === 401 && !refreshed`. */
function negatedPaths(condition: ts.Expression): string[] {
  const negated: string[] = [];
  walkTree(condition, undefined, (node) => {
    if (ts.isPrefixUnaryExpression(node) && node.operator === Kind.ExclamationToken) {
      const path = namePath(node.operand);
      if (path) negated.push(path);
    }
    return undefined;
  });
  return negated;
}

/** The `if` whose then-branch holds the node, inside the loop. */
function innermostIf(node: ts.Node, loop: ts.IterationStatement): ts.IfStatement | undefined {
  for (let child = node, parent = node.parent; parent && parent !== loop; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child) return parent;
  }
  return undefined;
}

/**
 * `if (retries >= retryAttempts) throw err;` in the loop, where `retries++` happens in a function the loop
 * calls (`await getOrConnect()`): the count the test reads moves outside the loop, out of this reading,
 * and may stop it.
 */
function countedOutsideTheLoop(compared: readonly string[], loop: ts.IterationStatement, scan: LoopScan, index: SourceIndex): boolean {
  const candidates = compared.filter((name) => ATTEMPT_COUNT_WORD.test(name) && !scan.advances.has(name));
  if (candidates.length === 0) return false;
  const advances = advancesInFile(index);
  return candidates.some((name) => {
    const where = advances.get(name);
    return where !== undefined && (where.first < loop.pos || where.last >= loop.end);
  });
}

/** Count words in a compared name: `retries`, `attempt`, `tries`, `failureCount`. */
const ATTEMPT_COUNT_WORD = /attempt|retr|tries|count/i;

const advancesByIndex = new WeakMap<SourceIndex, Map<string, { first: number; last: number }>>();

/** Where each name is first and last advanced in the file (`retries++`, `attempt += 1`), read once per file and only when asked. */
function advancesInFile(index: SourceIndex): Map<string, { first: number; last: number }> {
  let advances = advancesByIndex.get(index);
  if (!advances) {
    const found = new Map<string, { first: number; last: number }>();
    walkTree(index.sourceFile, undefined, (node) => {
      const name = advancedName(node);
      const where = name === undefined ? undefined : found.get(name);
      if (where) where.last = node.pos;
      else if (name !== undefined) found.set(name, { first: node.pos, last: node.pos });
      return undefined;
    });
    advancesByIndex.set(index, (advances = found));
  }
  return advances;
}

/**
 * `const srv = this.selectServer(); if (!srv) throw lastError;`: the loop gives up when a pick made each
 * round (not awaited: not the attempt itself) comes back empty. What empties it (a pool that drops a
 * server after its own count of failures) is out of sight: the stop may be there.
 */
function givesUpWhenNothingIsLeft(scan: LoopScan): boolean {
  const picked = new Set<string>();
  for (const declaration of scan.declarations) {
    const value = declaration.initializer ? unwrap(declaration.initializer) : undefined;
    if (value && ts.isCallExpression(value) && ts.isIdentifier(declaration.name)) picked.add(declaration.name.text);
  }
  if (picked.size === 0) return false;
  // A throw that a catch of the loop takes and goes round from does not give up.
  const caughtToGoRound = (statement: ts.Node): boolean => scan.tries.some((attempt) => contains(attempt.tryBlock, statement)
    && attempt.catchClause !== undefined && !catchAlwaysLeaves(attempt.catchClause));
  return scan.ifs.some((statement) => alwaysThrows(statement.thenStatement) && testsEmpty(statement.expression, picked) && !caughtToGoRound(statement));
}

/** `!srv`, `!srv || this.aborted`, `srv === undefined`. */
function testsEmpty(condition: ts.Expression, names: ReadonlySet<string>): boolean {
  const node = unwrap(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return ts.isIdentifier(unwrap(node.operand)) && names.has((unwrap(node.operand) as ts.Identifier).text);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken) return testsEmpty(node.left, names) || testsEmpty(node.right, names);
  return false;
}

/** How deep `if … else` chains are read for a throw on every way; deeper ones count as not always throwing. */
const MAX_THROW_DEPTH = 8;

/** A block (or statement) that ends by throwing on every way through it. */
function alwaysThrows(statement: ts.Statement, depth = 0): boolean {
  if (ts.isThrowStatement(statement)) return true;
  if (depth >= MAX_THROW_DEPTH) return false;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && alwaysThrows(last, depth + 1);
  }
  if (ts.isIfStatement(statement)) return statement.elseStatement !== undefined && alwaysThrows(statement.thenStatement, depth + 1) && alwaysThrows(statement.elseStatement, depth + 1);
  return false;
}

/**
 * `const iterations = Math.ceil(maxTimeout / checkInterval); for (let i = 0; i < iterations; i++) { … await
 * wait(checkInterval) }`: the count is a time budget divided by the wait, so the loop polls until a deadline.
 */
function countsTimeBudget(comparisons: Comparisons, scan: LoopScan, index: SourceIndex): boolean {
  const delayNames = scan.waits.flatMap((wait) => (wait.delay ? [namePath(wait.delay)] : [])).filter((name): name is string => name !== undefined);
  if (delayNames.length === 0) return false;
  return [...comparisons.compared].some((limit) => !scan.advances.has(limit) && (index.declarations.get(limit) ?? []).some((declaration) => {
    if (!declaration.initializer) return false;
    const text = nodeText(declaration.initializer);
    return DEADLINE_NAME.test(text) && delayNames.some((name) => referencesPath(declaration.initializer!, name));
  }));
}

/**
 * `retryingMs = Date.now() - startTime; if (retryingMs <= maxRetryingMs) { … continue; }`: a variable declared before
 * the loop and set from the clock on each way round, compared there, is the time spent so far: a deadline, whatever
 * it is named. (A `const` the loop declares from the clock is read by its comparison, as counters.ts reads time.)
 */
function comparesElapsedTime(comparisons: Comparisons, scan: LoopScan): boolean {
  return comparisons.valueCompared.size > 0 && scan.assignments.some((assignment) => assignment.operatorToken.kind === Kind.EqualsToken
    && comparisons.valueCompared.has(namePath(assignment.left) ?? '') && readsClock(assignment.right, MAX_CONDITION_READ));
}

/**
 * `catch (error) { arg = await decide(arg, error); }`, `if (!(await shouldRetry(error))) throw error;`: each
 * failure goes to a function the caller passed in, and its answer is used. It may throw, or say stop, once
 * its own count is spent; it may wait too. Out of sight.
 */
function decidedByCallersFunction(loop: ts.IterationStatement, scan: LoopScan): boolean {
  const fn = enclosingFunction(loop);
  if (!fn) return false;
  const parameters = new Set(fn.parameters.flatMap((parameter) => (ts.isIdentifier(parameter.name) ? [parameter.name.text] : [])));
  return scan.calls.some((call) => ts.isIdentifier(call.expression) && parameters.has(call.expression.text) && answerIsUsed(call)
    && scan.tries.some((attempt) => attempt.catchClause !== undefined && contains(attempt.catchClause, call)));
}

/** Whether a call's answer is kept or tested, not dropped (`decide(error);` alone is a notification). */
function answerIsUsed(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isPrefixUnaryExpression(node.parent)) node = node.parent;
  return !ts.isExpressionStatement(node.parent);
}

/**
 * `if (!shouldRetryConnectOrThrow(err)) return;`: the way out is decided by a helper of this file that
 * counts attempts itself (it compares a count and throws), so the cap is the helper's. So it is when the
 * loop calls such a helper where its throw leaves the loop.
 */
function exitDecidedByCapHelper(scan: LoopScan, index: SourceIndex): boolean {
  const isCapHelper = (node: ts.Node): boolean => {
    if (!ts.isCallExpression(node)) return false;
    const helpers = index.functions.get(calleeName(node) ?? '') ?? [];
    return helpers.length > 0 && helpers.every(countsAndThrows);
  };
  if (scan.ifs.some((statement) => guardsExit(statement, scan) && someDescendant(statement.expression, isCapHelper))) return true;
  // `const status = await this.computeNetworkErrorRetry(error); if (!status.shouldRetry) throw error;`: a helper
  // that counts and throws, called outside any try of the loop, throws out of it once the count is spent.
  return scan.calls.some((call) => isCapHelper(call) && !scan.tries.some((attempt) => contains(attempt.tryBlock, call)));
}

/**
 * `if (retriesAvailable(retries) && isRetryable(err)) { retries++; continue; }`: the way round is asked of a helper
 * handed the count, whose answer may compare it with a cap (one out of sight, or one of the file that compares).
 */
function roundAskedOfHelperGivenCount(scan: LoopScan, counters: readonly string[], index: SourceIndex): boolean {
  const asksWithCount = (node: ts.Node): boolean => {
    if (!ts.isCallExpression(node) || !node.arguments.some((argument) => counters.some((counter) => referencesPath(argument, counter)))) return false;
    const name = calleeName(node) ?? '';
    if (waitSite(node) || LOG_NAME.test(name) || DELAY_CALC_NAME.test(name)) return false;
    const local = index.functions.get(name);
    return !local || local.some((helper) => someDescendant(helper, (child) => ts.isBinaryExpression(child) && COMPARISON_OPERATORS.has(child.operatorToken.kind)));
  };
  // anyWithin keeps a loop of thousands of `if (…) continue;` linear (each if looks up its own continues).
  return scan.ifs.some((statement) => anyWithin(scan.continues, statement.thenStatement) && someDescendant(statement.expression, asksWithCount));
}

/**
 * `while (this.continuePolling(expiresAt, timeout, cancel))`: the loop runs while a function of the file says
 * so, and that function compares the clock with a deadline (`nowSeconds() > deviceCodeExpirationTime`).
 */
function asksDeadlineHelper(node: ts.Node, index: SourceIndex): boolean {
  if (!ts.isCallExpression(node)) return false;
  const helpers = index.functions.get(calleeName(node) ?? '') ?? [];
  return helpers.length > 0 && helpers.every(comparesDeadline);
}

const deadlineHelpers = new WeakMap<ts.Node, boolean>();

/**
 * Whether a function tests a deadline in one of its conditions, or answers with one (`reachTimeout(start) { return
 * start + timeoutMs <= Date.now(); }`), read once per function.
 */
function comparesDeadline(helper: FunctionNode): boolean {
  return readOnce(deadlineHelpers, helper, () => {
    let found = false;
    const body = helper.body;
    if (body && !ts.isBlock(body)) return collectComparisons(body, true).deadline;
    if (body) {
      walkTree(body, undefined, (node) => {
        if (found || (node !== body && isFunctionNode(node))) return SKIP_CHILDREN;
        const tested = ts.isIfStatement(node) ? node.expression : ts.isReturnStatement(node) ? node.expression : undefined;
        if (tested && collectComparisons(tested, true).deadline) found = true;
        return undefined;
      });
    }
    return found;
  });
}

/** Properties that say whether another attempt is allowed: `ctx.allowed`, `policy.canRetry`, `state.attemptsLeft`. */
const PERMISSION_PROPERTY = /^(allowed|can_?retry|can_?reconnect|should_?retry|retryable|has_?attempts(_?left)?|attempts_?left|retries_?left|exhausted)$/i;

/**
 * `if (!this.enabled || !this.allowed) throw error;`, `if (!reconnect.allowed) break;`: the way out asks a
 * property whether another attempt is allowed. A getter of the file that compares a count ('counts') caps
 * it; one of an object made elsewhere, never set in this file ('out-of-sight'), may well.
 */
function exitAskedOfPermission(scan: LoopScan, index: SourceIndex): 'counts' | 'out-of-sight' | undefined {
  let found: 'counts' | 'out-of-sight' | undefined;
  for (const statement of scan.ifs) {
    if (!guardsExit(statement, scan)) continue;
    walkTree(statement.expression, undefined, (node) => {
      if (!ts.isPropertyAccessExpression(node) || !PERMISSION_PROPERTY.test(node.name.text)) return undefined;
      const getters = (index.functions.get(node.name.text) ?? []).filter(ts.isGetAccessorDeclaration);
      if (getters.some(countsAndThrows) || getters.some((getter) => COUNTING_HELPER.test(nodeText(getter)))) found = 'counts';
      else if (getters.length === 0 && !assignedInFile(index, node.name.text)) found ??= 'out-of-sight';
      return undefined;
    });
  }
  return found;
}

/** Whether the file assigns a property of that name anywhere (`this.allowed = false`): a flag in sight, not a decision elsewhere. */
function assignedInFile(index: SourceIndex, property: string): boolean {
  return readOnce(assignedProperties, index, () => new Set([...index.assignments.keys()].map((path) => path.slice(path.lastIndexOf('.') + 1)))).has(property);
}

/** Per file, the last names of every path it assigns (read once). */
const assignedProperties = new WeakMap<SourceIndex, Set<string>>();

/** A comparison of an attempt count with a limit, in a helper's text (bounded repetitions: linear on any text). */
const COUNTING_HELPER = /\b\w{0,30}?(attempt|retr|tries|count)\w{0,30}\s{0,4}(>=|<=|>|<|===)|(>=|<=|>|<)\s{0,4}\w{0,30}?(attempt|retr|tries|count)/i;
const countingHelpers = new WeakMap<ts.Node, boolean>();

const throwingHelpers = new WeakMap<ts.Node, boolean>();

/** Whether a helper's code (not its comments) holds a `throw` (read once per helper). */
function throwsInCode(helper: ts.Node): boolean {
  return readOnce(throwingHelpers, helper, () => /\bthrow\b/.test(codeText(helper)));
}

/** Whether a helper compares an attempt count and throws (read once per helper). */
function countsAndThrows(helper: ts.Node): boolean {
  return readOnce(countingHelpers, helper, () => throwsInCode(helper) && COUNTING_HELPER.test(codeText(helper)));
}

/** Whether an `if` decides between leaving and going round: one branch (or the statement after it) leaves. */
function guardsExit(statement: ts.IfStatement, scan: LoopScan): boolean {
  const inBranch = (nodes: readonly ts.Node[]): boolean => anyWithin(nodes, statement.thenStatement) || (statement.elseStatement !== undefined && anyWithin(nodes, statement.elseStatement));
  if (inBranch(scan.exits) || inBranch(scan.flagStops)) return true;
  const parent = statement.parent;
  if (!ts.isBlock(parent)) return false;
  const next = parent.statements[statementIndex(parent, statement) + 1];
  if (next !== undefined && isExitStatement(next) && !(ts.isBreakStatement(next) && withinCase(parent))) return true;
  // `if (retries < max) { retries++; continue; } … throw error;`: the test decides between going round and leaving.
  return anyWithin(scan.continues, statement.thenStatement) && leavesLater(statement);
}

/**
 * Whether any of the nodes lies within `outer`: a binary search over them sorted by start, as every
 * `if` of a loop asks this of every exit of the loop.
 */
function anyWithin(unsorted: readonly ts.Node[], outer: ts.Node): boolean {
  const nodes = sortedByStart(unsorted);
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (nodes[middle]!.pos < outer.pos) low = middle + 1;
    else high = middle;
  }
  for (let at = low; at < nodes.length && nodes[at]!.pos < outer.end; at++) if (contains(outer, nodes[at]!)) return true;
  return false;
}

const sortedCopies = new WeakMap<readonly ts.Node[], { length: number; sorted: readonly ts.Node[] }>();

/** The nodes sorted by start, kept per list (a loop's header is read before its body, wherever it sits). */
function sortedByStart(nodes: readonly ts.Node[]): readonly ts.Node[] {
  let copy = sortedCopies.get(nodes);
  if (!copy || copy.length !== nodes.length) {
    copy = { length: nodes.length, sorted: [...nodes].sort((a, b) => a.pos - b.pos) };
    sortedCopies.set(nodes, copy);
  }
  return copy.sorted;
}

/** How many levels up a later `throw` is looked for (real catch blocks nest a few ifs deep). */
const MAX_LEAVE_LEVELS = 8;

/**
 * A `return` or `throw` after the statement in its block or a block around it, short of a function or a
 * loop; or a `break`, which leaves the loop too unless a `switch` lies between (there it leaves the switch).
 */
function leavesLater(statement: ts.Statement): boolean {
  let child: ts.Node = statement;
  let levels = 0;
  for (let node = statement.parent; node && !isFunctionNode(node) && !NESTED_LOOP_KINDS.has(node.kind) && levels < MAX_LEAVE_LEVELS; child = node, node = node.parent, levels++) {
    if (!ts.isBlock(node)) continue;
    const last = leavingIndexes(node);
    if (statementIndex(node, child as ts.Statement) < (withinCase(node) ? last.returnOrThrow : last.any)) return true;
  }
  return false;
}

/** Whether a `case` of a switch lies around the node inside its loop: a `break` there leaves the switch, not the loop. */
function withinCase(node: ts.Node): boolean {
  let levels = 0;
  for (let around: ts.Node | undefined = node; around && !isFunctionNode(around) && !NESTED_LOOP_KINDS.has(around.kind) && levels < MAX_LEAVE_LEVELS; around = around.parent, levels++) {
    if (ts.isCaseClause(around) || ts.isDefaultClause(around)) return true;
  }
  return false;
}

const leavingIndexesByBlock = new WeakMap<ts.Block, { returnOrThrow: number; any: number }>();

/** The index of a block's last `return` or `throw`, and of its last `return`, `throw` or `break` (-1 for none), read once per block. */
function leavingIndexes(block: ts.Block): { returnOrThrow: number; any: number } {
  let last = leavingIndexesByBlock.get(block);
  if (last === undefined) {
    last = { returnOrThrow: -1, any: -1 };
    for (const [index, statement] of block.statements.entries()) {
      if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) last.returnOrThrow = index;
      if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || (ts.isBreakStatement(statement) && !statement.label)) last.any = index;
    }
    leavingIndexesByBlock.set(block, last);
  }
  return last;
}

function comparedAsCap(counter: string, comparisons: Comparisons, guarded: Comparisons, scan: LoopScan): boolean {
  if (comparisons.compared.has(counter) || guarded.compared.has(counter)) return true;
  // `const remaining = MAX - attempt; if (remaining <= 0) throw …` compares a name derived from the counter.
  return scan.declarations.some((declaration) => ts.isIdentifier(declaration.name) && declaration.initializer
    && (comparisons.compared.has(declaration.name.text) || guarded.compared.has(declaration.name.text))
    && referencesPath(declaration.initializer, counter));
}

/**
 * A helper that throws after N, called as a statement of its own: `assertRetryBudget(++attempt, err)`.
 * A local helper must contain a `throw`; one we cannot see must be named for it.
 */
function passedToCapHelper(counter: string, scan: LoopScan, index: SourceIndex): boolean {
  return scan.calls.some((call) => {
    const name = calleeName(call) ?? '';
    if (!ts.isExpressionStatement(call.parent) && !(ts.isAwaitExpression(call.parent) && ts.isExpressionStatement(call.parent.parent))) return false;
    if (waitSite(call) || LOG_NAME.test(name) || DELAY_CALC_NAME.test(name) || WAIT_NAME.test(name)) return false;
    if (!call.arguments.some((argument) => referencesPath(argument, counter))) return false;
    const local = index.functions.get(name);
    return local ? local.some(throwsInCode) : CAP_HELPER_NAME.test(name);
  });
}

/** Caps that leak: a `continue` that goes round without advancing the capping counter. */
function leakCheck(loop: ts.IterationStatement, scan: LoopScan, capping: string[], index: SourceIndex): Bound {
  const header = loopHeaderParts(loop);
  const advancedInHeader = capping.some((counter) => scan.advances.get(counter)!.some((node) => header.some((part) => contains(part, node))));
  if (advancedInHeader) return { capped: true, by: 'counter' };
  const budgets = new Set(capping);
  for (const next of scan.continues) {
    // `if (error.code === 'ECONNRESET' || attempt < 3) continue;`: that kind of error goes round past the count.
    if (!capping.some((counter) => advanceDominates(scan.advances.get(counter)!, next, loop)) || guardLetsPastBudget(next, loop, budgets)) {
      const line = index.sourceFile.getLineAndCharacterOfPosition(next.getStart(index.sourceFile)).line + 1;
      return { capped: false, reason: 'leak', counter: capping[0], leak: next, detail: String(line) };
    }
  }
  return { capped: true, by: 'counter' };
}

/** Whether one of the advances runs before `node` on every path from the top of the loop body. */
function advanceDominates(advances: ts.Node[], node: ts.Node, loop: ts.IterationStatement): boolean {
  for (let current: ts.Node = node; current !== loop && current.parent; current = current.parent) {
    const parent: ts.Node = current.parent;
    if (ts.isBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
      const earlier = parent.statements.slice(0, parent.statements.indexOf(current as ts.Statement));
      if (advances.some((advance) => earlier.some((statement) => contains(statement, advance)))) return true;
    }
    if (ts.isIfStatement(parent) && current !== parent.expression && advances.some((advance) => contains(parent.expression, advance))) return true;
    if (ts.isCatchClause(parent)) {
      const attempt = parent.parent as ts.TryStatement;
      if (advances.some((advance) => attempt.tryBlock.statements.some((statement) => ts.isExpressionStatement(statement) && contains(statement, advance)))) return true;
    }
  }
  return false;
}

function uncappedCounter(counters: string[], comparisons: Comparisons, elsewhere: Comparisons, scan: LoopScan, index: SourceIndex): Bound {
  const counter = counters[0]!;
  const reset = countStartedOver(counters, elsewhere, scan);
  if (reset) {
    const line = index.sourceFile.getLineAndCharacterOfPosition(reset.at.getStart(index.sourceFile)).line + 1;
    return { capped: false, reason: 'reset', counter: reset.counter, leak: reset.at, detail: String(line) };
  }
  const modulo = counters.find((name) => comparisons.moduloOnly.has(name) || elsewhere.moduloOnly.has(name));
  if (modulo) return { capped: false, reason: 'modulo-only', counter: modulo };
  const sizesDelay = counters.find((name) => scan.waits.some((wait) => wait.delay !== undefined && referencesPath(wait.delay, name))
    || scan.declarations.some((declaration) => ts.isIdentifier(declaration.name) && /delay|backoff|wait|timeout|ms$/i.test(declaration.name.text)
      && declaration.initializer !== undefined && referencesPath(declaration.initializer, name)));
  if (sizesDelay) return { capped: false, reason: 'delay-only', counter: sizesDelay };
  return { capped: false, reason: 'never-compared', counter };
}

/**
 * `if (++failures >= 5) { await sleep(300000); failures = 0; continue; }`: the count is compared, and the branch the
 * comparison opens sets it back to 0 and goes round. The cap only pauses the loop: the count starts over.
 */
function countStartedOver(counters: readonly string[], compared: Comparisons, scan: LoopScan): { counter: string; at: ts.Node } | undefined {
  for (const statement of scan.ifs) {
    for (const counter of counters) {
      if (!compared.compared.has(counter) || !referencesPath(statement.expression, counter)) continue;
      const reset = scan.assignments.find((assignment) => namePath(assignment.left) === counter && numericValue(assignment.right) === 0
        && contains(statement.thenStatement, assignment));
      if (reset) return { counter, at: reset };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The backoff

function loopBackoff(scan: LoopScan, index: SourceIndex, counters: ReadonlySet<string>): Backoff {
  const waits = scan.waits.filter((wait) => !leavesAfter(wait.call));
  if (waits.length > 0) return backoffFromWaits(waits, scan.declarations, index, counters);
  // A local function the catch hands the error to (`await this.handlePollingError(error)`) and that waits:
  // on the failure path, its wait is the wait between attempts.
  const catches = scan.tries.flatMap((attempt) => (attempt.catchClause ? [attempt.catchClause] : []));
  const handlerWaits = catches.length === 0 ? [] : scan.calls.filter((call) => catches.some((clause) => contains(clause, call))).flatMap((call) => waitsOfLocalFunction(call, index));
  if (handlerWaits.length > 0) return backoffFromWaits(handlerWaits, scan.declarations, index, counters);
  // No wait written in the loop, but it calls a local function that waits: `timeout(3000)` that wraps
  // `setTimeout(resolve, ms)` is a wait sized by its argument; `await connect()` that waits inside for its
  // own reasons hides the wait, so say nothing.
  const helperWaits: WaitSite[] = [];
  for (const call of scan.calls) {
    const waiting = waitingParameter(call, index);
    if (waiting === 'opaque') return { kind: 'unknown' };
    if (waiting !== undefined) helperWaits.push({ call, delay: call.arguments[waiting] });
  }
  return backoffFromWaits(helperWaits, scan.declarations, index, counters);
}

/**
 * `consumer.pause(); setTimeout(() => consumer.resume(), 30000); return;`: a timer set on the way out of
 * the loop (its statement is followed, in its block, by a `return`, `throw` or `break`) is no wait before
 * another attempt. But `await sleep(ms); return await send();` waits before the attempt it returns.
 */
function leavesAfter(wait: ts.Node): boolean {
  let statement: ts.Node = wait;
  let awaited = false;
  while (statement.parent && !ts.isBlock(statement.parent) && !isFunctionNode(statement.parent)) {
    statement = statement.parent;
    awaited ||= ts.isAwaitExpression(statement);
  }
  const block = statement.parent;
  if (!block || !ts.isBlock(block)) return false;
  const next = block.statements[statementIndex(block, statement as ts.Statement) + 1];
  if (next === undefined || !(ts.isReturnStatement(next) || ts.isThrowStatement(next) || ts.isBreakStatement(next))) return false;
  const attemptsAfter = ts.isReturnStatement(next) && next.expression !== undefined && someDescendant(next.expression, ts.isCallExpression);
  return !(awaited && attemptsAfter);
}

/** `ms`, `1000 * seconds`, `seconds * 1e3`: the name, scaled by constants (a call such as `backoffFor(url)` is not). */
export function isScaledName(expression: ts.Expression, name: string): boolean {
  const node = unwrap(expression);
  if (ts.isIdentifier(node)) return node.text === name;
  // `Math.max(0, ms)`: clamped by a constant.
  if (ts.isCallExpression(node) && /^Math\.(max|min)$/.test(nodeText(node.expression)) && node.arguments.length === 2) {
    const [a, b] = node.arguments as unknown as [ts.Expression, ts.Expression];
    return (numericValue(a) !== undefined && isScaledName(b, name)) || (numericValue(b) !== undefined && isScaledName(a, name));
  }
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  if (operator !== Kind.AsteriskToken && operator !== Kind.SlashToken) return false;
  return (numericValue(node.left) !== undefined && isScaledName(node.right, name)) || (numericValue(node.right) !== undefined && isScaledName(node.left, name));
}

const functionWaits = new WeakMap<ts.Node, WaitSite[]>();

/** The waits written in the local function (or method) a call runs, if it is one (read once per function). */
function waitsOfLocalFunction(call: ts.CallExpression, index: SourceIndex): WaitSite[] {
  const fn = localFunctionCalled(call, index);
  if (!fn) return [];
  let waits = functionWaits.get(fn);
  if (!waits) {
    const found: WaitSite[] = [];
    walkTree(fn, undefined, (node) => {
      const wait = ts.isCallExpression(node) ? waitSite(node) : undefined;
      if (wait) found.push(wait);
      return undefined;
    });
    functionWaits.set(fn, (waits = found));
  }
  return waits;
}

/** The first timer a local function sets: the position of the parameter that sizes it, or 'opaque' with the delay it is sized by. */
interface HelperTimer {
  sizedBy: number | 'opaque';
  delay?: ts.Expression;
}

const waitingFunctions = new WeakMap<ts.Node, HelperTimer | 'none'>();

/**
 * For a call of a local function (or method) that waits: the position of the parameter that sizes its
 * wait, or 'opaque' when it waits on something else. Undefined when the callee is not local or does not
 * wait. Read once per function.
 */
function waitingParameter(call: ts.CallExpression, index: SourceIndex): number | 'opaque' | undefined {
  return helperTimer(call, index)?.sizedBy;
}

/**
 * A call of a local function that waits, whatever its name (`timeOut(ms)` wrapping `setTimeout(resolve, ms)`), as a wait:
 * sized by the argument its timer reads, or by the helper itself. Undefined for any other call.
 */
export function localHelperWait(call: ts.CallExpression, index: SourceIndex): WaitSite | undefined {
  const timer = helperTimer(call, index);
  if (!timer) return undefined;
  return { call, delay: typeof timer.sizedBy === 'number' ? call.arguments[timer.sizedBy] : timer.delay };
}

function helperTimer(call: ts.CallExpression, index: SourceIndex): HelperTimer | undefined {
  const fn = localFunctionCalled(call, index);
  if (!fn) return undefined;
  let known = waitingFunctions.get(fn);
  if (known === undefined) {
    let found: HelperTimer | 'none' = 'none';
    walkTree(fn, undefined, (node) => {
      const wait = ts.isCallExpression(node) && found === 'none' ? waitSite(node) : undefined;
      if (!wait) return undefined;
      // `setTimeout(resolve, ms)` or `setTimeout(resolve, 1000 * seconds)`: the parameter the delay is read from.
      const delay = wait.delay;
      const sizedBy = delay ? fn.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && isScaledName(delay, parameter.name.text)) : -1;
      found = sizedBy >= 0 ? { sizedBy } : { sizedBy: 'opaque', delay };
      return undefined;
    });
    waitingFunctions.set(fn, (known = found));
  }
  return known === 'none' ? undefined : known;
}

/** Classifies a construct's waits; shared with recursive retries. */
export function backoffFromWaits(waits: WaitSite[], declarations: ts.VariableDeclaration[], index: SourceIndex, counters: ReadonlySet<string>): Backoff {
  if (waits.length === 0) return { kind: 'none' };
  let classes = waits.map((wait) => classifyWait(wait, index, counters, true));
  // A wait made only on a 429 takes the server's `Retry-After`, and its fallback guards only the header's absence;
  // but where no other wait of the retry is randomised (nor sized out of sight), the fallback is all the backoff
  // there is: it decides.
  if (!classes.includes('jittered') && !classes.includes('unknown')) classes = waits.map((wait) => classifyWait(wait, index, counters, false));
  const plain = waits.filter((_, i) => classes[i] === 'fixed' || classes[i] === 'growing' || classes[i] === 'xor');
  if (plain.length === 0) return classes.includes('unknown') && !classes.includes('jittered') && !classes.includes('server') ? { kind: 'unknown' } : { kind: 'jittered' };
  if (classes.includes('xor')) return { kind: 'xor', waits: waits.filter((_, i) => classes[i] === 'xor') };
  const ignored = ignoredDelay(declarations, waits, index, counters);
  if (ignored) return { kind: 'ignored', computed: ignored, waits: plain };
  return { kind: classes.includes('growing') ? 'growing' : 'fixed', waits: plain };
}

function classifyWait(wait: WaitSite, index: SourceIndex, counters: ReadonlySet<string>, trustRateLimitAnswers: boolean): DelayClass {
  const name = calleeName(wait.call) ?? '';
  if (/jitter|random/i.test(name)) return 'jittered';
  // `await backoff.backoff()`: an object sizes the wait itself, out of sight. (`Date.now()` in a stored time,
  // `Date.now() + delay`, is the clock read the delay is added to: the delay sizes the wait.)
  const object = calleeObject(wait.call);
  if (object && object.kind !== Kind.ThisKeyword && (wait.call.arguments ?? []).length === 0 && namePath(object) !== 'Date') return 'unknown';
  // `utils.sleep(ms)` calls another object's sleep, not the file's own `sleep` of the same name.
  const local = index.functions.has(name) && (!object || object.kind === Kind.ThisKeyword);
  if (!local && /backoff|exponential/i.test(name)) return 'unknown';
  // A local wait helper: its body and its arguments together size the wait (an imported computation inside makes it
  // unknown); when its timer is sized by a parameter (`sleep(seconds)` → `setTimeout(res, 1000 * seconds)`), the
  // argument given for it decides, whatever else the helper does (listen for an abort signal, clear the timer).
  const serverDecides = trustRateLimitAnswers && answersRateLimit(wait.call);
  if (local && name !== 'setTimeout') {
    const whole = classifyDelay(wait.call, index, counters, serverDecides);
    if (whole === 'jittered' || !ts.isCallExpression(wait.call)) return whole;
    const timer = helperTimer(wait.call, index);
    const argument = typeof timer?.sizedBy === 'number' ? wait.call.arguments[timer.sizedBy] : undefined;
    if (argument) return classifyDelay(argument, index, counters, serverDecides);
    // A helper named for its wait whose timer is sized by something else (`processWithDelay(response, i)` waiting
    // `getDelay(response, i)`, which adds `Math.random()`): randomness there is in the wait, whatever it returns.
    return timer?.delay && classifyDelay(timer.delay, index, counters, serverDecides) === 'jittered' ? 'jittered' : whole;
  }
  if (wait.delay === undefined && name === 'setTimeout') return 'fixed';
  if (!local && name !== 'setTimeout' && wait.delay !== undefined && (isAttemptNumber(wait.delay, counters) || isNoDuration(wait.delay, index))) return 'unknown';
  return classifyDelay(wait.delay, index, counters, serverDecides);
}

/**
 * `await this.sleep(retryAttempts)`: a wait helper out of sight given the attempt number, not a
 * duration, computes the delay itself (it may well add jitter).
 */
function isAttemptNumber(delay: ts.Expression, counters: ReadonlySet<string>): boolean {
  let node = unwrap(delay);
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.MinusToken)
    && numericValue(node.right) !== undefined) node = unwrap(node.left);
  if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) node = unwrap(node.operand as ts.Expression);
  const path = namePath(node);
  const last = path?.slice(path.lastIndexOf('.') + 1) ?? '';
  return path !== undefined && counters.has(path) && ATTEMPT_COUNTER_NAME.test(last) && !/delay|time|ms$|wait|sleep|interval|backoff/i.test(last);
}

/** Names a value may carry a duration under (`delayMs`, `RETRY_INTERVAL`, `timeoutSeconds`, `ttl`). */
const DURATION_NAME = /delay|ms$|milli|sec|minute|timeout|interval|wait|sleep|backoff|time|duration|period|ttl|pause/i;

/**
 * `await waitForToken(domain)`, `await applyAdaptiveDelay(host)`: a wait helper out of sight handed something that
 * is no duration (a name not named for one, whose value here is no number) sizes the wait itself.
 */
function isNoDuration(delay: ts.Expression, index: SourceIndex): boolean {
  const value = unwrap(delay);
  if (ts.isStringLiteralLike(value) || ts.isTemplateExpression(value)) return true;
  const path = namePath(value);
  if (path === undefined || DURATION_NAME.test(path.slice(path.lastIndexOf('.') + 1))) return false;
  const initializer = ts.isIdentifier(value) ? index.declarations.get(value.text)?.[0]?.initializer : undefined;
  return initializer !== undefined && !isNumberLike(unwrap(initializer));
}

/** A number, or arithmetic or a call of `Number`/`parseInt`/`Math`, that may well make one. */
function isNumberLike(value: ts.Expression): boolean {
  if (numericValue(value) !== undefined || ts.isBinaryExpression(value) || ts.isPrefixUnaryExpression(value) || ts.isConditionalExpression(value)) return true;
  return ts.isCallExpression(value) && /^(Number|parseInt|parseFloat|min|max|pow|round|floor|ceil)$/.test(calleeName(value) ?? '');
}

/**
 * `const delay = 2 ** attempt * 100; await sleep(1000)`: a computed delay that no wait uses. One computed from
 * the wait's own delay (`const delaySeconds = delayMs / 1000`, for a log line) is that delay, not another.
 */
function ignoredDelay(declarations: ts.VariableDeclaration[], waits: WaitSite[], index: SourceIndex, counters: ReadonlySet<string>): string | undefined {
  const waited = waits.map((wait) => wait.delay && unwrap(wait.delay)).filter((delay): delay is ts.Identifier => delay !== undefined && ts.isIdentifier(delay));
  for (const declaration of declarations) {
    if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
    const name = declaration.name.text;
    if (!/delay|backoff|wait|sleep|timeout|interval|ms$/i.test(name)) continue;
    if (waited.some((delay) => referencesName(declaration.initializer!, delay.text))) continue;
    const computed = classifyDelay(declaration.initializer, index, counters);
    if (computed !== 'growing' && computed !== 'jittered') continue;
    if (!waits.some((wait) => wait.delay !== undefined && referencesName(wait.delay, name))) return name;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Naming

function loopLabel(loop: ts.IterationStatement, sourceFile: ts.SourceFile): string {
  if (ts.isDoStatement(loop)) {
    const condition = shortText(loop.expression, sourceFile, 32);
    return `\`do … while (${condition})\``;
  }
  const header = sourceFile.text.slice(loop.getStart(sourceFile), loop.statement.pos).replace(/\s+/g, ' ').trim();
  if (header.length <= 64) return `\`${header}\``;
  // Long headers keep the part that tells loops apart: the condition (with the initialiser if it fits).
  const part = (node: ts.Node | undefined, max: number): string => (node ? shortText(node, sourceFile, max) : '');
  if (ts.isForStatement(loop)) {
    const condition = part(loop.condition, 40);
    const initializer = part(loop.initializer, 64);
    const full = `for (${initializer}; ${condition}; …)`;
    return `\`${full.length <= 64 ? full : `for (…; ${condition}; …)`}\``;
  }
  if (ts.isForOfStatement(loop)) return `\`for (${part(loop.initializer, 24)} of ${part(loop.expression, 32)})\``;
  if (ts.isForInStatement(loop)) return `\`for (${part(loop.initializer, 24)} in ${part(loop.expression, 32)})\``;
  return ts.isWhileStatement(loop) ? `\`while (${part(loop.expression, 48)})\`` : '`while`';
}

/** Exposed for the fixes: the loop's try statements whose catch goes round. */
export function retryingCatch(loop: ts.IterationStatement): ts.CatchClause | undefined {
  const scan = scanLoop(loop);
  const attempt = scan.tries.find((candidate) => candidate.catchClause && !catchAlwaysLeaves(candidate.catchClause));
  return attempt?.catchClause;
}

/** Exposed for the fixes: whether a loop has a `continue` that goes round outside a catch. */
export function hasContinueOutsideCatch(loop: ts.IterationStatement): boolean {
  return scanLoop(loop).continues.some((next) => !insideCatch(next, loop));
}

