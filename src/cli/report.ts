// The scan's results in ESLint's shape (the `json` format, and what the other formats read),
// and the totals that decide the exit code.
import type { Finding } from '../analysis/types';
import type { FileResult } from './scan-file';

/** One message, as ESLint's JSON formatter writes it: 1-based lines and columns. */
export interface EslintMessage {
  ruleId: string | null;
  /** 1 warning, 2 error. */
  severity: 1 | 2;
  message: string;
  line?: number;
  column?: number;
  nodeType: null;
  messageId?: string;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
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
}

/** `error` findings are errors; `warning` and `info` findings are warnings. */
export function severityOf(finding: Finding): 1 | 2 {
  return finding.severity === 'error' ? 2 : 1;
}

export function toEslintResult(result: FileResult): EslintResult {
  const messages: EslintMessage[] = result.findings.map((finding) => {
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
  });
  // Like ESLint's "File ignored…" warnings: no rule, no position.
  if (result.skipped) messages.unshift({ ruleId: null, fatal: false, severity: 1, message: result.skipped, nodeType: null });
  const errorCount = messages.filter((message) => message.severity === 2).length;
  return {
    filePath: result.file,
    messages,
    suppressedMessages: [],
    errorCount,
    fatalErrorCount: 0,
    warningCount: messages.length - errorCount,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
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
