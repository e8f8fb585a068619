// Every retry in a file, found once and shared by the four rules: loops, recursion, axios
// interceptors, libraries and operators, calls to helpers named for retrying, reconnects that go
// round through several functions, a catch that waits and makes the failed call once more, and a catch
// that hands the failed job back to its queue after a wait, reconnects that call a function they
// were handed after a wait, intervals that try to connect until a connect succeeds, and consumed messages
// handed back to the broker to be delivered again, and clients the registry does not know told to retry forever.
import type { ExportedRetry } from './project/module-summary';
import type { RetriedClient, RetryConstruct, RetryFacts } from './retry-model';
import { fieldsComparedInFile } from './counters';
import { findLibraryRetries } from './retry-libraries';
import { findRetryLoops } from './retry-loops';
import { findInterceptorRetries, findRecursiveRetries } from './retry-recursion';
import { findReconnectChains } from './reconnect-chains';
import { findCatchRetries } from './catch-retries';
import { findRequeues, findScheduledRetries } from './requeues';
import { findHandedReconnects } from './handed-reconnects';
import { findIntervalRetries } from './interval-retries';
import { findRedeliveries } from './redeliveries';
import { findUnlimitedAttemptOptions } from './unlimited-attempt-options';
import { withInstanceMethods } from './imported-instances';
import { callsNamed, type SourceIndex } from './source-index';
import { toldNoRetries } from './requests';

/**
 * `imported`: what the file's imported names stand for in retry terms (an imported helper that retries the
 * callback it is handed, a client configured to retry in another file), where the host follows imports.
 */
export function detectRetries(index: SourceIndex, retryHelpers: readonly string[] = [], importedNames: ReadonlyMap<string, ExportedRetry> = NO_IMPORTS): RetryFacts {
  const imported = withInstanceMethods(importedNames, index);
  for (const [name, exported] of imported) if (exported.kind === 'no-retry') index.importedDelays.set(name, exported.delay);
  const libraries = findLibraryRetries(index, retryHelpers, imported);
  const interceptors = findInterceptorRetries(index);
  const constructs = [
    ...findRetryLoops(index),
    ...findRecursiveRetries(index),
    ...interceptors.constructs,
    ...libraries.constructs,
  ];
  constructs.push(...findReconnectChains(index, constructs));
  constructs.push(...findCatchRetries(index, constructs));
  constructs.push(...findRequeues(index, constructs));
  constructs.push(...findScheduledRetries(index, constructs));
  constructs.push(...findHandedReconnects(index, constructs));
  constructs.push(...findIntervalRetries(index, constructs));
  constructs.push(...findRedeliveries(index, constructs));
  constructs.push(...findUnlimitedAttemptOptions(index, constructs));
  constructs.sort((a, b) => a.report.start - b.report.start);
  stopsDecidedElsewhere(constructs, index);
  return {
    constructs, clients: [...libraries.clients, ...interceptors.clients, ...importedClients(imported, index)], notRetrying: notRetrying(imported), importedMethods: importedMethods(imported),
  };
}

const NO_IMPORTS: ReadonlyMap<string, ExportedRetry> = new Map();

/**
 * A retry whose count is never compared on its own ways round, where another function of the file holds that count
 * to a limit (`if (this.currentRetries > this.maxRetries) return;` before it calls the reconnect): the stop may be
 * on the way in, so whether it is capped is not known here.
 */
function stopsDecidedElsewhere(constructs: RetryConstruct[], index: SourceIndex): void {
  let compared: ReadonlySet<string> | undefined;
  for (const construct of constructs) {
    const bound = construct.bound;
    if (bound.capped !== false || bound.reason !== 'never-compared' || !bound.counter?.includes('.')) continue;
    compared ??= fieldsComparedInFile(index.sourceFile);
    if (compared.has(bound.counter)) construct.bound = { capped: 'unknown' };
  }
}

/** Imported clients and request helpers that retry, by the local name requests go through. */
function importedClients(imported: ReadonlyMap<string, ExportedRetry>, index: SourceIndex): RetriedClient[] {
  const clients: RetriedClient[] = [];
  for (const [name, exported] of imported) {
    if (exported.kind === 'retried-client') {
      clients.push({ name, label: `\`${name}\` client from ${exported.where} (${exported.label})`, coversPost: exported.coversPost, imported: { waits: exported.waits } });
    }
    // A helper that sends its own key is covered for POST: the key is there.
    if (exported.kind === 'request-helper') {
      // `fetchWithRetry(url, init, 0)`: a call that turns the helper's retries off for itself.
      const notRetried = new Set(callsNamed(index, name).filter((call) => toldNoRetries(call, index)));
      clients.push({ name, label: `\`${name}\` helper (its retry is in ${exported.where})`, coversPost: exported.coversPost && !exported.sendsKey, notRetried });
    }
  }
  return clients;
}

function importedMethods(imported: ReadonlyMap<string, ExportedRetry>): Map<string, string> {
  const methods = new Map<string, string>();
  for (const [name, exported] of imported) if (exported.kind === 'request-helper' && exported.method) methods.set(name, exported.method);
  return methods;
}

/** Imported functions read to re-run nothing their caller hands them, whatever their names say. */
function notRetrying(imported: ReadonlyMap<string, ExportedRetry>): Set<string> {
  return new Set([...imported].filter(([, exported]) => exported.kind === 'no-retry' || (exported.kind === 'request-helper' && exported.sendsKey)).map(([name]) => name));
}
