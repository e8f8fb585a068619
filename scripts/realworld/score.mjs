// Scores the rules on the real-code set: per set and per rule, the share of labelled problems found
// (recall) and the share of findings that match no labelled problem (false). See test/realworld/README.md.
import { existsSync, readFileSync } from 'node:fs';
import { importFromRoot, materializedPath, options, readReferences, SNAPSHOT_ROOT, snapshotHost } from './references.mjs';

/** How far from a construct's anchor line a finding may sit when it falls outside the span. */
const ANCHOR_SLACK = 2;

const { out, verbose, crossFile, related, sets } = options();
const { analyzeProject, analyzeSource, rules } = await importFromRoot('dist/api.js');
/** The rule ids, in the catalog's order (src/analysis/rules/catalog.ts). */
const RULES = rules.map((rule) => rule.id);

const tallies = new Map();
const tally = (set, rule) => {
  const key = `${set}\t${rule}`;
  if (!tallies.has(key)) tallies.set(key, { found: 0, labelled: 0, findings: 0, falseFindings: 0, unjudged: 0 });
  return tallies.get(key);
};
const details = [];
let files = 0;

for (const reference of readReferences().filter((entry) => !sets || sets.includes(entry.set))) {
  const file = materializedPath(out, reference);
  if (!existsSync(file)) continue;
  files++;
  const result = analyse(reference, file);
  const findings = result.findings.map((finding) => ({
    rules: rulesOf(finding),
    rule: finding.ruleId,
    line: finding.range.start.line + 1,
    // The retry a request's finding names (reported at the request, it may be labelled at the retry).
    relatedLines: (finding.related ?? []).map((place) => place.range.start.line + 1),
    message: finding.message,
  }));
  // Sets labelled before `at` judged each file alone: what another file shows was out of their sight.
  const judgedAlone = crossFile && reference.deps === undefined ? findingKeys(analyzeSource(readFileSync(file, 'utf8'), reference.path, { timeBudgetMs: 10_000 })) : undefined;
  if (result.skipped) details.push(`SKIPPED ${reference.repo}/${reference.path}: ${result.skipped}`);
  for (const construct of reference.constructs) {
    for (const rule of problemRules(construct)) {
      for (const set of [reference.set, 'all']) tally(set, rule).labelled++;
      const hit = findings.some((finding) => finding.rules.includes(rule) && matches(finding, construct));
      if (hit) for (const set of [reference.set, 'all']) tally(set, rule).found++;
      else details.push(`MISS  ${rule} ${reference.repo}/${reference.path}:${construct.line} (${construct.why})`);
    }
  }
  for (const finding of findings) {
    const right = reference.constructs.some((construct) => problemRules(construct).includes(finding.rule) && matches(finding, construct));
    const unjudged = !right && judgedAlone !== undefined && !judgedAlone.has(`${finding.rule}:${finding.line}`);
    for (const set of [reference.set, 'all']) {
      if (unjudged) {
        tally(set, finding.rule).unjudged++;
        continue;
      }
      tally(set, finding.rule).findings++;
      if (!right) tally(set, finding.rule).falseFindings++;
    }
    if (unjudged) details.push(`UNJUDGED ${finding.rule} ${reference.repo}/${reference.path}:${finding.line} ${finding.message.slice(0, 140)}`);
    else if (!right) details.push(`FALSE ${finding.rule} ${reference.repo}/${reference.path}:${finding.line} ${finding.message.slice(0, 140)}`);
  }
}

/** The file's findings: alone, or with its imports followed into its repository's snapshot (`--cross-file`). */
function analyse(reference, file) {
  const host = crossFile ? snapshotHost(reference) : undefined;
  if (!host) return analyzeSource(readFileSync(file, 'utf8'), reference.path, { timeBudgetMs: 10_000 });
  return analyzeProject([`${SNAPSHOT_ROOT}/${reference.path}`], host, { timeBudgetMs: 10_000 })[0];
}

function findingKeys(result) {
  return new Set(result.findings.map((finding) => `${finding.ruleId}:${finding.range.start.line + 1}`));
}

/** The rules one finding reports: an unbounded retry's finding also says when its waits lack jitter. */
function rulesOf(finding) {
  return finding.ruleId === 'unbounded-retry' && finding.data?.alsoJitter ? [finding.ruleId, 'retry-without-jitter'] : [finding.ruleId];
}

function problemRules(construct) {
  return construct.rule === 'none' ? [] : [construct.rule, ...(construct.also ?? [])];
}

/**
 * A finding matches a labelled construct when it sits in the construct's span or near its anchor line, or (with
 * `--related`) when a place it names (the retry that repeats the request it reports) does: a labeller who wrote the
 * missing key at the retry helper, and a rule that reports it at each POST the helper sends, speak of one problem.
 */
function matches(finding, construct) {
  const [first, last] = construct.span ?? [construct.line, construct.line];
  const within = (line) => (line >= first && line <= last) || Math.abs(line - construct.line) <= ANCHOR_SLACK;
  return within(finding.line) || (related && finding.relatedLines.some(within));
}

const percent = (part, whole) => (whole === 0 ? '   –' : `${((100 * part) / whole).toFixed(0).padStart(3)}%`);
console.log(`${files} files scored (of ${readReferences().length} referenced)\n`);
console.log(`set  rule                       recall           false findings${crossFile ? '   unjudged (another file)' : ''}`);
for (const set of [...new Set(readReferences().map((reference) => reference.set))].sort().concat('all')) {
  const total = { found: 0, labelled: 0, findings: 0, falseFindings: 0, unjudged: 0 };
  for (const rule of RULES) {
    const t = tallies.get(`${set}\t${rule}`);
    if (!t) continue;
    for (const key of Object.keys(total)) total[key] += t[key];
    console.log(row(set, rule, t));
  }
  console.log(`${row(set, '(all rules)', total)}\n`);
}
function row(set, rule, t) {
  const columns = `${set.padEnd(4)} ${rule.padEnd(26)} ${percent(t.found, t.labelled)} ${`${t.found}/${t.labelled}`.padEnd(9)}   ${percent(t.falseFindings, t.findings)} ${`${t.falseFindings}/${t.findings}`.padEnd(9)}`;
  return crossFile ? `${columns}  ${t.unjudged}` : columns.trimEnd();
}

if (verbose) console.log(details.sort().join('\n'));
