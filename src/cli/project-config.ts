// The configuration files of the scanned files (shared/config-file.ts): the files are grouped by the nearest
// one above each, each group scanned with its settings under the command line's (a flag wins: `--rule` over
// `rules`, `--max-file-size` over `maxFileSize`, `--no-cross-file` over `crossFile`; helper and header names
// add up), and a group's `ignores` leave its files out.
import { configOf, ignoredBy, type LoadedConfig } from '../shared/config-file';
import type { CliOptions } from './args';

export interface ConfigGroup {
  /** The configuration that applies (undefined: none above these files). */
  loaded?: LoadedConfig;
  files: string[];
  /** The command line's options with the configuration's beneath them. */
  options: CliOptions;
}

/** The files by the configuration that applies to each, in their order, less those its `ignores` leave out; `warn` hears each notice once. */
export function groupByConfig(files: readonly string[], options: CliOptions, warn: (notice: string) => void): ConfigGroup[] {
  const groups = new Map<LoadedConfig | undefined, ConfigGroup>();
  for (const file of files) {
    const loaded = configOf(file, warn);
    if (loaded && ignoredBy(loaded, file, warn)) continue;
    let group = groups.get(loaded);
    if (!group) groups.set(loaded, (group = { loaded, files: [], options: loaded ? withConfig(options, loaded) : options }));
    group.files.push(file);
  }
  return [...groups.values()];
}

/** The options for one file named on its own (stdin's text, by its name). */
export function configFor(file: string, options: CliOptions, warn: (notice: string) => void): CliOptions {
  const loaded = configOf(file, warn);
  return loaded ? withConfig(options, loaded) : options;
}

/** The command line's options over the configuration's. */
export function withConfig(options: CliOptions, { config }: LoadedConfig): CliOptions {
  const merged: CliOptions = {
    ...options,
    rules: { ...config.rules, ...options.rules },
    retryHelpers: [...new Set([...(config.retryHelpers ?? []), ...options.retryHelpers])],
    idempotencyHeaders: [...new Set([...(config.idempotencyHeaders ?? []), ...options.idempotencyHeaders])],
    crossFile: options.crossFile && config.crossFile !== false,
  };
  if (merged.maxFileSizeBytes === undefined && config.maxFileSizeBytes !== undefined) merged.maxFileSizeBytes = config.maxFileSizeBytes;
  if (merged.timeBudgetMs === undefined && config.timeBudgetMs !== undefined) merged.timeBudgetMs = config.timeBudgetMs;
  return merged;
}
