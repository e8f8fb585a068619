// Comments that switch findings off, read from the file's real comments (found with the parse and
// TypeScript's scanner where a directive's words stand), never from strings or code, with ESLint's meaning:
//
//   // integration-coach-disable-next-line [rule-id[, rule-id…]] [-- reason]   the next line
//   foo(); // integration-coach-disable-line [rule-id…] [-- reason]            this line
//   /* integration-coach-disable [rule-id…] */ … /* integration-coach-enable [rule-id…] */
//                                                    from the comment on, until an enable (or the end)
//
// No ids: every rule. ESLint's own directives (`eslint-disable-next-line integration-coach/unbounded-retry`,
// `eslint-disable-line`, `eslint-disable` / `eslint-enable` in block comments) count the same way for the
// rules they name, and a bare one for every rule, so that the CLI and the editor agree with ESLint in one
// repository (AnalyzeOptions.eslintDirectives; the ESLint plugin leaves them to ESLint).
import ts from 'typescript';
import { RULE_IDS } from './rules/catalog';
import { spendWork } from './run-context';
import { tokenEndOf, tokenStartOf } from './scanner-positions';
import type { DisableDirective, Finding, RuleId, SuppressedFinding } from './types';

const OWN_PREFIX = 'integration-coach-';
/** How ESLint names this plugin's rules: `integration-coach/<rule-id>`. */
const ESLINT_RULE_PREFIX = 'integration-coach/';
/** A directive: who it is for, and what it does. Read from the start of a comment's text. */
const DIRECTIVE = /^(integration-coach|eslint)-(disable-next-line|disable-line|disable|enable)(?=\s|$)/;
/** How long a comment is read for a directive: its words come first; the rest is the reason. */
const MAX_DIRECTIVE_TEXT = 4096;
const KNOWN_IDS: ReadonlySet<string> = new Set(RULE_IDS);

/** Whether a text may hold a directive (before any parse): most files name none. */
export function mayHoldDirective(text: string, eslintDirectives: boolean): boolean {
  return text.includes(OWN_PREFIX) || (eslintDirectives && (text.includes('eslint-disable') || text.includes('eslint-enable')));
}

/** Finds the directives in a parsed file; undefined when it holds none. */
export function findDirectives(sourceFile: ts.SourceFile, eslintDirectives: boolean): DisableDirective[] | undefined {
  if (!mayHoldDirective(sourceFile.text, eslintDirectives)) return undefined;
  const directives: DisableDirective[] = [];
  forEachComment(sourceFile, markers(eslintDirectives), (comment) => {
    const directive = readDirective(sourceFile, comment, eslintDirectives);
    if (directive) directives.push(directive);
  });
  return directives.length > 0 ? directives : undefined;
}

/** Tokens with text of their own, where `//` or `/*` starts no comment. */
const TEXT_TOKENS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead, ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail, ts.SyntaxKind.RegularExpressionLiteral, ts.SyntaxKind.JsxText,
]);

/** The words a directive starts with, each looked for in the text; only their places are looked at. */
function markers(eslintDirectives: boolean): string[] {
  return eslintDirectives ? [OWN_PREFIX, 'eslint-disable', 'eslint-enable'] : [OWN_PREFIX];
}

/**
 * Each comment that holds a directive's word, once, in the order of the file. Only the places where the words
 * stand are looked at: for each, the innermost node around it, then the scanner from the last child before it
 * (only that node's own punctuation and trivia lie between, so no regular expression or template can mislead it).
 */
function forEachComment(sourceFile: ts.SourceFile, words: readonly string[], visit: (comment: ts.CommentRange) => void): void {
  const text = sourceFile.text;
  const comments = new Map<number, ts.CommentRange>();
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, sourceFile.languageVariant);
  const tokenStart = tokenStartOf(scanner);
  const tokenEnd = tokenEndOf(scanner);
  for (const word of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
      spendWork();
      const comment = commentAt(sourceFile, at, scanner, tokenStart, tokenEnd);
      if (comment) comments.set(comment.pos, comment);
    }
  }
  [...comments.values()].sort((a, b) => a.pos - b.pos).forEach(visit);
}

/** The comment that holds a position, if it is in one (not in a string, a template, a regular expression or JSX text). */
function commentAt(sourceFile: ts.SourceFile, position: number, scanner: ts.Scanner, tokenStart: () => number, tokenEnd: () => number): ts.CommentRange | undefined {
  let node: ts.Node = sourceFile;
  let from = 0;
  for (;;) {
    const { inner, lastBefore } = childAround(node, position);
    if (!inner) {
      if (lastBefore !== undefined) from = lastBefore;
      break;
    }
    node = inner;
    from = inner.pos;
  }
  // Inside a token's own text: a string, a template, a regular expression, JSX text.
  if (TEXT_TOKENS.has(node.kind) && position >= node.getStart(sourceFile)) return undefined;
  scanner.setText(sourceFile.text, from, position + 1 - from);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    spendWork();
    if (tokenStart() > position) return undefined;
    if ((kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) && position < tokenEnd()) {
      // The scanner was given the text up to the position: the comment's end is found again from its start.
      return wholeComment(sourceFile.text, tokenStart(), kind);
    }
  }
  return undefined;
}

/** The child of a node whose span holds a position, or else the end of the last child before it. */
function childAround(node: ts.Node, position: number): { inner?: ts.Node; lastBefore?: number } {
  let inner: ts.Node | undefined;
  let lastBefore: number | undefined;
  const consider = (child: ts.Node): boolean => {
    if (child.pos <= position && position < child.end) {
      inner = child;
      return true;
    }
    if (child.end <= position) lastBefore = Math.max(lastBefore ?? 0, child.end);
    return false;
  };
  ts.forEachChild(node, consider, (children) => {
    // Statements, members, arguments: thousands in a generated file; the one that holds the position is searched for.
    let low = 0;
    let high = children.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const child = children[middle]!;
      if (child.end <= position) {
        lastBefore = Math.max(lastBefore ?? 0, child.end);
        low = middle + 1;
      } else if (child.pos > position) high = middle - 1;
      else return consider(child) || undefined;
    }
    return undefined;
  });
  return { inner, lastBefore };
}

function wholeComment(text: string, pos: number, kind: ts.SyntaxKind.SingleLineCommentTrivia | ts.SyntaxKind.MultiLineCommentTrivia): ts.CommentRange {
  if (kind === ts.SyntaxKind.MultiLineCommentTrivia) {
    const close = text.indexOf('*/', pos + 2);
    return { pos, end: close < 0 ? text.length : close + 2, kind };
  }
  let end = pos + 2;
  while (end < text.length && !ts.isLineBreak(text.charCodeAt(end))) end++;
  return { pos, end, kind };
}

function readDirective(sourceFile: ts.SourceFile, comment: ts.CommentRange, eslintDirectives: boolean): DisableDirective | undefined {
  const isLine = comment.kind === ts.SyntaxKind.SingleLineCommentTrivia;
  const body = sourceFile.text.slice(comment.pos + 2, isLine ? comment.end : comment.end - 2).slice(0, MAX_DIRECTIVE_TEXT).trim();
  const match = DIRECTIVE.exec(body);
  if (!match) return undefined;
  const source = match[1] === 'eslint' ? 'eslint' : 'integration-coach';
  const kind = match[2] as DisableDirective['kind'];
  if (source === 'eslint' && (!eslintDirectives || (isLine && (kind === 'disable' || kind === 'enable')))) return undefined;
  const rest = body.slice(match[0].length);
  const reasonAt = rest.search(/\s--\s|\s--$/);
  const names = (reasonAt < 0 ? rest : rest.slice(0, reasonAt)).split(/[\s,]+/).filter(Boolean);
  const rules = rulesNamed(names, source);
  if (rules === undefined) return undefined;
  const start = sourceFile.getLineAndCharacterOfPosition(comment.pos);
  const end = sourceFile.getLineAndCharacterOfPosition(comment.end);
  return {
    source, kind, rules,
    justification: reasonAt < 0 ? '' : rest.slice(reasonAt).replace(/^\s*--\s*/, '').trim(),
    range: { start, end },
    used: false,
  };
}

/**
 * The rules a directive names: 'all' when it names none; undefined when it concerns none of ours (an ESLint
 * directive for other plugins' rules). Names that are no rule of ours are left out.
 */
function rulesNamed(names: string[], source: DisableDirective['source']): RuleId[] | 'all' | undefined {
  if (names.length === 0) return 'all';
  const ours = names
    .map((name) => (source === 'eslint' ? (name.startsWith(ESLINT_RULE_PREFIX) ? name.slice(ESLINT_RULE_PREFIX.length) : undefined) : name.replace(ESLINT_RULE_PREFIX, '')))
    .filter((name): name is RuleId => name !== undefined && KNOWN_IDS.has(name));
  if (ours.length > 0) return [...new Set(ours)];
  // Our own directive naming only unknown ids switches nothing off, and says so if asked (an unused directive).
  return source === 'integration-coach' ? [] : undefined;
}

function concerns(directive: DisableDirective, ruleId: RuleId): boolean {
  return directive.rules === 'all' || directive.rules.includes(ruleId);
}

/** Whether a position (line, character) comes before another. */
function before(a: ts.LineAndCharacter, b: ts.LineAndCharacter): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** The directive for a finding's line (disable-line on it, disable-next-line above it), by the line it covers. */
function lineDirectives(directives: readonly DisableDirective[]): Map<number, DisableDirective[]> {
  const byLine = new Map<number, DisableDirective[]>();
  for (const directive of directives) {
    const line = directive.kind === 'disable-line' ? directive.range.start.line : directive.kind === 'disable-next-line' ? directive.range.end.line + 1 : undefined;
    if (line === undefined) continue;
    const list = byLine.get(line) ?? [];
    list.push(directive);
    byLine.set(line, list);
  }
  return byLine;
}

/**
 * The disable/enable blocks, read once in the order of the file beside the findings in the same order: for each
 * finding, the last block comment before it that concerns its rule decides (a disable switches it off).
 */
function blockDirectivesFor(findings: readonly Finding[], directives: readonly DisableDirective[]): (DisableDirective | undefined)[] {
  const blocks = directives.filter((directive) => directive.kind === 'disable' || directive.kind === 'enable');
  const order = findings.map((_, index) => index).sort((a, b) => (before(findings[a]!.range.start, findings[b]!.range.start) ? -1 : before(findings[b]!.range.start, findings[a]!.range.start) ? 1 : 0));
  const decided = new Array<DisableDirective | undefined>(findings.length);
  // The last block comment for every rule, and for each rule by name, with when it came (later wins).
  let forAll: { directive: DisableDirective; at: number } | undefined;
  const forRule = new Map<RuleId, { directive: DisableDirective; at: number }>();
  let next = 0;
  for (const index of order) {
    const finding = findings[index]!;
    for (; next < blocks.length && before(blocks[next]!.range.start, finding.range.start); next++) {
      const directive = blocks[next]!;
      if (directive.rules === 'all') forAll = { directive, at: next };
      else for (const rule of directive.rules) forRule.set(rule, { directive, at: next });
    }
    const own = forRule.get(finding.ruleId);
    const last = own && (!forAll || own.at > forAll.at) ? own : forAll;
    decided[index] = last?.directive.kind === 'disable' ? last.directive : undefined;
  }
  return decided;
}

/**
 * Splits findings into those reported and those a directive switched off (with its reason, as ESLint lists
 * them in `suppressedMessages`); marks each directive that switched something off as used.
 */
export function applyDirectives(findings: Finding[], directives: readonly DisableDirective[] | undefined): { reported: Finding[]; suppressed: SuppressedFinding[] } {
  if (!directives) return { reported: findings, suppressed: [] };
  const byLine = lineDirectives(directives);
  const byBlock = blockDirectivesFor(findings, directives);
  const reported: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const [index, finding] of findings.entries()) {
    const directive = byLine.get(finding.range.start.line)?.find((candidate) => concerns(candidate, finding.ruleId)) ?? byBlock[index];
    if (!directive) {
      reported.push(finding);
      continue;
    }
    directive.used = true;
    suppressed.push({ ...finding, suppressions: [{ kind: 'directive', justification: directive.justification }] });
  }
  return { reported, suppressed };
}
