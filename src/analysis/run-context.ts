// The state of the one analysis that is running: its source file and its deadline. The analysis is
// synchronous and single-threaded, so one run is active at a time (per thread), and the helpers
// deep in the recognisers read both from here instead of threading them through every call.
import ts from 'typescript';

/** Thrown when an analysis runs past its time budget; `analyzeSource` turns it into a notice. */
export class TimeBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`Analysis stopped after ${budgetMs} ms; the file was not fully checked.`);
  }
}

/**
 * How deep code may nest and still be analysed, in levels of the costliest construct for TypeScript's
 * parser (see source-index.ts). The parser recurses: on the main thread's stack it overflows at about
 * 550 levels of `A<A<…>>` (the costliest construct), in a worker (4 MB of stack) far deeper. Past this limit every thread gives the same
 * notice, so the CLI, the editor's worker and ESLint agree; real code nests a few dozen levels.
 */
export const MAX_SOURCE_NESTING = 400;

/** Thrown when the source nests deeper than MAX_SOURCE_NESTING, or the parser runs out of stack on it. */
export class NestedTooDeeply extends Error {
  constructor() {
    super(`File nests code more than ${MAX_SOURCE_NESTING} levels deep; not analysed.`);
  }
}

/** How many units of work pass between two looks at the clock (a power of two, minus one, as a mask). */
const CLOCK_CHECK_MASK = 1023;

let deadline = Infinity;
let budgetMs = Infinity;
let work = 0;
let currentSourceFile: ts.SourceFile | undefined;
/**
 * The function around each node asked about in this run (null: the file itself), kept for the run only: the
 * editor parses the next version of a file from the previous tree, reusing its nodes under new parents.
 */
let functionsAround = new WeakMap<ts.Node, ts.Node | null>();

/**
 * Runs one analysis with a deadline (`budget` ms from now) and, if given, the source file that
 * `nodeText` reads. Nested runs (a host calling the core from inside a run) keep the outer state.
 */
export function withinRun<T>(budget: number, sourceFile: ts.SourceFile | undefined, run: () => T): T {
  const outer = { deadline, budgetMs, currentSourceFile, functionsAround };
  budgetMs = budget;
  deadline = Number.isFinite(budget) ? performance.now() + budget : Infinity;
  currentSourceFile = sourceFile;
  functionsAround = new WeakMap();
  try {
    return run();
  } finally {
    ({ deadline, budgetMs, currentSourceFile, functionsAround } = outer);
  }
}

/** The run's record of the function around each node (see enclosingFunction in ast.ts). */
export function functionsAroundNodes(): WeakMap<ts.Node, ts.Node | null> {
  return functionsAround;
}

/** How long the current run may still take, in milliseconds (Infinity outside a run, or without a budget). */
export function remainingBudgetMs(): number {
  return Number.isFinite(deadline) ? Math.max(0, deadline - performance.now()) : Infinity;
}

/** Sets the source file `nodeText` reads, once the run has parsed it. */
export function setRunSourceFile(sourceFile: ts.SourceFile): void {
  currentSourceFile = sourceFile;
}

/** Counts one unit of work (a node visited, a token read); now and then, checks the deadline. */
export function spendWork(): void {
  if ((++work & CLOCK_CHECK_MASK) !== 0) return;
  if (performance.now() > deadline) throw new TimeBudgetExceeded(budgetMs);
}

/**
 * The source text of a node. `node.getText()` without a source file walks up every parent to find
 * it, which costs the nesting depth on every call; this reads the run's source file instead.
 */
export function nodeText(node: ts.Node): string {
  const sourceFile = currentSourceFile;
  if (!sourceFile) return node.getText();
  return sourceFile.text.slice(node.getStart(sourceFile), node.end);
}

/** The scanner that reads code text without comments: one for the thread, each call giving it its text. */
const codeScanner = ts.createScanner(ts.ScriptTarget.Latest, true);

/**
 * The text of a node with its comments left out (tokens joined by spaces): for the few readings that
 * match words (`throw`, `null`) in a helper's text, so that `// never throws` is not read as a throw.
 */
export function codeText(node: ts.Node): string {
  const text = nodeText(node);
  if (!text.includes('//') && !text.includes('/*')) return text;
  const tokens: string[] = [];
  codeScanner.setText(text);
  for (let kind = codeScanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = codeScanner.scan()) {
    spendWork();
    tokens.push(codeScanner.getTokenText());
  }
  codeScanner.setText(undefined);
  return tokens.join(' ');
}

/** The text of a node that may be absent, or `fallback`. */
export function textOr(node: ts.Node | undefined, fallback = ''): string {
  return node ? nodeText(node) : fallback;
}
