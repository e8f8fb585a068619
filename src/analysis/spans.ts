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
 * The head of a call: the line that holds the called name. A chained call split over lines
 * (`new HubConnectionBuilder()` … `.withAutomaticReconnect(…)`, `ky` then `.post(url, { … })`) is
 * underlined from the `.` of the called name to the end of its line: that line says what is called.
 */
export function callHeadSpan(call: ts.CallExpression | ts.NewExpression, sourceFile: ts.SourceFile): Span {
  const callee = call.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  const first = firstLineSpan(call, sourceFile);
  if (name.end <= first.end) return first;
  const text = sourceFile.text;
  const dot = memberAccessStart(text, name.getStart(sourceFile));
  let end = text.indexOf('\n', name.end);
  if (end < 0 || end > call.end) end = call.end;
  return trimEnd(text, dot, end);
}

/** Back from a member name over spaces to its `.` or `?.`. */
function memberAccessStart(text: string, nameStart: number): number {
  let at = nameStart;
  while (at > 0 && /\s/.test(text.charAt(at - 1))) at--;
  if (text.charAt(at - 1) !== '.') return nameStart;
  at--;
  return text.charAt(at - 1) === '?' ? at - 1 : at;
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
