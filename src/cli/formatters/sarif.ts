// `--format sarif`: SARIF 2.1.0, as GitHub code scanning reads it. File locations are relative to the
// repository's root (`%SRCROOT%`: the git top level, or `--sarif-root`), so that one file keeps one path
// wherever the CLI runs. Each rule carries its page (docs/rules/<id>.md) as `helpUri` and `help`, and its
// tags; each result a fingerprint that survives moved lines (fingerprints.ts) under a key of its own
// (GitHub computes its `primaryLocationLineHash` itself). Findings a disable comment switched off are
// results with an in-source suppression and its reason, those the baseline excuses with an external one,
// as code scanning shows dismissed alerts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { Finding, RuleMeta, Severity, SuppressedFinding } from '../../analysis/types';
import { ruleDocMarkdown, ruleDocsUrl, ruleDocText } from '../../docs/rule-docs';
import type { FileResult } from '../scan-file';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** The name of this tool's fingerprint in `partialFingerprints`, with the version of how it is made. */
export const FINGERPRINT_KEY = 'integrationCoach/v1';

export interface SarifTool {
  name: string;
  version: string;
}

/** `root`: the folder result paths are relative to (the repository's top level). */
export function formatSarif(results: FileResult[], rules: readonly RuleMeta[], tool: SarifTool, root: string): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id as string, index]));
  const toResult = (file: string, finding: Finding & { fingerprint?: string }, suppression?: SuppressedFinding['suppressions'][number]): Result => {
    const result: Result = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
      level: levelOf(finding.severity),
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(file, root), region: regionOf(finding) } }],
    };
    if (finding.related) {
      result.relatedLocations = finding.related.map((place, id) => ({
        id,
        physicalLocation: { artifactLocation: artifactLocation(file, root), region: regionOf(place) },
        message: { text: place.message },
      }));
    }
    if (finding.fingerprint) result.partialFingerprints = { [FINGERPRINT_KEY]: finding.fingerprint };
    // A comment in the code, or the baseline (kept outside it).
    if (suppression) result.suppressions = [{ kind: suppression.kind === 'directive' ? 'inSource' : 'external', ...(suppression.justification ? { justification: suppression.justification } : {}) }];
    return result;
  };
  const sarifResults = results.flatMap((result) => [
    ...result.findings.map((finding) => toResult(result.file, finding)),
    ...(result.suppressed ?? []).map((finding) => toResult(result.file, finding, finding.suppressions[0])),
  ]);
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: ruleDocsUrl(rules[0]!.id).replace(/\/blob\/.*$/, ''), rules: rules.map(ruleOf) } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root.endsWith(path.sep) ? root : root + path.sep).href } },
        invocations: [{ executionSuccessful: results.some((result) => result.error === undefined), toolExecutionNotifications: notificationsOf(results, root) }],
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function ruleOf(rule: RuleMeta): ReportingDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: shortDescription(rule.description) },
    fullDescription: { text: rule.description },
    helpUri: ruleDocsUrl(rule.id),
    help: { text: ruleDocText(rule.id), markdown: ruleDocMarkdown(rule.id) },
    defaultConfiguration: { level: levelOf(rule.defaultSeverity) },
    properties: { tags: rule.tags },
  };
}

/** Files not read (an error) or not analysed (a warning about the run, not about the code). */
function notificationsOf(results: FileResult[], root: string): Notification[] {
  return results.flatMap((result) =>
    [
      { level: 'error' as const, text: result.error },
      { level: 'warning' as const, text: result.skipped },
    ]
      .filter((notice) => notice.text !== undefined)
      .map((notice) => ({
        level: notice.level,
        message: { text: notice.text! },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(result.file, root) } }],
      })),
  );
}

function levelOf(severity: Exclude<Severity, 'off'>): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** The first clause of the description ("Retries must be bounded"), or all of it. */
function shortDescription(description: string): string {
  const clause = /^[^:.]+/.exec(description)?.[0]?.trim();
  return clause && clause.length < description.length ? `${clause}.` : description;
}

/** Relative to the root when inside it (what code scanning expects); else a file URL. */
function artifactLocation(file: string, root: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** SARIF regions are 1-based; `endColumn` is the column after the last character. */
function regionOf(place: { range: Finding['range'] }) {
  const { start, end } = place.range;
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
