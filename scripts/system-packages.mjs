// What the machine needs besides Node and npm, checked before `npm start`, `npm test`, the integration
// runner and CI: the local VS Code (code-server) compiles native modules on its first install and seeds
// @vscode/ripgrep with the system's rg; the integration suite drives the workbench in Chromium.
// On Debian/Ubuntu as root with apt, missing packages are installed (saying which and why); otherwise the
// single command to run is printed and the process exits 2. With desktop VS Code (`code`) on PATH, `npm start`
// needs none of them, and on other systems than Linux nothing is checked.
//
//   node scripts/system-packages.mjs start|test
//
// Plain JavaScript with no dependencies: CI runs it before `npm ci`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The packages, the purposes that need them, why, and how to tell one is there without asking dpkg. */
export const SYSTEM_PACKAGES = [
  { name: 'build-essential', purposes: ['start', 'test'], why: 'compilers for code-server\'s native modules', isPresent: (probe) => probe.hasCommand('g++') && probe.hasCommand('make') },
  { name: 'python3', purposes: ['start', 'test'], why: 'node-gyp, which builds those modules', isPresent: (probe) => probe.hasCommand('python3') },
  { name: 'libkrb5-dev', purposes: ['start', 'test'], why: 'headers the kerberos module compiles against', isPresent: (probe) => probe.hasFile('/usr/include/krb5.h') || probe.hasFile('/usr/include/krb5/krb5.h') },
  { name: 'ripgrep', purposes: ['start', 'test'], why: 'VS Code\'s search (its own download is out of reach offline)', isPresent: (probe) => probe.hasCommand('rg') },
  { name: 'chromium', purposes: ['test'], why: 'the browser the integration suite drives', isPresent: (probe) => probe.hasFile(CHROMIUM_PATH) },
];

/** Where the integration harness finds Chromium (Debian's package puts it here). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const PURPOSES = ['start', 'test'];

/** The machine as it is, for the checks above. */
export const machineProbe = {
  platform: process.platform,
  isRoot: process.getuid?.() === 0,
  hasFile: (file) => existsSync(file),
  hasCommand: (name) => (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).some((dir) => isExecutable(path.join(dir, name))),
};

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * What to do for a purpose: nothing (`ready`), install the missing packages (`install`, as root with apt),
 * or ask the person to (`ask`, with the one command to run, or none where apt is not there).
 */
export function planSystemPackages(purpose, probe = machineProbe) {
  if (!PURPOSES.includes(purpose)) throw new Error(`unknown purpose "${purpose}": use ${PURPOSES.join(' or ')}`);
  if (probe.platform !== 'linux') return { kind: 'ready', missing: [] };
  if (purpose === 'start' && probe.hasCommand('code')) return { kind: 'ready', missing: [] };
  const missing = SYSTEM_PACKAGES.filter((pkg) => pkg.purposes.includes(purpose) && !pkg.isPresent(probe));
  if (missing.length === 0) return { kind: 'ready', missing };
  const names = missing.map((pkg) => pkg.name).join(' ');
  if (!probe.hasCommand('apt-get')) return { kind: 'ask', missing, command: undefined };
  if (probe.isRoot) return { kind: 'install', missing };
  return { kind: 'ask', missing, command: `sudo apt-get install -y ${names}` };
}

function describe(missing) {
  return missing.map((pkg) => `  ${pkg.name}: ${pkg.why}`).join('\n');
}

function aptGet(args) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/**
 * Carries the plan out: installs what is missing, or prints what to run. Returns the exit code the caller
 * should end with when the machine is not ready (2), or 0.
 */
export function ensureSystemPackages(purpose, { probe = machineProbe, log = console.log, install = aptGet } = {}) {
  const plan = planSystemPackages(purpose, probe);
  const what = purpose === 'start' ? '`npm start` (the local VS Code)' : '`npm test` (the local VS Code and Chromium)';
  if (plan.kind === 'ready') return 0;
  if (plan.kind === 'install') {
    log(`Installing the Debian packages ${what} needs, with apt-get:\n${describe(plan.missing)}`);
    install(['update', '-qq']);
    install(['install', '-y', '-qq', ...plan.missing.map((pkg) => pkg.name)]);
    return 0;
  }
  const how = plan.command ? `Run:\n\n  ${plan.command}\n` : 'Install them with the system\'s package manager (the names are Debian\'s).';
  log(`${what} needs these system packages, which are missing:\n${describe(plan.missing)}\n${how}`);
  return 2;
}

// Run as a script (the harness and the unit tests import it, bundled, where import.meta is empty).
if (import.meta.url && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const purpose = process.argv[2] ?? 'test';
  try {
    process.exitCode = ensureSystemPackages(purpose);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
