// Loops the pre-check keeps: those that retry-loops.ts could take for a retry loop. Each test here
// is one that retry-loops.ts applies too, read from the tokens instead of the tree.
import { spendWork } from '../run-context';
import { ATTEMPT_LIST_NAME } from '../vocabulary';
import { type FailureWords, findFailureWords, hasFailureWordIn } from '../failure-words';
import { canName, endOf, isTextLiteral, Kind, kindAt, nextSibling, type Tokens } from './tokens';

export function hasLoopCandidate(text: string, tokens: Tokens): boolean {
  const { kinds } = tokens;
  let failureWords: FailureWords | undefined;
  for (let i = 0; i < tokens.count; i++) {
    spendWork();
    const kind = kinds[i]!;
    if (kind !== Kind.WhileKeyword && kind !== Kind.ForKeyword && kind !== Kind.DoKeyword) continue;
    if (kind === Kind.ForKeyword && !forLoopMayRetry(tokens, i)) continue;
    if (conditionCountsItems(tokens, i)) continue;
    // A loop's text starts after the token before it: its leading comments count.
    const start = i > 0 ? tokens.ends[i - 1]! : 0;
    const end = endOf(tokens, loopEnd(tokens, i), text);
    failureWords ??= findFailureWords(text);
    if (hasFailureWordIn(failureWords, start, end)) return true;
  }
  return false;
}

/** Names in a `for…of` iterable that retry-loops.ts takes for a finite list of attempts or delays (`Array(3)`, `range(5)`, `retryDelays`). */
const ATTEMPT_LIST_TOKEN = new RegExp(`^(Array|range)$|${ATTEMPT_LIST_NAME.source}`, 'i');

/** Names a numeric array element may hold (`Infinity`, `Number.MAX_SAFE_INTEGER`). */
const NUMERIC_NAMES = new Set(['Infinity', 'Number', 'POSITIVE_INFINITY', 'MAX_SAFE_INTEGER', 'MAX_VALUE']);

/**
 * A `for` loop that can be a retry loop: a counted loop, or a `for…of` over a finite list of
 * attempts (`[100, 200, 400]`, `Array(3)`, `retryDelays`). The index keeps no `for…in`, and
 * retry-loops.ts passes by every other `for…of` (a per-item loop).
 */
function forLoopMayRetry(tokens: Tokens, keyword: number): boolean {
  let open = keyword + 1;
  if (kindAt(tokens, open) === Kind.AwaitKeyword) open++;
  if (kindAt(tokens, open) !== Kind.OpenParenToken) return true;
  const close = tokens.partner[open]!;
  let ofAt = -1;
  for (let i = open + 1; i < close; i = nextSibling(tokens, i)) {
    const kind = tokens.kinds[i]!;
    if (kind === Kind.SemicolonToken) return true;
    if (kind === Kind.InKeyword && ofAt < 0) return false;
    if (kind === Kind.OfKeyword && ofAt < 0) ofAt = i;
  }
  return ofAt < 0 || iterableMayBeAttemptList(tokens, ofAt + 1, close);
}

/**
 * A loop whose condition reads `.length` or `.size` walks a collection: retry-loops.ts passes it
 * by when the condition's text holds either, so here the two tokens must touch, as in the text.
 */
function conditionCountsItems(tokens: Tokens, keyword: number): boolean {
  const range = conditionRange(tokens, keyword);
  if (!range) return false;
  for (let i = range.first; i < range.end - 1; i++) {
    const kind = tokens.kinds[i]!;
    if (kind !== Kind.DotToken && kind !== Kind.QuestionDotToken) continue;
    const name = tokens.values[i + 1];
    if (name === undefined || !canName(tokens.kinds[i + 1]!) || (name !== 'length' && name !== 'size')) continue;
    const gap = tokens.ends[i + 1]! - tokens.ends[i]!;
    if (gap === name.length) return true;
  }
  return false;
}

/** The tokens of a loop's condition, [first, end): a while's or do-while's parentheses, a for's middle clause. */
function conditionRange(tokens: Tokens, keyword: number): { first: number; end: number } | undefined {
  const { partner } = tokens;
  let open = keyword + 1;
  if (kindAt(tokens, keyword) === Kind.DoKeyword) {
    if (kindAt(tokens, open) !== Kind.OpenBraceToken) return undefined;
    open = partner[open]! + 2;
    if (kindAt(tokens, open - 1) !== Kind.WhileKeyword) return undefined;
  }
  if (kindAt(tokens, open) !== Kind.OpenParenToken) return undefined;
  const close = partner[open]!;
  if (kindAt(tokens, keyword) !== Kind.ForKeyword) return { first: open + 1, end: close };
  const semicolons: number[] = [];
  for (let i = open + 1; i < close; i = nextSibling(tokens, i)) if (tokens.kinds[i] === Kind.SemicolonToken) semicolons.push(i);
  return semicolons.length === 2 ? { first: semicolons[0]! + 1, end: semicolons[1]! } : undefined;
}

function iterableMayBeAttemptList(tokens: Tokens, first: number, end: number): boolean {
  let start = first;
  while (start < end && tokens.kinds[start] === Kind.OpenParenToken) start++;
  if (kindAt(tokens, start) === Kind.OpenBracketToken) {
    // An array literal counts only if every element is a number.
    const last = tokens.partner[start]!;
    if (last === start + 1) return false;
    for (let i = start + 1; i < last; i++) {
      const kind = tokens.kinds[i]!;
      // (`values` holds stale entries for tokens that are not names: check the kind first.)
      if (kind === Kind.DotDotDotToken && canName(kindAt(tokens, i + 1)) && tokens.values[i + 1] === 'Array') return true;
      if (kind === Kind.StringLiteral || isTextLiteral(kind) || kind === Kind.DotDotDotToken) return false;
      if (canName(kind) && !NUMERIC_NAMES.has(tokens.values[i]!)) return false;
    }
    return true;
  }
  for (let i = start; i < end; i++) {
    if (canName(tokens.kinds[i]!) && ATTEMPT_LIST_TOKEN.test(tokens.values[i]!)) return true;
  }
  return false;
}

/** The index of a loop's last token, when its body is a block; else the end of the enclosing brackets. */
function loopEnd(tokens: Tokens, keyword: number): number {
  const { partner } = tokens;
  const fallback = tokens.enclosingEnd[keyword]!;
  if (kindAt(tokens, keyword) === Kind.DoKeyword) {
    const body = keyword + 1;
    if (kindAt(tokens, body) !== Kind.OpenBraceToken) return fallback;
    const whileKeyword = partner[body]! + 1;
    if (kindAt(tokens, whileKeyword) !== Kind.WhileKeyword || kindAt(tokens, whileKeyword + 1) !== Kind.OpenParenToken) return fallback;
    return partner[whileKeyword + 1]!;
  }
  let header = keyword + 1;
  if (kindAt(tokens, header) === Kind.AwaitKeyword) header++;
  if (kindAt(tokens, header) !== Kind.OpenParenToken) return fallback;
  const body = partner[header]! + 1;
  return kindAt(tokens, body) === Kind.OpenBraceToken ? partner[body]! : fallback;
}
