// Building blocks for the quick fixes, as offset edits into the analysed text. The rule kit turns
// them into line/character edits. Every fix must leave code that parses and that the rule accepts.
import ts from 'typescript';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface OffsetFix {
  title: string;
  edits: OffsetEdit[];
  /** Whether it may be applied unattended (the CLI's --fix); see Fix.safe. */
  safe?: boolean;
}

/** The whitespace that starts the line a position is on. */
export function indentationAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, position));
  return match ? match[0] : '';
}

/** One indentation step, guessed from the file (two spaces if nothing better). */
export function indentUnit(text: string): string {
  if (/\n\t/.test(text)) return '\t';
  const match = /\n( {2,8})\S/.exec(text);
  return match ? (match[1]!.length % 4 === 0 ? '    ' : '  ') : '  ';
}

/** Inserts whole lines before a statement, at its indentation. */
export function insertLinesBefore(statement: ts.Node, lines: string[], sourceFile: ts.SourceFile): OffsetEdit {
  const start = statement.getStart(sourceFile);
  const indent = indentationAt(sourceFile.text, start);
  return { start, end: start, newText: lines.map((line) => `${line}\n${indent}`).join('') };
}

/** Replaces a node's text. */
export function replaceNode(node: ts.Node, newText: string, sourceFile: ts.SourceFile): OffsetEdit {
  return { start: node.getStart(sourceFile), end: node.end, newText };
}

/** Adds a property at the start of an object literal, on its own line if the object spans lines. */
export function addProperty(object: ts.ObjectLiteralExpression, propertyText: string, sourceFile: ts.SourceFile): OffsetEdit {
  const first = object.properties[0];
  if (!first) {
    const start = object.getStart(sourceFile);
    return { start, end: object.end, newText: `{ ${propertyText} }` };
  }
  const firstStart = first.getStart(sourceFile);
  const objectStart = object.getStart(sourceFile);
  const multiLine = sourceFile.text.slice(objectStart, firstStart).includes('\n');
  if (multiLine) return { start: firstStart, end: firstStart, newText: `${propertyText},\n${indentationAt(sourceFile.text, firstStart)}` };
  return { start: firstStart, end: firstStart, newText: `${propertyText}, ` };
}

/** Adds (or replaces) an argument at a position, filling skipped positions with `undefined`. */
export function setArgument(call: ts.CallExpression, position: number, text: string, sourceFile: ts.SourceFile): OffsetEdit {
  const existing = call.arguments[position];
  if (existing) return replaceNode(existing, text, sourceFile);
  const missing = Array.from({ length: position - call.arguments.length }, () => 'undefined');
  const parts = [...missing, text].join(', ');
  const last = call.arguments[call.arguments.length - 1];
  if (!last) return { start: call.arguments.pos, end: call.arguments.pos, newText: parts };
  return { start: last.end, end: last.end, newText: `, ${parts}` };
}

/** A name not yet used in the file (`names`: the file's identifiers): `idempotencyKey`, then `idempotencyKey2`, … */
export function unusedName(base: string, names: ReadonlySet<string>): string {
  for (let suffix = 1; ; suffix++) {
    const name = suffix === 1 ? base : `${base}${suffix}`;
    if (!names.has(name)) return name;
  }
}

/** Wraps a delay in full jitter: `Math.random() * (delay)`. */
export function fullJitter(delayText: string, simple: boolean): string {
  return simple ? `Math.random() * ${delayText}` : `Math.random() * (${delayText})`;
}
