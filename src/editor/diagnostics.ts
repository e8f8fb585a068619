// Findings → VS Code diagnostics. Severity comes from the settings (a rule set to `off` is dropped);
// `code` carries the rule id and the lesson link. Read `code` through ruleIdOf, never by comparing it.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../commands';
import type { Finding, Range, RuleId, Severity } from '../analysis/types';
import { RULE_IDS } from '../lesson/content-types';
import { lessonCommandUri } from './lesson-links';

// Never import the analysis core's values here: they would pull TypeScript into the extension host's bundle.
const KNOWN_RULE_IDS = new Set<string>(RULE_IDS);

const SEVERITIES: Record<Exclude<Severity, 'off'>, vscode.DiagnosticSeverity> = {
  info: vscode.DiagnosticSeverity.Information,
  warning: vscode.DiagnosticSeverity.Warning,
  error: vscode.DiagnosticSeverity.Error,
};

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** The severity a finding is shown with: the setting's, else the rule's own. */
export function severityFor(finding: Finding, configured: Partial<Record<RuleId, Severity>>): Severity {
  return configured[finding.ruleId] ?? finding.severity;
}

/** `uri`: the file the findings are in, where their related places (the retry that repeats a request) are too. */
export function toDiagnostics(findings: readonly Finding[], configured: Partial<Record<RuleId, Severity>>, uri: vscode.Uri): vscode.Diagnostic[] {
  const diagnostics: vscode.Diagnostic[] = [];
  for (const finding of findings) {
    const severity = severityFor(finding, configured);
    if (severity !== 'off') diagnostics.push(toDiagnostic(finding, severity, uri));
  }
  return diagnostics;
}

function toDiagnostic(finding: Finding, severity: Exclude<Severity, 'off'>, uri: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITIES[severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: lessonCommandUri(finding.lessonSection) };
  if (finding.related) {
    diagnostic.relatedInformation = finding.related.map((place) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(place.range)), place.message));
  }
  return diagnostic;
}

/** The rule id of one of our diagnostics, or undefined for anyone else's. The one place that reads `code`. */
export function ruleIdOf(diagnostic: vscode.Diagnostic): RuleId | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  const value = typeof code === 'object' && code !== null ? code.value : code;
  return typeof value === 'string' && KNOWN_RULE_IDS.has(value) ? (value as RuleId) : undefined;
}

/** Whether a finding is the one a diagnostic shows: same rule, same range. */
export function sameFinding(diagnostic: vscode.Diagnostic, finding: Finding): boolean {
  return ruleIdOf(diagnostic) === finding.ruleId && diagnostic.range.isEqual(toRange(finding.range));
}
