// Which files a scan reads, by name. The same for the CLI and the editor's workspace scan.

/** The extensions the scanners read. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Folders never walked: dependencies and git's own. */
export const ALWAYS_SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git'];

/** A TypeScript or JavaScript file, not a declaration file (`.d.ts`, `.d.mts`, `.d.cts`). */
export function isSourceFile(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot !== -1 && SOURCE_EXTENSIONS.includes(name.slice(dot).toLowerCase()) && !/\.d\.[cm]?ts$/i.test(name);
}
