// `--format stylish`: ESLint's default formatter, re-made without dependencies. Files with
// problems, one aligned row per problem, then a summary. Colour only when asked for.
import type { EslintResult } from '../report';

interface Style {
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Style = { underline: (t) => t, red: (t) => t, yellow: (t) => t, dim: (t) => t, bold: (t) => t };
const ansi: Style = {
  underline: (t) => `\x1b[4m${t}\x1b[24m`,
  red: (t) => `\x1b[31m${t}\x1b[39m`,
  yellow: (t) => `\x1b[33m${t}\x1b[39m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
};

const pluralize = (word: string, count: number) => (count === 1 ? word : `${word}s`);

export function formatStylish(results: EslintResult[], color: boolean): string {
  const style = color ? ansi : plain;
  let output = '';
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    const rows = result.messages.map((message) => ({
      position: [String(message.line ?? 0), String(message.column ?? 0)] as const,
      type: message.severity === 2 ? 'error' : 'warning',
      text: message.message.replace(/([^ ])\.$/u, '$1'),
      rule: message.ruleId ?? '',
    }));
    const lineWidth = Math.max(...rows.map((row) => row.position[0].length));
    const columnWidth = Math.max(...rows.map((row) => row.position[1].length));
    const typeWidth = Math.max(...rows.map((row) => row.type.length));
    const textWidth = Math.max(...rows.map((row) => row.text.length));
    output += `${style.underline(result.filePath)}\n`;
    for (const row of rows) {
      const position = style.dim(`${row.position[0].padStart(lineWidth)}:${row.position[1]}`) + ' '.repeat(columnWidth - row.position[1].length);
      const type = (row.type === 'error' ? style.red(row.type) : style.yellow(row.type)) + ' '.repeat(typeWidth - row.type.length);
      const rest = row.rule ? `${row.text.padEnd(textWidth)}  ${style.dim(row.rule)}` : row.text;
      output += `  ${position}  ${type}  ${rest}\n`;
    }
    output += '\n';
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `\u2716 ${total} ${pluralize('problem', total)} (${errors} ${pluralize('error', errors)}, ${warnings} ${pluralize('warning', warnings)})`;
  output += `${style.bold(errors > 0 ? style.red(summary) : style.yellow(summary))}\n`;
  return output;
}
