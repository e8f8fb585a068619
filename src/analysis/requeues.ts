// A failed job handed back to its queue: `catch (err) { if (job.attempt < 5) setTimeout(() =>
// enqueueJob({ ...job, attempt: job.attempt + 1 }), 2 ** job.attempt * 1000); }`. The job comes round
// again through the queue, a retry whose wait is the timer's. Whether it stops is often decided where
// the job is taken off the queue, out of sight, so its cap is not judged here (a requeue is never
// reported as unbounded); only its wait is. What the failed try did is done again when the job comes
// back: its requests are retried (a webhook POST, a payout). Without a timer the queue decides when the
// job comes back: nothing is said.
// Also a failed job (a webhook delivery, an outbox row) stored with the time of its next attempt:
// `update({ attempts: n + 1, nextRetryAt: new Date(Date.now() + delay) })`. A worker takes it up again once
// that time has come; its wait is `delay`, read as any other (findScheduledRetries).
import ts from 'typescript';
import { calleeName, calleeObject, enclosingFunction, functionName, namePath, numericValue, propertyNameText, SKIP_CHILDREN, unwrap, walkTree } from './ast';
import { advancedName } from './counters';
import { visibleDeclarations } from './delays';
import { catchAround, insideAny } from './catch-retries';
import { backoffFromWaits } from './retry-loops';
import type { RetryConstruct, WaitSite } from './retry-model';
import { nodeText } from './run-context';
import { LOG_NAME } from './vocabulary';
import type { SourceIndex } from './source-index';
import { firstLineSpan } from './spans';

/** Fields that count a job's attempts: `attempt`, `attempts`, `retries`, `retryCount`, `tries`. */
const ATTEMPT_FIELD = /attempt|retr|tries/i;

export function findRequeues(index: SourceIndex, known: readonly RetryConstruct[]): RetryConstruct[] {
  const constructs: RetryConstruct[] = [];
  let retried: Set<ts.Node> | undefined;
  for (const call of index.calls) {
    if (call.arguments.length === 0) continue;
    const spread = raisedAttemptCount(call, index);
    const place = spread || mayBeRequeue(call) ? catchAround(call) : undefined;
    const counter = spread ?? (place?.timer ? raisedBefore(call, place.handler.block) : undefined);
    if (!counter || !place?.timer) continue;
    // A catch inside code another retry re-runs belongs to that retry.
    retried ??= new Set(known.flatMap((construct) => construct.scopes));
    if (insideAny(place.handler, retried)) continue;
    constructs.push({
      kind: 'requeue',
      label: `re-enqueue of the failed job through \`${nodeText(call.expression).replace(/\s+/g, '')}()\``,
      report: firstLineSpan(place.timer.call, index.sourceFile),
      scopes: [place.handler.parent.tryBlock],
      rerunsScope: true,
      bound: { capped: 'unknown' },
      backoff: backoffFromWaits([place.timer], [], index, new Set([counter])),
    });
  }
  return constructs;
}

/**
 * `{ ...job, attempt: job.attempt + 1 }` (or `attempts: next` where `const next = call.attempts + 1`): the
 * same job again, one attempt further. The name path of the count it raises, or undefined.
 */
function raisedAttemptCount(call: ts.CallExpression, index: SourceIndex): string | undefined {
  for (const argument of call.arguments) {
    const object = unwrap(argument);
    if (!ts.isObjectLiteralExpression(object) || !object.properties.some(ts.isSpreadAssignment)) continue;
    for (const property of object.properties) {
      if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
      if (!ATTEMPT_FIELD.test(propertyNameText(property.name) ?? '')) continue;
      const value = ts.isPropertyAssignment(property) ? unwrap(property.initializer) : property.name;
      const raised = raisedCount(value) ?? (ts.isIdentifier(value) ? raisedCount(index.declarations.get(value.text)?.[0]?.initializer) ?? keptCount(value) : undefined);
      if (raised) return raised;
    }
  }
  return undefined;
}

/** A call handed a plain name or path (`enqueueJob(jobData)`, `queue.push(this.job)`): it may hand back the job itself. */
function mayBeRequeue(call: ts.CallExpression): boolean {
  return call.arguments.some((argument) => namePath(unwrap(argument)) !== undefined);
}

/**
 * `jobData.retries += 1; … setTimeout(() => enqueueJob(jobData), ms)`: the job handed back is the one whose attempt
 * count the catch raised before. The name path of that count, or undefined.
 */
function raisedBefore(call: ts.CallExpression, block: ts.Block): string | undefined {
  const handed = new Set(call.arguments.map((argument) => namePath(unwrap(argument))).filter((path) => path !== undefined));
  let raised: string | undefined;
  walkTree(block, undefined, (node) => {
    if (raised !== undefined || node.pos >= call.pos) return SKIP_CHILDREN;
    const counter = advancedName(node);
    const owner = counter?.slice(0, counter.lastIndexOf('.'));
    if (counter && owner && handed.has(owner) && ATTEMPT_FIELD.test(counter.slice(counter.lastIndexOf('.') + 1))) raised = counter;
    return undefined;
  });
  return raised;
}

/**
 * A local that holds the count by its name (`attempts: newAttempts`, where `newAttempts` was read back
 * from the store after raising it there): the job goes back with its count kept, whoever raised it.
 */
function keptCount(value: ts.Identifier): string | undefined {
  return ATTEMPT_FIELD.test(value.text) ? value.text : undefined;
}

/** `job.attempt + 1`, `1 + tries`: the name path raised by one. */
function raisedCount(expression: ts.Expression | undefined): string | undefined {
  const node = expression ? unwrap(expression) : undefined;
  if (!node || !ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.PlusToken) return undefined;
  if (numericValue(node.right) === 1) return namePath(node.left);
  if (numericValue(node.left) === 1) return namePath(node.right);
  return undefined;
}

/** Fields that hold when a failed job is tried again: `nextRetryAt`, `next_attempt_at`, `retryAt`, `notifyRetryAt`. */
const NEXT_ATTEMPT_FIELD = /^(?:next_?(?:retry|attempt|try)(?:_?(?:at|time|date))?|\w{0,40}?retry_?(?:at|time|date))$/i;

/** The words of NEXT_ATTEMPT_FIELD and NEXT_RUN_FIELD anywhere in a text: the pre-check lets a file holding one be parsed. */
export const NEXT_ATTEMPT_TEXT = /next_?(?:retry|attempt|try|run)|retry_?(?:at|time|date)/i;

/** Other fields of the same record that say it failed: its attempts counted, its error kept. */
const FAILED_RECORD_FIELD = /attempt|retr|tries|error|fail/i;

/** How many declarations a stored time is followed through to the `now + delay` it was computed as. */
const MAX_TIME_STEPS = 3;

/**
 * `{ status: 'failed', attempts: n + 1, nextRetryAt: new Date(Date.now() + delay) }`: a failed record stored with
 * the time of its next attempt. Read only where the same object says the record failed (another field counts its
 * attempts or keeps its error) or where it is written in a catch; the cap is the worker's, out of sight.
 */
export function findScheduledRetries(index: SourceIndex, known: readonly RetryConstruct[]): RetryConstruct[] {
  const retried = new Set(known.flatMap((construct) => construct.scopes));
  const delayed = scheduledInSortedSet(index, retried);
  if (!NEXT_ATTEMPT_TEXT.test(index.text)) return delayed;
  const constructs: RetryConstruct[] = [...delayed];
  // One construct per time computed: the record stored, not a copy of it written to a log.
  const seen = new Set<ts.Node>();
  walkTree(index.sourceFile, undefined, (node) => {
    if (!ts.isObjectLiteralExpression(node)) return undefined;
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
      const field = propertyNameText(property.name);
      if (field === undefined || !NEXT_ATTEMPT_FIELD.test(field)) continue;
      const wait = nextAttemptWait(ts.isPropertyAssignment(property) ? property.initializer : property.name, index);
      if (!wait || seen.has(wait.call) || insideAny(node, retried) || loggedOnly(node) || !(recordsFailure(node, property) || insideCatch(node))) continue;
      seen.add(wait.call);
      constructs.push(scheduledRetry(field, property, wait, index));
    }
    return undefined;
  });
  // `job.lastError = err.message; job.nextRetryAt = new Date(Date.now() + RETRY_DELAYS[i])`: the same record, set field by field.
  for (const [path, assignments] of index.assignments) {
    const field = path.slice(path.lastIndexOf('.') + 1);
    if (!path.includes('.') || !(NEXT_ATTEMPT_FIELD.test(field) || NEXT_RUN_FIELD.test(field))) continue;
    for (const assignment of assignments) {
      if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || insideAny(assignment, retried)) continue;
      // A job's next run set in the handler of its failure, its retry count raised there: Agenda's `on('fail:job', …)`.
      const failedJob = jobFailureHandler(assignment);
      const inFailure = NEXT_ATTEMPT_FIELD.test(field) ? insideCatch(assignment) || failedJob !== undefined : failedJob !== undefined && attemptCountRaisedIn(failedJob) !== undefined;
      const waits = inFailure ? nextAttemptWaits(assignment.right, index) : [];
      if (waits.length === 0 || seen.has(waits[0]!.call)) continue;
      seen.add(waits[0]!.call);
      constructs.push(scheduledRetry(field, assignment, waits, index));
    }
  }
  constructs.push(...scheduledInSql(index, retried, seen));
  return constructs;
}

/** Redis's command that files a member under a score, a delayed queue's time to run it: `zadd`, `zAdd`. */
const SORTED_SET_ADD = /^zadd$/i;

/**
 * A failed job filed in a Redis delayed queue (a sorted set scored by the time it is due) with its attempt count raised:
 * `redis.zadd(DELAYED_KEY, Date.now() + delay, JSON.stringify({ ...task, attempt: attempt + 1 }))`, in a catch or in
 * a function named for retrying. The worker that pops due members runs it again; the cap is left to it, the wait judged.
 */
function scheduledInSortedSet(index: SourceIndex, retried: ReadonlySet<ts.Node>): RetryConstruct[] {
  const constructs: RetryConstruct[] = [];
  for (const call of index.calls) {
    if (!SORTED_SET_ADD.test(calleeName(call) ?? '') || call.arguments.length < 3 || insideAny(call, retried)) continue;
    const fn = enclosingFunction(call);
    const attempt = fn && (insideCatch(call) || RETRY_STEP_NAME.test(functionName(fn) ?? '')) ? attemptCountRaisedIn(fn) : undefined;
    const wait = attempt ? nextAttemptWait(call.arguments[1]!, index) : undefined;
    // The count raised is what the wait grows with (`BASE_DELAY_MS * 2 ** (attempt - 1)`).
    if (wait) constructs.push(scheduledRetry(calleeName(call)!, call, wait, index, new Set([attempt!])));
  }
  return constructs;
}

/** A function that files a failed job's next attempt: `retry`, `scheduleRetry`, `requeue`, `retryLater`. */
const RETRY_STEP_NAME = /^(schedule)?(retry|requeue|reschedule)(later|job|task)?$/i;

/** `UPDATE … SET attempt = attempt + 1, next_attempt_at = ?` (or `$2`, `:next`): the column an SQL statement stores the next attempt in. */
const SQL_NEXT_ATTEMPT = /\bset\b[^;]{0,300}?\b(next_?(?:retry|attempt|try)\w{0,10}|\w{0,20}retry_?(?:at|time|date))\s{0,5}=\s{0,5}(?:\?|\$\d|:\w)/i;

/**
 * `catch { await db.query('UPDATE webhook_logs SET attempt = attempt + 1, next_attempt_at = ? WHERE id = ?', [nextAttempt, id]) }`,
 * with `nextAttempt = new Date(Date.now() + 5 * 60 * 1000)`: the same record stored through SQL, its time among the values.
 */
function scheduledInSql(index: SourceIndex, retried: ReadonlySet<ts.Node>, seen: Set<ts.Node>): RetryConstruct[] {
  const constructs: RetryConstruct[] = [];
  for (const call of index.calls) {
    const statement = call.arguments.find((argument) => ts.isStringLiteralLike(argument) || ts.isTemplateExpression(argument));
    const column = statement ? SQL_NEXT_ATTEMPT.exec(nodeText(statement))?.[1] : undefined;
    if (!column || !insideCatch(call) || insideAny(call, retried)) continue;
    const values = call.arguments.flatMap((argument) => (ts.isArrayLiteralExpression(argument) ? [...argument.elements] : []));
    const wait = values.map((value) => nextAttemptWait(value, index)).find((found) => found !== undefined);
    if (!wait || seen.has(wait.call)) continue;
    seen.add(wait.call);
    constructs.push(scheduledRetry(column, call, wait, index));
  }
  return constructs;
}

function scheduledRetry(field: string, at: ts.Node, waits: WaitSite | WaitSite[], index: SourceIndex, counters: ReadonlySet<string> = new Set()): RetryConstruct {
  const list = Array.isArray(waits) ? waits : [waits];
  // Written in a catch, the record's next attempt does again what the try did.
  const failedTry = catchAbove(at)?.parent;
  return {
    kind: 'requeue',
    label: `retry scheduled through \`${field}\``,
    report: firstLineSpan(at, index.sourceFile),
    scopes: failedTry && ts.isTryStatement(failedTry) ? [failedTry.tryBlock] : [],
    rerunsScope: true,
    bound: { capped: 'unknown' },
    backoff: list.some((wait) => givenByCaller(wait.delay)) ? { kind: 'unknown' } : backoffFromWaits(list, [], index, counters),
  };
}

/**
 * `addLines(lines, retryCount, delay, expires) { const retryTime = Date.now() + delay; … }`: a delay the function is
 * handed, worked out by its caller (out of sight, perhaps jittered there).
 */
function givenByCaller(delay: ts.Expression | undefined): boolean {
  const name = delay ? unwrap(delay) : undefined;
  if (!name || !ts.isIdentifier(name)) return false;
  for (let node = name.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node)) return node.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name.text && !parameter.initializer);
  }
  return false;
}

/** A job's next run (`job.attrs.nextRunAt`): a retry's time only in the handler of its failure that raises its retry count. */
const NEXT_RUN_FIELD = /^next_?run_?(at|time|date)?$/i;

/**
 * The function handed to a job queue's failure event, `agenda.on('fail:' + JOB_NAME, (error, job) => …)`,
 * `queue.on('failed', (job, err) => …)`, around a node; undefined elsewhere.
 */
function jobFailureHandler(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    const call = current.parent;
    if (!isFunctionLike(current) || !call || !ts.isCallExpression(call) || !/^(on|once)$/.test(calleeName(call) ?? '')) continue;
    const event = call.arguments[0];
    return event && FAILURE_EVENT.test(eventText(event)) && call.arguments.includes(current as ts.Expression) ? current : undefined;
  }
  return undefined;
}

/** `'fail:sendWebhook'`, `'fail:' + JOB_NAME`, `'failed'`: a job queue's failure events. */
const FAILURE_EVENT = /^(fail(ed|ure)?)(:|$)/i;

/** An event's name, or the literal it starts with (`'fail:' + NAME`). */
function eventText(event: ts.Expression): string {
  const node = unwrap(event);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return eventText(node.left);
  return ts.isStringLiteralLike(node) ? node.text : '';
}

function isFunctionLike(node: ts.Node): boolean {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** The count of attempts a handler raises (`job.attrs.data.retryCount++`, `job.attempts += 1`, `attempt = n + 1`), if any. */
function attemptCountRaisedIn(handler: ts.Node): string | undefined {
  let raised: string | undefined;
  walkTree(handler, undefined, (node) => {
    const target = ts.isPostfixUnaryExpression(node) || ts.isPrefixUnaryExpression(node) ? (node.operator === ts.SyntaxKind.PlusPlusToken ? node.operand : undefined)
      : ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken ? node.left : undefined;
    const path = target ? namePath(target) : countOneMore(node);
    if (path && ATTEMPT_FIELD.test(path.slice(path.lastIndexOf('.') + 1))) raised = path;
    return raised ? SKIP_CHILDREN : undefined;
  });
  return raised;
}

/** The name given one more than a count: `const attempt = (task.attempt ?? 0) + 1`, `{ attempts: job.attempts + 1 }`. */
function countOneMore(node: ts.Node): string | undefined {
  const named = ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node) ? node : undefined;
  const value = named?.initializer ? unwrap(named.initializer) : undefined;
  if (!named || !value || !ts.isBinaryExpression(value) || value.operatorToken.kind !== ts.SyntaxKind.PlusToken || numericValue(value.right) !== 1) return undefined;
  if (ts.isIdentifier(named.name)) return named.name.text;
  return ts.isPropertyAssignment(named) ? propertyNameText(named.name) : undefined;
}

/**
 * The waits a stored time stands for: the one nextAttemptWait reads, or, for a time started at now and raised in
 * branches (`let next = Date.now(); if (n === 0) next += 30000; else if (n === 1) next += 300000`), each raise.
 */
function nextAttemptWaits(value: ts.Expression, index: SourceIndex): WaitSite[] {
  const wait = nextAttemptWait(value, index);
  if (wait) return [wait];
  const made = unwrap(value);
  // The time made (`new Date(nextRunAt)`) is where the wait is said to be set.
  const madeDate = ts.isNewExpression(made) && calleeName(made) === 'Date' && made.arguments?.length === 1 ? made : undefined;
  const node = madeDate ? unwrap(madeDate.arguments![0]!) : made;
  if (!ts.isIdentifier(node)) return [];
  const declarations = index.declarations.get(node.text) ?? [];
  const start = declarations.length === 1 ? declarations[0]!.initializer : undefined;
  if (!start || !isNow(start)) return [];
  const raises = (index.assignments.get(node.text) ?? []).filter((assignment) => assignment.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken);
  return raises.slice(0, MAX_TIME_STEPS).map((raise) => ({ call: madeDate ?? (unwrap(start) as ts.CallExpression), delay: raise.right }));
}

/** Whether another field of the record counts its attempts or keeps its error. */
function recordsFailure(record: ts.ObjectLiteralExpression, field: ts.ObjectLiteralElementLike): boolean {
  return record.properties.some((other) => other !== field && FAILED_RECORD_FIELD.test(other.name ? propertyNameText(other.name) ?? '' : ''));
}

/** `logger.warn({ attempts, nextRetryAt }, 'delivery failed')`: the record written to a log, not stored. */
function loggedOnly(record: ts.ObjectLiteralExpression): boolean {
  const call = record.parent;
  return ts.isCallExpression(call) && call.arguments.includes(record) && LOG_NAME.test(calleeName(call) ?? '');
}

function insideCatch(node: ts.Node): boolean {
  return catchAbove(node) !== undefined;
}

function catchAbove(node: ts.Node): ts.CatchClause | undefined {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isCatchClause(current)) return current;
  }
  return undefined;
}

/**
 * The wait a stored time stands for: `new Date(Date.now() + delay)`, `Date.now() + delay`, `….toISOString()`,
 * `cond ? null : nextRetryAt`, or a local holding one of these. Its `call` is the expression that makes the time.
 */
function nextAttemptWait(value: ts.Expression, index: SourceIndex, steps = 0): WaitSite | undefined {
  const node = unwrap(value);
  if (steps > MAX_TIME_STEPS) return undefined;
  if (ts.isConditionalExpression(node)) {
    const kept = [node.whenTrue, node.whenFalse].filter((side) => unwrap(side).kind !== ts.SyntaxKind.NullKeyword);
    return kept.length === 1 ? nextAttemptWait(kept[0]!, index, steps + 1) : undefined;
  }
  if (ts.isIdentifier(node)) {
    // The declaration in scope where the time is used (another function may keep its own `runAt`), else the file's only one.
    const visible = visibleDeclarations(index, node.text, node);
    const declarations = visible.length > 0 ? visible.slice(-1) : index.declarations.get(node.text) ?? [];
    const initializer = declarations.length === 1 ? declarations[0]!.initializer : undefined;
    return initializer ? nextAttemptWait(initializer, index, steps + 1) : undefined;
  }
  // `new Date(…).toISOString()`, `….getTime()`: the same time written another way.
  if (ts.isCallExpression(node) && node.arguments.length === 0 && /^(toISOString|getTime|valueOf|toJSON)$/.test(calleeName(node) ?? '')) {
    const object = calleeObject(node);
    return object ? nextAttemptWait(object, index, steps + 1) : undefined;
  }
  if (ts.isNewExpression(node) && calleeName(node) === 'Date' && node.arguments?.length === 1) {
    const delay = delayAfterNow(node.arguments[0]!);
    return delay ? { call: node, delay } : undefined;
  }
  const delay = delayAfterNow(node);
  const now = delay && ts.isBinaryExpression(node) ? [node.left, node.right].map(unwrap).find((side) => side !== unwrap(delay)) : undefined;
  return delay && now && (ts.isCallExpression(now) || ts.isNewExpression(now)) ? { call: now, delay } : undefined;
}

/** `Date.now() + delay` (either way round): the delay; undefined for other sums. */
function delayAfterNow(expression: ts.Expression): ts.Expression | undefined {
  const node = unwrap(expression);
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.PlusToken) return undefined;
  if (isNow(node.left)) return node.right;
  if (isNow(node.right)) return node.left;
  return undefined;
}

/** `Date.now()`, `new Date().getTime()`, `+new Date()`. */
function isNow(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  if (ts.isCallExpression(node) && calleeName(node) === 'now' && namePath(calleeObject(node) ?? node) === 'Date') return true;
  if (ts.isCallExpression(node) && calleeName(node) === 'getTime') {
    const object = calleeObject(node);
    const made = object ? unwrap(object) : undefined;
    return made !== undefined && ts.isNewExpression(made) && calleeName(made) === 'Date' && (made.arguments?.length ?? 0) === 0;
  }
  return ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.PlusToken && isNow(node.operand);
}
