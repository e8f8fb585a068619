// Where findings are underlined. VS Code underlines the whole range, so a finding points at the
// head of a construct (a loop's header, a call's first line), never at a 200-line body.
import ts from 'typescript';
import type { Span } from './retry-model';

/** The header of a loop: `while (cond)`, `for (…)`, or the `do` keyword. */
export function loopHeaderSpan(loop: ts.IterationStatement, sourceFile: ts.SourceFile): Span {
  const start = loop.getStart(sourceFile);
  if (ts.isDoStatement(loop)) return { start, end: start + 2 };
  return trimEnd(sourceFile.text, start, loop.statement.pos);
}

/** The first line of a node (a call's callee and arguments as far as the line goes). */
export function firstLineSpan(node: ts.Node, sourceFile: ts.SourceFile): Span {
  const start = node.getStart(sourceFile);
  const text = sourceFile.text;
  let end = text.indexOf('\n', start);
  if (end < 0 || end > node.end) end = node.end;
  return trimEnd(text, start, end);
}

/**
 * The head of a call: from its start to the end of the line that holds the called name, so a
 * chained call split over lines (`ky` on one line, `.post(url, { … })` on the next) is
 * underlined through `.post(…)`, not just `ky`.
 */
export function callHeadSpan(call: ts.CallExpression | ts.NewExpression, sourceFile: ts.SourceFile): Span {
  const callee = call.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  const first = firstLineSpan(call, sourceFile);
  if (name.end <= first.end) return first;
  const text = sourceFile.text;
  let end = text.indexOf('\n', name.end);
  if (end < 0 || end > call.end) end = call.end;
  return trimEnd(text, first.start, end);
}

/** The whole of a small node (an identifier, a key expression). */
export function nodeSpan(node: ts.Node, sourceFile: ts.SourceFile): Span {
  return { start: node.getStart(sourceFile), end: node.end };
}

function trimEnd(text: string, start: number, end: number): Span {
  let last = end;
  while (last > start && /\s/.test(text.charAt(last - 1))) last--;
  return { start, end: Math.max(last, start + 1) };
}
