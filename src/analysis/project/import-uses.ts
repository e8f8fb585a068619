// Which of a file's imports its own code can reach a retry through, read from the text before any parse: the
// pre-check asks the project index about a file with no retry of its own (project-index.ts, importsRetries), and
// each import it names costs a module resolution and a read. A retry that lives elsewhere shows in a file only
// where the file calls what it imported (`withRetry(…)`, `retry<T>(…)`), sends through it (`api.post(…)`,
// `http[method](…)`), or makes one (`new ApiClient()`, `@Retry()`). So an import is followed when one of its
// bindings is used so, or when its bindings cannot be read here (a dynamic `import()`, a `require` inside an
// expression): unsure, it is followed. So is one whose binding annotates a parameter or a field (`http: HttpClient`),
// `import type` too: an instance of a class whose methods retry is handed in there. Not followed: other types,
// side-effect imports (`import './polyfill'`), re-exports (`export … from`: the file passes the names on and uses none), and bindings the file only hands on
// (`register(handler)`), compares or reads as values.

/**
 * Import specifiers in a file's text: `from '…'`, `require('…')`, `import('…')`, `import '…'`.
 * The specifier is taken whole by a lookahead, so a quote that never closes costs one try, not one per length.
 */
const IMPORT_SPECIFIER = /(\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(?=([^'"\n]{1,500}))\3\2/g;

/** How far back from a specifier the start of its statement is looked for. */
const STATEMENT_LOOKBEHIND = 400;

/** `import a, { b, c as d, type T } from` or `import * as ns from`: the clause between `import` and `from`. */
const IMPORT_CLAUSE = /^import\s+([\s\S]*?)\s*from\s*$/;
const NAMED_BINDINGS = /^\{([^{}]*)\}$/;
const NAMESPACE_BINDING = /^\*\s*as\s+([A-Za-z_$][\w$]*)$/;
const DEFAULT_BINDING = /^([A-Za-z_$][\w$]*)\s*(?:,\s*([\s\S]*))?$/;
/** `b`, `c as d`, `type T`, `default as e` in braces. */
const NAMED_ELEMENT = /^(type\s+)?(?:[\w$]+|'[^']*'|"[^"]*")(?:\s+as\s+([A-Za-z_$][\w$]*))?$/;

/** `const x = require(`, `let { a, b: c } = require(`: the declaration before a `require`. */
const REQUIRE_DECLARATION = /(?:^|[;{}\n])\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*|\{[^{}]*\})\s*=\s*(?:await\s+)?$/;

/** What may follow a binding that is called, sent through or made: `(`, `.`, `?.`, `[`, `<T>(`, a template, `!`, `as`. */
const USE_AFTER = /^\s*(?:[(.[<`!]|\?\.|as\b|satisfies\b)/;
/** What may come before one: `new`, a decorator's `@`. */
const USE_BEFORE = /(?:\bnew\s+|@\s*)$/;

/**
 * How many places a name is looked at before it counts as used: a real file uses a name a few dozen times; a
 * generated one that repeats it costs no more than this per name.
 */
const MAX_OCCURRENCES = 500;

/** What an import binds, read from its statement before any name is looked up in the code. */
interface ImportRead {
  specifier: string;
  /** Followed whatever the code does (its bindings cannot be read here), never (it binds nothing usable), or as its names are used. */
  followed: boolean | undefined;
  /** Names that count where they are called, sent through or made. */
  called: string[];
  /** Names that count where they annotate a parameter or a field. */
  annotating: string[];
}

/** The specifiers whose imports the file's own code may reach a retry through, each once, at most `limit`. */
export function specifiersUsed(text: string, limit: number): string[] {
  const imports: ImportRead[] = [];
  const followedAlready = new Set<string>();
  for (const match of text.matchAll(IMPORT_SPECIFIER)) {
    // Past the limit of specifiers followed whatever their names do, a later import cannot make the list.
    if (followedAlready.size >= limit) break;
    if (followedAlready.has(match[3]!)) continue;
    const read = readImport(text, match.index, match[1]!, match[3]!);
    if (read.followed === true) followedAlready.add(read.specifier);
    imports.push(read);
  }
  // Every name is found in one pass over the text, so names that are prefixes of each other cost no more than others.
  const places = wordPlaces(text, new Set(imports.flatMap((read) => [...read.called, ...read.annotating])));
  const called = memoised((name: string) => usedInCode(text, name, places.get(name)));
  const annotating = memoised((name: string) => annotates(text, name, places.get(name)));
  const specifiers = new Set<string>();
  for (const read of imports) {
    if (specifiers.size >= limit) break;
    if (specifiers.has(read.specifier)) continue;
    const followed = read.followed ?? (read.called.some(called) || read.annotating.some(annotating));
    if (followed) specifiers.add(read.specifier);
  }
  return [...specifiers];
}

/** A test of a name asked once per name, however many imports bind it. */
function memoised(test: (name: string) => boolean): (name: string) => boolean {
  const answers = new Map<string, boolean>();
  return (name) => {
    if (!answers.has(name)) answers.set(name, test(name));
    return answers.get(name)!;
  };
}

/** What the import whose specifier starts at `at` (after `keyword`) binds, and whether that alone decides it. */
function readImport(text: string, at: number, keyword: string, specifier: string): ImportRead {
  const statement = statementBefore(text, at);
  const decided = (followed: boolean): ImportRead => ({ specifier, followed, called: [], annotating: [] });
  if (keyword.startsWith('from')) {
    const clause = IMPORT_CLAUSE.exec(`${statement}${keyword.trimEnd()}`);
    // `export … from` passes names on; `import type … from` brings types only. Anything else unread is followed.
    if (!clause) return decided(!/^export\b/.test(statement) && !/^import\s+type\b/.test(statement));
    // A class whose instances are handed in (`constructor(private readonly http: HttpClient)`) is used through
    // them: a type import too, where the type annotates a parameter or a field.
    const names = clauseNames(clause[1]!);
    return names ? { specifier, followed: undefined, ...names } : decided(true);
  }
  if (keyword.startsWith('require')) {
    const declaration = REQUIRE_DECLARATION.exec(statement);
    if (!declaration) return decided(true);
    const bindings = declaration[1]!.startsWith('{') ? destructuredNames(declaration[1]!) : [declaration[1]!];
    return bindings === undefined ? decided(true) : { specifier, followed: undefined, called: bindings, annotating: [] };
  }
  // `import('…')` hands a module over at run time: unsure. `import '…'` binds nothing.
  return decided(keyword.startsWith('import') && keyword.includes('('));
}

/** Where each of `names` stands in the text as a word of its own (not part of a longer one), at most one place past the cap each. */
function wordPlaces(text: string, names: Set<string>): Map<string, number[]> {
  const places = new Map<string, number[]>();
  if (names.size === 0) return places;
  const lengths = new Set([...names].map((name) => name.length));
  // A word is cut out of the text only where its length is a name's: the text's other words cost no allocation.
  for (let start = 0; start < text.length; ) {
    if (!isWordChar(text.charCodeAt(start))) { start++; continue; }
    let end = start + 1;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    const word = lengths.has(end - start) ? text.slice(start, end) : undefined;
    if (word !== undefined && names.has(word)) {
      const at = places.get(word) ?? [];
      if (at.length <= MAX_OCCURRENCES) at.push(start);
      places.set(word, at);
    }
    start = end;
  }
  return places;
}

/** `[A-Za-z0-9_$]` by character code. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

/** The statement's text up to `at`, from its start (after the last `;`, or the last line that starts an import or export). */
function statementBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - STATEMENT_LOOKBEHIND), at);
  const start = Math.max(before.lastIndexOf(';'), before.lastIndexOf('\nimport'), before.lastIndexOf('\nexport')) + 1;
  return before.slice(start).trimStart();
}

/** The names an import clause binds: those its code may call (types left out), and all of them, types too, that may annotate. */
interface ClauseNames {
  called: string[];
  annotating: string[];
}

/** What an import clause binds, or undefined where it does not read as one. */
function clauseNames(clause: string): ClauseNames | undefined {
  if (/^type\b/.test(clause)) {
    // `import type { A }`: nothing to call, but `A` may annotate a parameter an instance is handed in through.
    const named = NAMED_BINDINGS.exec(clause.replace(/^type\s+/, ''));
    const elements = named ? namedElements(named[1]!) : undefined;
    return { called: [], annotating: elements?.map((element) => element.local) ?? [] };
  }
  const namespace = NAMESPACE_BINDING.exec(clause);
  if (namespace) return { called: [namespace[1]!], annotating: [] };
  const named = NAMED_BINDINGS.exec(clause);
  if (named) {
    const elements = namedElements(named[1]!);
    return elements && { called: elements.filter((element) => !element.typeOnly).map((element) => element.local), annotating: elements.map((element) => element.local) };
  }
  const withDefault = DEFAULT_BINDING.exec(clause);
  if (!withDefault) return undefined;
  if (withDefault[2] === undefined) return { called: [withDefault[1]!], annotating: [] };
  const rest = clauseNames(withDefault[2].trim());
  return rest && { called: [withDefault[1]!, ...rest.called], annotating: rest.annotating };
}

/** `b`, `c as d`, `type T` in braces: each local name and whether it is a type only, or undefined where one does not read. */
function namedElements(list: string): { local: string; typeOnly: boolean }[] | undefined {
  const elements: { local: string; typeOnly: boolean }[] = [];
  for (const element of list.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = NAMED_ELEMENT.exec(element);
    if (!match) return undefined;
    elements.push({ local: match[2] ?? element.replace(/^type\s+/, ''), typeOnly: match[1] !== undefined });
  }
  return elements;
}

/** Whether a name, at its places in the text, annotates a parameter or a field (`http: HttpClient,`, `private client: Api;`): `: Name` then the end of the annotation. */
function annotates(text: string, name: string, places: number[] = []): boolean {
  if (places.length > MAX_OCCURRENCES) return true;
  return places.some((at) => {
    const end = at + name.length;
    return /:\s{0,8}$/.test(text.slice(Math.max(0, at - 10), at)) && /^\s{0,8}(?:[,);]|=(?!>))/.test(text.slice(end, end + 10));
  });
}

/** `{ a, b: c, d = 1 }` of a destructuring `require`: the local names, or undefined where nested or unusual. */
function destructuredNames(pattern: string): string[] | undefined {
  const names: string[] = [];
  for (const element of pattern.slice(1, -1).split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^(?:[\w$]+\s*:\s*)?([A-Za-z_$][\w$]*)(?:\s*=[^,]*)?$/.exec(element);
    if (!match) return undefined;
    names.push(match[1]!);
  }
  return names;
}

/** Whether the name, at its places in the text, is called, sent through or made, as a name of its own (not a member `x.name`). */
function usedInCode(text: string, name: string, places: number[] = []): boolean {
  if (places.length > MAX_OCCURRENCES) return true;
  return places.some((at) => {
    if (at > 0 && /[.#]/.test(text[at - 1]!)) return false;
    const end = at + name.length;
    return USE_AFTER.test(text.slice(end, end + 12)) || USE_BEFORE.test(text.slice(Math.max(0, at - 8), at));
  });
}
