// The `integrationCoach.*` settings, read per resource and checked against the JSON Schema that
// package.json contributes (one schema, so the check and the Settings UI never disagree).
// VS Code hands back whatever the user wrote, even of the wrong type; a wrong value gets one warning
// per setting per session, naming the setting, and the default is used instead. What one read finds wrong
// is said in one notification, however many settings it names: one change, one notification.
// Beneath them lies the project's configuration file (integration-coach.config.json, the nearest above the
// document, as the CLI and the ESLint plugin read it): a setting the user set wins; one left alone takes the
// file's value. An untrusted workspace's file is not read (its settings that steer the analysis are restricted too).
import type { ValidateFunction } from 'ajv/dist/2020';
import path from 'node:path';
import * as vscode from 'vscode';
import { configOf, type ProjectConfig } from '../shared/config-file';
import type { EditorSettings } from './settings-effects';
import type { StatusBarItemName, StatusBarMode } from './status-bar-mode';

export const SECTION = 'integrationCoach';

type DocumentSettingName = keyof EditorSettings;
const SETTING_NAMES: readonly DocumentSettingName[] = ['run', 'debounceMs', 'rules', 'idempotencyHeaders', 'retryHelpers', 'maxFileSizeKb', 'timeBudgetMs', 'exclude', 'crossFile'];

const STATUS_BAR_ITEMS: readonly StatusBarItemName[] = ['findings', 'quickCheck'];
type StatusBarSettingName = `statusBar.${StatusBarItemName}`;
const statusBarSetting = (item: StatusBarItemName): StatusBarSettingName => `statusBar.${item}`;
/** The full id of a status bar item's setting, for onDidChangeConfiguration. */
export const statusBarSettingId = (item: StatusBarItemName): string => `${SECTION}.${statusBarSetting(item)}`;

type SettingName = DocumentSettingName | StatusBarSettingName;
const ALL_SETTING_NAMES: readonly SettingName[] = [...SETTING_NAMES, ...STATUS_BAR_ITEMS.map(statusBarSetting)];

interface PropertySchema {
  default?: unknown;
  [keyword: string]: unknown;
}

/** package.json's contributes.configuration.properties: the schema of each setting. */
export type SettingSchemas = Readonly<Record<string, PropertySchema>>;

/** Keywords VS Code's settings schema adds to JSON Schema; ajv's strict mode must know them. */
const VSCODE_KEYWORDS = ['scope', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'order', 'deprecationMessage',
  'markdownDeprecationMessage', 'editPresentation', 'tags', 'ignoreSync', 'included', 'restricted', 'policy', 'enumItemLabels'];

export class SettingsReader {
  private validators: Map<SettingName, ValidateFunction> | undefined;
  private readonly warned = new Set<SettingName>();
  private readonly warnedNotices = new Set<string>();
  /** What the read under way found wrong, said together when it ends (flushWarnings). */
  private pendingWarnings: string[] = [];
  private readonly cache = new Map<string, EditorSettings>();
  /** Every warning shown, in order (the extension's API exposes them for tests). */
  readonly warningsShown: string[] = [];

  constructor(
    private readonly properties: SettingSchemas,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * The settings that apply to a document or folder; an invalid value falls back to its default.
   * Kept per workspace folder until a setting changes: documents read them on every keystroke.
   */
  read(scope: vscode.Uri | undefined): EditorSettings {
    // By the document's folder: the configuration file that applies may differ between folders of one workspace folder.
    const folder = scope?.scheme === 'file' ? path.dirname(scope.fsPath) : '';
    const key = `${(scope && vscode.workspace.getWorkspaceFolder(scope)?.uri.toString()) ?? ''}\0${folder}`;
    let settings = this.cache.get(key);
    if (!settings) {
      settings = this.readFresh(scope);
      this.cache.set(key, settings);
      this.flushWarnings();
    }
    return settings;
  }

  /** Whether a status bar item shows: a window setting, read each time (the items ask only when they change). */
  statusBarMode(item: StatusBarItemName): StatusBarMode {
    const name = statusBarSetting(item);
    const mode = this.validValue(name, vscode.workspace.getConfiguration(SECTION).get(name)) as StatusBarMode;
    this.flushWarnings();
    return mode;
  }

  /** Forgets the cached values: call when an `integrationCoach.*` setting changes. */
  invalidate(): void {
    this.cache.clear();
  }

  private readFresh(scope: vscode.Uri | undefined): EditorSettings {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    const values = {} as Record<DocumentSettingName, unknown>;
    for (const name of SETTING_NAMES) values[name] = this.validValue(name, config.get(name));
    const project = scope?.scheme === 'file' && vscode.workspace.isTrusted ? configOf(scope.fsPath, (notice) => this.warnOnceAbout(notice)) : undefined;
    if (project) {
      for (const [name, value] of Object.entries(fromConfigFile(project.config)) as [DocumentSettingName, unknown][]) {
        if (value !== undefined && !setByUser(config.inspect(name))) values[name] = value;
      }
    }
    return values as unknown as EditorSettings;
  }

  /** A notice about the configuration file, once per session (the file's path and the default used are in it). */
  private warnOnceAbout(notice: string): void {
    this.log.warn(notice);
    if (this.warnedNotices.has(notice)) return;
    this.warnedNotices.add(notice);
    this.pendingWarnings.push(notice);
  }

  private validValue(name: SettingName, value: unknown): unknown {
    const schema = this.schemaOf(name);
    if (value === undefined) return schema.default;
    const validate = this.validatorFor(name);
    if (validate(value)) return value;
    const problem = (validate.errors ?? []).map((error) => `${error.instancePath || 'the value'} ${error.message ?? 'is invalid'}`).join('; ');
    this.warnOnce(name, `The setting "${SECTION}.${name}" is invalid (${problem}); using the default, ${JSON.stringify(schema.default)}.`);
    return schema.default;
  }

  private warnOnce(name: SettingName, message: string): void {
    this.log.warn(message);
    if (this.warned.has(name)) return;
    this.warned.add(name);
    this.pendingWarnings.push(message);
  }

  /** Shows what the read found wrong as one notification: several settings wrong at once stack no notifications. */
  private flushWarnings(): void {
    if (this.pendingWarnings.length === 0) return;
    const warnings = this.pendingWarnings;
    this.pendingWarnings = [];
    const text = warnings.length === 1 ? warnings[0]! : `${warnings.length} problems with the settings: ${warnings.join(' ')}`;
    this.warningsShown.push(text);
    void vscode.window.showWarningMessage(`Integration Coach: ${text}`);
  }

  private schemaOf(name: SettingName): PropertySchema {
    const schema = this.properties[`${SECTION}.${name}`];
    if (!schema) throw new Error(`package.json contributes no setting ${SECTION}.${name}`);
    return schema;
  }

  /** Compiled on first use, never during activation: compiling costs a few milliseconds. */
  private validatorFor(name: SettingName): ValidateFunction {
    if (!this.validators) {
      // Required here, not imported: ajv stays unloaded until a setting is first checked.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- see shared/lazy.ts
      const Ajv2020 = (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default;
      const ajv = new Ajv2020({ allErrors: true, strict: true });
      for (const keyword of VSCODE_KEYWORDS) ajv.addKeyword(keyword);
      this.validators = new Map(ALL_SETTING_NAMES.map((setting) => [setting, ajv.compile(this.schemaOf(setting))]));
    }
    return this.validators.get(name)!;
  }
}

/** The configuration file's values under the settings' names (its `ignores` are the CLI's and ESLint's: `integrationCoach.exclude` stays the editor's). */
function fromConfigFile(config: ProjectConfig): Partial<Record<DocumentSettingName, unknown>> {
  return {
    rules: config.rules,
    retryHelpers: config.retryHelpers,
    idempotencyHeaders: config.idempotencyHeaders,
    maxFileSizeKb: config.maxFileSizeBytes === undefined ? undefined : Math.max(1, Math.ceil(config.maxFileSizeBytes / 1024)),
    timeBudgetMs: config.timeBudgetMs,
    crossFile: config.crossFile,
  };
}

/** Whether the user set a setting anywhere (user, workspace, folder, or for a language). */
function setByUser(inspected: ReturnType<vscode.WorkspaceConfiguration['inspect']>): boolean {
  if (!inspected) return false;
  return [inspected.globalValue, inspected.workspaceValue, inspected.workspaceFolderValue, inspected.globalLanguageValue, inspected.workspaceLanguageValue, inspected.workspaceFolderLanguageValue]
    .some((value) => value !== undefined);
}
