// unstable-idempotency-key: an idempotency key made anew inside the retried code, so every attempt
// looks like a new operation to the server.
import ts from 'typescript';
import { contains, isFunctionNode, shortText, unwrap, visitDescendants } from '../ast';
import { coverageOf } from '../coverage';
import { insertLinesBefore, type OffsetEdit, type OffsetFix, replaceNode, unusedName } from '../edits';
import { freshKeyIn, type FreshKey } from '../idempotency';
import type { KeyReference } from '../requests';
import type { Rule, RuleContext } from '../rule-kit';
import type { RuleMeta } from '../types';
import { ruleMeta } from './catalog';

// ---------------------------------------------------------------------------------------------
// Meta

/** Its id, lesson section, severity, description and messages: in the rule catalog. */
export const meta: RuleMeta = ruleMeta('unstable-idempotency-key');

// ---------------------------------------------------------------------------------------------
// Defaults

/** The name the hoisted key gets, unless the code already named it. */
const HOISTED_KEY_NAME = 'idempotencyKey';

// ---------------------------------------------------------------------------------------------
// Check

function check(context: RuleContext): void {
  const sourceFile = context.index.sourceFile;
  for (const request of context.requests()) {
    if (!request.key) continue;
    const coverage = coverageOf(request, context.retries, context.index);
    if (!coverage?.rerunRegion) continue;
    const fresh = freshKeyIn(request.key.value, coverage.rerunRegion, context.index);
    if (!fresh) continue;
    const anchor = coverage.keyAnchor;
    const fix = anchor && contains(anchor, request.call) ? hoistFix(request.key, fresh, anchor, context) : undefined;
    context.report({
      messageId: 'freshKey',
      data: { key: shortText(fresh.declaration?.initializer ?? fresh.source, sourceFile, 40), retry: coverage.label },
      span: { start: fresh.source.getStart(sourceFile), end: fresh.source.end },
      fixes: fix ? [fix] : undefined,
    });
  }
}

export const rule: Rule = { meta, check };

// ---------------------------------------------------------------------------------------------
// Helpers

/** Moves the key's creation before the retry: the whole `const key = …;` or the inline expression. */
function hoistFix(key: KeyReference, fresh: FreshKey, anchor: ts.Statement, context: RuleContext): OffsetFix | undefined {
  const sourceFile = context.index.sourceFile;
  if (fresh.declaration) {
    const statement = fresh.declaration.parent?.parent;
    if (!statement || !ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return undefined;
    if (dependsOnLocals(fresh.declaration.initializer!, anchor)) return undefined;
    return { title: 'Create the key once, before the retry', edits: [insertLinesBefore(anchor, [statement.getText(sourceFile)], sourceFile), deleteStatement(statement, context)], safe: true };
  }
  const value = unwrap(key.value);
  if (!contains(value, fresh.source)) return moveAssignment(fresh, anchor, context);
  if (dependsOnLocals(value, anchor)) return undefined;
  const name = unusedName(HOISTED_KEY_NAME, context.index.names);
  return {
    title: 'Create the key once, before the retry',
    edits: [insertLinesBefore(anchor, [`const ${name} = ${key.value.getText(sourceFile)};`], sourceFile), replaceNode(key.value, name, sourceFile)],
    safe: true,
  };
}

/**
 * `let key; for (…) { key = randomUUID(); … }`: the key is a variable assigned inside the retry. The
 * assignment statement moves before the retry (a copy of `key` there would still be undefined).
 */
function moveAssignment(fresh: FreshKey, anchor: ts.Statement, context: RuleContext): OffsetFix | undefined {
  const sourceFile = context.index.sourceFile;
  const assignment = fresh.source.parent;
  const statement = assignment?.parent;
  if (!assignment || !ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || assignment.right !== fresh.source) return undefined;
  if (!statement || !ts.isExpressionStatement(statement) || dependsOnLocals(assignment.right, anchor)) return undefined;
  return { title: 'Create the key once, before the retry', edits: [insertLinesBefore(anchor, [statement.getText(sourceFile)], sourceFile), deleteStatement(statement, context)], safe: true };
}

/** Whether an expression uses names declared inside the retry (a loop variable, a callback parameter), which a hoisted copy could not see. */
function dependsOnLocals(expression: ts.Node, anchor: ts.Statement): boolean {
  const locals = localsOf(anchor);
  let uses = false;
  visitDescendants(expression, (node) => {
    if (ts.isIdentifier(node) && locals.has(node.text) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) uses = true;
  });
  return uses || (ts.isIdentifier(expression) && locals.has(expression.text));
}

/** The names declared inside a retry, read once per retry however many keys it makes. */
const localsByRetry = new WeakMap<ts.Statement, ReadonlySet<string>>();

function localsOf(anchor: ts.Statement): ReadonlySet<string> {
  let locals = localsByRetry.get(anchor);
  if (!locals) {
    const names = new Set<string>();
    visitDescendants(anchor, (node) => {
      if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name)) names.add(node.name.text);
      if (isFunctionNode(node) && node.name && ts.isIdentifier(node.name)) names.add(node.name.text);
    });
    localsByRetry.set(anchor, names);
    locals = names;
  }
  return locals;
}

/** Deletes a statement with its line, when it sits alone on it. */
function deleteStatement(statement: ts.Statement, context: RuleContext): OffsetEdit {
  const text = context.index.sourceFile.text;
  const start = statement.getStart(context.index.sourceFile);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', statement.end);
  const aloneOnLine = /^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*$/.test(text.slice(statement.end, lineEnd < 0 ? text.length : lineEnd));
  if (aloneOnLine) return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, newText: '' };
  return { start, end: statement.end, newText: '' };
}
