// A project's files read from the disk for the analysis across files, by the CLI and the ESLint plugin:
// with the same care as the files they scan (regular files only, within the size limit, decoded as an
// editor would). Each thread keeps one project index per root, so a module imported by many files is
// read once a thread.
import { statSync } from 'node:fs';
import { ProjectIndex } from '../analysis/index';
import type { ProjectFiles } from '../analysis/project/project-files';
import type { AnalyzeOptions } from '../analysis/types';
import { decodeText, encodingOf, maxBytesOnDisk } from './file-filter/decode-text';
import { readRegularFile } from './file-filter/read-regular-file';

/**
 * Files read from the disk; what cannot be read as a regular file within the limit reads as missing.
 * `changing`: the files may change while the host lives on (an editor, an ESLint server): each file's
 * modification time and size are its version, checked when what was read of it is used again.
 */
export function filesOnDisk(maxFileSizeBytes: number, changing = false): ProjectFiles {
  // A run that reads the disk once (the CLI) asks each path what it is once: module resolution asks the
  // same folders and candidate files for every file that imports from them.
  const known = changing ? undefined : new Map<string, PathKind>();
  const kind = (path: string): PathKind => {
    if (known?.has(path)) return known.get(path);
    const found = kindOnDisk(path);
    known?.set(path, found);
    return found;
  };
  return {
    readFile: (file) => {
      const read = readRegularFile(file, (head) => maxBytesOnDisk(maxFileSizeBytes, encodingOf(head)));
      return read.kind === 'read' ? decodeText(read.bytes) : undefined;
    },
    fileExists: (file) => kind(file) === 'file',
    directoryExists: (folder) => kind(folder) === 'folder',
    versionOf: changing ? versionOnDisk : undefined,
  };
}

type PathKind = 'file' | 'folder' | undefined;

function kindOnDisk(path: string): PathKind {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats?.isFile() ? 'file' : stats?.isDirectory() ? 'folder' : undefined;
  } catch {
    return undefined;
  }
}

function versionOnDisk(file: string): string | undefined {
  try {
    const stats = statSync(file);
    return `${stats.mtimeMs}:${stats.size}`;
  } catch {
    return undefined;
  }
}

let current: { root: string; index: ProjectIndex } | undefined;

/**
 * This thread's project index for a root (made on first use). `changing`: files may change while it lives
 * (an ESLint server in an editor), so what was read of a file is checked against its modification time.
 */
export function projectAt(root: string, options: AnalyzeOptions, maxFileSizeBytes: number, changing = false): ProjectIndex {
  if (current?.root !== root) {
    // A run over files that do not change (the CLI) analyses the modules its files import too: it takes their parses.
    const keepParsesForHost = !changing;
    current = { root, index: new ProjectIndex({ files: filesOnDisk(maxFileSizeBytes, changing), root, analyzeOptions: options, keepParsesForHost }) };
  }
  return current.index;
}
