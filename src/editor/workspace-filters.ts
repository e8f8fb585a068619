// The file filter of each workspace folder (src/shared/file-filter, built by exclude-globs.ts from
// files.exclude, search.exclude, integrationCoach.exclude and the folder's .gitignore files), shared by
// live diagnostics and the workspace scan, so that a file is excluded from both or from neither. Built
// once and kept for live diagnostics; dropped when an exclude setting or a .gitignore changes; built
// anew by each scan (which was asked for an up-to-date answer).
import * as vscode from 'vscode';
import { decodeText, type Exclusion, type FileFilter, MAX_IGNORE_FILE_BYTES } from '../shared/file-filter';
import { buildFolderFilter, enabledPatterns, FIND_FILES_EXCLUDE, type FolderExclusions } from './exclude-globs';
import type { SettingsReader } from './settings';
import { fileSelectionOf } from './settings-effects';

/** The settings the filters are made of, besides the .gitignore files. */
const EXCLUDE_SETTINGS = ['files.exclude', 'search.exclude', 'integrationCoach.exclude'] as const;

/**
 * How long after a .gitignore event the change is told: a checkout or a generator touches many at once,
 * and each telling re-analyses every open document.
 */
const BURST_MS = 100;

/** How long a document waits for its folder's .gitignore files to be found and read (usually a few ms). */
const FILTER_WAIT_MS = 2000;

export class WorkspaceFilters implements vscode.Disposable {
  /** By workspace folder URI ('' for documents outside every folder). */
  private readonly kept = new Map<string, Promise<FileFilter>>();
  /** The kept filters already built: what every keystroke's analysis reads, without waiting on a promise. */
  private readonly built = new Map<string, FileFilter>();
  /** The folders whose slow build was logged (once until the filters are dropped). */
  private readonly warnedSlow = new Set<string>();
  /** Counts the drops, so that a build that began before one is not kept. */
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired once a burst of .gitignore changes (or a change of folders) is over: an open document's exclusion may be different. */
  readonly onDidChange = this.changed.event;
  private telling: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly settings: SettingsReader,
    private readonly log: vscode.LogOutputChannel,
    /** Lets other work run on the extension host between slices of patterns. */
    private readonly pause: () => Promise<void>,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.gitignore');
    const dropAndTell = () => {
      this.drop();
      this.telling ??= setTimeout(() => {
        this.telling = undefined;
        this.changed.fire();
      }, BURST_MS);
    };
    this.disposables = [
      watcher,
      this.changed,
      watcher.onDidCreate(dropAndTell),
      watcher.onDidChange(dropAndTell),
      watcher.onDidDelete(dropAndTell),
      vscode.workspace.onDidChangeWorkspaceFolders(dropAndTell),
    ];
  }

  /**
   * Why the document is not analysed (see FileFilter.fileExclusion), by its workspace folder's filter;
   * outside every folder, by the exclude settings alone, matched against the path from the root.
   */
  async exclusionOf(uri: vscode.Uri): Promise<Exclusion | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const filter = await this.readyFilterFor(folder);
    return filter.fileExclusion(folder ? relativePath(folder, uri) : uri.path.replace(/^\/+/, ''));
  }

  /**
   * The folder's filter, or, when finding and reading its .gitignore files takes longer than FILTER_WAIT_MS
   * (a file search that stalls, a large monorepo), one of the exclude settings alone: a document is never
   * kept waiting for its diagnostics. The build goes on, and later documents use it once it is done.
   */
  private async readyFilterFor(folder: vscode.WorkspaceFolder | undefined): Promise<FileFilter> {
    const done = this.built.get(keyOf(folder));
    if (done) return done;
    const building = this.filterFor(folder);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), FILTER_WAIT_MS)));
    const ready = await Promise.race([building, late]);
    clearTimeout(timer);
    if (ready !== 'late') return ready;
    if (!this.warnedSlow.has(keyOf(folder))) this.log.warn(`File filter: the .gitignore files of ${folder?.name ?? 'the workspace'} took over ${FILTER_WAIT_MS} ms to read; excluding by the settings alone until they are read.`);
    this.warnedSlow.add(keyOf(folder));
    return buildFolderFilter({ settings: this.excludeSettings(folder), gitignoreFolders: [], readGitignore: async () => undefined }, () => undefined, this.pause);
  }

  /** The filter as last built, or a new one (the first document of a folder waits for it). */
  filterFor(folder: vscode.WorkspaceFolder | undefined): Promise<FileFilter> {
    const key = keyOf(folder);
    let filter = this.kept.get(key);
    if (!filter) {
      const generation = this.generation;
      filter = this.build(folder);
      this.kept.set(key, filter);
      const building = filter;
      void building.then((done) => {
        if (generation === this.generation) this.built.set(key, done);
      }, () => {
        // A build that failed is not kept: the next document asks for a new one.
        if (this.kept.get(key) === building) this.kept.delete(key);
      });
    }
    return filter;
  }

  /** A filter built from the settings and files as they are now, kept for live diagnostics unless cancelled. */
  async rebuild(folder: vscode.WorkspaceFolder, token: vscode.CancellationToken): Promise<FileFilter> {
    const generation = this.generation;
    const filter = await this.build(folder, token);
    // A cancelled build may have missed .gitignore files; one begun before a drop has the old settings.
    if (!token.isCancellationRequested && generation === this.generation) {
      this.kept.set(keyOf(folder), Promise.resolve(filter));
      this.built.set(keyOf(folder), filter);
    }
    return filter;
  }

  /**
   * Drops the filters when the change is to a setting they are made of; true then. Called by the one
   * listener that also refreshes the settings reader, before anything reads them again.
   */
  dropOnSettingsChange(event: vscode.ConfigurationChangeEvent): boolean {
    if (!EXCLUDE_SETTINGS.some((setting) => event.affectsConfiguration(setting))) return false;
    this.drop();
    return true;
  }

  dispose(): void {
    clearTimeout(this.telling);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private drop(): void {
    this.kept.clear();
    this.built.clear();
    this.warnedSlow.clear();
    this.generation++;
  }

  private async build(folder: vscode.WorkspaceFolder | undefined, token?: vscode.CancellationToken): Promise<FileFilter> {
    const sources: FolderExclusions = {
      settings: this.excludeSettings(folder),
      gitignoreFolders: folder ? await this.gitignoreFolders(folder, token) : [],
      readGitignore: (relative) => this.readGitignore(vscode.Uri.joinPath(folder!.uri, relative, '.gitignore')),
      readGitExclude: folder ? () => this.readIfPresent(vscode.Uri.joinPath(folder.uri, '.git', 'info', 'exclude')) : undefined,
    };
    return buildFolderFilter(sources, (notice) => this.log.warn(`File filter: ${notice}`), this.pause);
  }

  /** The exclude settings as they are now, for the folder. */
  private excludeSettings(folder: vscode.WorkspaceFolder | undefined): FolderExclusions['settings'] {
    const setting = (section: string, key: string) => vscode.workspace.getConfiguration(section, folder?.uri).get<unknown>(key);
    return [
      { name: 'files.exclude', globs: enabledPatterns(setting('files', 'exclude')) },
      { name: 'search.exclude', globs: enabledPatterns(setting('search', 'exclude')) },
      { name: 'integrationCoach.exclude', globs: fileSelectionOf(this.settings.read(folder?.uri)).exclude },
    ];
  }

  /** The folders of the workspace folder that hold a .gitignore, relative to it. */
  private async gitignoreFolders(folder: vscode.WorkspaceFolder, token: vscode.CancellationToken | undefined): Promise<string[]> {
    try {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), FIND_FILES_EXCLUDE, undefined, token);
      return found.map((uri) => parentPath(relativePath(folder, uri)));
    } catch (error) {
      // A virtual workspace may have no file search; its settings still apply.
      this.log.warn(`File filter: cannot list the .gitignore files of ${folder.name}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  /** An ignore file most folders do not have (`.git/info/exclude`): absent, nothing is said. */
  private async readIfPresent(uri: vscode.Uri): Promise<{ text: string; name: string } | undefined> {
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return undefined;
    }
    return this.readGitignore(uri);
  }

  /** A .gitignore's text: a regular file within the size limit, else undefined (and a log line). */
  private async readGitignore(uri: vscode.Uri): Promise<{ text: string; name: string } | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!(stat.type & vscode.FileType.File) || stat.size > MAX_IGNORE_FILE_BYTES) {
        this.log.warn(`File filter: not used: ${uri.toString(true)} (not a regular file, or larger than ${MAX_IGNORE_FILE_BYTES} bytes)`);
        return undefined;
      }
      return { text: decodeText(await vscode.workspace.fs.readFile(uri)), name: vscode.workspace.asRelativePath(uri, true) };
    } catch (error) {
      this.log.warn(`File filter: cannot read ${uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}

function keyOf(folder: vscode.WorkspaceFolder | undefined): string {
  return folder?.uri.toString() ?? '';
}

/** The URI's path relative to the folder, posix ('' for the folder itself). */
export function relativePath(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  return uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
}

/** The folder part of a relative path ('' at the top). */
function parentPath(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}
