// What the registry says of each retrying library, client or framework. Each file in this folder
// exports one `LibrarySpec`: data first (where it is imported from, the names that give it away, its
// documented defaults), then the recogniser that reads a call of it into the retry model.
// The pre-check and the recognisers read these specs; no list of library names is kept anywhere else.
import type ts from 'typescript';
import type { RetriedClient, RetryConstruct } from '../retry-model';
import type { SourceIndex } from '../source-index';

/** A library's behaviour when the code sets no option, as its documentation states it. */
export interface LibraryDefaults {
  /** Retries after the first attempt (or reconnects), `'unlimited'` when it never stops by itself. */
  retries: number | 'unlimited';
  /** The default wait, in words (shown in messages). */
  delay: string;
  /** Whether the default waits are randomised. */
  jitter: boolean;
  /** Whether a failed POST is sent again by default (`'not-http'` for sockets and queues). */
  retriesPost: boolean | 'not-http';
  /** Whether the library adds an idempotency key to the requests it retries. */
  addsIdempotencyKey: boolean;
}

/** The option names a library reads for each part of its retry policy. */
export interface LibraryOptionNames {
  attempts?: string;
  totalTime?: string;
  delay?: string;
  jitter?: string;
  strategy?: string;
}

export interface LibrarySpec {
  /** The npm package (or family) name: `p-retry`, `socket.io-client`. */
  id: string;
  /** How people (and the README's list of libraries) name it, where that is not its id: `MQTT.js`, `TanStack Query`. */
  title?: string;
  /** Where the defaults below were read. */
  docs: string;
  /** Module specifiers that import it (`import … from`, `require(…)`). */
  modules: readonly string[];
  /**
   * The exports that start a retry when called: `default` for the default import, a namespace import or
   * `require(…)`; otherwise the named export (`backOff`). Other imports of the module (`isNetworkError`) are not retries.
   */
  entries: readonly string[];
  /**
   * Names in code that give it away without an import: a conventional local name (`pRetry`), a
   * global (`signalR`), or an option or method only it uses (`withAutomaticReconnect`, `reconnectionAttempts`).
   * A file holding none of these and none of `modules` cannot use the library: the pre-check relies on it.
   */
  names: readonly string[];
  options: LibraryOptionNames;
  defaults: LibraryDefaults;
  /** Reads one call or `new` into the model; true when the site was this library's (so no other recogniser looks at it). */
  recognise(site: ts.CallExpression | ts.NewExpression, context: LibraryContext): boolean;
  /** Reads what the file holds outside calls (a config object kept in a `const`), after every call was offered. */
  recogniseFile?(context: LibraryContext): void;
}

export interface LibraryFacts {
  constructs: RetryConstruct[];
  clients: RetriedClient[];
}

export interface LibraryContext {
  index: SourceIndex;
  facts: LibraryFacts;
  /** Option properties already read into a construct, so that a second way to reach them adds nothing. */
  claimed: Set<ts.Node>;
}
