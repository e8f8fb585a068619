// `--format stylish`: ESLint's default formatter, re-made without dependencies. Files with
// problems or notices, one aligned row per message, then a summary and, for each rule reported, its
// page on the web. Colour (Node's util.styleText) only when asked for. Paths and messages are printed
// with their control characters escaped.
import { styleText } from 'node:util';
import { RULE_IDS } from '../../analysis/rules/catalog';
import type { RuleId } from '../../analysis/types';
import { ruleDocsUrl } from '../../docs/rule-docs';
import type { EslintMessage, EslintResult } from '../report';
import { escapeControlCharacters } from './escape';

interface Style {
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Style = { underline: (t) => t, red: (t) => t, yellow: (t) => t, dim: (t) => t, bold: (t) => t };
/** Whether to colour is decided once, by the caller (--color, FORCE_COLOR, NO_COLOR, a terminal): not again by Node. */
const UNCHECKED = { validateStream: false };
const ansi: Style = {
  underline: (t) => styleText('underline', t, UNCHECKED),
  red: (t) => styleText('red', t, UNCHECKED),
  yellow: (t) => styleText('yellow', t, UNCHECKED),
  dim: (t) => styleText('dim', t, UNCHECKED),
  bold: (t) => styleText('bold', t, UNCHECKED),
};

const pluralize = (word: string, count: number) => (count === 1 ? word : `${word}s`);

export function formatStylish(results: EslintResult[], color: boolean): string {
  const style = color ? ansi : plain;
  let output = '';
  let errors = 0;
  let warnings = 0;
  let notices = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    notices += result.messages.filter((message) => message.severity === 0).length;
    const rows = result.messages.map((message) => ({
      position: [String(message.line ?? 0), String(message.column ?? 0)] as const,
      type: typeOf(message),
      text: escapeControlCharacters(message.message.replace(/([^ ])\.$/u, '$1')),
      rule: message.ruleId ?? '',
    }));
    const lineWidth = Math.max(...rows.map((row) => row.position[0].length));
    const columnWidth = Math.max(...rows.map((row) => row.position[1].length));
    const typeWidth = Math.max(...rows.map((row) => row.type.length));
    const textWidth = Math.max(...rows.map((row) => row.text.length));
    output += `${style.underline(escapeControlCharacters(result.filePath))}\n`;
    for (const row of rows) {
      const position = style.dim(`${row.position[0].padStart(lineWidth)}:${row.position[1]}`) + ' '.repeat(columnWidth - row.position[1].length);
      const type = TYPE_STYLE[row.type](style, row.type) + ' '.repeat(typeWidth - row.type.length);
      const rest = row.rule ? `${row.text.padEnd(textWidth)}  ${style.dim(row.rule)}` : row.text;
      output += `  ${position}  ${type}  ${rest}\n`;
    }
    output += '\n';
  }
  const total = errors + warnings;
  if (total > 0) {
    const summary = `\u2716 ${total} ${pluralize('problem', total)} (${errors} ${pluralize('error', errors)}, ${warnings} ${pluralize('warning', warnings)})`;
    output += `${style.bold(errors > 0 ? style.red(summary) : style.yellow(summary))}\n`;
  }
  if (notices > 0) output += `${style.dim(`${notices} ${pluralize('file', notices)} not read or not fully analysed (see the notices above)`)}\n`;
  return output + rulePages(results, style);
}

/** For each rule reported, where its page (why, examples, how to fix) is. */
function rulePages(results: EslintResult[], style: Style): string {
  const reported = new Set(results.flatMap((result) => result.messages.map((message) => message.ruleId)));
  const rules = RULE_IDS.filter((id: RuleId) => reported.has(id));
  if (rules.length === 0) return '';
  const width = Math.max(...rules.map((id) => id.length));
  return `\n${rules.map((id) => `  ${style.dim(id.padEnd(width))}  ${ruleDocsUrl(id)}\n`).join('')}`;
}

type RowType = 'error' | 'warning' | 'notice';

function typeOf(message: EslintMessage): RowType {
  return message.severity === 2 ? 'error' : message.severity === 1 ? 'warning' : 'notice';
}

const TYPE_STYLE: Record<RowType, (style: Style, text: string) => string> = {
  error: (style, text) => style.red(text),
  warning: (style, text) => style.yellow(text),
  notice: (style, text) => style.dim(text),
};
