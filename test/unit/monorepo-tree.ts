// A monorepo as the file filter meets it: 700 packages, each with the same ordinary .gitignore, its
// source in src/ and its build output in build/ (which the .gitignore ignores). Given as paths and texts,
// for the filter in memory and for the built CLI on disk. Not a test file itself (no `.test` in its name).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PACKAGE_COUNT = 700;

/** The .gitignore of every package: eight ordinary lines, none with more than one wildcard. */
export const PACKAGE_GITIGNORE = ['build/', '*.log', 'node_modules/', 'dist/', '.env', 'coverage/', '*.tsbuildinfo', '.DS_Store'].join('\n');

export interface MonorepoTree {
  /** The .gitignore files' texts, by folder ('' for the root), in walk order. */
  gitignores: Map<string, string>;
  /** The source files, by path relative to the root: what a scan reads. */
  sources: string[];
  /** The build output, by path: what the .gitignore files leave out. */
  builds: string[];
}

export function monorepoTree(): MonorepoTree {
  const tree: MonorepoTree = { gitignores: new Map([['', 'node_modules/\n']]), sources: [], builds: [] };
  for (let i = 0; i < PACKAGE_COUNT; i++) {
    const pkg = `packages/pkg-${String(i).padStart(3, '0')}`;
    tree.gitignores.set(pkg, PACKAGE_GITIGNORE);
    tree.sources.push(`${pkg}/src/index.ts`);
    tree.builds.push(`${pkg}/build/index.js`);
  }
  return tree;
}

/** Writes the tree under `root`, with a `.git` folder that makes `root` the repository root. */
export function writeMonorepo(root: string, tree: MonorepoTree): void {
  mkdirSync(path.join(root, '.git'), { recursive: true });
  for (const [folder, text] of tree.gitignores) {
    mkdirSync(path.join(root, folder), { recursive: true });
    writeFileSync(path.join(root, folder, '.gitignore'), text);
  }
  for (const [i, file] of [...tree.sources, ...tree.builds].entries()) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), `export const value${i} = ${i};\n`);
  }
}
