// What every corpus of the benchmark shares: a folder under out/ (git-ignored) that is a repository of
// its own, with the sources in src/ and an ESLint config that lints them with typescript-eslint's
// parser and our plugin. The CLI and ESLint both run in that folder on `src`.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Makes `dir` afresh, with an empty src/ in it; returns the path of src/. */
export function freshCorpusRepository(dir, eslintPluginFile) {
  rmSync(dir, { recursive: true, force: true });
  const sourceDir = path.join(dir, 'src');
  mkdirSync(sourceDir, { recursive: true });
  // A repository of its own: the CLI reads .gitignore files from the nearest repository root down, and
  // this project's .gitignore ignores out/, where the corpus lives.
  mkdirSync(path.join(dir, '.git'));
  writeFileSync(
    path.join(dir, 'eslint.config.mjs'),
    `import tsParser from '@typescript-eslint/parser';\nimport plugin from ${JSON.stringify(eslintPluginFile)};\n` +
      `export default [\n  { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser } },\n  plugin.configs.recommended,\n];\n`,
  );
  return sourceDir;
}

/** The TypeScript sources (not .d.ts) under `dir`, in name order; a folder that cannot be read is passed by. */
export function* tsSourcesUnder(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tsSourcesUnder(full);
    else if (entry.isFile() && /\.[cm]?tsx?$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) yield full;
  }
}

export function lineCount(text) {
  return text.split('\n').length;
}
