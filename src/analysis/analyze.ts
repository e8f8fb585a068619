// The entry points of the core: parse once (syntax only), walk once, run the enabled rules over
// the shared facts, drop suppressed findings. Never throws: any input gives a result.
import ts from 'typescript';
import { DEFAULT_MAX_FILE_SIZE_BYTES, DEFAULT_TIME_BUDGET_MS } from './defaults';
import { mayContainRetry } from './pre-check';
import { detectRetries } from './retry-detection';
import { findRequests, type HttpRequest } from './requests';
import { RETRY_HELPER_WORD } from './vocabulary';
import { allRules } from './rules/index';
import { type Rule, type RuleContext, type RuleReport, toFinding } from './rule-kit';
import { indexSource } from './source-index';
import { NestedTooDeeply, setRunSourceFile, TimeBudgetExceeded, withinRun } from './run-context';
import { applyDirectives, findDirectives, mayHoldDirective } from './suppressions';
import type { AnalysisResult, AnalyzeOptions, FileReading, Finding, KeptReading, Severity } from './types';


/** How much of the start of a file is checked for NUL characters, the sign of a binary file. */
const BINARY_SNIFF_LENGTH = 8192;

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS, '.mts': ts.ScriptKind.TS, '.cts': ts.ScriptKind.TS, '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS, '.mjs': ts.ScriptKind.JS, '.cjs': ts.ScriptKind.JS, '.jsx': ts.ScriptKind.JSX,
};

/** The script kind for a file name, by extension; TypeScript for anything else (it parses JavaScript too). */
export function scriptKindFor(fileName: string): ts.ScriptKind {
  const match = /\.[cm]?[jt]sx?$/i.exec(fileName);
  return (match && SCRIPT_KINDS[match[0].toLowerCase()]) || ts.ScriptKind.TS;
}

/**
 * How the core parses: no JSDoc, which no rule reads. Hosts that parse for the core use the same. The user's
 * TypeScript (a peer dependency from 5.0) may predate the option (5.3): it then parses JSDoc, and nothing else changes.
 */
export const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode?.ParseNone };

/**
 * Analyses source text. Skips (and says so) files over the size limit and binary-looking text.
 * Files whose tokens hold nothing a retry is made of are not parsed (`options.preCheck`).
 * Never throws: a failure or a run past the time budget comes back as `skipped` with its reason.
 */
export function analyzeSource(text: string, fileName: string, options: AnalyzeOptions = {}): AnalysisResult {
  const skipped = skippedBeforeParse(text, options);
  if (skipped) return skipped;
  return guarded(options, undefined, () => {
    if (options.preCheck !== false && !mayContainRetry(text, fileName, options)) return directivesOnly(text, fileName, options);
    const noteReading = (reading: FileReading) => options.project?.noteAnalysis?.(fileName, text, reading);
    // A module the project index parsed for the files that import it is not parsed again.
    const kept = options.project?.takeParse?.(fileName, text, options);
    if (kept) {
      setRunSourceFile(kept.index.sourceFile);
      return withSyntaxError(kept.index.sourceFile, runRules(kept.index.sourceFile, options, noteReading, kept));
    }
    // No JSDoc parsing (no rule reads it), and no separate pass for parent pointers: the one walk in
    // source-index.ts sets them as it goes, as it must for ASTs from the ESLint host anyway.
    const sourceFile = parseOrNotice(() => ts.createSourceFile(fileName, text, PARSE_OPTIONS, false, scriptKindFor(fileName)));
    setRunSourceFile(sourceFile);
    return withSyntaxError(sourceFile, runRules(sourceFile, options, noteReading));
  });
}

/**
 * Analyses the tree a host's own parser gives (the editor's incremental parse): a parser that runs out
 * of stack gets the same notice as analyzeSource's. Never throws.
 */
export function analyzeParsed(parse: () => ts.SourceFile, options: AnalyzeOptions = {}): AnalysisResult {
  return guarded(options, undefined, () => {
    const sourceFile = parseOrNotice(parse);
    setRunSourceFile(sourceFile);
    return withSyntaxError(sourceFile, runRules(sourceFile, options));
  });
}

/**
 * The parser's first error, from the diagnostics TypeScript keeps on the tree it made (`parseDiagnostics`, which
 * typescript-eslint reads too; not in TypeScript's declarations, so read with care: absent, nothing is said).
 */
function withSyntaxError(sourceFile: ts.SourceFile, result: AnalysisResult): AnalysisResult {
  const first = (sourceFile as ts.SourceFile & { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics?.[0];
  if (!first || first.start === undefined) return result;
  const start = sourceFile.getLineAndCharacterOfPosition(first.start);
  const end = sourceFile.getLineAndCharacterOfPosition(first.start + (first.length ?? 0));
  return { ...result, syntaxError: { message: ts.flattenDiagnosticMessageText(first.messageText, ' '), range: { start, end } } };
}

/** TypeScript's parser recurses, so code nested deep enough overflows its stack: that is the nesting notice. */
function parseOrNotice(parse: () => ts.SourceFile): ts.SourceFile {
  try {
    return parse();
  } catch (error) {
    if (isStackOverflow(error)) throw new NestedTooDeeply();
    throw error;
  }
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** The notice for a file over the size limit; hosts that refuse a file before reading it say the same. */
/**
 * The files not analysed at all, decided from the text before any parse: not a string, over the size
 * limit, binary, minified. Every host that parses by itself (the editor's incremental parse) asks this first.
 */
export function skippedBeforeParse(text: string, options: AnalyzeOptions = {}): AnalysisResult | undefined {
  if (typeof text !== 'string') return { findings: [], skipped: `Not analysed: the source must be a string, not ${typeName(text)}.`, skipReason: 'failed' };
  const limit = sizeLimit(options);
  if (utf8Length(text, limit) > limit) return { findings: [], skipped: tooLargeNotice(limit), skipReason: 'too-large' };
  if (text.slice(0, BINARY_SNIFF_LENGTH).includes('\0')) return { findings: [], skipped: 'File looks binary (it contains NUL characters); not analysed.', skipReason: 'binary' };
  if (options.skipMinified !== false && looksMinified(text)) return { findings: [], skipped: MINIFIED_NOTICE, skipReason: 'minified' };
  return undefined;
}

export function tooLargeNotice(limit: number): string {
  return `File is larger than the ${limit}-byte limit (maxFileSizeBytes); not analysed.`;
}

/** Analyses source text and returns the findings only. */
export function analyze(text: string, fileName: string, options: AnalyzeOptions = {}): Finding[] {
  return analyzeSource(text, fileName, options).findings;
}

/**
 * Analyses a SourceFile parsed elsewhere (the ESLint plugin gets one from typescript-eslint's
 * parser services). Parent pointers are filled in if the parser did not set them. Never throws;
 * a host that must surface a crash (ESLint) checks `skipReason === 'failed'`.
 */
export function analyzeSourceFile(sourceFile: ts.SourceFile, options: AnalyzeOptions = {}): AnalysisResult {
  return guarded(options, sourceFile, () => runRules(sourceFile, options));
}

/** Runs one analysis within its time budget, turning a run past it, or any failure, into a skip notice. */
function guarded(options: AnalyzeOptions, sourceFile: ts.SourceFile | undefined, run: () => AnalysisResult): AnalysisResult {
  try {
    return withinRun(timeBudget(options), sourceFile, run);
  } catch (error) {
    if (error instanceof TimeBudgetExceeded) return { findings: [], skipped: error.message, skipReason: 'time-budget' };
    if (error instanceof NestedTooDeeply) return { findings: [], skipped: error.message, skipReason: 'too-deep' };
    // Our own walks are iterative and bounded: an overflow past the parse is a defect of ours.
    if (isStackOverflow(error)) return { findings: [], skipped: 'Analysis failed: the analysis ran out of stack (a defect of Integration Coach; please report it).', skipReason: 'failed' };
    return { findings: [], skipped: `Analysis failed: ${error instanceof Error ? error.message : String(error)}`, skipReason: 'failed' };
  }
}

/** The size limit, or the default when the option is not a positive number (NaN must not turn the limit off). */
function sizeLimit(options: AnalyzeOptions): number {
  const limit = options.maxFileSizeBytes;
  return typeof limit === 'number' && limit > 0 ? limit : DEFAULT_MAX_FILE_SIZE_BYTES;
}

/** The time budget, or the default when the option is not a positive number. */
function timeBudget(options: AnalyzeOptions): number {
  const budget = options.timeBudgetMs;
  return typeof budget === 'number' && budget > 0 ? budget : DEFAULT_TIME_BUDGET_MS;
}

/**
 * Minified bundles: generated code whose names say nothing (`e`, `t`), so findings there would be noise
 * nobody can act on. A file of some size whose lines average over MINIFIED_LINE_LENGTH characters.
 */
const MINIFIED_MIN_SIZE = 4096;
const MINIFIED_LINE_LENGTH = 500;
const MINIFIED_NOTICE = 'File looks minified (its lines average over 500 characters); not analysed.';

function looksMinified(text: string): boolean {
  if (text.length < MINIFIED_MIN_SIZE) return false;
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0 && lines * MINIFIED_LINE_LENGTH < text.length; at = text.indexOf('\n', at + 1)) lines++;
  return lines * MINIFIED_LINE_LENGTH < text.length;
}

function typeName(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

const NO_REQUESTS: readonly HttpRequest[] = [];

/**
 * `noteReading`: told what the analysis read (a host's project index keeps it as the file's summary), for a
 * tree parsed as the index parses modules (analyzeSource's own parse). `kept`: the tree's index, and the retries
 * and requests read from it, made before (a module's parse that the project index kept).
 */
function runRules(sourceFile: ts.SourceFile, options: AnalyzeOptions, noteReading?: (reading: FileReading) => void, kept?: KeptReading): AnalysisResult {
  const enabled = allRules.map((rule) => ({ rule, severity: severityOf(rule, options) })).filter((entry) => entry.severity !== 'off');
  if (enabled.length === 0) return withDirectives(sourceFile, [], options);
  const index = kept?.index ?? indexSource(sourceFile);
  const imported = options.project?.importedRetries(sourceFile.fileName, index.imports);
  const retries = kept?.facts ?? detectRetries(index, options.retryHelpers, imported);
  let requests: readonly HttpRequest[] | undefined = kept?.requests;
  const readRequests = (): readonly HttpRequest[] => (requests ??= findRequests(index, retries, options.idempotencyHeaders ?? []));
  // The rules judge only retried requests (unless told to flag the others): where no retry, no retried client and
  // no retry helper's name is in sight, none is retried, and the requests are not read.
  const mayRetryRequests = retries.constructs.length > 0 || retries.clients.length > 0 || options.flagUnretriedRequests === true || RETRY_HELPER_WORD.test(index.text);
  const findings: Finding[] = [];
  for (const { rule, severity } of enabled) {
    const context: RuleContext = {
      index,
      retries,
      options,
      requests: () => (mayRetryRequests ? readRequests() : NO_REQUESTS),
      report: (report: RuleReport) => findings.push(toFinding(rule.meta, severity as Exclude<Severity, 'off'>, report, sourceFile)),
    };
    rule.check(context);
  }
  if (noteReading && imported) noteReading({ index, facts: retries, requests: readRequests(), imported, options });
  return withDirectives(sourceFile, onePerPlace(findings), options);
}

/** The findings in the order of the file, less those the file's directive comments switch off (listed apart). */
function withDirectives(sourceFile: ts.SourceFile, findings: Finding[], options: AnalyzeOptions): AnalysisResult {
  const directives = findDirectives(sourceFile, options.eslintDirectives !== false);
  const { reported, suppressed } = applyDirectives(findings, directives);
  const result: AnalysisResult = { findings: reported.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character) };
  if (suppressed.length > 0) result.suppressed = suppressed;
  if (directives) result.directives = directives;
  return result;
}

/**
 * A file the pre-check passes by has no finding; a host that reports unused directives (AnalyzeOptions.listDirectives)
 * still gets its directive comments, read from a parse made only when the text names one.
 */
function directivesOnly(text: string, fileName: string, options: AnalyzeOptions): AnalysisResult {
  if (!options.listDirectives || !mayHoldDirective(text, options.eslintDirectives !== false)) return { findings: [] };
  const sourceFile = parseOrNotice(() => ts.createSourceFile(fileName, text, PARSE_OPTIONS, false, scriptKindFor(fileName)));
  setRunSourceFile(sourceFile);
  return withDirectives(sourceFile, [], options);
}

/**
 * One finding of a rule per place: two ways of reading the same retry (a reconnect handler, and the catch of the
 * connect it calls) may both end at one call; the user is told once, by the first reading.
 */
function onePerPlace(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const place = `${finding.ruleId}:${finding.range.start.line}:${finding.range.start.character}`;
    if (seen.has(place)) return false;
    seen.add(place);
    return true;
  });
}

function severityOf(rule: Rule, options: AnalyzeOptions): Severity {
  return options.rules?.[rule.meta.id] ?? rule.meta.defaultSeverity;
}

/** The UTF-8 length of a string, counted only as far as needed to know it is over `limit`. */
function utf8Length(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
