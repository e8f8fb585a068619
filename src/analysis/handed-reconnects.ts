// A reconnect that waits, then calls a function it was handed: `module.exports = (socket, reconnect) =>
// socket.on('close', () => setTimeout(() => { attempts += 1; reconnect(); }, backoff(attempts)))`, or a
// reconnect manager's `scheduleReconnect(callback) { this.attempts++; setTimeout(callback, delay) }`.
// The function that connects again is the caller's, out of sight; the wait and the count are in sight.
// So the wait is judged, and so is the count where the code keeps one: counted but never compared, it
// stops nothing. Without a count the caller may keep one: the cap is not judged.
import ts from 'typescript';
import { calleeName, functionName, type FunctionNode, isFunctionNode, propertyNameText, stringValue, unwrap, walkTree } from './ast';
import { waitSite } from './delays';
import { chainBound } from './reconnect-chains';
import { backoffFromWaits } from './retry-loops';
import type { RetryConstruct, WaitSite } from './retry-model';
import { FAILURE_HANDLER_PROPERTY, FAILURE_REGISTRATION, scanFunction } from './retry-recursion';
import type { SourceIndex } from './source-index';
import { firstLineSpan } from './spans';
import { SCHEDULER_NAME } from './vocabulary';

/** Parameters that, called from a loss handler's timer, connect again: `reconnectMethod`, `connect`, `restart`. */
const RECONNECT_PARAMETER = /connect|retry|restart|start|open/i;
/** Events a connection reports its loss with. */
const LOSS_EVENT = /^(close|error|disconnect|disconnected|end)$/i;

export function findHandedReconnects(index: SourceIndex, known: readonly RetryConstruct[]): RetryConstruct[] {
  const constructs: RetryConstruct[] = [];
  for (const call of index.calls) {
    if (calleeName(call) !== 'setTimeout') continue;
    const wait = waitSite(call);
    const handed = wait && handedCallIn(call, index);
    if (!wait || !handed || known.some((construct) => handed.owner.pos <= construct.report.start && construct.report.start < handed.owner.end)) continue;
    constructs.push(handedReconnect(call, wait, handed, index));
  }
  return constructs;
}

/** The function that was handed the reconnect, and the name of the parameter it came in by. */
interface Handed {
  owner: FunctionNode;
  handedName: string;
}

/**
 * The function whose parameter the timer calls (`setTimeout(callback, ms)`, `setTimeout(() => reconnect(), ms)`),
 * when that function is named for retrying, or when the timer is set in a loss handler it registers and the
 * parameter is named for connecting.
 */
function handedCallIn(timer: ts.CallExpression, index: SourceIndex): Handed | undefined {
  const callback = timer.arguments[0] ? unwrap(timer.arguments[0]) : undefined;
  if (!callback) return undefined;
  const called = ts.isIdentifier(callback) ? [callback.text, ...calledByLocal(callback, index)] : isFunctionNode(callback) ? calledNames(callback) : [];
  for (let node: ts.Node | undefined = timer.parent, handler = false; node && node !== index.sourceFile; node = node.parent) {
    if (!isFunctionNode(node)) continue;
    handler ||= isLossHandler(node);
    const parameter = node.parameters.find((candidate) => ts.isIdentifier(candidate.name) && called.includes(candidate.name.text));
    if (!parameter) continue;
    const named = SCHEDULER_NAME.test(functionName(node) ?? '');
    const handedName = (parameter.name as ts.Identifier).text;
    return named || (handler && RECONNECT_PARAMETER.test(handedName)) ? { owner: node, handedName } : undefined;
  }
  return undefined;
}

/**
 * `setTimeout(run, interval)` where `let run = () => fn(resolve, reject, retry)`: the names the local function
 * the timer is given calls (a parameter handed to the function around it, for one).
 */
function calledByLocal(callback: ts.Identifier, index: SourceIndex): string[] {
  const declarations = index.declarations.get(callback.text);
  const initializer = declarations?.length === 1 && declarations[0]!.initializer ? unwrap(declarations[0]!.initializer) : undefined;
  return initializer && isFunctionNode(initializer) ? calledNames(initializer) : [];
}

/** The names a callback calls directly: `reconnect` in `() => { attempts += 1; reconnect(); }`. */
function calledNames(fn: FunctionNode): string[] {
  const names: string[] = [];
  walkTree(fn, undefined, (node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) names.push(node.expression.text);
    return undefined;
  });
  return names;
}

/** `obj.on('close', () => …)`, `ws.onclose = () => …`, `{ onClose() { … } }`. */
function isLossHandler(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (!parent) return false;
  if (ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)) {
    return FAILURE_REGISTRATION.test(calleeName(parent) ?? '') && LOSS_EVENT.test(stringValue(parent.arguments[0]) ?? '');
  }
  if (ts.isBinaryExpression(parent) && parent.right === fn && ts.isPropertyAccessExpression(parent.left)) return FAILURE_HANDLER_PROPERTY.test(parent.left.name.text);
  return ts.isPropertyAssignment(parent) && FAILURE_HANDLER_PROPERTY.test(propertyNameText(parent.name) ?? '');
}

function handedReconnect(timer: ts.CallExpression, wait: WaitSite, { owner, handedName }: Handed, index: SourceIndex): RetryConstruct {
  const scan = scanFunction(owner, index);
  const counters = new Set(scan.advances.keys());
  const bound = chainBound([scan], -1);
  const name = functionName(owner);
  return {
    kind: 'handler',
    label: name && SCHEDULER_NAME.test(name) ? `\`${name}()\` ${/reconnect/i.test(name) ? 'reconnect' : 'retry'} scheduler` : `reconnect handler that calls \`${handedName}()\` again`,
    report: firstLineSpan(timer, index.sourceFile),
    scopes: [],
    rerunsScope: false,
    bound: bound.capped === false && bound.reason === 'no-cap' ? { capped: 'unknown' } : bound,
    backoff: backoffFromWaits([wait], scan.declarations, index, counters),
  };
}
