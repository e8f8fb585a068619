// The check `npm start`, `npm test`, the integration runner and CI make before anything needs the system's
// packages: what it decides for each kind of machine, what it runs as root, and what it prints otherwise.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureSystemPackages, planSystemPackages, type MachineProbe } from '../../../scripts/system-packages.mjs';
import { repoRoot } from '../repo-root';

/** A Debian machine with the given commands and files; everything else is absent. */
function debian(options: { root?: boolean; commands?: string[]; files?: string[] }): MachineProbe {
  const commands = new Set(options.commands ?? []);
  const files = new Set(options.files ?? []);
  return { platform: 'linux', isRoot: options.root ?? false, hasCommand: (name) => commands.has(name), hasFile: (file) => files.has(file) };
}

const EVERYTHING = { commands: ['g++', 'make', 'python3', 'rg', 'apt-get'], files: ['/usr/include/krb5.h', '/usr/bin/chromium'] };
const names = (plan: ReturnType<typeof planSystemPackages>) => plan.missing.map((pkg) => pkg.name);

describe('system packages', () => {
  it('are ready on a machine that has them all, for both purposes', () => {
    assert.equal(planSystemPackages('start', debian(EVERYTHING)).kind, 'ready');
    assert.equal(planSystemPackages('test', debian(EVERYTHING)).kind, 'ready');
  });

  it('name only what is missing, and Chromium only for the tests', () => {
    const noBrowserNoRipgrep = debian({ commands: ['g++', 'make', 'python3', 'apt-get'], files: ['/usr/include/krb5.h'] });
    assert.deepEqual(names(planSystemPackages('test', noBrowserNoRipgrep)), ['ripgrep', 'chromium']);
    assert.deepEqual(names(planSystemPackages('start', noBrowserNoRipgrep)), ['ripgrep']);
  });

  it('as root with apt, are installed after one update, saying what and why', () => {
    const calls: string[][] = [];
    const lines: string[] = [];
    const probe = debian({ root: true, commands: ['apt-get', 'python3'], files: ['/usr/bin/chromium'] });
    const code = ensureSystemPackages('test', { probe, log: (line) => lines.push(line), install: (args) => calls.push(args) });
    assert.equal(code, 0);
    assert.deepEqual(calls, [['update', '-qq'], ['install', '-y', '-qq', 'build-essential', 'libkrb5-dev', 'ripgrep']]);
    assert.match(lines.join('\n'), /Installing .*apt-get:\n {2}build-essential: compilers[^\n]*\n {2}libkrb5-dev: [^\n]+\n {2}ripgrep: /);
  });

  it('without root, print the one command to run and exit 2, installing nothing', () => {
    const lines: string[] = [];
    const probe = debian({ commands: ['apt-get', 'g++', 'make', 'python3'], files: ['/usr/include/krb5.h'] });
    const code = ensureSystemPackages('test', { probe, log: (line) => lines.push(line), install: () => assert.fail('must not install') });
    assert.equal(code, 2);
    assert.match(lines.join('\n'), /^ {2}sudo apt-get install -y ripgrep chromium$/m);
  });

  it('need nothing for `npm start` with desktop VS Code on PATH, nor anything on macOS or Windows', () => {
    assert.equal(planSystemPackages('start', debian({ commands: ['code'] })).kind, 'ready');
    assert.equal(planSystemPackages('test', debian({ commands: ['code', 'apt-get'] })).kind, 'ask', 'the suite runs in code-server whatever');
    for (const platform of ['darwin', 'win32'] as const) {
      assert.equal(planSystemPackages('test', { ...debian({}), platform }).kind, 'ready');
    }
  });

  it('refuse a purpose they do not know', () => {
    assert.throws(() => planSystemPackages('build' as 'start'), /unknown purpose "build": use start or test/);
  });

  describe('run as a script', () => {
    const script = path.join(repoRoot(), 'scripts', 'system-packages.mjs');

    it('say nothing and exit 0 on this machine, which the suite already needed them on', () => {
      const result = spawnSync(process.execPath, [script, 'test'], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.equal(result.stdout + result.stderr, '');
    });

    it('print the command to run and exit 2 for a user who is not root and lacks the packages', function () {
      // A PATH that holds only node and apt-get: every other command counts as missing. Run as `nobody`
      // where the suite runs as root, so the script takes the path a developer without root takes.
      const bin = mkdtempSync(path.join(os.tmpdir(), 'system-packages-'));
      try {
        chmodSync(bin, 0o755);
        symlinkSync(process.execPath, path.join(bin, 'node'));
        symlinkSync('/bin/true', path.join(bin, 'apt-get'));
        const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
        const command = [...asNobody, 'env', `PATH=${bin}`, 'node', script, 'test'];
        const result = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8' });
        assert.equal(result.status, 2, result.stdout + result.stderr);
        assert.match(result.stdout, /needs these system packages, which are missing:\n {2}build-essential: /);
        assert.match(result.stdout, /^ {2}sudo apt-get install -y build-essential python3 [\w -]*ripgrep/m);
      } finally {
        rmSync(bin, { recursive: true, force: true });
      }
    });
  });
});
