// What a rule gets to work with, and how it reports. A rule reads the file's shared facts (the
// retries, the requests) and reports findings by message id; the kit fills in the rest.
import type ts from 'typescript';
import type { OffsetFix } from './edits';
import type { HttpRequest } from './requests';
import type { RetryFacts, Span } from './retry-model';
import type { SourceIndex } from './source-index';
import type { AnalyzeOptions, Finding, Fix, RuleMeta, Severity } from './types';

export interface RuleReport {
  messageId: string;
  data?: Record<string, string>;
  span: Span;
  fixes?: OffsetFix[];
  /** Other places the finding speaks of (the retry, for a request reported where it is sent). */
  related?: RelatedPlace[];
}

/** A place in the file a finding names, and what it is. */
export interface RelatedPlace {
  span: Span;
  message: string;
}

export interface RuleContext {
  index: SourceIndex;
  retries: RetryFacts;
  /** The file's requests, recognised on first use (only the idempotency rules need them). */
  requests(): readonly HttpRequest[];
  options: AnalyzeOptions;
  report(report: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

// ---------------------------------------------------------------------------------------------
// Short quotes of code, so that a message's first sentence stays within 120 characters

/** The longest code a message quotes in its first sentence; longer code is cut with "…". */
export const MAX_QUOTED_CODE = 40;
/** The longest construct label a first sentence names ("`while (…)` retry loop"); the catalog's templates leave room for it. */
export const MAX_LABEL = 56;
/** A quoted span is never cut shorter than this: below it the code is no longer recognisable. */
const MIN_QUOTED_CODE = 8;

/** Code cut to `max` characters with "…", at a space when one falls in the second half (`for (let i = 0; i < n; …`). */
export function shortCode(code: string, max = MAX_QUOTED_CODE): string {
  const text = code.replace(/\s+/g, ' ');
  if (text.length <= max) return text;
  const kept = text.slice(0, max - 1);
  const space = kept.lastIndexOf(' ');
  return `${space >= max / 2 ? kept.slice(0, space + 1) : kept}…`;
}

/**
 * A construct's label (from the model, "`while (attempts < max && !done)` retry loop") made to fit
 * `max` characters: its quoted spans are cut (each to at most `MAX_QUOTED_CODE`, then the last first, down to
 * `MIN_QUOTED_CODE`), and as a last resort the words too (the label's backticks stay paired).
 */
export function shortLabel(label: string, max = MAX_LABEL): string {
  const parts = label.split('`');
  // Odd indexes are the quoted code (a label with unpaired backticks is cut as plain text).
  const quoted = (index: number) => parts.length % 2 === 1 && index % 2 === 1;
  // Each span's limit. The last span gives up its characters first: a label names what retries before where or
  // on what (`fetchWithBackoff` call (its retry is in `src/utils/h…`), `axiosRetry` on `client`).
  const limits = parts.map((part, index) => (quoted(index) ? Math.min(part.replace(/\s+/g, ' ').length, MAX_QUOTED_CODE) : 0));
  for (let index = parts.length - 2; index >= 1; index -= 2) {
    if (!quoted(index)) break;
    for (; limits[index]! > MIN_QUOTED_CODE; limits[index]!--) {
      const text = parts.map((part, at) => (quoted(at) ? shortCode(part, limits[at]!) : part)).join('`');
      if (text.length <= max) return text;
    }
  }
  const text = parts.map((part, at) => (quoted(at) ? shortCode(part, limits[at]!) : part)).join('`');
  if (text.length <= max) return text;
  const cut = shortCode(parts.map((part, index) => (quoted(index) ? shortCode(part, MIN_QUOTED_CODE) : part)).join('`'), max - 1);
  return (cut.split('`').length - 1) % 2 === 1 ? `${cut}\`` : cut;
}

/** Fills `{{name}}` placeholders. Unknown names stay as they are, so a missing value shows. */
export function formatMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => data[name] ?? whole);
}

export function toFinding(meta: RuleMeta, severity: Exclude<Severity, 'off'>, report: RuleReport, sourceFile: ts.SourceFile): Finding {
  const finding: Finding = {
    ruleId: meta.id,
    message: formatMessage(meta.messages[report.messageId] ?? report.messageId, report.data),
    severity,
    range: spanToRange(report.span, sourceFile),
    lessonSection: meta.lessonSection,
    messageId: report.messageId,
    data: report.data,
  };
  if (report.fixes && report.fixes.length > 0) finding.fixes = report.fixes.map((fix) => toFix(fix, sourceFile));
  if (report.related && report.related.length > 0) {
    finding.related = report.related.map((place) => ({ range: spanToRange(place.span, sourceFile), message: place.message }));
  }
  return finding;
}

function toFix(fix: OffsetFix, sourceFile: ts.SourceFile): Fix {
  const converted: Fix = { title: fix.title, edits: fix.edits.map((edit) => ({ range: spanToRange(edit, sourceFile), newText: edit.newText })) };
  if (fix.safe) converted.safe = true;
  return converted;
}

function spanToRange(span: Span, sourceFile: ts.SourceFile): Finding['range'] {
  return { start: sourceFile.getLineAndCharacterOfPosition(span.start), end: sourceFile.getLineAndCharacterOfPosition(span.end) };
}
