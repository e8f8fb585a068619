// A failed job handed back to its queue: `catch (err) { if (job.attempt < 5) setTimeout(() =>
// enqueueJob({ ...job, attempt: job.attempt + 1 }), 2 ** job.attempt * 1000); }`. The job comes round
// again through the queue, a retry whose wait is the timer's. Whether it stops is often decided where
// the job is taken off the queue, out of sight, so its cap is not judged here (a requeue is never
// reported as unbounded); only its wait is. What the job does is not read either (its requests are not
// counted as retried). Without a timer the queue decides when the job comes back: nothing is said.
import ts from 'typescript';
import { namePath, numericValue, propertyNameText, unwrap } from './ast';
import { catchAround, insideAny } from './catch-retries';
import { backoffFromWaits } from './retry-loops';
import type { RetryConstruct } from './retry-model';
import { nodeText } from './run-context';
import type { SourceIndex } from './source-index';
import { firstLineSpan } from './spans';

/** Fields that count a job's attempts: `attempt`, `attempts`, `retries`, `retryCount`, `tries`. */
const ATTEMPT_FIELD = /attempt|retr|tries/i;

export function findRequeues(index: SourceIndex, known: readonly RetryConstruct[]): RetryConstruct[] {
  const constructs: RetryConstruct[] = [];
  let retried: Set<ts.Node> | undefined;
  for (const call of index.calls) {
    const counter = raisedAttemptCount(call, index);
    if (!counter) continue;
    const place = catchAround(call);
    if (!place?.timer) continue;
    // A catch inside code another retry re-runs belongs to that retry.
    retried ??= new Set(known.flatMap((construct) => construct.scopes));
    if (insideAny(place.handler, retried)) continue;
    constructs.push({
      kind: 'requeue',
      label: `re-enqueue of the failed job through \`${nodeText(call.expression).replace(/\s+/g, '')}()\``,
      report: firstLineSpan(place.timer.call, index.sourceFile),
      scopes: [],
      rerunsScope: false,
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
