// Every retry in a file, found once and shared by the four rules: loops, recursion, axios
// interceptors, libraries and operators, calls to helpers named for retrying, reconnects that go
// round through several functions, a catch that waits and makes the failed call once more, and a catch
// that hands the failed job back to its queue after a wait, and reconnects that call a function they
// were handed after a wait.
import type { RetryFacts } from './retry-model';
import { findLibraryRetries } from './retry-libraries';
import { findRetryLoops } from './retry-loops';
import { findInterceptorRetries, findRecursiveRetries } from './retry-recursion';
import { findReconnectChains } from './reconnect-chains';
import { findCatchRetries } from './catch-retries';
import { findRequeues } from './requeues';
import { findHandedReconnects } from './handed-reconnects';
import type { SourceIndex } from './source-index';

export function detectRetries(index: SourceIndex, retryHelpers: readonly string[] = []): RetryFacts {
  const libraries = findLibraryRetries(index, retryHelpers);
  const constructs = [
    ...findRetryLoops(index),
    ...findRecursiveRetries(index),
    ...findInterceptorRetries(index),
    ...libraries.constructs,
  ];
  constructs.push(...findReconnectChains(index, constructs));
  constructs.push(...findCatchRetries(index, constructs));
  constructs.push(...findRequeues(index, constructs));
  constructs.push(...findHandedReconnects(index, constructs));
  constructs.sort((a, b) => a.report.start - b.report.start);
  return { constructs, clients: libraries.clients };
}
