// The typical corpus: real TypeScript, the sources (not .d.ts) that packages in node_modules ship,
// with our CLI fixtures, topped up with generated retry code when they are too few lines.
import { cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshCorpusRepository, lineCount, tsSourcesUnder } from './corpus-repository.mjs';

/** Retry code as the rules see it, varied, to top the corpus up and to give it findings. */
function generatedFile(i) {
  const n = `${i}`;
  const shapes = [
    `export async function submitOrder${n}(order: Order): Promise<Response> {\n  while (true) {\n    try {\n      return await fetch('/orders', { method: 'POST', body: JSON.stringify(order) });\n    } catch {\n      await sleep(1000);\n    }\n  }\n}\n`,
    `export async function getProfile${n}(id: string) {\n  for (let attempt = 0; attempt < 3; attempt++) {\n    try {\n      return await api.get(\`/profiles/\${id}\`);\n    } catch (err) {\n      await sleep(Math.random() * 200 * 2 ** attempt);\n    }\n  }\n  throw new Error('unavailable');\n}\n`,
    `export async function pay${n}(payment: Payment) {\n  for (let attempt = 0; attempt < 4; attempt++) {\n    try {\n      return await fetch('/api/payments', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify(payment) });\n    } catch { await sleep(Math.random() * 500 * 2 ** attempt); }\n  }\n}\n`,
    `export class Repository${n}<T extends { id: string }> {\n  private readonly items = new Map<string, T>();\n  add(item: T): void { this.items.set(item.id, item); }\n  find(id: string): T | undefined { return this.items.get(id); }\n  list(filter?: (item: T) => boolean): T[] { return [...this.items.values()].filter(filter ?? (() => true)); }\n}\n`,
  ];
  return `// Generated for the benchmark.\ndeclare function sleep(ms: number): Promise<void>;\n${Array.from({ length: 12 }, (_, k) => shapes[(i + k) % shapes.length].replace(/(\w+)(\d+)(\(|<)/, `$1$2_${k}$3`)).join('\n')}`;
}

/**
 * Builds the corpus in `dir` (see corpus-repository.mjs) from the packages in `nodeModules`, the CLI
 * fixtures in `fixturesDir` and at least `minLines` lines in all.
 */
export function buildTypicalCorpus({ dir, nodeModules, fixturesDir, minLines, eslintPluginFile }) {
  const sourceDir = freshCorpusRepository(dir, eslintPluginFile);
  let lines = 0;
  let files = 0;
  const packages = new Map();
  for (const file of tsSourcesUnder(nodeModules)) {
    if (statSync(file).size > 512 * 1024) continue;
    const relative = path.relative(nodeModules, file);
    // Folder names that this repository's .gitignore ignores (dist/, out/, …) are renamed: the CLI
    // honours .gitignore and ESLint does not, and both must lint the same files.
    const plain = (part) => (['node_modules', 'dist', 'out', 'test-results', '.vscode-test'].includes(part) ? `${part}_` : part);
    const target = path.join(sourceDir, 'vendor', relative.split(path.sep).map(plain).join(path.sep));
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(file, target);
    const count = lineCount(readFileSync(file, 'utf8'));
    lines += count;
    files++;
    const name = relative.split(path.sep).slice(0, relative.startsWith('@') ? 2 : 1).join('/');
    packages.set(name, (packages.get(name) ?? 0) + count);
  }
  // Our own CLI fixtures (findings), and generated retry code up to the minimum.
  for (const name of ['retry.ts', 'clean.ts']) {
    cpSync(path.join(fixturesDir, name), path.join(sourceDir, 'fixtures', name));
    lines += lineCount(readFileSync(path.join(fixturesDir, name), 'utf8'));
    files++;
  }
  let generated = 0;
  for (let i = 0; lines < minLines || i < 40; i++) {
    const text = generatedFile(i);
    const target = path.join(sourceDir, 'generated', `g${i % 10}`, `retry${i}.ts`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    lines += lineCount(text);
    files++;
    generated++;
  }
  const topPackages = [...packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
  const origin = `from node_modules: ${topPackages.map(([name, count]) => `${name} ${count.toLocaleString('en')}`).join(', ')}, …; ${generated} generated files`;
  return { lines, files, origin };
}
