// The project index: follows a file's imports to the modules they name and reads what those export in
// retry terms (module-summary.ts). A module is read once and summarised lazily, when a file imports it;
// its text and summary are kept (the summary without its syntax tree) until the file changes: the host
// says so (`forget`: an editor whose user edits a client file), or its version does (ProjectFiles.versionOf:
// a host that lives on while files change on disk). At most MAX_HOPS modules are
// followed from a file (an import, then an import or re-export of that module); a cycle ends the walk.
// A module is parsed at most once per text: a host's own analysis of a file is kept as its summary
// (noteAnalysis), so is its pre-check's answer (ownRetryCandidate), and a summary serves every number of
// hops left with which the module's imports read the same. What lies past the boundary (node_modules,
// outside the root, unreadable, too large) stays unknown, and the analysis says nothing about it.
import ts from 'typescript';
import { PARSE_OPTIONS, scriptKindFor, skippedBeforeParse } from '../analyze';
import { mayContainRetry } from '../pre-check';
import { findRequests } from '../requests';
import { detectRetries } from '../retry-detection';
import { remainingBudgetMs, setRunSourceFile, withinRun } from '../run-context';
import { indexSource } from '../source-index';
import type { AnalyzeOptions, FileReading, KeptReading, ProjectContext } from '../types';
import { specifiersUsed } from './import-uses';
import { ModuleResolver, normalise } from './module-resolver';
import { EMPTY_SUMMARY, type ExportedRetry, type ModuleSummary, summariseModule } from './module-summary';
import type { ProjectFiles } from './project-files';

/** How many modules away from a file its imports are followed. */
export const MAX_HOPS = 2;

/** How many distinct modules one file's imports are followed to: real files import dozens; a generated one may import thousands. */
export const MAX_IMPORTS_FOLLOWED = 256;

/** How long reading one module may take, at most (and never longer than the importing file has left). */
const MODULE_BUDGET_MS = 2000;

/**
 * How much source text the parses kept for the host (ProjectIndexOptions.keepParsesForHost) may hold in all: a
 * syntax tree takes tens of times its text, so this bounds them to some tens of megabytes.
 */
const KEPT_PARSES_TEXT_LIMIT = 1_000_000;

/**
 * What a module can export that a summary reads: a function, a `const` (a client, an arrow), a default, a list of
 * names, classes (whose methods may retry), CommonJS exports. A module whose exports are all interfaces, types and enums exports no retry.
 */
const READABLE_EXPORT = /\bexport\s+(?:default\b|async\b|function\b|const\b|let\b|var\b|class\b|\{|\*)|\bmodule\.exports\b|\bexports\.[\w$]/;

/** Files whose edit can move where an import leads: `paths`, `baseUrl`, `extends`, package.json `imports`. */
const RESOLUTION_CONFIG = /(?:^|[\\/])(?:[tj]sconfig(?:\.[\w-]+)?\.json|package\.json)$/;

/** A word a module that computes delays for others names (`calculateBackoff`, `withJitter`, `getRetryDelay`). */
const DELAY_HELPER_TEXT = /backoff|jitter|delay/i;

/** `export * from '…'`, `export { a, b as c } from '…'`: a module that passes names on is read even without a retry of its own. */
const RE_EXPORT_TEXT = /\bexport\s*(?:\*|\{[^}]{0,4000}\})\s*(?:as\s+[\w$]+\s*)?from\b/;

export interface ProjectIndexOptions {
  files: ProjectFiles;
  /** The folder outside which nothing is followed (absolute). */
  root: string;
  /** The options the modules are read with: retry helpers, idempotency headers, size limit. */
  analyzeOptions?: Pick<AnalyzeOptions, 'retryHelpers' | 'idempotencyHeaders' | 'maxFileSizeBytes' | 'skipMinified'>;
  /**
   * The host analyses each file of the project once, the modules a file imports among them (the CLI, the API): a
   * module parsed for its summary is kept until the host takes its parse (`takeParse`), so that it is not parsed
   * twice. Hosts that analyse what their user opens (an editor) leave it off: the parses would wait for nothing.
   */
  keepParsesForHost?: boolean;
}

/** A module's parse kept for the host, with what was read of it, the text parsed and the imports its summary was read with. */
interface KeptParse {
  text: string;
  reading: KeptReading;
  importsKey: string;
}

export class ProjectIndex implements ProjectContext {
  private readonly resolver: ModuleResolver;
  private readonly root: string;
  /** Modules' texts as read (undefined: not readable), by path, with the version they were read at (see ProjectFiles.versionOf). */
  private readonly texts = new Map<string, string | undefined>();
  private readonly versions = new Map<string, string | undefined>();
  /** Summaries by hops left and module path. */
  private readonly summaries = new Map<string, ModuleSummary>();
  /**
   * Whether a module may hold a retry of its own (the pre-check's answer), by path, with the text it is the answer
   * for: asked once whatever the hops, and once for a file that is both analysed and imported. The text is kept
   * rather than a hash of it: the index holds the texts of the modules it reads anyway, comparing a text the host
   * read with the one kept costs less than hashing every text, and no two texts can be taken for one.
   */
  private readonly mayRetry = new Map<string, { text: string; answer: boolean }>();
  /**
   * What a parse of a module gave, by path: its imports, and its summary for each reading of them. A module reached
   * again with fewer or more hops left, whose imports then read the same, has the same summary: it is not parsed again.
   */
  private readonly parses = new Map<string, ModuleParse>();
  private readonly reading = new Set<string>();
  private parsed = 0;
  /** Parses kept for the host, oldest first, and how much text they hold. */
  private readonly keptParses = new Map<string, KeptParse>();
  private keptText = 0;
  /** The modules each summary was read from (its own and those it followed), by the summary's key. */
  private readonly summaryModules = new Map<string, ReadonlySet<string>>();
  /** The modules each analysed file's imports led to, by the file: an editor re-analyses the file when one changes. */
  private readonly fileModules = new Map<string, ReadonlySet<string>>();
  /** The modules read while a file's imports, or a summary, are being followed (innermost last). */
  private readonly collecting: Set<string>[] = [];

  constructor(private readonly options: ProjectIndexOptions) {
    this.resolver = new ModuleResolver({ files: options.files, root: options.root });
    this.root = normalise(options.root).replace(/\/?$/, '/');
  }

  /**
   * A file changed (or every file, without a path): its text is read again when next needed, and every summary is
   * made again (a summary may hold what it imports from the file). Where each import leads is worked out again only
   * when the file is one resolution looked for and did not find (it may be new) or a config that steers resolution:
   * an edit of any other file (every keystroke in an editor) changes what a module exports, not where imports lead.
   * A module that is gone is noticed by the resolver itself (its version).
   */
  forget(file?: string): void {
    if (file === undefined || this.resolver.mayLeadTo(file) || RESOLUTION_CONFIG.test(file)) this.resolver.forget();
    if (file === undefined) {
      this.texts.clear();
      this.versions.clear();
      this.mayRetry.clear();
      this.parses.clear();
    } else {
      this.texts.delete(normalise(file));
      this.versions.delete(normalise(file));
      this.mayRetry.delete(normalise(file));
      this.parses.delete(normalise(file));
    }
    this.summaries.clear();
    this.summaryModules.clear();
    this.keptParses.clear();
    this.keptText = 0;
  }

  /**
   * The pre-check's answer for a file's own text (`decide` works it out), kept by path and text: the host's
   * pre-check of a file and the index's of the same file as a module ask once. Options that change the answer
   * (helper names) are the index's own, or it is worked out afresh.
   */
  ownRetryCandidate(fileName: string, text: string, options: AnalyzeOptions, decide: () => boolean): boolean {
    if (!sameList(options.retryHelpers, this.options.analyzeOptions?.retryHelpers)) return decide();
    const module = normalise(fileName);
    const known = this.mayRetry.get(module);
    if (known?.text === text) return known.answer;
    const answer = decide();
    this.mayRetry.set(module, { text, answer });
    return answer;
  }

  /**
   * A file's own analysis, kept as its summary for the imports it was read with: a file the host analyses before
   * another imports it is not parsed again for its summary. Kept only where the options that decide a summary are
   * the index's own; the text kept with it ties it to the text the index reads later.
   */
  noteAnalysis(fileName: string, text: string, reading: FileReading): void {
    if (!this.readsAsIndex(reading.options) || !READABLE_EXPORT.test(text)) return;
    const module = normalise(fileName);
    const known = this.parses.get(module);
    const parse = known?.text === text ? known : { text, imports: reading.index.imports, summaries: new Map<string, ModuleSummary>() };
    parse.summaries.set(importsKey(reading.imported), trimmed(summariseModule(reading.index, reading.facts, reading.requests, this.relative(module))));
    this.parses.set(module, parse);
  }

  /**
   * The parse the index made of a file as a module, for the host's analysis of the same text: given once, and only
   * where the analysis would read what the summary read (the same options, its imports standing for the same).
   */
  takeParse(fileName: string, text: string, options: AnalyzeOptions): KeptReading | undefined {
    const kept = this.keptParses.get(fileName);
    if (!kept) return undefined;
    this.keptParses.delete(fileName);
    this.keptText -= kept.text.length;
    if (kept.text !== text || !this.readsAsIndex(options)) return undefined;
    return importsKey(this.importedRetries(fileName, kept.reading.index.imports)) === kept.importsKey ? kept.reading : undefined;
  }

  /** Whether an analysis with these options reads a module as the index does (the options a summary depends on are the same). */
  private readsAsIndex(options: AnalyzeOptions): boolean {
    const own = this.options.analyzeOptions ?? {};
    return sameList(options.retryHelpers, own.retryHelpers) && sameList(options.idempotencyHeaders, own.idempotencyHeaders);
  }

  /** The modules a file's imports led to when it was last analysed (its own files of the project, not packages). */
  modulesReadFor(fileName: string): string[] {
    return [...(this.fileModules.get(normalise(fileName)) ?? [])];
  }

  /** How many parses of modules wait for the host to take them (ProjectIndexOptions.keepParsesForHost). */
  get parsesKeptForHost(): number {
    return this.keptParses.size;
  }

  /** How many modules the index has parsed so far (each is parsed again only when its text changes). */
  get modulesParsed(): number {
    return this.parsed;
  }

  /** What each imported name of a file stands for in retry terms, where its module could be read. */
  importedRetries(fileName: string, imports: ReadonlyMap<string, string>): Map<string, ExportedRetry> {
    return this.recordingFor(fileName, () => this.importsOf(fileName, imports, MAX_HOPS));
  }

  /**
   * Whether a file's imports (read from its text) bring in anything that retries: the pre-check lets such
   * a file be parsed even when it holds no retry of its own (a POST through a client configured elsewhere).
   * Only the imports its own code calls, sends through or makes are followed (import-uses.ts).
   */
  importsRetries(fileName: string, text: string): boolean {
    return this.recordingFor(fileName, () => specifiersUsed(text, MAX_IMPORTS_FOLLOWED).some((specifier) => {
      const module = this.resolver.resolve(specifier, fileName);
      return module !== undefined && this.exportsAnyRetry(module, MAX_HOPS - 1);
    }));
  }

  /** Runs a reading of a file's imports, keeping the modules it read as the file's. */
  private recordingFor<T>(fileName: string, read: () => T): T {
    const modules = new Set<string>();
    this.collecting.push(modules);
    try {
      return read();
    } finally {
      this.collecting.pop();
      this.fileModules.set(normalise(fileName), modules);
    }
  }

  private noteRead(modules: Iterable<string>): void {
    const into = this.collecting[this.collecting.length - 1];
    if (into) for (const module of modules) into.add(module);
  }

  private exportsAnyRetry(module: string, hops: number): boolean {
    const summary = this.summaryOf(module, hops);
    if ([...summary.exports.values()].some((exported) => exported.kind !== 'no-retry')) return true;
    return hops > 0 && summary.reExports.some((reExport) => {
      const target = this.resolver.resolve(reExport.specifier, module);
      return target !== undefined && this.exportsAnyRetry(target, hops - 1);
    });
  }

  private importsOf(fileName: string, imports: ReadonlyMap<string, string>, hops: number): Map<string, ExportedRetry> {
    const found = new Map<string, ExportedRetry>();
    if (hops <= 0) return found;
    const modules = new Set<string>();
    for (const [local, imported] of imports) {
      const hash = imported.lastIndexOf('#');
      const specifier = hash < 0 ? imported : imported.slice(0, hash);
      modules.add(specifier);
      if (modules.size > MAX_IMPORTS_FOLLOWED) break;
      const exported = hash < 0 ? 'default' : imported.slice(hash + 1);
      const module = this.resolver.resolve(specifier, fileName);
      const summary = module ? this.exportOf(module, exported, hops - 1) : undefined;
      if (summary) found.set(local, summary);
    }
    return found;
  }

  /** An export of a module, followed through re-exports while hops are left. */
  private exportOf(module: string, name: string, hops: number): ExportedRetry | undefined {
    const summary = this.summaryOf(module, hops);
    const own = summary.exports.get(name);
    if (own || hops <= 0) return own;
    for (const reExport of summary.reExports) {
      const passedOn = reExport.names ? reExport.names.get(name) : name === 'default' ? undefined : name;
      const target = passedOn === undefined ? undefined : this.resolver.resolve(reExport.specifier, module);
      const found = target ? this.exportOf(target, passedOn!, hops - 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  private summaryOf(module: string, hops: number): ModuleSummary {
    const key = `${hops}:${module}`;
    const cached = this.summaries.get(key);
    if (cached && this.stillCurrent(this.summaryModules.get(key) ?? [module])) {
      this.noteRead(this.summaryModules.get(key) ?? [module]);
      return cached;
    }
    this.noteRead([module]);
    const text = this.textOf(module);
    if (text === undefined) return EMPTY_SUMMARY;
    // A module that imports itself, directly or round a cycle, is not read again while it is being read.
    if (this.reading.has(module)) return EMPTY_SUMMARY;
    this.reading.add(module);
    const modules = new Set([module]);
    this.collecting.push(modules);
    try {
      const summary = this.readModule(module, text, hops);
      this.summaries.set(key, summary);
      this.summaryModules.set(key, modules);
      return summary;
    } finally {
      this.collecting.pop();
      this.reading.delete(module);
      this.noteRead(modules);
    }
  }

  private textOf(module: string): string | undefined {
    if (!this.texts.has(module)) {
      this.versions.set(module, this.options.files.versionOf?.(module));
      this.texts.set(module, this.options.files.readFile(module));
    }
    return this.texts.get(module);
  }

  /** Whether the modules a summary was read from are as they were read; the ones that changed are forgotten. */
  private stillCurrent(modules: Iterable<string>): boolean {
    const versionOf = this.options.files.versionOf;
    if (!versionOf) return true;
    let current = true;
    for (const module of modules) {
      if (!this.texts.has(module) || this.versions.get(module) === versionOf.call(this.options.files, module)) continue;
      this.forget(module);
      current = false;
    }
    return current;
  }

  private readModule(module: string, text: string, hops: number): ModuleSummary {
    const analyzeOptions = { ...this.options.analyzeOptions };
    if (skippedBeforeParse(text, analyzeOptions) || !READABLE_EXPORT.test(text)) return EMPTY_SUMMARY;
    const hasOwnRetry = this.ownRetryCandidate(module, text, analyzeOptions, () => mayContainRetry(text, module, analyzeOptions));
    // A module with nothing a retry is made of (not even the name of a helper it imports and calls), no
    // re-exports and no delay helper has nothing to summarise: it is not parsed, and its imports are not followed.
    if (!hasOwnRetry && !RE_EXPORT_TEXT.test(text) && !DELAY_HELPER_TEXT.test(text)) return EMPTY_SUMMARY;
    const parsedBefore = this.parses.get(module)?.text === text ? this.parses.get(module) : undefined;
    if (parsedBefore) {
      const same = parsedBefore.summaries.get(importsKey(this.importsOf(module, parsedBefore.imports, hops)));
      if (same) return same;
    }
    const budget = Math.min(MODULE_BUDGET_MS, remainingBudgetMs());
    try {
      return withinRun(budget, undefined, () => {
        this.parsed++;
        const sourceFile = ts.createSourceFile(module, text, PARSE_OPTIONS, false, scriptKindFor(module));
        setRunSourceFile(sourceFile);
        const index = indexSource(sourceFile);
        const imported = this.importsOf(module, index.imports, hops);
        const facts = detectRetries(index, analyzeOptions.retryHelpers, imported);
        const requests = findRequests(index, facts, analyzeOptions.idempotencyHeaders ?? []);
        const summary = trimmed(summariseModule(index, facts, requests, this.relative(module)));
        const parse = parsedBefore ?? { text, imports: index.imports, summaries: new Map<string, ModuleSummary>() };
        parse.summaries.set(importsKey(imported), summary);
        this.parses.set(module, parse);
        // The host analyses a module whose own text may hold a retry; one read only for what it passes on, it does not parse.
        if (hasOwnRetry) this.keepForHost(module, { text, reading: { index, facts, requests }, importsKey: importsKey(imported) });
        return summary;
      });
    } catch {
      // A module that cannot be read to the end (too deep, out of time) is past the boundary: nothing is known of it.
      return EMPTY_SUMMARY;
    }
  }

  /** Keeps a module's parse for the host (the oldest go first past the limit); hosts that do not take parses keep none. */
  private keepForHost(module: string, parse: KeptParse): void {
    if (!this.options.keepParsesForHost || parse.text.length > KEPT_PARSES_TEXT_LIMIT) return;
    const before = this.keptParses.get(module);
    if (before) this.keptText -= before.text.length;
    this.keptParses.delete(module);
    this.keptParses.set(module, parse);
    this.keptText += parse.text.length;
    for (const [oldest, kept] of this.keptParses) {
      if (this.keptText <= KEPT_PARSES_TEXT_LIMIT) break;
      this.keptParses.delete(oldest);
      this.keptText -= kept.text.length;
    }
  }

  /** A module's path from the root, as messages show it. */
  private relative(module: string): string {
    return module.startsWith(this.root) ? module.slice(this.root.length) : module;
  }
}

/** What a parse of a module gave: the text parsed, its imports, and its summary for each reading of them. */
interface ModuleParse {
  text: string;
  imports: ReadonlyMap<string, string>;
  summaries: Map<string, ModuleSummary>;
}

function trimmed(summary: ModuleSummary): ModuleSummary {
  return { ...summary, reExports: summary.reExports.slice(0, MAX_IMPORTS_FOLLOWED) };
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** The imports a summary was read with, as one string: equal strings, equal readings (summaries are plain data). */
function importsKey(imported: ReadonlyMap<string, ExportedRetry>): string {
  return JSON.stringify([...imported]);
}
