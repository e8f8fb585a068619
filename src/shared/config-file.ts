// The project's configuration file, integration-coach.config.json: rule severities, retry helpers, idempotency
// headers, ignores, the size limit, the time budget, following imports. The nearest one at or above a file's
// folder applies to it. It is checked against its JSON Schema (schemas/, compiled at build time: nothing from
// the file is executed, and its globs go through the same limits as .gitignore lines). A wrong value costs only
// itself: one notice names the file, the path in it and the default used instead, and the rest is read.
import { validateConfig } from '@generated/config-validator';
import type { ErrorObject } from 'ajv';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { RULE_CATALOG } from '../analysis/rules/catalog';
import type { RuleId, Severity } from '../analysis/types';
import { GlobList, MatchBudget, PatternQueue } from './file-filter';
import { decodeText } from './file-filter/decode-text';
import { describeError, readRegularFile } from './file-filter/read-regular-file';
import { parseSize } from './file-size';

export const CONFIG_FILE_NAME = 'integration-coach.config.json';

/** A configuration file larger than this is not read (a real one is a few hundred bytes). */
const MAX_CONFIG_BYTES = 256 * 1024;

/** What a configuration file sets, in the analysis's terms. */
export interface ProjectConfig {
  rules?: Partial<Record<RuleId, Severity>>;
  retryHelpers?: string[];
  idempotencyHeaders?: string[];
  /** Globs relative to `folder`. */
  ignores?: string[];
  maxFileSizeBytes?: number;
  timeBudgetMs?: number;
  crossFile?: boolean;
}

export interface LoadedConfig {
  file: string;
  /** The file's folder, which `ignores` are relative to. */
  folder: string;
  config: ProjectConfig;
  /** One line per value not used (and the default used instead), or why the file was not read at all. */
  notices: string[];
}

/** The nearest configuration file at or above a folder, if any. */
export function findConfigFile(folder: string): string | undefined {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The configuration file that applies in each folder (undefined: none at or above it), as found so far. */
const fileByFolder = new Map<string, string | undefined>();
/** Each configuration file read, with the modification time it was read at: read again when it changes. */
const loadedByFile = new Map<string, { mtimeMs: number; loaded: LoadedConfig }>();

/** Forgets which configuration file applies where: one was created or deleted (an editor's file watcher says so). */
export function forgetConfigFiles(): void {
  fileByFolder.clear();
}

/**
 * The configuration that applies to a file (the nearest at or above its folder). Each file is read once, and
 * again when it changes (an ESLint server lives on while the user edits it); `onNotice` hears its notices each
 * time it is read.
 */
export function configOf(file: string, onNotice: (notice: string) => void): LoadedConfig | undefined {
  const folder = path.dirname(path.resolve(file));
  if (!fileByFolder.has(folder)) fileByFolder.set(folder, findConfigFile(folder));
  const configFile = fileByFolder.get(folder);
  if (configFile === undefined) return undefined;
  const mtimeMs = statSync(configFile, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const known = loadedByFile.get(configFile);
  if (known?.mtimeMs === mtimeMs) return known.loaded;
  const loaded = loadConfig(configFile);
  loaded.notices.forEach(onNotice);
  loadedByFile.set(configFile, { mtimeMs, loaded });
  return loaded;
}

/** The globs of each configuration's `ignores`, compiled once (within the limits every glob read from a project has). */
const ignoreGlobs = new WeakMap<LoadedConfig, GlobList>();

/** Whether a configuration's `ignores` (relative to its folder) leave the file out. */
export function ignoredBy(loaded: LoadedConfig, file: string, onNotice: (notice: string) => void): boolean {
  const ignores = loaded.config.ignores ?? [];
  if (ignores.length === 0) return false;
  let globs = ignoreGlobs.get(loaded);
  if (!globs) {
    globs = new GlobList(new PatternQueue(onNotice), new MatchBudget());
    globs.add(`${path.relative(process.cwd(), loaded.file) || loaded.file} ignores`, ignores);
    ignoreGlobs.set(loaded, globs);
  }
  const relative = path.relative(loaded.folder, path.resolve(file)).split(path.sep).join('/');
  return !relative.startsWith('..') && globs.excludes(relative);
}

/** What each top-level setting falls back to, in words, for the notices. */
const DEFAULTS: Record<string, string> = {
  rules: 'each rule at its default severity',
  retryHelpers: 'none',
  idempotencyHeaders: 'none',
  ignores: 'none',
  maxFileSize: '1m',
  timeBudgetMs: '2000',
  crossFile: 'true',
};

/** What a setting takes, where the schema's own words would name only one of its forms. */
const EXPECTED: Record<string, string> = {
  maxFileSize: 'must be a number of bytes, or a size such as 512k or 2m',
};

const LEVELS: Record<string, Severity> = { off: 'off', info: 'info', warn: 'warning', warning: 'warning', error: 'error' };

export function loadConfig(file: string): LoadedConfig {
  const shown = path.relative(process.cwd(), file) || file;
  const loaded: LoadedConfig = { file, folder: path.dirname(file), config: {}, notices: [] };
  const read = readRegularFile(file, () => MAX_CONFIG_BYTES);
  if (read.kind !== 'read') {
    const why = read.kind === 'too-large' ? `larger than ${MAX_CONFIG_BYTES} bytes` : read.kind === 'not-regular' ? `${read.what}, not a regular file` : `cannot read it (${read.reason})`;
    loaded.notices.push(`${shown}: not used: ${why}; the defaults are used.`);
    return loaded;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(decodeText(read.bytes));
  } catch (error) {
    loaded.notices.push(`${shown}: not used: not JSON (${describeError(error)}); the defaults are used.`);
    return loaded;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    loaded.notices.push(`${shown}: not used: not a JSON object; the defaults are used.`);
    return loaded;
  }
  const settings = { ...(raw as Record<string, unknown>) };
  if (!validateConfig(settings)) dropInvalid(settings, validateConfig.errors ?? [], shown, loaded.notices);
  loaded.config = toProjectConfig(settings);
  return loaded;
}

/** Removes each value the schema refuses (the setting, or the one rule), saying so once per path. */
function dropInvalid(settings: Record<string, unknown>, errors: readonly ErrorObject[], shown: string, notices: string[]): void {
  const said = new Set<string>();
  for (const error of errors) {
    const [top, rule] = error.instancePath.split('/').slice(1).map(unescapePointer);
    const extra = error.keyword === 'additionalProperties' ? (error.params as { additionalProperty?: string }).additionalProperty : undefined;
    const where = extra !== undefined ? (top === undefined ? `/${extra}` : `/${top}/${extra}`) : top === 'rules' && rule !== undefined ? `/rules/${rule}` : `/${top ?? ''}`;
    if (said.has(where)) continue;
    said.add(where);
    if (extra !== undefined && top === undefined) {
      delete settings[extra];
      notices.push(`${shown}: ${where}: not a setting of Integration Coach; ignored.`);
    } else if (top === 'rules' && (rule !== undefined || extra !== undefined)) {
      const rules = { ...(settings.rules as Record<string, unknown>) };
      const id = rule ?? extra!;
      delete rules[id];
      settings.rules = rules;
      const known = RULE_CATALOG.find((entry) => entry.id === id);
      notices.push(known
        ? `${shown}: ${where}: ${error.message ?? 'not valid'} (off, info, warn or error); its default (${known.defaultSeverity}) is used.`
        : `${shown}: ${where}: no such rule (the rules are ${RULE_CATALOG.map((entry) => entry.id).join(', ')}); ignored.`);
    } else if (top !== undefined) {
      delete settings[top];
      notices.push(`${shown}: ${where}: ${EXPECTED[top] ?? error.message ?? 'not valid'}; the default (${DEFAULTS[top] ?? 'none'}) is used.`);
    }
  }
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The settings the schema let through, in the analysis's terms. */
function toProjectConfig(settings: Record<string, unknown>): ProjectConfig {
  const config: ProjectConfig = {};
  if (settings.rules) config.rules = Object.fromEntries(Object.entries(settings.rules as Record<string, string>).map(([id, level]) => [id, LEVELS[level]!]));
  if (settings.retryHelpers) config.retryHelpers = settings.retryHelpers as string[];
  if (settings.idempotencyHeaders) config.idempotencyHeaders = settings.idempotencyHeaders as string[];
  if (settings.ignores) config.ignores = settings.ignores as string[];
  if (settings.maxFileSize !== undefined) config.maxFileSizeBytes = parseSize(settings.maxFileSize as number | string);
  if (settings.timeBudgetMs !== undefined) config.timeBudgetMs = settings.timeBudgetMs as number;
  if (settings.crossFile !== undefined) config.crossFile = settings.crossFile as boolean;
  return config;
}
