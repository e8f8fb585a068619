// The scan's results in ESLint's shape (the `json` format, and what the other formats read),
// and the totals that decide the exit code.
import type { DisableDirective, Finding } from '../analysis/types';
import { safelyFixable } from './fix';
import type { FileResult } from './scan-file';

/**
 * ESLint's severities, and 0 for a notice. ESLint itself reports an ignored file as a warning (severity
 * 1, counted in warningCount, so `--max-warnings 0` fails on it unless `--no-warn-ignored` is given);
 * here a file that was not analysed (too large, not a regular file, out of time) is no problem in the
 * code, so it must not count towards --max-warnings. Severity 0 keeps it out of every count while the
 * message still shows; ESLint's own formatters print such a row as a warning without counting it.
 */
export type EslintSeverity = 0 | 1 | 2;

/** One message, as ESLint's JSON formatter writes it: 1-based lines and columns. */
export interface EslintMessage {
  ruleId: string | null;
  /** 2 an error, 1 a warning, 0 a notice (a file not read or not fully analysed: not a problem). */
  severity: EslintSeverity;
  message: string;
  line?: number;
  column?: number;
  nodeType: null;
  messageId?: string;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  /** In `suppressedMessages`: what switched it off (ESLint's shape). */
  suppressions?: { kind: 'directive' | 'external'; justification: string }[];
}

/** One file, as ESLint's JSON formatter writes it. */
export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: never[];
  /** The fixed text (`--fix-dry-run`), where a fix applied. */
  output?: string;
}

/** `error` findings are errors; `warning` and `info` findings are warnings. */
export function severityOf(finding: Finding): 1 | 2 {
  return finding.severity === 'error' ? 2 : 1;
}

/** `unusedDirectives`: the severity of a message for each disable comment that switched nothing off (0: none). */
export function toEslintResult(result: FileResult, unusedDirectives: EslintSeverity = 0): EslintResult {
  const messages: EslintMessage[] = result.findings.map(toMessage);
  if (unusedDirectives > 0) messages.push(...(result.unusedDirectives ?? []).map((directive) => unusedDirectiveMessage(directive, unusedDirectives)));
  messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  // Like ESLint's "File ignored…" and parsing-error messages: no rule, no position.
  if (result.skipped) messages.unshift({ ruleId: null, fatal: false, severity: 0, message: result.skipped, nodeType: null });
  if (result.error) messages.unshift({ ruleId: null, fatal: true, severity: 2, message: result.error, nodeType: null });
  // As ESLint words it: "Parsing error: ';' expected." at the error's place.
  if (result.parseError) {
    const { message, line, column } = result.parseError;
    messages.unshift({ ruleId: null, fatal: true, severity: 2, message: `Parsing error: ${message}`, line, column, nodeType: null });
  }
  const count = (severity: EslintSeverity) => messages.filter((message) => message.severity === severity).length;
  const fixable = safelyFixable(result.findings);
  const eslintResult: EslintResult = {
    filePath: result.file,
    messages,
    suppressedMessages: (result.suppressed ?? []).map((finding) => ({ ...toMessage(finding), suppressions: finding.suppressions })),
    errorCount: count(2),
    fatalErrorCount: messages.filter((message) => message.fatal).length,
    warningCount: count(1),
    fixableErrorCount: fixable.filter((finding) => severityOf(finding) === 2).length,
    fixableWarningCount: fixable.filter((finding) => severityOf(finding) === 1).length,
    usedDeprecatedRules: [],
  };
  if (result.output !== undefined) eslintResult.output = result.output;
  return eslintResult;
}

function toMessage(finding: Finding): EslintMessage {
  const message: EslintMessage = {
    ruleId: finding.ruleId,
    severity: severityOf(finding),
    message: finding.message,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    nodeType: null,
  };
  if (finding.messageId) message.messageId = finding.messageId;
  message.endLine = finding.range.end.line + 1;
  message.endColumn = finding.range.end.character + 1;
  return message;
}

/** ESLint's words for an unused directive: "Unused eslint-disable directive (no problems were reported from 'x')." */
function unusedDirectiveMessage(directive: DisableDirective, severity: EslintSeverity): EslintMessage {
  const name = `${directive.source}-${directive.kind}`;
  const prefix = directive.source === 'eslint' ? 'integration-coach/' : '';
  const from = directive.rules === 'all' ? '' : ` from ${directive.rules.map((rule) => `'${prefix}${rule}'`).join(' or ') || 'the rules it names (none of them is an Integration Coach rule)'}`;
  return {
    ruleId: null,
    severity,
    message: `Unused ${name} directive (no problems were reported${from}).`,
    line: directive.range.start.line + 1,
    column: directive.range.start.character + 1,
    nodeType: null,
  };
}

export interface Totals {
  errorCount: number;
  warningCount: number;
}

export function totals(results: EslintResult[]): Totals {
  let errorCount = 0;
  let warningCount = 0;
  for (const result of results) {
    errorCount += result.errorCount;
    warningCount += result.warningCount;
  }
  return { errorCount, warningCount };
}
