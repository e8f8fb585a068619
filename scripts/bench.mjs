// The benchmark (`npm run bench`; not a test). On two corpora, each a folder of its own under
// out/bench-corpus (git-ignored), it prints from one run:
//   - the parse floor: `ts.createSourceFile` alone over the corpus;
//   - `analyze` with every file parsed (parse + every rule) over the same texts, its ratio to the
//     floor, lines per second; and `analyze` as it runs by default, with the pre-check that passes
//     by files holding nothing a retry is made of (and a check that it hid no finding);
//   - the CLI's wall time on the corpus (default, one thread, every file parsed, each file alone), against ESLint
//     with typescript-eslint's parser and our plugin on the same files (one thread, and --concurrency auto);
//   - peak memory (max RSS) of each.
// The corpora and their goals:
//   typical      real TypeScript of at least 100,000 lines: the sources (not .d.ts) that packages in
//                node_modules ship (scripts/bench/corpus-typical.mjs). Goals: analyze ≤ 1.3× the parse
//                floor; the CLI ≥ 8× faster than ESLint.
//   retry-dense  generated files of 200–400 lines with a retry construct about every 15 lines, in the
//                shapes real code retries with (scripts/bench/corpus-retry-dense.mjs). Goals: analyze
//                ≤ 2× the parse floor; the CLI ≥ 6× faster than ESLint.
// Each measurement is warmed up once, then repeated (--runs N, default 5); the median is shown.
//
//   node scripts/bench.mjs [--runs 5] [--min-lines 100000] [--dense-lines 60000] [--corpus typical|retry-dense] [--skip-eslint]
//
// It uses the bundles in dist/ (build them first; `npm run bench` builds for production).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tsSourcesUnder, lineCount } from './bench/corpus-repository.mjs';
import { buildRetryDenseCorpus } from './bench/corpus-retry-dense.mjs';
import { buildTypicalCorpus } from './bench/corpus-typical.mjs';
import { CommandTimer, sameFindings, summarize, timeInProcess } from './bench/measure.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'min-lines': { type: 'string', default: '100000' },
    'dense-lines': { type: 'string', default: '60000' },
    corpus: { type: 'string' },
    'skip-eslint': { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(flags.runs));

// The bundles are copied first, so that a rebuild of dist/ during the run does not disturb it.
const toolsDir = path.join(root, 'out', 'bench-tools');
const BUNDLES = ['cli.js', 'cli-worker.js', 'api.js', 'eslint-plugin.js'];
for (const file of BUNDLES) {
  if (!existsSync(path.join(root, 'dist', file))) {
    console.error(`bench: dist/${file} is missing; run \`node scripts/build.mjs --production\` first.`);
    process.exit(2);
  }
}
const production = !existsSync(path.join(root, 'dist', 'cli.js.map'));
rmSync(path.join(toolsDir, 'dist'), { recursive: true, force: true });
mkdirSync(path.join(toolsDir, 'dist'), { recursive: true });
for (const file of BUNDLES) cpSync(path.join(root, 'dist', file), path.join(toolsDir, 'dist', file));
const dist = (file) => path.join(toolsDir, 'dist', file);

const corporaDir = path.join(root, 'out', 'bench-corpus');
const CORPORA = [
  {
    name: 'typical',
    // eslintToCli: the core's goal for the CLI; crossFileEslintToCli: the floor the analysis across files (on by
    // default) must keep the CLI above. Both are read off the default CLI.
    goals: { analyzeToFloor: 1.3, eslintToCli: 8, crossFileEslintToCli: 6 },
    build: (dir) =>
      buildTypicalCorpus({
        dir,
        nodeModules: path.join(root, 'node_modules'),
        fixturesDir: path.join(root, 'test', 'fixtures', 'cli'),
        minLines: Number(flags['min-lines']),
        eslintPluginFile: dist('eslint-plugin.js'),
      }),
  },
  {
    name: 'retry-dense',
    goals: { analyzeToFloor: 2, eslintToCli: 6 },
    build: (dir) => buildRetryDenseCorpus({ dir, minLines: Number(flags['dense-lines']), eslintPluginFile: dist('eslint-plugin.js') }),
  },
];
const chosen = CORPORA.filter((corpus) => !flags.corpus || corpus.name === flags.corpus);
if (chosen.length === 0) {
  console.error(`bench: --corpus must be one of: ${CORPORA.map((corpus) => corpus.name).join(', ')}.`);
  process.exit(2);
}

const ts = require('typescript');
const api = require(dist('api.js'));
const timer = new CommandTimer(toolsDir, RUNS);
const scriptKind = (file) => (file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
const fmt = (ms) => `${(ms / 1000).toFixed(3)} s`;
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
const verdict = (met) => (met ? 'met' : 'NOT MET');

/** Measures `analyze` against the parse floor on the corpus's texts, in this process; prints it and returns the ratio. */
function benchInProcess(corpus, files, lines) {
  let findings = 0;
  let findingsPreChecked = 0;
  // The floor is the plain call (JSDoc parsed, parent pointers set). analyze parses leaner (no JSDoc, parents set
  // during its own walk), so the lean parse alone is printed too: it shows what the walk itself costs.
  const leanParse = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const [floorMs, leanMs, analyzeMs, preCheckedMs, preCheckMs] = timeInProcess(
    RUNS,
    () => {
      for (const { file, text } of files) ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
    },
    () => {
      for (const { file, text } of files) ts.createSourceFile(file, text, leanParse, false, scriptKind(file));
    },
    () => {
      findings = 0;
      for (const { file, text } of files) findings += api.analyze(text, file, { preCheck: false }).length;
    },
    () => {
      findingsPreChecked = 0;
      for (const { file, text } of files) findingsPreChecked += api.analyze(text, file).length;
    },
    () => {
      for (const { file, text } of files) api.mayContainRetry(text, file);
    },
  );
  // The pre-check's share, and its one duty: a file it passes by has no findings when parsed.
  const passedBy = files.filter(({ file, text }) => !api.mayContainRetry(text, file));
  const passedByLines = passedBy.reduce((sum, { text }) => sum + lineCount(text), 0);
  const hidden = passedBy.filter(({ file, text }) => api.analyze(text, file, { preCheck: false }).length > 0);
  const perSecond = (ms) => Math.round((lines / ms) * 1000).toLocaleString('en');
  const ratio = analyzeMs / floorMs;
  const goal = corpus.goals.analyzeToFloor;

  console.log('\nin process (one thread)');
  console.log(`  ts.createSourceFile (floor)  ${fmt(floorMs).padStart(9)}  ${perSecond(floorMs).padStart(11)} lines/s`);
  console.log(`  ts.createSourceFile, lean     ${fmt(leanMs).padStart(9)}  ${perSecond(leanMs).padStart(11)} lines/s  (as analyze parses: no JSDoc, no parent pass)`);
  console.log(`  analyze, every file parsed   ${fmt(analyzeMs).padStart(9)}  ${perSecond(analyzeMs).padStart(11)} lines/s  ${findings} findings`);
  console.log(`  analyze / floor              ${ratio.toFixed(2)}×   (goal ≤ ${goal.toFixed(2)}×)  ${verdict(ratio <= goal)}`);
  console.log(`  analyze / lean parse         ${(analyzeMs / leanMs).toFixed(2)}×   (the cost of the walk and the rules)`);
  console.log(`  analyze (default: pre-check) ${fmt(preCheckedMs).padStart(9)}  ${perSecond(preCheckedMs).padStart(11)} lines/s  ${findingsPreChecked} findings; ${(preCheckedMs / floorMs).toFixed(2)}× the floor`);
  console.log(`  pre-check alone              ${fmt(preCheckMs).padStart(9)}  ${perSecond(preCheckMs).padStart(11)} lines/s  passes by ${passedBy.length} of ${files.length} files (${Math.round((100 * passedByLines) / lines)}% of the lines)`);
  console.log(`  findings hidden by it        ${hidden.length}${hidden.length ? `  NOT SOUND: ${hidden.slice(0, 5).map(({ file }) => path.relative(corporaDir, file)).join(', ')}` : '  (files it passed by, parsed and analysed: no findings)'}`);
  console.log(`  peak RSS of this process     ${mib(process.resourceUsage().maxRSS)}  (so far)`);
  return ratio;
}

/** Times the CLI and ESLint on the corpus; prints them and returns ESLint's wall time over the CLI's (undefined without ESLint). */
function benchCommands(corpus, dir) {
  // The CLI's code cache (see src/cli/engine-loader.ts) is made by the warm-up run; "first run" is that cold run.
  timer.clearTmp();
  const eslintBin = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
  // --no-inline-config: the vendored sources' eslint-disable comments name rules this config does not load.
  const eslintArgs = [eslintBin, '--format', 'json', '--no-inline-config', 'src'];
  const commands = timer.time(dir, [
    { label: 'integration-coach', args: [dist('cli.js'), '--format', 'json', 'src'] },
    { label: 'integration-coach --concurrency off', args: [dist('cli.js'), '--format', 'json', '--concurrency', 'off', 'src'] },
    { label: 'integration-coach --no-pre-check', args: [dist('cli.js'), '--format', 'json', '--no-pre-check', 'src'] },
    { label: 'integration-coach --no-cross-file', args: [dist('cli.js'), '--format', 'json', '--no-cross-file', 'src'] },
    ...(flags['skip-eslint']
      ? []
      : [
          { label: 'eslint (typescript-eslint parser + plugin)', args: eslintArgs },
          { label: 'eslint … --concurrency auto', args: [...eslintArgs, '--concurrency', 'auto'] },
        ]),
  ]);
  const [cli, cliSingle, cliEveryFile, cliAlone, eslint, eslintConcurrent] = commands;
  const cliSummary = summarize(cli.output);

  console.log(`\ncommand line on the corpus (${cliSummary.files} files, ${cliSummary.problems} findings)`);
  console.log(`  ${'command'.padEnd(44)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)} ${'first run'.padStart(10)} ${'peak RSS'.padStart(9)}`);
  for (const result of commands) {
    console.log(`  ${result.label.padEnd(44)} ${fmt(result.ms).padStart(9)} ${fmt(result.cpuMs).padStart(9)} ${fmt(result.firstMs).padStart(10)} ${mib(result.rssKiB).padStart(9)}`);
  }
  // Following imports (the default) against reading each file alone: its cost in time and memory, and what it adds.
  console.log(`  imports followed / each file alone: wall ${(cli.ms / cliAlone.ms).toFixed(2)}×, peak RSS ${(cli.rssKiB / cliAlone.rssKiB).toFixed(2)}× (goal < 2×); findings ${cliSummary.problems} / ${summarize(cliAlone.output).problems}`);
  if (!eslint) return undefined;
  const eslintSummary = summarize(eslint.output);
  const goal = corpus.goals.eslintToCli;
  console.log('\nratios (wall time; CPU time in brackets)');
  const ratio = (a, b) => `${(a.ms / b.ms).toFixed(1)}× (${(a.cpuMs / b.cpuMs).toFixed(1)}×)`;
  console.log(`  ESLint (one thread) / CLI                ${ratio(eslint, cli)}   goal ≥ ${goal}×: ${verdict(eslint.ms / cli.ms >= goal)}`);
  const crossFileGoal = corpus.goals.crossFileEslintToCli;
  if (crossFileGoal) console.log(`    with imports followed (the default)    goal ≥ ${crossFileGoal}×: ${verdict(eslint.ms / cli.ms >= crossFileGoal)}`);
  console.log(`  ESLint --concurrency auto / CLI          ${ratio(eslintConcurrent, cli)}`);
  console.log(`  ESLint (one thread) / CLI (one thread)   ${ratio(eslint, cliSingle)}`);
  console.log(`  ESLint (one thread) / CLI --no-pre-check ${ratio(eslint, cliEveryFile)}   (every file parsed)`);
  console.log(`  ESLint first run / CLI first run         ${(eslint.firstMs / cli.firstMs).toFixed(1)}×`);
  if (eslintSummary.files !== cliSummary.files) console.log(`  note: ESLint linted ${eslintSummary.files} files, the CLI ${cliSummary.files}`);
  const same = sameFindings(cliSummary, eslintSummary) && sameFindings(cliSummary, summarize(cliEveryFile.output));
  console.log(`  same findings (file, line, column, rule) from the CLI, the CLI --no-pre-check and the ESLint plugin: ${same ? 'yes' : 'NO'}${eslintSummary.parseErrors ? `; ESLint parse errors: ${eslintSummary.parseErrors}` : ''}`);
  return eslint.ms / cli.ms;
}

console.log(`Integration Coach benchmark: node ${process.version}, ${os.availableParallelism()} cores, TypeScript ${ts.version}, ${production ? 'production' : 'development'} build, median of ${RUNS} runs after a warm-up`);
const outcomes = [];
for (const corpus of chosen) {
  const dir = path.join(corporaDir, corpus.name);
  const built = corpus.build(dir);
  const files = [...tsSourcesUnder(path.join(dir, 'src'))].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  console.log(`\n=== ${corpus.name} corpus: ${files.length} files, ${built.lines.toLocaleString('en')} lines in ${path.relative(root, dir)}/src`);
  console.log(`  ${built.origin}`);
  const analyzeToFloor = benchInProcess(corpus, files, built.lines);
  const eslintToCli = benchCommands(corpus, dir);
  outcomes.push({ corpus, analyzeToFloor, eslintToCli });
}

console.log('\ngoals');
for (const { corpus, analyzeToFloor, eslintToCli } of outcomes) {
  const { goals } = corpus;
  const analyzed = `analyze / floor ${analyzeToFloor.toFixed(2)}× (≤ ${goals.analyzeToFloor.toFixed(2)}×) ${verdict(analyzeToFloor <= goals.analyzeToFloor)}`;
  const crossFile = goals.crossFileEslintToCli ? `; imports followed ≥ ${goals.crossFileEslintToCli}×: ${verdict(eslintToCli >= goals.crossFileEslintToCli)}` : '';
  const compared = eslintToCli === undefined ? 'ESLint skipped' : `ESLint / CLI ${eslintToCli.toFixed(1)}× (≥ ${goals.eslintToCli}×) ${verdict(eslintToCli >= goals.eslintToCli)}${crossFile}`;
  console.log(`  ${corpus.name.padEnd(12)} ${analyzed.padEnd(40)} ${compared}`);
}
console.log(`\nload average at the end: ${os.loadavg().map((load) => load.toFixed(2)).join(' ')} (on ${os.availableParallelism()} cores; a busy machine slows the wall times)`);
