// Turns the settings that exclude files (files.exclude, search.exclude, integrationCoach.exclude) and a
// workspace folder's .gitignore into the one exclude glob vscode.workspace.findFiles takes.
// findFiles drops files.exclude as soon as an exclude glob is passed, so every source goes in here.
// No `vscode` import.

/** Files never worth scanning, whatever the settings say: dependencies and declaration files. */
export const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];

/** The patterns of a `files.exclude`-style object that are switched on (`true`; `when` clauses are skipped). */
export function enabledPatterns(setting: unknown): string[] {
  if (!setting || typeof setting !== 'object') return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([, value]) => value === true)
    .map(([pattern]) => pattern);
}

/**
 * .gitignore lines → globs relative to the folder that holds the file. Simple on purpose: comments,
 * blank lines and negations (`!keep.ts`, which a single exclude glob cannot express) are skipped.
 */
export function gitignoreGlobs(text: string): string[] {
  const globs: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const directoryOnly = line.endsWith('/');
    const trimmed = line.replace(/\/$/, '');
    const body = trimmed.replace(/^\//, '');
    if (body === '') continue;
    // A slash at the start or in the middle anchors the pattern to the .gitignore's folder; otherwise it matches at any depth.
    const anchored = trimmed.includes('/');
    const base = anchored ? body : `**/${body}`;
    globs.push(`${base}/**`);
    if (!directoryOnly) globs.push(base);
  }
  return globs;
}

/** Expands `{a,b}` alternatives (nested too), because findFiles' glob does not nest braces. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open === -1) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) {
      const bounds = [open, ...commas, i];
      const prefix = pattern.slice(0, open);
      const suffix = pattern.slice(i + 1);
      return bounds.slice(1).flatMap((end, k) => expandBraces(prefix + pattern.slice(bounds[k]! + 1, end) + suffix));
    } else if (char === ',' && depth === 1) commas.push(i);
  }
  return [pattern]; // an unclosed brace is literal
}

/** One glob that excludes every pattern given, or undefined when there is none. */
export function combineExcludes(patterns: readonly string[]): string | undefined {
  const expanded = [...new Set(patterns.flatMap(expandBraces).filter((pattern) => pattern.trim() !== ''))];
  if (expanded.length === 0) return undefined;
  return expanded.length === 1 ? expanded[0] : `{${expanded.join(',')}}`;
}
