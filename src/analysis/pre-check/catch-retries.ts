// Catches the pre-check keeps: those that catch-retries.ts could take for a second attempt. Each
// test here is one catch-retries.ts applies, read from the tokens: the catch block calls something
// named for waiting (`sleep(`, `setTimeout(`) and calls a name that the try block before it calls too.
import { spendWork } from '../run-context';
import { WAIT_NAME } from '../vocabulary';
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
    if (!callsWait(tokens, catchOpen, catchClose)) continue;
    const tried = calledNames(tokens, tryOpen, i - 1);
    for (let j = catchOpen; j < catchClose; j++) {
      if (isCall(tokens, j) && tried.has(tokens.values[j]!)) return true;
    }
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
