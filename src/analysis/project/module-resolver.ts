// Finds the file an import names, as TypeScript itself would: relative paths (with or without an
// extension, `.js` standing for `.ts`, folders with an index file), `baseUrl`, `paths` aliases from the
// nearest tsconfig.json or jsconfig.json (with its `extends`), and package.json `imports` (`#lib/http`).
// TypeScript's own resolver does the work (ts.resolveModuleName); this file only feeds it the project's
// compiler options and draws the boundary: a module in node_modules, a declaration file, or a file
// outside the project's root is not followed (the analysis stays silent about what it cannot read).
import ts from 'typescript';
import type { ProjectFiles } from './project-files';

const NODE_MODULES = /\/node_modules(\/|$)/;

/** How many config files an `extends` chain may read; TypeScript itself stops at a cycle. */
const MAX_CONFIG_FILES = 8;

/** How many `paths` patterns are used: each import is matched against every one (real configs have a few dozen). */
const MAX_PATH_PATTERNS = 1000;

/** What the resolver needs from the host: the project's files, and the folder outside which nothing is followed. */
export interface ResolverHost {
  files: ProjectFiles;
  /** An absolute path, with `/` separators. */
  root: string;
}

export class ModuleResolver {
  private readonly host: ts.ModuleResolutionHost;
  private readonly optionsByFolder = new Map<string, ts.CompilerOptions>();
  private readonly caches = new Map<ts.CompilerOptions, ts.ModuleResolutionCache>();
  private readonly root: string;
  /** What each specifier resolved to, by the folder it was written in: files of one folder import the same modules. */
  private readonly resolved = new Map<string, string | undefined>();
  /** The files and folders resolution looked for and did not find: only a file made at one of them can move an import. */
  private readonly missing = new Set<string>();

  constructor(private readonly project: ResolverHost) {
    this.root = withSlash(normalise(project.root));
    const files = project.files;
    // Packages are past the boundary, so the resolver is told node_modules holds nothing: a package import
    // ends without a look at the disk (TypeScript would look for it in every folder up to the root).
    this.host = {
      fileExists: (file) => this.followable(file) && this.found(file, files.fileExists ? files.fileExists(file) : files.readFile(file) !== undefined),
      readFile: (file) => (this.followable(file) ? files.readFile(file) : undefined),
      directoryExists: (folder) => this.followable(folder) && this.found(folder, files.directoryExists ? files.directoryExists(folder) : true),
      // Symbolic links are not followed out of the project: a path is taken as it is.
      realpath: (file) => file,
    };
  }

  /** The project file an import in `fromFile` names, or undefined when it lies past the boundary (or nowhere). */
  resolve(specifier: string, fromFile: string): string | undefined {
    const file = normalise(fromFile);
    const folder = folderOf(file);
    const key = `${folder}\0${specifier}`;
    if (this.resolved.has(key)) {
      const known = this.resolved.get(key);
      // For a host that lives on while files change: a module that is gone may have left its import to another file
      // (`./retry` from retry.ts to retry/index.ts), so everything resolved is worked out again.
      if (known === undefined || !this.project.files.versionOf || this.project.files.versionOf(known) !== undefined) return known;
      this.forget();
    }
    const resolved = this.resolveFrom(specifier, file, folder);
    this.resolved.set(key, resolved);
    return resolved;
  }

  /**
   * Forgets every resolution and config read so far: a file created, deleted or edited (a tsconfig.json
   * among them) may change where an import leads.
   */
  forget(): void {
    this.resolved.clear();
    this.caches.clear();
    this.optionsByFolder.clear();
    this.missing.clear();
  }

  /** Whether a file made (or saved) at this path could change where an import leads: resolution looked for it, or for its folder. */
  mayLeadTo(file: string): boolean {
    for (let path = normalise(file); path.length >= this.root.length; path = folderOf(path)) {
      if (this.missing.has(path)) return true;
      if (folderOf(path) === path) break;
    }
    return false;
  }

  private found(path: string, exists: boolean): boolean {
    if (!exists) this.missing.add(normalise(path).replace(/\/$/, ''));
    return exists;
  }

  private resolveFrom(specifier: string, file: string, folder: string): string | undefined {
    const options = this.optionsFor(folder);
    // Without `paths` or `baseUrl` a bare specifier can only name a package: past the boundary, and TypeScript's
    // search of every node_modules folder up to the root is not needed to know it.
    if (namesPackage(specifier) && options.paths === undefined && options.baseUrl === undefined) return undefined;
    const result = ts.resolveModuleName(specifier, file, options, this.host, this.cacheFor(options)).resolvedModule;
    if (!result || result.isExternalLibraryImport || result.extension === ts.Extension.Dts || result.extension === ts.Extension.Dmts
      || result.extension === ts.Extension.Dcts || result.extension === ts.Extension.Json) return undefined;
    const resolved = normalise(result.resolvedFileName);
    return this.followable(resolved) ? resolved : undefined;
  }

  /** Whether a path is inside the root and not in a package's folder. */
  private followable(file: string): boolean {
    return this.inside(file) && !NODE_MODULES.test(file);
  }

  /** Whether a path is the root or lies under it. */
  private inside(file: string): boolean {
    return withSlash(normalise(file)).startsWith(this.root);
  }

  private cacheFor(options: ts.CompilerOptions): ts.ModuleResolutionCache {
    let cache = this.caches.get(options);
    if (!cache) {
      cache = ts.createModuleResolutionCache(this.project.root, (name) => name, options);
      this.caches.set(options, cache);
    }
    return cache;
  }

  /** The compiler options of the nearest tsconfig.json or jsconfig.json above the folder, inside the root. */
  private optionsFor(folder: string): ts.CompilerOptions {
    const known = this.optionsByFolder.get(folder);
    if (known) return known;
    const configFile = this.configFileIn(folder);
    const parent = folderOf(folder);
    const options = configFile ? this.readConfig(configFile) : parent !== folder && this.inside(parent) ? this.optionsFor(parent) : defaultOptions();
    this.optionsByFolder.set(folder, options);
    return options;
  }

  private configFileIn(folder: string): string | undefined {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const file = `${withSlash(folder)}${name}`;
      if (this.host.fileExists(file)) return file;
    }
    return undefined;
  }

  /**
   * The options a config file sets, its `extends` followed. A config that cannot be read or parsed gives the
   * defaults: imports are then resolved by their relative paths alone. Nothing in it is run.
   */
  private readConfig(configFile: string): ts.CompilerOptions {
    let reads = 0;
    const parseHost: ts.ParseConfigHost = {
      useCaseSensitiveFileNames: true,
      // The file list is not needed: only the options are read.
      readDirectory: () => [],
      fileExists: (file) => reads < MAX_CONFIG_FILES && this.host.fileExists(file),
      readFile: (file) => (reads++ < MAX_CONFIG_FILES ? this.host.readFile(file) : undefined),
    };
    const text = this.host.readFile(configFile);
    if (text === undefined) return defaultOptions();
    const json = ts.parseConfigFileTextToJson(configFile, text);
    if (json.error || typeof json.config !== 'object' || json.config === null) return defaultOptions();
    const parsed = ts.parseJsonConfigFileContent(json.config, parseHost, folderOf(configFile), undefined, configFile);
    const options = { ...parsed.options, ...RESOLUTION_OPTIONS };
    // A config with more patterns than any real one is not matched pattern by pattern: its aliases are not followed.
    if (options.paths && Object.keys(options.paths).length > MAX_PATH_PATTERNS) delete options.paths;
    return options;
  }
}

/** How imports are resolved whatever the project's own setting: as a bundler does, JavaScript files included. */
const RESOLUTION_OPTIONS: ts.CompilerOptions = {
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  module: ts.ModuleKind.ESNext,
  allowJs: true,
  resolvePackageJsonImports: true,
  resolvePackageJsonExports: false,
};

function defaultOptions(): ts.CompilerOptions {
  return { ...RESOLUTION_OPTIONS };
}

/** `/` separators, as TypeScript keeps paths. */
export function normalise(file: string): string {
  return file.replace(/\\/g, '/');
}

function withSlash(folder: string): string {
  return folder.endsWith('/') ? folder : `${folder}/`;
}

function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash <= 0 ? file.slice(0, slash + 1) || '/' : file.slice(0, slash);
}

/** A bare specifier (`axios`, `@scope/pkg/sub`): a package, unless `paths` or `baseUrl` map it into the project. */
function namesPackage(specifier: string): boolean {
  return !/^(?:\.{1,2}(?:\/|$)|\/|#)/.test(specifier);
}
