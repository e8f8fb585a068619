// missing-idempotency-key: a retried POST or PATCH (or a Stripe create) without an idempotency key.
import ts from 'typescript';
import { contains, enclosingFunction, findProperty, statementInList, unwrap, valueOfProperty } from '../ast';
import { coverageOf } from '../coverage';
import { addProperty, insertLinesBefore, type OffsetEdit, type OffsetFix, setArgument, unusedName } from '../edits';
import { type HttpRequest, isUnsafe } from '../requests';
import type { Rule, RuleContext } from '../rule-kit';
import type { RuleMeta } from '../types';
import { callHeadSpan } from '../spans';

// ---------------------------------------------------------------------------------------------
// Meta

export const meta: RuleMeta = {
  id: 'missing-idempotency-key',
  description: 'A retried request that changes state must carry an idempotency key, so a replay does not corrupt state with a duplicate.',
  defaultSeverity: 'warning',
  lessonSection: 'mistake-missing-idempotency',
  messages: {
    missingKey: 'This {{method}} request `{{request}}` is retried by the {{retry}} but sends no idempotency key. If a response is lost after the server acted, the retry does it again (a second order, a double charge). Create one key per operation before the retry and send it as an `Idempotency-Key` header.',
    missingKeyStripe: 'This Stripe call `{{request}}` is retried by the {{retry}} without an `idempotencyKey`. Stripe makes its automatic key per SDK call, so every attempt of this retry is a new operation to Stripe. Create one key before the retry and pass `{ idempotencyKey }`.',
    missingKeyUnretried: 'This {{method}} request `{{request}}` sends no idempotency key, so any retry (yours, a proxy\'s, the user\'s) can repeat its effect. Send an `Idempotency-Key` header that stays the same across attempts.',
  },
  schema: {
    type: 'object',
    properties: {
      idempotencyHeaders: { type: 'array', items: { type: 'string' }, description: 'Extra header or option names that count as idempotency keys (matched case-insensitively).' },
      flagUnretriedRequests: { type: 'boolean', default: false, description: 'Flag every POST or PATCH without a key, not only retried ones.' },
      retryHelpers: { type: 'array', items: { type: 'string' }, description: 'Extra function names to treat as retry helpers.' },
    },
    additionalProperties: false,
  },
};

// ---------------------------------------------------------------------------------------------
// Defaults

/** The header the fix adds; the module's name for it. */
const KEY_HEADER = 'Idempotency-Key';

// ---------------------------------------------------------------------------------------------
// Check

function check(context: RuleContext): void {
  for (const request of context.requests()) {
    if (!isUnsafe(request) || request.isRead || request.key || request.keyMayBeHidden) continue;
    const coverage = coverageOf(request, context.retries, context.index);
    if (!coverage && !context.options.flagUnretriedRequests) continue;
    const data = { method: request.method!, request: request.display, retry: coverage?.label ?? '' };
    const messageId = !coverage ? 'missingKeyUnretried' : request.library === 'stripe' ? 'missingKeyStripe' : 'missingKey';
    const anchor = coverage ? coverage.keyAnchor : anchorInSameFunction(request.call);
    const fix = anchor && contains(anchor, request.call) ? keyFix(request, anchor, context) : undefined;
    context.report({ messageId, data, span: requestSpan(request, context), fixes: fix ? [fix] : undefined });
  }
}

export const rule: Rule = { meta, check };

// ---------------------------------------------------------------------------------------------
// Helpers

/** The request's head, through the called name when a chained call spans lines (`ky` then `.post(…)`). */
function requestSpan(request: HttpRequest, context: RuleContext): { start: number; end: number } {
  return callHeadSpan(request.call, context.index.sourceFile);
}

function anchorInSameFunction(node: ts.Node): ts.Statement | undefined {
  const statement = statementInList(node);
  return statement && enclosingFunction(statement) === enclosingFunction(node) ? statement : undefined;
}

/** Creates the key once, before the retry, and sends it with the request. */
function keyFix(request: HttpRequest, anchor: ts.Statement, context: RuleContext): OffsetFix | undefined {
  const sourceFile = context.index.sourceFile;
  const name = unusedName('idempotencyKey', sourceFile.text);
  const attach = request.library === 'stripe' ? stripeOption(request, name, context) : keyHeader(request, name, context);
  if (!attach) return undefined;
  const create = insertLinesBefore(anchor, [`const ${name} = ${uuidCall(context)};`], sourceFile);
  return { title: `Send an ${KEY_HEADER} made once before the retry`, edits: [create, attach] };
}

/** `randomUUID()` when the file imports it, otherwise the global `crypto.randomUUID()` (Node 19+, browsers). */
function uuidCall(context: RuleContext): string {
  const module = context.index.imports.get('randomUUID');
  return module === 'crypto#randomUUID' || module === 'node:crypto#randomUUID' ? 'randomUUID()' : 'crypto.randomUUID()';
}

function stripeOption(request: HttpRequest, name: string, context: RuleContext): OffsetEdit | undefined {
  const sourceFile = context.index.sourceFile;
  const property = name === 'idempotencyKey' ? 'idempotencyKey' : `idempotencyKey: ${name}`;
  if (request.config) return addProperty(request.config, property, sourceFile);
  if (request.call.arguments[request.configPosition]) return undefined;
  return setArgument(request.call, request.configPosition, `{ ${property} }`, sourceFile);
}

function keyHeader(request: HttpRequest, name: string, context: RuleContext): OffsetEdit | undefined {
  const sourceFile = context.index.sourceFile;
  const header = `'${KEY_HEADER}': ${name}`;
  if (request.config) {
    const headers = findProperty(request.config, 'headers');
    if (!headers) return addProperty(request.config, `headers: { ${header} }`, sourceFile);
    const value = valueOfProperty(headers);
    const inner = value ? unwrap(value) : undefined;
    if (inner && ts.isObjectLiteralExpression(inner)) return addProperty(inner, header, sourceFile);
    if (inner && ts.isNewExpression(inner) && inner.arguments?.[0] && ts.isObjectLiteralExpression(inner.arguments[0])) return addProperty(inner.arguments[0], header, sourceFile);
    return undefined;
  }
  if (request.call.arguments[request.configPosition]) return undefined;
  if (request.library === 'fetch' || request.library === 'retry-helper' || request.library === 'request') return undefined;
  return setArgument(request.call, request.configPosition, `{ headers: { ${header} } }`, sourceFile);
}
