// The rule ids, known to the main thread without loading the analysis core (and TypeScript): with
// workers, only they load it. The rule catalog imports nothing, so reading it here stays light.
export { RULE_IDS } from '../analysis/rules/catalog';
