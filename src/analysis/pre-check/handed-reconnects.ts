// Files the pre-check keeps for handed-reconnects.ts: a function named for retrying or reconnecting
// (`scheduleReconnect`, `onErrorRetry`) and a `setTimeout(` in the same file. (The other way in, a loss
// handler, is kept by LOSS_HANDLER_TEXT.) One pass over the tokens.
import { SCHEDULER_NAME } from '../vocabulary';
import { spendWork } from '../run-context';
import { canName, Kind, type Tokens } from './tokens';

export function hasRetrySchedulerCandidate(tokens: Tokens): boolean {
  const { kinds, values } = tokens;
  let named = false;
  let timer = false;
  for (let i = 0; i < tokens.count && !(named && timer); i++) {
    spendWork();
    const value = canName(kinds[i]!) ? values[i] : undefined;
    if (value === undefined) continue;
    if (value === 'setTimeout' && kinds[i + 1] === Kind.OpenParenToken) timer = true;
    else if (!named && SCHEDULER_NAME.test(value)) named = true;
  }
  return named && timer;
}
