// Runs the built CLI (dist/cli.js, made by `node scripts/build.mjs`) as a child process.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
