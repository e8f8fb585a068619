// A cheap, conservative test run before the parse when many files are scanned (the CLI, the
// workspace scan, the API): can this file hold a retry at all? Most files of a code base hold
// none, and TypeScript's tokenizer costs about a quarter of its parser, so a file that fails the
// test is passed by without a parse. It answers "maybe" whenever it is unsure; it answers "no"
// only when none of the shapes that retry-detection.ts recognises could be in the file:
//   - a library, operator, client option or helper: every one is named with "retr" or "backoff"
//     in an identifier or a string (`pRetry`, 'axios-retry', `{ retry: 2 }`, `withRetries`,
//     `backOff`), or is an axios `interceptors` handler, or is a helper named in the options;
//   - a retry loop: retry-loops.ts requires the loop's text (leading comments included) to
//     match the same failure words as LOOP_FAILURE_TEXT, so each loop's extent is checked;
//   - recursion: a function that refers to its own name inside its body, so each function's
//     name is looked for among the identifiers of its body.
// Extents come from matching brackets over the token stream. Where the tokens do not say
// clearly where something ends, the extent runs to the end of the enclosing bracket pair,
// which only makes the answer "maybe" more often. JSX is tokenised only by the parser, so .tsx
// and .jsx files are always parsed.
import ts from 'typescript';
import type { AnalyzeOptions } from './types';
import { LOOP_FAILURE_TEXT } from './vocabulary';

/** Words in identifiers and strings that every library, option and helper retry carries. */
const RETRY_WORD = /retr|backoff/i;

const Kind = ts.SyntaxKind;

/** Tokens after which `/` starts a regular expression, not a division. */
function slashStartsRegex(previous: ts.SyntaxKind): boolean {
  switch (previous) {
    case Kind.Identifier:
    case Kind.PrivateIdentifier:
    case Kind.NumericLiteral:
    case Kind.BigIntLiteral:
    case Kind.StringLiteral:
    case Kind.RegularExpressionLiteral:
    case Kind.NoSubstitutionTemplateLiteral:
    case Kind.TemplateTail:
    case Kind.CloseParenToken:
    case Kind.CloseBracketToken:
    case Kind.CloseBraceToken:
    case Kind.PlusPlusToken:
    case Kind.MinusMinusToken:
    case Kind.ThisKeyword:
    case Kind.SuperKeyword:
    case Kind.TrueKeyword:
    case Kind.FalseKeyword:
    case Kind.NullKeyword:
      return false;
    default:
      return true;
  }
}

/**
 * The file's tokens. The arrays are reused from file to file (they only grow), so `count` says
 * how many entries belong to this file.
 */
interface Tokens {
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
const REFERENCE = { none: 0, bare: 1, thisMember: 2 } as const;

let buffers: Tokens | undefined;

function tokenBuffers(size: number): Tokens {
  if (!buffers || buffers.kinds.length < size) {
    const capacity = Math.max(size, 4096);
    buffers = {
      count: 0, kinds: new Int32Array(capacity), ends: new Int32Array(capacity), partner: new Int32Array(capacity),
      enclosingEnd: new Int32Array(capacity), reference: new Int8Array(capacity), values: buffers?.values ?? [],
    };
  }
  buffers.count = 0;
  return buffers;
}

let scanError = false;
// One scanner for every file: making one per file costs more than some files' whole scan.
const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, undefined, () => {
  scanError = true;
});

/**
 * Whether the file may hold a retry, decided from its tokens without a parse. `true` means
 * "parse and analyse it"; `false` means the analysis would find nothing.
 */
export function mayContainRetry(text: string, fileName: string, options: AnalyzeOptions = {}): boolean {
  if (options.flagUnretriedRequests || /\.[cm]?[jt]sx$/i.test(fileName)) return true;
  const helpers = options.retryHelpers ?? [];
  // Retry words anywhere in the text (comments too) make the tokens worth checking for them; so
  // does a `\u` escape, which can spell a name that the raw text does not show.
  const wordsInText = RETRY_WORD.test(text) || text.includes('interceptors') || text.includes('\\u') || helpers.some((helper) => text.includes(helper));
  const tokens = tokenize(text, wordsInText ? new Set(helpers) : undefined);
  if (tokens === 'retry-word' || tokens === undefined) return true;
  return hasLoopCandidate(text, tokens) || hasSelfReference(tokens);
}

/**
 * Reads the tokens and pairs the brackets. 'retry-word' as soon as an identifier or string names a
 * library, helper or interceptor (`helpers` is undefined when the text holds no such word);
 * undefined when the brackets do not pair up or the scanner reports an error.
 */
function tokenize(text: string, helpers: ReadonlySet<string> | undefined): Tokens | 'retry-word' | undefined {
  // A scan error (an unterminated string, template or regular expression) means the tokens may have
  // gone astray, most often at a `/` read the wrong way: then the answer is "maybe".
  scanError = false;
  scanner.setText(text);
  const tokens = tokenBuffers(text.length + 1);
  const { kinds, ends, partner, reference, values } = tokens;
  const open: number[] = [];
  let previous: ts.SyntaxKind = Kind.Unknown;
  let index = 0;
  try {
    for (let kind = scanner.scan(); kind !== Kind.EndOfFileToken; kind = scanner.scan(), index++) {
      if ((kind === Kind.SlashToken || kind === Kind.SlashEqualsToken) && slashStartsRegex(previous)) kind = scanner.reScanSlashToken();
      if (kind === Kind.CloseBraceToken && open.length > 0 && isTemplateOpener(kinds[open[open.length - 1]!]!)) kind = scanner.reScanTemplateToken(false);
      kinds[index] = kind;
      ends[index] = scanner.getTokenEnd();
      partner[index] = -1;
      reference[index] = REFERENCE.none;
      previous = kind;
      if (helpers && (canName(kind) || isTextLiteral(kind))) {
        const value = scanner.getTokenValue();
        if (RETRY_WORD.test(value) || value === 'interceptors' || helpers.has(value)) return 'retry-word';
      }
      if (canName(kind)) {
        values[index] = scanner.getTokenValue();
        if (kind !== Kind.StringLiteral) reference[index] = referenceOf(kinds, index);
      }
      if (scanError || !pairBrackets(tokens, open, kind, index)) return undefined;
    }
  } finally {
    scanner.setText(undefined);
  }
  tokens.count = index;
  if (scanError || open.length > 0) return undefined;
  fillEnclosingEnds(tokens);
  return tokens;
}

/** Identifiers, `#private` names, string-named members and contextual keywords (`get`, `of`, `type`) can name a function. */
function canName(kind: ts.SyntaxKind): boolean {
  return kind === Kind.Identifier || kind === Kind.PrivateIdentifier || kind === Kind.StringLiteral
    || (kind >= Kind.FirstFutureReservedWord && kind <= Kind.LastKeyword);
}

function isTextLiteral(kind: ts.SyntaxKind): boolean {
  return kind === Kind.NoSubstitutionTemplateLiteral || kind === Kind.TemplateHead || kind === Kind.TemplateMiddle || kind === Kind.TemplateTail;
}

function isTemplateOpener(kind: ts.SyntaxKind): boolean {
  return kind === Kind.TemplateHead || kind === Kind.TemplateMiddle;
}

/** A bare name, or `this.name`, can refer to a function here; `other.name` is another object's property. */
function referenceOf(kinds: Int32Array, index: number): number {
  const before = index > 0 ? kinds[index - 1] : Kind.Unknown;
  if (before !== Kind.DotToken && before !== Kind.QuestionDotToken) return REFERENCE.bare;
  return index > 1 && kinds[index - 2] === Kind.ThisKeyword ? REFERENCE.thisMember : REFERENCE.none;
}

/** Keeps the stack of open brackets; false when a closing one does not match. */
function pairBrackets(tokens: Tokens, open: number[], kind: ts.SyntaxKind, index: number): boolean {
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
function endOf(tokens: Tokens, index: number, text: string): number {
  return index < tokens.count ? tokens.ends[index]! : text.length;
}

/** A token's kind, or Unknown past either end (the buffers hold stale tokens of other files there). */
function kindAt(tokens: Tokens, index: number): ts.SyntaxKind {
  return index >= 0 && index < tokens.count ? tokens.kinds[index]! : Kind.Unknown;
}

// ---------------------------------------------------------------------------------------------
// Loops

function hasLoopCandidate(text: string, tokens: Tokens): boolean {
  const { kinds } = tokens;
  for (let i = 0; i < tokens.count; i++) {
    const kind = kinds[i]!;
    if (kind !== Kind.WhileKeyword && kind !== Kind.ForKeyword && kind !== Kind.DoKeyword) continue;
    // A loop's text starts after the token before it: its leading comments count.
    const start = i > 0 ? tokens.ends[i - 1]! : 0;
    const end = endOf(tokens, loopEnd(tokens, i), text);
    if (LOOP_FAILURE_TEXT.test(text.slice(start, end))) return true;
  }
  return false;
}

/** The index of a loop's last token, when its body is a block; else the end of the enclosing brackets. */
function loopEnd(tokens: Tokens, keyword: number): number {
  const { partner } = tokens;
  const fallback = tokens.enclosingEnd[keyword]!;
  if (kindAt(tokens, keyword) === Kind.DoKeyword) {
    const body = keyword + 1;
    if (kindAt(tokens, body) !== Kind.OpenBraceToken) return fallback;
    const whileKeyword = partner[body]! + 1;
    if (kindAt(tokens, whileKeyword) !== Kind.WhileKeyword || kindAt(tokens, whileKeyword + 1) !== Kind.OpenParenToken) return fallback;
    return partner[whileKeyword + 1]!;
  }
  let header = keyword + 1;
  if (kindAt(tokens, header) === Kind.AwaitKeyword) header++;
  if (kindAt(tokens, header) !== Kind.OpenParenToken) return fallback;
  const body = partner[header]! + 1;
  return kindAt(tokens, body) === Kind.OpenBraceToken ? partner[body]! : fallback;
}

// ---------------------------------------------------------------------------------------------
// Recursion

/** Tokens that may stand between a function's name and its parameters (`name = async function* <T>(`). */
const BETWEEN_NAME_AND_PARAMETERS = new Set<ts.SyntaxKind>([
  Kind.EqualsToken, Kind.ColonToken, Kind.AsteriskToken, Kind.QuestionToken, Kind.ExclamationToken, Kind.FunctionKeyword, Kind.AsyncKeyword,
  Kind.GetKeyword, Kind.SetKeyword, Kind.StaticKeyword, Kind.PublicKeyword, Kind.PrivateKeyword, Kind.ProtectedKeyword, Kind.ReadonlyKeyword,
  Kind.OverrideKeyword, Kind.AbstractKeyword, Kind.DeclareKeyword, Kind.ExportKeyword, Kind.DefaultKeyword, Kind.DotToken,
]);

/** Tokens after which a `{` in a return type opens a type literal, not the function's body. */
const TYPE_CONTINUES = new Set<ts.SyntaxKind>([
  Kind.ColonToken, Kind.BarToken, Kind.AmpersandToken, Kind.LessThanToken, Kind.CommaToken, Kind.OpenParenToken, Kind.OpenBracketToken,
  Kind.EqualsGreaterThanToken, Kind.EqualsToken, Kind.QuestionToken, Kind.KeyOfKeyword, Kind.TypeOfKeyword, Kind.ReadonlyKeyword,
  Kind.ExtendsKeyword, Kind.InferKeyword, Kind.IsKeyword, Kind.AssertsKeyword, Kind.UniqueKeyword,
]);

/** How far a return type is followed before the rest of the enclosing brackets is taken as the body. */
const MAX_RETURN_TYPE_TOKENS = 256;

/** Whether some function refers to one of the names it may be called by, inside its body. */
function hasSelfReference(tokens: Tokens): boolean {
  const { kinds } = tokens;
  for (let i = 0; i < tokens.count; i++) {
    const kind = kinds[i]!;
    let parameters: number;
    let body: Body | undefined;
    if (kind === Kind.OpenParenToken) {
      parameters = i;
      body = bodyAfterParameters(tokens, tokens.partner[i]!);
    } else if (kind === Kind.EqualsGreaterThanToken && kindAt(tokens, i - 1) === Kind.Identifier) {
      // `name = param => …`: the single parameter stands where the parentheses would.
      parameters = i - 1;
      body = arrowBody(tokens, i);
    } else continue;
    if (!body) continue;
    const { names, method } = namesBefore(tokens, parameters, !body.arrow);
    // From the parameters on: a default value that calls the function counts, as in source-index.ts.
    if (names.length > 0 && refersTo(tokens, names, method, parameters, body.last)) return true;
  }
  return false;
}

/** A function body's first and last token; `arrow` for an arrow function's. */
interface Body {
  first: number;
  last: number;
  arrow: boolean;
}

/** The tokens of the body that follows a parameter list's `)`, if it is one. */
function bodyAfterParameters(tokens: Tokens, close: number): Body | undefined {
  const { kinds, partner } = tokens;
  const next = close + 1;
  const after = kindAt(tokens, next);
  if (after === Kind.OpenBraceToken) return { first: next, last: partner[next]!, arrow: false };
  if (after === Kind.EqualsGreaterThanToken) return arrowBody(tokens, next);
  if (after !== Kind.ColonToken) return undefined;
  // A return type: `): Promise<{ ok: boolean }> {`. The body is the first `{` that does not continue the type.
  for (let i = next + 1, seen = 0; i < tokens.count && seen < MAX_RETURN_TYPE_TOKENS; i++, seen++) {
    const kind = kinds[i]!;
    if (kind === Kind.OpenBraceToken && !TYPE_CONTINUES.has(kinds[i - 1]!)) return { first: i, last: partner[i]!, arrow: false };
    if (partner[i]! > i) i = partner[i]!;
    else if (kind === Kind.EqualsGreaterThanToken) return arrowBody(tokens, i);
    else if (kind === Kind.SemicolonToken || kind === Kind.CommaToken || partner[i]! >= 0) return undefined;
  }
  return { first: next, last: tokens.enclosingEnd[next]!, arrow: true };
}

/**
 * An arrow function's body: its block, or an expression, which ends at the first `;` or `,`
 * outside brackets, or where the enclosing brackets close (without semicolons, further than it
 * really does, which is safe).
 */
function arrowBody(tokens: Tokens, arrow: number): Body {
  const { kinds, partner } = tokens;
  const next = arrow + 1;
  if (kindAt(tokens, next) === Kind.OpenBraceToken) return { first: next, last: partner[next]!, arrow: true };
  const limit = tokens.enclosingEnd[arrow]!;
  let i = next;
  while (i < limit && kinds[i] !== Kind.SemicolonToken && kinds[i] !== Kind.CommaToken) i = partner[i]! > i ? partner[i]! + 1 : i + 1;
  return { first: arrow, last: Math.min(i, limit), arrow: true };
}

/**
 * The names a function may be called by, read backwards from its parameters: the token just
 * before them (`connect(`, `get(`), and names further back across `=`, `:`, `.`, `function`,
 * `async` and modifiers (`this.connect = async function* <T>(`, `private retry = (`). `method`
 * when the name stands right before the parentheses without `function` and the body is a block:
 * `connect() {` in a class or an object literal (a getter or setter, which source-index.ts treats
 * as a plain function, is not; the longest return-type walk answers "arrow", which is safe).
 */
function namesBefore(tokens: Tokens, parameters: number, blockBody: boolean): { names: string[]; method: boolean } {
  const { kinds } = tokens;
  let i = skipTypeParameters(tokens, parameters - 1);
  const names: string[] = [];
  let method = false;
  if (i >= 0 && canName(kinds[i]!)) {
    names.push(tokens.values[i]!);
    const before = kindAt(tokens, i - 1);
    method = blockBody && before !== Kind.FunctionKeyword && before !== Kind.AsteriskToken && before !== Kind.GetKeyword && before !== Kind.SetKeyword;
  }
  for (i--; i >= 0 && names.length < 4; i--) {
    const kind = kinds[i]!;
    if (kind === Kind.CloseBracketToken) i = tokens.partner[i]!;
    else if (canName(kind) && !BETWEEN_NAME_AND_PARAMETERS.has(kind)) names.push(tokens.values[i]!);
    else if (!BETWEEN_NAME_AND_PARAMETERS.has(kind)) break;
  }
  return { names, method };
}

/** From the `>` that closes type parameters (`name<T extends { id: string }>(`), the token before its `<`. */
function skipTypeParameters(tokens: Tokens, index: number): number {
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

/**
 * Whether a token in (from, to] refers to one of the names: as `this.name`, or (for a function
 * that is not a method, which refers to itself only through `this`) as a bare `name`.
 */
function refersTo(tokens: Tokens, names: string[], method: boolean, from: number, to: number): boolean {
  const { reference, values } = tokens;
  const last = Math.min(to, tokens.count - 1);
  for (let i = from + 1; i <= last; i++) {
    const kind = reference[i]!;
    if (kind === REFERENCE.none || (method && kind === REFERENCE.bare)) continue;
    if (names.includes(values[i]!)) return true;
  }
  return false;
}
