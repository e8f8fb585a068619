// The command line: options, their checks, and the help text. Pure (no I/O), so it is easy to test.
import { parseArgs } from 'node:util';
import type { AnalyzeOptions, RuleId, Severity } from '../analysis/types';
import { RULE_IDS } from './rule-ids';
import { MAX_DEPTH, MAX_PATH_LENGTH } from '../shared/file-filter/limits';
import { parseSize } from '../shared/file-size';

export type Format = 'stylish' | 'json' | 'sarif';

export interface CliOptions {
  patterns: string[];
  format: Format;
  rules: Partial<Record<RuleId, Severity>>;
  /** -1: no limit. */
  maxWarnings: number;
  retryHelpers: string[];
  idempotencyHeaders: string[];
  /** Threads in all: 'auto' (one per core for many files), 'off' (the main thread only), or a number. */
  concurrency: 'auto' | 'off' | number;
  /** Pass by files whose tokens hold nothing a retry is made of (the default); `--no-pre-check` parses every file. */
  preCheck: boolean;
  /** How long one file's analysis may run, in milliseconds (`--time-budget`); absent: the core's default. */
  timeBudgetMs?: number;
  /** Follow imports into the project's other files (the default); `--no-cross-file` reads each file alone. */
  crossFile: boolean;
  /** The severity of a message for each disable directive that switched none of this tool's findings off (0: none). */
  unusedDirectives: 0 | 1 | 2;
  /** The folder SARIF paths are relative to (`--sarif-root`); absent: the repository's top level, else the working folder. */
  sarifRoot?: string;
  /** Errors only (`--quiet`): rules at warning or info do not run, as with ESLint 9. */
  quiet: boolean;
  /** Where the report goes (`-o`); absent: stdout. */
  outputFile?: string;
  /** `--color` / `--no-color`; absent: FORCE_COLOR, NO_COLOR, then whether stdout is a terminal. */
  color?: boolean;
  /** Files larger than this many bytes are not analysed (`--max-file-size`); absent: the core's default. */
  maxFileSizeBytes?: number;
  /** Read the source from stdin (`--stdin`), as the file `stdinFilename` (for its language, its imports, the report). */
  stdin: boolean;
  stdinFilename?: string;
  /** More files to leave out, as .gitignore lines relative to the working folder (`--ignore-pattern`). */
  ignorePatterns: string[];
  /** `--no-ignore`: read no .gitignore and no --ignore-pattern (node_modules and .git are still left out). */
  useIgnoreFiles: boolean;
  /** Only findings not in this baseline count (`--baseline`); `--baseline-write` writes one of every finding. */
  baseline?: string;
  baselineWrite?: string;
  /** `--fix`: write the safe fixes into the files; `--fix-dry-run`: put the fixed text in the JSON's `output` instead. */
  fix?: 'write' | 'dry-run';
}

export type ParsedArgs = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: CliOptions };

/** A mistake on the command line: reported on one line, exit code 2. */
export class UsageError extends Error {}

const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif'];

/** `--rule` values: ESLint's words and numbers, and `info` (reported like a warning, a SARIF "note"). */
const RULE_LEVELS: Record<string, Severity> = {
  off: 'off', '0': 'off', info: 'info', warn: 'warning', warning: 'warning', '1': 'warning', error: 'error', '2': 'error',
};

export const HELP = `Usage: integration-coach [options] [files|dirs|globs…]   (none: the current folder)

Finds unbounded retries, retries without jitter and retried requests without a stable
idempotency key in TypeScript and JavaScript (.ts .tsx .mts .cts .js .jsx .mjs .cjs).
Directories are walked; node_modules, .git and what .gitignore files ignore are skipped (a
file named on the command line is always scanned). Globs support *, **, ?, [...] and {a,b};
quote them. A path deeper than ${MAX_DEPTH} folders or longer than ${MAX_PATH_LENGTH} characters is not read
(a notice in the report); a .gitignore pattern that could make matching slow is not used (a
notice on stderr).

Options:
  -f, --format <name>          stylish (default), json (ESLint's JSON), sarif (SARIF 2.1.0)
  -o, --output-file <path>     write the report to a file instead of stdout
  --quiet                      report errors only (rules at warning or info do not run)
  --color, --no-color          force colour on or off (default: FORCE_COLOR, NO_COLOR, or a terminal)
  --stdin                      read the source from stdin (with --stdin-filename <path> for its name)
  --ignore-pattern <pattern>   leave out files matching a .gitignore-style pattern; repeatable
  --no-ignore                  read no .gitignore and no --ignore-pattern
  --max-file-size <size>       do not analyse files larger than this (bytes, or with k or m; default 1m)
  --baseline <file>            count only findings not in this baseline (they survive moved lines)
  --baseline-write <file>      write a baseline of every current finding, then report against it
  --fix                        apply the fixes that are safe unattended (jitter added to a wait, a
                               key made once before the retry); the others stay suggestions
  --fix-dry-run                the same, without writing: the fixed text is the json format's output
  --sarif-root <dir>           the folder SARIF paths are relative to (default: the repository's
                               top level, the nearest folder above with .git, else the current one)
  --rule <id>=<level>          off | info | warn | error; repeatable
  --max-warnings <n>           exit 1 when there are more than n warnings (default: no limit)
  --retry-helper <name>        a function name to treat as a retry helper; repeatable
  --idempotency-header <name>  a header or option name that counts as an idempotency key; repeatable
  --concurrency <n|auto|off>   threads (default auto: for many files, one per core less one, which
                               is left to V8's compiler and garbage collector; off: one; a number
                               is capped at the number of cores)
  --time-budget <ms>           how long one file's analysis may run, in milliseconds, before it
                               stops with a notice (default: the analysis core's, as in the Node API)
  --no-pre-check               parse every file (by default a file whose tokens hold no loop,
                               self-call or retry name that a retry needs is passed by unparsed;
                               the findings are the same)
  --no-cross-file              read each file alone (by default imports are followed, two modules
                               deep, within the current folder: a POST through a client configured
                               to retry in another file, a call of an imported retry helper)
  --report-unused-disable-directives
                               an error for each disable comment that switches none of this tool's
                               findings off (its own, and ESLint's that name integration-coach rules)
  --report-unused-disable-directives-severity <off|warn|error>
                               the same, at the severity given
  -h, --help                   show this help
  -v, --version                show the version

Severity: an "error" finding counts as an error; "warning" and "info" findings count as
warnings (ESLint severity 1). A file that cannot be read, or whose worker thread died on
it, is an error (ESLint's "fatal": true); a file not analysed (too large, not a regular file,
binary, out of time) gets a notice (severity 0), which counts as neither.

Exit codes: 0 no problems (or only warnings within --max-warnings), 1 an error or too many
warnings, 2 a usage error, or no file could be read.

Rules: ${RULE_IDS.join(', ')}.
Switch findings off with comments, as with ESLint (no ids: every rule; -- starts the reason):
  // integration-coach-disable-next-line <rule-id> -- reason     the next line
  // integration-coach-disable-line <rule-id>                    the same line
  /* integration-coach-disable <rule-id> */ … /* integration-coach-enable <rule-id> */
ESLint's own comments that name integration-coach/<rule-id> (or no rule) count the same. What they
switch off is listed in the json format's suppressedMessages.`;

export function parseCliArgs(argv: string[], ruleIds: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    // parseArgs' messages, e.g. "Unknown option '--foo'. To specify a positional argument…": the first sentence.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.split('\n')[0]!.replace(/\. To specify .*$/, '')}. See --help.`.replace(/\.\. See/, '. See'));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`Unknown format "${format}"; use one of ${FORMATS.join(', ')}.`);

  const rules: Partial<Record<RuleId, Severity>> = {};
  for (const entry of values.rule ?? []) {
    const match = /^([^=]+)=(.*)$/.exec(entry);
    if (!match) throw new UsageError(`Invalid --rule "${entry}"; expected <rule-id>=off|info|warn|error.`);
    const id = match[1]!.trim().replace(/^integration-coach\//, '');
    const level = RULE_LEVELS[match[2]!.trim().toLowerCase()];
    if (!ruleIds.includes(id)) throw new UsageError(`Unknown rule "${id}"; the rules are ${ruleIds.join(', ')}.`);
    if (!level) throw new UsageError(`Invalid level "${match[2]}" for rule ${id}; use off, info, warn or error.`);
    rules[id as RuleId] = level;
  }

  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    const text = values['max-warnings'];
    if (!/^-?\d+$/.test(text) || Number(text) < -1) throw new UsageError(`Invalid --max-warnings "${text}"; expected a whole number.`);
    maxWarnings = Number(text);
  }

  let concurrency: CliOptions['concurrency'] = 'auto';
  const concurrencyText = values.concurrency;
  if (concurrencyText !== undefined) {
    if (concurrencyText === 'auto' || concurrencyText === 'off') concurrency = concurrencyText;
    else if (/^\d+$/.test(concurrencyText) && Number(concurrencyText) >= 1) concurrency = Number(concurrencyText);
    else throw new UsageError(`Invalid --concurrency "${concurrencyText}"; expected a positive number, auto or off.`);
  }

  let timeBudgetMs: number | undefined;
  const budgetText = values['time-budget'];
  if (budgetText !== undefined) {
    if (!/^\d+$/.test(budgetText) || !Number.isSafeInteger(Number(budgetText)) || Number(budgetText) < 1) {
      throw new UsageError(`Invalid --time-budget "${budgetText}"; expected a positive number of milliseconds.`);
    }
    timeBudgetMs = Number(budgetText);
  }

  const unusedDirectives = unusedDirectivesSeverity(values['report-unused-disable-directives'], values['report-unused-disable-directives-severity']);

  const io = inputOutputOptions(values);
  if (io.stdin && positionals.length > 0) throw new UsageError('--stdin reads one source from stdin: give no files with it (name it with --stdin-filename).');

  return {
    kind: 'run',
    options: {
      // No path: the current folder, as ESLint does.
      patterns: positionals.length > 0 || io.stdin ? positionals : ['.'],
      format: format as Format,
      rules,
      maxWarnings,
      retryHelpers: values['retry-helper'] ?? [],
      idempotencyHeaders: values['idempotency-header'] ?? [],
      concurrency,
      preCheck: !values['no-pre-check'],
      crossFile: !values['no-cross-file'],
      unusedDirectives,
      ...(values['sarif-root'] === undefined ? {} : { sarifRoot: values['sarif-root'] }),
      ...io,
      ...(timeBudgetMs === undefined ? {} : { timeBudgetMs }),
    },
  };
}

type Values = ReturnType<typeof parse>['values'];

/** Where the source comes from and the report goes, what is left out, and the baseline. */
function inputOutputOptions(values: Values): Pick<CliOptions, 'quiet' | 'outputFile' | 'color' | 'maxFileSizeBytes' | 'stdin' | 'stdinFilename' | 'ignorePatterns' | 'useIgnoreFiles' | 'baseline' | 'baselineWrite' | 'fix'> {
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename names the source read with --stdin.');
  if (values.baseline !== undefined && values['baseline-write'] !== undefined) throw new UsageError('Give --baseline or --baseline-write, not both.');
  if (values.color && values['no-color']) throw new UsageError('Give --color or --no-color, not both.');
  if (values.fix && values['fix-dry-run']) throw new UsageError('Give --fix or --fix-dry-run, not both.');
  if (values.fix && values.stdin) throw new UsageError('--fix writes files; with --stdin use --fix-dry-run.');
  const result: ReturnType<typeof inputOutputOptions> = {
    quiet: values.quiet === true,
    stdin: values.stdin === true,
    ignorePatterns: values['ignore-pattern'] ?? [],
    useIgnoreFiles: values['no-ignore'] !== true,
  };
  if (values.fix || values['fix-dry-run']) result.fix = values.fix ? 'write' : 'dry-run';
  if (values['output-file'] !== undefined) result.outputFile = values['output-file'];
  if (values.color || values['no-color']) result.color = values.color === true;
  if (values['max-file-size'] !== undefined) result.maxFileSizeBytes = fileSize(values['max-file-size']);
  if (values['stdin-filename'] !== undefined) result.stdinFilename = values['stdin-filename'];
  if (values.baseline !== undefined) result.baseline = values.baseline;
  if (values['baseline-write'] !== undefined) result.baselineWrite = values['baseline-write'];
  return result;
}

/** `1048576`, `512k`, `2m` (see shared/file-size.ts). */
function fileSize(text: string): number {
  const bytes = parseSize(text);
  if (bytes === undefined || bytes < 1) throw new UsageError(`Invalid --max-file-size "${text}"; expected a size such as 500000, 512k or 2m.`);
  return bytes;
}

/** ESLint's two options: the flag reports unused directives as errors; the severity option says how, or not at all. */
function unusedDirectivesSeverity(flag: boolean | undefined, severityText: string | undefined): CliOptions['unusedDirectives'] {
  if (severityText === undefined) return flag ? 2 : 0;
  const severity = { off: 0, '0': 0, warn: 1, '1': 1, error: 2, '2': 2 }[severityText.trim().toLowerCase()];
  if (severity === undefined) throw new UsageError(`Invalid --report-unused-disable-directives-severity "${severityText}"; use off, warn or error.`);
  return severity as CliOptions['unusedDirectives'];
}

/** Every rule off but those set to report errors. */
function quietRules(rules: CliOptions['rules']): CliOptions['rules'] {
  return Object.fromEntries(RULE_IDS.map((id) => [id, rules[id] === 'error' ? 'error' : 'off']));
}

/** The core's options for the command line's. */
export function analyzeOptions(options: CliOptions): AnalyzeOptions {
  const result: AnalyzeOptions = { rules: options.rules, preCheck: options.preCheck };
  // Unused directives are looked for in every file, those with no retry too.
  if (options.unusedDirectives > 0) result.listDirectives = true;
  if (options.maxFileSizeBytes !== undefined) result.maxFileSizeBytes = options.maxFileSizeBytes;
  // As ESLint 9's --quiet: only the rules that report errors run.
  if (options.quiet) result.rules = quietRules(options.rules);
  if (options.retryHelpers.length > 0) result.retryHelpers = options.retryHelpers;
  if (options.idempotencyHeaders.length > 0) result.idempotencyHeaders = options.idempotencyHeaders;
  if (options.timeBudgetMs !== undefined) result.timeBudgetMs = options.timeBudgetMs;
  return result;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      rule: { type: 'string', multiple: true },
      'max-warnings': { type: 'string' },
      'retry-helper': { type: 'string', multiple: true },
      'idempotency-header': { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      'time-budget': { type: 'string' },
      'no-pre-check': { type: 'boolean' },
      'no-cross-file': { type: 'boolean' },
      'report-unused-disable-directives': { type: 'boolean' },
      'report-unused-disable-directives-severity': { type: 'string' },
      'sarif-root': { type: 'string' },
      'output-file': { type: 'string', short: 'o' },
      quiet: { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      stdin: { type: 'boolean' },
      'stdin-filename': { type: 'string' },
      'ignore-pattern': { type: 'string', multiple: true },
      'no-ignore': { type: 'boolean' },
      'max-file-size': { type: 'string' },
      baseline: { type: 'string' },
      'baseline-write': { type: 'string' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
