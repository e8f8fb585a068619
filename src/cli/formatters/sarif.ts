// `--format sarif`: SARIF 2.1.0, as GitHub code scanning reads it. The rules carry their lesson
// link as `helpUri`; file locations are relative to the working folder (`%SRCROOT%`).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, RuleMeta, Severity } from '../../analysis/types';
import { lessonLink } from '../../lesson-link';
import type { FileResult } from '../scan-file';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';

export interface SarifTool {
  name: string;
  version: string;
}

export function formatSarif(results: FileResult[], rules: readonly RuleMeta[], tool: SarifTool, cwd: string): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id as string, index]));
  const sarifResults = results.flatMap((result) =>
    result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
      level: levelOf(finding.severity),
      message: { text: finding.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(result.file, cwd), region: regionOf(finding) } }],
    })),
  );
  // Files not read (an error) or not analysed (a warning about the run, not about the code).
  const notifications = results.flatMap((result) =>
    [
      { level: 'error', text: result.error },
      { level: 'warning', text: result.skipped },
    ]
      .filter((notice) => notice.text !== undefined)
      .map((notice) => ({
        level: notice.level,
        message: { text: notice.text! },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(result.file, cwd) } }],
      })),
  );
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: shortDescription(rule.description) },
              fullDescription: { text: rule.description },
              helpUri: lessonLink(rule.lessonSection),
              help: { text: `${rule.description} Lesson: ${lessonLink(rule.lessonSection)}` },
              defaultConfiguration: { level: levelOf(rule.defaultSeverity) },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        invocations: [{ executionSuccessful: results.some((result) => result.error === undefined), toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function levelOf(severity: Exclude<Severity, 'off'>): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** The first clause of the description ("Retries must be bounded"), or all of it. */
function shortDescription(description: string): string {
  const clause = /^[^:.]+/.exec(description)?.[0]?.trim();
  return clause && clause.length < description.length ? `${clause}.` : description;
}

/** Relative to the working folder when inside it (what code scanning expects); else a file URL. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** SARIF regions are 1-based; `endColumn` is the column after the last character. */
function regionOf(finding: Finding) {
  const { start, end } = finding.range;
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
