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
 * generated one that repeats it (or names that are prefixes of each other) costs no more than this per name.
 */
const MAX_OCCURRENCES = 500;

/** The specifiers whose imports the file's own code may reach a retry through, each once, at most `limit`. */
export function specifiersUsed(text: string, limit: number): string[] {
  const specifiers = new Set<string>();
  const uses = new Map<string, boolean>();
  const used = (name: string): boolean => {
    if (!uses.has(name)) uses.set(name, usedInCode(text, name));
    return uses.get(name)!;
  };
  for (const match of text.matchAll(IMPORT_SPECIFIER)) {
    if (specifiers.size >= limit) break;
    const specifier = match[3]!;
    if (!specifiers.has(specifier) && importUsed(text, match.index, match[1]!, used)) specifiers.add(specifier);
  }
  return [...specifiers];
}

/** Whether the import whose specifier starts at `at` (after `keyword`) may bring a retry into the file's own code. */
function importUsed(text: string, at: number, keyword: string, used: (name: string) => boolean): boolean {
  const statement = statementBefore(text, at);
  if (keyword.startsWith('from')) {
    const clause = IMPORT_CLAUSE.exec(`${statement}${keyword.trimEnd()}`);
    // `export … from` passes names on; `import type … from` brings types only. Anything else unread is followed.
    if (!clause) return !/^export\b/.test(statement) && !/^import\s+type\b/.test(statement);
    const bindings = clauseBindings(clause[1]!);
    if (bindings === undefined || bindings.some(used)) return true;
    // A class whose instances are handed in (`constructor(private readonly http: HttpClient)`) is used through
    // them: a type import too, where the type annotates a parameter or a field.
    return typeBindings(clause[1]!).some((name) => annotates(text, name));
  }
  if (keyword.startsWith('require')) {
    const declaration = REQUIRE_DECLARATION.exec(statement);
    if (!declaration) return true;
    const bindings = declaration[1]!.startsWith('{') ? destructuredNames(declaration[1]!) : [declaration[1]!];
    return bindings === undefined || bindings.some(used);
  }
  // `import('…')` hands a module over at run time: unsure. `import '…'` binds nothing.
  return keyword.startsWith('import') && keyword.includes('(');
}

/** The statement's text up to `at`, from its start (after the last `;`, or the last line that starts an import or export). */
function statementBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - STATEMENT_LOOKBEHIND), at);
  const start = Math.max(before.lastIndexOf(';'), before.lastIndexOf('\nimport'), before.lastIndexOf('\nexport')) + 1;
  return before.slice(start).trimStart();
}

/** The local names an import clause binds (types left out), or undefined where it does not read as one. */
function clauseBindings(clause: string): string[] | undefined {
  if (/^type\b/.test(clause)) return [];
  const namespace = NAMESPACE_BINDING.exec(clause);
  if (namespace) return [namespace[1]!];
  const named = NAMED_BINDINGS.exec(clause);
  if (named) return namedBindings(named[1]!);
  const withDefault = DEFAULT_BINDING.exec(clause);
  if (!withDefault) return undefined;
  if (withDefault[2] === undefined) return [withDefault[1]!];
  const rest = clauseBindings(withDefault[2].trim());
  return rest && [withDefault[1]!, ...rest];
}

function namedBindings(list: string): string[] | undefined {
  const names: string[] = [];
  for (const element of list.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = NAMED_ELEMENT.exec(element);
    if (!match) return undefined;
    if (match[1]) continue;
    names.push(match[2] ?? element);
  }
  return names;
}

/** The names a clause binds, types included (`import type { A }`, `import { type B, C }`); empty where it does not read as named bindings. */
function typeBindings(clause: string): string[] {
  const named = NAMED_BINDINGS.exec(clause.replace(/^type\s+/, ''));
  if (!named) return [];
  return named[1]!.split(',').map((part) => part.trim().replace(/^type\s+/, '')).flatMap((element) => {
    const match = /^[\w$]+(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(element);
    return match ? [match[1] ?? element.split(/\s/)[0]!] : [];
  });
}

/** Whether a name annotates a parameter or a field (`http: HttpClient,`, `private client: Api;`): `: Name` then the end of the annotation. */
function annotates(text: string, name: string): boolean {
  let seen = 0;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (++seen > MAX_OCCURRENCES) return true;
    const end = at + name.length;
    if (end < text.length && /[\w$]/.test(text[end]!)) continue;
    if (/:\s{0,8}$/.test(text.slice(Math.max(0, at - 10), at)) && /^\s{0,8}(?:[,);]|=(?!>))/.test(text.slice(end, end + 10))) return true;
  }
  return false;
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

/** Whether the name is called, sent through or made anywhere in the text, as a name of its own (not a member `x.name`). */
function usedInCode(text: string, name: string): boolean {
  let seen = 0;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (++seen > MAX_OCCURRENCES) return true;
    const end = at + name.length;
    if (at > 0 && /[\w$.#]/.test(text[at - 1]!)) continue;
    if (end < text.length && /[\w$]/.test(text[end]!)) continue;
    if (USE_AFTER.test(text.slice(end, end + 12)) || USE_BEFORE.test(text.slice(Math.max(0, at - 8), at))) return true;
  }
  return false;
}
