// retry-without-jitter: a capped retry that waits no time, a fixed time, or a growing time
// without randomness, so clients that failed together retry together.
import ts from 'typescript';
import { calleeName, unwrap, visitDescendants } from '../ast';
import { addProperty, fullJitter, type OffsetEdit, type OffsetFix, replaceNode, setArgument } from '../edits';
import { isSimpleDelay } from '../delays';
import type { SummaryWaits } from '../project/module-summary';
import { isUnsafe } from '../requests';
import type { Backoff, LibraryOptionFix, RetryConstruct, WaitSite } from '../retry-model';
import { type Rule, type RuleContext, shortCode, shortLabel } from '../rule-kit';
import { callHeadSpan } from '../spans';
import type { RuleMeta } from '../types';
import { ruleMeta } from './catalog';

// ---------------------------------------------------------------------------------------------
// Meta

/** Its id, lesson section, severity, description and messages: in the rule catalog. */
export const meta: RuleMeta = ruleMeta('retry-without-jitter');

// ---------------------------------------------------------------------------------------------
// Defaults

/** Wait functions whose argument is the delay itself (so wrapping it in jitter is right). */
const DELAY_ARGUMENT_CALLEE = /^(setTimeout|setTimeoutPromise|sleep|delay|wait|pause|snooze)(Ms)?$/i;

// ---------------------------------------------------------------------------------------------
// Check

function check(context: RuleContext): void {
  for (const construct of context.retries.constructs) {
    // An unbounded retry is reported by unbounded-retry only (its message says what the waits lack too).
    if (construct.bound.capped === false) continue;
    if (!waitsReported(construct)) continue;
    const report = describe(construct.backoff);
    if (!report) continue;
    const label = shortLabel(construct.label);
    if (report.messageId === 'libraryNoJitter') {
      report.data = { ...report.data, subject: construct.kind === 'library' && construct.optionsOfCall ? `The retry options of this ${label} have` : `This ${label} has` };
    }
    const fix = jitterFix(construct, context);
    context.report({ messageId: report.messageId, data: { construct: label, ...report.data }, span: construct.report, fixes: fix ? [fix] : undefined });
  }
  checkImportedClients(context);
}

/**
 * Requests through a client configured in another file (`api` with axios-retry in src/api.ts): each request the
 * client retries waits as that file configures it. A POST or PATCH counts only where the client retries them;
 * a request whose method is unknown is left alone.
 */
function checkImportedClients(context: RuleContext): void {
  const clients = context.retries.clients.filter((client) => client.imported && client.imported.waits.kind !== 'quiet');
  if (clients.length === 0) return;
  for (const request of context.requests()) {
    const client = clients.find((candidate) => candidate.name === request.clientName && !candidate.notRetried?.has(request.call));
    if (!client || request.method === undefined || (isUnsafe(request) && !client.coversPost)) continue;
    const detail = importedWaitsDetail(client.imported!.waits);
    context.report({ messageId: 'importedClientNoJitter', data: { request: shortCode(request.display), retry: client.label, detail }, span: callHeadSpan(request.call, context.index.sourceFile) });
  }
}

function importedWaitsDetail(waits: SummaryWaits): string {
  switch (waits.kind) {
    case 'none': return 'it retries at once, with no wait';
    case 'fixed': return 'it waits a fixed delay';
    case 'growing': return 'its backoff has no randomness';
    case 'library-default': return waits.detail;
    default: return '';
  }
}

export const rule: Rule = { meta, check };

/** Whether the waits of a retry are this rule's business (also read where another file calls the retry). */
export function waitsReported(construct: RetryConstruct): boolean {
  // Deadline-bounded loops are polling (health checks, device-code polling, test helpers): not flagged.
  const cappedBy = construct.bound.capped === true ? construct.bound.by : undefined;
  if (cappedBy === 'deadline') return false;
  // A once-only replay (the 401 refresh) needs no backoff; one that waits a fixed time before its one
  // more attempt is a retry after a transient failure, and its clients wait in step.
  return !(cappedBy === 'once-flag' && construct.backoff.kind !== 'fixed');
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** What an unbounded retry's finding adds when its waits also lack jitter (unbounded-retry reports both at once). */
export function jitterGap(backoff: Backoff): string | undefined {
  switch (backoff.kind) {
    case 'none': return 'It also retries at once, with no wait: wait with jittered backoff.';
    case 'fixed': return 'It also waits a fixed delay: randomise each wait (jitter).';
    case 'growing': return 'Its backoff also has no jitter: randomise each wait.';
    case 'xor': return 'Its delay also uses `^` (XOR), not a power: use `2 ** attempt`, with jitter.';
    case 'ignored': return `It also ignores its computed \`${backoff.computed}\`: wait for it, with jitter.`;
    case 'delay-after-retry': return 'Its `delay()` also only delays successes: put a jittered delay in `retry({ count, delay })`.';
    case 'library-default': return `It also has no jitter: ${backoff.detail}.`;
    default: return undefined;
  }
}

function describe(backoff: Backoff): { messageId: string; data?: Record<string, string> } | undefined {
  switch (backoff.kind) {
    case 'none': return { messageId: 'noWait' };
    case 'fixed': return { messageId: 'fixedWait' };
    case 'growing': return { messageId: 'noJitter' };
    case 'xor': return { messageId: 'xorBackoff' };
    case 'ignored': return { messageId: 'ignoredDelay', data: { computed: backoff.computed } };
    case 'delay-after-retry': return { messageId: 'delayAfterRetry' };
    case 'library-default': return { messageId: 'libraryNoJitter', data: { detail: backoff.detail } };
    default: return undefined;
  }
}

export function jitterFix(construct: RetryConstruct, context: RuleContext): OffsetFix | undefined {
  const backoff = construct.backoff;
  if (backoff.kind === 'library-default') return backoff.fix ? libraryFix(backoff.fix, context) : undefined;
  if (backoff.kind !== 'fixed' && backoff.kind !== 'growing' && backoff.kind !== 'xor' && backoff.kind !== 'ignored') return undefined;
  const sourceFile = context.index.sourceFile;
  const edits: OffsetEdit[] = [];
  const fixable = backoff.waits.filter(isFixableWait);
  if (fixable.length !== backoff.waits.length || fixable.length === 0) return undefined;
  if (backoff.kind === 'xor') edits.push(...xorEdits(construct, context));
  for (const wait of fixable) {
    const delay = wait.delay!;
    const replacement = backoff.kind === 'ignored' ? backoff.computed : delay.getText(sourceFile);
    const simple = backoff.kind === 'ignored' || isSimpleDelay(delay);
    if (backoff.kind === 'xor' && edits.some((edit) => edit.start >= delay.getStart(sourceFile) && edit.end <= delay.end)) {
      // The XOR sits in the wait's own expression: rewrite the whole expression once.
      const text = delay.getText(sourceFile).replace(/\s\^\s/g, ' ** ');
      for (let i = edits.length - 1; i >= 0; i--) if (edits[i]!.start >= delay.getStart(sourceFile) && edits[i]!.end <= delay.end) edits.splice(i, 1);
      edits.push(replaceNode(delay, fullJitter(text, false), sourceFile));
      continue;
    }
    edits.push(replaceNode(delay, fullJitter(replacement, simple), sourceFile));
  }
  return { title: 'Add full jitter to the wait', edits, safe: true };
}

function isFixableWait(wait: WaitSite): boolean {
  return wait.delay !== undefined && DELAY_ARGUMENT_CALLEE.test(calleeName(wait.call) ?? '') && !ts.isSpreadElement(wait.delay);
}

/** `2 ^ attempt` → `2 ** attempt`, wherever the construct computes it. */
function xorEdits(construct: RetryConstruct, context: RuleContext): OffsetEdit[] {
  const sourceFile = context.index.sourceFile;
  const edits: OffsetEdit[] = [];
  const roots = construct.scopes.length > 0 ? construct.scopes : [];
  for (const root of roots) {
    visitDescendants(root, (node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.CaretToken
        && (ts.isNumericLiteral(unwrap(node.left)) || ts.isNumericLiteral(unwrap(node.right)))) {
        edits.push({ start: node.operatorToken.getStart(sourceFile), end: node.operatorToken.end, newText: '**' });
      }
    });
  }
  return edits;
}

function libraryFix(fix: LibraryOptionFix, context: RuleContext): OffsetFix {
  const sourceFile = context.index.sourceFile;
  let edit: OffsetEdit;
  if (fix.replace) edit = replaceNode(fix.replace, fix.property, sourceFile);
  else if (ts.isObjectLiteralExpression(fix.target)) edit = addProperty(fix.target, fix.property, sourceFile);
  else edit = setArgument(fix.target, fix.target.arguments.length, `{ ${fix.property} }`, sourceFile);
  // The library's own jitter option, turned on.
  return { title: fix.title, edits: [edit], safe: true };
}
