// How the analysis reads the other files of a project: the host says. The CLI reads the disk, the
// editor prefers its unsaved contents, a test or a benchmark can hand over files held in memory.

export interface ProjectFiles {
  /**
   * The text of the file at an absolute path (`/` separators), or undefined when it cannot be read:
   * missing, not a regular file, over the size limit, binary. Never throws.
   */
  readFile(file: string): string | undefined;
  /** Whether a file exists; cheaper than reading it, for module resolution. Defaults to a read. */
  fileExists?(file: string): boolean;
  /** Whether a folder exists; lets module resolution skip folders that are not there. */
  directoryExists?(folder: string): boolean;
  /**
   * A token that changes when the file does (its modification time and size), for hosts that live on while
   * files change under them (an editor, an ESLint server): what the index read of a file whose token changed
   * is read again. Without it, what was read is kept until the host calls `forget`.
   */
  versionOf?(file: string): string | undefined;
}

/** Files held in memory, by absolute path: for the API's `analyzeProject`, and for tests. */
export function filesInMemory(texts: ReadonlyMap<string, string>): ProjectFiles {
  const folders = new Set<string>();
  for (const file of texts.keys()) {
    for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) folders.add(file.slice(0, slash));
  }
  return {
    readFile: (file) => texts.get(file),
    fileExists: (file) => texts.has(file),
    directoryExists: (folder) => folders.has(folder.replace(/\/$/, '')),
  };
}
