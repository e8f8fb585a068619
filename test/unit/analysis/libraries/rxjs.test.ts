// rxjs: `retry()` without a count re-subscribes forever, at once; `retry(n)` stops; `retry({ count, delay })`
// waits; `retryWhen` stops only if its notifier can; rxjs 5 chains `.retry(n)` on the observable.
import { rxjs } from '../../../../src/analysis/libraries/rxjs';
import { runLibraryTable } from './library-table';

describe('libraries: rxjs', () => {
  runLibraryTable([rxjs], [
    {
      title: 'the default retry() re-subscribes forever',
      code: `import { retry } from 'rxjs';
export const prices$ = this.http.get('/api/prices').pipe(retry());`,
      findings: [[2, 'unbounded-retry']],
      messages: ['no count'],
    },
    {
      title: 'a count with a jittered delay is silent',
      code: `import { retry, timer } from 'rxjs';
export const prices$ = this.http.get('/api/prices').pipe(
  retry({ count: 3, delay: (error, attempt) => timer(Math.random() * 1000 * 2 ** attempt) }),
);`,
      findings: [],
    },
    {
      title: 'retry({ delay }) without a count never stops',
      code: `import { retry, timer } from 'rxjs';
export const prices$ = this.http.get('/api/prices').pipe(retry({ delay: () => timer(Math.random() * 2000) }));`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'retry({ delay }) whose delay function can error its notifier gives up there: no cap is missing',
      code: `import { retry, throwError, timer } from 'rxjs';
export const prices$ = this.http.get('/api/prices').pipe(
  retry({ delay: (error) => (error.status >= 500 ? timer(Math.random() * 2000) : throwError(() => error)) }),
);`,
      findings: [],
    },
    {
      title: 'retry({ delay }) whose delay function can complete (EMPTY) gives up there too; its fixed wait has no jitter',
      code: `import { EMPTY, retry, timer } from 'rxjs';
export const prices$ = this.http.get('/api/prices').pipe(
  retry({ delay: (error) => (error.status === 404 ? EMPTY : timer(1000)) }),
);`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'retry({ delay }) that waits for a user to confirm works out no time: its wait is out of sight, not a fixed one',
      code: `import { retry, throwError } from 'rxjs';
export const prices$ = this.http.get('/api/prices').pipe(
  retry({ delay: (error) => (error.status >= 500 ? this.dialog.confirmRetry() : throwError(() => error)) }),
);`,
      findings: [],
    },
    {
      title: 'retry({ delay }) whose timer is sized by a strategy out of sight: its wait is not judged',
      code: `import { retry, throwError, timer } from 'rxjs';
export const prices$ = this.http.get('/api/prices').pipe(
  retry({ delay: (error, count) => (this.strategy.shouldRetry(count) ? timer(this.strategy.delayMs(count)) : throwError(() => error)) }),
);`,
      findings: [],
    },
    {
      title: 'retry({ delay }) whose timer is sized by a doubling written out has no jitter',
      code: `import { retry, throwError, timer } from 'rxjs';
export const prices$ = this.http.get('/api/prices').pipe(
  retry({ delay: (error, count) => (count < 4 ? timer(Math.min(1000 * 2 ** count, 8000)) : throwError(() => error)) }),
);`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'retry(Infinity) written out never stops',
      code: `import { retry } from 'rxjs/operators';
export const ticks$ = source$.pipe(retry(Infinity));`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'a count with a fixed delay has no jitter',
      code: `import { retry } from 'rxjs';
export const prices$ = this.http.get('/api/prices').pipe(retry({ count: 3, delay: 1000 }));`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a retryWhen notifier that never gives up is unbounded',
      code: `import { delay, retryWhen } from 'rxjs/operators';
export const feed$ = socket$.pipe(retryWhen((errors) => errors.pipe(delay(Math.random() * 5000))));`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'a notifier handed to a helper of another file (a call of it, or the errors passed to it) decides out of sight: silent',
      code: `import { retryWhen } from 'rxjs/operators';
import { backoffStrategy } from './retry-strategies';
import { Shared } from './shared';
export const feed$ = socket$.pipe(retryWhen(backoffStrategy({ maxAttempts: 3 })));
export const quotes$ = quoteSocket$.pipe(retryWhen((errors) => Shared.onRetryWhen(errors)));`,
      findings: [],
    },
    {
      title: 'a notifier handed to a function of the file is read there: one that never gives up is unbounded, one that takes 3 is capped',
      code: `import { delay, retryWhen, take } from 'rxjs/operators';
function forever(errors) { return errors.pipe(delay(1000)); }
const threeTimes = (errors) => errors.pipe(delay(Math.random() * 1000), take(3));
export const feed$ = socket$.pipe(retryWhen((errors) => forever(errors)));
export const quotes$ = quoteSocket$.pipe(retryWhen(threeTimes));`,
      findings: [[4, 'unbounded-retry']],
    },
    {
      title: "rxjs 5's dot-chained .retry() without a count never stops",
      code: `import 'rxjs/add/operator/retry';
export const load = () => this.http.get('/api/items').map((res) => res.json()).retry();`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'a config out of sight says nothing',
      code: `import { retry } from 'rxjs';
export const withRetry = (source$, config) => source$.pipe(retry(config));`,
      findings: [],
    },
    {
      title: 'a retried POST observable re-sends it without a key',
      code: `import { retry, timer } from 'rxjs';
export const submit = (order) => this.http.post('/api/orders', order).pipe(
  retry({ count: 2, delay: () => timer(Math.random() * 1000) }),
);`,
      findings: [[2, 'missing-idempotency-key']],
    },
    {
      title: 'catchError that hands back its source after a timer re-subscribes forever',
      code: `import { catchError, concat, mergeMap, of, throwError, timer } from 'rxjs';
export const reconnecting = (source$) => source$.pipe(
  catchError((err, caught) => {
    if (err instanceof ConnectionFailedError) return concat(of({ type: 'reconnect' }), timer(1000).pipe(mergeMap(() => caught)));
    return throwError(() => err);
  }),
);`,
      findings: [[3, 'unbounded-retry']],
      messages: ['its selector hands back the source (`caught`) with no count'],
    },
    {
      title: 'catchError that counts its re-subscriptions is not unbounded, but re-subscribing at once has no wait',
      code: `import { catchError, throwError } from 'rxjs';
let failures = 0;
export const reconnecting = (source$) => source$.pipe(
  catchError((err, caught) => (failures++ < 3 ? caught : throwError(() => err))),
);`,
      findings: [[4, 'retry-without-jitter']],
      messages: ['retries immediately'],
    },
    ...([['timer(waitTime)', [[6, 'retry-without-jitter']]], ['timer(waitTime * (1 + Math.random()))', []]] as [string, [number, 'retry-without-jitter'][]][]).map(([wait, findings]) => ({
      title: findings.length > 0
        ? 'a notifier written for `retryWhen` in another file (errors piped to a timer) is read where it is written: a fixed wait has no jitter'
        : 'the same notifier with a random part in its wait is silent',
      code: `import { Observable, throwError, timer } from 'rxjs';
import { mergeMap } from 'rxjs/operators';

const defaultParams = { maxAttempts: 3, waitTime: 100 };

export const genericRetryStrategy = (params = {}) => (attempts: Observable<any>) =>
  attempts.pipe(
    mergeMap((error, i) => {
      const { maxAttempts, waitTime } = { ...defaultParams, ...params };
      if (i + 1 > maxAttempts || error.status < 500) {
        return throwError(error);
      }
      return ${wait};
    }),
  );`,
      findings,
    })),
    {
      title: 'a notifier that never gives up, written for another file, is unbounded',
      code: `import { timer } from 'rxjs';
import { concatMap } from 'rxjs/operators';
export function retryForever(errors) {
  return errors.pipe(concatMap(() => timer(1000 + Math.random() * 1000)));
}`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'an operator that spaces out values (`source.pipe(concatMap((item) => of(item).pipe(delay(500))))`) is no notifier: silent',
      code: `import { of } from 'rxjs';
import { concatMap, delay } from 'rxjs/operators';
export const spaced = (source) => source.pipe(concatMap((item) => of(item).pipe(delay(500))));`,
      findings: [],
    },
    {
      title: 'a pipe of a parameter that maps values to timers is no notifier unless its operator is handed errors to map (no timer: silent)',
      code: `import { mergeMap, map } from 'rxjs/operators';
export const doubled = (values$) => values$.pipe(mergeMap((value) => fetchDouble(value)), map((x) => x * 2));`,
      findings: [],
    },
    {
      title: 'catchError that recovers with another value does not re-subscribe',
      code: `import { catchError, of } from 'rxjs';
export const safe = (source$) => source$.pipe(catchError((err) => of(null)));`,
      findings: [],
    },
    {
      title: 'a service\'s method that makes an operator of its own (`this.retryService.retry()`) in a pipe: out of sight, silent',
      code: `import { HttpClient } from '@angular/common/http';
export class UserService {
  constructor(private http: HttpClient, private retryService: RetryRequestService) {}
  putUser(params) { return this.http.put('/admin/user', params).pipe(this.retryService.retry()); }
}`,
      findings: [],
    },
    {
      title: 'rxjs\'s own operator reached through a namespace import (`operators.retry()`) retries forever',
      code: `import * as operators from 'rxjs/operators';
export const user$ = (http) => http.get('/admin/user').pipe(operators.retry());`,
      findings: [[2, 'unbounded-retry']],
    },
  ]);
});
