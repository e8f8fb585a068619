// The tokens of a file as the pre-check reads them: TypeScript's scanner, with each bracket paired
// with its partner, so that extents (a loop, a function body, a condition) can be found without
// a parse. The buffers are reused from file to file.
import ts from 'typescript';
import { tokenEndOf } from '../scanner-positions';
import { spendWork } from '../run-context';
import { retryWord } from './retry-words';

export const Kind = ts.SyntaxKind;

/**
 * What the tokenizer needs to know of each token kind, in a table: in the loop that runs for every
 * token of every file, reading a table costs less than a call or a switch.
 */
const TOKEN_CLASS = new Uint8Array(Kind.Count);
/** An identifier, `#private` name or keyword that can be a name (`get`, `of`, `type`). */
const NAME = 1;
/** A string literal: it can name a module or a member. */
const STRING = 2;
/** A template literal or part of one. */
const TEMPLATE = 4;
/** A bracket, or a template part, which pairs like one. */
const BRACKET = 8;
/** A token after which `/` divides (an operand ends there); after any other, it starts a regular expression. */
const ENDS_OPERAND = 16;
/** A keyword: as a member name (`this.delete`), it can refer to a method. */
const KEYWORD = 32;

function classifyTokens(): void {
  const mark = (flag: number, kinds: ts.SyntaxKind[]) => kinds.forEach((kind) => (TOKEN_CLASS[kind]! |= flag));
  mark(NAME, [Kind.Identifier, Kind.PrivateIdentifier]);
  for (let kind = Kind.FirstFutureReservedWord; kind <= Kind.LastKeyword; kind++) TOKEN_CLASS[kind]! |= NAME;
  for (let kind = Kind.FirstKeyword; kind <= Kind.LastKeyword; kind++) TOKEN_CLASS[kind]! |= KEYWORD;
  mark(STRING, [Kind.StringLiteral]);
  mark(TEMPLATE, [Kind.NoSubstitutionTemplateLiteral, Kind.TemplateHead, Kind.TemplateMiddle, Kind.TemplateTail]);
  mark(BRACKET, [
    Kind.OpenBraceToken, Kind.CloseBraceToken, Kind.OpenParenToken, Kind.CloseParenToken, Kind.OpenBracketToken, Kind.CloseBracketToken,
    Kind.TemplateHead, Kind.TemplateMiddle, Kind.TemplateTail,
  ]);
  mark(ENDS_OPERAND, [
    Kind.Identifier, Kind.PrivateIdentifier, Kind.NumericLiteral, Kind.BigIntLiteral, Kind.StringLiteral, Kind.RegularExpressionLiteral,
    Kind.NoSubstitutionTemplateLiteral, Kind.TemplateTail, Kind.CloseParenToken, Kind.CloseBracketToken, Kind.CloseBraceToken,
    Kind.PlusPlusToken, Kind.MinusMinusToken, Kind.ThisKeyword, Kind.SuperKeyword, Kind.TrueKeyword, Kind.FalseKeyword, Kind.NullKeyword,
  ]);
}
classifyTokens();

/**
 * The file's tokens. The arrays are reused from file to file (they only grow), so `count` says
 * how many entries belong to this file.
 */
export interface Tokens {
  count: number;
  kinds: Int32Array;
  /** Where each token ends in the text. */
  ends: Int32Array;
  /** For an opening or closing bracket, the index of its partner; -1 for other tokens. */
  partner: Int32Array;
  /** For every token, the index of the closing bracket of the pair it sits in (`count` at the top level). */
  enclosingEnd: Int32Array;
  /** How a name token can refer to a function of this file (see REFERENCE); 0 for other tokens. */
  reference: Int8Array;
  /** What each name token spells; stale for other tokens. */
  values: string[];
}

/** How a name token can refer to a function, as source-index.ts counts self-references. */
export const REFERENCE = { none: 0, bare: 1, thisMember: 2 } as const;

let buffers: Omit<Tokens, 'count'> | undefined;

/**
 * The arrays for a file of `size` characters (a token takes at least one), grown by doubling.
 * `count` is set once the file is read: a new object each file, because V8 optimises on fields
 * that are never written again, and rewriting one would throw that optimised code away.
 */
function tokenBuffers(size: number): Omit<Tokens, 'count'> {
  if (!buffers || buffers.kinds.length < size) {
    const capacity = Math.max(size, 2 * (buffers?.kinds.length ?? 0), 4096);
    buffers = {
      kinds: new Int32Array(capacity), ends: new Int32Array(capacity), partner: new Int32Array(capacity),
      enclosingEnd: new Int32Array(capacity), reference: new Int8Array(capacity), values: buffers?.values ?? [],
    };
  }
  return buffers;
}

let scanError = false;
// One scanner for every file: making one per file costs more than some files' whole scan.
const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, undefined, () => {
  scanError = true;
});
const tokenEnd = tokenEndOf(scanner);

/**
 * Reads the tokens and pairs the brackets. 'retry-word' as soon as a name or string shows a
 * library, a helper call or an interceptor (`helpers`: the names the options add to the retry helpers);
 * undefined when the brackets do not pair up or the scanner reports an error.
 */
export function tokenize(text: string, helpers: ReadonlySet<string>): Tokens | 'retry-word' | undefined {
  // A scan error (an unterminated string, template or regular expression) means the tokens may have
  // gone astray, most often at a `/` read the wrong way: then the answer is "maybe".
  scanError = false;
  scanner.setText(text);
  const arrays = tokenBuffers(text.length + 1);
  const { kinds, partner, reference } = arrays;
  const { ends, values } = arrays;
  const open: number[] = [];
  let previous: ts.SyntaxKind = Kind.Unknown;
  // A name that retry-libraries.ts takes for a retry helper when it is called: is a call next?
  let helperNamed = false;
  let index = 0;
  try {
    for (let kind = scanner.scan(); kind !== Kind.EndOfFileToken; kind = scanner.scan(), index++) {
      spendWork();
      if ((kind === Kind.SlashToken || kind === Kind.SlashEqualsToken) && !(TOKEN_CLASS[previous]! & ENDS_OPERAND)) kind = scanner.reScanSlashToken();
      else if (kind === Kind.CloseBraceToken && open.length > 0 && isTemplateOpener(kinds[open[open.length - 1]!]!)) kind = scanner.reScanTemplateToken(false);
      kinds[index] = kind;
      ends[index] = tokenEnd();
      partner[index] = -1;
      reference[index] = REFERENCE.none;
      const tokenClass = TOKEN_CLASS[kind]!;
      if (helperNamed) {
        if (kind === Kind.OpenParenToken || kind === Kind.LessThanToken || kind === Kind.QuestionDotToken) return 'retry-word';
        helperNamed = false;
      }
      if (tokenClass !== 0) {
        if (tokenClass & (NAME | STRING | TEMPLATE)) {
          const word = retryWord(scanner.getTokenValue(), (tokenClass & NAME) !== 0, helpers);
          if (word === 'library') return 'retry-word';
          helperNamed = word === 'helper';
        }
        if ((tokenClass & (NAME | STRING)) || ((tokenClass & KEYWORD) && (previous === Kind.DotToken || previous === Kind.QuestionDotToken))) {
          values[index] = scanner.getTokenValue();
          if (kind !== Kind.StringLiteral) reference[index] = referenceOf(kinds, index);
        }
        if ((tokenClass & BRACKET) && !pairBrackets(arrays, open, kind, index)) return undefined;
      }
      if (scanError) return undefined;
      previous = kind;
    }
  } finally {
    scanner.setText(undefined);
  }
  if (scanError || open.length > 0) return undefined;
  const tokens: Tokens = { count: index, ...arrays };
  fillEnclosingEnds(tokens);
  return tokens;
}

/** Identifiers, `#private` names, string-named members and contextual keywords (`get`, `of`, `type`) can name a function. */
export function canName(kind: ts.SyntaxKind): boolean {
  return (TOKEN_CLASS[kind]! & (NAME | STRING)) !== 0;
}

export function isTextLiteral(kind: ts.SyntaxKind): boolean {
  return (TOKEN_CLASS[kind]! & TEMPLATE) !== 0;
}

function isTemplateOpener(kind: ts.SyntaxKind): boolean {
  return kind === Kind.TemplateHead || kind === Kind.TemplateMiddle;
}

/**
 * A bare name can refer to a function here; so can a member access: `this.name` to a method, and
 * `holder.name` to a method of an object literal held by `holder` (`initTasks.connect()`, read by
 * source-index.ts). Tokens cannot tell the holder, so every member access counts as a possible one.
 */
function referenceOf(kinds: Int32Array, index: number): number {
  const before = index > 0 ? kinds[index - 1] : Kind.Unknown;
  return before !== Kind.DotToken && before !== Kind.QuestionDotToken ? REFERENCE.bare : REFERENCE.thisMember;
}

/** Keeps the stack of open brackets; false when a closing one does not match. */
function pairBrackets(tokens: Pick<Tokens, 'kinds' | 'partner'>, open: number[], kind: ts.SyntaxKind, index: number): boolean {
  switch (kind) {
    case Kind.OpenBraceToken:
    case Kind.OpenParenToken:
    case Kind.OpenBracketToken:
    case Kind.TemplateHead:
      open.push(index);
      return true;
    case Kind.TemplateMiddle:
      // Closes the `${` before it and opens the next one.
      if (open.length === 0) return false;
      open[open.length - 1] = index;
      return true;
    case Kind.CloseBraceToken:
    case Kind.CloseParenToken:
    case Kind.CloseBracketToken:
    case Kind.TemplateTail: {
      const opener = open.pop();
      if (opener === undefined || !closes(tokens.kinds[opener]!, kind)) return false;
      tokens.partner[opener] = index;
      tokens.partner[index] = opener;
      return true;
    }
    default:
      return true;
  }
}

function closes(opener: ts.SyntaxKind, closer: ts.SyntaxKind): boolean {
  switch (closer) {
    case Kind.CloseBraceToken: return opener === Kind.OpenBraceToken;
    case Kind.CloseParenToken: return opener === Kind.OpenParenToken;
    case Kind.CloseBracketToken: return opener === Kind.OpenBracketToken;
    default: return isTemplateOpener(opener);
  }
}

function fillEnclosingEnds(tokens: Tokens): void {
  const { count, partner, enclosingEnd } = tokens;
  const stack: number[] = [];
  for (let i = 0; i < count; i++) {
    const other = partner[i]!;
    if (other >= 0 && other < i) stack.pop();
    enclosingEnd[i] = stack.length > 0 ? stack[stack.length - 1]! : count;
    if (other > i) stack.push(other);
  }
}

/** The text offset where token `index` ends, or the end of the text past the last token. */
export function endOf(tokens: Tokens, index: number, text: string): number {
  return index < tokens.count ? tokens.ends[index]! : text.length;
}

/** A token's kind, or Unknown past either end (the buffers hold stale tokens of other files there). */
export function kindAt(tokens: Tokens, index: number): ts.SyntaxKind {
  return index >= 0 && index < tokens.count ? tokens.kinds[index]! : Kind.Unknown;
}

/** The token after `index`, past the brackets it opens. */
export function nextSibling(tokens: Tokens, index: number): number {
  const partner = tokens.partner[index]!;
  return partner > index ? partner + 1 : index + 1;
}

/** From the `>` that closes type parameters (`name<T extends { id: string }>(`), the token before its `<`. */
export function skipTypeParameters(tokens: Tokens, index: number): number {
  const { kinds } = tokens;
  if (kindAt(tokens, index) !== Kind.GreaterThanToken) return index;
  let depth = 0;
  for (let i = index; i >= 0; i--) {
    if (kinds[i] === Kind.GreaterThanToken) depth++;
    else if (kinds[i] === Kind.LessThanToken && --depth === 0) return i - 1;
    else if (tokens.partner[i]! >= 0 && tokens.partner[i]! < i) i = tokens.partner[i]!;
  }
  return -1;
}
