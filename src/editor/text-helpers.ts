// Small text decisions the editor makes, kept free of `vscode` so unit tests cover them.
import type { RuleId } from '../analysis/types';

/** The languages analysed, with the extension that gives the parser the right script kind. */
export const LANGUAGE_EXTENSIONS: Readonly<Record<string, string>> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

/**
 * The file name the analysis sees. An untitled document ("Untitled-1") or an odd extension gets one
 * from its language, so a TSX document is not parsed as plain TypeScript.
 */
export function analysisFileName(fileName: string, languageId: string): string {
  if (/\.[cm]?[jt]sx?$/i.test(fileName)) return fileName;
  return `${fileName}${LANGUAGE_EXTENSIONS[languageId] ?? '.ts'}`;
}

const DISABLE_COMMENT = /^(\s*)\/\/\s*integration-coach-disable-next-line\b(.*)$/;

/** Either a new comment line inserted above the finding's line, or a rule id appended to an existing comment. */
export type DisableEdit = { kind: 'insertLine'; text: string } | { kind: 'append'; character: number; text: string };

/**
 * How to switch a rule off for one line: `// integration-coach-disable-next-line <id>` above it, with the
 * line's indentation; when the line above already is such a comment (for another rule), the id joins it.
 */
export function disableNextLineEdit(lineText: string, previousLineText: string | undefined, ruleId: RuleId): DisableEdit {
  const previous = previousLineText === undefined ? undefined : DISABLE_COMMENT.exec(previousLineText);
  // A comment with a free-text reason (`-- why`) is left alone: the id would land in the reason.
  if (previous && previous[2]!.trim() !== '' && !previous[2]!.includes('--')) {
    const end = previousLineText!.trimEnd().length;
    return { kind: 'append', character: end, text: `, ${ruleId}` };
  }
  const indentation = /^\s*/.exec(lineText)![0];
  return { kind: 'insertLine', text: `${indentation}// integration-coach-disable-next-line ${ruleId}\n` };
}
