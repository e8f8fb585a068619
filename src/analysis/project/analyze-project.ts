// The API's entry point for a project: analyses files with their imports followed, through the host's
// way of reading files (the disk, an editor's buffers, a snapshot held in memory).
import { analyzeSource } from '../analyze';
import type { AnalysisResult, AnalyzeOptions } from '../types';
import { normalise } from './module-resolver';
import type { ProjectFiles } from './project-files';
import { ProjectIndex } from './project-index';

export interface ProjectHost extends ProjectFiles {
  /** The project's root folder (absolute): imports are followed inside it only. */
  root: string;
}

export interface ProjectFileResult extends AnalysisResult {
  file: string;
}

/** Analyses each file, following its imports within the project. A file that cannot be read says so; the others go on. */
export function analyzeProject(files: readonly string[], host: ProjectHost, options: AnalyzeOptions = {}): ProjectFileResult[] {
  const project = new ProjectIndex({ files: host, root: host.root, analyzeOptions: options, keepParsesForHost: true });
  return files.map((file) => {
    const text = host.readFile(normalise(file));
    if (text === undefined) return { file, findings: [], skipped: 'Cannot read the file; not analysed.', skipReason: 'failed' };
    return { file, ...analyzeSource(text, normalise(file), { ...options, project }) };
  });
}
