// The SARIF log against GitHub code scanning's documented requirements ("SARIF support for code scanning",
// docs.github.com), beyond the schema: what each rule and result must carry for an upload to become alerts
// that keep their identity, and the limits an upload must stay within.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { FIXTURES, runCli, tempDir } from './helpers';

/** GitHub's documented upload limits that a run of this tool could reach. */
const LIMITS = { runs: 20, resultsPerRun: 25_000, locationsPerResult: 1_000, tagsPerRule: 20 };

describe('SARIF for GitHub code scanning', function () {
  this.timeout(60_000);
  const dir = tempDir('ic-sarif-github');

  it('carries what GitHub reads for each rule and each result, within its limits', () => {
    const source = readFileSync(path.join(FIXTURES, 'retry.ts'), 'utf8');
    writeFileSync(path.join(dir.path, 'a.ts'), source);
    writeFileSync(path.join(dir.path, 'b.ts'), source.replace(/^(\s*)(while \(true\))/m, '$1// integration-coach-disable-next-line unbounded-retry -- paced by the queue\n$1$2'));
    const run = runCli(['-f', 'sarif', '--sarif-root', '.', 'a.ts', 'b.ts'], { cwd: dir.path });
    const log = JSON.parse(run.stdout) as Log;
    assert.equal(log.version, '2.1.0');
    assert.ok(log.$schema);
    assert.ok(log.runs.length >= 1 && log.runs.length <= LIMITS.runs);
    const sarifRun = log.runs[0]!;
    const driver = sarifRun.tool.driver;
    assert.ok(driver.name && driver.semanticVersion, 'the tool names itself and its version');
    const ruleIds = new Set<string>();
    for (const rule of driver.rules ?? []) {
      ruleIds.add(rule.id);
      assert.ok(rule.shortDescription?.text && rule.fullDescription?.text, `${rule.id}: descriptions`);
      assert.ok(rule.help?.text && rule.help.markdown, `${rule.id}: help in text and Markdown`);
      assert.match(rule.helpUri ?? '', /^https:\/\//, `${rule.id}: a help page on the web`);
      assert.ok(['note', 'warning', 'error'].includes(rule.defaultConfiguration?.level ?? ''), `${rule.id}: a level`);
      const tags = (rule.properties as { tags?: unknown } | undefined)?.tags;
      assert.ok(Array.isArray(tags) && tags.length > 0 && tags.length <= LIMITS.tagsPerRule && tags.every((tag) => typeof tag === 'string'), `${rule.id}: tags`);
    }
    const results = sarifRun.results ?? [];
    assert.ok(results.length > 0 && results.length <= LIMITS.resultsPerRun);
    for (const result of results) {
      assert.ok(result.ruleId && ruleIds.has(result.ruleId), 'a rule the driver lists');
      assert.equal(driver.rules![result.ruleIndex!]!.id, result.ruleId, 'ruleIndex points at it');
      assert.ok(result.message.text, 'a message');
      assert.ok(result.locations && result.locations.length >= 1 && result.locations.length <= LIMITS.locationsPerResult);
      const location = result.locations[0]!.physicalLocation!;
      assert.match(location.artifactLocation!.uri!, /^[ab]\.ts$/, 'a path relative to the source root, the same on every run');
      assert.equal(location.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.ok(Number.isInteger(location.region!.startLine) && location.region!.startLine! >= 1, 'a 1-based start line');
      assert.match(Object.values(result.partialFingerprints ?? {})[0] ?? '', /^[0-9a-f]{32}$/, 'a fingerprint of its own');
      assert.equal(result.partialFingerprints?.primaryLocationLineHash, undefined, 'GitHub computes the key it reserves');
    }
    const suppressed = results.filter((result) => result.suppressions?.length);
    assert.deepEqual(suppressed.map((result) => [result.ruleId, result.suppressions![0]!.kind, result.suppressions![0]!.justification]), [['unbounded-retry', 'inSource', 'paced by the queue']]);
  });
});
