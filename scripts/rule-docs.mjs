// Writes the rules' pages, docs/rules/<rule-id>.md, from the rule catalog and the lesson content
// (src/docs/rule-docs.ts makes them). test/unit/docs/rule-docs.test.ts checks that the files in the
// repository are what it makes: after changing a rule's catalog entry or the lesson, run
//
//   node scripts/rule-docs.mjs
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entry = "export { ruleDocMarkdown, RULE_DOCS_FOLDER } from './src/docs/rule-docs';\nexport { RULE_IDS } from './src/analysis/rules/catalog';\n";
const built = await esbuild.build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const { ruleDocMarkdown, RULE_DOCS_FOLDER, RULE_IDS } = await import(`data:text/javascript,${encodeURIComponent(built.outputFiles[0].text)}`);
const folder = path.join(root, RULE_DOCS_FOLDER);
mkdirSync(folder, { recursive: true });
for (const id of RULE_IDS) writeFileSync(path.join(folder, `${id}.md`), ruleDocMarkdown(id));
console.log(`wrote ${RULE_IDS.length} pages in ${RULE_DOCS_FOLDER}/`);
