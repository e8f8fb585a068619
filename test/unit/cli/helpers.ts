// Runs the built CLI (dist/cli.js, made by `node scripts/build.mjs`) as a child process.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../repo-root';

/** The repository root: the nearest folder above this file with a package.json. */
export const ROOT = repoRoot();

export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** One file of the `--format json` output (ESLint's shape), as the tests read it. */
export interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line?: number; column?: number; endLine?: number; endColumn?: number; fatal?: boolean }[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
}

export function json(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

let snapshot: string | undefined;

/**
 * A copy of the built CLI and its worker, taken on first use: a rebuild while the tests run
 * (which empties dist/) does not pull the files from under them.
 */
function cliCopy(): string {
  if (snapshot) return snapshot;
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/build.mjs\` first`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ic-cli-bundle-'));
  for (const file of ['cli.js', 'cli-worker.js']) copyFileSync(path.join(ROOT, 'dist', file), path.join(dir, file));
  // TypeScript is a peer dependency, found in a node_modules above the CLI, as in a project that installed both.
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // The CLI's code cache goes to a temp folder of the tests' own.
  mkdirSync(path.join(dir, 'tmp'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return (snapshot = path.join(dir, 'cli.js'));
}

/** The temp folder the CLI runs with (where its code cache goes). */
export function cliTempDir(): string {
  return path.join(path.dirname(cliCopy()), 'tmp');
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const cli = cliCopy();
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? FIXTURES,
    env: { ...process.env, NO_COLOR: '1', TMPDIR: cliTempDir(), ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI as a user other than root, so that file permissions apply to it (root reads any file):
 * as `nobody` through util-linux's setpriv when the tests run as root, else as the tests' own user.
 * The CLI's copy and `dir` are made readable for it.
 */
export function runCliAsNonRoot(args: string[], dir: string): CliRun {
  const cli = cliCopy();
  const env = { ...process.env, NO_COLOR: '1', INTEGRATION_COACH_NO_CODE_CACHE: '1' };
  const asRoot = process.getuid?.() === 0;
  if (asRoot) for (const folder of [path.dirname(cli), dir]) chmodSync(folder, 0o755);
  const command = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, ...args] : [process.execPath, cli, ...args];
  const result = spawnSync(command[0]!, command.slice(1), { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw new Error(`cannot run the CLI as a non-root user (${command.slice(0, 4).join(' ')}): ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI with its stdout piped to a reader that closes the pipe after the first chunk, as
 * `integration-coach … | head -1` does.
 */
export function runCliClosingOutput(args: string[], cwd: string): Promise<{ status: number | null; stderr: string; firstChunk: string }> {
  const child = spawn(process.execPath, [cliCopy(), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', TMPDIR: cliTempDir() }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let firstChunk = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.stdout.once('data', (chunk: Buffer) => {
    firstChunk = chunk.toString('utf8');
    child.stdout.destroy();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr, firstChunk }));
  });
}

/** A temporary folder, removed after the current `describe`'s tests. */
export function tempDir(prefix: string): { readonly path: string } {
  const holder = { path: '' };
  before(() => {
    holder.path = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  });
  after(() => {
    if (holder.path) rmSync(holder.path, { recursive: true, force: true });
  });
  return holder;
}

/** The shortest of `runs` timings of `work`, in milliseconds: the least disturbed by a busy machine. */
export function fastestOf(runs: number, work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** The control characters in a text (C0 but line ends, DEL, C1), as code points: what must not reach a terminal. */
export function controlCharactersIn(text: string): number[] {
  return [...text].map((char) => char.codePointAt(0)!).filter((code) => (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f));
}

/**
 * The shortest timings of two pieces of work, in milliseconds, run in turns (a, b, a, b, …) so that a
 * busy spell of the machine slows both alike: for ratios between them.
 */
export function fastestInTurns(runs: number, a: () => void, b: () => void): [number, number] {
  let bestA = Number.POSITIVE_INFINITY;
  let bestB = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    bestA = Math.min(bestA, fastestOf(1, a));
    bestB = Math.min(bestB, fastestOf(1, b));
  }
  return [bestA, bestB];
}
