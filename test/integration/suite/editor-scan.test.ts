// The workspace scan: totals, excludes (.gitignore and integrationCoach.exclude), the Problems panel,
// the status bar item, cancellation; a hostile .gitignore that must not stall the window, and a negated
// pattern read the same way as the CLI reads it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands';
import type { ScanSummary } from '../../../src/editor/workspace-scan';
import { activeApi, EXTENSION_ID } from '../extension-api';
import { askHarness, evaluateInWorkbench, harnessAvailable, screenshot } from '../harness-client';
import { waitFor, waitUntil } from '../wait';
import { RULE_FIXTURES, closeAllEditors, filesWithOurDiagnostics, notificationTexts, ourDiagnostics, tidyWorkbench, updateSetting, workspaceUri } from './editor-helpers';

const GITIGNORE = '.gitignore';

/** What the scan must find under rules/: one finding per rule fixture, nothing in look-alikes or excluded folders. */
const EXPECTED_UNDER_RULES = Object.fromEntries(RULE_FIXTURES.map((fixture) => [fixture.file, 1]));

function underRules(byFile: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(byFile).filter(([file]) => file.startsWith('rules/')));
}


/** Each scan suite: rules/generated excluded by the setting, a .gitignore of its own, and all undone after. */
function scanFixture(gitignore: string): void {
  before(async () => {
    await closeAllEditors();
    await updateSetting('exclude', ['rules/generated/**']);
    await writeGitignore(gitignore);
  });
  after(async () => {
    (await activeApi()).editor.setScanHooks({});
    await updateSetting('exclude', undefined);
    await vscode.workspace.fs.delete(workspaceUri(GITIGNORE));
    await tidyWorkbench();
  });
}

async function writeGitignore(text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceUri(GITIGNORE), new TextEncoder().encode(text));
}

describe('editor: workspace scan', () => {
  scanFixture('# vendored code\nrules/vendor/\n');

  it('analyses every source file not excluded, fills the Problems panel and reports the totals', async () => {
    const api = await activeApi();
    const summary = await vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspace);
    assert.ok(summary, 'the scan returns its summary');
    assert.equal(summary.cancelled, false);
    assert.deepEqual(underRules(summary.byFile), EXPECTED_UNDER_RULES, 'one finding per rule fixture; none in look-alikes, rules/generated (setting) or rules/vendor (.gitignore)');
    assert.equal(summary.scannedFiles, summary.totalFiles);
    assert.equal(summary.findings, Object.values(summary.byFile).reduce((a, b) => a + b, 0));
    assert.equal(summary.byRule['unstable-idempotency-key'], 1);
    assert.ok(summary.byRule['retry-without-jitter'] >= 2);
    assert.deepEqual(api.editor.lastScan(), summary);
    for (const fixture of RULE_FIXTURES) {
      assert.equal(ourDiagnostics(workspaceUri(fixture.file)).length, 1, `${fixture.file} is in the Problems panel without being opened`);
    }
    assert.equal(ourDiagnostics(workspaceUri('rules/vendor/retry.js')).length, 0);
    // The probe names the files that hold our diagnostics, so a count that does not settle says where the rest are.
    await waitUntil(() => ({ count: api.editor.statusBar().count, files: filesWithOurDiagnostics() }), (bar) => bar.count === summary.findings, `the status bar to count ${summary.findings}`);
    assert.equal(api.editor.statusBar().text, `$(warning) ${summary.findings} retry issues`);
    if (harnessAvailable()) {
      const totals = `Integration Coach: Scanned ${summary.totalFiles} files: ${summary.findings} findings (`;
      await waitFor(async () => (await notificationTexts()).some((text) => text.startsWith(totals)), 'the totals in a notification');
    }
  });

  it('opens the Problems panel from the status bar item', async function () {
    if (!harnessAvailable()) this.skip();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await askHarness({ action: 'click', selector: '.statusbar-item [aria-label^="Integration Coach:"]' });
    await waitFor(() => evaluateInWorkbench<boolean>(`(() => { const p = document.querySelector('.markers-panel'); return !!p && p.getBoundingClientRect().height > 0; })()`), 'the Problems panel');
    await screenshot('problems-panel-scan');
  });

  it('stops when cancelled and says how far it got', async () => {
    const api = await activeApi();
    api.editor.setScanHooks({ beforeBatch: (scanned) => (scanned > 0 ? api.editor.cancelScan() : undefined) });
    const summary = await vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspace);
    assert.equal(summary.cancelled, true);
    assert.ok(summary.scannedFiles > 0 && summary.scannedFiles < summary.totalFiles, `scanned ${summary.scannedFiles} of ${summary.totalFiles}`);
  });
});

describe('editor: workspace scan with a hostile .gitignore', () => {
  /**
   * The one pattern the result depends on comes first; then what used to stall the extension host (brace
   * expansion of a 120-character line took 99 s and 4.3 GB) or the CLI (a star run, `[z-a]`), and
   * thousands of patterns that take the filter many slices to compile.
   */
  const HOSTILE_GITIGNORE = [
    'rules/vendor/',
    '{a,b}'.repeat(60),
    '*a*a*a*a*a*a*a*ab',
    '[z-a]',
    `${'**/'.repeat(50)}x`,
    'x'.repeat(2000),
    ...Array.from({ length: 4000 }, (_, i) => `cache-${i}/`),
    ...Array.from({ length: 4000 }, (_, i) => `generated-${i}/**/*.tmp`),
  ].join('\n');

  scanFixture(HOSTILE_GITIGNORE);

  it('scans without stalling the window: command round trips complete while the filter works, and the result is right', async () => {
    const api = await activeApi();
    // For the record, not asserted (a busy machine stretches both): the extension host's longest wait, with a benign .gitignore.
    await writeGitignore('rules/vendor/\n');
    const benignDelay = await longestEventLoopDelay(() => vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspace));
    await writeGitignore(HOSTILE_GITIGNORE);
    let roundTrips = 0;
    const roundTripsAtPauses: number[] = [];
    api.editor.setScanHooks({ filterPaused: () => roundTripsAtPauses.push(roundTrips) });
    let scanning = true;
    let summary: ScanSummary | undefined;
    const hostileDelay = await longestEventLoopDelay(async () => {
      const scan = Promise.resolve(vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspace)).finally(() => (scanning = false));
      // Round trips through the window (setContext runs there) for as long as the scan runs.
      while (scanning) {
        await vscode.commands.executeCommand('setContext', 'integrationCoach.test.roundTrip', roundTrips);
        roundTrips++;
      }
      summary = await scan;
    });
    assert.ok(summary);
    console.log(`      (longest event-loop delay: benign .gitignore ${benignDelay.toFixed(1)} ms, hostile ${hostileDelay.toFixed(1)} ms; hostile scan ${summary.durationMs} ms, ${roundTripsAtPauses.length} pauses, ${roundTrips} round trips)`);
    assert.deepEqual(underRules(summary.byFile), EXPECTED_UNDER_RULES, 'rules/vendor is still ignored, rules/generated still excluded');
    assert.equal(summary.cancelled, false);
    assert.ok(roundTripsAtPauses.length > 1, `the filter paused ${roundTripsAtPauses.length} times`);
    assert.ok(roundTripsAtPauses.at(-1)! > roundTripsAtPauses[0]!, `round trips completed between the filter's first and last slice: ${roundTripsAtPauses.join(', ')}`);
  });

  it('honours a negated pattern as the CLI does', async () => {
    await writeGitignore('rules/*.ts\n!rules/unbounded-retry.ts\n');
    // The CLI reads .gitignore files from the repository root down; the editor from the workspace folder.
    // A .git here makes the workspace folder the repository root (as when a repository is opened).
    await vscode.workspace.fs.writeFile(workspaceUri('.git'), new Uint8Array());
    try {
      const summary = await vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspace);
      const topOfRules = (files: string[]) => files.filter((file) => /^rules\/[^/]+$/.test(file)).sort();
      const editorFiles = topOfRules(Object.keys(summary.byFile));
      assert.deepEqual(editorFiles, ['rules/poll-status.js', 'rules/unbounded-retry.ts'], 'rules/*.ts ignored but the negated file; .js files untouched');
      assert.deepEqual(topOfRules(cliFilesWithFindings()), editorFiles, 'the CLI scans the same files');
    } finally {
      await vscode.workspace.fs.delete(workspaceUri('.git'));
    }
  });
});

/** The longest the extension host's event loop waited while `work` ran, in milliseconds. */
async function longestEventLoopDelay(work: () => Thenable<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  try {
    await work();
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

/** The workspace-relative paths of the files the built CLI reports findings in, scanning the workspace folder. */
function cliFilesWithFindings(): string[] {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const folder = workspaceUri('').fsPath;
  const run = spawnSync(process.execPath, [path.join(extension.extensionPath, 'dist', 'cli.js'), '-f', 'json', '.'], {
    cwd: folder,
    encoding: 'utf8',
    // The extension host may be Electron's binary; this makes it run as Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
    timeout: 120_000,
  });
  assert.ok(run.status === 0 || run.status === 1, `the CLI ran: exit ${run.status}, ${run.stderr}${run.error?.message ?? ''}`);
  const results = JSON.parse(run.stdout) as { filePath: string; messages: unknown[] }[];
  return results.filter((result) => result.messages.length > 0).map((result) => path.relative(folder, result.filePath).split(path.sep).join('/'));
}
