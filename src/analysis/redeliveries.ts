// A consumed message handed back to the broker to be delivered again: `channel.nack(msg)` in an amqplib
// consumer, `msg.nack()` in an amqp-ts one. Both requeue by default (amqplib's `nack(message, allUpTo = false,
// requeue = true)` and `reject(message, requeue = true)`; amqp-ts's `Message.nack(allUpTo, requeue)` passes
// `undefined` on to amqplib, while its `Message.reject(requeue = false)` does not requeue). The broker puts
// the message back at the head of its queue and hands it out again at once, and nothing counts how often:
// while the failure lasts the consumer takes the same message round and round, with no wait between.
// Anything that may count or limit it keeps it from being called endless: a test on the way to the nack that
// compares or reads a count, a requeue flag the file does not show, or a file that reads the broker's redelivery
// marks (`redelivered`, `x-death`, a delivery limit on the queue). Where a count is compared on the way, each
// redelivery it lets through still comes back at once: that is judged as a retry with no wait. What the consumer does is not read
// (its requests are not counted as retried): where the message's work may be repeated is judged by hand.
import ts from 'typescript';
import { calleeName, calleeObject, COMPARISON_OPERATORS, enclosingFunction, functionName, type FunctionNode, isFunctionNode, someDescendant, unwrap, walkTree } from './ast';
import { waitedBefore, waitSite } from './delays';
import { backoffFromWaits } from './retry-loops';
import type { Bound, RetryConstruct, WaitSite } from './retry-model';
import { nodeText } from './run-context';
import type { SourceIndex } from './source-index';
import { firstLineSpan } from './spans';

/** Registering a consumer (amqplib's `channel.consume(queue, onMessage)`, amqp-ts's `queue.activateConsumer(onMessage)`). */
const CONSUME_CALL = /^(consume|activateConsumer)$/;
/** Files a redelivered message may be read in: a consumer is registered, and something is nacked or rejected. */
export const CONSUME_TEXT = /\b(consume|activateConsumer)\s*\(/;
export const NACK_TEXT = /\.(nack|reject)\s*\(/;
/**
 * Whether a text may register a consumer and nack what it consumes. Both names of CONSUME_TEXT spell "onsume", and
 * a plain search for it (most files have none) is cheaper than the pattern.
 */
export function mayConsumeAndNack(text: string): boolean {
  return text.includes('onsume') && CONSUME_TEXT.test(text) && NACK_TEXT.test(text);
}

/** What the broker tells a consumer of a message delivered before, or limits deliveries with. */
const REDELIVERY_COUNT_TEXT = /redelivered|x-death|delivery[-_]?(count|limit)|deliveryCount|x-retr|retry[-_]?count/i;
/** A test that may count or limit the redeliveries: a comparison, or a name for a count. */
const COUNTING_TEST = /[<>]|attempt|retr|tries|count|deliver|limit|max/i;
/** How many levels up from the nack the tests on its way are read. */
const MAX_LEVELS = 24;

/** A nack or reject whose requeue is known: where its flag argument is, and what it is when left out. */
interface RequeueCall {
  /** The argument that says whether to requeue. */
  flagAt: number;
  /** Whether leaving it out requeues. */
  requeuesByDefault: boolean;
}

export function findRedeliveries(index: SourceIndex, known: readonly RetryConstruct[]): RetryConstruct[] {
  const text = index.sourceFile.text;
  if (!mayConsumeAndNack(text)) return [];
  const marksRead = REDELIVERY_COUNT_TEXT.test(text);
  const registrations = registrationsIn(index);
  const constructs: RetryConstruct[] = [];
  for (const call of index.calls) {
    const consumer = requeueingConsumer(call, registrations, index);
    if (!consumer) continue;
    if (known.some((construct) => construct.scopes.some((scope) => scope.pos <= call.pos && call.end <= scope.end))) continue;
    const counted = countingTestOnTheWay(call, consumer);
    if (!marksRead && counted === undefined) {
      constructs.push(redeliveryConstruct(call, consumer, index, { capped: false, reason: 'no-cap' }));
      continue;
    }
    // A count compared on the way (`else if (retryCount >= max) … else channel.nack(msg, false, true)`) may stop it, but
    // each redelivery it lets through still comes back at once: its waits are judged. One redelivery, or a count out
    // of sight, says nothing.
    if (counted !== undefined && counted !== 'too-deep' && compares(counted)) {
      constructs.push(redeliveryConstruct(call, consumer, index, { capped: 'unknown' }));
    }
  }
  return constructs;
}

/** A test that compares: `retryCount >= this.maxRetries`, `deaths < 3` (not the `>` of an arrow in it). */
function compares(test: ts.Expression): boolean {
  return someDescendant(test, (node) => ts.isBinaryExpression(node) && COMPARISON_OPERATORS.has(node.operatorToken.kind));
}

/** The consume calls of a file: what they are handed, and every name they hand on (read once per file). */
interface Registrations {
  handed: readonly ts.Expression[];
  names: ReadonlySet<string>;
}

function registrationsIn(index: SourceIndex): Registrations {
  const handed = index.calls.filter((call) => CONSUME_CALL.test(calleeName(call) ?? '')).flatMap((call) => [...call.arguments]);
  const names = new Set<string>();
  for (const argument of handed) {
    walkTree(argument, undefined, (node) => {
      if (ts.isIdentifier(node)) names.add(node.text);
      return undefined;
    });
  }
  return { handed, names };
}

/**
 * Whether a consume call registers the function: it is handed in (`consume(q, async (msg) => …)`), or named in
 * what is handed in (`consume(q, (msg) => this.onMessage(msg))`, `consume(q, this.handle.bind(this))`).
 */
function registers(registrations: Registrations, consumer: FunctionNode): boolean {
  if (registrations.handed.some((argument) => argument.pos <= consumer.pos && consumer.end <= argument.end)) return true;
  const name = functionName(consumer);
  return name !== undefined && registrations.names.has(name);
}

/**
 * The registered consumer a nack that requeues is made in (the function the message is a parameter of), or
 * undefined. `channel.nack(msg)` (amqplib, and amqp-connection-manager's wrapper) hands the message in;
 * `msg.nack()` (amqp-ts) is the message's own: which one it is decides where the requeue flag is.
 */
function requeueingConsumer(call: ts.CallExpression, registrations: Registrations, index: SourceIndex): FunctionNode | undefined {
  const name = calleeName(call);
  const object = calleeObject(call);
  const fn = enclosingFunction(call);
  if ((name !== 'nack' && name !== 'reject') || !object || !fn) return undefined;
  const registered = (owner: FunctionNode | undefined) => owner && registers(registrations, owner) ? owner : undefined;
  const handedIn = call.arguments[0] ? registered(messageOwner(unwrap(call.arguments[0]), fn)) : undefined;
  const own = handedIn ? undefined : registered(messageOwner(object, fn));
  const form: RequeueCall | undefined = handedIn
    ? name === 'nack' ? { flagAt: 2, requeuesByDefault: true } : { flagAt: 1, requeuesByDefault: true }
    : own && (name === 'nack' ? { flagAt: 1, requeuesByDefault: true } : { flagAt: 0, requeuesByDefault: false });
  return form && requeues(call.arguments[form.flagAt], form.requeuesByDefault, index) ? handedIn ?? own : undefined;
}

/**
 * The function `node` is a parameter of (the consumer's message, `msg` in `async (msg) => …`), walking out
 * through nested functions; undefined when it is no parameter of one.
 */
function messageOwner(node: ts.Expression, fn: FunctionNode): FunctionNode | undefined {
  if (!ts.isIdentifier(node)) return undefined;
  for (let current: FunctionNode | undefined = fn; current; current = enclosingFunction(current)) {
    const first = current.parameters[0];
    if (first && ts.isIdentifier(first.name) && first.name.text === node.text) return current;
    if (current.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === node.text)) return undefined;
  }
  return undefined;
}

/**
 * Whether the flag requeues: left out where that requeues, `true`, or a local worked out from the failure
 * (`const shouldRequeue = !error.message.includes('not found')`). A parameter, or anything the file does not
 * show, is out of sight; a local that reads a count may be the cap.
 */
function requeues(flag: ts.Expression | undefined, byDefault: boolean, index: SourceIndex): boolean {
  if (!flag) return byDefault;
  const value = unwrap(flag);
  if (value.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (!ts.isIdentifier(value)) return false;
  const declarations = index.declarations.get(value.text);
  const initializer = declarations?.length === 1 ? declarations[0]!.initializer : undefined;
  if (!initializer || !ts.isVariableDeclarationList(declarations![0]!.parent) || !(declarations![0]!.parent.flags & ts.NodeFlags.Const)) return false;
  const worked = unwrap(initializer);
  if (worked.kind === ts.SyntaxKind.TrueKeyword) return true;
  return worked.kind !== ts.SyntaxKind.FalseKeyword && !ts.isLiteralExpression(worked) && !COUNTING_TEST.test(nodeText(worked));
}

/**
 * The nearest test on the way from the consumer to the nack that may count or limit deliveries (`if (attempts < 3)
 * nack(msg)`); 'too-deep' where the way is too long to read; undefined when there is none.
 */
function countingTestOnTheWay(call: ts.CallExpression, consumer: FunctionNode): ts.Expression | 'too-deep' | undefined {
  let levels = 0;
  for (let node: ts.Node | undefined = call.parent; node && node !== consumer && levels < MAX_LEVELS; node = node.parent, levels++) {
    const test = ts.isIfStatement(node) ? node.expression : ts.isConditionalExpression(node) ? node.condition : undefined;
    if (test && COUNTING_TEST.test(nodeText(test))) return test;
  }
  return levels >= MAX_LEVELS ? 'too-deep' : undefined;
}

/** The nack, reported where it is made, with the wait before it if any (`await sleep(5000); channel.nack(msg)`). */
function redeliveryConstruct(call: ts.CallExpression, consumer: FunctionNode, index: SourceIndex, bound: Bound): RetryConstruct {
  const waits = waitsBefore(call, consumer);
  return {
    kind: 'requeue',
    label: `message requeue by \`${nodeText(call).replace(/\s+/g, '')}\``,
    report: firstLineSpan(call, index.sourceFile),
    scopes: [],
    rerunsScope: false,
    bound,
    backoff: waits.length > 0 ? backoffFromWaits(waits, [], index, new Set()) : { kind: 'none' },
  };
}

/** A timer the nack is made in (`setTimeout(() => channel.nack(msg), 5000)`), or a wait awaited just before it. */
function waitsBefore(call: ts.CallExpression, consumer: FunctionNode): WaitSite[] {
  for (let node: ts.Node | undefined = call.parent; node && node !== consumer; node = node.parent) {
    if (!isFunctionNode(node)) continue;
    const timer = node.parent;
    const site = ts.isCallExpression(timer) && calleeName(timer) === 'setTimeout' ? waitSite(timer) : undefined;
    return site ? [site] : [];
  }
  const awaited = waitedBefore(call, consumer);
  const site = awaited && waitSite(awaited);
  return site ? [site] : [];
}
