// Installs and starts code-server (VS Code 1.100.3's server and web workbench) for the integration tests.
// See ../shared/notes/real-vscode-tests.md for why each step is the way it is on these offline machines.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

/** Native builds code-server's dependencies run on install; approved here, in the cache's own npm config. */
const APPROVED_INSTALL_SCRIPTS = [
  '@parcel/watcher', 'argon2', '@vscode/deviceid', '@vscode/ripgrep', '@vscode/spdlog', '@vscode/windows-process-tree',
  '@vscode/windows-registry', 'kerberos', 'native-watchdog', 'node-pty', 'code-server',
];

export function codeServerEntry(cacheDir: string): string {
  return path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** Installs code-server into the git-ignored cache on first use; later runs reuse it. */
export function ensureCodeServer(cacheDir: string): string {
  const entry = codeServerEntry(cacheDir);
  if (existsSync(entry)) return entry;
  const installDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  writeFileSync(
    path.join(installDir, 'package.json'),
    JSON.stringify({ private: true, allowScripts: Object.fromEntries(APPROVED_INSTALL_SCRIPTS.map((name) => [name, true])) }, null, 2),
  );
  const tmp = seedRipgrepCache(installDir);
  console.log(`[harness] installing code-server@${CODE_SERVER_VERSION} into ${installDir} (first run only, about a minute)…`);
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--unsafe-perm', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: installDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, TMPDIR: tmp, npm_config_yes: 'true' },
  });
  rmSync(tmp, { recursive: true, force: true });
  if (!existsSync(entry)) throw new Error(`code-server installed, but ${entry} is missing`);
  return entry;
}

/** @vscode/ripgrep's postinstall downloads from GitHub; give it Debian's rg in the cache it looks in first. */
function seedRipgrepCache(installDir: string): string {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((candidate) => existsSync(candidate));
  if (!rg) throw new Error('ripgrep is missing: `node scripts/system-packages.mjs start` installs it or says how');
  const tmp = path.join(installDir, '.install-tmp');
  const cache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  const staging = path.join(tmp, 'rg-staging');
  mkdirSync(cache, { recursive: true });
  mkdirSync(staging, { recursive: true });
  execFileSync('cp', [rg, path.join(staging, 'rg')]);
  execFileSync('tar', ['-czf', path.join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', staging, 'rg']);
  return tmp;
}

export interface RunningCodeServer {
  port: number;
  process: ChildProcess;
  /** Throwaway folder holding user data, extensions, XDG folders and TMPDIR of this run. */
  scratch: string;
  stop(): void;
}

/** Starts code-server on 127.0.0.1 with throwaway folders, in its own process group. */
export async function startCodeServer(entry: string, workspace: string, extraEnv: NodeJS.ProcessEnv, port = 0): Promise<RunningCodeServer> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'integration-coach-vscode-'));
  const dirs = Object.fromEntries(['udd', 'exts', 'config', 'data', 'tmp'].map((name) => [name, path.join(scratch, name)]));
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  writeUserSettings(path.join(dirs.udd, 'User'));
  const child = spawn(
    process.execPath,
    [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', '--user-data-dir', dirs.udd,
      '--extensions-dir', dirs.exts, workspace],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...extraEnv, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, TMPDIR: dirs.tmp },
    },
  );
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const port = await listeningPort(child);
    return { port, process: child, scratch, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

function writeUserSettings(userDir: string): void {
  mkdirSync(userDir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'window.restoreWindows': 'none',
  };
  writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Reads the port from code-server's "HTTP server listening on http://127.0.0.1:PORT/" line. */
function listeningPort(child: ChildProcess, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${timeoutMs / 1000}s:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before listening:\n${output}`));
    });
  });
}
