// The ESLint plugin (`integration-coach/eslint-plugin`), for flat config:
//
//   import integrationCoach from 'integration-coach/eslint-plugin';
//   export default [integrationCoach.configs.recommended];   // with typescript-eslint's parser for TypeScript
//
// Rule ids are `integration-coach/<id>`; each rule's docs URL opens its lesson section.
import type { TSESLint } from '@typescript-eslint/utils';
import { name, version } from '../../package.json';
import { rules, type IntegrationCoachRule } from './rules';

interface IntegrationCoachPlugin {
  meta: { name: string; version: string };
  rules: Record<string, IntegrationCoachRule>;
  configs: { recommended: TSESLint.FlatConfig.Config };
}

const PREFIX = 'integration-coach';

const plugin: IntegrationCoachPlugin = {
  meta: { name, version },
  rules,
  configs: {} as IntegrationCoachPlugin['configs'],
};

plugin.configs.recommended = {
  name: `${PREFIX}/recommended`,
  plugins: { [PREFIX]: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: Object.fromEntries(Object.keys(rules).map((id) => [`${PREFIX}/${id}`, 'warn'])),
};

// Keep `export =` the file's only export: esbuild emits a broken bundle if `export` statements sit beside it.
// @ts-expect-error -- TS1203: the bundle is CommonJS and `module.exports` must be the plugin itself, so that
// `import plugin from 'integration-coach/eslint-plugin'` (ESM) and `require(…)` both get the same object.
export = plugin;
