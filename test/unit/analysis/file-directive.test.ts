// "Disable for this file" writes a disable block where the editor places it (after a shebang and a licence
// header); the core, the CLI and the ESLint plugin (one directive parser) each drop that rule's findings in the
// whole file and keep the others.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as typescriptEslintParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { analyze } from '../../../src/analysis';
import { disableFileEdit } from '../../../src/editor/text-helpers';
import { json, runCli, tempDir } from '../cli/helpers';
import { repoRoot } from '../repo-root';

const ORIGINAL = `#!/usr/bin/env node
// Copyright 2026 Shop. SPDX-License-Identifier: MIT

export async function placeOrder(order: { id: string }): Promise<Response> {
  while (true) {
    try {
      return await fetch('https://shop.example.com/orders', { method: 'POST', body: JSON.stringify(order) });
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
`;

/** The file after "Disable unbounded-retry for this file", edited as the editor's code action edits it. */
function withFileDirective(text: string): string {
  const lines = text.split('\n');
  const edit = disableFileEdit(lines, 'unbounded-retry');
  assert.equal(edit.kind, 'insertLine');
  return [...lines.slice(0, edit.line), edit.text.replace(/\n$/, ''), ...lines.slice(edit.line)].join('\n');
}

const DISABLED = withFileDirective(ORIGINAL);

describe('a file-level disable directive, in every host', () => {
  const dir = tempDir('file-directive');

  it('sits after the shebang and the licence header', () => {
    assert.deepEqual(DISABLED.split('\n').slice(0, 4), ['#!/usr/bin/env node', '// Copyright 2026 Shop. SPDX-License-Identifier: MIT', '', '/* integration-coach-disable unbounded-retry */']);
  });

  it('the core drops that rule in the whole file and keeps the others', () => {
    assert.deepEqual(analyze(ORIGINAL, 'order.ts').map((finding) => finding.ruleId).sort(), ['missing-idempotency-key', 'unbounded-retry']);
    assert.deepEqual(analyze(DISABLED, 'order.ts').map((finding) => finding.ruleId), ['missing-idempotency-key']);
  });

  it('the CLI does the same', () => {
    writeFileSync(path.join(dir.path, 'order.ts'), DISABLED);
    const run = runCli(['-f', 'json', 'order.ts'], { cwd: dir.path });
    assert.deepEqual(json(run.stdout).flatMap((result) => result.messages.map((message) => message.ruleId)), ['missing-idempotency-key'], run.stderr);
  });

  it('the ESLint plugin does the same', async () => {
    const root = repoRoot();
    const plugin = createRequire(__filename)(path.join(root, 'dist', 'eslint-plugin.js')) as { configs: { recommended: Linter.Config } };
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [plugin.configs.recommended, { files: ['**/*.ts'], languageOptions: { parser: typescriptEslintParser as unknown as Linter.Parser } }],
    });
    const [result] = await eslint.lintText(DISABLED, { filePath: path.join(root, 'test', 'fixtures', 'cli', 'eslint', 'order.ts') });
    assert.deepEqual(result!.messages.map((message) => message.ruleId), ['integration-coach/missing-idempotency-key']);
  });
});
