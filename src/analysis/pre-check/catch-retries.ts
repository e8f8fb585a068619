// Catches the pre-check keeps: those that catch-retries.ts could take for a second attempt. Each
// test here is one catch-retries.ts applies, read from the tokens: the catch block calls a name that the try block
// before it calls too, and either calls something named for waiting (`sleep(`, `setTimeout(`) or does nothing
// before that call but tell of the failure (`console.error(…)`).
// Also files where a failure path's way back may be put off to later through other functions (reconnect-chains.ts).
import { spendWork } from '../run-context';
import { LOG_NAME, WAIT_NAME } from '../vocabulary';
import { conditionNamesOutcome } from './recursion';
import { canName, Kind, type Tokens } from './tokens';

/** Blocks longer than this (in tokens) are not read: the answer is "maybe" (which keeps nested catches linear). */
const MAX_BLOCK_TOKENS = 2000;

export function hasCatchRetryCandidate(tokens: Tokens): boolean {
  const { kinds, partner } = tokens;
  for (let i = 1; i < tokens.count; i++) {
    spendWork();
    if (kinds[i] !== Kind.CatchKeyword || kinds[i - 1] !== Kind.CloseBraceToken) continue;
    const tryOpen = partner[i - 1]!;
    let catchOpen = i + 1;
    if (kinds[catchOpen] === Kind.OpenParenToken) catchOpen = partner[catchOpen]! + 1;
    if (kinds[catchOpen] !== Kind.OpenBraceToken) return true;
    const catchClose = partner[catchOpen]!;
    if (i - tryOpen > MAX_BLOCK_TOKENS || catchClose - catchOpen > MAX_BLOCK_TOKENS) return true;
    const tried = calledNames(tokens, tryOpen, i - 1);
    if (!callsWait(tokens, catchOpen, catchClose)) {
      if (triesAgainAtOnce(tokens, catchOpen, catchClose, tried)) return true;
      continue;
    }
    for (let j = catchOpen; j < catchClose; j++) {
      if (isCall(tokens, j) && tried.has(tokens.values[j]!)) return true;
    }
  }
  return false;
}

/** Tokens a catch may open with before it tries again at once: `try {`, `return await`, `;`. */
const AT_ONCE_TOKENS = new Set([Kind.TryKeyword, Kind.OpenBraceToken, Kind.SemicolonToken, Kind.ReturnKeyword, Kind.AwaitKeyword]);

/** Keywords that declare the name an answer is kept in: `const response = await send(…)`. */
const DECLARING_TOKENS = new Set([Kind.ConstKeyword, Kind.LetKeyword, Kind.VarKeyword]);

/**
 * A catch that awaits a call of a name its try called, with nothing before but calls that tell (`console.error(…)`)
 * and `try {`, `return`, `await`, `const name =`: the second attempt catch-retries.ts reads as made at once.
 */
function triesAgainAtOnce(tokens: Tokens, catchOpen: number, catchClose: number, tried: ReadonlySet<string>): boolean {
  const { kinds, values, partner } = tokens;
  for (let j = catchOpen + 1; j < catchClose;) {
    const kind = kinds[j]!;
    if (AT_ONCE_TOKENS.has(kind)) {
      j++;
      continue;
    }
    if (DECLARING_TOKENS.has(kind) && canName(kinds[j + 1]!) && kinds[j + 2] === Kind.EqualsToken) {
      j += 3;
      continue;
    }
    if (!canName(kind)) return false;
    const awaited = kinds[j - 1] === Kind.AwaitKeyword;
    // `this.logger.warn(`, `sock.sendMessage(`: the last name of a member chain is the one called.
    while ((kinds[j + 1] === Kind.DotToken || kinds[j + 1] === Kind.QuestionDotToken) && canName(kinds[j + 2]!)) j += 2;
    if (kinds[j + 1] !== Kind.OpenParenToken) return false;
    if (awaited && tried.has(values[j]!)) return true;
    if (!LOG_NAME.test(values[j] ?? '')) return false;
    j = partner[j + 1]! + 1;
  }
  return false;
}

function isCall(tokens: Tokens, index: number): boolean {
  return canName(tokens.kinds[index]!) && tokens.kinds[index + 1] === Kind.OpenParenToken;
}

function callsWait(tokens: Tokens, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (isCall(tokens, j) && WAIT_NAME.test(tokens.values[j]!)) return true;
  return false;
}

function calledNames(tokens: Tokens, from: number, to: number): Set<string> {
  const names = new Set<string>();
  for (let j = from; j < to; j++) if (isCall(tokens, j)) names.add(tokens.values[j]!);
  return names;
}

/**
 * A failure path (a catch, `catch (e) {` or `.catch(`, or an `if` whose condition names an outcome, `if (!result.success)`)
 * and something that puts a call off to later, as reconnect-chains.ts reads one: a `setTimeout(`, a timer object (a
 * name ending in `Timer`), a wait helper handed a callback (`delay(() => this.connect(), ms)`), or one awaited
 * (`await sleep(ms)`) or followed (`sleep(ms).then(…)`). One pass over the tokens (each condition read once, long ones taken for "maybe").
 */
export function hasDeferredFailurePath(tokens: Tokens): boolean {
  const { kinds, values } = tokens;
  let failurePath = false;
  let defers = false;
  for (let i = 0; i < tokens.count && !(failurePath && defers); i++) {
    spendWork();
    const kind = kinds[i]!;
    if (kind === Kind.CatchKeyword || (!failurePath && kind === Kind.IfKeyword && testsOutcome(tokens, i))) failurePath = true;
    else if (!defers && canName(kind) && values[i] !== undefined) defers = defersCall(tokens, i, values[i]!);
  }
  return failurePath && defers;
}

/** `if (…)` whose condition names an outcome (reconnect-chains.ts follows calls made on its failed branch). */
function testsOutcome(tokens: Tokens, keyword: number): boolean {
  const open = keyword + 1;
  if (tokens.kinds[open] !== Kind.OpenParenToken) return false;
  const close = tokens.partner[open]!;
  return close - open > MAX_BLOCK_TOKENS || conditionNamesOutcome(tokens, open, close);
}

function defersCall(tokens: Tokens, index: number, name: string): boolean {
  if (name.endsWith('Timer')) return true;
  if (tokens.kinds[index + 1] !== Kind.OpenParenToken) return false;
  if (name === 'setTimeout' || name === 'setTimeoutPromise') return true;
  if (!WAIT_NAME.test(name)) return false;
  // `await sleep(ms)`, `sleep(ms).then(…)`: what follows it is put off to later.
  if (tokens.kinds[index - 1] === Kind.AwaitKeyword) return true;
  const close = tokens.partner[index + 1]!;
  if (tokens.kinds[close + 1] === Kind.DotToken && tokens.values[close + 2] === 'then') return true;
  const next = tokens.kinds[index + 2];
  return next === Kind.OpenParenToken || next === Kind.FunctionKeyword || next === Kind.AsyncKeyword
    || (next !== undefined && canName(next) && tokens.kinds[index + 3] === Kind.EqualsGreaterThanToken);
}
