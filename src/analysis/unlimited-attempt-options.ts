// A client or helper the registry does not know, told to retry forever in so many words:
// `new RpcClient(url, { reconnect_interval: 1000, max_reconnects: Infinity })`, `connectBus({ maxRetries: Infinity })`.
// What the library does is out of sight, but an attempt cap written as `Infinity` says it never stops.
// Only the cap is judged: how the library waits is its own (unknown). Left alone: a callee defined in
// this file (its own loop or recursion is judged where it is written), a call a known library or helper
// already stands for, options that switch the retrying off, and `Infinity` kept as a default (`?? Infinity`),
// which a caller may override.
import ts from 'typescript';
import { calleeName, namePath, numericValue, propertyNameText, stringValue, unwrap } from './ast';
import { resolveObject } from './libraries/option-reading';
import type { RetryConstruct } from './retry-model';
import { classNamesOf, type SourceIndex } from './source-index';
import { firstLineSpan } from './spans';

/** Option names that cap attempts: `maxRetries`, `max_reconnects`, `reconnectionAttempts`, `retryLimit`. */
export const ATTEMPT_CAP_OPTION =
  /^(?:max_?(?:retries|retry_?attempts|attempts|tries|reconnects|reconnect_?attempts|reconnection_?attempts|retry_?count)|retries|retry_?(?:attempts|limit|count)|reconnect_?(?:attempts|limit|tries)|reconnection_?attempts)$/i;

/**
 * The same names given an infinite value, anywhere in a text: the pre-check lets a file holding one be parsed.
 * Bounded: a name, a colon, spaces and the value, with no repetition that can run away.
 */
export const INFINITE_ATTEMPT_OPTION_TEXT =
  /\b(?:max_?(?:retries|retry_?attempts|attempts|tries|reconnects|reconnect_?attempts|reconnection_?attempts|retry_?count)|retries|retry_?(?:attempts|limit|count)|reconnect_?(?:attempts|limit|tries)|reconnection_?attempts)['"]?\s{0,20}:\s{0,20}(?:Number\.POSITIVE_INFINITY|Infinity|['"]Infinity['"])/i;

/**
 * Whether a text may give an attempt cap an infinite value. Every value INFINITE_ATTEMPT_OPTION_TEXT accepts spells
 * "infinit" in some case, and a search for that one word (most files have none) costs a tenth of the whole pattern.
 */
export function mayGiveInfiniteAttempts(text: string): boolean {
  return /infinit/i.test(text) && INFINITE_ATTEMPT_OPTION_TEXT.test(text);
}

/** Switches that turn the retrying off when false (`reconnect: false`, `autoReconnect: false`, `retry: false`). */
const RETRY_SWITCH = /^(?:auto_?)?(?:retry|retries|reconnect|reconnection|enabled)$/i;

export function findUnlimitedAttemptOptions(index: SourceIndex, known: readonly RetryConstruct[]): RetryConstruct[] {
  if (!mayGiveInfiniteAttempts(index.text)) return [];
  const claimed = new Set<ts.Node>(known.flatMap((construct) => ('site' in construct && construct.site ? [construct.site] : [])));
  const constructs: RetryConstruct[] = [];
  const seen = new Set<ts.Node>();
  for (const site of [...index.calls, ...index.newExpressions]) {
    if (claimed.has(site) || definedInFile(site, index)) continue;
    const cap = infiniteCapIn(site, index);
    if (!cap || seen.has(cap) || known.some((construct) => construct.report.start <= cap.getStart(index.sourceFile) && cap.getStart(index.sourceFile) < construct.report.end)) continue;
    seen.add(cap);
    constructs.push({
      kind: 'library',
      label: `\`${calleeName(site) ?? 'client'}\` ${ts.isNewExpression(site) ? 'client' : 'call'}`,
      report: firstLineSpan(cap, index.sourceFile),
      scopes: [],
      rerunsScope: true,
      bound: { capped: false, reason: 'infinite-option', detail: `\`${propertyNameText(cap.name)}: ${cap.initializer.getText(index.sourceFile)}\` never stops retrying` },
      backoff: { kind: 'unknown' },
      site,
    });
  }
  return constructs;
}

/** The option of the call's arguments (or of an object nested one level inside them) that caps attempts at infinity. */
function infiniteCapIn(site: ts.CallExpression | ts.NewExpression, index: SourceIndex): ts.PropertyAssignment | undefined {
  for (const argument of site.arguments ?? []) {
    const object = resolveObject(argument, index);
    if (!object) continue;
    const cap = infiniteCap(object);
    if (cap) return cap;
    for (const property of object.properties) {
      const nested = ts.isPropertyAssignment(property) ? resolveObject(property.initializer, index) : undefined;
      const inner = nested && infiniteCap(nested);
      if (inner) return inner;
    }
  }
  return undefined;
}

function infiniteCap(object: ts.ObjectLiteralExpression): ts.PropertyAssignment | undefined {
  let cap: ts.PropertyAssignment | undefined;
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const name = propertyNameText(property.name) ?? '';
    if (RETRY_SWITCH.test(name) && unwrap(property.initializer).kind === ts.SyntaxKind.FalseKeyword) return undefined;
    if (ATTEMPT_CAP_OPTION.test(name) && isInfiniteLiteral(property.initializer)) cap = property;
  }
  return cap;
}

/** `Infinity`, `Number.POSITIVE_INFINITY`, `'Infinity'`; not a default (`x ?? Infinity`), which a caller may override. */
function isInfiniteLiteral(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  return numericValue(node) === Infinity || stringValue(node) === 'Infinity' || (ts.isPropertyAccessExpression(node) && namePath(node) === 'Number.POSITIVE_INFINITY');
}

/** A function or class of this file: its own retry, if it has one, is judged where it is written. */
function definedInFile(site: ts.CallExpression | ts.NewExpression, index: SourceIndex): boolean {
  const name = calleeName(site);
  return name !== undefined && (index.functions.has(name) || classNamesOf(index).has(name));
}
