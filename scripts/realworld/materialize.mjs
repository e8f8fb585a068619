// Writes every file of the real-code set, as it was at its labelled commit, outside the repository.
// Reads the snapshots the `fetch` tool leaves on the machine; names the repositories still to fetch.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { materializedPath, mirrorOf, options, readReferences } from './references.mjs';

const { out } = options();
const missing = new Set();
let written = 0;
for (const reference of readReferences()) {
  const target = materializedPath(out, reference);
  if (existsSync(target)) {
    written++;
    continue;
  }
  const mirror = mirrorOf(reference);
  if (!existsSync(mirror)) {
    missing.add(reference.repo);
    continue;
  }
  try {
    const text = execFileSync('git', ['--git-dir', mirror, 'show', `${reference.commit}:${reference.path}`], { maxBuffer: 64 * 1024 * 1024 });
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    written++;
  } catch (error) {
    console.error(`${reference.repo} ${reference.path}@${reference.commit.slice(0, 8)}: ${String(error.stderr ?? error.message).trim()}`);
  }
}
console.log(`${written} files in ${out}`);
if (missing.size > 0) console.log(`fetch these first (github:owner/name):\n${[...missing].sort().map((repo) => `  ${repo}`).join('\n')}`);
