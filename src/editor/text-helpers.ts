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

/** A file-level directive as "Disable for this file" writes it: a block comment naming rules, alone on its line. */
const FILE_DISABLE_COMMENT = /^\/\*\s*integration-coach-disable\s+[a-z-]+(?:\s*,\s*[a-z-]+)*(?=\s*\*\/\s*$)/;

/** Where the file-level directive goes (0-based line), or, when one is there already, where the id joins it. */
export type DisableFileEdit = { kind: 'insertLine'; line: number; text: string } | { kind: 'append'; line: number; character: number; text: string };

/**
 * How to switch a rule off for a whole file: `/* integration-coach-disable <id> *\/` (a disable block that runs to
 * the end of the file) on its own line above the first code, where ESLint users put `/* eslint-disable *\/`: after
 * a shebang and after header comments (a licence) that a blank line sets apart from the code. A comment that
 * touches the code (a doc comment of the first declaration) stays with it, so the directive goes above it. When
 * that line already is such a directive, the id joins it.
 */
export function disableFileEdit(lines: readonly string[], ruleId: RuleId): DisableFileEdit {
  const line = firstLineAfterHeader(lines);
  const existing = FILE_DISABLE_COMMENT.exec(lines[line] ?? '');
  if (existing) return { kind: 'append', line, character: existing[0].length, text: `, ${ruleId}` };
  return { kind: 'insertLine', line, text: `/* integration-coach-disable ${ruleId} */\n` };
}

/** The first line after the shebang and the header comments (those a blank line separates from what follows). */
function firstLineAfterHeader(lines: readonly string[]): number {
  let line = lines[0]?.startsWith('#!') ? 1 : 0;
  for (;;) {
    while (line < lines.length && lines[line]!.trim() === '') line++;
    const end = commentGroupEnd(lines, line);
    if (end === undefined) return line;
    // A group with a blank line (or the end of the file) after it is a header; one that touches what follows belongs to it.
    if (end >= lines.length) return end;
    if (lines[end]!.trim() !== '') return line;
    line = end;
  }
}

/** The line after a group of comment lines starting at `line` (`//` lines, or a block comment that ends its line); undefined when no comment starts there. */
function commentGroupEnd(lines: readonly string[], line: number): number | undefined {
  const text = lines[line]?.trimStart() ?? '';
  if (text.startsWith('//')) {
    let end = line;
    while (end < lines.length && lines[end]!.trimStart().startsWith('//')) end++;
    return end;
  }
  if (!text.startsWith('/*')) return undefined;
  for (let end = line; end < lines.length; end++) {
    const close = lines[end]!.indexOf('*/', end === line ? lines[end]!.indexOf('/*') + 2 : 0);
    // Code after the comment on its closing line makes the line code.
    if (close >= 0) return lines[end]!.slice(close + 2).trim() === '' ? end + 1 : undefined;
  }
  return undefined;
}
