// The ESLint plugin (`integration-coach/eslint-plugin`), for flat config:
//
//   import integrationCoach from 'integration-coach/eslint-plugin';
//   export default [integrationCoach.configs.recommended];   // with typescript-eslint's parser for TypeScript
//
// Rule ids are `integration-coach/<id>`; each rule's docs URL is its page, docs/rules/<id>.md, on the web.
import type { ESLint, Linter, Rule } from 'eslint';
import { name, version } from '../../package.json';
import { rules } from './rules';

/**
 * The plugin in ESLint's own types, which every user of the plugin has (its declarations, dist/types, are
 * what an `eslint.config.ts` compiles against): typescript-eslint's, which the rules are made with, are
 * for those who lint TypeScript only.
 */
interface IntegrationCoachPlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: Record<string, Rule.RuleModule>;
  configs: { recommended: Linter.Config };
}

const PREFIX = 'integration-coach';

const plugin: IntegrationCoachPlugin = {
  meta: { name, version },
  // typescript-eslint's rule type is ESLint's with its AST types; the two differ only in those.
  rules: rules as unknown as Record<string, Rule.RuleModule>,
  configs: {} as IntegrationCoachPlugin['configs'],
};

plugin.configs.recommended = {
  name: `${PREFIX}/recommended`,
  plugins: { [PREFIX]: plugin },
  rules: Object.fromEntries(Object.keys(rules).map((id) => [`${PREFIX}/${id}`, 'warn'])),
};

// Keep `export =` the file's only export: esbuild emits a broken bundle if `export` statements sit beside it.
// @ts-expect-error -- TS1203: the bundle is CommonJS and `module.exports` must be the plugin itself, so that
// `import plugin from 'integration-coach/eslint-plugin'` (ESM) and `require(…)` both get the same object.
export = plugin;
