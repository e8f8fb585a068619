// The analysis worker's projects, for the analysis across files: one project index per workspace folder,
// reading the folder's files from the disk, except those open with unsaved changes, whose editor text wins.
// Each request brings the unsaved texts; a file whose text changed since the last request (edited, saved,
// closed without saving) is forgotten by every index, so the files that import it read it again. A file
// changed on disk by something else (a checkout, another editor) is read again by its modification time.
import { ProjectIndex } from '../analysis/index';
import type { ProjectFiles } from '../analysis/project/project-files';
import type { AnalyzeOptions } from '../analysis/types';
import { filesOnDisk } from '../shared/project-on-disk';

export class WorkerProjects {
  private unsaved = new Map<string, string>();
  private readonly indexes = new Map<string, ProjectIndex>();
  private readonly disk: ProjectFiles;

  constructor(maxFileSizeBytes: number) {
    this.disk = filesOnDisk(maxFileSizeBytes, true);
  }

  /** Takes the unsaved texts of a request; every file whose text is not as before is forgotten. */
  useUnsaved(texts: Readonly<Record<string, string>>): void {
    const next = new Map(Object.entries(texts));
    for (const file of new Set([...this.unsaved.keys(), ...next.keys()])) {
      if (this.unsaved.get(file) === next.get(file)) continue;
      for (const index of this.indexes.values()) index.forget(file);
    }
    this.unsaved = next;
  }

  /** The index of a workspace folder (made on first use). */
  at(root: string, options: AnalyzeOptions): ProjectIndex {
    let index = this.indexes.get(root);
    if (!index) {
      const files: ProjectFiles = {
        readFile: (file) => this.unsaved.get(file) ?? this.disk.readFile(file),
        fileExists: (file) => this.unsaved.has(file) || this.disk.fileExists!(file),
        directoryExists: this.disk.directoryExists,
        // An open document's unsaved text stays as it is whatever the disk does (useUnsaved forgets it when it changes).
        versionOf: (file) => (this.unsaved.has(file) ? 'unsaved' : this.disk.versionOf!(file)),
      };
      index = new ProjectIndex({ files, root, analyzeOptions: options });
      this.indexes.set(root, index);
    }
    return index;
  }
}
