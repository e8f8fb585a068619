// A cheap, conservative test run before the parse when many files are scanned (the CLI, the
// workspace scan, the API): can this file hold a retry at all? Most files of a code base hold
// none, and TypeScript's tokenizer costs about a quarter of its parser, so a file that fails the
// test is passed by without a parse. It answers "maybe" whenever it is unsure; it answers "no"
// only when none of the shapes that retry-detection.ts recognises could be in the file:
//   - a library, operator, client option or helper: each is found by a name that
//     retry-libraries.ts looks for (`pRetry`, `backOff`, `retry`, `retryWhen`, an `interceptors`
//     handler), a module it knows by name in a string ('axios-retry', 'exponential-backoff',
//     'cockatiel'), or a call of a function named for retrying (`withRetry(`,
//     `this.retryRequest(`, a helper named in the options);
//   - a retry loop: retry-loops.ts requires the loop's text (leading comments included) to
//     match the same failure words as LOOP_FAILURE_TEXT, so each loop's extent is checked;
//   - recursion: a function that refers to its own name inside its body, on a failure path as
//     retry-recursion.ts reads one: in a catch, in the callback of `.catch`, `.then` or
//     `.on('error')`, in an `onclose = …` handler, or in a branch of an `if` or `?:` whose
//     condition names an outcome (`err`, `res.ok`, `status`).
// Extents come from matching brackets over the token stream. Where the tokens do not say
// clearly where something ends, the extent runs to the end of the enclosing bracket pair,
// which only makes the answer "maybe" more often. JSX is tokenised only by the parser, so .tsx
// and .jsx files are always parsed.
import ts from 'typescript';
import type { AnalyzeOptions } from './types';
import { mayTestOutcome } from './outcomes';
import { isRetryHelperName } from './retry-libraries';
import { FAILURE_CALLBACK_CALL, FAILURE_HANDLER_PROPERTY } from './retry-recursion';
import { ATTEMPT_LIST_NAME, LOOP_FAILURE_TEXT, RETRY_HELPER_NAME } from './vocabulary';

/** Text that every library, option and helper retry carries somewhere; without it, names need no checking. */
const RETRY_TEXT = /retr|backoff|cockatiel|interceptors/i;

/** Names the library recognisers look for wherever they stand (a call, an import, an option key, `retry.operation`). */
const LIBRARY_NAMES = new Set(['pRetry', 'backOff', 'axiosRetry', 'fetchRetry', 'asyncRetry', 'retry', 'retryWhen', 'interceptors']);

/** The modules retry-libraries.ts recognises by name (`moduleOf`, `isRequireCall`): a string naming one is a library. */
const LIBRARY_MODULES = new Set(['p-retry', 'async-retry', 'retry', 'axios-retry', 'fetch-retry', 'exponential-backoff', 'cockatiel']);

const Kind = ts.SyntaxKind;

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

/**
 * Whether the file may hold a retry, decided from its tokens without a parse. `true` means
 * "parse and analyse it"; `false` means the analysis would find nothing.
 */
export function mayContainRetry(text: string, fileName: string, options: AnalyzeOptions = {}): boolean {
  if (options.flagUnretriedRequests || /\.[cm]?[jt]sx$/i.test(fileName)) return true;
  const helpers = options.retryHelpers ?? [];
  // Retry words anywhere in the text (comments too) make the tokens worth checking for them; so
  // does a `\u` escape, which can spell a name that the raw text does not show.
  const wordsInText = RETRY_TEXT.test(text) || text.includes('\\u') || helpers.some((helper) => text.includes(helper));
  const tokens = tokenize(text, wordsInText ? new Set(helpers) : undefined);
  if (tokens === 'retry-word' || tokens === undefined) return true;
  return hasLoopCandidate(text, tokens) || hasSelfReference(tokens);
}

/**
 * Reads the tokens and pairs the brackets. 'retry-word' as soon as a name or string shows a
 * library, a helper call or an interceptor (`helpers` is undefined when the text holds no such word);
 * undefined when the brackets do not pair up or the scanner reports an error.
 */
function tokenize(text: string, helpers: ReadonlySet<string> | undefined): Tokens | 'retry-word' | undefined {
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
      if ((kind === Kind.SlashToken || kind === Kind.SlashEqualsToken) && !(TOKEN_CLASS[previous]! & ENDS_OPERAND)) kind = scanner.reScanSlashToken();
      else if (kind === Kind.CloseBraceToken && open.length > 0 && isTemplateOpener(kinds[open[open.length - 1]!]!)) kind = scanner.reScanTemplateToken(false);
      kinds[index] = kind;
      ends[index] = scanner.getTokenEnd();
      partner[index] = -1;
      reference[index] = REFERENCE.none;
      const tokenClass = TOKEN_CLASS[kind]!;
      if (helperNamed) {
        if (kind === Kind.OpenParenToken || kind === Kind.LessThanToken || kind === Kind.QuestionDotToken) return 'retry-word';
        helperNamed = false;
      }
      if (tokenClass !== 0) {
        if (helpers && (tokenClass & (NAME | STRING | TEMPLATE))) {
          const word = retryWord(scanner.getTokenValue(), tokenClass, helpers);
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

/**
 * What a name or string says of retries: 'library' (a library, module or quoted name the
 * recognisers know, or a helper call in quotes), 'helper' (a retry helper's name: a retry if it
 * is called), or nothing. All of those names hold "etr" (`retry`, `pRetry`), "ackOff" or "interceptors".
 */
function retryWord(value: string, tokenClass: number, helpers: ReadonlySet<string>): 'library' | 'helper' | undefined {
  const named = helpers.has(value);
  if (!named && !value.includes('etr') && !value.includes('ackOff') && value !== 'interceptors' && !LIBRARY_MODULES.has(value)) return undefined;
  // isRetryHelperName() is what retry-libraries.ts asks; requests.ts takes any RETRY_HELPER_NAME
  // that sends (`setRequestWithRetry(`) for a helper that retries its request: either counts.
  const helperName = isRetryHelperName(value, helpers) || RETRY_HELPER_NAME.test(value);
  if (tokenClass & NAME) {
    if (LIBRARY_NAMES.has(value)) return 'library';
    return helperName ? 'helper' : undefined;
  }
  // A module name, or a name in quotes (`{ 'retry': 2 }`, `api['withRetry'](…)`); not words in a message.
  return LIBRARY_MODULES.has(value) || LIBRARY_NAMES.has(value) || helperName ? 'library' : undefined;
}

/** Identifiers, `#private` names, string-named members and contextual keywords (`get`, `of`, `type`) can name a function. */
function canName(kind: ts.SyntaxKind): boolean {
  return (TOKEN_CLASS[kind]! & (NAME | STRING)) !== 0;
}

function isTextLiteral(kind: ts.SyntaxKind): boolean {
  return (TOKEN_CLASS[kind]! & TEMPLATE) !== 0;
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
    if (kind === Kind.ForKeyword && !forLoopMayRetry(tokens, i)) continue;
    if (conditionCountsItems(tokens, i)) continue;
    // A loop's text starts after the token before it: its leading comments count.
    const start = i > 0 ? tokens.ends[i - 1]! : 0;
    const end = endOf(tokens, loopEnd(tokens, i), text);
    if (LOOP_FAILURE_TEXT.test(text.slice(start, end))) return true;
  }
  return false;
}

/** Names in a `for…of` iterable that retry-loops.ts takes for a finite list of attempts or delays (`Array(3)`, `range(5)`, `retryDelays`). */
const ATTEMPT_LIST_TOKEN = new RegExp(`^(Array|range)$|${ATTEMPT_LIST_NAME.source}`, 'i');

/** Names a numeric array element may hold (`Infinity`, `Number.MAX_SAFE_INTEGER`). */
const NUMERIC_NAMES = new Set(['Infinity', 'Number', 'POSITIVE_INFINITY', 'MAX_SAFE_INTEGER', 'MAX_VALUE']);

/**
 * A `for` loop that can be a retry loop: a counted loop, or a `for…of` over a finite list of
 * attempts (`[100, 200, 400]`, `Array(3)`, `retryDelays`). The index keeps no `for…in`, and
 * retry-loops.ts passes by every other `for…of` (a per-item loop).
 */
function forLoopMayRetry(tokens: Tokens, keyword: number): boolean {
  let open = keyword + 1;
  if (kindAt(tokens, open) === Kind.AwaitKeyword) open++;
  if (kindAt(tokens, open) !== Kind.OpenParenToken) return true;
  const close = tokens.partner[open]!;
  let ofAt = -1;
  for (let i = open + 1; i < close; i = nextSibling(tokens, i)) {
    const kind = tokens.kinds[i]!;
    if (kind === Kind.SemicolonToken) return true;
    if (kind === Kind.InKeyword && ofAt < 0) return false;
    if (kind === Kind.OfKeyword && ofAt < 0) ofAt = i;
  }
  return ofAt < 0 || iterableMayBeAttemptList(tokens, ofAt + 1, close);
}

/**
 * A loop whose condition reads `.length` or `.size` walks a collection: retry-loops.ts passes it
 * by when the condition's text holds either, so here the two tokens must touch, as in the text.
 */
function conditionCountsItems(tokens: Tokens, keyword: number): boolean {
  const range = conditionRange(tokens, keyword);
  if (!range) return false;
  for (let i = range.first; i < range.end - 1; i++) {
    const kind = tokens.kinds[i]!;
    if (kind !== Kind.DotToken && kind !== Kind.QuestionDotToken) continue;
    const name = tokens.values[i + 1];
    if (name === undefined || !canName(tokens.kinds[i + 1]!) || (name !== 'length' && name !== 'size')) continue;
    const gap = tokens.ends[i + 1]! - tokens.ends[i]!;
    if (gap === name.length) return true;
  }
  return false;
}

/** The tokens of a loop's condition, [first, end): a while's or do-while's parentheses, a for's middle clause. */
function conditionRange(tokens: Tokens, keyword: number): { first: number; end: number } | undefined {
  const { partner } = tokens;
  let open = keyword + 1;
  if (kindAt(tokens, keyword) === Kind.DoKeyword) {
    if (kindAt(tokens, open) !== Kind.OpenBraceToken) return undefined;
    open = partner[open]! + 2;
    if (kindAt(tokens, open - 1) !== Kind.WhileKeyword) return undefined;
  }
  if (kindAt(tokens, open) !== Kind.OpenParenToken) return undefined;
  const close = partner[open]!;
  if (kindAt(tokens, keyword) !== Kind.ForKeyword) return { first: open + 1, end: close };
  const semicolons: number[] = [];
  for (let i = open + 1; i < close; i = nextSibling(tokens, i)) if (tokens.kinds[i] === Kind.SemicolonToken) semicolons.push(i);
  return semicolons.length === 2 ? { first: semicolons[0]! + 1, end: semicolons[1]! } : undefined;
}

/** The token after `index`, past the brackets it opens. */
function nextSibling(tokens: Tokens, index: number): number {
  const partner = tokens.partner[index]!;
  return partner > index ? partner + 1 : index + 1;
}

function iterableMayBeAttemptList(tokens: Tokens, first: number, end: number): boolean {
  let start = first;
  while (start < end && tokens.kinds[start] === Kind.OpenParenToken) start++;
  if (kindAt(tokens, start) === Kind.OpenBracketToken) {
    // An array literal counts only if every element is a number.
    const last = tokens.partner[start]!;
    if (last === start + 1) return false;
    for (let i = start + 1; i < last; i++) {
      const kind = tokens.kinds[i]!;
      if (kind === Kind.DotDotDotToken && tokens.values[i + 1] === 'Array') return true;
      if (kind === Kind.StringLiteral || isTextLiteral(kind) || kind === Kind.DotDotDotToken) return false;
      if (canName(kind) && !NUMERIC_NAMES.has(tokens.values[i]!)) return false;
    }
    return true;
  }
  for (let i = start; i < end; i++) {
    if (canName(tokens.kinds[i]!) && ATTEMPT_LIST_TOKEN.test(tokens.values[i]!)) return true;
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
    if (!body || isFunctionType(tokens, parameters)) continue;
    const { names, method } = namesBefore(tokens, parameters, !body.arrow);
    if (names === 'unknown') return true;
    if (names.length === 0) continue;
    if (refersOnFailurePath(tokens, names, method, body)) return true;
    // A default value that calls the function counts too, as in source-index.ts (`(cb = () => connect()) =>`).
    if (kind === Kind.OpenParenToken && hasDefaultValue(tokens, parameters) && refersTo(tokens, names, method, parameters, tokens.partner[parameters]!)) return true;
  }
  return false;
}

/** How far back from a `{` its `class`, `interface` or `type` keyword is looked for. */
const MAX_TYPE_HEAD_TOKENS = 40;

/** Tokens that may stand between `class` or `interface` and the `{`: `class Store<T> extends Base implements Events {`. */
const DECLARATION_HEAD = new Set<ts.SyntaxKind>([
  Kind.Identifier, Kind.DotToken, Kind.CommaToken, Kind.LessThanToken, Kind.GreaterThanToken, Kind.ExtendsKeyword, Kind.ImplementsKeyword,
]);

/**
 * Whether what looks like an arrow function is a function type: anything in the body of an
 * `interface` or a `type X = { … }`, and a member's type in a class body (`serialize?: (data:
 * unknown) => string`, where an arrow function would follow `=`).
 */
function isFunctionType(tokens: Tokens, parameters: number): boolean {
  const end = tokens.enclosingEnd[parameters]!;
  const opener = end < tokens.count ? tokens.partner[end]! : -1;
  if (opener < 0 || tokens.kinds[opener] !== Kind.OpenBraceToken) return false;
  const head = declarationKeyword(tokens, opener);
  if (head === Kind.InterfaceKeyword || head === Kind.TypeKeyword) return true;
  return head === Kind.ClassKeyword && kindAt(tokens, skipTypeParameters(tokens, parameters - 1)) === Kind.ColonToken;
}

/** The `class`, `interface` or `type` keyword whose body a `{` opens, if it opens one. */
/** `type Name =` or `type Name<T> =` before the `=` at `equals` (`type` alone is also a common variable name). */
function isTypeAliasHead(tokens: Tokens, equals: number): boolean {
  let i = skipTypeParameters(tokens, equals - 1);
  if (kindAt(tokens, i) !== Kind.Identifier) return false;
  i--;
  if (kindAt(tokens, i) !== Kind.TypeKeyword) return false;
  // `let type` (a variable), then `X = {` on the next line, is no alias.
  const before = kindAt(tokens, i - 1);
  return before !== Kind.LetKeyword && before !== Kind.ConstKeyword && before !== Kind.VarKeyword && before !== Kind.DotToken && before !== Kind.CommaToken;
}

function declarationKeyword(tokens: Tokens, opener: number): ts.SyntaxKind | undefined {
  if (kindAt(tokens, opener - 1) === Kind.EqualsToken) return isTypeAliasHead(tokens, opener - 1) ? Kind.TypeKeyword : undefined;
  for (let i = opener - 1, steps = 0; i >= 0 && steps < MAX_TYPE_HEAD_TOKENS; i--, steps++) {
    const kind = tokens.kinds[i]!;
    if (kind === Kind.ClassKeyword || kind === Kind.InterfaceKeyword) return kind;
    // Type arguments may hold brackets of their own: `extends Base<{ id: string }>`.
    if (tokens.partner[i]! >= 0 && tokens.partner[i]! < i) i = tokens.partner[i]!;
    else if (!DECLARATION_HEAD.has(kind)) return undefined;
  }
  return undefined;
}

/** Whether a parameter list holds a `=`: a default value (or a type with one, which is safe). */
function hasDefaultValue(tokens: Tokens, open: number): boolean {
  const close = tokens.partner[open]!;
  for (let i = open + 1; i < close; i++) {
    if (tokens.kinds[i] === Kind.EqualsToken) return true;
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

/** Keywords that take `(…)` and then a block: `if (…) {`, `catch (e) {`. */
const STATEMENT_KEYWORDS = new Set<ts.SyntaxKind>([
  Kind.IfKeyword, Kind.ForKeyword, Kind.WhileKeyword, Kind.SwitchKeyword, Kind.CatchKeyword, Kind.WithKeyword, Kind.FunctionKeyword,
]);

/** How far back the name an anonymous function is assigned to is looked for; further, the answer is "maybe". */
const MAX_NAME_SEARCH_TOKENS = 40;

/** Tokens that start the declaration or member an anonymous function is assigned in: the search for its name stops there. */
const DECLARATION_START = new Set<ts.SyntaxKind>([
  Kind.SemicolonToken, Kind.ConstKeyword, Kind.LetKeyword, Kind.VarKeyword, Kind.PrivateKeyword, Kind.ProtectedKeyword, Kind.PublicKeyword,
  Kind.StaticKeyword, Kind.ReadonlyKeyword, Kind.DeclareKeyword, Kind.OverrideKeyword, Kind.AbstractKeyword, Kind.AccessorKeyword,
]);

/**
 * The names a function may be called by, as functionName() in ast.ts reads them:
 *   - its own name, right before the parameters: `function connect(`, `connect() {` (a method,
 *     which refers to itself only through `this`), `get value(` (a getter is not a method there);
 *   - for an anonymous function, the name it is assigned to: `const connect: Fn<T> = async (`,
 *     `retry: function (`, `this.onclose = () =>`. Every name between the declaration's start and
 *     the `=` or `:` is taken, type names too, which is safe. 'unknown' when the start is too far.
 */
function namesBefore(tokens: Tokens, parameters: number, blockBody: boolean): { names: string[] | 'unknown'; method: boolean } {
  const { kinds } = tokens;
  let i = skipTypeParameters(tokens, parameters - 1);
  const direct = kindAt(tokens, i);
  // A reserved word before `(…) {` that is not a statement's keyword is a method's name: `delete(id) {`.
  const keywordMethod = blockBody && direct >= Kind.FirstKeyword && direct <= Kind.LastKeyword && !STATEMENT_KEYWORDS.has(direct);
  if ((canName(direct) || keywordMethod) && !(direct === Kind.AsyncKeyword && !blockBody)) {
    const before = kindAt(tokens, i - 1);
    const method = blockBody && before !== Kind.FunctionKeyword && before !== Kind.AsteriskToken && before !== Kind.GetKeyword && before !== Kind.SetKeyword;
    return { names: [canName(direct) ? tokens.values[i]! : ts.tokenToString(direct)!], method };
  }
  while (i >= 0 && (kinds[i] === Kind.FunctionKeyword || kinds[i] === Kind.AsyncKeyword || kinds[i] === Kind.AsteriskToken)) i--;
  // Not assigned (a callback argument, `export default function ()`): it has no name to call itself by.
  if (kindAt(tokens, i) !== Kind.EqualsToken && kindAt(tokens, i) !== Kind.ColonToken) return { names: [], method: false };
  // The name right before the `=` or `:` counts even if it is a word like `static`.
  const names: string[] = canName(kindAt(tokens, i - 1)) ? [tokens.values[i - 1]!] : [];
  for (let steps = 0; i >= 0; i--, steps++) {
    if (steps === MAX_NAME_SEARCH_TOKENS) return { names: 'unknown', method: false };
    const kind = kinds[i]!;
    // The bracket the statement sits in (a group walked through, like `{ a: string }` in a type, is passed).
    if (DECLARATION_START.has(kind) || tokens.partner[i]! > parameters) break;
    if (canName(kind)) names.push(tokens.values[i]!);
  }
  return { names, method: false };
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

/** Whether the body refers to one of the names where a failure may lead. */
function refersOnFailurePath(tokens: Tokens, names: string[], method: boolean, body: Body): boolean {
  const { reference, values } = tokens;
  const last = Math.min(body.last, tokens.count - 1);
  for (let i = body.first; i <= last; i++) {
    const kind = reference[i]!;
    if (kind === REFERENCE.none || (method && kind === REFERENCE.bare) || !names.includes(values[i]!)) continue;
    if (onFailurePath(tokens, i, body.first)) return true;
  }
  return false;
}

/**
 * A superset of failureContext() in retry-recursion.ts, read from the tokens: from the reference
 * outwards to the function's body, is there a catch, a failure callback, a failure handler, or a
 * branch of a condition that names an outcome?
 */
function onFailurePath(tokens: Tokens, reference: number, bodyFirst: number): boolean {
  let position = reference;
  for (;;) {
    const end = tokens.enclosingEnd[position]!;
    const opener = end < tokens.count ? tokens.partner[end]! : -1;
    if (failureEarlierInStatement(tokens, position, Math.max(opener, bodyFirst))) return true;
    if (opener <= bodyFirst) return false;
    if (groupOnFailurePath(tokens, opener)) return true;
    position = opener;
  }
}

/**
 * Walking back from `position` to `limit` at the same bracket depth, within the statement: a `?`
 * or `else`, an `if (…)` whose condition names an outcome, or an `onclose =` assignment.
 */
function failureEarlierInStatement(tokens: Tokens, position: number, limit: number): boolean {
  const { kinds, partner } = tokens;
  for (let i = position - 1; i > limit; i--) {
    const kind = kinds[i]!;
    const other = partner[i]!;
    if (other >= 0 && other < i) {
      if (kind === Kind.CloseParenToken && kindAt(tokens, other - 1) === Kind.IfKeyword && conditionNamesOutcome(tokens, other, i)) return true;
      i = other;
      continue;
    }
    if (kind === Kind.SemicolonToken) return false;
    if (kind === Kind.QuestionToken || kind === Kind.ElseKeyword) return true;
    if (kind === Kind.EqualsToken && canName(kindAt(tokens, i - 1)) && FAILURE_HANDLER_PROPERTY.test(tokens.values[i - 1]!)) return true;
  }
  return false;
}

/** A bracket pair that is a failure path itself: a catch block, an else block, an if block on an outcome, a failure callback's arguments. */
function groupOnFailurePath(tokens: Tokens, opener: number): boolean {
  const { kinds, partner } = tokens;
  const before = kindAt(tokens, opener - 1);
  if (kinds[opener] === Kind.OpenBraceToken) {
    if (before === Kind.CatchKeyword || before === Kind.ElseKeyword) return true;
    if (before !== Kind.CloseParenToken) return false;
    const condition = partner[opener - 1]!;
    const keyword = kindAt(tokens, condition - 1);
    return keyword === Kind.CatchKeyword || (keyword === Kind.IfKeyword && conditionNamesOutcome(tokens, condition, opener - 1));
  }
  if (kinds[opener] !== Kind.OpenParenToken) return false;
  const callee = skipTypeParameters(tokens, opener - 1);
  // `.catch` is scanned as the keyword; `then`, `on`, `once`, … as names.
  if (kindAt(tokens, callee) === Kind.CatchKeyword) return true;
  return callee >= 0 && canName(kinds[callee]!) && FAILURE_CALLBACK_CALL.test(tokens.values[callee]!);
}

/** Whether a condition `(…)` names something checkPolarity() reads as an outcome. */
function conditionNamesOutcome(tokens: Tokens, open: number, close: number): boolean {
  for (let i = open + 1; i < close; i++) {
    if (canName(tokens.kinds[i]!) && mayTestOutcome(tokens.values[i]!)) return true;
  }
  return false;
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
