// Values made fresh by a generator: `uuid()`, or a template or short sum with one inside
// (`\`node-${md5(body)}-${uuid()}\``, `` `${code}${nanoid(2)}` ``). requests.ts reads such a value as a
// key stamped on a message; retry-loops.ts reads one made each round as a new candidate (a new name tried).
import ts from 'typescript';
import { calleeName, unwrap } from './ast';
import { ID_GENERATOR } from './vocabulary';

/** Ids are built of a few parts; a longer sum is not read (which also keeps this shallow on any input). */
const MAX_PARTS_DEPTH = 4;

/** Whether the value is, or is built around, a call of an id generator. */
export function holdsIdGeneratorCall(value: ts.Expression, depth = 0): boolean {
  const inner = unwrap(value);
  if (ts.isCallExpression(inner)) return ID_GENERATOR.test(calleeName(inner) ?? '');
  if (depth >= MAX_PARTS_DEPTH) return false;
  if (ts.isTemplateExpression(inner)) return inner.templateSpans.some((span) => holdsIdGeneratorCall(span.expression, depth + 1));
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return holdsIdGeneratorCall(inner.left, depth + 1) || holdsIdGeneratorCall(inner.right, depth + 1);
  }
  return false;
}
