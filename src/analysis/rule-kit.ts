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
}

export interface RuleContext {
  index: SourceIndex;
  retries: RetryFacts;
  /** The file's requests, recognised on first use (only the idempotency rules need them). */
  requests(): HttpRequest[];
  options: AnalyzeOptions;
  report(report: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
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
  return finding;
}

function toFix(fix: OffsetFix, sourceFile: ts.SourceFile): Fix {
  return { title: fix.title, edits: fix.edits.map((edit) => ({ range: spanToRange(edit, sourceFile), newText: edit.newText })) };
}

function spanToRange(span: Span, sourceFile: ts.SourceFile): Finding['range'] {
  return { start: sourceFile.getLineAndCharacterOfPosition(span.start), end: sourceFile.getLineAndCharacterOfPosition(span.end) };
}
